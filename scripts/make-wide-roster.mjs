// Draws the example month's roster (fixtures/station-2017-04/roster.csv) as a duty office's
// 排班表: one row per officer, one column per day, shift codes in the cells, multi-day leave as
// merged cells; writes roster-wide.xlsx and the config with its shift-code table
// (config-wide.json). `node scripts/make-wide-roster.mjs`; the test checks that both give the
// violations of the CSV (test/fixtures/station-2017-04-wide.test.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
import { writeXlsx } from './_lib/write-xlsx.mjs';

const dir = new URL('../fixtures/station-2017-04/', import.meta.url);
const dataset = JSON.parse(readFileSync(new URL('dataset.json', dir), 'utf8'));
const csv = Papa.parse(readFileSync(new URL('roster.csv', dir), 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data;

const pad = (t) => t.padStart(5, '0');

/** A code's letter per duty type, and the times a plain code of that letter stands for. */
const LETTERS = {
  社区工作: ['工', '08:30', '11:30'],
  社区巡查: ['巡', '13:30', '16:30'],
  入户走访: ['访', '13:30', '16:30'],
  所内值班: ['值', '08:00', '18:00'],
  值班: ['班', '08:00', '18:00'],
  补休: ['补', '08:00', '12:00'],
  窗口接待: ['窗', '08:30', '17:00'],
  休假: ['假', '08:00', '17:00'],
  轮休: ['轮', '08:00', '17:00'],
  病假: ['病', '08:00', '17:00'],
  请假: ['事', '08:00', '17:00'],
  培训: ['训', '08:30', '16:30'],
  专案协查: ['协', '09:00', '17:00'],
  F1安保: ['保', '06:00', '20:00'],
};

/**
 * The code of one entry: its type's letter, the community's number (C05 → 5), and its times
 * in brackets when they are not the letter's usual ones: 工5, 巡5(09:00-11:00). A night on
 * station duty is 夜.
 */
function codeOf(e) {
  if (e.type === '所内值班' && e.start === '18:00' && e.end === '08:00' && !e.community) return '夜';
  const [letter, start, end] = LETTERS[e.type] ?? (() => { throw new Error(`no letter for ${e.type}`); })();
  const n = e.community ? String(Number(e.community.slice(1))) : '';
  return `${letter}${n}${e.start === start && e.end === end ? '' : `(${e.start}-${e.end})`}`;
}

const shiftCodes = {};
const define = (code, entries) => {
  const body = entries.map((e) => ({ start: e.start, end: e.end, type: e.type, ...(e.community ? { community: e.community } : {}) }));
  const known = shiftCodes[code];
  if (known && JSON.stringify(known) !== JSON.stringify(body)) throw new Error(`two meanings for ${code}`);
  shiftCodes[code] = body;
};

/** A community officer's usual day: 白5 (community work, then patrol) and 走5 (then home visits). */
const DAYS = { 巡: '白', 访: '走' };

// Officer-days, in the CSV's row order within a day.
const days = new Map();
for (const row of csv) {
  const e = { start: pad(row['开始']), end: pad(row['结束']), type: row['勤务类型'], community: row['社区'] || undefined };
  const key = `${row['警号']} ${row['日期']}`;
  if (!days.has(key)) days.set(key, []);
  days.get(key).push(e);
}
const cells = new Map();
for (const [key, entries] of days) {
  const codes = [];
  for (let i = 0; i < entries.length; i++) {
    const [a, b] = [entries[i], entries[i + 1]];
    const am = a && codeOf(a);
    const pm = b && codeOf(b);
    const day = b && am === `工${am.slice(1)}` && DAYS[pm[0]] && pm.slice(1) === am.slice(1) && !am.includes('(') ? `${DAYS[pm[0]]}${am.slice(1)}` : undefined;
    if (day) {
      define(day, [a, b]);
      codes.push(day);
      i++;
    } else {
      define(am, [a]);
      codes.push(am);
    }
  }
  cells.set(key, codes.join('/'));
}
define('-', []); // a day off the roster, drawn as a dash

const dates = Array.from({ length: 30 }, (_, i) => `2017-04-${String(i + 1).padStart(2, '0')}`);
const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];
const header = ['序号', '警号', '姓名', ...dates.map((d) => `4月${Number(d.slice(8))}日`), '备注', '合计'];
const weekdays = [null, null, null, ...dates.map((d) => WEEKDAYS[new Date(`${d}T00:00Z`).getUTCDay()])];
const merges = [];
const officerRows = dataset.officers.map((o, i) => {
  const r = 5 + i; // Excel row: title, subtitle, header, weekdays, then officers
  const codes = dates.map((d) => cells.get(`${o.badge} ${d}`) ?? null);
  // Leave on consecutive days is drawn as one merged cell.
  for (let c = 0; c < codes.length; c++) {
    let end = c;
    while (codes[c] === '假' && codes[end + 1] === '假') end++;
    if (end > c) {
      merges.push(`${col(4 + c)}${r}:${col(4 + end)}${r}`);
      for (let k = c + 1; k <= end; k++) codes[k] = null;
      c = end;
    }
  }
  const filled = dates.filter((d) => cells.has(`${o.badge} ${d}`)).length;
  return [i + 1, o.badge, o.name ?? null, ...codes.map((c) => c ?? null), null, filled];
});
const totals = ['合计', null, null, ...dates.map((d) => dataset.officers.filter((o) => cells.has(`${o.badge} ${d}`)).length), null, null];

function col(n) {
  let s = '';
  for (; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

await writeXlsx(new URL('roster-wide.xlsx', dir).pathname, [
  {
    name: '四月排班',
    rows: [
      ['外滩派出所 2017年4月 社区民警排班表'],
      ['代码见 config-wide.json（settings.shiftCodes）', null, null, null, null, null, null, null, null, null, '制表：勤务指挥室'],
      header,
      weekdays,
      ...officerRows,
      null,
      totals,
    ],
    merges,
  },
]);
const sorted = Object.fromEntries(Object.entries(shiftCodes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
writeFileSync(new URL('config-wide.json', dir), `${JSON.stringify({ settings: { shiftCodes: sorted } }, null, 2)}\n`);
console.log(`roster-wide.xlsx: ${dataset.officers.length} officers × ${dates.length} days, ${Object.keys(sorted).length} codes, ${merges.length} merged ranges`);
