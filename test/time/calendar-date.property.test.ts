import fc from 'fast-check';
import { UTCDate } from '@date-fns/utc';
import { addDays, addYears, differenceInCalendarDays, endOfISOWeek, format, getISODay, isValid, startOfISOWeek } from 'date-fns';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, addCalendarYears, daysBetween, isCalendarDate, isoDayOfWeek, isoWeekOf } from '../../src/time/calendar-date.js';

/**
 * calendar-date's day-number fast path must agree with date-fns alone (the reference below is
 * written with date-fns only) on every date it handles, and send everything else to date-fns.
 */
const reference = {
  toDate(date: string): UTCDate {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)!;
    const d = new UTCDate(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return d;
  },
  format: (d: Date) => format(d, 'yyyy-MM-dd'),
  isDate(value: string): boolean {
    if (!/^(\d{4})-(\d{2})-(\d{2})$/.test(value)) return false;
    const d = reference.toDate(value);
    return isValid(d) && reference.format(d) === value;
  },
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');
// Real dates of years 1000–9999 (what the fast path handles) and a few near its edges.
const realDate = fc.date({ min: new Date('1000-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const edgeDate = fc.constantFrom('1000-01-01', '1000-01-02', '9999-12-31', '9999-12-30', '2000-02-29', '1900-02-28', '2100-02-28', '1970-01-01', '1969-12-31', '2016-12-31', '2017-01-01');
const aDate = fc.oneof(realDate, realDate, edgeDate);
// Date-like text: digits in the places of a date, many of them not dates (2017-02-30, 2017-13-01, 0999-…).
const dateLike = fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`);
const days = fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -4000, max: 4000 }), fc.integer({ min: -3_000_000, max: 3_000_000 }));

describe('calendar dates: the day-number fast path agrees with date-fns', () => {
  it('isCalendarDate', () => {
    fc.assert(fc.property(fc.oneof(dateLike, aDate, fc.string()), (value) => {
      expect(isCalendarDate(value)).toBe(reference.isDate(value));
    }), { numRuns: 5000 });
  });

  it('addCalendarDays, wherever the result is a date of years 1000–9999', () => {
    fc.assert(
      fc.property(aDate, days, (date, n) => {
        const expected = addDays(reference.toDate(date), n);
        fc.pre(expected.getUTCFullYear() >= 1000 && expected.getUTCFullYear() <= 9999);
        expect(addCalendarDays(date, n)).toBe(reference.format(expected));
      }),
      { numRuns: 5000 },
    );
  });

  it('daysBetween', () => {
    fc.assert(fc.property(aDate, aDate, (a, b) => {
      // + 0: date-fns says -0 for the same day
      expect(daysBetween(a, b)).toBe(differenceInCalendarDays(reference.toDate(b), reference.toDate(a)) + 0);
    }), { numRuns: 5000 });
  });

  it('isoWeekOf and isoDayOfWeek', () => {
    fc.assert(
      fc.property(aDate, (date) => {
        const d = reference.toDate(date);
        fc.pre(date >= '1000-01-07' && date <= '9999-12-25');
        expect(isoWeekOf(date)).toEqual({ start: reference.format(startOfISOWeek(d)), end: reference.format(endOfISOWeek(d)) });
        expect(isoDayOfWeek(date)).toBe(getISODay(d));
      }),
      { numRuns: 5000 },
    );
  });

  it('addCalendarYears (29 February lands on 28 February in common years)', () => {
    fc.assert(
      fc.property(aDate, fc.integer({ min: -900, max: 900 }), (date, n) => {
        const expected = addYears(reference.toDate(date), n);
        fc.pre(expected.getUTCFullYear() >= 1000 && expected.getUTCFullYear() <= 9999);
        expect(addCalendarYears(date, n)).toBe(reference.format(expected));
      }),
      { numRuns: 2000 },
    );
  });

  it('what the fast path does not handle still goes to date-fns: years before 1000 and the day after 9999-12-31', () => {
    expect(addCalendarDays('0999-12-31', 1)).toBe('1000-01-01');
    expect(addCalendarDays('0100-03-01', -1)).toBe('0100-02-28');
    expect(addCalendarDays('9999-12-31', 1)).toBe('9999-12-31+0000001');
    expect(addCalendarDays('9999-12-31+0000002', -2)).toBe('9999-12-31');
    expect(isCalendarDate('0999-02-29')).toBe(false);
    expect(isCalendarDate('0996-02-29')).toBe(true);
    expect(daysBetween('0999-12-31', '1000-01-01')).toBe(1);
  });
});
