import Papa from 'papaparse';
import type { Problem } from '../../errors.js';
import type { GridRow } from './wide-roster.js';

/**
 * A CSV file as a grid of rows, for the wide roster format: each row with the line it starts on
 * and its 1-based record number (the row a spreadsheet shows it in), its non-empty cells with
 * their 1-based columns. Line ends may be LF, CRLF or CR, even mixed; `limit` stops early
 * (to look for a header row).
 *
 * @example
 * csvGridRows('排班表\n警号,4月1日\n012345,白\n', 'r.csv').rows[2]
 * //=> { line: 3, row: 3, cells: [{ column: 1, text: '012345', kind: 'text' }, { column: 2, text: '白', kind: 'text' }] }
 */
export function csvGridRows(input: string, file: string, limit?: number): { rows: GridRow[]; problems: Problem[] } {
  // Looking for a header needs the first rows only, not a copy of a large file.
  const head = limit !== undefined ? input.slice(0, 1 << 20) : input;
  // One kind of line end, so a CRLF file and a LF file parse alike (a CR LF inside quotes becomes LF).
  const text = head.replace(/\r\n?/g, '\n');
  const rows: GridRow[] = [];
  const problems: Problem[] = [];
  let rowStart = 0;
  let countedTo = 0;
  let line = 1;
  let record = 0;
  Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: '\n',
    skipEmptyLines: false,
    ...(limit !== undefined ? { preview: limit } : {}),
    step(result) {
      for (; countedTo < rowStart; countedTo++) if (text.charCodeAt(countedTo) === 10) line++;
      rowStart = result.meta.cursor;
      record++;
      for (const e of result.errors) problems.push({ file, line, message: `CSV: ${e.message}` });
      const cells = result.data.flatMap((value, i) => (value.trim() === '' ? [] : [{ column: i + 1, text: value, kind: 'text' as const }]));
      rows.push({ line, row: record, cells });
    },
  });
  return { rows, problems };
}
