import type { Instant } from './wall-time.js';

/** A half-open interval of instants `[start, end)`. */
export interface Interval {
  start: Instant;
  end: Instant;
}

const MINUTE = 60_000;

/**
 * Elapsed minutes of `interval` inside `window` (0 when they do not meet).
 *
 * @example
 * overlapMinutes({ start: 0, end: 3_600_000 }, { start: 1_800_000, end: 7_200_000 }) //=> 30
 */
export function overlapMinutes(interval: Interval, window: Interval): number {
  const start = Math.max(interval.start, window.start);
  const end = Math.min(interval.end, window.end);
  return end > start ? (end - start) / MINUTE : 0;
}

/**
 * Elapsed minutes of the union of `intervals` inside `window`: overlapping entries count once.
 *
 * @example
 * unionMinutesWithin([{ start: 0, end: 60 * 60_000 }, { start: 30 * 60_000, end: 90 * 60_000 }], { start: 0, end: 10 * 60 * 60_000 }) //=> 90
 */
export function unionMinutesWithin(intervals: readonly Interval[], window: Interval): number {
  const clipped: Interval[] = [];
  for (const i of intervals) {
    const start = Math.max(i.start, window.start);
    const end = Math.min(i.end, window.end);
    if (end > start) clipped.push({ start, end });
  }
  if (clipped.length === 0) return 0;
  clipped.sort((a, b) => a.start - b.start || a.end - b.end);
  let total = 0;
  let current = clipped[0]!;
  let runStart = current.start;
  let runEnd = current.end;
  for (let k = 1; k < clipped.length; k++) {
    current = clipped[k]!;
    if (current.start > runEnd) {
      total += runEnd - runStart;
      runStart = current.start;
      runEnd = current.end;
    } else if (current.end > runEnd) {
      runEnd = current.end;
    }
  }
  total += runEnd - runStart;
  return total / MINUTE;
}
