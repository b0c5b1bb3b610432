import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { RosterEntry } from '../../model/roster-entry.js';
import { addCalendarDays, type CalendarDate } from '../../time/calendar-date.js';
import { overlapMinutes, unionMinutesWithin, type Interval } from '../../time/intervals.js';
import { checkedWeeks, entriesByDate, intervalOf } from './_lib/officer-weeks.js';

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
