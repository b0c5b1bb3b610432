import { expect } from 'vitest';
import { check } from '../../../../src/check.js';
import type { Evidence, Violation } from '../../../../src/report/types.js';

/**
 * INRC-II data as the loader maps it onto a dataset, built inline for the `inrc2/*` rule tests:
 * time zone UTC, horizon day 0 = Monday 2024-01-01, one ward, nurses as officers with their
 * contract, skills and history as attributes, shifts as roster entries, and the scenario's and
 * week data's tables under `records`. The scenario is n005w4's (3 shift types, 2 contracts,
 * 2 skills), with a Day shift type added so that a shift without forbidden successions exists.
 */

/** The wall-clock times of each shift type (Night ends at 06:00 the next day). */
export const SHIFT_TIMES: Readonly<Record<string, readonly [string, string]>> = {
  Early: ['06:00', '14:00'],
  Day: ['09:00', '17:00'],
  Late: ['14:00', '22:00'],
  Night: ['22:00', '06:00'],
};

/** Weekday abbreviations of the competition's files, Monday first. */
const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A horizon day (0 = Monday 2024-01-01) or a weekday of the first week (`'Sat'`). */
export type Day = number | (typeof WEEKDAYS)[number];

const dayIndex = (day: Day): number => (typeof day === 'number' ? day : WEEKDAYS.indexOf(day));

/**
 * The calendar date of a horizon day.
 *
 * @example
 * date(0) //=> '2024-01-01'
 * date('Sun') //=> '2024-01-07'
 */
export function date(day: Day): string {
  const d = new Date(Date.UTC(2024, 0, 1 + dayIndex(day)));
  return d.toISOString().slice(0, 10);
}

/** The scenario's shift types: (min, max) consecutive assignments of each. */
export const SHIFT_TYPES = [
  { id: 'Early', minConsecutive: 2, maxConsecutive: 5 },
  { id: 'Day', minConsecutive: 1, maxConsecutive: 3 },
  { id: 'Late', minConsecutive: 2, maxConsecutive: 3 },
  { id: 'Night', minConsecutive: 4, maxConsecutive: 5 },
];

/** n005w4's forbidden successions: `Late 1 Early`, `Night 2 Early Late`. */
export const FORBIDDEN_SUCCESSIONS = [
  { from: 'Late', to: 'Early' },
  { from: 'Night', to: 'Early' },
  { from: 'Night', to: 'Late' },
];

/** n005w4's contracts: `FullTime (15,22) (3,5) (2,3) 2 1`, `PartTime (7,11) (3,5) (3,5) 2 1`, and one without complete weekends. */
export const CONTRACTS = [
  { id: 'FullTime', minTotal: 15, maxTotal: 22, minConsecutiveWork: 3, maxConsecutiveWork: 5, minConsecutiveOff: 2, maxConsecutiveOff: 3, maxWorkingWeekends: 2, completeWeekends: true },
  { id: 'PartTime', minTotal: 7, maxTotal: 11, minConsecutiveWork: 3, maxConsecutiveWork: 5, minConsecutiveOff: 3, maxConsecutiveOff: 5, maxWorkingWeekends: 2, completeWeekends: true },
  { id: 'HalfTime', minTotal: 3, maxTotal: 5, minConsecutiveWork: 1, maxConsecutiveWork: 7, minConsecutiveOff: 1, maxConsecutiveOff: 7, maxWorkingWeekends: 1, completeWeekends: false },
];

/** A nurse's history, as of the day before day 0 (the `H0-…` file's line). */
export interface History {
  historyAssignments: number;
  historyWorkingWeekends: number;
  /** The last shift type worked, or null for a day off (`None`). */
  historyLastShift: string | null;
  historyLastShiftRun: number;
  historyWorkRun: number;
  historyOffRun: number;
}

/** A fresh history: nothing worked yet, off since long enough (the run ended with the history). */
export const NO_HISTORY: History = {
  historyAssignments: 0,
  historyWorkingWeekends: 0,
  historyLastShift: null,
  historyLastShiftRun: 0,
  historyWorkRun: 0,
  historyOffRun: 0,
};

/**
 * A nurse as an officer of the ward (name = id, as the loader has it).
 *
 * @example
 * nurse('Sara', { contract: 'PartTime', skills: ['Nurse'], history: { historyLastShift: 'Late', historyLastShiftRun: 1, historyWorkRun: 4 } })
 */
export function nurse(id: string, { contract = 'FullTime', skills = ['HeadNurse', 'Nurse'], history = {} }: { contract?: string; skills?: string[]; history?: Partial<History> } = {}) {
  return { id, name: id, unit: 'ward', attributes: { contract, skills, ...NO_HISTORY, ...history } };
}

/** One assignment: `nurse day shift skill` of a solution file, as a roster entry. */
export function shift(officer: string, day: Day, type: string, skill = 'Nurse') {
  const [from, to] = SHIFT_TIMES[type] ?? ['08:00', '16:00'];
  const start = date(day);
  const end = to <= from ? date(dayIndex(day) + 1) : start;
  return { officer, start: `${start}T${from}`, end: `${end}T${to}`, type, attributes: { skill } };
}

/** The same shift type on each of `days`. */
export function shifts(officer: string, days: readonly Day[], type: string, skill = 'Nurse') {
  return days.map((d) => shift(officer, d, type, skill));
}

/** A `REQUIREMENTS` cell: (min, opt) of a shift and skill on a day, from a week-data file's line. */
export function demand(day: Day, shiftType: string, skill: string, minimum: number, optimal: number, line = 3) {
  return { date: date(day), shift: shiftType, skill, minimum, optimal, file: 'WD-n005w4-0.txt', line };
}

/** A `SHIFT_OFF_REQUESTS` line; `shift` null is `Any` (the whole day). */
export function offRequest(officer: string, day: Day, shiftType: string | null, line = 12) {
  return { officer, date: date(day), shift: shiftType, file: 'WD-n005w4-0.txt', line };
}

export interface Inrc2Parts {
  weeks?: number;
  nurses?: unknown[];
  roster?: unknown[];
  demands?: unknown[];
  offRequests?: unknown[];
  shiftTypes?: unknown[];
  forbiddenSuccessions?: unknown[];
  contracts?: unknown[];
}

/**
 * An INRC-II dataset: a `weeks`-week horizon (1 by default) from Monday 2024-01-01, nurse Patrick
 * (FullTime) unless `nurses` says otherwise, and n005w4's scenario tables.
 */
export function inrc2Dataset(parts: Inrc2Parts = {}): Record<string, unknown> {
  const weeks = parts.weeks ?? 1;
  return {
    timezone: 'UTC',
    period: { start: date(0), end: date(7 * weeks - 1) },
    units: [{ id: 'ward', name: 'x' }],
    communities: [],
    officers: parts.nurses ?? [nurse('Patrick')],
    roster: parts.roster ?? [],
    records: {
      shiftTypes: parts.shiftTypes ?? SHIFT_TYPES,
      forbiddenSuccessions: parts.forbiddenSuccessions ?? FORBIDDEN_SUCCESSIONS,
      contracts: parts.contracts ?? CONTRACTS,
      demands: parts.demands ?? [],
      offRequests: parts.offRequests ?? [],
    },
  };
}

/** The violations of one rule run alone (`extends: []`) on a dataset, under the compiled evaluator. */
export async function violationsOf(ruleId: string, dataset: Record<string, unknown>, options?: Record<string, unknown>): Promise<Violation[]> {
  const report = await check(dataset, { config: { extends: [], rules: { [ruleId]: options ? ['error', options] : 'error' } } });
  return report.violations.filter((v) => v.ruleId === ruleId);
}

/** A roster entry's evidence, as the report gives it: its place in the roster and what it is. */
export function entryEvidence(index: number, entry: { officer: string; start: string; end: string; type: string }): Evidence {
  return { source: 'roster', index, officer: entry.officer, start: entry.start, end: entry.end, type: entry.type };
}

/** Asserts that each violation's evidence is exactly the given list, in order (ruleTester checks only that it contains them). */
export async function expectEvidence(ruleId: string, dataset: Record<string, unknown>, expected: unknown[][], options?: Record<string, unknown>): Promise<void> {
  const found = await violationsOf(ruleId, dataset, options);
  expect(found.map((v) => v.evidence)).toEqual(expected);
}
