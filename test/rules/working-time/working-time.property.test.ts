import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/check.js';
import type { Violation } from '../../../src/report/types.js';

/*
 * The three working-time rules against a deliberately simple reference written from
 * working-time.md alone: wall-clock minutes counted from day 0 (Asia/Shanghai has no DST, so a
 * wall-clock minute is an elapsed one), duty periods merged in one pass, work minutes marked one
 * by one. Random rosters of two officers, with overlapping, touching and cross-midnight entries,
 * training, leave, and random breakMinutes and countsAsWork.
 */

const DAY_MS = 86_400_000;
/** 2017-04-03, a Monday, as a day number. */
const BASE_DAY = Date.UTC(2017, 3, 3) / DAY_MS;
/** Duty types, and whether each is work with the default countsAsWork. */
const TYPES = ['社区工作', '所内值班', '专案协查', '培训', '休假'] as const;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const dateTimeOf = (minute: number) => `${dateOf(Math.floor(minute / 1440))}T${clock(minute % 1440)}`;

interface Entry {
  index: number;
  officer: string;
  type: (typeof TYPES)[number];
  /** Wall-clock minutes counted from day 0, `[start, end)`. */
  start: number;
  end: number;
}

interface Scenario {
  periodStart: number;
  periodEnd: number;
  breakMinutes: number;
  trainingIsWork: boolean;
  /** The rules' options: the defaults, or lower ones so that violations are common. */
  minRest: number;
  maxWeek: number;
  maxDays: number;
  entries: Entry[];
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({
    length: fc.integer({ min: 1, max: 16 }),
    breakMinutes: fc.constantFrom(0, 60, 120, 150),
    trainingIsWork: fc.boolean(),
    minRest: fc.constantFrom(660, 480, 900),
    maxWeek: fc.constantFrom(2400, 1200, 600),
    maxDays: fc.constantFrom(6, 3, 2),
  })
  .chain(({ length, ...settings }) => {
    const entryOn = (officer: string, day: number) =>
      fc.record({
        // Mostly work, so that long runs, long weeks and short rests are common.
        type: fc.oneof({ arbitrary: fc.constantFrom('社区工作', '所内值班', '专案协查'), weight: 6 }, { arbitrary: fc.constantFrom('培训', '休假'), weight: 2 }),
        // Half-hour slots: gaps of exactly 60, 120 and 150 minutes and touching entries are common.
        slot: fc.integer({ min: 0, max: 47 }),
        slots: fc.integer({ min: 1, max: 36 }),
      }).map((r) => ({ officer, type: r.type as Entry['type'], start: (BASE_DAY + day) * 1440 + r.slot * 30, slots: r.slots }));
    // Each officer, each day from two days before the period to two days after it: usually one
    // entry, sometimes none, sometimes a second.
    const days = ['O1', 'S1'].flatMap((officer) =>
      Array.from({ length: length + 4 }, (_, i) =>
        fc.record({ first: fc.option(entryOn(officer, i - 2), { freq: 6 }), second: fc.option(entryOn(officer, i - 2), { freq: 2, nil: null }) }),
      ),
    );
    return fc.tuple(...days).map((perDay) => ({
      periodStart: BASE_DAY,
      periodEnd: BASE_DAY + length - 1,
      ...settings,
      entries: perDay
        .flatMap(({ first, second }) => [first, second].filter((e) => e !== null))
        .map((e, index) => ({ index, officer: e.officer, type: e.type, start: e.start, end: e.start + e.slots * 30 })),
    }));
  });

function toDataset(s: Scenario): Record<string, unknown> {
  return {
    timezone: 'Asia/Shanghai',
    period: { start: dateOf(s.periodStart), end: dateOf(s.periodEnd) },
    units: [{ id: 'PS1', name: '外滩派出所' }],
    communities: [{ id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' }],
    officers: [
      { id: 'O1', name: '张伟', unit: 'PS1', assignments: [{ community: 'C1', from: '2015-01-01' }] },
      { id: 'S1', name: '李强', unit: 'PS1' },
    ],
    roster: s.entries.map((e) => ({ officer: e.officer, start: dateTimeOf(e.start), end: dateTimeOf(e.end), type: e.type })),
  };
}

/** What a violation is, for comparing: its identity, numbers and the indexes of its evidence. */
type Verdict = [rule: string, officer: string, start: string, end: string, actual: number, evidence: string];

const byStart = (a: Entry, b: Entry) => a.start - b.start || a.index - b.index;

function reference(s: Scenario): Verdict[] {
  const out: Verdict[] = [];
  const isWork = (e: Entry) => e.type !== '休假' && (e.type !== '培训' || s.trainingIsWork);
  const inPeriod = (day: number) => day >= s.periodStart && day <= s.periodEnd;
  for (const officer of ['O1', 'S1']) {
    const work = s.entries.filter((e) => e.officer === officer && isWork(e)).sort(byStart);

    // Duty periods: merge while the next entry starts less than breakMinutes after the end (or touches).
    const periods: { first: Entry; last: Entry; end: number }[] = [];
    for (const e of work) {
      const p = periods[periods.length - 1];
      if (p && (e.start <= p.end || e.start - p.end < s.breakMinutes)) {
        if (e.end > p.end) Object.assign(p, { end: e.end, last: e });
      } else periods.push({ first: e, last: e, end: e.end });
    }
    const shortByDay = new Map<number, { minutes: number; entries: Entry[] }[]>();
    for (let i = 1; i < periods.length; i++) {
      const minutes = periods[i]!.first.start - periods[i - 1]!.end;
      const day = Math.floor(periods[i]!.first.start / 1440);
      if (inPeriod(day) && minutes < s.minRest) {
        if (!shortByDay.has(day)) shortByDay.set(day, []);
        shortByDay.get(day)!.push({ minutes, entries: [periods[i - 1]!.last, periods[i]!.first] });
      }
    }
    for (const [day, rests] of [...shortByDay].sort(([a], [b]) => a - b)) {
      const evidence = [...new Set(rests.flatMap((r) => r.entries.map((e) => e.index)))].join(',');
      out.push(['working-time/daily-rest', officer, dateOf(day), dateOf(day), Math.min(...rests.map((r) => r.minutes)), evidence]);
    }

    // Weekly minutes: each minute of the week's dates inside the period, marked once.
    for (let monday = s.periodStart - 6; monday <= s.periodEnd; monday++) {
      if ((new Date(monday * DAY_MS).getUTCDay() + 6) % 7 !== 0) continue;
      const from = Math.max(monday, s.periodStart) * 1440;
      const to = (Math.min(monday + 6, s.periodEnd) + 1) * 1440;
      const covered = new Uint8Array(to - from);
      const minutesOf: [Entry, number][] = [];
      for (const e of work) {
        let own = 0;
        for (let m = Math.max(e.start, from); m < Math.min(e.end, to); m++) {
          own++;
          covered[m - from] = 1;
        }
        if (own > 0) minutesOf.push([e, own]);
      }
      const total = covered.reduce((sum, c) => sum + c, 0);
      if (total > s.maxWeek) {
        const evidence = minutesOf.map(([e, m]) => `${e.index}:${m}`).join(',');
        out.push(['working-time/weekly-hours', officer, dateOf(monday), dateOf(monday + 6), total, evidence]);
      }
    }

    // Runs of workdays (a work entry starts on the date) inside the period.
    const workdays = new Set(work.map((e) => Math.floor(e.start / 1440)));
    for (let day = s.periodStart; day <= s.periodEnd; day++) {
      if (!workdays.has(day) || workdays.has(day - 1) && day > s.periodStart) continue;
      let last = day;
      while (last + 1 <= s.periodEnd && workdays.has(last + 1)) last++;
      if (last - day + 1 > s.maxDays) {
        const on = (d: number) => work.filter((e) => Math.floor(e.start / 1440) === d).map((e) => e.index);
        out.push(['working-time/consecutive-workdays', officer, dateOf(day), dateOf(last), last - day + 1, [...new Set([...on(day), ...on(last)])].join(',')]);
      }
    }
  }
  // Report order: rule, subject, period start.
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0));
}

function verdictOf(v: Violation): Verdict {
  const evidence = v.evidence
    .map((e) => {
      const { index, minutes } = e as unknown as { index: number; minutes?: number };
      return v.ruleId === 'working-time/weekly-hours' ? `${index}:${minutes}` : String(index);
    })
    .join(',');
  return [v.ruleId, v.subject.id, v.period!.start, v.period!.end, v.actual as number, evidence];
}

describe('working-time against a minute-by-minute reference', () => {
  it('finds the same violations, with the same periods, actual values and evidence', async () => {
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const settings = { workingTime: { breakMinutes: scenario.breakMinutes, ...(scenario.trainingIsWork ? {} : { countsAsWork: [] }) } };
        const rules = {
          'working-time/daily-rest': ['error', { minRestMinutes: scenario.minRest }],
          'working-time/weekly-hours': ['warn', { maxMinutesPerWeek: scenario.maxWeek }],
          'working-time/consecutive-workdays': ['warn', { maxConsecutiveDays: scenario.maxDays }],
        } as const;
        const report = await check(toDataset(scenario), { config: { extends: [], settings, rules } });
        const expected = reference(scenario);
        expect(report.violations.map(verdictOf)).toEqual(expected);
        for (const [rule] of expected) seen.set(rule, (seen.get(rule) ?? 0) + 1);
      }),
      { seed: 20170403, numRuns: 150 },
    );
    // The scenarios do reach each rule, often enough for the comparison to mean something.
    for (const rule of ['working-time/daily-rest', 'working-time/weekly-hours', 'working-time/consecutive-workdays']) expect(seen.get(rule) ?? 0, rule).toBeGreaterThan(20);
  }, 120_000);
});
