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

/**
 * The validated roster as columns, one row per entry in input order: ~52 bytes an entry where an
 * entry object with its boxed instants was ~146 (docs/performance.md, "entries as columns").
 * Strings that repeat (officers, types, communities, notes, files) are ids into one text table;
 * a start or end is its instant and the id of its wall time. {@link RosterTable.entryAt}
 * makes the {@link RosterEntry} object of a row, with the fields and field order validation gives.
 *
 * @example
 * const table = new RosterTable(['O1'])
 * table.append(0, 0, start, end, table.textId('2017-04-05T08:00'), table.textId('2017-04-05T12:00'), table.textId('社区工作'), -1, -1, table.textId('r.ndjson'), 1)
 * table.entryAt(0).officer //=> 'O1'
 */
export class RosterTable {
  /** How many rows there are. */
  length = 0;
  /** The entry's `index` (its place in the combined roster, bad rows counted). */
  index = new Int32Array(1024);
  /** The officer's number: its place in the dataset's officers. */
  officer = new Int32Array(1024);
  start = new Float64Array(1024);
  end = new Float64Array(1024);
  /** The wall times of the start and the end: ids into {@link RosterTable.texts}. */
  startWall = new Int32Array(1024);
  endWall = new Int32Array(1024);
  /** Ids into {@link RosterTable.texts}; -1 where the entry has none. */
  type = new Int32Array(1024);
  community = new Int32Array(1024);
  note = new Int32Array(1024);
  file = new Int32Array(1024);
  /** -1 where the entry has none. */
  line = new Int32Array(1024);
  /** The texts the id columns name. */
  readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  private readonly extras = new Map<number, RosterEntryExtras>();

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
    if (row === this.index.length) this.grow();
    this.index[row] = index;
    this.officer[row] = officer;
    this.start[row] = start;
    this.end[row] = end;
    this.startWall[row] = startWall;
    this.endWall[row] = endWall;
    this.type[row] = type;
    this.community[row] = community;
    this.note[row] = note;
    this.file[row] = file;
    this.line[row] = line;
    if (extras !== undefined) this.extras.set(row, extras);
    this.length = row + 1;
  }

  /** Forgets the rows from `length` on (a file read again in another encoding). */
  truncate(length: number): void {
    if (length >= this.length) return;
    for (const row of this.extras.keys()) if (row >= length) this.extras.delete(row);
    this.length = length;
  }

  /** The officer id of a row. */
  officerOf(row: number): string {
    return this.officerIds[this.officer[row]!]!;
  }

  /** The text of a row's type. */
  typeOf(row: number): string {
    return this.texts[this.type[row]!]!;
  }

  /**
   * The entry object of a row: the fields validation gives, in its order (index, officer, start,
   * end, their instants, type, then community, id, note, attributes, file, sheet, line, cell where
   * the entry has them). A new object each call.
   */
  entryAt(row: number): RosterEntry {
    const texts = this.texts;
    const community = this.community[row]!;
    const note = this.note[row]!;
    const file = this.file[row]!;
    const line = this.line[row]!;
    // A roster file's rows without rare fields: one literal per shape, every field in it (a
    // field added after the literal costs a property store per object, and the scavenger's time).
    if (file !== NONE && line !== NONE && (this.extras.size === 0 || !this.extras.has(row))) {
      const index = this.index[row]!;
      const officer = this.officerIds[this.officer[row]!]!;
      const start = texts[this.startWall[row]!]!;
      const end = texts[this.endWall[row]!]!;
      const startInstant = this.start[row]!;
      const endInstant = this.end[row]!;
      const type = texts[this.type[row]!]!;
      const fileName = texts[file]!;
      if (community !== NONE) {
        if (note === NONE) return { index, officer, start, end, startInstant, endInstant, type, community: texts[community]!, file: fileName, line };
        return { index, officer, start, end, startInstant, endInstant, type, community: texts[community]!, note: texts[note]!, file: fileName, line };
      }
      if (note === NONE) return { index, officer, start, end, startInstant, endInstant, type, file: fileName, line };
      return { index, officer, start, end, startInstant, endInstant, type, note: texts[note]!, file: fileName, line };
    }
    const entry: RosterEntry = {
      index: this.index[row]!,
      officer: this.officerIds[this.officer[row]!]!,
      start: texts[this.startWall[row]!]!,
      end: texts[this.endWall[row]!]!,
      startInstant: this.start[row]!,
      endInstant: this.end[row]!,
      type: texts[this.type[row]!]!,
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

  private grow(): void {
    // By half again, not double: the slack is at most a third of the columns.
    const size = Math.ceil(this.index.length * 1.5);
    const more = <T extends Int32Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.index = more(this.index);
    this.officer = more(this.officer);
    this.start = more(this.start);
    this.end = more(this.end);
    this.startWall = more(this.startWall);
    this.endWall = more(this.endWall);
    this.type = more(this.type);
    this.community = more(this.community);
    this.note = more(this.note);
    this.file = more(this.file);
    this.line = more(this.line);
  }
}

/** The id of a text in a table's columns where there is one, -1 where there is none. */
export function textIdOrNone(table: RosterTable, text: string | undefined): number {
  return text === undefined ? NONE : table.textId(text);
}
