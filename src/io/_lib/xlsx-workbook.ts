import type { Readable } from 'node:stream';
import type { Entry, ZipFile } from 'yauzl';
import { TextDecoder } from 'node:util';
import type { Problem } from '../../errors.js';
import { columnNumber } from './cell-ref.js';

/**
 * A small streaming reader of .xlsx worksheets (Office Open XML, SpreadsheetML): the zip is read
 * with yauzl from the file's central directory, and each part is parsed with the SAX parser
 * saxes. Only the shared strings and the cell styles are kept in memory; a worksheet is handed
 * over one row at a time, so a workbook of a million cells is never held as objects.
 * yauzl and saxes are loaded on first use: reading CSV never loads them.
 */

/** What a cell holds, as the roster readers need it. */
export type CellKind = 'text' | 'number' | 'boolean' | 'error' | 'date' | 'time' | 'datetime';

/** One cell of a row: its 1-based column, and its value as text (`YYYY-MM-DD`, `HH:mm[:ss]`, `YYYY-MM-DDTHH:mm[:ss]` for dates). */
export interface SheetCell {
  column: number;
  text: string;
  kind: CellKind;
}

/** One row of a worksheet: Excel's 1-based row number, and its non-empty cells in column order. */
export interface SheetRow {
  row: number;
  cells: SheetCell[];
}

/** A rectangle of cells, 1-based and inclusive: a merged range. */
export interface CellRange {
  firstRow: number;
  lastRow: number;
  firstColumn: number;
  lastColumn: number;
}

/** A worksheet as streamed: its name and the merged ranges (they follow the rows in the XML). */
export interface SheetRead {
  sheet: string;
  merges: CellRange[];
}

const REL_WORKSHEET = '/worksheet';
const REL_SHARED_STRINGS = '/sharedStrings';
const REL_STYLES = '/styles';
const REL_OFFICE_DOCUMENT = '/officeDocument';

/**
 * Streams the rows of one worksheet of an .xlsx file: the one named `sheetName`, else the first.
 * Problems (not a workbook, no such sheet, broken XML) come back instead of rows; `onRow` is
 * called synchronously for each row with a cell, in file order, with the sheet's name.
 *
 * @example
 * const read = await readXlsxSheet('roster.xlsx', '四月', (row) => console.log(row.row, row.cells.map((c) => c.text)))
 */
export async function readXlsxSheet(file: string, sheetName: string | undefined, onRow: (row: SheetRow, sheet: string) => void): Promise<SheetRead | { problems: Problem[] }> {
  const yauzl = (await import('yauzl')).default;
  let zip: ZipFile;
  try {
    zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false, strictFileNames: false }, (error, z) => (error ? reject(error) : resolve(z))),
    );
  } catch (error) {
    return { problems: [openProblem(file, error)] };
  }
  try {
    return await readOpened(zip, file, sheetName, onRow);
  } catch (error) {
    return { problems: [{ file, ...(sheetName !== undefined ? { sheet: sheetName } : {}), message: `cannot read the workbook: ${(error as Error).message}` }] };
  } finally {
    zip.close();
  }
}

function openProblem(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return { file, message: 'file not found' };
  if (code === 'EISDIR') return { file, message: 'is a directory, not a file' };
  if (code !== undefined) return { file, message: `cannot read file (${code})` };
  return { file, message: 'not an .xlsx workbook (not a zip archive)', expected: 'an Excel workbook saved as .xlsx', received: (error as Error).message };
}

async function readOpened(zip: ZipFile, file: string, sheetName: string | undefined, onRow: (row: SheetRow, sheet: string) => void): Promise<SheetRead | { problems: Problem[] }> {
  const entries = await listEntries(zip);
  const notWorkbook = (what: string): { problems: Problem[] } => ({ problems: [{ file, message: `not an .xlsx workbook (${what})`, expected: 'an Excel workbook saved as .xlsx' }] });

  const rootRels = await readRelationships(zip, entries, '_rels/.rels', '');
  const workbookPath = rootRels.find((r) => r.type.endsWith(REL_OFFICE_DOCUMENT))?.target ?? 'xl/workbook.xml';
  if (!entries.has(workbookPath)) return notWorkbook(`no ${workbookPath}`);
  const workbook = await readWorkbook(zip, entries.get(workbookPath)!);
  const base = workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1);
  const rels = await readRelationships(zip, entries, `${base}_rels/${workbookPath.slice(base.length)}.rels`, base);
  const relById = new Map(rels.map((r) => [r.id, r]));
  const worksheets = workbook.sheets.filter((s) => relById.get(s.relId)?.type.endsWith(REL_WORKSHEET));
  if (worksheets.length === 0) return notWorkbook('no worksheet');
  const chosen = sheetName === undefined ? worksheets[0]! : worksheets.find((s) => s.name === sheetName);
  if (!chosen) {
    return {
      problems: [{ file, sheet: sheetName, message: 'no worksheet of that name', expected: worksheets.map((s) => JSON.stringify(s.name)).join(', '), received: JSON.stringify(sheetName) }],
    };
  }
  const sheetPath = relById.get(chosen.relId)!.target;
  const sheetEntry = entries.get(sheetPath);
  if (!sheetEntry) return notWorkbook(`no ${sheetPath}`);

  const stringsPath = rels.find((r) => r.type.endsWith(REL_SHARED_STRINGS))?.target;
  const stylesPath = rels.find((r) => r.type.endsWith(REL_STYLES))?.target;
  const sharedStrings = stringsPath && entries.has(stringsPath) ? await readSharedStrings(zip, entries.get(stringsPath)!) : [];
  const styleKinds = stylesPath && entries.has(stylesPath) ? await readStyleKinds(zip, entries.get(stylesPath)!) : [];
  const merges = await streamSheet(zip, sheetEntry, { sharedStrings, styleKinds, date1904: workbook.date1904, dates: new Map() }, (row) => onRow(row, chosen.name));
  return { sheet: chosen.name, merges };
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      // Part names are case-insensitive in OPC; writers differ in case and some add a leading '/'.
      entries.set(normalizePart(entry.fileName), entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

function normalizePart(name: string): string {
  return name.replace(/^\/+/, '').replace(/\\/g, '/');
}

/** Resolves a relationship target against the folder of the part that refers to it. */
function resolveTarget(base: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

function openStream(zip: ZipFile, entry: Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))));
}

/** Handlers for the elements of one XML part, by local name (a prefix such as `x:` is dropped). */
interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Parses an entry's XML as a stream: the decompressed bytes go to saxes chunk by chunk. */
async function parseXml(zip: ZipFile, entry: Entry, handlers: XmlHandlers): Promise<void> {
  // Through `default` (module.exports), as with yauzl: a bundled CommonJS chunk exports nothing else.
  const { SaxesParser } = (await import('saxes')).default;
  const parser = new SaxesParser({ xmlns: false, position: false });
  const local = (name: string) => {
    const colon = name.indexOf(':');
    return colon < 0 ? name : name.slice(colon + 1);
  };
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  if (handlers.open) {
    const open = handlers.open;
    parser.on('opentag', (tag) => open(local(tag.name), tag.attributes as Record<string, string>));
  }
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(local(tag.name)));
  }
  if (handlers.text) {
    parser.on('text', handlers.text);
    parser.on('cdata', handlers.text);
  }
  const decoder = new TextDecoder('utf-8');
  const stream = await openStream(zip, entry);
  for await (const chunk of stream) {
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
    if (failure) {
      stream.destroy();
      break;
    }
  }
  if (!failure) parser.write(decoder.decode()).close();
  if (failure) throw new Error(`${entry.fileName}: ${failure.message}`);
}

interface Relationship {
  id: string;
  type: string;
  target: string;
}

async function readRelationships(zip: ZipFile, entries: Map<string, Entry>, path: string, base: string): Promise<Relationship[]> {
  const entry = entries.get(path);
  if (!entry) return [];
  const rels: Relationship[] = [];
  await parseXml(zip, entry, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External') rels.push({ id: a.Id, type: a.Type ?? '', target: resolveTarget(base, a.Target) });
    },
  });
  return rels;
}

async function readWorkbook(zip: ZipFile, entry: Entry): Promise<{ sheets: { name: string; relId: string }[]; date1904: boolean }> {
  const sheets: { name: string; relId: string }[] = [];
  let date1904 = false;
  await parseXml(zip, entry, {
    open(name, a) {
      if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
      else if (name === 'sheet') {
        const relId = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
        if (a.name !== undefined && relId !== undefined) sheets.push({ name: a.name, relId });
      }
    },
  });
  return { sheets, date1904 };
}

/** The shared-string table: each `<si>`'s text, its runs joined, phonetic runs (`<rPh>`) left out. */
async function readSharedStrings(zip: ZipFile, entry: Entry): Promise<string[]> {
  const strings: string[] = [];
  let current = '';
  let inT = false;
  let inPhonetic = false;
  await parseXml(zip, entry, {
    open(name) {
      if (name === 'si') current = '';
      else if (name === 't') inT = true;
      else if (name === 'rPh') inPhonetic = true;
    },
    close(name) {
      if (name === 'si') strings.push(current);
      else if (name === 't') inT = false;
      else if (name === 'rPh') inPhonetic = false;
    },
    text(text) {
      if (inT && !inPhonetic) current += text;
    },
  });
  return strings;
}

/** Per cell style (`s` attribute), whether its number format shows a date, a time or both. */
async function readStyleKinds(zip: ZipFile, entry: Entry): Promise<(DateKind | undefined)[]> {
  const customFormats = new Map<number, string>();
  const kinds: (DateKind | undefined)[] = [];
  let inCellXfs = false;
  await parseXml(zip, entry, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId !== undefined) customFormats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const code = customFormats.get(id);
        kinds.push(code !== undefined ? formatKind(code) : BUILT_IN_DATE_FORMATS.get(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
  });
  return kinds;
}

type DateKind = 'date' | 'time' | 'datetime';

/** Built-in number formats (ECMA-376 §18.8.30, with the zh-CN ones) that show dates or times. */
const BUILT_IN_DATE_FORMATS: ReadonlyMap<number, DateKind> = new Map<number, DateKind>([
  ...[14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58].map((id) => [id, 'date'] as [number, DateKind]),
  ...[18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56].map((id) => [id, 'time'] as [number, DateKind]),
  [22, 'datetime'],
]);

/**
 * Whether a number format code shows a date, a time, both or neither: quoted text, escapes,
 * `[…]` colours, locales and conditions, `_x` and `*x` are not format letters; `[h]` elapsed
 * time is a time; `aaa` (the weekday in Chinese) shows a date. `m` alone is a month, beside `h`
 * or `s` a minute.
 *
 * @example
 * formatKind('yyyy"年"m"月"d"日"') //=> 'date'
 * formatKind('[h]:mm') //=> 'time'
 * formatKind('aaaa') //=> 'date'
 * formatKind('0.00') //=> undefined
 */
export function formatKind(code: string): DateKind | undefined {
  const section = code.split(';')[0] ?? '';
  const letters = section
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/[_*]./g, '')
    .replace(/\[(h+|m+|s+)\]/gi, 'h')
    .replace(/\[[^\]]*\]/g, '')
    .toLowerCase()
    .replace(/general/g, '')
    .replace(/am\/pm|a\/p|上午\/下午/g, 'h')
    // aaa / aaaa: the weekday in Chinese (星期六), a date shown by its day.
    .replace(/a{3,4}/g, 'd');
  const time = /[hs]/.test(letters);
  const date = /[yd]/.test(letters) || (/m/.test(letters) && !time);
  return date && time ? 'datetime' : date ? 'date' : time ? 'time' : undefined;
}

interface SheetContext {
  sharedStrings: readonly string[];
  styleKinds: readonly (DateKind | undefined)[];
  date1904: boolean;
  /** Date cells by style kind and raw value: a roster repeats a few hundred dates and times. */
  dates: Map<string, { text: string; kind: DateKind }>;
}

/** Streams `<sheetData>` row by row and collects `<mergeCells>`. */
async function streamSheet(zip: ZipFile, entry: Entry, context: SheetContext, onRow: (row: SheetRow) => void): Promise<CellRange[]> {
  const merges: CellRange[] = [];
  let row: SheetRow | undefined;
  let lastRow = 0;
  let column = 0;
  let cellType = 'n';
  let cellStyle = 0;
  let value = '';
  let inValue = false;
  let inInline = false;
  let inPhonetic = false;
  let hasValue = false;

  await parseXml(zip, entry, {
    open(name, a) {
      switch (name) {
        case 'row':
          lastRow = a.r !== undefined ? Number(a.r) : lastRow + 1;
          row = { row: lastRow, cells: [] };
          column = 0;
          break;
        case 'c': {
          const ref = a.r;
          column = ref !== undefined ? columnNumber(ref) : column + 1;
          cellType = a.t ?? 'n';
          cellStyle = a.s !== undefined ? Number(a.s) : 0;
          value = '';
          hasValue = false;
          break;
        }
        case 'v':
          inValue = true;
          hasValue = true;
          break;
        case 'is':
          inInline = true;
          hasValue = true;
          break;
        case 'rPh':
          inPhonetic = true;
          break;
        case 'mergeCell':
          if (a.ref !== undefined) {
            const range = parseRange(a.ref);
            if (range) merges.push(range);
          }
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
          inValue = false;
          break;
        case 'is':
          inInline = false;
          break;
        case 'rPh':
          inPhonetic = false;
          break;
        case 'c':
          if (row && hasValue) {
            const cell = cellOf(column, cellType, cellStyle, value, context);
            if (cell) row.cells.push(cell);
          }
          break;
        case 'row':
          if (row && row.cells.length > 0) onRow(row);
          row = undefined;
          break;
      }
    },
    text(text) {
      if (inValue || (inInline && !inPhonetic)) value += text;
    },
  });
  return merges;
}

/** A cell's value as text and kind, from its type (`t`), style (`s`) and `<v>`/`<is>` text. */
function cellOf(column: number, type: string, style: number, raw: string, context: SheetContext): SheetCell | undefined {
  switch (type) {
    case 's': {
      const text = context.sharedStrings[Number(raw)];
      return text === undefined || text === '' ? undefined : { column, text, kind: 'text' };
    }
    case 'inlineStr':
    case 'str':
      return raw === '' ? undefined : { column, text: raw, kind: 'text' };
    case 'b':
      return { column, text: raw === '1' ? 'TRUE' : 'FALSE', kind: 'boolean' };
    case 'e':
      return { column, text: raw, kind: 'error' };
    case 'd': {
      // An ISO 8601 date-time, as some writers store dates.
      const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2})(:\d{2})?)?/.exec(raw);
      if (!m) return { column, text: raw, kind: 'text' };
      return m[2] === undefined || (m[2] === '00:00' && (m[3] ?? ':00') === ':00') ? { column, text: m[1]!, kind: 'date' } : { column, text: `${m[1]}T${m[2]}${m[3] && m[3] !== ':00' ? m[3] : ''}`, kind: 'datetime' };
    }
    default: {
      if (raw.trim() === '') return undefined;
      const n = Number(raw);
      if (!Number.isFinite(n)) return { column, text: raw, kind: 'text' };
      const dateKind = context.styleKinds[style];
      if (dateKind !== undefined) {
        const key = dateKind + raw;
        let date = context.dates.get(key);
        if (!date) context.dates.set(key, (date = excelDateText(n, dateKind, context.date1904)));
        return { column, text: date.text, kind: date.kind };
      }
      return { column, text: String(n), kind: 'number' };
    }
  }
}

/**
 * An Excel serial date-time as text, in the workbook's date system: 1900 (day 1 is 1900-01-01;
 * Lotus's phantom 1900-02-29 is day 60) or 1904 (day 0 is 1904-01-01). Times are rounded to the
 * second; seconds are shown only when not zero.
 *
 * @example
 * excelDateText(42826, 'date', false) //=> { text: '2017-04-01', kind: 'date' }
 * excelDateText(41364.75, 'datetime', true) //=> { text: '2017-04-01T18:00', kind: 'datetime' }
 * excelDateText(0.375, 'time', false) //=> { text: '09:00', kind: 'time' }
 */
export function excelDateText(serial: number, kind: DateKind, date1904: boolean): { text: string; kind: DateKind } {
  let days = Math.floor(serial);
  let seconds = Math.round((serial - days) * 86_400);
  if (seconds === 86_400) {
    days += 1;
    seconds = 0;
  }
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : days < 60 ? Date.UTC(1899, 11, 31) : Date.UTC(1899, 11, 30);
  const date = new Date(epoch + days * 86_400_000).toISOString().slice(0, 10);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  const ss = seconds % 60;
  const time = `${hh}:${mm}${ss ? `:${String(ss).padStart(2, '0')}` : ''}`;
  if (kind === 'date') return { text: date, kind: 'date' };
  // A time format on a value with a day part shows a time, but the cell holds a date-time.
  if (kind === 'time' && serial >= 0 && serial < 1) return { text: time, kind: 'time' };
  return { text: `${date}T${time}`, kind: 'datetime' };
}

/** `B3:D4` (or a single cell `B3`) as a range. */
function parseRange(ref: string): CellRange | undefined {
  const m = /^\$?([A-Za-z]+)\$?(\d+)(?::\$?([A-Za-z]+)\$?(\d+))?$/.exec(ref.trim());
  if (!m) return undefined;
  const c1 = columnNumber(m[1]!);
  const r1 = Number(m[2]);
  const c2 = m[3] !== undefined ? columnNumber(m[3]) : c1;
  const r2 = m[4] !== undefined ? Number(m[4]) : r1;
  return { firstRow: Math.min(r1, r2), lastRow: Math.max(r1, r2), firstColumn: Math.min(c1, c2), lastColumn: Math.max(c1, c2) };
}
