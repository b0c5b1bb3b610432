import type { Problem } from '../errors.js';
import { addCalendarDays, isCalendarDate } from '../time/calendar-date.js';
import { parseClockTime } from '../time/wall-time.js';
import type { RosterFile, RosterRecord, RosterSink } from './types.js';
import { withoutBom } from './_lib/read-text.js';
import { forEachCsvRow } from './_lib/csv-rows.js';

/** The roster fields a CSV column may hold, by header (lower case, trimmed; English or Chinese). */
const HEADER_FIELDS: ReadonlyMap<string, CsvField> = new Map<string, CsvField>([
  ['officer', 'officer'],
  ['警号', 'officer'],
  ['人员编号', 'officer'],
  ['start', 'start'],
  ['开始时间', 'start'],
  ['end', 'end'],
  ['结束时间', 'end'],
  ['date', 'date'],
  ['日期', 'date'],
  ['starttime', 'startTime'],
  ['开始', 'startTime'],
  ['endtime', 'endTime'],
  ['结束', 'endTime'],
  ['type', 'type'],
  ['勤务类型', 'type'],
  ['community', 'community'],
  ['社区', 'community'],
  ['id', 'id'],
  ['编号', 'id'],
  ['note', 'note'],
  ['备注', 'note'],
]);

/** @internal */
export type CsvField = 'officer' | 'start' | 'end' | 'date' | 'startTime' | 'endTime' | 'type' | 'community' | 'id' | 'note';

/** @internal The roster field a header cell names (trimmed, case-insensitive), if any. */
export function headerField(cell: string): CsvField | undefined {
  return HEADER_FIELDS.get(cell.trim().toLowerCase());
}

/**
 * Parses a CSV roster (README, "The input"): a header row, English or Chinese headers, quoted fields,
 * `start`/`end` date-times or `date` + `startTime`/`endTime` (an end at or before the start is
 * the next day). Each row remembers the line it starts on, counting newlines inside quotes; LF,
 * CRLF and CR line ends may be mixed. A header naming one field twice (`officer,officer`, or
 * `警号` beside `officer`), and a row with non-empty cells past the header's, are located errors.
 *
 * @example
 * parseCsvRoster('警号,日期,开始,结束,勤务类型\n012345,2017-04-05,18:00,8:00,所内值班\n', 'r.csv').records[0].value
 * //=> { officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' }
 */
export function parseCsvRoster(input: string, file: string): RosterFile {
  const collected = collectingSink(file);
  const reader = createCsvRosterReader(file, collected.sink);
  forEachCsvRow(withoutBom(input), reader.row);
  reader.end();
  return collected.roster;
}

/**
 * {@link parseCsvRoster} one row at a time, for a CSV read in chunks: give it each row (with
 * {@link forEachCsvRow}), then `end()`. Records and problems go to `sink` as they are found.
 *
 * @example
 * const reader = createCsvRosterReader('r.csv', sink)
 * forEachCsvRow(text, reader.row)
 * reader.end()
 */
export function createCsvRosterReader(file: string, sink: RosterSink): { row: (cells: string[], line: number, errors: string[]) => void; end: () => void } {
  let layout: CsvLayout | undefined;
  let headerProblem = false;
  let headerLength = 0;
  return {
    row(cells, rowLine, errors) {
      for (const e of errors) sink.problem({ file, line: rowLine, message: `CSV: ${e}` });
      if (cells.length === 1 && cells[0] === '') return; // a blank line
      if (!layout) {
        const header = readHeader(cells, file, rowLine);
        layout = layoutOf(header.columns);
        headerLength = cells.length;
        for (const p of header.problems) sink.problem(p);
        headerProblem = header.problems.length > 0;
        return;
      }
      if (headerProblem || errors.length > 0) return;
      const extra = extraCells(cells, headerLength, file, rowLine);
      if (extra) {
        sink.problem(extra);
        return;
      }
      const row = readRow(cells, layout, file, rowLine);
      if ('problems' in row) for (const p of row.problems) sink.problem(p);
      else sink.record(row.record.value, row.record.source, row.ownTimes);
    },
    end() {
      if (!layout) sink.problem({ file, line: 1, message: 'the CSV has no header row', expected: 'a header row naming officer, start/end or date/startTime/endTime, type' });
    },
  };
}

/** A sink that keeps what it is given, as a {@link RosterFile} (the whole-text readers). */
export function collectingSink(file: string): { sink: RosterSink; roster: RosterFile } {
  const roster: RosterFile = { file, records: [], problems: [] };
  const sink: RosterSink = {
    record: (value, source) => void roster.records.push({ value, source }),
    problem: (problem) => void roster.problems.push(problem),
    mark: () => [roster.records.length, roster.problems.length],
    rollback(mark) {
      const [records, problems] = mark as [number, number];
      roster.records.length = records;
      roster.problems.length = problems;
    },
  };
  return { sink, roster };
}

/** @internal The header row's columns (shared with the .xlsx long format). */
export function readHeader(cells: string[], file: string, line: number): { columns: Map<CsvField, number>; problems: Problem[] } {
  const columns = new Map<CsvField, number>();
  const problems: Problem[] = [];
  cells.forEach((cell, i) => {
    const field = HEADER_FIELDS.get(cell.trim().toLowerCase());
    if (!field) return;
    const first = columns.get(field);
    if (first === undefined) columns.set(field, i);
    else {
      problems.push({
        file,
        line,
        column: i + 1,
        message: `a second column for the field ${field} (column ${first + 1} is ${JSON.stringify(cells[first])})`,
        expected: 'one column per field',
        received: JSON.stringify(cell),
      });
    }
  });
  const missing: string[] = [];
  if (!columns.has('officer')) missing.push('officer (警号 | 人员编号)');
  if (!columns.has('type')) missing.push('type (勤务类型)');
  const hasStartEnd = columns.has('start') && columns.has('end');
  const hasDateTimes = columns.has('date') && columns.has('startTime') && columns.has('endTime');
  if (!hasStartEnd && !hasDateTimes) missing.push('start and end (开始时间, 结束时间), or date, startTime and endTime (日期, 开始, 结束)');
  for (const m of missing) {
    problems.push({ file, line, message: `the header has no column ${m}`, expected: m, received: cells.map((c) => JSON.stringify(c)).join(',') });
  }
  return { columns, problems };
}

/**
 * A row with more cells than the header, unless the extra ones are empty (spreadsheets pad rows
 * with commas): its values cannot be matched with fields (an unquoted comma in a value, usually).
 */
function extraCells(cells: readonly string[], headerLength: number, file: string, line: number): Problem | undefined {
  if (cells.length <= headerLength) return undefined;
  for (let i = headerLength; i < cells.length; i++) {
    if (cells[i]!.trim() === '') continue;
    return {
      file,
      line,
      column: i + 1,
      message: `the row has ${cells.length} cells, the header ${headerLength}`,
      expected: `at most ${headerLength} cells (a value with a comma needs quotes)`,
      received: JSON.stringify(cells[i]),
    };
  }
  return undefined;
}

/** Where each field is in a file's rows, worked out once from its header. */
export interface CsvLayout {
  index: Readonly<Record<CsvField, number>>;
  /** 1-based columns of an entry's fields, shared by every row that uses that column set. */
  columnsWithStartEnd: Readonly<Record<string, number>>;
  columnsWithDate: Readonly<Record<string, number>>;
  /**
   * One shared string per distinct duty type or community: a roster repeats a few dozen of them
   * millions of times, and every entry keeps its own copy otherwise.
   */
  intern(text: string): string;
  /** {@link parseClockTime} of a time cell, remembered per distinct cell (a roster has a few dozen). */
  clockTime(cell: string): number | undefined;
  /** Whether a date cell is a calendar date, remembered per distinct cell. */
  isDate(cell: string): boolean;
  /**
   * `YYYY-MM-DDTHH:mm` of a valid date and a clock time (minutes; the next day's when `nextDay`),
   * one shared string per distinct value: a CSV row's date-times are otherwise built, and hashed
   * by the validator, twice a row.
   */
  dateTime(date: string, minutes: number, nextDay: boolean): string;
}

/** How many distinct cells a layout's memos hold at most: beyond it, a value is worked out each time. */
const MEMO_LIMIT = 1 << 14;

const FIELDS: readonly CsvField[] = ['officer', 'start', 'end', 'date', 'startTime', 'endTime', 'type', 'community', 'id', 'note'];
const PLAIN_FIELDS = ['officer', 'type', 'community', 'id', 'note'] as const;

/** @internal */
export function layoutOf(columns: ReadonlyMap<CsvField, number>): CsvLayout {
  const index = Object.fromEntries(FIELDS.map((f) => [f, columns.get(f) ?? -1])) as Record<CsvField, number>;
  const plain: Record<string, number> = {};
  for (const f of PLAIN_FIELDS) if (index[f] >= 0) plain[f] = index[f] + 1;
  const first = (...fields: CsvField[]) => fields.map((f) => index[f]).find((i) => i >= 0)! + 1;
  const interned = new Map<string, string>();
  const clocks = new Map<string, number | undefined>();
  const dates = new Map<string, boolean>();
  const dateTimes = new Map<string, (string | undefined)[]>();
  return {
    clockTime(cell) {
      if (clocks.has(cell)) return clocks.get(cell);
      const minutes = parseClockTime(cell);
      if (clocks.size < MEMO_LIMIT) clocks.set(cell, minutes);
      return minutes;
    },
    isDate(cell) {
      const known = dates.get(cell);
      if (known !== undefined) return known;
      const valid = isCalendarDate(cell);
      if (dates.size < MEMO_LIMIT) dates.set(cell, valid);
      return valid;
    },
    dateTime(date, minutes, nextDay) {
      let day = dateTimes.get(date);
      if (day === undefined) {
        day = [];
        if (dateTimes.size < MEMO_LIMIT) dateTimes.set(date, day);
      }
      // Slots 0..1440 for the date, 1441.. for the next day's.
      const slot = nextDay ? minutes + 1441 : minutes;
      let text = day[slot];
      if (text === undefined) day[slot] = text = `${nextDay ? addCalendarDays(date, 1) : date}T${clock(minutes)}`;
      return text;
    },
    intern(text) {
      const shared = interned.get(text);
      if (shared !== undefined) return shared;
      interned.set(text, text);
      return text;
    },
    index,
    columnsWithStartEnd: Object.freeze({ ...plain, start: index.start + 1, end: index.end + 1 }),
    columnsWithDate: Object.freeze({ ...plain, start: first('startTime', 'date'), end: first('endTime', 'date') }),
  };
}

/** A cell's value: trimmed, and an empty cell is an absent field. */
function cellValue(cells: readonly string[], i: number): string | undefined {
  if (i < 0) return undefined;
  const v = cells[i]?.trim();
  return v === '' ? undefined : v;
}

/** @internal One data row as a roster record (shared with the .xlsx long format). */
export function readRow(cells: string[], layout: CsvLayout, file: string, line: number): { record: RosterRecord; ownTimes?: true } | { problems: Problem[] } {
  const { index } = layout;
  const value: Record<string, string> = {};
  for (const field of PLAIN_FIELDS) {
    const v = cellValue(cells, index[field]);
    if (v !== undefined) value[field] = field === 'type' || field === 'community' ? layout.intern(v) : v;
  }
  const start = cellValue(cells, index.start);
  const end = cellValue(cells, index.end);
  if (start !== undefined || end !== undefined || index.date < 0) {
    if (start !== undefined) value.start = start;
    if (end !== undefined) value.end = end;
    return { record: { value, source: { file, line, path: '', columns: layout.columnsWithStartEnd } } };
  }
  const date = cellValue(cells, index.date);
  const startTime = cellValue(cells, index.startTime);
  const endTime = cellValue(cells, index.endTime);
  const s = startTime === undefined ? undefined : layout.clockTime(startTime);
  const e = endTime === undefined ? undefined : layout.clockTime(endTime);
  if (date === undefined || !layout.isDate(date) || s === undefined || s === 24 * 60 || e === undefined) {
    // The row's other required cells are reported with its date and times, not after them.
    const problems = dateTimeProblems(layout, file, line, date, startTime, endTime);
    if (value.officer === undefined) problems.unshift(missingCell(layout, file, line, 'officer', 'an officer id or badge'));
    if (value.type === undefined) problems.push(missingCell(layout, file, line, 'type', 'a duty type'));
    return { problems };
  }
  value.start = layout.dateTime(date, s, false);
  // An end at or before the start is the next day (README, "The input"); 24:00 is the next midnight.
  value.end = layout.dateTime(date, e, e <= s || e === 24 * 60);
  // Date-times made by the layout: one string of its own per distinct value (see RosterSink.record).
  return { record: { value, source: { file, line, path: '', columns: layout.columnsWithDate } }, ownTimes: true };
}

/** A required cell that is empty (or a column the row does not reach). */
function missingCell(layout: CsvLayout, file: string, line: number, field: CsvField, expected: string): Problem {
  return { file, line, column: layout.index[field] + 1, path: field, message: 'required field is missing', expected, received: 'an empty cell' };
}

/** Every problem of a row's date, startTime and endTime cells. */
function dateTimeProblems(layout: CsvLayout, file: string, line: number, date?: string, startTime?: string, endTime?: string): Problem[] {
  const problems: Problem[] = [];
  const place = (field: CsvField) => ({ file, line, column: layout.index[field] + 1, path: field });
  if (date === undefined) problems.push({ ...place('date'), message: 'required field is missing', expected: 'a date YYYY-MM-DD', received: 'an empty cell' });
  else if (!isCalendarDate(date)) problems.push({ ...place('date'), message: 'invalid value', expected: 'a date YYYY-MM-DD', received: JSON.stringify(date) });
  for (const [field, raw] of [
    ['startTime', startTime],
    ['endTime', endTime],
  ] as const) {
    const minutes = raw === undefined ? undefined : parseClockTime(raw);
    if (raw === undefined) problems.push({ ...place(field), message: 'required field is missing', expected: 'a time H:mm or HH:mm', received: 'an empty cell' });
    else if (minutes === undefined || (field === 'startTime' && minutes === 24 * 60)) problems.push({ ...place(field), message: 'invalid value', expected: 'a time H:mm or HH:mm', received: JSON.stringify(raw) });
  }
  return problems;
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
