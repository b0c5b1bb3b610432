import { describe, expect, it } from 'vitest';
import { DutyComplianceError, formatProblem } from '../../src/errors.js';
import { parseDatasetText } from '../../src/io/read-dataset.js';
import { validateInput } from '../../src/model/validate-input.js';
import { describeSkippedWallTime, formatWallTime, instantOnDate, instantOnDateWithLuxon, localDateOf, localDatesTouched, parseDateTime } from '../../src/time/wall-time.js';
import { dataset } from '../_lib/rule-tester.js';

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

describe('local times on days when clocks change (README: times on days when clocks change)', () => {
  it('a time a DST change skips does not exist, and says why', () => {
    expect(parseDateTime('2024-03-10T02:30', 'America/New_York')).toBeUndefined();
    expect(describeSkippedWallTime('2024-03-10T02:30', 'America/New_York')).toBe('02:30 does not exist in America/New_York on 2024-03-10: clocks go from 02:00 to 03:00');
    expect(describeSkippedWallTime('2017-10-01T02:15', 'Australia/Lord_Howe')).toBe('02:15 does not exist in Australia/Lord_Howe on 2017-10-01: clocks go from 02:00 to 02:30');
    expect(describeSkippedWallTime('2011-12-30T10:00', 'Pacific/Apia')).toBe('10:00 does not exist in Pacific/Apia on 2011-12-30: clocks go from 00:00 to 2011-12-31T00:00');
    expect(describeSkippedWallTime('2024-03-10T03:30', 'America/New_York')).toBeUndefined();
    expect(parseDateTime('2024-03-10T03:00', 'America/New_York')).toBe(Date.UTC(2024, 2, 10, 7, 0));
  });

  it('a time in the repeated hour is the first of the two (the offset before the change)', () => {
    expect(parseDateTime('2024-11-03T01:30', 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 5, 30));
    expect(parseDateTime('2024-10-27T02:30', 'Europe/Berlin')).toBe(Date.UTC(2024, 9, 27, 0, 30));
    // Havana repeats midnight: the day starts at the first 00:00.
    expect(parseDateTime('2017-11-05T00:00', 'America/Havana')).toBe(Date.UTC(2017, 10, 5, 4, 0));
    expect(parseDateTime('2024-11-03T01:30-05:00', 'America/New_York')).toBe(Date.UTC(2024, 10, 3, 6, 30));
  });

  it('a roster entry in the gap is a located error; 02:30-03:10 is not "ends before it starts"', () => {
    const text = JSON.stringify({
      ...dataset({ timezone: 'America/New_York', period: { start: '2024-03-04', end: '2024-03-10' } }),
      roster: [
        { officer: 'O1', start: '2024-03-10T02:30', end: '2024-03-10T04:00', type: 'x' },
        { officer: 'O1', start: '2024-03-10T02:30', end: '2024-03-10T03:10', type: 'x' },
      ],
    }, null, 1);
    let problems: string[] = [];
    try {
      validateInput(parseDatasetText(text, 'd.json'));
    } catch (error) {
      problems = (error as DutyComplianceError).problems.map(formatProblem);
    }
    expect(problems.map((p) => p.replace(/^d\.json:\d+:\d+ /, ''))).toEqual([
      'roster[0].start: 02:30 does not exist in America/New_York on 2024-03-10: clocks go from 02:00 to 03:00 (expected a local time that exists (the wall clock never shows this one), found "2024-03-10T02:30")',
      'roster[1].start: 02:30 does not exist in America/New_York on 2024-03-10: clocks go from 02:00 to 03:00 (expected a local time that exists (the wall clock never shows this one), found "2024-03-10T02:30")',
    ]);
  });
});
