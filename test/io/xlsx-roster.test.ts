import { once } from 'node:events';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { writeXlsx, type XlsxSheet } from '../../scripts/_lib/write-xlsx.mjs';
import { resolveSettings } from '../../src/engine/settings.js';
import { readRosterFile, workbookSheet } from '../../src/io/read-roster-file.js';
import { excelDateText, formatKind } from '../../src/io/_lib/xlsx-workbook.js';
import type { RosterFile } from '../../src/io/types.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'duty-compliance-xlsx-'));
});

async function workbook(name: string, sheets: XlsxSheet[], options?: { date1904?: boolean; sharedStrings?: boolean }): Promise<string> {
  const file = join(dir, name);
  await writeXlsx(file, sheets, options);
  return file;
}

const values = (r: RosterFile) => r.records.map((x) => x.value);
const places = (r: RosterFile) => r.records.map((x) => `${x.source.sheet}:${x.source.line}${x.source.cell ? ` ${x.source.cell}` : ''}`);

const SHIFT_CODES = resolveSettings({
  shiftCodes: {
    白: [
      { start: '08:30', end: '12:00', type: '社区工作', community: 'C1' },
      { start: '13:30', end: '17:00', type: '社区巡查', community: 'C1' },
    ],
    夜: [{ start: '18:00', end: '08:00', type: '所内值班' }],
    休: [{ start: '08:30', end: '17:00', type: '轮休' }],
    '-': [],
  },
}).shiftCodes;
const APRIL = { start: '2017-04-01', end: '2017-04-30' };

describe('.xlsx rosters, long format', () => {
  const longSheet = (dates: 'date' | 'chineseDate'): XlsxSheet => ({
    name: '四月',
    rows: [
      ['外滩派出所 2017年4月 勤务表'],
      null,
      ['警号', '日期', '开始', '结束', '勤务类型', '社区', '备注'],
      [12345, { [dates]: '2017-04-05' } as { date: string }, { time: '18:00' }, { time: '08:00' }, '所内值班', null, '夜班'],
      null,
      ['O2', { [dates]: '2017-04-06' } as { date: string }, '8:30', '12:00', '社区工作', 'C1'],
    ],
  });
  const expected = [
    { officer: '12345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班', note: '夜班' },
    { officer: 'O2', start: '2017-04-06T08:30', end: '2017-04-06T12:00', type: '社区工作', community: 'C1' },
  ];

  it('reads the first worksheet: title rows above the header, Excel date and time cells, text times; lines are Excel rows', async () => {
    const file = await workbook('long.xlsx', [longSheet('date'), { name: 'other', rows: [['nothing']] }]);
    const r = await readRosterFile(file);
    expect(r.problems).toEqual([]);
    expect(values(r)).toEqual(expected);
    expect(places(r)).toEqual(['四月:4', '四月:6']);
    expect(r.records[0]!.source).toMatchObject({ file, sheet: '四月', line: 4, officerTypedAsNumber: true });
    expect(r.records[1]!.source.officerTypedAsNumber).toBeUndefined();
  });

  it('reads the same from a workbook in the 1904 date system, with inline strings and a custom date format', async () => {
    const file = await workbook('long-1904.xlsx', [longSheet('chineseDate')], { date1904: true, sharedStrings: false });
    expect(values(await readRosterFile(file))).toEqual(expected);
  });

  it('reads start and end as Excel date-time cells', async () => {
    const file = await workbook('long-datetime.xlsx', [
      { name: 'S', rows: [['officer', 'start', 'end', 'type'], ['O1', { dateTime: '2017-04-05T18:00' }, { dateTime: '2017-04-06T08:00' }, '所内值班']] },
    ]);
    expect(values(await readRosterFile(file))).toEqual([{ officer: 'O1', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' }]);
  });

  it('reads a date column written as date-times at midnight as dates', async () => {
    const file = await workbook('long-midnight.xlsx', [{ name: 'S', rows: [['警号', '日期', '开始', '结束', '勤务类型'], ['O1', { dateTime: '2017-04-05T00:00' }, { time: '18:00' }, { time: '08:00' }, '所内值班']] }]);
    expect(values(await readRosterFile(file))).toEqual([{ officer: 'O1', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' }]);
  });

  it('reads the sheet named after #, and names the sheets there are when there is no such sheet', async () => {
    const file = await workbook('two.xlsx', [{ name: 'notes', rows: [['x']] }, longSheet('date')]);
    expect(values(await readRosterFile(`${file}#四月`))).toEqual(expected);
    expect((await readRosterFile(`${file}#五月`)).problems).toEqual([
      { file, sheet: '五月', message: 'no worksheet of that name', expected: '"notes", "四月"', received: '"五月"' },
    ]);
    expect(workbookSheet('a#b.xlsx')).toEqual({ path: 'a#b.xlsx' });
  });

  it('locates a bad cell by sheet, row and cell, and reads the other rows', async () => {
    const file = await workbook('bad.xlsx', [
      {
        name: 'S',
        rows: [
          ['警号', '日期', '开始', '结束', '勤务类型'],
          ['O1', { date: '2017-04-05' }, '8:61', '12:00', '社区工作'],
          ['O1', { date: '2017-04-06' }, '8:30', '12:00', '社区工作'],
        ],
      },
    ]);
    const r = await readRosterFile(file);
    expect(r.records).toHaveLength(1);
    expect(r.problems).toEqual([expect.objectContaining({ file, sheet: 'S', line: 2, cell: 'C2', path: 'startTime', received: '"8:61"' })]);
  });

  it('says what is wrong with a file that is no workbook, a missing file and a sheet with no header', async () => {
    const notZip = join(dir, 'not.xlsx');
    writeFileSync(notZip, 'officer,start\n');
    expect((await readRosterFile(notZip)).problems).toEqual([expect.objectContaining({ file: notZip, message: 'not an .xlsx workbook (not a zip archive)' })]);
    expect((await readRosterFile(join(dir, 'missing.xlsx'))).problems).toEqual([{ file: join(dir, 'missing.xlsx'), message: 'file not found' }]);
    const empty = await workbook('empty.xlsx', [{ name: 'S', rows: [['a title'], ['b', 'c']] }]);
    expect((await readRosterFile(empty)).problems).toEqual([expect.objectContaining({ file: empty, sheet: 'S', message: 'the worksheet has no header row' })]);
  });
});

describe('.xlsx files that are not usable workbooks', () => {
  async function zipOf(name: string, parts: Record<string, string>): Promise<string> {
    const zip = new yazl.ZipFile();
    for (const [part, text] of Object.entries(parts)) zip.addBuffer(Buffer.from(text), part);
    zip.end();
    const file = join(dir, name);
    const out = createWriteStream(file);
    zip.outputStream.pipe(out);
    await once(out, 'finish');
    return file;
  }
  const WORKBOOK = '<workbook xmlns:r="r"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>';
  const RELS = '<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>';

  it('says so for a zip without a workbook, and for a worksheet whose XML is broken, without a crash', async () => {
    const noWorkbook = await zipOf('zip.xlsx', { 'readme.txt': 'hello' });
    expect((await readRosterFile(noWorkbook)).problems).toEqual([{ file: noWorkbook, message: 'not an .xlsx workbook (no xl/workbook.xml)', expected: 'an Excel workbook saved as .xlsx' }]);
    const broken = await zipOf('broken.xlsx', { 'xl/workbook.xml': WORKBOOK, 'xl/_rels/workbook.xml.rels': RELS, 'xl/worksheets/sheet1.xml': '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>警号</t></is></c></row><row' });
    const r = await readRosterFile(broken);
    expect(r.records).toEqual([]);
    expect(r.problems).toEqual([expect.objectContaining({ file: broken, message: expect.stringMatching(/^cannot read the workbook: xl\/worksheets\/sheet1\.xml: /) })]);
  });

  it('reads a minimal workbook other writers make: no styles, no shared strings, x: prefixes', async () => {
    const file = await zipOf('minimal.xlsx', {
      'xl/workbook.xml': WORKBOOK.replace(/<(\/?)(workbook|sheets|sheet)/g, '<$1x:$2'),
      'xl/_rels/workbook.xml.rels': RELS,
      'xl/worksheets/sheet1.xml':
        '<x:worksheet xmlns:x="m"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>officer</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>start</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>end</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>type</x:t></x:is></x:c></x:row>' +
        '<x:row><x:c t="str"><x:f>A1</x:f><x:v>O1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>2017-04-05T08:00</x:t></x:is></x:c><x:c t="d"><x:v>2017-04-05T09:30:00</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>社区</x:t></x:r><x:r><x:t>工作</x:t></x:r></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    });
    const r = await readRosterFile(file);
    expect(r.problems).toEqual([]);
    expect(values(r)).toEqual([{ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T09:30', type: '社区工作' }]);
    expect(places(r)).toEqual(['S:2']);
  });
});

describe('.xlsx rosters, the wide 排班表', () => {
  /** As offices draw it: title rows, 序号, 姓名, a weekday row, 备注 and 合计 columns, a totals row. */
  const grid = (extra: (string | number | null)[][] = [], merges: string[] = []): XlsxSheet => ({
    name: '四月排班',
    rows: [
      ['外滩派出所社区民警排班表'],
      ['2017年4月', null, null, null, null, null, '制表：勤务室'],
      ['序号', '警号', '姓名', '4月5日', { date: '2017-04-06' } as unknown as string, '4/7', '备注', '合计'],
      [null, null, null, '三', '周四', '星期五'],
      [1, '012345', '张伟', '白/夜', '休', '-', null, 3],
      [2, 12346, '李娜', '夜', null, '白 、 白', '补休', 2],
      null,
      [3, 'O3', '王强', '休', null, null, '4月6日至7日年休'],
      ...extra,
      ['合计', null, null, '4', '1', '2'],
    ],
    merges: ['D8:F8', ...merges],
  });

  it('expands each cell into the entries of its codes on its date; each entry names its cell', async () => {
    const file = await workbook('wide.xlsx', [grid()]);
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(values(r)).toEqual([
      { officer: '012345', start: '2017-04-05T08:30', end: '2017-04-05T12:00', type: '社区工作', community: 'C1' },
      { officer: '012345', start: '2017-04-05T13:30', end: '2017-04-05T17:00', type: '社区巡查', community: 'C1' },
      { officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
      { officer: '012345', start: '2017-04-06T08:30', end: '2017-04-06T17:00', type: '轮休' },
      { officer: '12346', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
      { officer: '12346', start: '2017-04-07T08:30', end: '2017-04-07T12:00', type: '社区工作', community: 'C1' },
      { officer: '12346', start: '2017-04-07T13:30', end: '2017-04-07T17:00', type: '社区巡查', community: 'C1' },
      { officer: '12346', start: '2017-04-07T08:30', end: '2017-04-07T12:00', type: '社区工作', community: 'C1' },
      { officer: '12346', start: '2017-04-07T13:30', end: '2017-04-07T17:00', type: '社区巡查', community: 'C1' },
      { officer: 'O3', start: '2017-04-05T08:30', end: '2017-04-05T17:00', type: '轮休' },
      // D8:F8 is merged: leave drawn once rosters all three days, each at its own date's cell.
      { officer: 'O3', start: '2017-04-06T08:30', end: '2017-04-06T17:00', type: '轮休' },
      { officer: 'O3', start: '2017-04-07T08:30', end: '2017-04-07T17:00', type: '轮休' },
    ]);
    expect(places(r)).toEqual([
      '四月排班:5 D5', '四月排班:5 D5', '四月排班:5 D5', '四月排班:5 E5',
      '四月排班:6 D6', '四月排班:6 F6', '四月排班:6 F6', '四月排班:6 F6', '四月排班:6 F6',
      '四月排班:8 D8', '四月排班:8 E8', '四月排班:8 F8',
    ]);
    // The badge typed as a number is flagged, so validation can match it against 012346.
    expect(r.records[4]!.source).toMatchObject({ officerTypedAsNumber: true, columns: { officer: 2 } });
  });

  it('reads the same from the 1904 date system with inline strings', async () => {
    const a = await readRosterFile(await workbook('wide-a.xlsx', [grid()]), { shiftCodes: SHIFT_CODES, period: APRIL });
    const b = await readRosterFile(await workbook('wide-b.xlsx', [grid()], { date1904: true, sharedStrings: false }), { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(b.problems).toEqual([]);
    expect(values(b)).toEqual(values(a));
  });

  it('reports every problem of the grid at once: unknown codes with the codes known, codes without an officer', async () => {
    const file = await workbook('wide-bad.xlsx', [grid([[4, null, '赵六', '白', '夜'], [5, 'O5', null, '早', '白/假']])]);
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    const known = 'a code of settings.shiftCodes: "白", "夜", "休", "-"';
    expect(r.problems).toEqual([
      { file, sheet: '四月排班', line: 9, cell: 'D9', message: 'a row with shift codes but no officer', expected: "the officer's id or badge in column B (警号)", received: 'codes "白" and an empty officer cell' },
      { file, sheet: '四月排班', line: 10, cell: 'D10', message: 'unknown shift code', expected: known, received: '"早"' },
      { file, sheet: '四月排班', line: 10, cell: 'E10', message: 'unknown shift code', expected: known, received: '"假"' },
    ]);
    // The rest is still read: the known code beside the unknown one too.
    expect(places(r).slice(-2)).toEqual(['四月排班:10 E10', '四月排班:10 E10']);
  });

  it('skips a weekday row drawn as the dates again (Excel\'s aaa format), but not a row of other dates', async () => {
    const sheet = (second: (string | { date: string })[]): XlsxSheet => ({ name: 'S', rows: [['警号', { date: '2017-04-05' }, { date: '2017-04-06' }] as never, ['', ...second] as never, ['O1', '夜', '白']] });
    const same = await readRosterFile(await workbook('weekday-dates.xlsx', [sheet([{ date: '2017-04-05' }, { date: '2017-04-06' }])]), { shiftCodes: SHIFT_CODES });
    expect(same.problems).toEqual([]);
    expect(same.records).toHaveLength(3);
    const other = await readRosterFile(await workbook('other-dates.xlsx', [sheet([{ date: '2017-04-06' }, { date: '2017-04-06' }])]), { shiftCodes: SHIFT_CODES });
    expect(other.problems.map((p) => [p.cell, p.message])).toEqual([['B2', 'a row with shift codes but no officer']]);
  });

  it('refuses an .xls workbook with what to do instead', async () => {
    expect((await readRosterFile('roster.xls')).problems).toEqual([
      { file: 'roster.xls', message: 'an Excel 97–2003 workbook (.xls) cannot be read', expected: 'the workbook saved as .xlsx (Excel: Save As → Excel Workbook), or as CSV' },
    ]);
  });

  it('says when the config has no shift codes at all', async () => {
    const r = await readRosterFile(await workbook('wide-nocodes.xlsx', [grid()]), { period: APRIL });
    expect(r.records).toEqual([]);
    expect(r.problems[0]).toMatchObject({ cell: 'D5', message: 'unknown shift code', expected: 'a code of settings.shiftCodes (the config has none)', received: '"白"' });
  });

  it('takes a text date\'s year from the period, across a year end, and refuses one the period does not place', async () => {
    const file = await workbook('wide-years.xlsx', [{ name: 'S', rows: [['警号', '12月31日', '1/1', '2/1', '2017-03-01'], ['O1', '夜', '夜', '夜', '夜']] }]);
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: { start: '2017-12-15', end: '2018-01-15' } });
    expect(r.problems).toEqual([
      { file, sheet: 'S', line: 1, cell: 'D1', message: 'the dataset period does not place this date in one year', expected: 'a day within 2017-12-15 – 2018-01-15, or a full date YYYY-MM-DD', received: '"2/1"' },
    ]);
    expect(values(r).map((v) => (v as { start: string }).start)).toEqual(['2017-12-31T18:00', '2018-01-01T18:00', '2017-03-01T18:00']);
    const noPeriod = await readRosterFile(file, { shiftCodes: SHIFT_CODES });
    expect(noPeriod.problems.map((p) => [p.cell, p.message])).toEqual([
      ['B1', 'a date without a year, and the dataset has no period to give it one'],
      ['C1', 'a date without a year, and the dataset has no period to give it one'],
      ['D1', 'a date without a year, and the dataset has no period to give it one'],
    ]);
  });

  it('is the long format when the header has a type column, whatever else it has', async () => {
    const file = await workbook('long-with-dates.xlsx', [{ name: 'S', rows: [['警号', '勤务类型', '开始时间', '结束时间', '4月1日'], ['O1', 'x', '2017-04-01T08:00', '2017-04-01T09:00', '白']] }]);
    expect(values(await readRosterFile(file, { shiftCodes: SHIFT_CODES }))).toEqual([{ officer: 'O1', type: 'x', start: '2017-04-01T08:00', end: '2017-04-01T09:00' }]);
  });
});

describe('Excel cells', () => {
  it('converts serials in the 1900 system (with its phantom 1900-02-29) and the 1904 system', () => {
    expect(excelDateText(1, 'date', false).text).toBe('1900-01-01');
    expect(excelDateText(59, 'date', false).text).toBe('1900-02-28');
    expect(excelDateText(61, 'date', false).text).toBe('1900-03-01');
    expect(excelDateText(42830, 'date', false).text).toBe('2017-04-05');
    expect(excelDateText(42830 - 1462, 'date', true).text).toBe('2017-04-05');
    expect(excelDateText(42830.75, 'datetime', false)).toEqual({ text: '2017-04-05T18:00', kind: 'datetime' });
    expect(excelDateText(0.5 + 30 / 86400, 'time', false)).toEqual({ text: '12:00:30', kind: 'time' });
    // 08:00 as Excel stores it (0.33333…), rounded to the second.
    expect(excelDateText(0.333333333, 'time', false).text).toBe('08:00');
    expect(excelDateText(42830.99999999, 'datetime', false).text).toBe('2017-04-06T00:00');
  });

  it('tells date, time and date-time formats from number formats', () => {
    expect(formatKind('yyyy-mm-dd')).toBe('date');
    expect(formatKind('m/d')).toBe('date');
    expect(formatKind('yyyy"年"m"月"d"日"')).toBe('date');
    expect(formatKind('aaaa')).toBe('date');
    expect(formatKind('m\\月d\\日')).toBe('date');
    expect(formatKind('h:mm')).toBe('time');
    expect(formatKind('[h]:mm:ss')).toBe('time');
    expect(formatKind('yyyy/m/d h:mm')).toBe('datetime');
    expect(formatKind('0.00')).toBe(undefined);
    expect(formatKind('"day "0')).toBe(undefined);
    expect(formatKind('General')).toBe(undefined);
    expect(formatKind('[Red]0;[Blue]-0')).toBe(undefined);
  });
});
