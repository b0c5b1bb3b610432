import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliCapturing } from '../_lib/cli.js';

/**
 * The same JSON report, byte for byte, whichever evaluator and however often it runs (issue 8),
 * on a small generated city with every pack its config enables.
 */
const root = mkdtempSync(join(tmpdir(), 'duty-same-report-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let city = '';
beforeAll(() => {
  city = join(root, 'city');
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '40', '--days', '35', '--seed', 'same-report', '--out', city, '--quiet']);
});

const checkJson = async (roster: string, config: string, ...extra: string[]) => {
  const run = await runCliCapturing(['check', join(city, 'dataset.json'), '--roster', join(city, roster), '--config', join(city, config), '--format', 'json', ...extra], { cwd: root, now: () => new Date('2018-01-01T00:00:00Z') });
  expect(run.stderr).not.toMatch(/Error|at .*\(/);
  return run;
};

describe('the same report', () => {
  for (const [roster, config] of [['roster.ndjson', 'config.json'], ['roster.csv', 'config.json'], ['roster.xlsx', 'config-wide.json']] as const) {
    it(`from the compiled and the json-rules-engine evaluator, and from two runs (${roster})`, async () => {
      const compiled = await checkJson(roster, config);
      const again = await checkJson(roster, config);
      const reference = await checkJson(roster, config, '--evaluator', 'json-rules-engine');
      const report = JSON.parse(compiled.stdout) as { violations?: unknown[] };
      expect(report.violations?.length ?? 0).toBeGreaterThan(0);
      expect(again.stdout).toBe(compiled.stdout);
      expect(reference.stdout).toBe(compiled.stdout);
      expect(reference.code).toBe(compiled.code);
    }, 60_000);
  }
});
