// A seeded, deterministic city of community policing, for benchmarks and tests:
//
//   npm run generate -- --officers 5512 --days 365 --seed 1 --out bench/.data/city [--start 2017-01-01]
//
// Writes into DIR: dataset.json (the organisation, calendar, establishment, transfers, police
// rooms; the roster is in the roster files), the same roster three times — roster.ndjson,
// roster.csv (UTF-8 with a BOM, 警号 = the badge, 日期 + 开始/结束 columns) and roster.xlsx (the
// wide 排班表 of shift codes) — config.json (every pack on), config-wide.json (the same plus the
// shift codes of the 排班表) and planted.json (the violations put in on purpose).
// The same arguments give byte-identical files (one seeded PRNG per purpose; no Math.random, no
// clock). Rows are written as each officer's year is made: memory holds the organisation and
// one officer's roster, never the city's. docs/generated-data.md says what is in it and why.
import { mkdirSync, writeFileSync, createWriteStream, statSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { chinaCalendar } from './_lib/china-calendar.mjs';
import { openXlsxStream, columnName } from './_lib/stream-xlsx.mjs';

// ---------------------------------------------------------------------------------------------
// Arguments

const USAGE = 'usage: npm run generate -- --officers N --days D --seed S --out DIR [--start YYYY-MM-DD]';

function fail(problems) {
  for (const p of problems) process.stderr.write(`generate: ${p}\n`);
  process.stderr.write(`${USAGE}\n`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    options: { officers: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, start: { type: 'string', default: '2017-01-01' }, quiet: { type: 'boolean', default: false } },
    strict: true,
    allowPositionals: false,
  }).values;
} catch (error) {
  fail([error.message]);
}
const problems = [];
const wholeNumber = (name, min, max) => {
  const text = args[name];
  if (text === undefined) return problems.push(`--${name} is required`), NaN;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) return problems.push(`--${name}: expected a whole number from ${min} to ${max}, found "${text}"`), NaN;
  return Number(text);
};
const OFFICERS = wholeNumber('officers', 1, 1_000_000);
const DAYS = wholeNumber('days', 1, 3660);
if (args.seed === undefined) problems.push('--seed is required (any text: the same seed gives the same files)');
if (args.out === undefined) problems.push('--out is required (the directory to write into)');
const startMatch = /^(\d{4})-(\d{2})-(\d{2})$/.exec(args.start);
if (!startMatch || new Date(`${args.start}T00:00Z`).toISOString().slice(0, 10) !== args.start) problems.push(`--start: expected a date YYYY-MM-DD, found "${args.start}"`);
if (problems.length > 0) fail(problems);
const SEED = args.seed;
const t0 = performance.now();
const OUT = args.out;

// ---------------------------------------------------------------------------------------------
// Seeded randomness: sfc32 keyed by cyrb128(seed + purpose), so that each part of the city has
// its own stream and a change to one part leaves the others as they were.

function cyrb128(text) {
  let h1 = 1779033703, h2 = 3144134277, h3 = 1013904242, h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  return [(h1 ^ h2 ^ h3 ^ h4) >>> 0, (h2 ^ h1) >>> 0, (h3 ^ h1) >>> 0, (h4 ^ h1) >>> 0];
}

/** A PRNG for one purpose: { next() in [0, 1), int(a, b) inclusive, pick(list), chance(p) }. */
function prng(purpose) {
  let [a, b, c, d] = cyrb128(`${SEED}\u0000${purpose}`);
  const next = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return (r >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

// ---------------------------------------------------------------------------------------------
// Dates as day numbers (days since 1970-01-01); every string is made once per day.

const DAY_MS = 86_400_000;
const dayNumber = (iso) => Date.parse(`${iso}T00:00Z`) / DAY_MS;
const isoDate = (n) => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** ISO weekday, 1 = Monday … 7 = Sunday. */
const isoWeekday = (n) => ((((n + 3) % 7) + 7) % 7) + 1;
const yearsBefore = (n, years) => {
  const d = isoDate(n);
  const y = Number(d.slice(0, 4)) - years;
  const md = d.slice(5) === '02-29' ? '02-28' : d.slice(5);
  return dayNumber(`${y}-${md}`);
};

const S = dayNumber(args.start);
const E = S + DAYS - 1; // the period's last day
const YEARS = DAYS / 365;
const DATE = Array.from({ length: DAYS + 1 }, (_, i) => isoDate(S + i)); // one extra: a night's morning after
const WEEKDAY = DATE.map((_, i) => isoWeekday(S + i));

const periodYears = [];
for (let y = Number(DATE[0].slice(0, 4)); y <= Number(DATE[DAYS - 1].slice(0, 4)); y++) periodYears.push(y);
const holidays = new Set();
const workdays = new Set();
for (const y of periodYears) {
  const c = chinaCalendar(y);
  c.holidays.forEach((d) => holidays.add(d));
  c.workdays.forEach((d) => workdays.add(d));
}
/** A working day (rules.md): Monday–Friday, minus holidays, plus make-up workdays. */
const WORKING = DATE.map((d, i) => workdays.has(d) || (WEEKDAY[i] <= 5 && !holidays.has(d)));

// ---------------------------------------------------------------------------------------------
// Shift codes: the 排班表's vocabulary. Each code is the entries it stands for on the cell's
// date (an end at or before the start is the next day). The long roster files are made from the
// same codes, so the three roster files hold the same entries; the long ones add what a grid of
// codes has no place for: the community of community work, and a note.

const COMMUNITY_TYPES = new Set(['社区工作', '社区巡查', '入户走访']);
const EXCUSED_TYPES = new Set(['轮休', '补休', '休假', '病假']); // 培训 is excused for the community rules, but it is work
const CODES = {
  白: [['08:30', '11:30', '社区工作'], ['13:00', '16:00', '社区巡查']], // a community day: work, then patrol
  访: [['08:30', '11:30', '社区工作'], ['13:00', '16:00', '入户走访']], // …then home visits
  勤: [['08:30', '11:30', '窗口接待'], ['13:00', '16:00', '治安巡逻']], // an officer without a community: counter, then patrol
  值: [['08:30', '16:30', '所内值班']], // daytime station duty: only for officers without a community
  夜: [['18:00', '08:00', '所内值班']], // a night of station duty, about once a week
  轮: [['08:30', '16:30', '轮休']], // rest: the day before a night, or a day off in lieu
  补: [['08:30', '16:30', '补休']], // the day after a night (下夜班)
  假: [['08:30', '16:30', '休假']], // a leave week, drawn as one merged cell
  病: [['08:30', '16:30', '病假']],
  训: [['08:30', '16:30', '培训']],
  协: [['09:00', '16:00', '专案协查']], // a community officer lent to a case: diversion (planted)
  午: [['10:30', '14:30', '社区工作']], // community work across midday: no half-day reaches 120 minutes (planted)
  上: [['08:30', '11:30', '社区工作']], // a morning only, then a night: a short rest (planted)
  晚: [['19:00', '21:00', '社区巡查']], // a weekend evening patrol: a seventh workday in a row (planted)
};
const NOTES = { 补: '下夜班补休', 假: '年休假', 协: '抽调协助专案', 训: '业务培训' };
const minutes = (hhmm) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));
/** Per code: work minutes on its date and on the next, whether work starts on its date, whether it is a day of day work. */
const CODE_INFO = Object.fromEntries(
  Object.entries(CODES).map(([code, entries]) => {
    let today = 0, tomorrow = 0, starts = false;
    for (const [st, en, type] of entries) {
      if (EXCUSED_TYPES.has(type)) continue;
      starts = true;
      const [a, b] = [minutes(st), minutes(en)];
      if (b > a) today += b - a;
      else (today += 1440 - a), (tomorrow += b);
    }
    return [code, { today, tomorrow, starts, dayWork: ['白', '访', '勤', '值', '训'].includes(code) }];
  }),
);

// ---------------------------------------------------------------------------------------------
// The organisation, in the proportions of the source: 5,512 community officers; about 16
// branches (分局, one per district) and 220 stations (派出所), i.e. ~25 officers a station; one
// committee per community officer, heavy-load ones with two or three (一居多警); a few per cent
// of officers not assigned to a community; 60% Party members (3,299 of 5,512).

const DISTRICTS = ['黄浦', '徐汇', '长宁', '静安', '普陀', '虹口', '杨浦', '闵行', '宝山', '嘉定', '浦东', '金山', '松江', '青浦', '奉贤', '崇明'];
const OUTER = new Set(['闵行', '宝山', '嘉定', '浦东', '金山', '松江', '青浦', '奉贤', '崇明']);
const PLACE_A = ['东', '西', '南', '北', '新', '康', '安', '长', '华', '金', '永', '和', '丰', '龙', '江', '湖', '山', '桥', '宝', '泰', '兴', '瑞', '福', '春', '明', '文', '曹', '凌', '梅', '桃'];
const PLACE_B = ['平', '宁', '乐', '兴', '阳', '浦', '桥', '园', '苑', '城', '林', '华', '新', '港', '庄', '泾', '塘', '湾', '溪', '河', '家', '寺', '坊', '里', '路', '街', '镇', '滨', '岸', '亭'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '蒋', '蔡', '余', '杜', '叶', '程', '苏', '魏', '吕', '丁', '沈', '姚', '陆', '顾', '钱', '金', '严', '施', '汤', '俞', '倪'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀', '霞', '平', '刚', '英', '华', '玉', '兰', '萍', '红', '建', '文', '辉', '力', '飞', '鹏', '宇', '浩', '凯', '健', '俊', '帆', '旭', '宁', '斌', '峰', '亮', '晨', '雯', '琳', '慧', '婷', '颖', '佳', '骏', '嘉', '晓', '国', '志', '海', '东', '春', '立'];

const org = prng('organisation');
const personName = (r) => r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
const placeName = (r) => r.pick(PLACE_A) + r.pick(PLACE_B);

const RATE = 0.0005; // planted violations of each roster and transfer kind: per officer-year, at least one
const plantCount = (perOfficerYear = RATE) => Math.max(1, Math.round(perOfficerYear * OFFICERS * YEARS));
const orgCount = (share, of) => Math.max(1, Math.round(share * of));
const TRANSFER_KINDS = ['tenure', 'tenure-exception', 'no-replacement', 'late-replacement', 'shared-replacement', 'understaffed'];
const compliantTransfers = Math.max(1, Math.round(0.02 * OFFICERS * YEARS));
// Replacements and late arrivals come from the officers without a community.
const replacementsNeeded = compliantTransfers + TRANSFER_KINDS.length * plantCount() + 2 * plantCount() + 2;
// A small city cannot spare that many: then some kinds are skipped, with a note.
const UNASSIGNED = Math.min(Math.max(Math.round(0.03 * OFFICERS), replacementsNeeded), Math.floor(0.2 * OFFICERS));
const ASSIGNED = OFFICERS - UNASSIGNED;
const STATIONS = Math.max(1, Math.round(OFFICERS / 25));
const BRANCHES = Math.max(1, Math.round(STATIONS / 14));

const pad = (n, width) => String(n).padStart(width, '0');
const units = [{ id: 'SH', name: '上海市公安局' }];
const branches = Array.from({ length: BRANCHES }, (_, b) => {
  const district = DISTRICTS[b % DISTRICTS.length];
  const unit = { id: `B${pad(b + 1, 2)}`, name: `${district}分局${b >= DISTRICTS.length ? Math.floor(b / DISTRICTS.length) + 1 : ''}`, parent: 'SH', district };
  return unit;
});
const stations = Array.from({ length: STATIONS }, (_, s) => {
  const branch = branches[Math.floor((s * BRANCHES) / STATIONS)];
  return { id: `PS${pad(s + 1, 3)}`, name: `${placeName(org)}派出所`, parent: branch.id, branch };
});
for (const b of branches) units.push({ id: b.id, name: b.name, parent: b.parent });
for (const s of stations) units.push({ id: s.id, name: s.name, parent: s.parent });

// Communities, each with its requirement, until the assigned officers are used up.
const communities = [];
{
  let left = ASSIGNED;
  while (left > 0) {
    const i = communities.length;
    let required = org.chance(0.1) ? (org.chance(0.1) ? 3 : 2) : 1;
    if (i === 0 && left >= 3) required = 2; // a small city still has a heavy-load committee
    required = Math.min(required, left);
    left -= required;
    communities.push({ required });
  }
}
const C_WIDTH = Math.max(4, String(communities.length).length);
communities.forEach((c, i) => {
  const station = stations[Math.floor((i * STATIONS) / communities.length)];
  const village = OUTER.has(station.branch.district) && org.chance(0.45);
  c.id = `C${pad(i + 1, C_WIDTH)}`;
  c.name = `${placeName(org)}${village ? '村委' : '居委'}`;
  c.kind = village ? 'village' : 'residential';
  c.unit = station.id;
  c.securityDirector = { name: personName(org), fullTime: true };
});

// Officers: assigned ones first, community by community; then the ones without a community.
const O_WIDTH = Math.max(5, String(OFFICERS).length);
const BADGE_MOD = 10 ** Math.max(6, String(OFFICERS).length + 1);
const officers = [];
const assignedTo = new Map(); // community id → officers assigned at the start
for (const c of communities) {
  assignedTo.set(c.id, []);
  for (let k = 0; k < c.required; k++) {
    const o = { index: officers.length, unit: c.unit, community: c.id };
    officers.push(o);
    assignedTo.get(c.id).push(o);
  }
}
for (let k = 0; k < UNASSIGNED; k++) officers.push({ index: officers.length, unit: stations[(k * 7) % STATIONS].id, community: undefined });
for (const o of officers) {
  o.id = `O${pad(o.index + 1, O_WIDTH)}`;
  o.badge = pad((o.index * 7919 + 4201) % BADGE_MOD, BADGE_MOD.toString().length - 1);
  o.name = personName(org);
  o.partyMember = org.chance(0.6);
  o.intervals = []; // [community, from, to] day numbers, to inclusive (Infinity: open)
  if (o.community) {
    const from = S - org.int(30, 9 * 365); // in post for a month to nine years
    o.intervals.push([o.community, from, Infinity]);
  }
  o.mobileTerminal = true;
  o.stable = Boolean(o.community); // not part of a transfer, a vacancy or an overlap
}
const unassignedPool = officers.filter((o) => !o.community);
const byStation = new Map();
for (const o of unassignedPool) (byStation.get(o.unit) ?? byStation.set(o.unit, []).get(o.unit)).push(o);
const takeReplacement = (unit) => {
  const local = byStation.get(unit);
  const o = local && local.length > 0 ? local.shift() : [...byStation.values()].find((l) => l.length > 0)?.shift();
  return o;
};

// ---------------------------------------------------------------------------------------------
// What is planted: each kind a few times a city-year, at least once. `planted` lists each
// violation put in on purpose (and the ones that follow from it, such as the coverage gap of a
// late replacement), by rule, subject and first date.

const planted = [];
const plant = (ruleId, subjectType, id, date, kind) => planted.push({ ruleId, subject: { type: subjectType, id }, ...(date !== undefined ? { date } : {}), kind });
const notes = [];
const plan = prng('plan');
const stableOfficers = () => officers.filter((o) => o.stable);
const freeCommunities = new Set(communities.map((c) => c.id));
const communityById = new Map(communities.map((c) => [c.id, c]));
/** A stable single-officer community (or one of the given requirement) whose officer is free, and that officer. */
function takeCommunity(required = 1) {
  const candidates = communities.filter((c) => c.required === required && freeCommunities.has(c.id) && assignedTo.get(c.id).every((o) => o.stable));
  if (candidates.length === 0) return undefined;
  const c = plan.pick(candidates);
  freeCommunities.delete(c.id);
  for (const o of assignedTo.get(c.id)) o.stable = false;
  return c;
}

// Transfers. E is the effective date; the officer's assignment ends the day before.
const transfers = [];
const eLow = DAYS >= 28 ? S + 10 : S;
const eHigh = DAYS >= 28 ? E - 10 : E;
const otherStation = (unit) => (STATIONS > 1 ? stations[(stations.findIndex((s) => s.id === unit) + 1) % STATIONS].id : undefined);
const REASONS = ['交流轮岗', '晋升', '工作需要', '个人申请'];
function transferOut(c, officer, effective, { tenureYears, replacement, arrival, exception, arrivalDate = true }) {
  const from = Math.min(yearsBefore(effective, tenureYears[0]) - plan.int(0, tenureYears[1]), S - 1);
  officer.intervals = [[c.id, from, effective - 1]];
  const t = { officer: officer.id, effectiveDate: isoDate(effective), ...(otherStation(officer.unit) ? { to: otherStation(officer.unit) } : {}), reason: plan.pick(REASONS) };
  if (replacement) {
    t.replacement = { officer: replacement.id, ...(arrivalDate ? { arrivalDate: isoDate(arrival) } : {}) };
  }
  if (exception) t.exception = { approvedBy: `${stations.find((s) => s.id === officer.unit).branch.name}政治处`, reference: `沪公${plan.int(10, 99)}人〔${DATE[0].slice(0, 4)}〕${plan.int(1, 99)}号`, reason: '确因工作需要' };
  transfers.push(t);
  return t;
}
function arrive(officer, c, from) {
  officer.intervals.push([c.id, from, Infinity]);
  officer.unit = c.unit;
  officer.stable = false;
}
const transferKinds = [['compliant', compliantTransfers], ...TRANSFER_KINDS.map((k) => [k, plantCount()])];
for (const [kind, count] of transferKinds) {
  for (let n = 0; n < count; n++) {
    const c = takeCommunity(kind === 'understaffed' ? 2 : 1);
    if (!c) {
      notes.push(`no free community for a ${kind} transfer: skipped`);
      continue;
    }
    const [officer, second] = assignedTo.get(c.id);
    const effective = plan.int(eLow, eHigh);
    const gap = plan.int(3, 8);
    const replacement = takeReplacement(c.unit);
    if (!replacement) {
      notes.push(`no officer left to replace in a ${kind} transfer: skipped`);
      continue;
    }
    const longTenure = [5, 7 * 365];
    if (kind === 'compliant' || kind === 'tenure' || kind === 'tenure-exception') {
      const arrival = effective - plan.int(1, 10);
      // A short tenure starts one to four years before E, yet before the period (the community is never empty).
      const t = transferOut(c, officer, effective, { tenureYears: kind === 'compliant' ? longTenure : [1, 3 * 365], replacement, arrival, exception: kind === 'tenure-exception' });
      arrive(replacement, c, arrival);
      t.plant = kind === 'compliant' ? [] : [['community-policing/five-year-tenure', 'transfer', null]];
      if (kind !== 'compliant' && officer.intervals[0][1] <= yearsBefore(effective, 5)) {
        notes.push(`a ${kind} transfer could not be given a tenure under five years (the period is too long)`);
        t.plant = [];
      }
    } else if (kind === 'no-replacement') {
      const t = transferOut(c, officer, effective, { tenureYears: longTenure });
      arrive(replacement, c, effective + gap); // filled later, by nobody the request named
      t.plant = [['community-policing/replacement-first', 'transfer', null], ['community-policing/coverage', 'community', c.id, effective]];
    } else if (kind === 'late-replacement') {
      const t = transferOut(c, officer, effective, { tenureYears: longTenure, replacement, arrival: effective + gap });
      arrive(replacement, c, effective + gap);
      t.plant = [['community-policing/replacement-first', 'transfer', null], ['community-policing/coverage', 'community', c.id, effective]];
    } else if (kind === 'shared-replacement') {
      // Two requests name one replacement: it arrives in the first community; the second is
      // filled on its effective date by an officer no request names.
      const c2 = takeCommunity(1);
      const filler = takeReplacement(c.unit);
      if (!c2 || !filler) {
        notes.push('no second community or officer for a shared replacement: skipped');
        continue;
      }
      const [officer2] = assignedTo.get(c2.id);
      const e1 = Math.max(eLow, Math.min(effective, E - 1));
      const e2 = Math.min(E, e1 + plan.int(1, 5));
      const arrival = e1 - plan.int(1, 5);
      const t1 = transferOut(c, officer, e1, { tenureYears: longTenure, replacement, arrival });
      arrive(replacement, c, arrival);
      t1.plant = [];
      const t2 = transferOut(c2, officer2, e2, { tenureYears: longTenure, replacement, arrival });
      arrive(filler, c2, e2);
      t2.plant = [['community-policing/replacement-first', 'transfer', null]];
    } else if (kind === 'understaffed') {
      // A heavy-load committee of two: one officer leaves without a request three days before
      // the other's transfer; the replacement arrives the day after the first left, so on E only
      // the replacement is there. Another officer fills the second post later.
      const filler = takeReplacement(c.unit);
      if (!filler) {
        notes.push('no officer left to fill an understaffed committee: skipped');
        continue;
      }
      const left = effective - 3;
      second.intervals = [[c.id, Math.min(second.intervals[0][1], S - 1), left]];
      const t = transferOut(c, officer, effective, { tenureYears: longTenure, replacement, arrival: left + 1 });
      arrive(replacement, c, left + 1);
      arrive(filler, c, effective + gap);
      t.plant = [['community-policing/replacement-first', 'transfer', null], ['community-policing/coverage', 'community', c.id, effective]];
      if (left < S) notes.push('an understaffed committee lost its officer before the period: coverage counts from the period start');
    }
  }
}
// Ids in effective-date order, as a personnel office numbers its requests.
transfers.sort((a, b) => (a.effectiveDate < b.effectiveDate ? -1 : a.effectiveDate > b.effectiveDate ? 1 : a.officer < b.officer ? -1 : 1));
transfers.forEach((t, i) => {
  t.id = `T-${t.effectiveDate.slice(0, 4)}-${pad(i + 1, 4)}`;
  for (const [ruleId, type, id, date] of t.plant) plant(ruleId, type, id ?? t.id, date !== undefined ? isoDate(date) : type === 'transfer' ? t.effectiveDate : undefined, 'transfer');
  delete t.plant;
});

// dedicated-officer: an officer also covers a neighbouring committee for a week or two (叠加).
for (let n = 0; n < plantCount(); n++) {
  const pool = stableOfficers().filter((o) => communityById.get(o.community).required === 1);
  const o = pool.length > 0 ? plan.pick(pool) : undefined;
  const neighbour = o && communities.find((c) => c.unit === o.unit && c.id !== o.community && freeCommunities.has(c.id));
  if (!o || !neighbour) {
    notes.push('no officer with a neighbouring committee for dedicated-officer: skipped');
    break;
  }
  const from = plan.int(S, Math.max(S, E - 14));
  const to = Math.min(E, from + plan.int(6, 13));
  o.intervals.push([neighbour.id, from, to]);
  o.stable = false;
  freeCommunities.delete(neighbour.id);
  freeCommunities.delete(o.community);
  plant('community-policing/dedicated-officer', 'officer', o.id, isoDate(from), 'overlap');
}

// Officers' organisation fields, with a few officers who break the rules on the period's last date.
for (const o of officers) {
  // Replacements that arrive in the period take up their role with the post.
  o.communityRoles = o.intervals.length > 0 ? [o.partyMember ? 'deputy-party-secretary' : 'deputy-station-head'] : [];
}
const pickStable = (purpose) => {
  const pool = stableOfficers().filter((o) => !o.flagged);
  if (pool.length === 0) return notes.push(`no officer left for ${purpose}: skipped`), undefined;
  const o = plan.pick(pool);
  o.flagged = true;
  return o;
};
for (let n = 0; n < orgCount(0.001, OFFICERS); n++) {
  const o = pickStable('concurrent-community-role');
  if (!o) break;
  o.communityRoles = o.partyMember ? [] : ['deputy-party-secretary'];
  plant('community-policing/concurrent-community-role', 'officer', o.id, undefined, 'organisation');
}
for (let n = 0; n < orgCount(0.001, OFFICERS); n++) {
  const o = pickStable('mobile-terminal');
  if (!o) break;
  o.mobileTerminal = false;
  plant('community-policing/mobile-terminal', 'officer', o.id, undefined, 'organisation');
}
for (let n = 0; n < orgCount(0.001, communities.length) && communities.length > 0; n++) {
  const c = plan.pick(communities);
  if (!c.securityDirector.fullTime) continue;
  c.securityDirector.fullTime = false;
  plant('community-policing/full-time-security-director', 'community', c.id, undefined, 'organisation');
}

// Police rooms: one per committee, some shared by two neighbouring committees of one station.
const policeRooms = [];
for (let i = 0; i < communities.length; i++) {
  const c = communities[i];
  const next = communities[i + 1];
  const shared = next && next.unit === c.unit && org.chance(0.08);
  policeRooms.push({ id: `R${pad(policeRooms.length + 1, C_WIDTH)}`, communities: shared ? [c.id, next.id] : [c.id], independentRoom: true, signage: true, serviceFunctions: true, governanceTheme: true });
  if (shared) i++;
}
for (let n = 0; n < orgCount(0.001, policeRooms.length) && policeRooms.length > 0; n++) {
  const room = plan.pick(policeRooms);
  if (!room.governanceTheme || !room.signage) continue;
  room.governanceTheme = false;
  if (plan.chance(0.5)) room.signage = false;
  plant('community-policing/police-room-standard', 'policeRoom', room.id, undefined, 'organisation');
}

// Establishment: each station's community posts at every quarter's end from a year before the
// period to its end, never going down — but for a few stations, once.
const quarterEnds = [];
for (let y = Number(isoDate(S - 365).slice(0, 4)); y <= Number(DATE[DAYS - 1].slice(0, 4)); y++) {
  for (const md of ['03-31', '06-30', '09-30', '12-31']) {
    const n = dayNumber(`${y}-${md}`);
    if (n >= S - 365 && n <= E) quarterEnds.push(n);
  }
}
const establishment = [];
const postsOf = new Map();
for (const c of communities) postsOf.set(c.unit, (postsOf.get(c.unit) ?? 0) + c.required);
const cutStations = new Set();
const cuttable = stations.filter((s) => (postsOf.get(s.id) ?? 0) >= 3);
for (let n = 0; n < orgCount(0.01 * YEARS, STATIONS) && quarterEnds.length >= 2 && cuttable.length > 0; n++) cutStations.add(plan.pick(cuttable).id);
for (const s of stations) {
  const posts = postsOf.get(s.id) ?? 0;
  let value = Math.max(0, posts - org.int(0, 2));
  const values = quarterEnds.map(() => {
    if (value < posts && org.chance(0.3)) value++;
    return value;
  });
  values[values.length - 1] = Math.max(values[values.length - 1], posts);
  if (cutStations.has(s.id)) {
    const j = plan.int(1, values.length - 1);
    values[j] = values[j - 1] - 1; // the cut
    for (let k = j + 1; k < values.length; k++) values[k] = Math.max(values[k], values[j - 1]); // restored later
    plant('community-policing/no-post-cuts', 'unit', s.id, isoDate(quarterEnds[j - 1]), 'establishment');
  }
  quarterEnds.forEach((d, j) => establishment.push({ unit: s.id, date: isoDate(d), communityPosts: values[j] }));
}

// Non-normal duty: the year's big events, for the branch that polices them, and one more inside the period.
const nonNormalDuty = [];
const branchOf = (district) => branches.find((b) => b.district === district)?.id ?? branches[0].id;
for (const y of periodYears) {
  nonNormalDuty.push({ start: `${y}-04-07`, end: `${y}-04-09`, reason: 'F1中国大奖赛安保', units: [branchOf('嘉定')] });
  nonNormalDuty.push({ start: `${y}-09-19`, end: `${y}-09-23`, reason: '中国国际工业博览会安保', units: [branchOf('闵行')] });
  nonNormalDuty.push({ start: `${y}-11-12`, end: `${y}-11-12`, reason: '上海国际马拉松安保' });
}
{
  const from = plan.int(S, Math.max(S, E - 2));
  nonNormalDuty.push({ start: isoDate(from), end: isoDate(Math.min(E, from + 1)), reason: '重大活动安保', units: [plan.pick(branches).id] });
}
nonNormalDuty.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
const nonNormalDays = new Set();
for (const n of nonNormalDuty) for (let d = dayNumber(n.start); d <= dayNumber(n.end); d++) nonNormalDays.add(d);

// ---------------------------------------------------------------------------------------------
// Planted roster weeks. A clean week lies inside the period, its Monday–Friday are working days
// and its weekend is not, and no non-normal duty touches it; a planted week replaces the
// officer's plan for that week (Monday to Sunday) and clears a night on the Sunday before.

const ROSTER_PLANTS = {
  'community-policing/no-diversion': (r) => weekOf('白', { [r.int(0, 4)]: '协' }),
  'community-policing/no-daytime-station-duty': (r) => weekOf('白', { [r.int(0, 4)]: '值' }),
  'community-policing/five-half-days': () => weekOf('白', { 1: '午', 2: '午', 3: '午' }),
  'working-time/daily-rest': (r) => {
    const d = r.int(0, 3);
    return weekOf('白', { [d]: '上/夜', [d + 1]: '补' });
  },
  'working-time/weekly-hours': () => weekOf('白', { 5: '夜' }),
  'working-time/consecutive-workdays': () => weekOf('白', { 5: '晚', 6: '晚' }),
};
function weekOf(code, overrides) {
  return Array.from({ length: 7 }, (_, d) => (overrides[d] ?? (d < 5 ? code : '')).split('/').filter(Boolean));
}
const cleanWeeks = [];
for (let i = 0; i + 6 < DAYS; i++) {
  if (WEEKDAY[i] !== 1) continue;
  let clean = true;
  for (let d = 0; d < 7; d++) if (WORKING[i + d] !== d < 5 || nonNormalDays.has(S + i + d)) clean = false;
  if (i > 0 && WORKING[i - 1]) clean = false; // a make-up Sunday before it would lengthen a run of workdays
  if (clean) cleanWeeks.push(i);
}
const rosterPlants = new Map(); // officer index → { week, cells, ruleId }
if (cleanWeeks.length === 0) notes.push('the period has no whole ordinary week (Monday–Friday working days): no roster violations planted');
else {
  for (const [ruleId, make] of Object.entries(ROSTER_PLANTS)) {
    for (let n = 0; n < plantCount(); n++) {
      const o = pickStable(ruleId);
      if (!o) break;
      const week = plan.pick(cleanWeeks);
      rosterPlants.set(o.index, { week, cells: make(plan), ruleId });
      // The date a rule reports it on: a week by its Monday, a run by its first day, a short
      // rest or daytime station duty by its day.
      const day = ruleId === 'working-time/daily-rest' || ruleId === 'community-policing/no-daytime-station-duty' ? rosterPlants.get(o.index).cells.findIndex((c) => c.includes('夜') || c.includes('值')) : 0;
      plant(ruleId, 'officer', o.id, isoDate(S + week + day), 'roster');
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One officer's roster: a cell of codes per date of the period.

/** The officer's community on day i (the earliest-listed assignment holding), or undefined. */
function communityOn(o, i) {
  const n = S + i;
  for (const [c, from, to] of o.intervals) if (n >= from && n <= to) return c;
  return undefined;
}

function officerCells(o) {
  const r = prng(`officer ${o.index}`);
  const cells = new Array(DAYS);
  const community = new Array(DAYS);
  const leave = new Uint8Array(DAYS + 1);
  // About a week and a half of leave a year, Monday to Sunday.
  for (let i = 0; i < DAYS; i++) if (WEEKDAY[i] === 1 && r.chance(1.5 / 52)) for (let d = 0; d < 7 && i + d < DAYS; d++) leave[i + d] = 1;
  for (let i = 0; i < DAYS; i++) {
    community[i] = communityOn(o, i);
    if (leave[i]) cells[i] = ['假'];
    else if (!WORKING[i]) cells[i] = [];
    else if (r.chance(0.01)) cells[i] = ['病'];
    else if (r.chance(0.02)) cells[i] = ['训'];
    else if (community[i]) cells[i] = [r.chance(0.7) ? '白' : '访'];
    else cells[i] = [r.chance(0.2) ? '值' : '勤'];
  }
  // A night of station duty every eight days: the day before is rest (轮休) when it is a working
  // day, and the working day after is a day off in lieu (补休).
  const phase = r.int(0, 7);
  for (let i = phase; i < DAYS; i += 8) {
    if (leave[i] || leave[i + 1]) continue;
    cells[i] = WORKING[i] ? ['轮', '夜'] : ['夜'];
    if (i + 1 < DAYS && WORKING[i + 1]) cells[i + 1] = ['补'];
  }
  keepWeeklyHours(cells);
  keepConsecutiveWorkdays(cells);
  const planted = rosterPlants.get(o.index);
  if (planted) {
    const { week, cells: codes } = planted;
    if (week > 0 && cells[week - 1].includes('夜')) cells[week - 1] = cells[week - 1].filter((c) => c !== '夜');
    for (let d = 0; d < 7; d++) cells[week + d] = codes[d];
  }
  return { cells, community };
}

const workToday = (cell) => cell.reduce((sum, c) => sum + CODE_INFO[c].today, 0);
const workTomorrow = (cell) => cell.reduce((sum, c) => sum + CODE_INFO[c].tomorrow, 0);
const startsWork = (cell) => cell.some((c) => CODE_INFO[c].starts);
const isDayWork = (cell) => cell.length === 1 && CODE_INFO[cell[0]].dayWork;

/** Where a week would exceed 40 hours (a weekend night), its last day of day work becomes rest. */
function keepWeeklyHours(cells) {
  for (let i = 0; i < DAYS; ) {
    const end = Math.min(DAYS, i + (8 - WEEKDAY[i]));
    const total = () => {
      let sum = 0;
      for (let k = i; k < end; k++) sum += workToday(cells[k]) + (k > 0 ? workTomorrow(cells[k - 1]) : 0);
      return sum;
    };
    while (total() > 2400) {
      let k = end - 1;
      while (k >= i && !isDayWork(cells[k])) k--;
      if (k < i) break;
      cells[k] = ['轮'];
    }
    i = end;
  }
}

/** Where work would start on more than six days in a row (a make-up weekend), one of them becomes rest. */
function keepConsecutiveWorkdays(cells) {
  let run = 0;
  for (let i = 0; i < DAYS; i++) {
    run = startsWork(cells[i]) ? run + 1 : 0;
    if (run <= 6) continue;
    for (let k = i - 3; k <= i; k++) {
      if (isDayWork(cells[k])) {
        cells[k] = ['轮'];
        break;
      }
    }
    run = 0;
    for (let k = i; k >= 0 && startsWork(cells[k]); k--) run++;
  }
}

// ---------------------------------------------------------------------------------------------
// Writing.

mkdirSync(OUT, { recursive: true });
const period = { start: DATE[0], end: DATE[DAYS - 1] };

for (const o of officers) {
  o.assignments = o.intervals.map(([community, from, to]) => ({ community, from: isoDate(from), ...(to !== Infinity ? { to: isoDate(to) } : {}) }));
}
const dataset = {
  timezone: 'Asia/Shanghai',
  period,
  calendar: {
    holidays: [...holidays].sort(),
    workdays: [...workdays].sort(),
  },
  nonNormalDuty,
  units,
  communities: communities.map((c) => ({ id: c.id, name: c.name, kind: c.kind, unit: c.unit, ...(c.required > 1 ? { heavyLoad: true } : {}), ...(c.required > 2 ? { requiredOfficers: c.required } : {}), securityDirector: c.securityDirector })),
  officers: officers.map((o) => ({ id: o.id, badge: o.badge, name: o.name, unit: o.unit, partyMember: o.partyMember, communityRoles: o.communityRoles, mobileTerminal: o.mobileTerminal, assignments: o.assignments })),
  establishment,
  transfers,
  policeRooms,
};
writeFileSync(join(OUT, 'dataset.json'), `${JSON.stringify(dataset, null, 1)}\n`);

const packs = { extends: ['community-policing/recommended', 'working-time/recommended'] };
writeFileSync(join(OUT, 'config.json'), `${JSON.stringify(packs, null, 2)}\n`);
const shiftCodes = Object.fromEntries(Object.keys(CODES).sort().map((code) => [code, CODES[code].map(([start, end, type]) => ({ start, end, type }))]));
shiftCodes['-'] = [];
writeFileSync(join(OUT, 'config-wide.json'), `${JSON.stringify({ ...packs, settings: { shiftCodes } }, null, 2)}\n`);

const ndjson = createWriteStream(join(OUT, 'roster.ndjson'));
const csv = createWriteStream(join(OUT, 'roster.csv'));
const write = async (stream, text) => {
  if (!stream.write(text)) await once(stream, 'drain');
};
await write(csv, '\uFEFF警号,日期,开始,结束,勤务类型,社区,备注\n');

const WEEKDAY_NAMES = ['一', '二', '三', '四', '五', '六', '日'];
const cellTexts = new Set();
for (const code of Object.keys(CODES)) cellTexts.add(code);
for (const c of ['轮/夜', '上/夜']) cellTexts.add(c);
const sharedStrings = ['序号', '警号', '姓名', '备注', '合计', ...WEEKDAY_NAMES, ...cellTexts];
const xlsx = openXlsxStream(join(OUT, 'roster.xlsx'), '排班表', sharedStrings);
const FIRST_DATE_COLUMN = 4; // D: after 序号, 警号, 姓名
const dateColumn = Array.from({ length: DAYS }, (_, i) => columnName(FIRST_DATE_COLUMN + i));
const noteColumn = columnName(FIRST_DATE_COLUMN + DAYS);
const totalColumn = columnName(FIRST_DATE_COLUMN + DAYS + 1);
const excelDate = (i) => S + i + 25569; // days since 1899-12-30 (the 1900 system, after 1900-03-01)
await xlsx.row(`<row r="1">${xlsx.cell('A1', `上海市公安局 社区民警排班表 ${period.start} 至 ${period.end}（代码见 config-wide.json）`)}</row>`);
await xlsx.row(`<row r="2">${xlsx.cell('A2', '序号')}${xlsx.cell('B2', '警号')}${xlsx.cell('C2', '姓名')}${dateColumn.map((col, i) => xlsx.cell(`${col}2`, { date: excelDate(i) })).join('')}${xlsx.cell(`${noteColumn}2`, '备注')}${xlsx.cell(`${totalColumn}2`, '合计')}</row>`);
await xlsx.row(`<row r="3">${dateColumn.map((col, i) => xlsx.cell(`${col}3`, WEEKDAY_NAMES[WEEKDAY[i] - 1])).join('')}</row>`);

const perDate = new Uint32Array(DAYS);
let entries = 0;
for (const o of officers) {
  const { cells, community } = officerCells(o);
  let nd = '';
  let cs = '';
  const excelRow = 4 + o.index;
  let row = `<row r="${excelRow}">${xlsx.cell(`A${excelRow}`, o.index + 1)}${xlsx.cell(`B${excelRow}`, o.badge)}${xlsx.cell(`C${excelRow}`, o.name)}`;
  let filled = 0;
  for (let i = 0; i < DAYS; i++) {
    const cell = cells[i];
    if (cell.length === 0) continue;
    filled++;
    perDate[i]++;
    // Leave drawn once over its days: a merged cell (the first day holds the code).
    const mergedLeave = cell[0] === '假' && i > 0 && cells[i - 1][0] === '假';
    if (!mergedLeave) {
      let last = i;
      if (cell[0] === '假') while (last + 1 < DAYS && cells[last + 1][0] === '假') last++;
      if (last > i) xlsx.merge(`${dateColumn[i]}${excelRow}:${dateColumn[last]}${excelRow}`);
      row += xlsx.cell(`${dateColumn[i]}${excelRow}`, cell.join('/'));
    }
    for (const code of cell) {
      for (const [st, en, type] of CODES[code]) {
        const endDate = minutes(en) <= minutes(st) ? DATE[i + 1] : DATE[i];
        const c = COMMUNITY_TYPES.has(type) ? community[i] : undefined;
        const note = NOTES[code];
        const entry = { officer: o.id, start: `${DATE[i]}T${st}`, end: `${endDate}T${en}`, type };
        if (c) entry.community = c;
        if (note) entry.note = note;
        nd += `${JSON.stringify(entry)}\n`;
        cs += `${o.badge},${DATE[i]},${st},${en},${type},${c ?? ''},${note ?? ''}\n`;
        entries++;
      }
    }
  }
  row += `${xlsx.cell(`${totalColumn}${excelRow}`, filled)}</row>`;
  await write(ndjson, nd);
  await write(csv, cs);
  await xlsx.row(row);
}
{
  const r = 4 + officers.length + 1; // a blank row, then the totals
  await xlsx.row(`<row r="${r}">${xlsx.cell(`A${r}`, '合计')}${dateColumn.map((col, i) => xlsx.cell(`${col}${r}`, perDate[i])).join('')}</row>`);
}
ndjson.end();
csv.end();
await Promise.all([once(ndjson, 'finish'), once(csv, 'finish'), xlsx.close()]);

planted.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : 0));
// One planted violation a line, so that a diff of two cities reads well.
const about = 'The violations this generator put in on purpose (and those that follow from them): rule, subject, the first date of the violation (its period.start) where it has one, and what made it.';
writeFileSync(join(OUT, 'planted.json'), `{\n"about": ${JSON.stringify(about)},\n"planted": [\n${planted.map((p) => JSON.stringify(p)).join(',\n')}\n]\n}\n`);

if (!args.quiet) {
  const size = (f) => `${(statSync(join(OUT, f)).size / 2 ** 20).toFixed(1)} MB`;
  for (const n of [...new Set(notes)]) process.stderr.write(`generate: note: ${n}\n`);
  process.stderr.write(
    `generate: ${OFFICERS} officers (${UNASSIGNED} without a community), ${communities.length} communities, ${STATIONS} stations, ${BRANCHES} branches; ` +
      `${DAYS} days from ${period.start}; ${entries} roster entries; ${transfers.length} transfers; ${planted.length} planted violations; ` +
      `${((performance.now() - t0) / 1000).toFixed(1)} s\n` +
      `generate: ${OUT}: dataset.json ${size('dataset.json')}, roster.ndjson ${size('roster.ndjson')}, roster.csv ${size('roster.csv')}, roster.xlsx ${size('roster.xlsx')}\n`,
  );
}
