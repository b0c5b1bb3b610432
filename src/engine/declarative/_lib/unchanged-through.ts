import { addCalendarDays, type CalendarDate } from '../../../time/calendar-date.js';

/** A span of dates; no `end` is open-ended. */
export interface DateSpan {
  readonly start: CalendarDate;
  readonly end?: CalendarDate | undefined;
}

/**
 * The last date, from `date` on, through which the same spans contain the date: the day before
 * the next span starts, or the last day of one that holds, whichever comes first. Undefined when
 * nothing changes after `date` (every span has started and none of those holding ends).
 *
 * @example
 * unchangedThrough('2017-03-01', [{ start: '2017-01-01', end: '2017-03-10' }, { start: '2017-03-20' }]) //=> '2017-03-10'
 */
export function unchangedThrough(date: CalendarDate, spans: Iterable<DateSpan>): CalendarDate | undefined {
  let last: CalendarDate | undefined;
  for (const { start, end } of spans) {
    let change: CalendarDate | undefined;
    if (start > date) change = addCalendarDays(start, -1);
    else if (end !== undefined && end >= date) change = end;
    if (change !== undefined && (last === undefined || change < last)) last = change;
  }
  return last;
}
