import type { RosterEntry } from '../../../model/roster-entry.js';
import type { Interval } from '../../../time/intervals.js';

/**
 * `unionMinutesWithin` (src/time/intervals.ts) of entries in start order, without copying them: clipping keeps
 * their order (max(start, window.start) grows with start), so one sweep merges them. Measured
 * hot: the copy and sort were most of the windows measure's time.
 *
 * @example
 * unionEntryMinutesWithin([{ startInstant: 0, endInstant: 3_600_000 }, { startInstant: 1_800_000, endInstant: 5_400_000 }], { start: 0, end: 36_000_000 }) //=> 90
 */
export function unionEntryMinutesWithin(entries: readonly Pick<RosterEntry, 'startInstant' | 'endInstant'>[], window: Interval): number {
  let total = 0;
  let runStart = 0;
  let runEnd = -Infinity;
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k]!;
    const start = e.startInstant > window.start ? e.startInstant : window.start;
    const end = e.endInstant < window.end ? e.endInstant : window.end;
    if (end <= start) continue;
    if (start > runEnd) {
      if (runEnd > runStart) total += runEnd - runStart;
      runStart = start;
      runEnd = end;
    } else if (end > runEnd) runEnd = end;
  }
  if (runEnd > runStart) total += runEnd - runStart;
  return total / 60_000;
}

