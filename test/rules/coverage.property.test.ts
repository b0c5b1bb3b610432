import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';

/*
 * coverage against a deliberately simple reference written from rules.md alone: dates as day
 * numbers, a count per community per day, runs grown one day at a time.
 */

const RULE = 'community-policing/coverage';
const DAY_MS = 86_400_000;
const BASE_DAY = Date.UTC(2017, 3, 1) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

interface Community {
  id: string;
  heavyLoad?: boolean;
  requiredOfficers?: number;
}
interface Assignment {
  officer: string;
  community: string;
  from: number;
  to?: number;
}
interface Scenario {
  periodStart: number;
  periodEnd: number;
  heavyLoadMinimum: number;
  communities: Community[];
  assignments: Assignment[];
}

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    startOffset: fc.integer({ min: 0, max: 10 }),
    length: fc.integer({ min: 1, max: 20 }),
    heavyLoadMinimum: fc.integer({ min: 1, max: 3 }),
    communities: fc.uniqueArray(
      fc.record({ id: fc.constantFrom('C1', 'C2', 'C3'), heavyLoad: fc.option(fc.boolean(), { nil: undefined }), requiredOfficers: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }, { requiredKeys: ['id'] }),
      { minLength: 1, maxLength: 3, selector: (c) => c.id },
    ),
  })
  .chain(({ startOffset, length, heavyLoadMinimum, communities }) => {
    const periodStart = BASE_DAY + startOffset;
    const periodEnd = periodStart + length - 1;
    const day = fc.integer({ min: periodStart - 5, max: periodEnd + 5 });
    const assignment = fc
      .record({ officer: fc.constantFrom('O1', 'O2', 'O3', 'O4'), community: fc.constantFrom(...communities.map((c) => c.id)), from: day, length: fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }) })
      .map(({ length: l, ...a }) => (l === undefined ? a : { ...a, to: a.from + l }));
    return fc.record({
      periodStart: fc.constant(periodStart),
      periodEnd: fc.constant(periodEnd),
      heavyLoadMinimum: fc.constant(heavyLoadMinimum),
      communities: fc.constant(communities),
      assignments: fc.array(assignment, { maxLength: 8 }),
    });
  });

/** The reference: for each community, each period day's count, then maximal runs of equal shortfall. */
function reference(s: Scenario) {
  const found: { subject: string; start: string; end: string; expected: number; actual: number }[] = [];
  for (const c of [...s.communities].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    const required = c.requiredOfficers ?? (c.heavyLoad ? s.heavyLoadMinimum : 1);
    let run: (typeof found)[number] | undefined;
    for (let d = s.periodStart; d <= s.periodEnd; d++) {
      const officers = new Set(s.assignments.filter((a) => a.community === c.id && a.from <= d && (a.to === undefined || d <= a.to)).map((a) => a.officer));
      const actual = officers.size;
      if (actual >= required) {
        run = undefined;
        continue;
      }
      if (run && run.actual === actual) run.end = dateOf(d);
      else {
        run = { subject: c.id, start: dateOf(d), end: dateOf(d), expected: required, actual };
        found.push(run);
      }
    }
  }
  return found;
}

function datasetOf(s: Scenario) {
  const officers = ['O1', 'O2', 'O3', 'O4'].map((id) => ({
    id,
    unit: 'PS1',
    assignments: s.assignments.filter((a) => a.officer === id).map((a) => ({ community: a.community, from: dateOf(a.from), ...(a.to === undefined ? {} : { to: dateOf(a.to) }) })),
  }));
  return {
    period: { start: dateOf(s.periodStart), end: dateOf(s.periodEnd) },
    units: [{ id: 'PS1', name: 's' }],
    communities: s.communities.map((c) => ({ ...c, name: c.id, kind: 'residential', unit: 'PS1' })),
    officers,
  };
}

describe('coverage against a simple reference', () => {
  it('finds the same runs, requirements and counts', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async (s) => {
        const report = await check(datasetOf(s), { config: { extends: [], rules: { [RULE]: ['error', { heavyLoadMinimum: s.heavyLoadMinimum }] } } });
        const found = report.violations.map((v) => ({ subject: v.subject.id, start: v.period!.start, end: v.period!.end, expected: v.expected, actual: v.actual }));
        expect(found).toEqual(reference(s));
      }),
      { numRuns: 300 },
    );
  });
});
