import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveSettings } from '../../src/engine/settings.js';
import { readRosterFile } from '../../src/io/read-roster-file.js';
import type { RosterFile } from '../../src/io/types.js';

const SHIFT_CODES = resolveSettings({
  shiftCodes: {
    白: [
      { start: '08:30', end: '12:00', type: '社区工作' },
      { start: '13:30', end: '17:00', type: '社区巡查' },
    ],
    夜: [{ start: '18:00', end: '08:00', type: '所内值班' }],
    休: [{ start: '08:30', end: '17:00', type: '轮休' }],
  },
}).shiftCodes;
const APRIL = { start: '2017-04-01', end: '2017-04-30' };
const values = (r: RosterFile) => r.records.map((x) => x.value);
const cells = (r: RosterFile) => r.records.map((x) => `${x.source.sheet ?? ''}:${x.source.line} ${x.source.cell}`);

function csv(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'duty-compliance-wide-')), 'r.csv');
  writeFileSync(file, text);
  return file;
}

describe('the wide 排班表 as CSV', () => {
  it('reads a GB18030 grid: title row, 序号, weekday row, 姓名 and 备注 columns, a totals row; notes the encoding', async () => {
    const file = 'test/io/__fixtures__/wide-gb18030.csv';
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([`${file}: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.`]);
    expect(values(r)).toEqual([
      { officer: '012345', start: '2017-04-05T08:30', end: '2017-04-05T12:00', type: '社区工作' },
      { officer: '012345', start: '2017-04-05T13:30', end: '2017-04-05T17:00', type: '社区巡查' },
      { officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
      { officer: '012345', start: '2017-04-06T08:30', end: '2017-04-06T17:00', type: '轮休' },
      { officer: '012346', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
    ]);
    expect(cells(r)).toEqual([':4 D4', ':4 D4', ':4 D4', ':4 E4', ':5 D5']);
    expect(r.records[0]!.source).toMatchObject({ file, line: 4, cell: 'D4', columns: { officer: 2 } });
    expect(r.records[0]!.source.sheet).toBeUndefined();
  });

  it('counts lines across quoted newlines and CRLF; the cell is the spreadsheet row', async () => {
    const file = csv('排班表\r\n警号,姓名,4月5日,4月6日\r\nO1,"张\n伟",白,\r\nO2,李,,夜\r\n');
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => [x.source.line, x.source.cell])).toEqual([
      [3, 'C3'],
      [3, 'C3'],
      [5, 'D4'],
    ]);
  });

  it('skips the weekday row after a blank line too', async () => {
    const r = await readRosterFile(csv('警号,4月5日,4月6日\n,,\n,Wed,Thu\nO1,夜,\n'), { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(values(r)).toEqual([{ officer: 'O1', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' }]);
  });

  it('reports an unknown code and codes without an officer at their line and cell, with the codes known', async () => {
    const file = csv('警号,4/5,4/6\nO1,白,早\n,夜,\n合 计,2,1\n');
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([
      { file, line: 2, column: 3, cell: 'C2', message: 'unknown shift code', expected: 'a code of settings.shiftCodes: "白", "夜", "休"', received: '"早"' },
      { file, line: 3, column: 2, cell: 'B3', message: 'a row with shift codes but no officer', expected: "the officer's id or badge in column A (警号)", received: 'codes "夜" and an empty officer cell' },
    ]);
    expect(values(r)).toHaveLength(2);
  });

  it('leaves a CSV with a type column, or without date columns, to the long format', async () => {
    const long = await readRosterFile(csv('警号,日期,开始,结束,勤务类型\nO1,2017-04-05,8:30,12:00,社区工作\n'), { shiftCodes: SHIFT_CODES });
    expect(values(long)).toEqual([{ officer: 'O1', start: '2017-04-05T08:30', end: '2017-04-05T12:00', type: '社区工作' }]);
    const neither = await readRosterFile(csv('警号,姓名\nO1,张\n'), { shiftCodes: SHIFT_CODES });
    expect(neither.problems.map((p) => p.message)).toContain('the header has no column type (勤务类型)');
  });
});

describe('workbooks saved by LibreOffice Calc', () => {
  it('reads a wide grid whose dates Calc made date cells and whose badges it made numbers', async () => {
    const file = 'test/io/__fixtures__/calc-wide.xlsx';
    const r = await readRosterFile(file, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(values(r).map((v) => { const e = v as { officer: string; start: string; type: string }; return `${e.officer} ${e.start} ${e.type}`; })).toEqual([
      '12345 2017-04-05T08:30 社区工作',
      '12345 2017-04-05T13:30 社区巡查',
      '12345 2017-04-05T18:00 所内值班',
      '12345 2017-04-06T08:30 轮休',
      '12345 2017-04-07T08:30 社区工作',
      '12345 2017-04-07T13:30 社区巡查',
      '12346 2017-04-05T18:00 所内值班',
      '12346 2017-04-07T08:30 社区工作',
      '12346 2017-04-07T13:30 社区巡查',
      '12347 2017-04-05T08:30 轮休',
      '12347 2017-04-06T08:30 轮休',
      '12347 2017-04-07T08:30 轮休',
    ]);
    expect(cells(r)).toEqual(['calc-wide:4 D4', 'calc-wide:4 D4', 'calc-wide:4 D4', 'calc-wide:4 E4', 'calc-wide:4 F4', 'calc-wide:4 F4', 'calc-wide:5 D5', 'calc-wide:5 F5', 'calc-wide:5 F5', 'calc-wide:7 D7', 'calc-wide:7 E7', 'calc-wide:7 F7']);
    expect(r.records.every((x) => x.source.officerTypedAsNumber === true)).toBe(true);
  });

  it('reads a grid with a merged leave cell and Calc\'s m月d日 date headers', async () => {
    const file = 'test/io/__fixtures__/calc-merged.xlsx';
    const r = await readRosterFile(`${file}#四月`, { shiftCodes: SHIFT_CODES, period: APRIL });
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => `${x.source.cell} ${(x.value as { officer: string }).officer} ${(x.value as { start: string }).start} ${(x.value as { type: string }).type}`)).toEqual([
      'D3 012345 2017-04-05T08:30 轮休',
      'E3 012345 2017-04-06T08:30 轮休',
      'F3 012345 2017-04-07T08:30 轮休',
      'D4 012346 2017-04-05T08:30 社区工作',
      'D4 012346 2017-04-05T13:30 社区巡查',
      'D4 012346 2017-04-05T18:00 所内值班',
      'F4 012346 2017-04-07T08:30 社区工作',
      'F4 012346 2017-04-07T13:30 社区巡查',
    ]);
  });

  it('reads a long roster with Calc\'s date, time and date-time cells', async () => {
    const r = await readRosterFile('test/io/__fixtures__/calc-long.xlsx');
    expect(r.problems).toEqual([]);
    expect(values(r)).toEqual([
      { officer: '12345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班', note: '夜班' },
      { officer: '12346', start: '2017-04-06T08:30', end: '2017-04-06T12:00', type: '社区工作', community: 'C1' },
      { officer: '12347', start: '2017-04-06T13:30', end: '2017-04-06T17:00', type: '社区巡查', community: 'C2' },
    ]);
    expect(r.records.map((x) => `${x.source.sheet}:${x.source.line}`)).toEqual(['calc-long:2', 'calc-long:3', 'calc-long:4']);
  });
});
