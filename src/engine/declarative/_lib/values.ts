import type { IndexedAssignment } from '../../check-context.js';
import type { RosterEntry } from '../../../model/roster-entry.js';

/**
 * A record of one of the dataset's lists (`officers`, `communities`, `policeRooms`, a named
 * `records` list…) with its place in that list, so that evidence can say where it is.
 * Paths into it (`community.requiredOfficers`) read the record itself.
 */
export class RecordRef {
  constructor(
    /** The list's name as a rule names it: `officers`, `establishment`, `demands`… */
    readonly list: string,
    readonly index: number,
    readonly value: Readonly<Record<string, unknown>>,
  ) {}
}

/** A run of consecutive dates on which a per-date key keeps one value (the `runs` dimension). */
export interface Run {
  key: unknown;
  /** Days of the run inside the check period. */
  days: number;
  /** Days carried in from before the check period (history). */
  carried: number;
  /** carried + days. */
  length: number;
  /** The run's first and last date inside the check period (the day before it, for a run that ended with the history). */
  start: string;
  end: string;
  /** Whether the run reaches the check period's first / last date. */
  atStart: boolean;
  atEnd: boolean;
}

/** One (date, window) cell of a `windows` measure that met its threshold. */
export interface WindowCell {
  source: 'half-day';
  date: string;
  window: string;
  minutes: number;
}

/** What a measure found behind its value, for evidence: cells, then entries with their minutes. */
export interface Witness {
  cells: WindowCell[];
  /** By the entry's `index`: an officer's entries may be made twice from the roster's columns, as different objects. */
  entryMinutes: Map<number, EntryMinutes>;
}

/** An entry and its minutes in what a measure counted. */
export interface EntryMinutes {
  entry: RosterEntry;
  minutes: number;
}

export const isRosterEntry = (value: unknown): value is RosterEntry =>
  value !== null && typeof value === 'object' && typeof (value as RosterEntry).startInstant === 'number' && typeof (value as RosterEntry).index === 'number';

export const isAssignment = (value: unknown): value is IndexedAssignment =>
  value !== null && typeof value === 'object' && typeof (value as IndexedAssignment).officer === 'string' && typeof (value as IndexedAssignment).from === 'string' && !(value instanceof RecordRef);

/**
 * Reads one step of a path: own properties only (a `__proto__` or `constructor` segment reads
 * nothing), through a {@link RecordRef} to its record.
 */
export function readField(value: unknown, key: string): unknown {
  const target = value instanceof RecordRef ? value.value : value;
  if (target === null || typeof target !== 'object') return undefined;
  if (Array.isArray(target)) {
    if (key === 'length') return target.length;
    return /^\d+$/.test(key) ? target[Number(key)] : undefined;
  }
  return Object.prototype.hasOwnProperty.call(target, key) ? (target as Record<string, unknown>)[key] : undefined;
}

/** The plain JSON value behind a binding (a record's own object), for facts and messages. */
export function plainValue(value: unknown): unknown {
  return value instanceof RecordRef ? value.value : value;
}
