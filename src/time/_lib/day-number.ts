/**
 * Calendar dates as day numbers (days since 1970-01-01), by the civil-calendar algorithms of
 * H. Hinnant ("chrono-compatible low-level date algorithms"): integer arithmetic, no `Date`, so
 * neither the host's time zone nor `Date`'s reading of years 0–99 can touch them. Only years
 * 1000–9999 are handled (four digits, the form every input date has); callers send anything
 * else to date-fns.
 */

const MIN_YEAR = 1000;
const MAX_YEAR = 9999;
const MEMO_LIMIT = 200_000;

const numbers = new Map<string, number | null>();
const dates = new Map<number, string>();

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1–12). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The day number of a valid `YYYY-MM-DD` date of years 1000–9999; `undefined` for anything else
 * (not a date, 2017-02-30, the after-9999 form).
 *
 * @example
 * dayNumberOf('1970-01-02') //=> 1
 */
export function dayNumberOf(date: string): number | undefined {
  let n = numbers.get(date);
  if (n === undefined) {
    n = parse(date);
    if (numbers.size >= MEMO_LIMIT) numbers.clear();
    numbers.set(date, n);
  }
  return n ?? undefined;
}

function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function parse(date: string): number | null {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) return null;
  const y = digits(date, 0, 4);
  const m = digits(date, 5, 7);
  const d = digits(date, 8, 10);
  if (y < MIN_YEAR || m < 1 || m > 12 || d < 1) return null;
  if (d > (m === 2 && isLeapYear(y) ? 29 : MONTH_DAYS[m - 1]!)) return null;
  return daysFromCivil(y, m, d);
}

/**
 * The `YYYY-MM-DD` date of a day number, when its year is 1000–9999 (else `undefined`). The same
 * day gives the same string instance, so the millions of dates a check holds share a few thousand.
 *
 * @example
 * dateOfDayNumber(1) //=> '1970-01-02'
 */
export function dateOfDayNumber(n: number): string | undefined {
  let date = dates.get(n);
  if (date !== undefined) return date;
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  if (y < MIN_YEAR || y > MAX_YEAR) return undefined;
  date = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
  if (dates.size >= MEMO_LIMIT) dates.clear();
  dates.set(n, date);
  return date;
}
