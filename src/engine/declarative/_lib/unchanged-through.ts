import { addCalendarDays, type CalendarDate } from '../../../time/calendar-date.js';

/**
 * The last date, from `date` on, through which the same spans contain the date: the day before
 * the next span starts, or the last day of one that holds, whichever comes first. Undefined when
 * nothing changes after `date` (every span has started and none of those holding ends). A span
 * is read through `startOf` and `endOf` (no end: open-ended), so assignments (`from`, `to`) and
 * periods (`start`, `end`) are read as they are, without a copy per call.
 *
 * @example
 * unchangedThrough('2017-03-01', [{ from: '2017-01-01', to: '2017-03-10' }, { from: '2017-03-20' }], (a) => a.from, (a) => a.to) //=> '2017-03-10'
 */
export function unchangedThrough<T>(date: CalendarDate, spans: Iterable<T>, startOf: (span: T) => CalendarDate, endOf: (span: T) => CalendarDate | undefined): CalendarDate | undefined {
  let last: CalendarDate | undefined;
  for (const span of spans) {
    const start = startOf(span);
    const end = endOf(span);
    let change: CalendarDate | undefined;
    if (start > date) change = addCalendarDays(start, -1);
    else if (end !== undefined && end >= date) change = end;
    if (change !== undefined && (last === undefined || change < last)) last = change;
  }
  return last;
}
