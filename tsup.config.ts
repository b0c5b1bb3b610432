import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
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
  },
]);
