import type { Problem } from '../errors.js';

/** What a reader of a competition file returns: what could be read, and every problem found. */
export interface Inrc2Parsed<T> {
  value: T;
  problems: Problem[];
}

/** Days of an INRC-II week, in the files' spelling; index 0 is Monday. */
export const INRC2_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** A shift type of the scenario: `Early (2,5)`. */
export interface Inrc2ShiftType {
  id: string;
  minConsecutive: number;
  maxConsecutive: number;
  line: number;
}

/** `Late 1 Early`: Late may not be followed by Early on the next day. One per pair. */
export interface Inrc2ForbiddenSuccession {
  from: string;
  to: string;
  line: number;
  /** Column of `to` (of `from` for an unknown `from`). */
  column: number;
}

/** A contract of the scenario: `FullTime (15,22) (3,5) (2,3) 2 1`. */
export interface Inrc2Contract {
  id: string;
  minTotal: number;
  maxTotal: number;
  minConsecutiveWork: number;
  maxConsecutiveWork: number;
  minConsecutiveOff: number;
  maxConsecutiveOff: number;
  maxWorkingWeekends: number;
  completeWeekends: boolean;
  line: number;
}

/** A nurse of the scenario: `Patrick FullTime 2 HeadNurse Nurse`. */
export interface Inrc2Nurse {
  name: string;
  contract: string;
  skills: string[];
  line: number;
}

/** A scenario file `Sc-<instance>.txt`. */
export interface Inrc2Scenario {
  file: string;
  /** `SCENARIO = n005w4`; empty when missing. */
  id: string;
  /** `WEEKS = 4`; absent when missing or not a number. */
  weeks?: number;
  skills: string[];
  shiftTypes: Inrc2ShiftType[];
  forbiddenSuccessions: Inrc2ForbiddenSuccession[];
  contracts: Inrc2Contract[];
  nurses: Inrc2Nurse[];
  /**
   * Every name the scenario defines, its broken lines included: other files are checked against
   * these, so that one bad number in a nurse's line does not make that nurse unknown everywhere.
   */
  names: { skills: string[]; shiftTypes: string[]; contracts: string[]; nurses: string[] };
}

/** A nurse's line of a history file: the state as of the day before the first week. */
export interface Inrc2NurseHistory {
  nurse: string;
  assignments: number;
  workingWeekends: number;
  /** The last day's shift type; `null` for `None` (a day off). */
  lastShift: string | null;
  /** Consecutive assignments of `lastShift` up to that day. */
  lastShiftRun: number;
  /** Consecutive working days up to that day. */
  workRun: number;
  /** Consecutive days off up to that day. */
  offRun: number;
  line: number;
  /** Column of the last shift type, for an unknown one. */
  lastShiftColumn: number;
}

/** A history file `H0-<instance>-<h>.txt`. */
export interface Inrc2History {
  file: string;
  /** The week it precedes (`0` for H0) and its scenario, from the `HISTORY` section; absent when missing. */
  week?: number;
  scenario?: string;
  /** Line of the `HISTORY` header row, for a scenario mismatch. */
  headerLine?: number;
  nurses: Inrc2NurseHistory[];
}

/** A requirement line of week data: `Early Nurse (1,1) …` × Mon…Sun. */
export interface Inrc2Requirement {
  shift: string;
  skill: string;
  /** Seven (minimum, optimal) pairs, Monday first. */
  days: { minimum: number; optimal: number }[];
  line: number;
  columns: { shift: number; skill: number };
}

/** A shift-off request: `Sara Late Sat`, or `Andrea Any Tue` for the whole day. */
export interface Inrc2OffRequest {
  nurse: string;
  /** `null` for `Any`: the nurse asks for the whole day off. */
  shift: string | null;
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  line: number;
  columns: { nurse: number; shift: number };
}

/** A week data file `WD-<instance>-<k>.txt`. */
export interface Inrc2WeekData {
  file: string;
  scenario?: string;
  headerLine?: number;
  requirements: Inrc2Requirement[];
  offRequests: Inrc2OffRequest[];
}

/** An assignment of a solution: `Patrick Mon Night Nurse`. */
export interface Inrc2Assignment {
  nurse: string;
  /** 0 = Monday … 6 = Sunday. */
  day: number;
  shift: string;
  skill: string;
  line: number;
  columns: { nurse: number; shift: number; skill: number };
}

/** A solution file of one week (`sol-week<i>.txt`, `Sol-<instance>-<k>-<i>.txt`). */
export interface Inrc2Solution {
  file: string;
  /** The week it solves (0-based) and its scenario, from the `SOLUTION` section. */
  week?: number;
  scenario?: string;
  headerLine?: number;
  assignments: Inrc2Assignment[];
}
