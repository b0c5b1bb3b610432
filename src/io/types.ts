import type { Problem } from '../errors.js';

/** Where a roster entry came from: for evidence and for located errors. */
export interface EntrySource {
  /** The roster file as named by the caller; absent for the dataset's own `roster`. */
  file?: string;
  /** 1-based line where the entry starts. */
  line?: number;
  /** The entry's JSON path inside its document (`roster[3]`); empty for a line of a roster file. */
  path: string;
  /** 1-based column of each field, for CSV rows and worksheet rows. */
  columns?: Readonly<Record<string, number>>;
  /** The worksheet of an .xlsx roster; `line` is then Excel's row number. */
  sheet?: string;
  /** The one cell the entry was made from (`D7`): a shift code's cell in a wide roster. */
  cell?: string;
  /** The officer cell held a number (a badge such as 012345 typed as a number loses its leading zeros). */
  officerTypedAsNumber?: boolean;
}

/** A roster entry as read, before validation. */
export interface RosterRecord {
  value: unknown;
  source: EntrySource;
}

/**
 * Where a roster file's rows go as they are read (a stream never holds them all): each row with
 * its source, each reading problem. `mark` and `rollback` let a reader start a file again (a CSV
 * found not to be UTF-8 half way through is read again as GB18030).
 */
export interface RosterSink {
  /**
   * `ownTimes`: the row's `start` and `end` are strings of their own (no slice of a larger text,
   * which a kept slice would keep alive), so they may be kept as they are; a reader that hands
   * the same string object for the same date-time on every row then has it found by identity.
   */
  record(value: unknown, source: EntrySource, ownTimes?: boolean): void;
  problem(problem: Problem): void;
  /** An opaque position, for {@link RosterSink.rollback}. */
  mark(): unknown;
  /** Forgets every row and problem given since `mark`. */
  rollback(mark: unknown): void;
}

/** A roster file as read: its entries, and the problems found while reading it. */
export interface RosterFile {
  file: string;
  records: RosterRecord[];
  problems: Problem[];
  /** What the user should know that is no problem, e.g. the encoding a file was guessed to be in. */
  notes?: string[];
}

/** What reading a roster file may need besides the file itself. */
export interface RosterReadOptions {
  /** Force the text encoding of a CSV roster (a WHATWG label: `gb18030`, `big5`, `utf-16le` …). */
  encoding?: string;
  /** Shift codes for wide rosters (排班表): the config's `settings.shiftCodes`, resolved. */
  shiftCodes?: ReadonlyMap<string, readonly { start: number; end: number; type: string; community?: string }[]>;
  /** The dataset's period, which gives text dates such as `4月1日` in a wide roster their year. */
  period?: { start: string; end: string };
}

/** The dataset document as read. */
export interface DatasetDocument {
  value: unknown;
  /** The file it came from, when it came from one. */
  file?: string;
  /** Its text, kept so that a problem's JSON path can be given a line and column. */
  text?: string;
  problems: Problem[];
}
