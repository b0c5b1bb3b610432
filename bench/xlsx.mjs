// Speed and memory of a check on a city's month as an .xlsx workbook, run by bench/run.mjs in a
// child process per case so that each peak RSS is its own:
//   node bench/xlsx.mjs wide   5,512 officers × 31 days as a 排班表 of shift codes
//   node bench/xlsx.mjs long   350,000 rows in the long format
// The workbook is generated once into bench/.data/.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { builtInRegistry, checkFiles, readRosterFile, resolveConfig } from '../dist/index.js';
import { writeXlsx } from '../scripts/_lib/write-xlsx.mjs';

const kind = process.argv[2] === 'long' ? 'long' : 'wide';
const OFFICERS = 5512;
const LONG_ROWS = 350_000;
const DAYS = 31;
const dir = new URL(`./.data/xlsx-${kind}/`, import.meta.url);
const datasetFile = new URL('dataset.json', dir).pathname;
const configFile = new URL('config.json', dir).pathname;
const rosterFile = new URL('roster.xlsx', dir).pathname;

function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const dates = Array.from({ length: DAYS }, (_, i) => `2017-05-${String(i + 1).padStart(2, '0')}`);
const badge = (o) => String(100000 + o).padStart(7, '0');

async function generate() {
  mkdirSync(dir, { recursive: true });
  const rand = random(7);
  const units = 16;
  const communities = Math.ceil(OFFICERS * 0.8);
  writeFileSync(
    datasetFile,
    JSON.stringify({
      period: { start: dates[0], end: dates.at(-1) },
      calendar: { holidays: ['2017-05-01', '2017-05-29', '2017-05-30'], workdays: ['2017-05-27'] },
      units: [{ id: 'SH', name: '市局' }, ...Array.from({ length: units }, (_, i) => ({ id: `U${i}`, name: `分局${i}`, parent: 'SH' }))],
      communities: Array.from({ length: communities }, (_, i) => ({ id: `C${i}`, name: `居委${i}`, kind: i % 7 ? 'residential' : 'village', unit: `U${i % units}` })),
      officers: Array.from({ length: OFFICERS }, (_, o) => ({
        id: `O${o}`, badge: badge(o), name: `警员${o}`, unit: `U${o % units}`, partyMember: o % 3 !== 0, communityRoles: ['deputy-party-secretary'], mobileTerminal: true,
        assignments: o < communities ? [{ community: `C${o}`, from: '2014-01-01' }] : [],
      })),
    }),
  );
  writeFileSync(
    configFile,
    JSON.stringify({
      settings: {
        shiftCodes: {
          白: [{ start: '08:30', end: '12:00', type: '社区工作' }, { start: '13:30', end: '17:00', type: '社区巡查' }],
          夜: [{ start: '18:00', end: '08:00', type: '所内值班' }],
          值: [{ start: '08:00', end: '18:00', type: '所内值班' }],
          休: [{ start: '08:30', end: '17:00', type: '轮休' }],
          访: [{ start: '13:30', end: '17:00', type: '入户走访' }],
          '-': [],
        },
      },
    }),
  );
  const codes = ['白', '白', '白', '白/夜', '休', '值', '访', '-', '白'];
  if (kind === 'wide') {
    const rows = [['上海市公安局 2017年5月 社区民警排班表'], ['序号', '警号', '姓名', ...dates.map((d) => `5月${Number(d.slice(8))}日`), '备注', '合计']];
    for (let o = 0; o < OFFICERS; o++) rows.push([o + 1, badge(o), `警员${o}`, ...dates.map(() => codes[Math.floor(rand() * codes.length)]), null, DAYS]);
    await writeXlsx(rosterFile, [{ name: '五月', rows }]);
  } else {
    const rows = [['警号', '日期', '开始', '结束', '勤务类型', '社区', '备注']];
    const types = [['社区工作', '08:30', '11:30'], ['社区巡查', '13:30', '16:30'], ['所内值班', '18:00', '08:00'], ['轮休', '08:30', '17:00']];
    for (let i = 0; i < LONG_ROWS; i++) {
      const o = i % OFFICERS;
      const [type, start, end] = types[Math.floor(rand() * types.length)];
      rows.push([badge(o), { date: dates[Math.floor(i / OFFICERS / 2) % DAYS] }, { time: start }, { time: end }, type, o < OFFICERS * 0.8 ? `C${o}` : null, rand() < 0.01 ? '备注' : null]);
    }
    await writeXlsx(rosterFile, [{ name: 'Sheet1', rows }]);
  }
}

if (!existsSync(rosterFile)) {
  const t = performance.now();
  await generate();
  console.log(`generated ${kind} workbook in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

let peak = 0;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
const { shiftCodes } = resolveConfig(JSON.parse(readFileSync(configFile, 'utf8')), builtInRegistry()).settings;
let t = performance.now();
const roster = await readRosterFile(rosterFile, { shiftCodes, period: { start: dates[0], end: dates.at(-1) } });
const readSeconds = (performance.now() - t) / 1000;
const entries = roster.records.length;
if (roster.problems.length > 0) throw new Error(`bench workbook has problems: ${JSON.stringify(roster.problems.slice(0, 3))}`);
t = performance.now();
const report = await checkFiles({ dataset: datasetFile, rosters: [rosterFile] }, { configFile });
const checkSeconds = (performance.now() - t) / 1000;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage().rss);
const what = kind === 'wide' ? `wide .xlsx ${OFFICERS} officers × ${DAYS} days` : `long .xlsx ${LONG_ROWS} rows`;
console.log(`${what}: ${entries} entries, ${report.violations.length} violations`);
console.log(`${'  read roster .xlsx'.padEnd(42)} ${readSeconds.toFixed(2)} s`);
console.log(`${'  checkFiles (read + validate + all rules)'.padEnd(42)} ${checkSeconds.toFixed(2)} s`);
console.log(`${'  peak RSS'.padEnd(42)} ${(peak / 2 ** 20).toFixed(0)} MB`);
