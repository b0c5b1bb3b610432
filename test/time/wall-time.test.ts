import { describe, expect, it } from 'vitest';
import { formatWallTime, instantOnDate, instantOnDateWithLuxon, localDateOf, localDatesTouched } from '../../src/time/wall-time.js';

/** Wall-clock times on DST-change days, with the instants worked out by hand from the offsets. */
const CASES: [zone: string, date: string, minuteOfDay: number, utc: number][] = [
  // Berlin springs forward at 02:00 on 2024-03-31: 08:00 is CEST (+02:00).
  ['Europe/Berlin', '2024-03-31', 8 * 60, Date.UTC(2024, 2, 31, 6, 0)],
  ['Europe/Berlin', '2024-03-31', 1 * 60, Date.UTC(2024, 2, 31, 0, 0)],
  ['Europe/Berlin', '2024-03-31', 24 * 60, Date.UTC(2024, 2, 31, 22, 0)],
  // Berlin falls back at 03:00 on 2024-10-27: 16:00 and 18:00 are CET (+01:00).
  ['Europe/Berlin', '2024-10-27', 16 * 60, Date.UTC(2024, 9, 27, 15, 0)],
  ['Europe/Berlin', '2024-10-27', 18 * 60, Date.UTC(2024, 9, 27, 17, 0)],
  // New York springs forward on 2017-03-12: 08:00 is EDT (-04:00).
  ['America/New_York', '2017-03-12', 8 * 60, Date.UTC(2017, 2, 12, 12, 0)],
  ['Asia/Shanghai', '2017-04-05', 8 * 60, Date.UTC(2017, 3, 5, 0, 0)],
];

describe('instantOnDate: a wall-clock time, also on DST-change days', () => {
  it.each(CASES)('%s %s minute %i', (zone, date, minute, utc) => {
    expect(instantOnDate(date, minute, zone)).toBe(utc);
    expect(instantOnDateWithLuxon(date, minute, zone)).toBe(utc);
  });
});

describe('a date a zone skipped: Pacific/Apia went from 2011-12-29 (UTC-10) to 2011-12-31 (UTC+14)', () => {
  // The counterexample wall-time.property.test.ts found: 2011-12-31 was labelled 2011-12-30.
  const apia = 'Pacific/Apia';
  it.each([
    [Date.UTC(2011, 11, 30, 10, 0), '2011-12-31T00:00'],
    [Date.UTC(2011, 11, 31, 10, 0), '2012-01-01T00:00'],
    [Date.UTC(2011, 11, 30, 22, 30), '2011-12-31T12:30'],
    [Date.UTC(2011, 11, 30, 9, 59), '2011-12-29T23:59'],
  ])('instant %i is %s', (instant, wall) => {
    expect(localDateOf(instant, apia)).toBe(wall.slice(0, 10));
    expect(formatWallTime(instant, apia)).toBe(wall);
  });

  it('no interval touches 2011-12-30', () => {
    expect(localDatesTouched(Date.UTC(2011, 11, 29, 12), Date.UTC(2011, 11, 31, 12), apia)).toEqual(['2011-12-29', '2011-12-31', '2012-01-01']);
  });
});
