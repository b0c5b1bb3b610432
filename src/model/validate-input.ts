import { z } from 'zod';
import { DutyComplianceError, pushAll, type Problem } from '../errors.js';
import type { DatasetDocument, RosterRecord } from '../io/types.js';
import { locateProblems } from '../io/_lib/json-location.js';
import { addCalendarDays, addCalendarYears } from '../time/calendar-date.js';
import { describeSkippedWallTime, formatWallTime, localDateOf, parseDateTime } from '../time/wall-time.js';
import {
  CommunitySchema,
  DatasetSchema,
  EstablishmentSnapshotSchema,
  NonNormalDutySchema,
  OfficerSchema,
  PoliceRoomSchema,
  RosterEntrySchema,
  TransferSchema,
  UnitSchema,
  type Dataset,
} from './dataset-schema.js';
import type { RosterEntry } from './roster-entry.js';
import { describeValue, formatPath, problemsFromZod } from './_lib/zod-problems.js';
import { findReferenceProblems } from './_lib/reference-problems.js';
import { plainRosterEntry } from './_lib/roster-entry-fast-path.js';
import { lenient } from './_lib/lenient.js';
import { cellName } from '../io/_lib/cell-ref.js';
import { valueShapeProblems } from './_lib/value-shape.js';

/** A dataset that passed validation: every reference resolves, every roster entry has instants. */
export interface ValidatedInput {
  dataset: Omit<Dataset, 'roster'>;
  roster: RosterEntry[];
  /** The check period: the dataset's, or the roster's first start date to its last end date. */
  period: { start: string; end: string };
  datasetFile?: string;
}

/**
 * The longest check period, in years. Dates up to 9999-12-31 are fine anywhere (an assignment
 * "to 9999-12-31" is open-ended); only the days rules judge one by one are bounded.
 */
export const MAX_PERIOD_YEARS = 100;

function lastDayOfLongestPeriod(start: string): string {
  return addCalendarDays(addCalendarYears(start, MAX_PERIOD_YEARS), -1);
}

/** The arrays of the dataset, each element validated on its own so one bad element hides nothing. */
const ELEMENT_SCHEMAS = {
  units: UnitSchema,
  communities: CommunitySchema,
  officers: OfficerSchema,
  establishment: EstablishmentSnapshotSchema,
  transfers: TransferSchema,
  policeRooms: PoliceRoomSchema,
  nonNormalDuty: NonNormalDutySchema,
} as const;

const LENIENT_SCHEMAS = Object.fromEntries(Object.entries(ELEMENT_SCHEMAS).map(([k, v]) => [k, lenient(v)])) as Record<keyof typeof ELEMENT_SCHEMAS, z.ZodType>;

const ShallowDatasetSchema = DatasetSchema.extend({
  units: z.array(z.unknown()),
  communities: z.array(z.unknown()),
  officers: z.array(z.unknown()),
  roster: z.array(z.unknown()).optional(),
  establishment: z.array(z.unknown()).optional(),
  transfers: z.array(z.unknown()).optional(),
  policeRooms: z.array(z.unknown()).optional(),
  nonNormalDuty: z.array(z.unknown()).optional(),
});

/**
 * Validates a dataset document and roster files together: schema, references, roster times.
 * Throws one {@link DutyComplianceError} (`INPUT_INVALID`) listing every problem found.
 *
 * @example
 * const input = validateInput(parseDatasetText(text, 'dataset.json'), [await readRosterFile('roster.csv')])
 */
export function validateInput(
  document: DatasetDocument,
  rosterFiles: readonly { records: RosterRecord[]; problems: Problem[] }[] = [],
  options: { /** Drop each roster row's raw value once validated (the caller will not read them again). */ releaseRows?: boolean } = {},
): ValidatedInput {
  const problems: Problem[] = [...document.problems];
  const datasetProblems: Problem[] = [];
  const file = document.file;
  let dataset: Omit<Dataset, 'roster'> | undefined;
  let rosterRecords: RosterRecord[] = [];

  // A value that never was text has not been through parseJson's checks.
  const shape = document.problems.length === 0 && document.text === undefined ? valueShapeProblems(document.value, file) : [];
  pushAll(problems, shape);
  if (document.problems.length === 0 && shape.length === 0) {
    const value = document.value;
    const shallow = ShallowDatasetSchema.safeParse(value);
    if (!shallow.success) pushAll(datasetProblems, problemsFromZod(shallow.error, value, [], { file }));
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const top = value as Record<string, unknown>;
      const parsed: Record<string, unknown[]> = {};
      for (const [key, schema] of Object.entries(ELEMENT_SCHEMAS)) {
        const list = Object.prototype.hasOwnProperty.call(top, key) ? top[key] : undefined;
        parsed[key] = [];
        if (!Array.isArray(list)) continue;
        list.forEach((element, i) => {
          if (element === null || typeof element !== 'object' || Array.isArray(element)) {
            // What zod would say, without building an error per element: an export with a
            // million null records is one systematic mistake, and must not take minutes.
            parsed[key]!.push(undefined);
            datasetProblems.push({ file, path: formatPath([key, i]), message: 'wrong type', received: describeValue(element), expected: 'object' });
            return;
          }
          const r = (schema as z.ZodType).safeParse(element);
          if (r.success) parsed[key]!.push(r.data);
          else {
            // Keep what could be read, so its ids and references are still checked.
            parsed[key]!.push(LENIENT_SCHEMAS[key as keyof typeof ELEMENT_SCHEMAS].parse(element));
            pushAll(datasetProblems, problemsFromZod(r.error, element, [key, i], { file }));
          }
        });
      }
      // References are checked even when a top-level field is wrong, on what could be read.
      const period = DatasetSchema.shape.period.safeParse(top.period);
      const timezone = DatasetSchema.shape.timezone.safeParse(top.timezone);
      const calendar = DatasetSchema.shape.calendar.safeParse(top.calendar);
      const records = DatasetSchema.shape.records.safeParse(top.records);
      dataset = {
        ...parsed,
        timezone: timezone.success ? timezone.data : 'Asia/Shanghai',
        period: period.success ? period.data : undefined,
        calendar: calendar.success ? calendar.data : undefined,
        records: records.success ? records.data : undefined,
      } as unknown as Omit<Dataset, 'roster'>;
      const list = Array.isArray(top.roster) ? (top.roster as unknown[]) : [];
      rosterRecords = list.map((entry, i) => ({ value: entry, source: { path: formatPath(['roster', i]) } }));
    }
  }

  if (dataset) pushAll(datasetProblems, findReferenceProblems(dataset, file));
  if (document.text && datasetProblems.length > 0) locateProblems(datasetProblems, document.text);
  pushAll(problems, datasetProblems);

  for (const f of rosterFiles) {
    pushAll(problems, f.problems);
    rosterRecords = rosterRecords.concat(f.records);
  }

  const roster: RosterEntry[] = [];
  if (dataset) {
    const rosterProblems = validateRoster(dataset, rosterRecords, file, roster, options.releaseRows === true);
    if (document.text) locateProblems(rosterProblems.filter((p) => p.file === file && p.line === undefined), document.text);
    pushAll(problems, rosterProblems);
  }

  let period: { start: string; end: string } | undefined;
  if (dataset && problems.length === 0) {
    period = dataset.period ?? periodOfRoster(roster, dataset.timezone);
    if (!period) {
      problems.push({ file, path: 'period', message: 'a dataset without roster entries needs a check period', expected: '{ "start": "YYYY-MM-DD", "end": "YYYY-MM-DD" }', received: 'nothing' });
    } else if (period.end > lastDayOfLongestPeriod(period.start)) {
      // Rules judge every day of the period: 8,000 years of days is no check anyone means.
      const latest = lastDayOfLongestPeriod(period.start);
      const problem: Problem = dataset.period
        ? { file, path: 'period.end', message: `the check period is longer than ${MAX_PERIOD_YEARS} years`, expected: `an end on or before ${latest}`, received: JSON.stringify(period.end) }
        : { file, path: 'period', message: `the roster spans more than ${MAX_PERIOD_YEARS} years (${period.start} to ${period.end}), and the check period is the roster's`, expected: `entries within ${MAX_PERIOD_YEARS} years, or a "period" to check` };
      if (document.text) locateProblems([problem], document.text);
      problems.push(problem);
    }
  }
  if (problems.length > 0 || !dataset || !period) {
    throw new DutyComplianceError('INPUT_INVALID', problems.length ? problems : [{ file, message: 'the dataset could not be read' }]);
  }
  return { dataset, roster, period, datasetFile: file };
}

function validateRoster(
  dataset: Omit<Dataset, 'roster'>,
  records: readonly RosterRecord[],
  datasetFile: string | undefined,
  out: RosterEntry[],
  releaseRows: boolean,
): Problem[] {
  const problems: Problem[] = [];
  const officerIds = new Set<string>();
  const badges = new Map<string, string>();
  for (const o of dataset.officers) {
    if (o?.id === undefined) continue;
    officerIds.add(o.id);
    if (o.badge !== undefined && !badges.has(o.badge)) badges.set(o.badge, o.id);
  }
  const communityIds = new Set(dataset.communities.map((c) => c?.id).filter((id) => id !== undefined));
  const zone = dataset.timezone;
  let badgesWithoutZeros: Map<string, string | null> | undefined;

  records.forEach((record, index) => {
    validateRecord(record, index);
    // The raw row is not needed once validated: on a large roster, free it as we go.
    if (releaseRows) (record as { value: unknown }).value = undefined;
  });
  return problems;

  function validateRecord(record: RosterRecord, index: number): void {
    const { source } = record;
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
    const plain = plainRosterEntry(record.value);
    const parsed = plain ? { success: true as const, data: plain } : RosterEntrySchema.safeParse(record.value);
    if (!parsed.success) {
      for (const p of problemsFromZod(parsed.error, record.value, [], {})) {
        const field = p.path ?? '';
        problems.push({ ...p, ...place(field), message: p.message, path: source.path ? (field ? `${source.path}.${field}` : source.path) : field || undefined });
      }
      // The entry's references are still checked, so a second problem is not hidden by the first.
      const raw = (record.value !== null && typeof record.value === 'object' ? record.value : {}) as Record<string, unknown>;
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
    const officer = officerIds.has(e.officer) ? e.officer : (badges.get(e.officer) ?? (source.officerTypedAsNumber ? badgeWithoutZeros(e.officer) : undefined));
    if (officer === undefined) entryProblems.push(unknownOfficer(place('officer'), e.officer, source.officerTypedAsNumber));
    if (e.community !== undefined && !communityIds.has(e.community)) entryProblems.push(unknownCommunity(place('community'), e.community));
    const startInstant = parseDateTime(e.start, zone);
    const endInstant = parseDateTime(e.end, zone);
    if (startInstant === undefined) entryProblems.push(nonexistentTime(place('start'), e.start, zone));
    if (endInstant === undefined) entryProblems.push(nonexistentTime(place('end'), e.end, zone));
    if (startInstant !== undefined && endInstant !== undefined && endInstant <= startInstant) {
      entryProblems.push({ ...place('end'), message: 'the entry ends before or when it starts', expected: `a date-time after ${e.start}`, received: JSON.stringify(e.end) });
    }
    if (entryProblems.length > 0 || officer === undefined || startInstant === undefined || endInstant === undefined) {
      pushAll(problems, entryProblems);
      return;
    }
    const entry: RosterEntry = {
      index,
      officer,
      start: wallTimeOf(e.start, startInstant, zone),
      end: wallTimeOf(e.end, endInstant, zone),
      startInstant,
      endInstant,
      type: e.type,
    };
    if (e.community !== undefined) entry.community = e.community;
    if (e.id !== undefined) entry.id = e.id;
    if (e.note !== undefined) entry.note = e.note;
    if (e.attributes !== undefined) entry.attributes = e.attributes;
    if (source.file !== undefined) entry.file = source.file;
    if (source.sheet !== undefined) entry.sheet = source.sheet;
    if (source.line !== undefined) entry.line = source.line;
    if (source.cell !== undefined) entry.cell = source.cell;
    out.push(entry);
  }

  /**
   * The officer whose badge is `digits` once its leading zeros are dropped, as they are when a
   * badge such as 012345 is typed into a spreadsheet as a number; only when exactly one matches.
   */
  function badgeWithoutZeros(digits: string): string | undefined {
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

/** The default period: the first entry's start date to the last entry's end date (README, "The input"). */
function periodOfRoster(roster: readonly RosterEntry[], zone: string): { start: string; end: string } | undefined {
  if (roster.length === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  for (const e of roster) {
    if (e.startInstant < first) first = e.startInstant;
    if (e.endInstant > last) last = e.endInstant;
  }
  return { start: localDateOf(first, zone), end: localDateOf(last, zone) };
}

/**
 * The entry's local wall time as the report shows it: the input itself when it is already in
 * that form (saves a string per entry on large rosters), else formatted from the instant.
 */
function wallTimeOf(input: string, instant: number, zone: string): string {
  const formatted = formatWallTime(instant, zone);
  return formatted === input ? input : formatted;
}
