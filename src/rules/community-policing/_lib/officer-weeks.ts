import type { CheckContext } from '../../../engine/check-context.js';
import type { DutyCategory } from '../../../model/config-schema.js';
import type { RosterEntry } from '../../../model/roster-entry.js';
import type { DatePeriod } from '../../../report/types.js';
import { addCalendarDays, eachCalendarDate, isoWeekOf, type CalendarDate } from '../../../time/calendar-date.js';
import type { Interval } from '../../../time/intervals.js';
import { localDatesTouched } from '../../../time/wall-time.js';

/** An ISO week that meets the check period, with its dates inside the period. */
export interface CheckedWeek {
  /** Monday and Sunday: a weekly violation's period, whatever the check period. */
  week: DatePeriod;
  /** The week's dates inside the check period: the only ones that count. */
  dates: CalendarDate[];
}

/**
 * The ISO weeks (Monday–Sunday) that meet the check period, each clipped to it.
 * Shared by the weekly rules (`no-diversion`, `five-half-days`).
 */
export function checkedWeeks(context: CheckContext): CheckedWeek[] {
  const { start, end } = context.period;
  const weeks: CheckedWeek[] = [];
  for (let monday = isoWeekOf(start).start; monday <= end; monday = addCalendarDays(monday, 7)) {
    const sunday = addCalendarDays(monday, 6);
    weeks.push({
      week: { start: monday, end: sunday },
      dates: eachCalendarDate(monday < start ? start : monday, sunday > end ? end : sunday),
    });
  }
  return weeks;
}

/**
 * An officer's roster entries of one duty category, by every local date they touch: an entry
 * crossing midnight is listed under each of its dates, which then count their own minutes.
 */
export function entriesByDate(context: CheckContext, officer: string, category: DutyCategory): Map<CalendarDate, RosterEntry[]> {
  const byDate = new Map<CalendarDate, RosterEntry[]>();
  for (const entry of context.entriesOf(officer)) {
    if (context.categoryOf(entry) !== category) continue;
    for (const date of localDatesTouched(entry.startInstant, entry.endInstant, context.zone)) {
      let list = byDate.get(date);
      if (!list) byDate.set(date, (list = []));
      list.push(entry);
    }
  }
  return byDate;
}

/** A roster entry as the interval `[start, end)` of instants. */
export function intervalOf(entry: RosterEntry): Interval {
  return { start: entry.startInstant, end: entry.endInstant };
}
