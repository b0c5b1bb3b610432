import type { Instant } from '../time/wall-time.js';
import type { RosterEntry } from './roster-entry.js';

/** The fields of a roster entry that few entries have: kept beside the columns, by row. */
export interface RosterEntryExtras {
  id?: string;
  attributes?: Readonly<Record<string, string | number | boolean>>;
  sheet?: string;
  cell?: string;
}

/** A row's field that is not there. */
const NONE = -1;

/** Rows are kept in pieces of this many: row r is row `r & (PIECE - 1)` of piece `r >>> PIECE_BITS`. */
const PIECE_BITS = 16;
const PIECE = 1 << PIECE_BITS;

/** The columns of a piece, in {@link RosterColumns}' order. */
export type ColumnParts = readonly (Int32Array | Float64Array)[];

/** A table as plain data: what {@link RosterTable.parts} gives and {@link RosterTable.fromParts} takes. */
export interface RosterTableParts {
  officerIds: readonly string[];
  texts: readonly string[];
  length: number;
  pieces: { size: number; columns: ColumnParts }[];
  extras: [number, RosterEntryExtras][];
}

/** The columns of a roster's rows (see {@link RosterTable}). */
export class RosterColumns {
  /** The entry's `index` (its place in the combined roster, bad rows counted). */
  readonly index: Int32Array;
  /** The officer's number: its place in the dataset's officers. */
  readonly officer: Int32Array;
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** The wall times of the start and the end: ids into the table's texts. */
  readonly startWall: Int32Array;
  readonly endWall: Int32Array;
  /** Ids into the table's texts; -1 where the entry has none. */
  readonly type: Int32Array;
  readonly community: Int32Array;
  readonly note: Int32Array;
  readonly file: Int32Array;
  /** -1 where the entry has none. */
  readonly line: Int32Array;

  /**
   * Columns with room for `size` rows; or the columns of {@link RosterColumns.parts} (another
   * thread's, on the same memory). Each column is on a SharedArrayBuffer: a second thread judging
   * the same roster (src/threads/) reads these columns, it gets no copy of them.
   */
  constructor(
    readonly size: number,
    parts?: ColumnParts,
  ) {
    const ints = (i: number) => (parts ? (parts[i] as Int32Array) : new Int32Array(new SharedArrayBuffer(size * 4)));
    const floats = (i: number) => (parts ? (parts[i] as Float64Array) : new Float64Array(new SharedArrayBuffer(size * 8)));
    this.index = ints(0);
    this.officer = ints(1);
    this.start = floats(2);
    this.end = floats(3);
    this.startWall = ints(4);
    this.endWall = ints(5);
    this.type = ints(6);
    this.community = ints(7);
    this.note = ints(8);
    this.file = ints(9);
    this.line = ints(10);
  }

  /** The columns, in the constructor's order (to send to another thread: they stay shared). */
  parts(): ColumnParts {
    return [this.index, this.officer, this.start, this.end, this.startWall, this.endWall, this.type, this.community, this.note, this.file, this.line];
  }

  /** A copy of these columns with room for `size` rows, the first `rows` of them kept. */
  grown(size: number, rows: number): RosterColumns {
    const grown = new RosterColumns(size);
    grown.copyFrom(this, rows, 0);
    return grown;
  }

  /** Copies rows [0, rows) of `from` to this from row `at` on. */
  copyFrom(from: RosterColumns, rows: number, at: number): void {
    this.index.set(from.index.subarray(0, rows), at);
    this.officer.set(from.officer.subarray(0, rows), at);
    this.start.set(from.start.subarray(0, rows), at);
    this.end.set(from.end.subarray(0, rows), at);
    this.startWall.set(from.startWall.subarray(0, rows), at);
    this.endWall.set(from.endWall.subarray(0, rows), at);
    this.type.set(from.type.subarray(0, rows), at);
    this.community.set(from.community.subarray(0, rows), at);
    this.note.set(from.note.subarray(0, rows), at);
    this.file.set(from.file.subarray(0, rows), at);
    this.line.set(from.line.subarray(0, rows), at);
  }
}

/**
 * The validated roster as columns, one row per entry in input order: ~52 bytes an entry where an
 * entry object with its boxed instants was ~146 (docs/performance.md, "entries as columns").
 * Strings that repeat (officers, types, communities, notes, files, wall times) are ids into one
 * text table. Rows are kept in pieces of 65,536 ({@link RosterTable.pieces}): a column is never
 * copied as it grows, nor joined into one array (which would hold the roster twice for a moment).
 * {@link RosterTable.entryAt} makes the {@link RosterEntry} object of a row, with the fields and
 * field order validation gives.
 *
 * @example
 * const table = new RosterTable(['O1'])
 * table.append(0, 0, start, end, table.textId('2017-04-05T08:00'), table.textId('2017-04-05T12:00'), table.textId('社区工作'), -1, -1, table.textId('r.ndjson'), 1)
 * table.entryAt(0).officer //=> 'O1'
 */
export class RosterTable {
  /** How many rows there are. */
  length = 0;
  /** The texts the id columns name. */
  readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly extras = new Map<number, RosterEntryExtras>();
  /** Every piece but the last is full; the first grows (doubling) to a whole piece, so a small roster stays small. */
  private readonly pieceList: RosterColumns[] = [new RosterColumns(256)];

  /** `officerIds[n]`: the id of officer number n. */
  constructor(readonly officerIds: readonly string[]) {}

  /**
   * A table of entry objects made some other way (a test's, an API user's input): rows in their
   * order, officers numbered as `officerIds` (then any other officer the entries name).
   */
  static fromEntries(entries: readonly RosterEntry[], officerIds: readonly string[]): RosterTable {
    const ids = [...officerIds];
    const numbers = new Map<string, number>();
    ids.forEach((id, n) => {
      if (!numbers.has(id)) numbers.set(id, n);
    });
    const table = new RosterTable(ids);
    const id = (text: string | undefined) => textIdOrNone(table, text);
    for (const e of entries) {
      let officer = numbers.get(e.officer);
      if (officer === undefined) {
        numbers.set(e.officer, (officer = ids.length));
        ids.push(e.officer);
      }
      let extras: RosterEntryExtras | undefined;
      if (e.id !== undefined) (extras ??= {}).id = e.id;
      if (e.attributes !== undefined) (extras ??= {}).attributes = e.attributes;
      if (e.sheet !== undefined) (extras ??= {}).sheet = e.sheet;
      if (e.cell !== undefined) (extras ??= {}).cell = e.cell;
      table.append(e.index, officer, e.startInstant, e.endInstant, table.textId(e.start), table.textId(e.end), table.textId(e.type), id(e.community), id(e.note), id(e.file), e.line ?? NONE, extras);
    }
    return table;
  }

  /** How many rows have rare fields (an id, attributes, a sheet and cell). */
  get rowsWithExtras(): number {
    return this.extras.size;
  }

  /** The table as plain data for another thread: its columns shared, not copied. */
  parts(): RosterTableParts {
    return {
      officerIds: this.officerIds,
      texts: this.texts,
      length: this.length,
      pieces: this.pieceList.map((p) => ({ size: p.size, columns: p.parts() })),
      extras: [...this.extras],
    };
  }

  /** The table of {@link RosterTable.parts} (as another thread received them). */
  static fromParts(parts: RosterTableParts): RosterTable {
    const table = new RosterTable(parts.officerIds);
    parts.texts.forEach((text) => table.textId(text));
    table.pieceList.length = 0;
    for (const piece of parts.pieces) table.pieceList.push(new RosterColumns(piece.size, piece.columns));
    for (const [row, extras] of parts.extras) table.extras.set(row, extras);
    table.length = parts.length;
    return table;
  }

  /**
   * Appends the rows of `from` (another thread's table of a later part of the same roster):
   * its text ids through `texts` (its id → this table's), its indexes and lines moved on by
   * `indexShift` and `lineShift`, its rare fields kept. Officers are numbered alike in both.
   */
  appendRows(from: RosterTable, texts: Int32Array, indexShift: number, lineShift: number): void {
    const id = (t: number) => (t === NONE ? NONE : texts[t]!);
    from.pieceList.forEach((c, k) => {
      for (let i = 0, n = from.rowsIn(k); i < n; i++) {
        const line = c.line[i]!;
        const row = k * PIECE + i;
        this.append(
          c.index[i]! + indexShift,
          c.officer[i]!,
          c.start[i]!,
          c.end[i]!,
          id(c.startWall[i]!),
          id(c.endWall[i]!),
          id(c.type[i]!),
          id(c.community[i]!),
          id(c.note[i]!),
          id(c.file[i]!),
          line === NONE ? NONE : line + lineShift,
          from.extras.size === 0 ? undefined : from.extras.get(row),
        );
      }
    });
  }

  /** The id of a text the table has, if it has it. */
  textIdOf(text: string): number | undefined {
    return this.textIds.get(text);
  }

  /** The id of a text, given one on first sight (the text is kept as it is: give it an own copy). */
  textId(text: string): number {
    let id = this.textIds.get(text);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(text);
      this.textIds.set(text, id);
    }
    return id;
  }

  /** Appends a row. */
  append(
    index: number,
    officer: number,
    start: Instant,
    end: Instant,
    startWall: number,
    endWall: number,
    type: number,
    community: number,
    note: number,
    file: number,
    line: number,
    extras?: RosterEntryExtras,
  ): void {
    const row = this.length;
    const i = row & (PIECE - 1);
    let p = this.pieceList[row >>> PIECE_BITS];
    if (p === undefined) this.pieceList.push((p = new RosterColumns(PIECE)));
    else if (i === p.size) this.pieceList[row >>> PIECE_BITS] = p = p.grown(Math.min(PIECE, p.size * 2), i);
    p.index[i] = index;
    p.officer[i] = officer;
    p.start[i] = start;
    p.end[i] = end;
    p.startWall[i] = startWall;
    p.endWall[i] = endWall;
    p.type[i] = type;
    p.community[i] = community;
    p.note[i] = note;
    p.file[i] = file;
    p.line[i] = line;
    if (extras !== undefined) this.extras.set(row, extras);
    this.length = row + 1;
  }

  /** Forgets the rows from `length` on (a file read again in another encoding). */
  truncate(length: number): void {
    if (length >= this.length) return;
    for (const row of this.extras.keys()) if (row >= length) this.extras.delete(row);
    this.pieceList.length = Math.max(1, Math.ceil(length / PIECE));
    this.length = length;
  }

  /** The pieces of the columns: piece k holds rows [k × 65,536, …), {@link RosterTable.rowsIn} of them. */
  pieces(): readonly RosterColumns[] {
    return this.pieceList;
  }

  /** How many rows piece k holds. */
  rowsIn(k: number): number {
    return Math.max(0, Math.min(PIECE, this.length - k * PIECE));
  }

  /** A row's start instant. */
  startOf(row: number): Instant {
    return this.pieceList[row >>> PIECE_BITS]!.start[row & (PIECE - 1)]!;
  }

  /** A row's entry `index`. */
  indexOf(row: number): number {
    return this.pieceList[row >>> PIECE_BITS]!.index[row & (PIECE - 1)]!;
  }

  /**
   * The entry object of a row: the fields validation gives, in its order (index, officer, start,
   * end, their instants, type, then community, id, note, attributes, file, sheet, line, cell where
   * the entry has them). A new object each call.
   */
  entryAt(row: number): RosterEntry {
    const texts = this.texts;
    const c = this.pieceList[row >>> PIECE_BITS]!;
    const i = row & (PIECE - 1);
    const community = c.community[i]!;
    const note = c.note[i]!;
    const file = c.file[i]!;
    const line = c.line[i]!;
    // A roster file's rows without rare fields: one literal per shape, every field in it (a
    // field added after the literal costs a property store per object, and the scavenger's time).
    if (file !== NONE && line !== NONE && (this.extras.size === 0 || !this.extras.has(row))) {
      const index = c.index[i]!;
      const officer = this.officerIds[c.officer[i]!]!;
      const start = texts[c.startWall[i]!]!;
      const end = texts[c.endWall[i]!]!;
      const startInstant = c.start[i]!;
      const endInstant = c.end[i]!;
      const type = texts[c.type[i]!]!;
      const fileName = texts[file]!;
      if (community !== NONE) {
        if (note === NONE) return { index, officer, start, end, startInstant, endInstant, type, community: texts[community]!, file: fileName, line };
        return { index, officer, start, end, startInstant, endInstant, type, community: texts[community]!, note: texts[note]!, file: fileName, line };
      }
      if (note === NONE) return { index, officer, start, end, startInstant, endInstant, type, file: fileName, line };
      return { index, officer, start, end, startInstant, endInstant, type, note: texts[note]!, file: fileName, line };
    }
    const entry: RosterEntry = {
      index: c.index[i]!,
      officer: this.officerIds[c.officer[i]!]!,
      start: texts[c.startWall[i]!]!,
      end: texts[c.endWall[i]!]!,
      startInstant: c.start[i]!,
      endInstant: c.end[i]!,
      type: texts[c.type[i]!]!,
    };
    const extras = this.extras.size === 0 ? undefined : this.extras.get(row);
    if (community !== NONE) entry.community = this.texts[community]!;
    if (extras?.id !== undefined) entry.id = extras.id;
    if (note !== NONE) entry.note = this.texts[note]!;
    if (extras?.attributes !== undefined) entry.attributes = extras.attributes;
    if (file !== NONE) entry.file = this.texts[file]!;
    if (extras?.sheet !== undefined) entry.sheet = extras.sheet;
    if (line !== NONE) entry.line = line;
    if (extras?.cell !== undefined) entry.cell = extras.cell;
    return entry;
  }

  /** Every row's entry object, in input order (made anew: a test's or a small roster's view, not the engine's). */
  entries(): RosterEntry[] {
    const out = new Array<RosterEntry>(this.length);
    for (let row = 0; row < this.length; row++) out[row] = this.entryAt(row);
    return out;
  }

}

/** The id of a text in a table's columns where there is one, -1 where there is none. */
export function textIdOrNone(table: RosterTable, text: string | undefined): number {
  return text === undefined ? NONE : table.textId(text);
}
