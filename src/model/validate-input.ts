import * as z from 'zod';
import { DutyComplianceError, pushAll, type Problem } from '../errors.js';
import type { DatasetDocument, RosterRecord, RosterSink } from '../io/types.js';
import { locateProblems } from '../io/_lib/json-location.js';
import { addCalendarDays, addCalendarYears } from '../time/calendar-date.js';
import { localDateOf } from '../time/wall-time.js';
import {
  CommunitySchema,
  DatasetSchema,
  EstablishmentSnapshotSchema,
  NonNormalDutySchema,
  OfficerSchema,
  PoliceRoomSchema,
  TransferSchema,
  UnitSchema,
  type Dataset,
} from './dataset-schema.js';
import type { RosterEntry } from './roster-entry.js';
import { RosterTable, type RosterTableParts } from './roster-table.js';
import { describeValue, formatPath, problemsFromZod } from './_lib/zod-problems.js';
import { findReferenceProblems } from './_lib/reference-problems.js';
import { createRosterValidator, shiftedProblem, type RosterPart, type RosterValidatorMark } from './_lib/roster-validator.js';
import { lenient } from './_lib/lenient.js';
import { valueShapeProblems } from './_lib/value-shape.js';

/** A dataset that passed validation: every reference resolves, every roster entry has instants. */
export interface ValidatedInput {
  dataset: Omit<Dataset, 'roster'>;
  /**
   * The combined roster as entry objects, in input order. Made on first read from the columns
   * validation keeps (a city-year's millions of objects are never made by a check itself).
   */
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
  const builder = createInputBuilder(document);
  for (const f of rosterFiles) {
    for (const p of f.problems) builder.problem(p);
    for (const record of f.records) {
      builder.record(record.value, record.source);
      // The raw row is not needed once validated: on a large roster, free it as we go.
      if (options.releaseRows === true) (record as { value: unknown }).value = undefined;
    }
  }
  return builder.finish();
}

/**
 * Validation fed one roster row at a time (a roster file read as a stream): the dataset is
 * validated first, so each row is judged as it arrives and never kept. `finish` throws, as
 * {@link validateInput} does, every problem at once, in the same order: the dataset's, the
 * roster files' reading problems, then the roster entries' in roster order.
 */
export interface InputBuilder extends RosterSink {
  finish(): ValidatedInput;
  /** The dataset as validated (undefined when it cannot be used): what a second thread validates its rows against. */
  readonly dataset: Omit<Dataset, 'roster'> | undefined;
  /** Takes a later part of the file just read (see {@link RosterValidator.adopt}), its lines after `lineShift`. */
  adopt(part: RosterFilePart, lineShift: number): void;
}

/** What reading a part of a roster file found: its rows and their problems, and the reading's own problems (bad lines). */
export interface RosterFilePart extends RosterPart {
  readProblems: Problem[];
  /** How many lines the part has. */
  lines: number;
}

/**
 * Reads the rows of a part of a roster file, validated against `dataset` as the first thread's
 * builder would, into a {@link RosterFilePart} (a second thread's work: src/threads/).
 * `read` gives the part's rows and problems to the sink it is handed.
 *
 * @example
 * const part = await readRosterPart(dataset, 'dataset.json', (sink) => streamNdjsonRange('r.ndjson', { start, linesBefore: 0 }, {}, sink))
 */
export async function readRosterPart(dataset: Omit<Dataset, 'roster'>, datasetFile: string | undefined, read: (sink: RosterSink) => Promise<{ lines: number }>): Promise<RosterFilePart> {
  const validator = createRosterValidator(dataset, datasetFile);
  const readProblems: Problem[] = [];
  const { lines } = await read({
    record: (value, source, ownTimes) => validator.add(value, source, ownTimes),
    problem: (p) => readProblems.push(p),
    mark: () => ({ read: readProblems.length, validator: validator.mark() }),
    rollback(mark) {
      const at = mark as BuilderMark;
      readProblems.length = at.read;
      if (at.validator) validator.rollback(at.validator);
    },
  });
  return { table: validator.table.parts(), problems: validator.problems, rows: validator.mark().index, readProblems, lines };
}

/**
 * An {@link InputBuilder} for `document`; {@link validateInput} is this, fed from arrays.
 *
 * @example
 * const builder = createInputBuilder(await readDatasetFile('dataset.json'))
 * await streamRosterFile('roster.ndjson', {}, builder)
 * const input = builder.finish()
 */
export function createInputBuilder(document: DatasetDocument): InputBuilder {
  const { problems, dataset, datasetRoster } = validateDatasetDocument(document);
  const file = document.file;
  const readProblems: Problem[] = [];
  const validator = dataset ? createRosterValidator(dataset, file) : undefined;
  if (validator) {
    datasetRoster.forEach((entry, i) => validator.add(entry, { path: formatPath(['roster', i]) }));
    if (document.text) locateProblems(validator.problems.filter((p) => p.file === file && p.line === undefined), document.text);
  }
  return {
    record(value, source, ownTimes) {
      validator?.add(value, source, ownTimes);
    },
    problem(p) {
      readProblems.push(p);
    },
    mark: (): BuilderMark => ({ read: readProblems.length, validator: validator?.mark() }),
    rollback(mark) {
      const at = mark as BuilderMark;
      readProblems.length = at.read;
      if (validator && at.validator) validator.rollback(at.validator);
    },
    dataset,
    adopt(part, lineShift) {
      for (const p of part.readProblems) readProblems.push(shiftedProblem(p, lineShift));
      validator?.adopt(part, lineShift);
    },
    finish() {
      pushAll(problems, readProblems);
      if (validator) pushAll(problems, validator.problems);
      return finishInput(document, problems, dataset, validator?.table);
    },
  };
}

interface BuilderMark {
  read: number;
  validator: RosterValidatorMark | undefined;
}

/** The dataset's own problems (located), what could be read of it, and its own `roster` rows. */
function validateDatasetDocument(document: DatasetDocument): { problems: Problem[]; dataset?: Omit<Dataset, 'roster'>; datasetRoster: unknown[] } {
  const problems: Problem[] = [...document.problems];
  const datasetProblems: Problem[] = [];
  const file = document.file;
  let dataset: Omit<Dataset, 'roster'> | undefined;
  let datasetRoster: unknown[] = [];

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
      datasetRoster = Array.isArray(top.roster) ? (top.roster as unknown[]) : [];
    }
  }

  if (dataset) pushAll(datasetProblems, findReferenceProblems(dataset, file));
  if (document.text && datasetProblems.length > 0) locateProblems(datasetProblems, document.text);
  pushAll(problems, datasetProblems);
  return dataset ? { problems, dataset, datasetRoster } : { problems, datasetRoster };
}

/** The check period, its problems, and the one error of every problem found; or the validated input. */
function finishInput(document: DatasetDocument, problems: Problem[], dataset: Omit<Dataset, 'roster'> | undefined, table: RosterTable | undefined): ValidatedInput {
  const file = document.file;
  let period: { start: string; end: string } | undefined;
  if (dataset && table && problems.length === 0) {
    period = dataset.period ?? periodOfRoster(table, dataset.timezone);
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
  if (problems.length > 0 || !dataset || !table || !period) {
    throw new DutyComplianceError('INPUT_INVALID', problems.length ? problems : [{ file, message: 'the dataset could not be read' }]);
  }
  return withTable({ dataset, roster: [], period, datasetFile: file }, table);
}

/** What a second thread is sent of a validated input (src/threads/): its roster's columns shared, not copied. */
export interface ValidatedInputParts {
  dataset: ValidatedInput['dataset'];
  period: ValidatedInput['period'];
  datasetFile?: string;
  table: RosterTableParts;
}

/** A validated input as plain data for another thread. */
export function validatedInputParts(input: ValidatedInput): ValidatedInputParts {
  return { dataset: input.dataset, period: input.period, ...(input.datasetFile !== undefined ? { datasetFile: input.datasetFile } : {}), table: rosterTableOf(input).parts() };
}

/** The validated input of {@link validatedInputParts}, as another thread received them. */
export function validatedInputFromParts(parts: ValidatedInputParts): ValidatedInput {
  const input: ValidatedInput = { dataset: parts.dataset, roster: [], period: parts.period };
  if (parts.datasetFile !== undefined) input.datasetFile = parts.datasetFile;
  return withTable(input, RosterTable.fromParts(parts.table));
}

/** The input with its roster read from `table`'s columns (made into entry objects on first read). */
function withTable(input: ValidatedInput, table: RosterTable): ValidatedInput {
  // `roster` keeps its place among the keys: redefined, not added.
  let entries: RosterEntry[] | undefined;
  Object.defineProperty(input, 'roster', {
    enumerable: true,
    configurable: true,
    get: () => (entries ??= table.entries()),
    set: (value: RosterEntry[]) => {
      // Entries given by hand: the table is made from them when asked.
      entries = value;
      TABLES.delete(input);
    },
  });
  TABLES.set(input, table);
  return input;
}

const TABLES = new WeakMap<ValidatedInput, RosterTable>();

/**
 * The roster of a validated input as columns: the table validation made, or, for an input made
 * some other way (a test's, an API user's), one made from its `roster` once.
 *
 * @example
 * rosterTableOf(validateInput(doc)).length //=> the number of roster entries
 */
export function rosterTableOf(input: ValidatedInput): RosterTable {
  let table = TABLES.get(input);
  if (!table) TABLES.set(input, (table = RosterTable.fromEntries(input.roster, input.dataset.officers.map((o) => o.id))));
  return table;
}

/** The default period: the first entry's start date to the last entry's end date (README, "The input"). */
function periodOfRoster(table: RosterTable, zone: string): { start: string; end: string } | undefined {
  if (table.length === 0) return undefined;
  let first = Infinity;
  let last = -Infinity;
  table.pieces().forEach(({ start, end }, k) => {
    for (let i = 0, n = table.rowsIn(k); i < n; i++) {
      if (start[i]! < first) first = start[i]!;
      if (end[i]! > last) last = end[i]!;
    }
  });
  return { start: localDateOf(first, zone), end: localDateOf(last, zone) };
}
