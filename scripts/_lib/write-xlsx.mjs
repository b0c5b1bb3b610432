// A minimal .xlsx writer (yazl + SpreadsheetML by hand) for tests, the benchmark and the
// fixture script: text (shared or inline strings), numbers, booleans, Excel date, time and
// date-time cells in the 1900 or 1904 date system, merged ranges, several sheets.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import yazl from 'yazl';

const STYLE = { date: 1, time: 2, dateTime: 3, chineseDate: 4 };

/** Days since the workbook's epoch for an ISO date, and the fraction for a time. */
export function excelSerial(iso, date1904 = false) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(iso) ?? /^()()()(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(iso);
  if (!m) throw new Error(`not a date or time: ${iso}`);
  const fraction = ((Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0)) * 60 + Number(m[6] ?? 0)) / 86400;
  if (m[1] === '') return fraction;
  const days = (Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - (date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30))) / 86400000;
  // 1900 system: serials from 1900-03-01 on count Lotus's phantom 1900-02-29.
  return (date1904 || days >= 61 ? days : days - 1) + fraction;
}

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function columnName(column) {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Writes a workbook. `sheets`: [{ name, rows: [[cell, …] | null, …], merges?: ['D5:F5'] }] where
 * row i is Excel row i + 1 and a cell is null (none), a string, a number, a boolean,
 * { date: 'YYYY-MM-DD' }, { chineseDate: 'YYYY-MM-DD' } (format yyyy"年"m"月"d"日"),
 * { time: 'HH:mm' }, { dateTime: 'YYYY-MM-DDTHH:mm' } or { inline: 'text' }.
 * Options: date1904 (the 1904 date system), sharedStrings (default true).
 */
export async function writeXlsx(file, sheets, { date1904 = false, sharedStrings = true } = {}) {
  const strings = [];
  const stringIndex = new Map();
  const shared = (text) => {
    let i = stringIndex.get(text);
    if (i === undefined) stringIndex.set(text, (i = strings.push(text) - 1));
    return i;
  };
  const sheetXml = sheets.map((sheet) => {
    const parts = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetData>'];
    sheet.rows.forEach((row, r) => {
      if (!row) return;
      parts.push(`<row r="${r + 1}">`);
      row.forEach((cell, c) => {
        if (cell === null || cell === undefined) return;
        const ref = `${columnName(c + 1)}${r + 1}`;
        if (typeof cell === 'string') {
          parts.push(sharedStrings ? `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escape(cell)}</t></is></c>`);
        } else if (typeof cell === 'number') parts.push(`<c r="${ref}"><v>${cell}</v></c>`);
        else if (typeof cell === 'boolean') parts.push(`<c r="${ref}" t="b"><v>${cell ? 1 : 0}</v></c>`);
        else if ('inline' in cell) parts.push(`<c r="${ref}" t="inlineStr"><is><r><t>${escape(cell.inline)}</t></r></is></c>`);
        else {
          const [kind, value] = Object.entries(cell)[0];
          parts.push(`<c r="${ref}" s="${STYLE[kind]}"><v>${excelSerial(value, date1904)}</v></c>`);
        }
      });
      parts.push('</row>');
    });
    parts.push('</sheetData>');
    if (sheet.merges?.length) parts.push(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>`);
    parts.push('</worksheet>');
    return parts.join('');
  });

  const zip = new yazl.ZipFile();
  const add = (name, xml) => zip.addBuffer(Buffer.from(xml, 'utf8'), name, { mtime: new Date(Date.UTC(2017, 3, 1)) });
  add('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`);
  add('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  add('xl/workbook.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheets.map((s, i) => `<sheet name="${escape(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`);
  add('xl/_rels/workbook.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`);
  add('xl/styles.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`);
  // The worksheets before the shared strings, as Excel orders them: a streaming reader must cope.
  sheetXml.forEach((xml, i) => add(`xl/worksheets/sheet${i + 1}.xml`, xml));
  add('xl/sharedStrings.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`);
  zip.end();
  const out = createWriteStream(file);
  zip.outputStream.pipe(out);
  await once(out, 'finish');
}
