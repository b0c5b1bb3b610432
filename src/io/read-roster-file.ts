import { extname } from 'node:path';
import { parseCsvRoster } from './read-csv-roster.js';
import { parseNdjsonRoster } from './read-ndjson-roster.js';
import type { RosterFile, RosterReadOptions } from './types.js';
import { readFileBytes, readTextFile } from './_lib/read-text.js';
import { decodeText } from './_lib/decode-text.js';
import { csvGridRows } from './_lib/csv-grid.js';
import { createWideRoster, isWideHeader, officerColumnOf } from './_lib/wide-roster.js';

/** How many rows of a CSV may stand above its header (title rows of a 排班表). */
const HEADER_SEARCH_ROWS = 50;

/**
 * Reads a roster file: `.csv` as CSV (long, or the wide 排班表 of shift codes), `.ndjson` /
 * `.jsonl` as NDJSON, `.xlsx` as a workbook (its first worksheet, or `FILE.xlsx#Sheet`).
 * A CSV may be UTF-8, UTF-16 with a BOM, or GB18030 (`notes` then says so), or the
 * `encoding` given. Problems (an unknown extension, an unreadable file, bad rows) are
 * returned with the rows that could be read.
 *
 * @example
 * const roster = await readRosterFile('fixtures/station-2017-04/roster.csv')
 * const grid = await readRosterFile('排班表.xlsx#四月', { shiftCodes: resolveSettings(config.settings).shiftCodes })
 */
export async function readRosterFile(file: string, options: RosterReadOptions = {}): Promise<RosterFile> {
  const { path, sheet } = workbookSheet(file);
  const kind = rosterFileKind(path);
  if (!kind && extname(path).toLowerCase() === '.xls') {
    return { file, records: [], problems: [{ file, message: 'an Excel 97–2003 workbook (.xls) cannot be read', expected: 'the workbook saved as .xlsx (Excel: Save As → Excel Workbook), or as CSV' }] };
  }
  if (!kind) {
    return {
      file,
      records: [],
      problems: [{ file, message: 'unknown roster file type', expected: 'a .csv, .ndjson, .jsonl or .xlsx file', received: JSON.stringify(extname(file) || file) }],
    };
  }
  if (kind === 'xlsx') {
    // Loaded only now: a CSV check never loads the zip and XML readers.
    const { readXlsxRoster } = await import('./read-xlsx-roster.js');
    return readXlsxRoster(path, sheet, options);
  }
  if (kind === 'ndjson') {
    const read = await readTextFile(file);
    if ('problem' in read) return { file, records: [], problems: [read.problem] };
    return parseNdjsonRoster(read.text, file);
  }
  const read = await readFileBytes(file);
  if ('problem' in read) return { file, records: [], problems: [read.problem] };
  const decoded = decodeText(read.bytes, file, options.encoding);
  if ('problem' in decoded) return { file, records: [], problems: [decoded.problem] };
  const roster = isWideCsv(decoded.text, file) ? readWideCsv(decoded.text, file, options) : parseCsvRoster(decoded.text, file);
  if (decoded.note !== undefined) roster.notes = [decoded.note];
  return roster;
}

/** @internal */
export function rosterFileKind(file: string): 'csv' | 'ndjson' | 'xlsx' | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  if (ext === '.xlsx') return 'xlsx';
  return undefined;
}

/**
 * `roster.xlsx#四月` as the workbook and its sheet; any other name is a file alone.
 *
 * @example
 * workbookSheet('roster.xlsx#四月') //=> { path: 'roster.xlsx', sheet: '四月' }
 */
export function workbookSheet(file: string): { path: string; sheet?: string } {
  const m = /^(.*\.xlsx)#(.+)$/is.exec(file);
  return m ? { path: m[1]!, sheet: m[2]! } : { path: file };
}

/** @internal Whether a CSV is a wide roster: its header row (the first with an officer column) has dates and no type column. */
export function isWideCsv(text: string, file: string): boolean {
  const header = csvGridRows(text, file, HEADER_SEARCH_ROWS).rows.find((r) => officerColumnOf(r) !== undefined);
  return header !== undefined && isWideHeader(header);
}

function readWideCsv(text: string, file: string, options: RosterReadOptions): RosterFile {
  const { rows, problems } = csvGridRows(text, file);
  const at = rows.findIndex((r) => officerColumnOf(r) !== undefined);
  const wide = createWideRoster(rows[at]!, { file, shiftCodes: options.shiftCodes ?? new Map(), ...(options.period ? { period: options.period } : {}) });
  for (const row of rows.slice(at + 1)) wide.push(row);
  const expanded = wide.finish([]);
  return { file, records: expanded.records, problems: [...problems, ...expanded.problems] };
}
