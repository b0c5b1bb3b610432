import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { RosterEntry } from '../../model/roster-entry.js';
import { isDateWithin } from '../../time/calendar-date.js';
import { unionMinutesWithin, type Interval } from '../../time/intervals.js';
import { localDateOf, localDatesTouched } from '../../time/wall-time.js';
import type { CheckContext } from '../../engine/check-context.js';
import { intervalOf } from './_lib/officer-weeks.js';

/** Daytime windows of every local date an entry touches. */
function daytimeWindowsOf(context: CheckContext, entry: RosterEntry): Interval[] {
  return localDatesTouched(entry.startInstant, entry.endInstant, context.zone).map((d) => context.windowOn(d, context.settings.daytime));
}

/** Daytime minutes (union) of entries. */
function daytimeMinutes(context: CheckContext, entries: readonly RosterEntry[]): number {
  const intervals = entries.map(intervalOf);
  const windows = new Map<number, Interval>();
  for (const e of entries) for (const w of daytimeWindowsOf(context, e)) windows.set(w.start, w);
  let total = 0;
  for (const w of windows.values()) total += unionMinutesWithin(intervals, w);
  return total;
}

/**
 * `no-daytime-station-duty`: one subject per officer and start date of station-duty entries
 * that start inside the check period on a date the officer is a community officer.
 */
export const noDaytimeStationDuty: RuleFacts = {
  *subjects(context, options): Iterable<JudgedSubject> {
    const tolerance = options.toleranceMinutes as number;
    const { start, end } = context.period;
    for (const officer of context.officers.keys()) {
      const byDate = new Map<string, RosterEntry[]>();
      for (const entry of context.entriesOf(officer)) {
        if (context.categoryOf(entry) !== 'station-duty') continue;
        const date = localDateOf(entry.startInstant, context.zone);
        if (!isDateWithin(date, start, end) || !context.isCommunityOfficer(officer, date)) continue;
        let list = byDate.get(date);
        if (!list) byDate.set(date, (list = []));
        list.push(entry);
      }
      for (const [date, entries] of byDate) {
        const overlaps = entries.map((entry) => ({ entry, minutes: daytimeMinutes(context, [entry]) }));
        const breaking = overlaps.filter((o) => o.minutes > tolerance);
        yield {
          subject: { type: 'officer', id: officer },
          period: { start: date, end: date },
          facts: {
            longestDaytimeOverlap: Math.max(...overlaps.map((o) => o.minutes)),
            daytimeMinutes: daytimeMinutes(context, breaking.map((o) => o.entry)),
            toleranceMinutes: tolerance,
          },
          evidence: breaking.map((o) => context.rosterEvidence(o.entry, o.minutes)),
          messageData: { officer: context.label('officer', officer) },
        };
      }
    }
  },
};
