import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { startDatesByDay } from '../../src/engine/declarative/measures.js';
import { localDateOf, localDayBounds } from '../../src/time/wall-time.js';
import { probePack, probeRule, twoOfficerCity } from '../_lib/probe-pack.js';

/**
 * An officer's entries get their local start dates from a pointer moved along the check period's
 * days (localDayBounds), not each by a lookup of its instant (startDateOf). Both must give the
 * same report, in zones whose clocks change inside the period: Berlin (02:00 → 03:00), Santiago
 * (midnight skipped in August, repeated in May), Shanghai (none); entries before, inside and
 * after the period, over midnight and the change.
 */
const ZONES = [
  { zone: 'Europe/Berlin', period: { start: '2017-03-20', end: '2017-04-02' } },
  { zone: 'America/Santiago', period: { start: '2017-08-07', end: '2017-08-20' } },
  { zone: 'America/Santiago', period: { start: '2017-05-08', end: '2017-05-21' } },
  { zone: 'Asia/Shanghai', period: { start: '2017-04-03', end: '2017-04-16' } },
] as const;

function rule(name: string, forSpec: Record<string, unknown>, found: unknown) {
  return probeRule(name, {
    facts: { counted: 'how many the measure gives' },
    checks: [{ conditions: { all: [{ fact: 'counted', operator: 'greaterThanInclusive', value: 0 }] }, event: { type: 'violation', params: { messageId: 'found' } } }],
    for: forSpec,
    let: { found, counted: { count: { var: 'found' } } },
    evidence: [{ each: { var: 'found' } }],
    actual: 'counted',
  });
}
const startingToday = { entries: { startsOn: 'subject' } };
const probes = [
  rule('every-date', { each: ['officer', 'date'] }, startingToday),
  rule('where-exists', { each: ['officer', 'date'], where: { exists: startingToday } }, startingToday),
  rule('runs', { each: ['officer', { runs: { key: { exists: startingToday } } }] }, { entries: { startsOn: { var: 'run.start' } } }),
  rule('rests', { each: ['officer', 'date'] }, { rests: { of: { entries: {} }, breakMinutes: 0, startsOn: 'subject' } }),
];
const PACK = probePack('duty-compliance-start-dates-', probes);

const entry = (zone: string, first: number) =>
  fc
    .record({
      officer: fc.constantFrom('O1', 'O2'),
      // From three days before the period to three days after it (20 days), by the quarter hour.
      start: fc.integer({ min: 0, max: 20 * 96 }),
      length: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 48 }) }, { weight: 1, arbitrary: fc.integer({ min: 48, max: 300 }) }),
      type: fc.constantFrom('社区工作', '所内值班', '会议'),
    })
    .map(({ officer, start, length, type }) => {
      // Wall times of real instants, so none falls in a skipped hour.
      const at = (q: number) => DateTime.fromMillis(first + q * 15 * 60_000, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
      return { officer, start: at(start), end: at(start + length), type };
    })
    .filter((e) => e.start < e.end);

describe('start dates by the period\'s days agree with start dates looked up by instant', () => {
  it('localDayBounds spans exactly the instants localDateOf gives its date', () => {
    for (const { zone, period } of ZONES) {
      for (let d = DateTime.fromISO(period.start, { zone }); d.toISODate()! <= period.end; d = d.plus({ days: 1 })) {
        const date = d.toISODate()!;
        const { start, end } = localDayBounds(date, zone);
        expect(localDateOf(start, zone)).toBe(date);
        expect(localDateOf(end - 1, zone)).toBe(date);
        expect(localDateOf(start - 1, zone)).not.toBe(date);
        expect(localDateOf(end, zone)).not.toBe(date);
      }
    }
  });

  for (const { zone, period } of ZONES) {
    it(`same report on random rosters, ${zone} ${period.start}`, async () => {
      const first = DateTime.fromISO(period.start, { zone }).minus({ days: 3 }).toMillis();
      let reported = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(entry(zone, first), { maxLength: 40 }), async (roster) => {
          const doc = twoOfficerCity(roster, 2, { timezone: zone, period });
          const config = { extends: [], rules: Object.fromEntries(probes.map((p) => [p.id, 'error'])) };
          const byDay = await check(doc, { rulePacks: [PACK], config });
          startDatesByDay.enabled = false;
          const lookedUp = await check(doc, { rulePacks: [PACK], config }).finally(() => (startDatesByDay.enabled = true));
          expect(JSON.stringify(byDay.violations)).toBe(JSON.stringify(lookedUp.violations));
          reported += byDay.violations.reduce((n, v) => n + (v.evidence?.length ?? 0), 0);
        }),
        { numRuns: 40, seed: 20261204 },
      );
      // Entries were found on dates, not only none everywhere.
      expect(reported).toBeGreaterThan(100);
    }, 120_000);
  }
});
