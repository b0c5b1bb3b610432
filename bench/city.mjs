// City-scale benchmark (issue 8): `npm run bench [-- --only ndjson,csv,xlsx,ci] [--skip-generate] [--national]`.
// Every measurement runs in its own child under /usr/bin/time -v, so peak RSS is per measurement.
import { existsSync, mkdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = `${root}bench/.data`;
const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : ['ndjson', 'csv', 'xlsx', 'ci', 'naive'];
const skipGenerate = args.includes('--skip-generate');
const national = args.includes('--national') || process.env.BENCH_NATIONAL === '1';
const cli = `${root}dist/cli.js`;
const hasTime = existsSync('/usr/bin/time');

/** Generates DIR once per generator arguments (a stamp file records them). */
function generate(dir, officers, days) {
  const stamp = `${dir}/.bench-args`;
  const want = `${officers} ${days} 1 ${statSync(`${root}scripts/generate.mjs`).mtimeMs}`;
  if (skipGenerate || (existsSync(stamp) && readFileSync(stamp, 'utf8') === want)) return;
  mkdirSync(dir, { recursive: true });
  const r = spawnSync('node', [`${root}scripts/generate.mjs`, '--officers', String(officers), '--days', String(days), '--seed', '1', '--out', dir], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`generate failed in ${dir}`);
  writeFileSync(stamp, want);
}

/** Runs one child; returns wall seconds and peak RSS (bytes). `env`: added to the child's environment. */
function measure(argv, env = {}) {
  const t = process.hrtime.bigint();
  const options = { encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } };
  const r = hasTime ? spawnSync('/usr/bin/time', ['-v', ...argv], options) : spawnSync(argv[0], argv.slice(1), options);
  const seconds = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${argv.join(' ')} exited ${r.status}\n${r.stderr.slice(-2000)}`);
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? '');
  return { seconds, rss: m ? Number(m[1]) * 1024 : NaN, stdout: r.stdout, stderr: r.stderr ?? '' };
}

const floorNdjson = `${root}bench/_floor-ndjson.mjs`;
const floorCsv = `${root}bench/_floor-csv.mjs`;
const check = (dir, roster, config) => ['node', cli, 'check', `${dir}/dataset.json`, '--roster', `${dir}/${roster}`, '--config', `${dir}/${config}`, '--format', 'json', '--output', `${data}/report.json`];
const entriesOf = (dir) => Number(measure(['node', floorNdjson, `${dir}/roster.ndjson`]).stdout.trim());
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** The run of median time among three. */
const medianRun = (run) => [run(), run(), run()].sort((a, b) => a.seconds - b.seconds)[1];
const gib = (b) => `${(b / 2 ** 30).toFixed(2)} GiB`;

/** Seconds since process start of a phase (a regular expression of its name) in a run's DUTY_COMPLIANCE_TIMINGS lines on stderr; NaN without it. */
const timingOf = (stderr, phase) => Number(new RegExp(`^  ${phase}\\s+([\\d.]+)$`, 'm').exec(stderr)?.[1] ?? NaN) / 1000;

/** A run's phases from its DUTY_COMPLIANCE_TIMINGS lines: where the time goes (ingest against the floor; the rules; the report), and its slowest rules. */
function phaseRows(stderr, floorSeconds) {
  const at = (phase) => timingOf(stderr, phase);
  const start = at('first roster byte read');
  const ingest = at('ingest done');
  const rules = at('rules done');
  const report = at('report written');
  const slowest = [...stderr.matchAll(/^  rule (\S+)\s+([\d.]+)$/gm)].map((m) => [m[1], Number(m[2]) / 1000]).sort((a, b) => b[1] - a[1]).slice(0, 3);
  return [
    { measure: '  · start-up to first byte', seconds: start, target: '(modules, dataset, config, rules compiled)' },
    { measure: '  · ingest', seconds: ingest - start, floorSeconds, ratio: (ingest - start) / floorSeconds, target: '(read, validated, columns; ratio to the parse floor)' },
    { measure: '  · rules', seconds: rules - ingest, target: `(slowest: ${slowest.map(([id, s]) => `${id} ${s.toFixed(1)} s`).join(', ')})` },
    { measure: '  · report', seconds: report - rules, target: '(written as it is made)' },
  ];
}

const rows = [];
const city = `${data}/city`;
generate(city, 5512, 365);
const entries = entriesOf(city);
const floors = {};
for (const format of only.filter((f) => ['ndjson', 'csv', 'xlsx'].includes(f))) {
  const roster = { ndjson: 'roster.ndjson', csv: 'roster.csv', xlsx: 'roster.xlsx' }[format];
  const config = format === 'xlsx' ? 'config-wide.json' : 'config.json';
  const floorKind = format === 'csv' ? 'csv' : 'ndjson';
  // The floor's median of three runs: one run of it was seen 25% off on this machine.
  floors[floorKind] ??= medianRun(() => measure(['node', floorKind === 'csv' ? floorCsv : floorNdjson, `${city}/roster.${floorKind}`]));
  const target = { ndjson: '≤1.5× floor, ≤1 GiB', csv: '≤2× floor', xlsx: '(floor = NDJSON of the same entries)' }[format];
  // The CLI's default (--threads auto: two threads on this 2-core machine), then one thread.
  for (const [label, extra] of [['', []], [', one thread', ['--threads', '1']]]) {
    // The one-thread run tells its phases too (DUTY_COMPLIANCE_TIMINGS: a few lines on stderr at the end).
    const oneThread = extra.length > 0;
    // Median of three runs (this machine's runs of one build differ by a quarter), its phases with it.
    const run = medianRun(() => measure([...check(city, roster, config), ...extra], oneThread ? { DUTY_COMPLIANCE_TIMINGS: '1' } : {}));
    const ratio = run.seconds / floors[floorKind].seconds;
    rows.push({ measure: `city-year ${format}${label}`, seconds: run.seconds, entriesPerSecond: entries / run.seconds, rss: run.rss, floorSeconds: floors[floorKind].seconds, ratio, target });
    if (oneThread) rows.push(...phaseRows(run.stderr, floors[floorKind].seconds));
  }
}
if (only.includes('ci')) {
  const ci = `${data}/ci`;
  generate(ci, 400, 31);
  const whole = median(Array.from({ length: 5 }, () => measure(check(ci, 'roster.ndjson', 'config.json')).seconds));
  const floor = median(Array.from({ length: 5 }, () => measure(['node', floorNdjson, `${ci}/roster.ndjson`]).seconds));
  rows.push({ measure: 'CI-sized 400×31 whole process (median of 5)', seconds: whole, floorSeconds: floor, ratio: whole / floor, target: '≤3× floor' });
  // The CLI's own phase timings (DUTY_COMPLIANCE_TIMINGS=1: ms since process start, on stderr), median of 5 runs each.
  const timed = Array.from({ length: 5 }, () => measure(check(ci, 'roster.ndjson', 'config.json'), { DUTY_COMPLIANCE_TIMINGS: '1' }).stderr);
  const phase = (name) => median(timed.map((text) => timingOf(text, name)));
  const floorStart = median(Array.from({ length: 5 }, () => measure(['node', '-e', '0']).seconds));
  rows.push({ measure: 'CI-sized: modules loaded (median of 5)', seconds: phase('cli-start \\(modules loaded\\)'), floorSeconds: floorStart, ratio: phase('cli-start \\(modules loaded\\)') / floorStart, target: '(floor = node -e 0)' });
  rows.push({ measure: 'CI-sized: time to first roster byte (median of 5)', seconds: phase('first roster byte read'), target: '(since process start)' });
  rows.push({ measure: 'CI-sized: ingest done (median of 5)', seconds: phase('ingest done'), target: '(since process start)' });
  rows.push({ measure: 'CI-sized: rules done (median of 5)', seconds: phase('rules done'), target: '(since process start)' });
  rows.push({ measure: 'CI-sized: report written (median of 5)', seconds: phase('report written'), target: '(since process start)' });
}
if (only.includes('naive')) {
  // A quarter of 400 officers: json-rules-engine on every subject of a city-year would take an hour.
  const quarter = `${data}/quarter`;
  generate(quarter, 400, 91);
  const r = JSON.parse(measure(['node', `${root}bench/_naive.mjs`, quarter]).stdout.trim().split('\n').pop());
  rows.push({ measure: `naive: json-rules-engine per subject, ${r.evaluations} evaluations`, seconds: r.naiveSeconds, floorSeconds: r.compiledSeconds, ratio: r.naiveSeconds / r.compiledSeconds, target: '≥100× (ratio = naive ÷ compiled, same facts; compiled: mean of passes over ≥ 1 s)' });
  rows.push({ measure: 'naive: whole check, --evaluator json-rules-engine', seconds: r.referenceCheck, floorSeconds: r.compiledCheck, ratio: r.referenceCheck / r.compiledCheck, target: '(ratio = json-rules-engine ÷ compiled, measures included)' });
}
if (national) {
  const big = `${data}/national`;
  generate(big, 55_000, 365);
  // Node's default heap: with the roster kept as columns (~52 B an entry) the 10× city fits in
  // it; the CLI's default threads (two here: the second reads the columns on shared memory).
  const run = measure(check(big, 'roster.ndjson', 'config.json'));
  const cityRun = rows.find((r) => r.measure === 'city-year ndjson');
  rows.push({ measure: '10× city ndjson', seconds: run.seconds, rss: run.rss, ratio: cityRun ? run.seconds / (10 * cityRun.seconds) : NaN, target: 'ratio to 10× city ≤1.15, ≤4 GiB' });
}

console.log(`city-year: ${entries} entries (${city})`);
console.log('measure'.padEnd(50), 'time s'.padStart(8), 'entries/s'.padStart(11), 'peak RSS'.padStart(10), 'floor s'.padStart(8), 'ratio'.padStart(7), ' target');
for (const r of rows) {
  console.log(r.measure.padEnd(50), r.seconds.toFixed(2).padStart(8), (r.entriesPerSecond ? Math.round(r.entriesPerSecond).toString() : '').padStart(11),
    (Number.isFinite(r.rss) ? gib(r.rss) : '').padStart(10), (r.floorSeconds?.toFixed(2) ?? '').padStart(8), (Number.isFinite(r.ratio) ? `${r.ratio.toFixed(2)}×` : '').padStart(7), ` ${r.target}`);
}
writeFileSync(`${data}/results.json`, `${JSON.stringify({ entries, rows }, null, 2)}\n`);
