import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Fixed fast-check seed for every property test (npm run fuzz draws a new one).
    setupFiles: ['test/_lib/fast-check-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // The JSON report lets .ci/run print a plain "N passed, N failed" closing line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-report.json' }]],
  },
});
