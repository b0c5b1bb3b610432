// Scores the INRC-II dev set (../shared/data/inrc2/solutions/dev) with the inrc2 pack and prints
// the time of the checks alone (the cases are loaded first) and whether every score equals the
// official validator's. Run with `npm run bench:inrc2` (it builds first).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { check, loadInrc2Case } from '../dist/index.js';

const shared = resolve(import.meta.dirname, '..', '..', 'shared', 'data', 'inrc2');
const dev = join(shared, 'solutions', 'dev');
if (!existsSync(dev)) {
  console.log('skipped: ../shared/data/inrc2 not found');
  process.exit(0);
}
const cases = readdirSync(dev).sort();
const inputs = [];
for (const name of cases) inputs.push({ name, ...(await loadInrc2Case(join(dev, name), join(shared, 'instances'))) });
const runs = [];
let exact = 0;
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  for (const input of inputs) {
    const report = await check(input.dataset, { config: { extends: ['inrc2/recommended'] } }, input.rosters);
    if (round === 0) {
      const { expected } = JSON.parse(readFileSync(join(dev, input.name, 'case.json'), 'utf8'));
      if (JSON.stringify(report.score) === JSON.stringify(expected)) exact++;
    }
  }
  runs.push((performance.now() - start) / 1000);
}
const entries = inputs.reduce((n, i) => n + i.rosters.reduce((m, r) => m + r.records.length, 0), 0);
console.log(`INRC-II dev set: ${cases.length} cases, ${entries} assignments; scores equal to the validator's: ${exact}/${cases.length}`);
console.log(`check time, 3 rounds: ${runs.map((s) => s.toFixed(2)).join(' s, ')} s (best ${Math.min(...runs).toFixed(2)} s)`);
