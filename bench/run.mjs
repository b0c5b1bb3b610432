// Speed and memory of a check on a generated large roster: `npm run bench [-- ROWS]`.
// Builds first (via npm script), generates bench/.data/<rows>/ once, then times each stage.
import { mkdirSync, existsSync, writeFileSync, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { getHeapStatistics } from 'node:v8';
import { readDatasetFile, readRosterFile, validateInput, checkFiles } from '../dist/index.js';

const rows = Number(process.argv[2] ?? process.env.BENCH_ROWS ?? 1_000_000);
const dir = new URL(`./.data/${rows}/`, import.meta.url);
const datasetFile = new URL('dataset.json', dir).pathname;
const rosterFile = new URL('roster.csv', dir).pathname;

/** A deterministic generator, so every run measures the same data. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

async function generate() {
  mkdirSync(dir, { recursive: true });
  const rand = random(42);
  const entriesPerOfficerDay = 3;
  const days = 365;
  const officers = Math.max(1, Math.ceil(rows / (days * entriesPerOfficerDay)));
  const communities = Math.max(1, Math.ceil(officers * 0.8));
  const dataset = {
    timezone: 'Asia/Shanghai',
    period: { start: '2017-01-01', end: '2017-12-31' },
    calendar: { holidays: ['2017-04-03', '2017-04-04', '2017-10-02'], workdays: ['2017-04-01'] },
    units: [{ id: 'HQ', name: '市局' }, ...Array.from({ length: 20 }, (_, i) => ({ id: `U${i}`, name: `派出所${i}`, parent: 'HQ' }))],
    communities: Array.from({ length: communities }, (_, i) => ({ id: `C${i}`, name: `居委${i}`, kind: i % 7 ? 'residential' : 'village', unit: `U${i % 20}`, heavyLoad: i % 11 === 0 })),
    officers: Array.from({ length: officers }, (_, i) => ({
      id: `O${i}`, badge: String(100000 + i), name: `警员${i}`, unit: `U${i % 20}`,
      partyMember: i % 3 !== 0, communityRoles: [i % 3 ? 'deputy-party-secretary' : 'deputy-station-head'], mobileTerminal: i % 50 !== 0,
      assignments: i < communities * 1.2 ? [{ community: `C${i % communities}`, from: '2014-01-01' }] : [],
    })),
  };
  writeFileSync(datasetFile, JSON.stringify(dataset));
  const out = createWriteStream(rosterFile);
  const write = async (line) => { if (!out.write(line)) await once(out, 'drain'); };
  await write('\uFEFF警号,日期,开始,结束,勤务类型,社区,备注\n');
  const types = ['社区工作', '社区工作', '入户走访', '所内值班', '轮休', '专案协查'];
  let written = 0;
  const start = Date.UTC(2017, 0, 1);
  outer: for (let d = 0; d < days; d++) {
    const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
    for (let o = 0; o < officers; o++) {
      for (let k = 0; k < entriesPerOfficerDay; k++) {
        if (written >= rows) break outer;
        const type = types[Math.floor(rand() * types.length)];
        const [s, e] = type === '所内值班' ? ['18:00', '8:00'] : k === 0 ? ['8:30', '11:30'] : k === 1 ? ['13:00', '16:00'] : ['19:00', '20:30'];
        const note = rand() < 0.01 ? '"备注，含逗号"' : '';
        await write(`${100000 + o},${date},${s},${e},${type},C${o % communities},${note}\n`);
        written++;
      }
    }
  }
  out.end();
  await once(out, 'finish');
}

function mb(bytes) {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

if (!existsSync(rosterFile)) {
  const t = performance.now();
  await generate();
  console.log(`generated ${rows} rows in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peak = 0;
const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);
const timings = [];
const time = async (label, fn) => {
  const t = performance.now();
  const result = await fn();
  timings.push([label, (performance.now() - t) / 1000]);
  return result;
};

// Stages alone (each result dropped before the next), then the whole check as the CLI runs it.
const doc = await time('read dataset', () => readDatasetFile(datasetFile));
let roster = await time('read roster CSV', () => readRosterFile(rosterFile));
const rowsValidated = await time('validate', () => validateInput(doc, [roster], { releaseRows: true }).roster.length);
roster = undefined;
const report = await time('checkFiles (read + validate + all rules)', () => checkFiles({ dataset: datasetFile, rosters: [rosterFile] }));
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);

console.log(`roster rows: ${rowsValidated}; violations: ${report.violations.length}; heap limit ${mb(getHeapStatistics().heap_size_limit)}`);
for (const [label, s] of timings) console.log(`${label.padEnd(42)} ${s.toFixed(2)} s`);
console.log(`${'peak RSS'.padEnd(42)} ${mb(peak)}`);

// A city's month as an .xlsx workbook, wide (排班表) and long, each in its own process so that
// its peak RSS is its own.
const { execFileSync } = await import('node:child_process');
for (const kind of ['wide', 'long']) execFileSync(process.execPath, [new URL('./xlsx.mjs', import.meta.url).pathname, kind], { stdio: 'inherit' });

// The city-year HTML report (a synthetic report with every subject judged): size, time to
// first render and to filter in Chromium (bench/html-report.mjs; `node bench/html-report.mjs N` alone).
const { benchHtmlReport } = await import('./html-report.mjs');
for (const line of await benchHtmlReport()) console.log(line);
