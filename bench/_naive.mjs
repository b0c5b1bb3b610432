// The naive path against ours, on the same facts (a child of bench/city.mjs; `node bench/_naive.mjs DIR`).
// 1. Checks DIR with `--include subjects`, which keeps every judged subject's facts (plain values).
// 2. Evaluates every check of every rule on those facts twice: json-rules-engine (one Engine per
//    rule, `run(facts)` per subject, as an app would use it) and the compiled conditions the
//    engine uses (src/engine/_lib/compile-conditions.ts, bundled here with esbuild from the source).
// 3. Times the whole check both ways (`evaluator: 'json-rules-engine'` against the default).
// Prints one JSON line.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import { Engine } from 'json-rules-engine';
import { checkFiles, createRuleRegistry } from '../dist/index.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = process.argv[2];
const out = `${root}bench/.data/_compile-conditions.mjs`;
mkdirSync(`${root}bench/.data`, { recursive: true });
await build({ entryPoints: [`${root}src/engine/_lib/compile-conditions.ts`], bundle: true, format: 'esm', platform: 'node', outfile: out, logLevel: 'error', packages: 'external' });
const { compileConditions } = await import(out);

const files = { dataset: `${dir}/dataset.json`, rosters: [`${dir}/roster.ndjson`] };
const config = `${dir}/config.json`;
const time = async (fn) => {
  const t = performance.now();
  const value = await fn();
  return [(performance.now() - t) / 1000, value];
};
const [compiledCheck, report] = await time(() => checkFiles(files, { configFile: config, include: ['subjects'] }));
const [referenceCheck] = await time(() => checkFiles(files, { configFile: config, evaluator: 'json-rules-engine' }));
const registry = await createRuleRegistry();

const work = [];
for (const rule of report.rules) {
  const { definition } = registry.rules.get(rule.id);
  const options = Object.fromEntries(Object.entries(definition.options).map(([k, o]) => [k, o.default]));
  for (const [i, c] of definition.checks.entries()) work.push({ conditions: c.conditions, event: { type: `check-${i}` }, subjects: (rule.judged ?? []).map((j) => ({ ...j.facts, options })) });
}
const evaluations = work.reduce((n, w) => n + w.subjects.length, 0);
let held = [0, 0];
// One pass of the compiled conditions is a few tens of milliseconds, mostly compiling and
// warming up: passes are repeated for at least a second and the time of one is the mean.
const compiledPass = () => {
  let n = 0;
  for (const w of work) {
    const evaluate = compileConditions(w.conditions);
    for (const facts of w.subjects) if (evaluate(facts)) n++;
  }
  return n;
};
held[0] = compiledPass();
let passes = 0;
const [compiledTotal] = await time(() => {
  const until = performance.now() + 1000;
  do {
    if (compiledPass() !== held[0]) throw new Error('the compiled conditions changed their answer');
    passes++;
  } while (performance.now() < until);
});
const compiledSeconds = compiledTotal / passes;
const [naiveSeconds] = await time(async () => {
  for (const w of work) {
    const engine = new Engine([{ conditions: w.conditions, event: w.event }], { allowUndefinedFacts: true });
    for (const facts of w.subjects) if ((await engine.run(facts)).events.length > 0) held[1]++;
  }
});
if (held[0] !== held[1]) throw new Error(`the two evaluators disagree: ${held[0]} against ${held[1]} conditions held`);
console.log(JSON.stringify({ evaluations, held: held[0], compiledSeconds, compiledPasses: passes, naiveSeconds, compiledCheck, referenceCheck }));
