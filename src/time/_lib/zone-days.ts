import { DateTime } from 'luxon';

/** One local calendar day of a zone: the instants where it starts and ends. */
export interface ZoneDay {
  date: string;
  /** Instant of local midnight. */
  start: number;
  /** Instant of the next local midnight. */
  end: number;
  /**
   * 24 hours long with one offset all day: then a wall-clock time is `start` plus its minutes.
   * A day with a DST change is not, and goes to luxon for every question.
   */
  uniform: boolean;
}

const DAY_MS = 86_400_000;

/**
 * The days of one zone, each computed once by luxon and then reused, so that per-entry time
 * questions (which day is this instant in, what instant is 08:00 that day) cost a map lookup
 * instead of an Intl call. Everything not on a uniform day is answered by luxon itself.
 */
export class ZoneDays {
  private readonly days = new Map<string, ZoneDay>();
  /** The offset of the last day found, a good first guess for the next instant. */
  private lastOffset = 0;

  constructor(readonly zone: string) {}

  /** The day of a valid `YYYY-MM-DD` date (empty when the zone skipped that date). */
  day(date: string): ZoneDay {
    let day = this.days.get(date);
    if (!day) {
      const start = DateTime.fromISO(date, { zone: this.zone }).startOf('day');
      if (start.toISODate() !== date) {
        // A date the zone skipped (Pacific/Apia has no 2011-12-30): luxon moves it to the next
        // day, whose instants must not be labelled with it. It holds no instant at all.
        day = { date, start: start.toMillis(), end: start.toMillis(), uniform: false };
        this.days.set(date, day);
        return day;
      }
      const next = start.plus({ days: 1 }).startOf('day');
      const noon = start.plus({ hours: 12 });
      day = {
        date,
        start: start.toMillis(),
        end: next.toMillis(),
        // Also no change just before midnight: Havana repeats 00:00, and the first one counts.
        uniform:
          next.toMillis() - start.toMillis() === DAY_MS &&
          noon.offset === start.offset &&
          next.offset === start.offset &&
          start.minus({ milliseconds: 1 }).offset === start.offset,
      };
      this.days.set(date, day);
    }
    return day;
  }

  /**
   * The day an instant falls in; `undefined` in the rare hour that belongs to no day as luxon
   * bounds them (a DST change that repeats midnight: luxon starts the day at the second one).
   */
  dayOf(instant: number): ZoneDay | undefined {
    // Entries come in time order, so the day asked last is the best first answer.
    const last = this.lastDay;
    if (last && last.start <= instant && instant < last.end) return last;
    const found = this.findDay(instant);
    if (found) this.lastDay = found;
    return found;
  }

  private lastDay: ZoneDay | undefined;

  /** Days by the number of the UTC day that `instant + lastOffset` falls in: no string work on a hit. */
  private readonly byDayNumber = new Map<number, ZoneDay>();

  private findDay(instant: number): ZoneDay | undefined {
    const number = Math.floor((instant + this.lastOffset) / DAY_MS);
    let guess = this.byDayNumber.get(number);
    if (!guess) {
      guess = this.day(new Date(number * DAY_MS).toISOString().slice(0, 10));
      this.byDayNumber.set(number, guess);
    }
    if (guess.start <= instant && instant < guess.end) return guess;
    const date = DateTime.fromMillis(instant, { zone: this.zone }).toISODate()!;
    const day = this.day(date);
    if (!(day.start <= instant && instant < day.end)) return undefined;
    this.lastOffset = Date.parse(date) - day.start;
    return day;
  }
}

const zones = new Map<string, ZoneDays>();

/** The shared day cache of a zone. */
export function zoneDays(zone: string): ZoneDays {
  let days = zones.get(zone);
  if (!days) zones.set(zone, (days = new ZoneDays(zone)));
  return days;
}
