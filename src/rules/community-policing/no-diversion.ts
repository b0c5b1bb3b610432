import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { DutyCategory } from '../../model/config-schema.js';
import type { RosterEntry } from '../../model/roster-entry.js';
import type { DatePeriod } from '../../report/types.js';
import { addCalendarDays, eachCalendarDate, isoWeekOf, type CalendarDate } from '../../time/calendar-date.js';
import { overlapMinutes, unionMinutesWithin, type Interval } from '../../time/intervals.js';
import { localDatesTouched } from '../../time/wall-time.js';

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

const MIDNIGHT = { name: 'midnight', start: 0, end: 0 };

/** The instants of a whole local date, midnight to the next midnight (23 or 25 hours across a DST change). */
function dayInterval(context: CheckContext, date: CalendarDate): Interval {
  return { start: context.windowOn(date, MIDNIGHT).start, end: context.windowOn(addCalendarDays(date, 1), MIDNIGHT).start };
}

/**
 * Whether a date's `other` minutes count for the officer: a community officer that date, and,
 * when `exemptNonNormalDuty` is set, not on non-normal duty.
 */
function countsForDiversion(context: CheckContext, officer: string, date: CalendarDate, exemptNonNormalDuty: boolean): boolean {
  return context.isCommunityOfficer(officer, date) && !(exemptNonNormalDuty && context.isNonNormalDuty(officer, date));
}

/**
 * `no-diversion`: one subject per officer and ISO week that meets the check period, for officers
 * who are community officers on at least one of the week's dates inside it. The fact is the
 * union of `other`-category minutes over the counted dates.
 */
export const noDiversion: RuleFacts = {
  *subjects(context, options): Iterable<JudgedSubject> {
    const allowed = options.allowedMinutesPerWeek as number;
    const exempt = options.exemptNonNormalDuty as boolean;
    const weeks = checkedWeeks(context);
    for (const officer of context.officers.keys()) {
      const otherByDate = entriesByDate(context, officer, 'other');
      for (const { week, dates } of weeks) {
        if (!dates.some((d) => context.isCommunityOfficer(officer, d))) continue;
        let total = 0;
        // Each entry's own minutes on the counted dates, for the evidence.
        const entryMinutes = new Map<RosterEntry, number>();
        for (const date of dates) {
          const entries = otherByDate.get(date);
          if (!entries || !countsForDiversion(context, officer, date, exempt)) continue;
          const day = dayInterval(context, date);
          total += unionMinutesWithin(entries.map(intervalOf), day);
          for (const e of entries) entryMinutes.set(e, (entryMinutes.get(e) ?? 0) + overlapMinutes(intervalOf(e), day));
        }
        const behind = [...entryMinutes].filter(([, m]) => m > 0).sort(([a], [b]) => a.startInstant - b.startInstant || a.index - b.index);
        yield {
          subject: { type: 'officer', id: officer },
          period: week,
          facts: { otherMinutes: total, allowedMinutesPerWeek: allowed },
          evidence: behind.map(([e, m]) => context.rosterEvidence(e, m)),
          messageData: { officer: context.label('officer', officer) },
        };
      }
    }
  },
};
