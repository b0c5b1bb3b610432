import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { RosterEntry } from '../../model/roster-entry.js';
import type { HalfDayEvidence } from '../../report/types.js';
import type { CalendarDate } from '../../time/calendar-date.js';
import { overlapMinutes, unionMinutesWithin } from '../../time/intervals.js';
import { checkedWeeks, entriesByDate, intervalOf } from './_lib/officer-weeks.js';

/** The thresholds of `five-half-days`, as the options give them. */
interface HalfDayOptions {
  minHalfDays: number;
  minMinutesPerHalfDay: number;
  standardHalfDays: number;
}

/** What one officer's week adds up to. */
interface HalfDayTally {
  counted: HalfDayEvidence[];
  available: number;
  /** Each roster entry behind a counted half-day, with its minutes inside the counted windows. */
  entryMinutes: Map<RosterEntry, number>;
}

/**
 * Half-days a week requires: ceil(minHalfDays × available ÷ standardHalfDays), so a week
 * shortened by holidays, leave or non-normal duty requires proportionally fewer; none when
 * nothing is available.
 *
 * @example
 * requiredHalfDays(8, { minHalfDays: 5, standardHalfDays: 10, minMinutesPerHalfDay: 120 }) //=> 4
 */
export function requiredHalfDays(available: number, options: HalfDayOptions): number {
  return Math.ceil((options.minHalfDays * available) / options.standardHalfDays);
}

/**
 * The officer's `community`-category entries on a date that count for it: those naming no
 * community or one of the communities the officer is assigned to that date.
 */
function ownCommunityEntries(context: CheckContext, officer: string, date: CalendarDate, entries: readonly RosterEntry[]): RosterEntry[] {
  const assigned = new Set(context.assignmentsOn(officer, date).map((a) => a.community));
  return entries.filter((e) => e.community === undefined || assigned.has(e.community));
}

/**
 * Counts one officer's half-days over the week's dates inside the check period: counted ones
 * (any day, enough community minutes) and available ones (working days of normal duty not
 * taken by leave). Dates the officer is not a community officer count for neither.
 */
function tallyWeek(
  context: CheckContext,
  officer: string,
  dates: readonly CalendarDate[],
  communityByDate: ReadonlyMap<CalendarDate, RosterEntry[]>,
  excusedByDate: ReadonlyMap<CalendarDate, RosterEntry[]>,
  minMinutes: number,
): HalfDayTally {
  const tally: HalfDayTally = { counted: [], available: 0, entryMinutes: new Map() };
  for (const date of dates) {
    if (!context.isCommunityOfficer(officer, date)) continue;
    const community = ownCommunityEntries(context, officer, date, communityByDate.get(date) ?? []);
    const excused = (excusedByDate.get(date) ?? []).map(intervalOf);
    const normalWorkingDay = context.isWorkingDay(date) && !context.isNonNormalDuty(officer, date);
    for (const window of context.settings.halfDayWindows) {
      const interval = context.windowOn(date, window);
      const minutes = unionMinutesWithin(community.map(intervalOf), interval);
      if (minutes >= minMinutes) {
        tally.counted.push({ source: 'half-day', date, window: window.name, minutes });
        for (const e of community) {
          const m = overlapMinutes(intervalOf(e), interval);
          if (m > 0) tally.entryMinutes.set(e, (tally.entryMinutes.get(e) ?? 0) + m);
        }
      }
      if (normalWorkingDay && unionMinutesWithin(excused, interval) < minMinutes) tally.available++;
    }
  }
  return tally;
}

/**
 * `five-half-days`: one subject per officer and ISO week that meets the check period, for
 * officers who are community officers on at least one of the week's dates inside it.
 */
export const fiveHalfDays: RuleFacts = {
  *subjects(context, options): Iterable<JudgedSubject> {
    const thresholds: HalfDayOptions = {
      minHalfDays: options.minHalfDays as number,
      minMinutesPerHalfDay: options.minMinutesPerHalfDay as number,
      standardHalfDays: options.standardHalfDays as number,
    };
    const weeks = checkedWeeks(context);
    for (const officer of context.officers.keys()) {
      const communityByDate = entriesByDate(context, officer, 'community');
      const excusedByDate = entriesByDate(context, officer, 'excused');
      for (const { week, dates } of weeks) {
        if (!dates.some((d) => context.isCommunityOfficer(officer, d))) continue;
        const tally = tallyWeek(context, officer, dates, communityByDate, excusedByDate, thresholds.minMinutesPerHalfDay);
        const behind = [...tally.entryMinutes].sort(([a], [b]) => a.startInstant - b.startInstant || a.index - b.index);
        yield {
          subject: { type: 'officer', id: officer },
          period: week,
          facts: {
            countedHalfDays: tally.counted.length,
            availableHalfDays: tally.available,
            requiredHalfDays: requiredHalfDays(tally.available, thresholds),
          },
          evidence: [...tally.counted, ...behind.map(([e, m]) => context.rosterEvidence(e, m))],
          messageData: { officer: context.label('officer', officer) },
        };
      }
    }
  },
};
