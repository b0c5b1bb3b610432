import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { officerCellTables, trackedEntryWhere } from '../../src/engine/declarative/measures.js';
import { probePack, probeRule, twoOfficerCity } from '../_lib/probe-pack.js';

/**
 * `windows` and `minutes` measures whose cells depend on the officer alone are computed once
 * per officer over the whole check period (a CellTable), not per subject. Both ways must report
 * the same: counts, minutes, and the cells and entries behind them. Random rosters meet windows
 * that cross midnight, entries over several days, days a filter refuses, entries `entryWhere`
 * refuses (the officers' assignments change within the period: an `entryWhere` answer holds for
 * the dates up to the change), thresholds of 0; subjects are weeks, dates and runs.
 */
const WINDOWS = { clock: { night: ['22:00', '06:00'], am: ['08:00', '12:00'], pm: ['13:00', '17:00'] } };
const ASSIGNED = {
  or: [
    { '==': [{ var: 'entry.community' }, null] },
    { exists: { assignments: { officer: { var: 'officer.id' }, community: { var: 'entry.community' }, on: { var: 'date' } } } },
  ],
};

function rule(name: string, each: unknown[], measure: unknown) {
  return probeRule(name, {
    options: { threshold: { type: 'integer', default: 0, minimum: 0, description: { 'zh-CN': '阈值', en: 'threshold' } } },
    facts: { measured: 'what the measure gives' },
    // Every subject is reported: its value and its evidence are compared.
    checks: [{ conditions: { all: [{ fact: 'measured', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: { each },
    let: { measured: measure },
    evidence: [{ from: 'measured' }],
    actual: 'measured',
  });
}

const of = (categories: string[]) => ({ entries: { categories } });
const probes = [
  rule('windows-at-least', ['officer', 'isoWeek'], { windows: { of: of(['community', 'other']), within: WINDOWS, days: { day: 'communityOfficer' }, entryWhere: ASSIGNED, atLeast: { option: 'threshold' } } }),
  rule('windows-below', ['officer', 'isoWeek'], { windows: { of: of(['excused']), within: { setting: 'halfDayWindows' }, days: { and: [{ day: 'workingDay' }, { not: { day: 'weekend' } }] }, below: 120 } }),
  rule('windows-date', ['officer', 'date'], { windows: { of: of(['community']), within: WINDOWS, atLeast: 30 } }),
  rule('minutes-week', ['officer', 'isoWeek'], { minutes: { of: of(['community', 'station-duty', 'other']), within: 'day', days: { day: 'communityOfficer' }, entryWhere: ASSIGNED } }),
  rule('minutes-date', ['officer', 'date'], { minutes: { of: of(['station-duty', 'other']), within: WINDOWS } }),
  rule('windows-flags', ['officer', 'isoWeek'], {
    windows: {
      of: of(['community', 'excused']),
      within: WINDOWS,
      days: { or: [{ and: [{ day: 'communityOfficer' }, { not: { day: 'nonNormalDuty' } }] }, { and: [{ '>': [{ option: 'threshold' }, 100] }, { day: 'weekend' }] }] },
      atLeast: 1,
    },
  }),
  rule('minutes-run', ['officer', { runs: { key: { exists: { entries: { startsOn: 'subject' } } } } }], { minutes: { of: of(['community']), within: { setting: 'daytime' } } }),
];
const PACK = probePack('duty-compliance-cells-', probes);

const TYPES = ['社区工作', '所内值班', '请假', '会议'];
const pad = (n: number) => String(n).padStart(2, '0');
/** A wall time `minute` minutes after 2017-04-02T00:00 (the day before the period). */
function wall(minute: number): string {
  const day = 2 + Math.floor(minute / 1440);
  const m = minute % 1440;
  return `2017-04-${pad(day)}T${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
const entry = fc
  .record({
    officer: fc.constantFrom('O1', 'O2'),
    start: fc.integer({ min: 0, max: 15 * 1440 }),
    // Mostly a few hours; sometimes several days (leave).
    length: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 600 }) }, { weight: 1, arbitrary: fc.integer({ min: 600, max: 4000 }) }),
    type: fc.constantFrom(...TYPES),
    community: fc.constantFrom(undefined, 'C1', 'C2'),
  })
  .map(({ officer, start, length, type, community }) => ({ officer, start: wall(start), end: wall(start + length), type, ...(community ? { community } : {}) }));

const input = (roster: unknown[], from: number, threshold: number) => ({
  doc: twoOfficerCity(roster, from),
  config: { extends: [], rules: Object.fromEntries(probes.map((p) => [p.id, ['error', { threshold }]])) },
});

describe('officer cell tables agree with the measures judged subject by subject', () => {
  it('same report on random rosters', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(entry, { maxLength: 40 }), fc.integer({ min: 0, max: 13 }), fc.constantFrom(0, 1, 60, 120, 240), async (roster, from, threshold) => {
        const { doc, config } = input(roster, from, threshold);
        const tables = await check(doc, { rulePacks: [PACK], config });
        officerCellTables.enabled = false;
        const general = await check(doc, { rulePacks: [PACK], config }).finally(() => (officerCellTables.enabled = true));
        // And the tables with `entryWhere` asked on every date, not once for the dates its answer holds.
        trackedEntryWhere.enabled = false;
        const everyDate = await check(doc, { rulePacks: [PACK], config }).finally(() => (trackedEntryWhere.enabled = true));
        expect(JSON.stringify(tables.violations)).toBe(JSON.stringify(general.violations));
        expect(JSON.stringify(everyDate.violations)).toBe(JSON.stringify(general.violations));
        expect(tables.violations.length).toBeGreaterThan(0);
      }),
      { numRuns: 150, seed: 20261202 },
    );
  }, 120_000);
});
