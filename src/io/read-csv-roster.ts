import Papa from 'papaparse';
import type { Problem } from '../errors.js';
import { addCalendarDays, isCalendarDate } from '../time/calendar-date.js';
import { parseClockTime } from '../time/wall-time.js';
import type { RosterFile, RosterRecord } from './types.js';

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

type CsvField = 'officer' | 'start' | 'end' | 'date' | 'startTime' | 'endTime' | 'type' | 'community' | 'id' | 'note';

/**
 * Parses a CSV roster (data.md): a header row, English or Chinese headers, quoted fields,
 * `start`/`end` date-times or `date` + `startTime`/`endTime` (an end at or before the start is
 * the next day). Each row remembers the line it starts on, counting newlines inside quotes.
 *
 * @example
 * parseCsvRoster('警号,日期,开始,结束,勤务类型\n012345,2017-04-05,18:00,8:00,所内值班\n', 'r.csv').records[0].value
 * //=> { officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' }
 */
export function parseCsvRoster(input: string, file: string): RosterFile {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: RosterRecord[] = [];
  const problems: Problem[] = [];
  let columns: Map<CsvField, number> | undefined;
  let headerProblem = false;

  // Lines are counted incrementally from each row's start offset (papaparse's cursor).
  let countedTo = 0;
  let line = 1;
  const lineAt = (offset: number): number => {
    for (; countedTo < offset; countedTo++) if (text.charCodeAt(countedTo) === 10) line++;
    return line;
  };

  let rowStart = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    skipEmptyLines: false,
    step(result) {
      let start = rowStart;
      // The cursor may stop before or after the line break; the row itself starts after it.
      while (start < text.length && (text.charCodeAt(start) === 10 || text.charCodeAt(start) === 13)) start++;
      rowStart = result.meta.cursor;
      const rowLine = lineAt(start);
      for (const e of result.errors) {
        problems.push({ file, line: rowLine, message: `CSV: ${e.message}` });
      }
      const cells = result.data;
      if (cells.length === 1 && cells[0] === '') return; // a blank line
      if (!columns) {
        const header = readHeader(cells, file, rowLine);
        columns = header.columns;
        problems.push(...header.problems);
        headerProblem = header.problems.length > 0;
        return;
      }
      if (headerProblem) return;
      const row = readRow(cells, columns, file, rowLine);
      if ('problems' in row) problems.push(...row.problems);
      else records.push(row.record);
    },
  });
  if (!columns) problems.push({ file, line: 1, message: 'the CSV has no header row', expected: 'a header row naming officer, start/end or date/startTime/endTime, type' });
  return { file, records, problems };
}

function readHeader(cells: string[], file: string, line: number): { columns: Map<CsvField, number>; problems: Problem[] } {
  const columns = new Map<CsvField, number>();
  cells.forEach((cell, i) => {
    const field = HEADER_FIELDS.get(cell.trim().toLowerCase());
    if (field && !columns.has(field)) columns.set(field, i);
  });
  const missing: string[] = [];
  if (!columns.has('officer')) missing.push('officer (警号 | 人员编号)');
  if (!columns.has('type')) missing.push('type (勤务类型)');
  const hasStartEnd = columns.has('start') && columns.has('end');
  const hasDateTimes = columns.has('date') && columns.has('startTime') && columns.has('endTime');
  if (!hasStartEnd && !hasDateTimes) missing.push('start and end (开始时间, 结束时间), or date, startTime and endTime (日期, 开始, 结束)');
  const problems: Problem[] = missing.map((m) => ({
    file,
    line,
    message: `the header has no column ${m}`,
    expected: m,
    received: cells.map((c) => JSON.stringify(c)).join(','),
  }));
  return { columns, problems };
}

function readRow(
  cells: string[],
  columns: Map<CsvField, number>,
  file: string,
  line: number,
): { record: RosterRecord } | { problems: Problem[] } {
  const cell = (field: CsvField): string | undefined => {
    const i = columns.get(field);
    if (i === undefined) return undefined;
    const v = cells[i]?.trim();
    return v === '' ? undefined : v; // an empty cell is an absent field
  };
  const column = (field: CsvField): number | undefined => {
    const i = columns.get(field);
    return i === undefined ? undefined : i + 1;
  };
  const value: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const field of ['officer', 'type', 'community', 'id', 'note'] as const) {
    const v = cell(field);
    if (v !== undefined) value[field] = v;
  }
  const fieldColumns: Record<string, number> = {};
  for (const field of ['officer', 'type', 'community', 'id', 'note'] as const) {
    const c = column(field);
    if (c !== undefined) fieldColumns[field] = c;
  }
  const start = cell('start');
  const end = cell('end');
  if (start !== undefined || end !== undefined) {
    if (start !== undefined) value.start = start;
    if (end !== undefined) value.end = end;
    fieldColumns.start = column('start')!;
    fieldColumns.end = column('end')!;
  } else if (columns.has('date')) {
    const date = cell('date');
    const startTime = cell('startTime');
    const endTime = cell('endTime');
    fieldColumns.start = column('startTime') ?? column('date')!;
    fieldColumns.end = column('endTime') ?? column('date')!;
    const place = (field: CsvField) => ({ file, line, column: column(field), path: field });
    if (date === undefined) problems.push({ ...place('date'), message: 'required field is missing', expected: 'a date YYYY-MM-DD', received: 'an empty cell' });
    else if (!isCalendarDate(date)) problems.push({ ...place('date'), message: 'invalid value', expected: 'a date YYYY-MM-DD', received: JSON.stringify(date) });
    const startMinutes = startTime === undefined ? undefined : parseClockTime(startTime);
    const endMinutes = endTime === undefined ? undefined : parseClockTime(endTime);
    for (const [field, raw, minutes] of [
      ['startTime', startTime, startMinutes],
      ['endTime', endTime, endMinutes],
    ] as const) {
      if (raw === undefined) problems.push({ ...place(field), message: 'required field is missing', expected: 'a time H:mm or HH:mm', received: 'an empty cell' });
      else if (minutes === undefined || (field === 'startTime' && minutes === 24 * 60)) problems.push({ ...place(field), message: 'invalid value', expected: 'a time H:mm or HH:mm', received: JSON.stringify(raw) });
    }
    if (problems.length > 0) return { problems };
    // Checked above: all three are present and valid.
    const s = startMinutes!;
    const e = endMinutes!;
    value.start = `${date!}T${clock(s)}`;
    value.end = e <= s ? `${addCalendarDays(date!, 1)}T${clock(e)}` : `${date!}T${clock(e)}`;
    if (e === 24 * 60) value.end = `${addCalendarDays(date!, 1)}T00:00`;
  }
  return { record: { value, source: { file, line, path: '', columns: fieldColumns } } };
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
