import { addCalendarDays, type CalendarDate } from '../time/calendar-date.js';

/**
 * Wall-clock times we give INRC-II shift types, which have none in the competition: only their
 * names and successions matter there. Times let the generic rules (rest between work periods,
 * minutes in a window) run on the same entries. A name not listed works 08:00–16:00.
 */
export const INRC2_SHIFT_TIMES: Readonly<Record<string, { start: string; end: string }>> = Object.freeze({
  Early: { start: '06:00', end: '14:00' },
  Day: { start: '09:00', end: '17:00' },
  Late: { start: '14:00', end: '22:00' },
  Night: { start: '22:00', end: '06:00' },
});

/** The times of a shift type the table does not name. */
export const INRC2_DEFAULT_SHIFT_TIME = Object.freeze({ start: '08:00', end: '16:00' });

/**
 * The start and end (`YYYY-MM-DDTHH:mm`) of a shift of type `shift` on `date`; a shift that
 * ends at or before its start time ends on the next day (Night).
 *
 * @example
 * inrc2ShiftInterval('Night', '2024-01-07') //=> { start: '2024-01-07T22:00', end: '2024-01-08T06:00' }
 * inrc2ShiftInterval('Early', '2024-01-01') //=> { start: '2024-01-01T06:00', end: '2024-01-01T14:00' }
 */
export function inrc2ShiftInterval(shift: string, date: CalendarDate): { start: string; end: string } {
  const times = Object.prototype.hasOwnProperty.call(INRC2_SHIFT_TIMES, shift) ? INRC2_SHIFT_TIMES[shift]! : INRC2_DEFAULT_SHIFT_TIME;
  const endDate = times.end <= times.start ? addCalendarDays(date, 1) : date;
  return { start: `${date}T${times.start}`, end: `${endDate}T${times.end}` };
}
