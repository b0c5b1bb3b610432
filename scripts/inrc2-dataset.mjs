// Writes an INRC-II case as an ordinary duty-compliance input, so the `check` CLI runs on it:
//   npm run build && node scripts/inrc2-dataset.mjs CASE_DIR INSTANCES_DIR OUT_DIR
//   node dist/cli.js check OUT_DIR/dataset.json --roster OUT_DIR/roster.ndjson --config CONFIG.json
// OUT_DIR/dataset.json is the dataset (nurses, records); OUT_DIR/roster.ndjson one entry per
// assignment, all weeks in order. Evidence then points at roster.ndjson lines, not sol-week lines.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatProblem, isDutyComplianceError, loadInrc2Case } from '../dist/index.js';

const [caseDir, instancesDir, outDir, ...extra] = process.argv.slice(2);
if (!caseDir || !instancesDir || !outDir || extra.length > 0) {
  console.error('usage: node scripts/inrc2-dataset.mjs CASE_DIR INSTANCES_DIR OUT_DIR');
  process.exit(2);
}
try {
  const { dataset, rosters } = await loadInrc2Case(caseDir, instancesDir);
  await mkdir(outDir, { recursive: true });
  const roster = rosters.flatMap((r) => r.records.map((record) => `${JSON.stringify(record.value)}\n`)).join('');
  await writeFile(join(outDir, 'dataset.json'), `${JSON.stringify(dataset, null, 2)}\n`);
  await writeFile(join(outDir, 'roster.ndjson'), roster);
  console.log(`wrote ${join(outDir, 'dataset.json')} and ${join(outDir, 'roster.ndjson')} (${rosters.reduce((n, r) => n + r.records.length, 0)} entries)`);
} catch (error) {
  if (!isDutyComplianceError(error)) throw error;
  console.error(`inrc2-dataset: the case cannot be used (${error.problems.length} problem${error.problems.length === 1 ? "" : "s"}):`);
  for (const p of error.problems) console.error(`  ${formatProblem(p)}`);
  process.exit(2);
}
