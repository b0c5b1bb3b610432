import type { Problem } from '../errors.js';

/** Where a roster entry came from: for evidence and for located errors. */
export interface EntrySource {
  /** The roster file as named by the caller; absent for the dataset's own `roster`. */
  file?: string;
  /** 1-based line where the entry starts. */
  line?: number;
  /** The entry's JSON path inside its document (`roster[3]`); empty for a line of a roster file. */
  path: string;
  /** 1-based column of each field, for CSV rows. */
  columns?: Readonly<Record<string, number>>;
}

/** A roster entry as read, before validation. */
export interface RosterRecord {
  value: unknown;
  source: EntrySource;
}

/** A roster file as read: its entries, and the problems found while reading it. */
export interface RosterFile {
  file: string;
  records: RosterRecord[];
  problems: Problem[];
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
