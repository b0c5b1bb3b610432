import type { Problem } from '../../errors.js';
import type { ResolvedShiftEntry } from '../../engine/settings.js';
import { addCalendarDays, isCalendarDate } from '../../time/calendar-date.js';
import { headerField } from '../read-csv-roster.js';
import type { EntrySource, RosterRecord } from '../types.js';
import { cellName } from './cell-ref.js';
import type { CellKind, CellRange } from './xlsx-workbook.js';

/** A cell of a roster grid, from a CSV row or a worksheet: its 1-based column, its text and kind. */
export interface GridCell {
  column: number;
  text: string;
  kind: CellKind;
}

/**
 * A row of a roster grid: `line` is where it is (a CSV line, a worksheet row); `row` is its
 * spreadsheet row number, for cell references (`D7`). In a worksheet they are the same.
 */
export interface GridRow {
  line: number;
  row: number;
  cells: GridCell[];
}

/** What reading a wide roster needs besides the grid. */
export interface WideRosterContext {
  file: string;
  /** The worksheet, for a workbook. */
  sheet?: string;
  /** The config's `settings.shiftCodes`, resolved. */
  shiftCodes: ReadonlyMap<string, readonly ResolvedShiftEntry[]>;
  /** The dataset's `period`, which gives text dates such as `4月1日` their year. */
  period?: { start: string; end: string };
}

/** The problem of a code the config's table does not have. */
export const UNKNOWN_SHIFT_CODE = 'unknown shift code';

const TOTALS = new Set(['合计', '小计', '总计']);
const WEEKDAY = /^(?:(?:周|星期|礼拜)?[一二三四五六日天]|mon(?:day)?|tues?(?:day)?|wed(?:nesday)?|thu(?:rs?)?(?:day)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?$/i;
/** What separates the codes of one cell (README "The input"): `/`, `、` or whitespace. */
const CODE_SEPARATOR = /[/、\s]+/;

/**
 * The column of a row's officer header cell (`officer` | 警号 | 人员编号), if it has one: the
 * first such row is a roster grid's header row (README "The input").
 *
 * @example
 * officerColumnOf({ line: 3, row: 3, cells: [{ column: 1, text: '序号', kind: 'text' }, { column: 2, text: '警号', kind: 'text' }] }) //=> 2
 */
export function officerColumnOf(row: GridRow): number | undefined {
  return row.cells.find((c) => c.kind === 'text' && headerField(c.text) === 'officer')?.column;
}

/**
 * Whether a header row is that of the wide format: an officer column, date columns after it, and
 * no `type` (勤务类型) column (with one, it is the long format).
 *
 * @example
 * isWideHeader({ line: 1, row: 1, cells: [{ column: 1, text: '警号', kind: 'text' }, { column: 2, text: '4月1日', kind: 'text' }] }) //=> true
 */
export function isWideHeader(row: GridRow): boolean {
  const officer = officerColumnOf(row);
  if (officer === undefined) return false;
  if (row.cells.some((c) => c.kind === 'text' && headerField(c.text) === 'type')) return false;
  return row.cells.some((c) => c.column > officer && dateHeaderOf(c) !== undefined);
}

/** A date header as written: a full date, or a month and day whose year the period gives. */
type DateHeader = { date: string } | { month: number; day: number } | { invalid: true };

function dateHeaderOf(cell: GridCell): DateHeader | undefined {
  if (cell.kind === 'date') return { date: cell.text };
  if (cell.kind === 'datetime') return cell.text.endsWith('T00:00') ? { date: cell.text.slice(0, 10) } : undefined;
  if (cell.kind !== 'text') return undefined;
  const text = cell.text.trim();
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$/.exec(text);
  if (m) {
    const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
    return isCalendarDate(date) ? { date } : { invalid: true };
  }
  m = /^(\d{1,2})月(\d{1,2})日$/.exec(text) ?? /^(\d{1,2})\/(\d{1,2})$/.exec(text);
  if (m) {
    const month = Number(m[1]);
    const day = Number(m[2]);
    // 2月29日 exists in some year; whether in the period's is for the period to say.
    return month >= 1 && month <= 12 && day >= 1 && day <= 31 && isCalendarDate(`2016-${pad(month)}-${pad(day)}`) ? { month, day } : { invalid: true };
  }
  return undefined;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/**
 * The year a month and day take from the period: its year when the period lies in one year;
 * else the one year in which that day falls inside the period. Undefined when there is none.
 */
function yearOf(month: number, day: number, period: { start: string; end: string } | undefined): string | undefined {
  if (!period || !isCalendarDate(period.start) || !isCalendarDate(period.end)) return undefined;
  const first = Number(period.start.slice(0, 4));
  const last = Number(period.end.slice(0, 4));
  const md = `${pad(month)}-${pad(day)}`;
  if (first === last) return isCalendarDate(`${first}-${md}`) ? String(first) : undefined;
  const years: string[] = [];
  for (let y = first; y <= last && years.length < 2; y++) {
    const date = `${y}-${md}`;
    if (isCalendarDate(date) && date >= period.start && date <= period.end) years.push(String(y));
  }
  return years.length === 1 ? years[0] : undefined;
}

/**
 * Reads a wide roster (排班表, README "The input") from its header row on: give it each later row with
 * `push`, then the merged ranges with `finish`, which expands every cell's shift codes into
 * roster entries on the cell's date. Every problem of the grid is collected: a date header the
 * period does not place, a row with codes but no officer, an unknown code (with the codes known).
 *
 * @example
 * const wide = createWideRoster(headerRow, { file: 'r.csv', shiftCodes })
 * for (const row of rows) wide.push(row)
 * const { records, problems } = wide.finish([])
 */
export function createWideRoster(
  header: GridRow,
  context: WideRosterContext,
): { push(row: GridRow): void; finish(merges: readonly CellRange[], onRecord?: (record: RosterRecord) => void): { records: RosterRecord[]; problems: Problem[] } } {
  const { file, sheet, shiftCodes } = context;
  const problems: Problem[] = [];
  const records: RosterRecord[] = [];
  const at = (row: GridRow, column: number): Problem => ({
    file,
    ...(sheet !== undefined ? { sheet } : {}),
    line: row.line,
    ...(sheet === undefined ? { column } : {}),
    cell: cellName(column, row.row),
    message: '',
  });

  const officerColumn = officerColumnOf(header)!;
  /** Date columns in column order: column → date. */
  const dates = new Map<number, string>();
  for (const cell of header.cells) {
    if (cell.column <= officerColumn) continue;
    const parsed = dateHeaderOf(cell);
    if (parsed === undefined) continue; // 姓名, 备注, 合计 …: not a date, ignored
    if ('invalid' in parsed) {
      problems.push({ ...at(header, cell.column), message: 'a date header that is no date', expected: 'a date such as 2017-04-01, 4月1日 or 4/1', received: JSON.stringify(cell.text) });
      continue;
    }
    if ('date' in parsed) {
      dates.set(cell.column, parsed.date);
      continue;
    }
    const year = yearOf(parsed.month, parsed.day, context.period);
    if (year === undefined) {
      problems.push({
        ...at(header, cell.column),
        message: context.period ? 'the dataset period does not place this date in one year' : 'a date without a year, and the dataset has no period to give it one',
        expected: context.period ? `a day within ${context.period.start} – ${context.period.end}, or a full date YYYY-MM-DD` : 'a full date YYYY-MM-DD, or a period in the dataset',
        received: JSON.stringify(cell.text),
      });
      continue;
    }
    dates.set(cell.column, `${year}-${pad(parsed.month)}-${pad(parsed.day)}`);
  }
  const dateColumns = [...dates.keys()].sort((a, b) => a - b);
  const officerColumns = Object.freeze({ officer: officerColumn });
  const knownCodes = [...shiftCodes.keys()].map((c) => JSON.stringify(c)).join(', ');

  const rows: GridRow[] = [];
  let first = true;
  return {
    push(row) {
      // The row right under the header (blank rows apart) may name the weekdays (一 … 日, 周一, Mon …): skipped.
      // In Excel it is often the column's date again, shown as its weekday (format aaa or ddd).
      if (first && row.cells.some((c) => c.text.trim() !== '')) {
        first = false;
        const marks = row.cells.filter((c) => dates.has(c.column) && c.text.trim() !== '');
        if (marks.length > 0 && marks.every((c) => WEEKDAY.test(c.text.trim()) || (c.kind === 'date' && c.text === dates.get(c.column)))) return;
      }
      rows.push(row);
    },
    finish(merges, onRecord) {
      applyMerges(rows, merges);
      // With `onRecord`, each record goes on as it is made and each row is let go once expanded:
      // a city-year's sheet held as rows and as millions of records at once was its peak.
      const emit = onRecord ?? ((r: RosterRecord) => records.push(r));
      for (let i = 0; i < rows.length; i++) {
        expandRow(rows[i]!, emit);
        if (onRecord) (rows as (GridRow | undefined)[])[i] = undefined;
      }
      return { records, problems };
    },
  };

  function expandRow(row: GridRow, emit: (record: RosterRecord) => void): void {
    const byColumn = new Map<number, GridCell>();
    let firstText: string | undefined;
    for (const c of row.cells) {
      byColumn.set(c.column, c);
      if (firstText === undefined && c.text.trim() !== '') firstText = c.text.replace(/\s+/g, '');
    }
    if (firstText === undefined || TOTALS.has(firstText)) return; // a blank or a totals row
    const officerCell = byColumn.get(officerColumn);
    const officer = officerCell?.text.trim() ?? '';
    for (const column of dateColumns) {
      const cell = byColumn.get(column);
      if (!cell) continue;
      const codes = cell.text.split(CODE_SEPARATOR).filter((c) => c !== '');
      if (codes.length === 0) continue;
      if (officer === '') {
        problems.push({
          ...at(row, column),
          message: 'a row with shift codes but no officer',
          expected: `the officer's id or badge in column ${cellName(officerColumn, header.row).replace(/\d+$/, '')} (${header.cells.find((c) => c.column === officerColumn)!.text.trim()})`,
          received: `codes ${JSON.stringify(cell.text.trim())} and an empty officer cell`,
        });
        return; // one problem per row: its other codes have no officer either
      }
      const date = dates.get(column)!;
      const ref = cellName(column, row.row);
      for (const code of codes) {
        const entries = shiftCodes.get(code);
        if (entries === undefined) {
          problems.push({
            ...at(row, column),
            message: UNKNOWN_SHIFT_CODE,
            expected: shiftCodes.size > 0 ? `a code of settings.shiftCodes: ${knownCodes}` : 'a code of settings.shiftCodes (the config has none)',
            received: JSON.stringify(code),
          });
          continue;
        }
        for (const e of entries) {
          const value: Record<string, string> = { officer, start: `${date}T${clock(e.start)}`, end: e.end <= e.start || e.end === 24 * 60 ? `${addCalendarDays(date, 1)}T${clock(e.end)}` : `${date}T${clock(e.end)}`, type: e.type };
          if (e.community !== undefined) value.community = e.community;
          const source: EntrySource = { file, line: row.line, path: '', columns: officerColumns, cell: ref };
          if (sheet !== undefined) source.sheet = sheet;
          if (officerCell?.kind === 'number') source.officerTypedAsNumber = true;
          emit({ value, source });
        }
      }
    }
  }
}

/**
 * Gives each merged range's value (its top-left cell's) to every cell it spans: multi-day
 * leave drawn as one cell rosters every day under it.
 */
function applyMerges(rows: GridRow[], merges: readonly CellRange[]): void {
  if (merges.length === 0) return;
  const byRow = new Map(rows.map((r) => [r.row, r]));
  for (const m of merges) {
    const value = byRow.get(m.firstRow)?.cells.find((c) => c.column === m.firstColumn);
    if (!value) continue;
    for (let r = m.firstRow; r <= m.lastRow; r++) {
      const row = byRow.get(r);
      if (!row) continue;
      const others = row.cells.filter((c) => c.column < m.firstColumn || c.column > m.lastColumn);
      for (let column = m.firstColumn; column <= m.lastColumn; column++) others.push({ ...value, column });
      row.cells = others.sort((a, b) => a.column - b.column);
    }
  }
}

function clock(minutes: number): string {
  const m = minutes % (24 * 60);
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}
