import type { Problem } from '../errors.js';
import { layoutOf, readHeader, readRow, type CsvLayout } from './read-csv-roster.js';
import type { RosterFile, RosterReadOptions, RosterRecord } from './types.js';
import { cellName } from './_lib/cell-ref.js';
import { createWideRoster, isWideHeader, officerColumnOf, type GridRow } from './_lib/wide-roster.js';
import { readXlsxSheet, type SheetRow } from './_lib/xlsx-workbook.js';

/**
 * Reads a roster from a worksheet of an .xlsx workbook (README "The input"): the sheet named `sheet`, else
 * the first. The header row is the first with an officer column (`officer` | 警号 | 人员编号);
 * with a `type` (勤务类型) column the rows are read as in a CSV (the long format), with date
 * columns instead as a wide roster (排班表) of shift codes. Dates, times and date-times are
 * read from Excel's date cells in the workbook's date system (1900 or 1904). Records and
 * problems carry the sheet and Excel's row number as `line` (and a single cell as `cell`).
 *
 * @example
 * const roster = await readXlsxRoster('roster.xlsx', '四月', { shiftCodes })
 */
export async function readXlsxRoster(
  file: string,
  sheet: string | undefined,
  options: RosterReadOptions = {},
  /** Each record as it is read, instead of in `records` (which then stays empty). */
  onRecord?: (record: RosterRecord) => void,
): Promise<RosterFile> {
  const records: RosterRecord[] = [];
  const emit = onRecord ?? ((r: RosterRecord) => records.push(r));
  const problems: Problem[] = [];
  let long: { layout: CsvLayout; officerColumn: number } | undefined;
  let wide: ReturnType<typeof createWideRoster> | undefined;
  let headerSeen = false;
  let headerRefused = false;

  const read = await readXlsxSheet(file, sheet, (row, sheetName) => {
    const grid: GridRow = { line: row.row, row: row.row, cells: row.cells };
    if (wide) return wide.push(grid);
    if (long) return readLongRow(row, long.layout, long.officerColumn, sheetName);
    if (headerRefused) return; // rows under a header that cannot be used are not read (as in a CSV)
    const officerColumn = officerColumnOf(grid);
    if (officerColumn === undefined) return; // a title row above the header
    headerSeen = true;
    if (isWideHeader(grid)) {
      wide = createWideRoster(grid, { file, sheet: sheetName, shiftCodes: options.shiftCodes ?? new Map(), ...(options.period ? { period: options.period } : {}) });
      return;
    }
    const header = readHeader(textCells(row), file, row.row);
    for (const p of header.problems) problems.push({ ...p, sheet: sheetName });
    if (header.problems.length === 0) long = { layout: layoutOf(header.columns), officerColumn };
    else headerRefused = true;
  });
  if ('problems' in read) return { file, records: [], problems: read.problems };
  if (wide) {
    const expanded = wide.finish(read.merges, onRecord);
    return { file, records: expanded.records, problems: [...problems, ...expanded.problems] };
  }
  if (!headerSeen) {
    problems.push({
      file,
      sheet: read.sheet,
      message: 'the worksheet has no header row',
      expected: 'a row naming the officer column (officer | 警号 | 人员编号), then type, start/end or date/startTime/endTime, or dates',
    });
  }
  return { file, records, problems };

  function readLongRow(row: SheetRow, layout: CsvLayout, officerColumn: number, sheetName: string): void {
    const cells = textCells(row);
    // A date written as a date-time at midnight (as openpyxl writes a datetime) is that date.
    const date = layout.index.date >= 0 ? row.cells.find((c) => c.column === layout.index.date + 1) : undefined;
    if (date?.kind === 'datetime' && date.text.endsWith('T00:00')) cells[layout.index.date] = date.text.slice(0, 10);
    const result = readRow(cells, layout, file, row.row);
    if ('problems' in result) {
      for (const p of result.problems) problems.push({ ...p, sheet: sheetName, ...(p.column !== undefined ? { cell: cellName(p.column, row.row) } : {}) });
      return;
    }
    const { source } = result.record;
    source.sheet = sheetName;
    if (row.cells.find((c) => c.column === officerColumn)?.kind === 'number') source.officerTypedAsNumber = true;
    emit(result.record);
  }
}

/** A worksheet row as the CSV reader's cells: text by 0-based column, empty where there is no cell. */
function textCells(row: SheetRow): string[] {
  const cells: string[] = [];
  for (const c of row.cells) {
    while (cells.length < c.column - 1) cells.push('');
    cells.push(c.text);
  }
  return cells;
}
