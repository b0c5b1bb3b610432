import { pushAll, type Problem } from '../../errors.js';
import type { EntrySource } from '../../io/types.js';
import { cellName } from '../../io/_lib/cell-ref.js';
import { DATE_TIME_PATTERN, describeSkippedWallTime, formatWallTime, parseDateTime, type Instant } from '../../time/wall-time.js';
import { RosterEntrySchema, type Dataset } from '../dataset-schema.js';
import type { RosterEntry } from '../roster-entry.js';
import { RosterTable, textIdOrNone, type RosterEntryExtras, type RosterTableParts } from '../roster-table.js';
import { plainRosterEntry } from './roster-entry-fast-path.js';
import { problemsFromZod } from './zod-problems.js';

/** A date-time as the roster wrote it, once converted: its instant and the wall time the report shows. */
interface ConvertedTime {
  instant: Instant | undefined;
  wall: string;
  /** The wall time's id in the roster table (-1 for a time that is none). */
  wallId: number;
}

/** Where a validator stands, to go back to (a file re-read in another encoding). */
export interface RosterValidatorMark {
  entries: number;
  problems: number;
  index: number;
}

/**
 * Validates roster rows one at a time into the rows of a {@link RosterTable}, against a dataset's
 * officers, badges, communities and zone. Rows need not be kept: each is judged as it arrives.
 */
export interface RosterValidator {
  /** Validates one row; a valid one is appended to `table`, the problems of a bad one to `problems`. `ownTimes`: see {@link RosterSink.record}. */
  add(value: unknown, source: EntrySource, ownTimes?: boolean): void;
  readonly table: RosterTable;
  /** The table's entries as objects, made anew (for tests and small rosters). */
  readonly entries: RosterEntry[];
  readonly problems: Problem[];
  mark(): RosterValidatorMark;
  rollback(mark: RosterValidatorMark): void;
  /**
   * Takes what another validator of the same dataset found in a later part of the same file
   * (a second thread's: src/threads/): its rows and problems after these, their lines moved on
   * by `lineShift`, their indexes by the rows judged here so far.
   */
  adopt(part: RosterPart, lineShift: number): void;
}

/** What a validator found in a part of a roster file, as plain data (its columns shared). */
export interface RosterPart {
  table: RosterTableParts;
  problems: Problem[];
  /** How many rows it judged, bad ones too (the entries' `index` counts them). */
  rows: number;
}

/** A problem of a later part of a file, at its line in the whole file. */
export function shiftedProblem(p: Problem, lineShift: number): Problem {
  return p.line === undefined ? p : { ...p, line: p.line + lineShift };
}

/**
 * A validator for roster rows of `dataset` (README, "The input"). Strings that repeat across
 * millions of entries (officer ids, types, communities, notes, date-times) are shared, and each
 * distinct date-time is converted once: a city-year has a few thousand of them.
 *
 * @example
 * const v = createRosterValidator(dataset, 'dataset.json')
 * v.add({ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作' }, { file: 'r.ndjson', line: 1, path: '' })
 * v.entries.length //=> 1
 */
export function createRosterValidator(dataset: Omit<Dataset, 'roster'>, datasetFile: string | undefined, options: { /** Tests turn the fast path off to compare it with the general one. */ fastPath?: boolean } = {}): RosterValidator {
  const fastPath = options.fastPath ?? true;
  const problems: Problem[] = [];
  // Officers by number, their place in the dataset's officers (the first, were an id given twice).
  const officerIds = new Map<string, number>();
  const badges = new Map<string, number>();
  const officerList: string[] = [];
  for (const o of dataset.officers) {
    if (o?.id === undefined) continue;
    let n = officerIds.get(o.id);
    if (n === undefined) {
      officerIds.set(o.id, (n = officerList.length));
      officerList.push(o.id);
    }
    // An id given twice is the dataset's problem; its second badge still names the officer.
    if (o.badge !== undefined && !badges.has(o.badge)) badges.set(o.badge, n);
  }
  const table = new RosterTable(officerList);
  const communityIds = new Set(dataset.communities.map((c) => c?.id).filter((id) => id !== undefined));
  const zone = dataset.timezone;
  let badgesWithoutZeros: Map<string, number | null> | undefined;
  const times = new Map<string, ConvertedTime>();
  let index = 0;

  /** The table's id of a text, the text kept as an own copy the first time. */
  const intern = (text: string): number => table.textIdOf(text) ?? table.textId(ownCopy(text));
  const converted = (value: string, ownTime = false): ConvertedTime => {
    let time = times.get(value);
    if (time === undefined) {
      const instant = parseDateTime(value, zone);
      const wall = instant === undefined ? value : formatWallTime(instant, zone);
      // The input itself when it already is the wall time: one string fewer. A reader's own
      // string is kept as the key: its next lines hand the same object, found by identity.
      const own = ownTime ? value : ownCopy(value);
      const shown = wall === value ? own : wall;
      time = { instant, wall: shown, wallId: instant === undefined ? -1 : table.textId(shown) };
      times.set(own, time);
    }
    return time;
  };

  return {
    table,
    get entries() {
      return table.entries();
    },
    problems,
    add(value, source, ownTimes = false) {
      const entryIndex = index++;
      if (!fastPath || !addPlain(value, source, entryIndex, ownTimes)) validateRecord(value, source, entryIndex);
    },
    mark: () => ({ entries: table.length, problems: problems.length, index }),
    adopt(part, lineShift) {
      const from = RosterTable.fromParts(part.table);
      const texts = Int32Array.from(from.texts, (text) => intern(text));
      table.appendRows(from, texts, index, lineShift);
      for (const p of part.problems) problems.push(shiftedProblem(p, lineShift));
      index += part.rows;
    },
    rollback(mark) {
      table.truncate(mark.entries);
      problems.length = mark.problems;
      index = mark.index;
    },
  };

  /**
   * A valid row of the common shape (a line of a roster file; string fields; officer, community
   * and date-times known), appended as an entry without zod, without the date-time pattern (a
   * date-time already in `times` has passed it) and without the closures of the general path;
   * `false`, having done nothing, for anything else, which {@link validateRecord} then judges.
   * Measured hot: this was most of the validation time of a city-year. A seeded property test
   * proves it gives the entries the general path gives.
   */
  function addPlain(value: unknown, source: EntrySource, entryIndex: number, ownTimes: boolean): boolean {
    if (value === null || typeof value !== 'object') return false;
    const file = source.file;
    const line = source.line;
    if (file === undefined || line === undefined || source.sheet !== undefined || source.cell !== undefined) return false;
    const v = value as Record<string, unknown>;
    // Rare fields keep the general path (and its key order of the entry's optional fields).
    if (v.attributes !== undefined || v.id !== undefined || Array.isArray(value)) return false;
    const { officer: officerIn, start: startIn, end: endIn, type, community, note } = v;
    if (typeof officerIn !== 'string' || officerIn === '' || typeof type !== 'string' || type === '') return false;
    if (typeof startIn !== 'string' || typeof endIn !== 'string') return false;
    const officer = officerIds.get(officerIn) ?? badges.get(officerIn);
    if (officer === undefined) return false;
    const start = times.get(startIn) ?? (DATE_TIME_PATTERN.test(startIn) ? converted(startIn, ownTimes) : undefined);
    const end = times.get(endIn) ?? (DATE_TIME_PATTERN.test(endIn) ? converted(endIn, ownTimes) : undefined);
    const startInstant = start?.instant;
    const endInstant = end?.instant;
    if (startInstant === undefined || endInstant === undefined || endInstant <= startInstant) return false;
    let communityId = -1;
    if (community !== undefined) {
      if (typeof community !== 'string' || community === '' || !communityIds.has(community)) return false;
      communityId = intern(community);
    }
    let noteId = -1;
    if (note !== undefined) {
      if (typeof note !== 'string') return false;
      noteId = intern(note);
    }
    table.append(entryIndex, officer, startInstant, endInstant, start!.wallId, end!.wallId, intern(type), communityId, noteId, textIdOrNone(table, file), line);
    return true;
  }

  function validateRecord(input: unknown, source: EntrySource, entryIndex: number): void {
    // Rare rows (bad ones, ones with ids or attributes) keep strings in problems and entries.
    const value = withOwnStrings(input);
    const file = source.file ?? datasetFile;
    const place = (field: string): Problem => {
      const column = source.columns?.[field];
      const at: Problem = { file, line: source.line, column, path: source.path ? `${source.path}.${field}` : field, message: '' };
      if (source.sheet !== undefined) {
        // A worksheet's place is its cell: the field's own, else the one the entry came from.
        at.sheet = source.sheet;
        delete at.column;
        const cell = column !== undefined && source.line !== undefined ? cellName(column, source.line) : source.cell;
        if (cell !== undefined) at.cell = cell;
      } else if (source.cell !== undefined && column === undefined) at.cell = source.cell;
      return at;
    };
    const plain = plainRosterEntry(value);
    const parsed = plain ? { success: true as const, data: plain } : RosterEntrySchema.safeParse(value);
    if (!parsed.success) {
      for (const p of problemsFromZod(parsed.error, value, [], {})) {
        const field = p.path ?? '';
        problems.push({ ...p, ...place(field), message: p.message, path: source.path ? (field ? `${source.path}.${field}` : source.path) : field || undefined });
      }
      // The entry's references are still checked, so a second problem is not hidden by the first.
      const raw = (value !== null && typeof value === 'object' ? value : {}) as Record<string, unknown>;
      if (typeof raw.officer === 'string' && raw.officer !== '' && !officerIds.has(raw.officer) && !badges.has(raw.officer)) {
        problems.push(unknownOfficer(place('officer'), raw.officer));
      }
      if (typeof raw.community === 'string' && raw.community !== '' && !communityIds.has(raw.community)) {
        problems.push(unknownCommunity(place('community'), raw.community));
      }
      return;
    }
    const e = parsed.data;
    const entryProblems: Problem[] = [];
    const officer = officerIds.get(e.officer) ?? badges.get(e.officer) ?? (source.officerTypedAsNumber ? badgeWithoutZeros(e.officer) : undefined);
    if (officer === undefined) entryProblems.push(unknownOfficer(place('officer'), e.officer, source.officerTypedAsNumber));
    if (e.community !== undefined && !communityIds.has(e.community)) entryProblems.push(unknownCommunity(place('community'), e.community));
    const start = converted(e.start);
    const end = converted(e.end);
    const startInstant = start.instant;
    const endInstant = end.instant;
    if (startInstant === undefined) entryProblems.push(nonexistentTime(place('start'), e.start, zone));
    if (endInstant === undefined) entryProblems.push(nonexistentTime(place('end'), e.end, zone));
    if (startInstant !== undefined && endInstant !== undefined && endInstant <= startInstant) {
      entryProblems.push({ ...place('end'), message: 'the entry ends before or when it starts', expected: `a date-time after ${e.start}`, received: JSON.stringify(e.end) });
    }
    if (entryProblems.length > 0 || officer === undefined || startInstant === undefined || endInstant === undefined) {
      pushAll(problems, entryProblems);
      return;
    }
    // The rare fields beside the columns, in the entry's field order.
    let extras: RosterEntryExtras | undefined;
    if (e.id !== undefined) (extras ??= {}).id = e.id;
    if (e.attributes !== undefined) (extras ??= {}).attributes = e.attributes;
    if (source.sheet !== undefined) (extras ??= {}).sheet = source.sheet;
    if (source.cell !== undefined) (extras ??= {}).cell = source.cell;
    table.append(
      entryIndex,
      officer,
      startInstant,
      endInstant,
      start.wallId,
      end.wallId,
      intern(e.type),
      e.community !== undefined ? intern(e.community) : -1,
      e.note !== undefined ? intern(e.note) : -1,
      textIdOrNone(table, source.file),
      source.line ?? -1,
      extras,
    );
  }

  /**
   * The officer whose badge is `digits` once its leading zeros are dropped, as they are when a
   * badge such as 012345 is typed into a spreadsheet as a number; only when exactly one matches.
   */
  function badgeWithoutZeros(digits: string): number | undefined {
    if (!badgesWithoutZeros) {
      badgesWithoutZeros = new Map();
      for (const [badge, id] of badges) {
        const key = badge.replace(/^0+(?=\d)/, '');
        badgesWithoutZeros.set(key, badgesWithoutZeros.has(key) ? null : id);
      }
    }
    return badgesWithoutZeros.get(digits.replace(/^0+(?=\d)/, '')) ?? undefined;
  }
}

/** A date-time that is not one in the zone: a day that does not exist, or a time a DST change skips. */
function nonexistentTime(at: Problem, value: string, zone: string): Problem {
  const skipped = describeSkippedWallTime(value, zone);
  return { ...at, message: skipped ?? 'invalid date-time', expected: skipped ? 'a local time that exists (the wall clock never shows this one)' : 'a date-time that exists', received: JSON.stringify(value) };
}

/** A roster entry's officer that is neither an officer's id nor a badge, at `at`. */
function unknownOfficer(at: Problem, officer: string, typedAsNumber = false): Problem {
  return {
    ...at,
    message: typedAsNumber ? 'unknown officer (the cell holds a number: a badge typed as a number loses its leading zeros, and no badge matches it with them either)' : 'unknown officer',
    expected: 'the id or badge of an officer in officers[]',
    received: typedAsNumber ? `the number ${officer}` : JSON.stringify(officer),
  };
}

/** A roster entry's community that is no community's id, at `at`. */
function unknownCommunity(at: Problem, community: string): Problem {
  return { ...at, message: 'unknown community', expected: 'the id of a community in communities[]', received: JSON.stringify(community) };
}

/**
 * `text`, or a copy of it that is its own string: a long slice of a chunk's text (the NDJSON
 * scanner's) keeps the whole chunk alive, so what is kept for the run is copied once.
 */
function ownCopy(text: string): string {
  // Joining makes a new flat string; V8 slices (rather than copies) from 13 characters on.
  return text.length < 13 ? text : (' ' + text).slice(1);
}

/** A row whose string fields are {@link ownCopy}s (a row that is no plain object as it is). */
function withOwnStrings(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const v = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(v)) {
    const field = v[key];
    if (typeof field === 'string' && field.length >= 13) {
      copy ??= { ...v };
      copy[key] = ownCopy(field);
    }
  }
  return copy ?? value;
}
