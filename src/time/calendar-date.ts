import { UTCDate } from '@date-fns/utc';
import { addDays } from 'date-fns/addDays';
import { addYears } from 'date-fns/addYears';
import { differenceInCalendarDays } from 'date-fns/differenceInCalendarDays';
import { format } from 'date-fns/format';
import { isValid } from 'date-fns/isValid';
import { startOfISOWeek } from 'date-fns/startOfISOWeek';
import { endOfISOWeek } from 'date-fns/endOfISOWeek';
import { getISODay } from 'date-fns/getISODay';
import { dayNumberOf, dateOfDayNumber } from './_lib/day-number.js';

/**
 * Calendar dates are `YYYY-MM-DD` strings everywhere in the engine. date-fns does the arithmetic
 * on `UTCDate`s so that the host's own time zone can never shift a date. Rules walk millions of
 * dates, so the common case (a date of years 1000–9999 moved by whole days) takes a measured fast
 * path of day numbers (./_lib/day-number.ts); a property test proves it equal to date-fns, and
 * anything it does not know (the after-9999 form, years before 1000) goes to date-fns.
 */
export type CalendarDate = string;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Whether `value` is a real `YYYY-MM-DD` calendar date (not 2017-02-30).
 *
 * @example
 * isCalendarDate('2016-02-29') //=> true
 * isCalendarDate('2017-02-29') //=> false
 */
export function isCalendarDate(value: string): boolean {
  if (dayNumberOf(value) !== undefined) return true;
  // Memoised: rosters repeat the same few hundred dates millions of times.
  let valid = validDates.get(value);
  if (valid === undefined) {
    const d = toUTCDate(value);
    valid = DATE_PATTERN.test(value) && isValid(d) && formatCalendarDate(d) === value;
    remember(validDates, value, valid);
  }
  return valid;
}

const MEMO_LIMIT = 100_000;
const validDates = new Map<string, boolean>();
const nextDates = new Map<string, CalendarDate>();
const previousDates = new Map<string, CalendarDate>();
const isoDays = new Map<string, number>();

function remember<V>(memo: Map<string, V>, key: string, value: V): void {
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(key, value);
}

/** The last date a `YYYY-MM-DD` string can hold; data often use it for "no end". */
export const LAST_CALENDAR_DATE: CalendarDate = '9999-12-31';

/**
 * A date after 9999-12-31, as date arithmetic can reach it (the day after an assignment that ends
 * on 9999-12-31): `9999-12-31+0000001`. Dates are compared as strings everywhere, and `10000-01-01`
 * would sort before `2017-01-01`; this form sorts after every date (and in its own order), and is
 * never a valid input date.
 */
const AFTER_LAST_PATTERN = /^9999-12-31\+(\d{7})$/;

/** @internal A calendar date as a UTC midnight `UTCDate`, for date-fns. */
export function toUTCDate(date: CalendarDate): UTCDate {
  const m = DATE_PATTERN.exec(date);
  if (m) {
    // setUTCFullYear, not the constructor: that reads years 0–99 as 1900–1999.
    const d = new UTCDate(0);
    d.setUTCFullYear(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    return d;
  }
  const after = AFTER_LAST_PATTERN.exec(date);
  if (after) return addDays(toUTCDate(LAST_CALENDAR_DATE), Number(after[1]));
  return new UTCDate(Number.NaN);
}

const LAST_DATE_MS = Date.UTC(9999, 11, 31);

/** @internal */
export function formatCalendarDate(date: Date): CalendarDate {
  const ms = date.getTime();
  if (ms > LAST_DATE_MS) return `${LAST_CALENDAR_DATE}+${String(Math.floor((ms - LAST_DATE_MS) / 86_400_000)).padStart(7, '0')}`;
  return format(date, 'yyyy-MM-dd');
}

/**
 * The date `days` after `date` (negative: before).
 *
 * @example
 * addCalendarDays('2017-02-28', 1) //=> '2017-03-01'
 */
export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const n = dayNumberOf(date);
  if (n !== undefined) {
    const moved = dateOfDayNumber(n + days);
    if (moved !== undefined) return moved;
  }
  if (days === 1) {
    // The common step (walking a period day by day), memoised.
    let next = nextDates.get(date);
    if (next === undefined) remember(nextDates, date, (next = formatCalendarDate(addDays(toUTCDate(date), 1))));
    return next;
  }
  if (days === -1) {
    // The day before (a rule comparing a date with its previous one), memoised too.
    let previous = previousDates.get(date);
    if (previous === undefined) remember(previousDates, date, (previous = formatCalendarDate(addDays(toUTCDate(date), -1))));
    return previous;
  }
  return formatCalendarDate(addDays(toUTCDate(date), days));
}

/**
 * The date `years` calendar years after `date`; 29 February lands on 28 February in common years.
 *
 * @example
 * addCalendarYears('2012-02-29', 5) //=> '2017-02-28'
 */
export function addCalendarYears(date: CalendarDate, years: number): CalendarDate {
  return formatCalendarDate(addYears(toUTCDate(date), years));
}

/**
 * Calendar days from `earlier` to `later` (negative when `later` is earlier).
 *
 * @example
 * daysBetween('2017-04-01', '2017-04-03') //=> 2
 */
export function daysBetween(earlier: CalendarDate, later: CalendarDate): number {
  const a = dayNumberOf(earlier);
  const b = dayNumberOf(later);
  if (a !== undefined && b !== undefined) return b - a;
  return differenceInCalendarDays(toUTCDate(later), toUTCDate(earlier));
}

/**
 * Every date from `start` to `end`, both included; empty when `end` is before `start`.
 *
 * @example
 * eachCalendarDate('2017-04-29', '2017-05-01') //=> ['2017-04-29', '2017-04-30', '2017-05-01']
 */
export function eachCalendarDate(start: CalendarDate, end: CalendarDate): CalendarDate[] {
  const dates: CalendarDate[] = [];
  for (let d = start; d <= end; d = addCalendarDays(d, 1)) {
    dates.push(d);
    if (d === end) break;
  }
  return dates;
}

/**
 * The ISO week (Monday to Sunday) that contains `date`.
 *
 * @example
 * isoWeekOf('2017-04-05') //=> { start: '2017-04-03', end: '2017-04-09' }
 */
export function isoWeekOf(date: CalendarDate): { start: CalendarDate; end: CalendarDate } {
  const n = dayNumberOf(date);
  if (n !== undefined) {
    const monday = n - ((((n + 3) % 7) + 7) % 7); // day 0 (1970-01-01) was a Thursday
    const start = dateOfDayNumber(monday);
    const end = dateOfDayNumber(monday + 6);
    if (start !== undefined && end !== undefined) return { start, end };
  }
  const d = toUTCDate(date);
  return { start: formatCalendarDate(startOfISOWeek(d)), end: formatCalendarDate(endOfISOWeek(d)) };
}

/**
 * ISO day of the week: 1 = Monday … 7 = Sunday.
 *
 * @example
 * isoDayOfWeek('2017-04-01') //=> 6
 */
export function isoDayOfWeek(date: CalendarDate): number {
  const n = dayNumberOf(date);
  if (n !== undefined) return ((((n + 3) % 7) + 7) % 7) + 1;
  let day = isoDays.get(date);
  if (day === undefined) remember(isoDays, date, (day = getISODay(toUTCDate(date))));
  return day;
}

/**
 * Whether `date` lies in the inclusive range `[start, end]` (`end` absent: open).
 *
 * @example
 * isDateWithin('2017-04-05', '2017-04-01', undefined) //=> true
 */
export function isDateWithin(date: CalendarDate, start: CalendarDate, end: CalendarDate | undefined): boolean {
  return date >= start && (end === undefined || date <= end);
}
