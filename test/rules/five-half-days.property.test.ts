import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';

/*
 * five-half-days against a deliberately simple reference: whole days as numbers, wall-clock
 * minutes counted one by one. Asia/Shanghai has no DST, so a wall-clock minute is an elapsed
 * minute. The reference knows rules.md only, not the engine's code.
 */

const RULE = 'community-policing/five-half-days';
const DAY_MS = 86_400_000;
const WINDOWS = [
  { name: 'am', start: 8 * 60, end: 12 * 60 },
  { name: 'pm', start: 13 * 60, end: 17 * 60 },
];
const MIN_HALF_DAYS = 5;
const MIN_MINUTES = 120;
const STANDARD_HALF_DAYS = 10;
const TYPES = { community: '社区工作', excused: '休假', other: '专项行动' } as const;
/** 2017-04-03, a Monday, as a day number. */
const BASE_DAY = Date.UTC(2017, 3, 3) / DAY_MS;

const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const dayOf = (date: string) => Date.parse(`${date}T00:00Z`) / DAY_MS;
/** 1 = Monday … 7 = Sunday. */
const weekdayOf = (day: number) => ((new Date(day * DAY_MS).getUTCDay() + 6) % 7) + 1;
const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
/** A wall-clock minute counted from day 0, as `YYYY-MM-DDTHH:mm`. */
const dateTimeOf = (minute: number) => `${dateOf(Math.floor(minute / 1440))}T${clock(minute % 1440)}`;

interface Entry {
  officer: string;
  kind: keyof typeof TYPES;
  community?: string;
  /** Wall-clock minutes counted from day 0, `[start, end)`. */
  start: number;
  end: number;
}

interface Assignment {
  community: string;
  from: number;
  to?: number;
}

interface Scenario {
  periodStart: number;
  periodEnd: number;
  officers: { id: string; assignments: Assignment[] }[];
  entries: Entry[];
  holidays: number[];
  workdays: number[];
  nonNormalDuty?: { start: number; end: number; units?: string[] };
}

const scenarioArbitrary: fc.Arbitrary<Scenario> = fc
  .record({ startOffset: fc.integer({ min: 0, max: 13 }), length: fc.integer({ min: 1, max: 21 }) })
  .chain(({ startOffset, length }) => {
    const periodStart = BASE_DAY + startOffset;
    const periodEnd = periodStart + length - 1;
    const dayInRange = fc.integer({ min: periodStart - 3, max: periodEnd + 2 });
    const assignment = fc.record(
      { community: fc.constantFrom('C1', 'C2'), from: dayInRange, span: fc.option(fc.integer({ min: 0, max: 21 }), { nil: undefined }) },
      { requiredKeys: ['community', 'from'] },
    ).map(({ community, from, span }): Assignment => (span === undefined ? { community, from } : { community, from, to: from + span }));
    const officers = fc
      .integer({ min: 1, max: 2 })
      .chain((n) => fc.tuple(...Array.from({ length: n }, () => fc.array(assignment, { minLength: 0, maxLength: 2 }))))
      .map((lists) => lists.map((assignments, i) => ({ id: `O${i + 1}`, assignments })));
    const entry = fc
      .record({
        officer: fc.constantFrom('O1', 'O2'),
        kind: fc.constantFrom<keyof typeof TYPES>('community', 'community', 'excused', 'excused', 'other'),
        community: fc.constantFrom<string | undefined>(undefined, undefined, 'C1', 'C2'),
        day: dayInRange,
        // Biased towards window edges and two-hour lengths, where the thresholds are decided.
        slot: fc.oneof({ arbitrary: fc.integer({ min: 0, max: 95 }), weight: 1 }, { arbitrary: fc.constantFrom(32, 33, 36, 40, 52, 53, 56, 60), weight: 3 }),
        slots: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 48 }), weight: 1 }, { arbitrary: fc.constantFrom(4, 7, 8, 9, 16), weight: 3 }),
      })
      .map(({ day, slot, slots, community, ...rest }): Entry => ({
        ...rest,
        ...(community === undefined ? {} : { community }),
        start: day * 1440 + slot * 15,
        end: day * 1440 + (slot + slots) * 15,
      }));
    // An entry near another of the same officer and day, so that overlaps (counted once) are common.
    const echo = fc.record({
      of: fc.nat(),
      shift: fc.integer({ min: -4, max: 4 }),
      slots: fc.integer({ min: 1, max: 12 }),
      kind: fc.constantFrom<keyof typeof TYPES | undefined>(undefined, undefined, 'community', 'excused'),
    });
    const periodDay = fc.integer({ min: periodStart, max: periodEnd });
    const nonNormalDuty = fc.option(
      fc.record({ start: periodDay, span: fc.integer({ min: 0, max: 5 }), units: fc.constantFrom<string[] | undefined>(undefined, ['HP'], ['PS1'], ['PS2']) }).map(({ start, span, units }) => ({
        start,
        end: start + span,
        ...(units ? { units } : {}),
      })),
      { nil: undefined },
    );
    return fc.record({
      periodStart: fc.constant(periodStart),
      periodEnd: fc.constant(periodEnd),
      officers,
      entries: fc.array(entry, { maxLength: 30 }),
      echoes: fc.array(echo, { maxLength: 12 }),
      holidays: fc.uniqueArray(periodDay, { maxLength: 4 }),
      workdays: fc.uniqueArray(periodDay, { maxLength: 2 }),
      nonNormalDuty,
    });
  })
  .map(({ echoes, ...s }): Scenario => {
    const echoed = s.entries.length === 0 ? [] : echoes.map(({ of, shift, slots, kind }): Entry => {
      const base = s.entries[of % s.entries.length]!;
      const start = base.start + shift * 15;
      return { ...base, kind: kind ?? base.kind, start, end: start + slots * 15 };
    });
    return { ...s, entries: [...s.entries, ...echoed].filter((e) => s.officers.some((o) => o.id === e.officer)) };
  });

/** The dataset (data.md) of a scenario. */
function toDataset(s: Scenario): Record<string, unknown> {
  return {
    timezone: 'Asia/Shanghai',
    period: { start: dateOf(s.periodStart), end: dateOf(s.periodEnd) },
    calendar: { holidays: s.holidays.map(dateOf), workdays: s.workdays.map(dateOf) },
    ...(s.nonNormalDuty
      ? { nonNormalDuty: [{ start: dateOf(s.nonNormalDuty.start), end: dateOf(s.nonNormalDuty.end), reason: 'event', ...(s.nonNormalDuty.units ? { units: s.nonNormalDuty.units } : {}) }] }
      : {}),
    units: [
      { id: 'HP', name: '黄浦分局' },
      { id: 'PS1', name: '外滩派出所', parent: 'HP' },
      { id: 'PS2', name: '南京东路派出所', parent: 'HP' },
    ],
    communities: [
      { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
      { id: 'C2', name: '福州路居委', kind: 'residential', unit: 'PS1' },
    ],
    officers: s.officers.map((o) => ({
      id: o.id,
      unit: 'PS1',
      assignments: o.assignments.map((a) => ({ community: a.community, from: dateOf(a.from), ...(a.to === undefined ? {} : { to: dateOf(a.to) }) })),
    })),
    roster: s.entries.map((e) => ({
      officer: e.officer,
      start: dateTimeOf(e.start),
      end: dateTimeOf(e.end),
      type: TYPES[e.kind],
      ...(e.community ? { community: e.community } : {}),
    })),
  };
}

interface WeekVerdict {
  expected: number;
  actual: number;
  violated: boolean;
}

/** rules.md's five-half-days, counted minute by minute: officer|Monday → verdict. */
function reference(s: Scenario): Map<string, WeekVerdict> {
  const verdicts = new Map<string, WeekVerdict>();
  const isWorkingDay = (day: number) => s.workdays.includes(day) || (!s.holidays.includes(day) && weekdayOf(day) <= 5);
  const nnd = s.nonNormalDuty;
  const isNonNormal = (day: number) => nnd !== undefined && day >= nnd.start && day <= nnd.end && (nnd.units === undefined || nnd.units.includes('PS1') || nnd.units.includes('HP'));
  for (const officer of s.officers) {
    const assignedOn = (day: number) => officer.assignments.filter((a) => day >= a.from && (a.to === undefined || day <= a.to)).map((a) => a.community);
    const covered = (minute: number, kind: Entry['kind'], communities: string[]) =>
      s.entries.some((e) => e.officer === officer.id && e.kind === kind && e.start <= minute && minute < e.end && (kind !== 'community' || e.community === undefined || communities.includes(e.community)));
    const firstMonday = s.periodStart - (weekdayOf(s.periodStart) - 1);
    for (let monday = firstMonday; monday <= s.periodEnd; monday += 7) {
      let isSubject = false;
      let counted = 0;
      let available = 0;
      for (let day = monday; day < monday + 7; day++) {
        if (day < s.periodStart || day > s.periodEnd) continue;
        const communities = assignedOn(day);
        if (communities.length === 0) continue;
        isSubject = true;
        for (const w of WINDOWS) {
          let work = 0;
          let leave = 0;
          for (let m = w.start; m < w.end; m++) {
            if (covered(day * 1440 + m, 'community', communities)) work++;
            if (covered(day * 1440 + m, 'excused', communities)) leave++;
          }
          if (work >= MIN_MINUTES) counted++;
          if (isWorkingDay(day) && !isNonNormal(day) && leave < MIN_MINUTES) available++;
        }
      }
      if (!isSubject) continue;
      const required = Math.ceil((MIN_HALF_DAYS * available) / STANDARD_HALF_DAYS);
      verdicts.set(`${officer.id}|${dateOf(monday)}`, { expected: required, actual: counted, violated: counted < required });
    }
  }
  return verdicts;
}

describe('five-half-days against a minute-by-minute reference', () => {
  it('finds the same violated officer-weeks, with the same expected and actual', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary, async (scenario) => {
        const report = await check(toDataset(scenario), { config: { extends: [], rules: { [RULE]: 'error' } } });
        const found = new Map<string, WeekVerdict>();
        for (const v of report.violations) {
          expect(v.ruleId).toBe(RULE);
          expect(dayOf(v.period!.end) - dayOf(v.period!.start)).toBe(6);
          expect(weekdayOf(dayOf(v.period!.start))).toBe(1);
          found.set(`${v.subject.id}|${v.period!.start}`, { expected: v.expected as number, actual: v.actual as number, violated: true });
        }
        const expectedViolations = new Map([...reference(scenario)].filter(([, verdict]) => verdict.violated));
        expect(found).toEqual(expectedViolations);
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});
