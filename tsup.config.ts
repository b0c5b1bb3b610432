import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    // The second thread of --threads 2 (src/threads/): its file, built below with the library's
    // own imports, so that both threads of a library check run the same dependencies.
    define: { __DUTY_COMPLIANCE_WORKER__: JSON.stringify('library-worker.js') },
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    platform: 'node',
  },
  {
    // The CLI is an ESM executable; it bundles the library so `bin` works without the index.
    // It bundles its dependencies too: Node resolves and loads each ESM file of a package apart
    // (zod is ~100 files, date-fns' barrel ~300), which cost a CI-sized check most of its
    // start-up; esbuild keeps only what is used. What is loaded on demand (the xlsx readers,
    // json-rules-engine, yaml) stays in chunks of its own, loaded only by a dynamic import.
    entry: { cli: 'src/cli/main.ts', 'judge-worker': 'src/threads/judge-worker.ts' },
    format: ['esm'],
    splitting: true,
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    noExternal: [/.*/],
    // The bundled CommonJS packages (yaml, yauzl, papaparse …) require Node's built-ins; an ES
    // module has no `require` of its own, so every output file gets one.
    banner: { js: "#!/usr/bin/env node\nimport { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
    define: { __DUTY_COMPLIANCE_WORKER__: JSON.stringify('judge-worker.js') },
  },
  {
    // The library's second thread: its dependencies imported from node_modules, as index.js does.
    entry: { 'library-worker': 'src/threads/judge-worker.ts' },
    format: ['esm'],
    dts: false,
    sourcemap: true,
    clean: false,
    target: 'node20',
    platform: 'node',
    define: { __DUTY_COMPLIANCE_WORKER__: JSON.stringify('library-worker.js') },
  },
]);
