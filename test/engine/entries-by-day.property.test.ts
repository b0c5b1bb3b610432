import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { daysFromFlags, entriesByDay, typeFilterMemo } from '../../src/engine/declarative/measures.js';
import { probePack, probeRule, twoOfficerCity } from '../_lib/probe-pack.js';

/**
 * An `entries` measure starting on the judged date, whose filter reads nothing of the date, is
 * read from the officer's entries by day (found once per officer), not filtered subject by
 * subject; the next date with entries tells the date tracker how long nothing holds. A `rests`
 * measure's rests ending on the judged date are read the same way, and `countDays` and `someDay`
 * of day flags from the officer's flags for the whole period (daysFromFlags). Both ways
 * must report the same (and so must an `entries` type filter made once per run and once per
 * subject): subjects, counts, the entries behind them, and which dates are skipped
 * (a `for.where` and a `runs` key read the measure). Random rosters have entries before and
 * after the check period, over midnight, of several types and communities.
 */
function rule(name: string, forSpec: Record<string, unknown>, found: unknown, reportWhen = 0) {
  return probeRule(name, {
    facts: { counted: 'how many entries the measure gives' },
    checks: [{ conditions: { all: [{ fact: 'counted', operator: 'greaterThanInclusive', value: reportWhen }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: forSpec,
    let: { found, counted: { count: { var: 'found' } } },
    evidence: [{ each: { var: 'found' } }],
    actual: 'counted',
  });
}

/** A rule whose one fact is `value`, reported for every subject with `for.where`. */
function ruleOf(name: string, forSpec: Record<string, unknown>, value: unknown, options?: Record<string, unknown>) {
  return { ...rule(name, forSpec, []), let: { found: [], counted: value }, ...(options ? { options } : {}) };
}

const startingToday = (filter: Record<string, unknown>) => ({ entries: { ...filter, startsOn: 'subject' } });
const IN_C1 = { '==': [{ var: 'entry.community' }, 'C1'] };
const probes = [
  // Every date reported (0 entries too): the values of every date compared.
  rule('every-date', { each: ['officer', 'date'] }, startingToday({ categories: ['community', 'station-duty'] })),
  rule('types-where', { each: ['officer', 'date'] }, startingToday({ types: ['社区工作', '会议'], where: IN_C1 })),
  rule('also-types', { each: ['officer', 'date'] }, startingToday({ categories: ['excused'], alsoTypes: ['会议'] })),
  // Dates skipped: a where that needs an entry of the date, then the count reported.
  rule('where-exists', { each: ['officer', 'date'], where: { exists: startingToday({ categories: ['station-duty'] }) } }, startingToday({ categories: ['station-duty'] })),
  rule('where-exists-filter', { each: ['officer', 'date'], where: { and: [{ day: 'communityOfficer' }, { exists: { var: 'found' } }] } }, startingToday({ where: IN_C1 }), 1),
  // Two filters in one rule: each measure keeps its own type filter.
  rule('two-filters', { each: ['officer', 'date'], where: { exists: startingToday({ categories: ['excused'], alsoTypes: ['社区工作'] }) } }, startingToday({ categories: ['community'], types: ['社区工作'] })),
  // Rests ending on the judged date, read the same way.
  rule('rests', { each: ['officer', 'date'] }, { rests: { of: { entries: { categories: ['community', 'station-duty', 'other'] } }, breakMinutes: 30, startsOn: 'subject' } }),
  rule('where-rests', { each: ['officer', 'date'], where: { exists: { var: 'found' } } }, { rests: { of: { entries: {} }, breakMinutes: 0, startsOn: 'subject' } }),
  // countDays and someDay of day flags over weeks and runs, read from the officer's flags.
  ruleOf('count-days', { each: ['officer', 'isoWeek'] }, { countDays: { and: [{ day: 'communityOfficer' }, { not: { day: 'weekend' } }] } }),
  ruleOf('some-day', { each: ['officer', 'isoWeek'], where: { someDay: { day: 'communityOfficer' } } }, { countDays: { or: [{ day: 'nonNormalDuty' }, { day: 'workingDay' }] } }),
  // A mask reading the rule's own option, after another rule made the officer's flags.
  ruleOf('count-days-option', { each: ['officer', 'isoWeek'] }, { countDays: { and: [{ day: 'workingDay' }, { '>': [{ option: 'k' }, 0] }] } }, {
    k: { type: 'integer', default: 1, description: { 'zh-CN': 'k', en: 'k' } },
  }),
  ruleOf('count-days-run', { each: ['officer', { runs: { key: { exists: startingToday({}) } } }] }, { countDays: { day: 'communityOfficer' } }),
  // A runs key: the runs of dates with entries of the filter.
  rule('runs', { each: ['officer', { runs: { key: { exists: startingToday({ categories: ['community', 'other'] }) } } }] }, { entries: { categories: ['community', 'other'], startsOn: { var: 'run.start' } } }),
];
const PACK = probePack('duty-compliance-by-day-', probes);

const TYPES = ['社区工作', '所内值班', '请假', '会议'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A wall time `minute` minutes after 2017-03-30T00:00 (four days before the period). */
function wall(minute: number): string {
  const date = new Date(Date.UTC(2017, 2, 30) + minute * 60_000);
  return `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}
const entry = fc
  .record({
    officer: fc.constantFrom('O1', 'O2'),
    // From four days before the period to four days after it.
    start: fc.integer({ min: 0, max: 22 * 1440 }),
    length: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 600, max: 3000 }) }),
    type: fc.constantFrom(...TYPES),
    community: fc.constantFrom(undefined, 'C1', 'C2'),
  })
  .map(({ officer, start, length, type, community }) => ({ officer, start: wall(start), end: wall(start + length), type, ...(community ? { community } : {}) }));

const input = (roster: unknown[], from: number) => ({
  doc: twoOfficerCity(roster, from, { calendar: { holidays: [`2017-04-${pad(4 + (from % 10))}`], workdays: ['2017-04-08'] } }),
  config: { extends: [], rules: Object.fromEntries(probes.map((p) => [p.id, 'error'])) },
});

describe('an officer\'s entries by day agree with the entries filtered subject by subject', () => {
  it('same report on random rosters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 0, max: 13 }), async (roster, from) => {
        const { doc, config } = input(roster, from);
        const byDay = await check(doc, { rulePacks: [PACK], config });
        entriesByDay.enabled = false;
        daysFromFlags.enabled = false;
        const general = await check(doc, { rulePacks: [PACK], config }).finally(() => {
          entriesByDay.enabled = true;
          daysFromFlags.enabled = true;
        });
        // And the type filter (categories, alsoTypes, types) made anew for each subject, not once per run.
        typeFilterMemo.enabled = false;
        const filterPerSubject = await check(doc, { rulePacks: [PACK], config }).finally(() => (typeFilterMemo.enabled = true));
        expect(JSON.stringify(byDay.violations)).toBe(JSON.stringify(general.violations));
        expect(JSON.stringify(filterPerSubject.violations)).toBe(JSON.stringify(general.violations));
        expect(byDay.violations.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 20261203 },
    );
  }, 120_000);
});
