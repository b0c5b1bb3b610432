import { describe, expect, it } from 'vitest';
import { parseCsvRoster } from '../../src/io/read-csv-roster.js';
import { parseNdjsonRoster } from '../../src/io/read-ndjson-roster.js';
import { rosterFileKind } from '../../src/io/read-roster-file.js';

const values = (text: string) => parseCsvRoster(text, 'r.csv').records.map((r) => r.value);
const lines = (text: string) => parseCsvRoster(text, 'r.csv').records.map((r) => r.source.line);

describe('parseCsvRoster', () => {
  it('reads English headers, case-insensitive, with start/end date-times', () => {
    expect(values('Officer,START,End,Type,Community,ID,Note\nO1,2017-04-05T08:30,2017-04-05T12:00,社区工作,C1,E1,ok\n')).toEqual([
      { officer: 'O1', start: '2017-04-05T08:30', end: '2017-04-05T12:00', type: '社区工作', community: 'C1', id: 'E1', note: 'ok' },
    ]);
  });

  it('reads Chinese headers with date + start/end times; an end at or before the start is the next day', () => {
    expect(values('警号,日期,开始,结束,勤务类型\n012345,2017-04-05,18:00,8:00,所内值班\n012345,2017-04-06,9:00,9:00,所内值班\n')).toEqual([
      { officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班' },
      { officer: '012345', start: '2017-04-06T09:00', end: '2017-04-07T09:00', type: '所内值班' },
    ]);
  });

  it('accepts the other Chinese names (人员编号, 开始时间, 结束时间, 社区, 编号, 备注)', () => {
    expect(values('人员编号,开始时间,结束时间,勤务类型,社区,编号,备注\nO1,2017-04-05T08:30,2017-04-05T12:00,社区工作,C1,E1,x\n')[0]).toMatchObject({ officer: 'O1', community: 'C1', id: 'E1', note: 'x' });
  });

  it('strips a UTF-8 BOM before the header', () => {
    expect(values('\uFEFF警号,开始时间,结束时间,勤务类型\nO1,2017-04-05T08:30,2017-04-05T12:00,x\n')).toHaveLength(1);
  });

  it('keeps commas and newlines inside quoted fields, and counts a row from the line it starts on', () => {
    const text = 'officer,start,end,type,note\nO1,2017-04-05T08:00,2017-04-05T09:00,x,"a, b"\nO1,2017-04-05T09:00,2017-04-05T10:00,x,"line one\nline two\r\nline three"\nO1,2017-04-05T10:00,2017-04-05T11:00,x,\n';
    expect(values(text).map((v) => (v as { note?: string }).note)).toEqual(['a, b', 'line one\nline two\r\nline three', undefined]);
    expect(lines(text)).toEqual([2, 3, 6]);
  });

  it('counts lines the same with CRLF line ends and blank lines', () => {
    expect(lines('officer,start,end,type\r\n\r\nO1,2017-04-05T08:00,2017-04-05T09:00,x\r\nO1,2017-04-05T09:00,2017-04-05T10:00,x\r\n')).toEqual([3, 4]);
  });

  it('treats an empty cell as an absent field, and ignores other columns', () => {
    expect(values('officer,start,end,type,community,shift_code\nO1,2017-04-05T08:00,2017-04-05T09:00,x,,A7\n')).toEqual([{ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T09:00', type: 'x' }]);
  });

  it('uses start/end when both column sets are present; date + times where start/end are empty', () => {
    expect(values('officer,start,end,date,startTime,endTime,type\nO1,2017-04-05T08:00,2017-04-05T09:00,2017-04-06,10:00,11:00,x\nO1,,,2017-04-06,10:00,11:00,x\n')).toEqual([
      { officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T09:00', type: 'x' },
      { officer: 'O1', start: '2017-04-06T10:00', end: '2017-04-06T11:00', type: 'x' },
    ]);
  });

  it('reports a bad row with its line and column and keeps reading the others', () => {
    const r = parseCsvRoster('警号,日期,开始,结束,勤务类型\n012345,2017-04-05,8:00,12:00,社区工作\n012345,"2017-04-\n06",8:00,12:00,社区工作\n012345,2017-04-07,8:61,,社区工作\n012345,2017-04-08,24:00,1:00,社区工作\n', 'r.csv');
    expect(r.records).toHaveLength(1);
    expect(r.problems).toEqual([
      expect.objectContaining({ file: 'r.csv', line: 3, column: 2, path: 'date', received: '"2017-04-\\n06"' }),
      expect.objectContaining({ file: 'r.csv', line: 5, column: 3, path: 'startTime', received: '"8:61"' }),
      expect.objectContaining({ file: 'r.csv', line: 5, column: 4, path: 'endTime', message: 'required field is missing' }),
      expect.objectContaining({ file: 'r.csv', line: 6, column: 3, path: 'startTime', received: '"24:00"' }),
    ]);
  });

  it('accepts 24:00 as an end of day', () => {
    expect(values('警号,日期,开始,结束,勤务类型\n1,2017-04-05,20:00,24:00,x\n')[0]).toMatchObject({ start: '2017-04-05T20:00', end: '2017-04-06T00:00' });
  });

  it('reports a header without the required columns, naming what is missing', () => {
    const r = parseCsvRoster('who,when,what\nO1,2017-04-05,x\n', 'r.csv');
    expect(r.records).toEqual([]);
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'the header has no column officer (警号 | 人员编号)'],
      [1, 'the header has no column type (勤务类型)'],
      [1, 'the header has no column start and end (开始时间, 结束时间), or date, startTime and endTime (日期, 开始, 结束)'],
    ]);
  });

  it('reports an empty file and an unterminated quote with its line', () => {
    expect(parseCsvRoster('', 'r.csv').problems[0]).toMatchObject({ line: 1, message: 'the CSV has no header row' });
    const r = parseCsvRoster('officer,start,end,type\nO1,2017-04-05T08:00,2017-04-05T09:00,x\nO1,"2017-04-05T09:00,2017-04-05T10:00,x\n', 'r.csv');
    expect(r.problems).toEqual([expect.objectContaining({ file: 'r.csv', line: 3, message: expect.stringContaining('Quoted field unterminated') })]);
  });
});

describe('parseCsvRoster: line ends, headers and row shapes', () => {
  const row = (h: number) => `O1,2017-04-05T${String(h).padStart(2, '0')}:00,2017-04-05T${String(h + 1).padStart(2, '0')}:00,x`;

  it('LF, CRLF and CR mixed in one file: every row its own entry, at its true line', () => {
    const text = `officer,start,end,type\n${row(1)}\r\n${row(2)}\r${row(3)}\n\r${row(4)}\r\n`;
    expect(values(text).map((v) => (v as { start: string }).start)).toEqual(['2017-04-05T01:00', '2017-04-05T02:00', '2017-04-05T03:00', '2017-04-05T04:00']);
    expect(lines(text)).toEqual([2, 3, 4, 6]);
  });

  it('a CR-only file (old Mac export): each row on its own line, a quoted CR counted too', () => {
    const text = `officer,start,end,type,note\r${row(1)},a\r${row(2)},"two\rlines"\r${row(3)},c\r`;
    expect(lines(text)).toEqual([2, 3, 5]);
    expect(values(text).map((v) => (v as { note: string }).note)).toEqual(['a', 'two\rlines', 'c']);
  });

  it('a row with no officer, a bad date and no type: all three', () => {
    const r = parseCsvRoster('officer,date,startTime,endTime,type\n,2017-02-30,8:00,9:00,\n', 'r.csv');
    expect(r.problems.map((p) => [p.line, p.column, p.path, p.message])).toEqual([
      [2, 1, 'officer', 'required field is missing'],
      [2, 2, 'date', 'invalid value'],
      [2, 5, 'type', 'required field is missing'],
    ]);
  });

  it('a header naming one field twice, also by a synonym: located at the second column', () => {
    expect(parseCsvRoster('officer,警号,start,end,type,Type\n', 'r.csv').problems).toEqual([
      { file: 'r.csv', line: 1, column: 2, message: 'a second column for the field officer (column 1 is "officer")', expected: 'one column per field', received: '"警号"' },
      { file: 'r.csv', line: 1, column: 6, message: 'a second column for the field type (column 5 is "type")', expected: 'one column per field', received: '"Type"' },
    ]);
  });

  it('a row with more cells than the header is an error; empty padding cells are not', () => {
    const r = parseCsvRoster(`officer,start,end,type\n${row(1)},,\n${row(2)},extra\n`, 'r.csv');
    expect(r.records.map((x) => x.source.line)).toEqual([2]);
    expect(r.problems).toEqual([
      { file: 'r.csv', line: 3, column: 5, message: 'the row has 5 cells, the header 4', expected: 'at most 4 cells (a value with a comma needs quotes)', received: '"extra"' },
    ]);
  });

  it('a quote that does not end its field: located, the row not read', () => {
    const r = parseCsvRoster(`officer,start,end,type\n${row(1)}\nO1,"2017-04-05T02:00"x,2017-04-05T03:00,x\n${row(4)}\n`, 'r.csv');
    expect(r.records.map((x) => x.source.line)).toEqual([2, 4]);
    expect(r.problems).toEqual([{ file: 'r.csv', line: 3, message: 'CSV: Trailing quote on quoted field is malformed' }]);
  });
});

describe('parseNdjsonRoster', () => {
  it('reads one object per line with its line, skipping blank lines, reporting bad lines', () => {
    const r = parseNdjsonRoster('{"officer":"O1"}\n\n{"officer":\n[1]\r\n{"officer":"O2"}', 'r.ndjson');
    expect(r.records.map((x) => [x.source.line, x.value])).toEqual([
      [1, { officer: 'O1' }],
      [5, { officer: 'O2' }],
    ]);
    expect(r.problems.map((p) => [p.line, p.message.split(':')[0]])).toEqual([
      [3, 'JSON syntax error'],
      [4, 'a roster line must be one JSON object'],
    ]);
  });
});

describe('rosterFileKind', () => {
  it('knows .csv, .ndjson and .jsonl, case-insensitively', () => {
    expect(['a.CSV', 'b.ndjson', 'c.jsonl', 'd.json', 'e'].map(rosterFileKind)).toEqual(['csv', 'ndjson', 'ndjson', undefined, undefined]);
  });
});

describe('a CSV row with a bad cell and a bad reference', () => {
  it('reports both, at the row line', async () => {
    const { validateInput } = await import('../../src/model/validate-input.js');
    const { parseDatasetText } = await import('../../src/io/read-dataset.js');
    const { dataset } = await import('../_lib/rule-tester.js');
    const csv = parseCsvRoster('officer,start,end,type\nQQ,2024-01-02T08:00,2024-01-02T09:00,\n', 'r.csv');
    let problems: { line?: number; path?: string; message: string }[] = [];
    try {
      validateInput(parseDatasetText(JSON.stringify(dataset())), [csv]);
    } catch (error) {
      problems = (error as { problems: typeof problems }).problems;
    }
    expect(problems.map((p) => [p.line, p.path, p.message])).toEqual([
      [2, 'type', 'required field is missing'],
      [2, 'officer', 'unknown officer'],
    ]);
  });
});

describe('parseCsvRoster: remembered date and time cells', () => {
  it('builds the same date-times past the memos\' bound as before it (20,000 distinct dates, odd time cells)', () => {
    // The memos stop growing at 16,384 distinct cells; rows past that must read the same way.
    const day = (n: number) => new Date(Date.UTC(2000, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const times = ['8:00', '08:00', ' 18:30', '24:00', '7:5', '25:00'];
    const rows = Array.from({ length: 20_000 }, (_, i) => `O1,${day(i)},${times[i % times.length]},${times[(i + 3) % times.length]},x`);
    const { records, problems } = parseCsvRoster(`officer,date,startTime,endTime,type\n${rows.join('\n')}\n`, 'r.csv');
    const expected = (i: number): { start: string; end: string } | undefined => {
      const clock = (t: string) => {
        const m = /^(\d{1,2}):(\d{2})$/.exec(t.trim());
        if (!m || Number(m[1]) > 24 || (Number(m[1]) === 24 && m[2] !== '00')) return undefined;
        return Number(m[1]) * 60 + Number(m[2]);
      };
      const s = clock(times[i % times.length]!);
      const e = clock(times[(i + 3) % times.length]!);
      if (s === undefined || e === undefined || s === 24 * 60) return undefined;
      const hhmm = (m: number) => `${String(Math.floor(m / 60) % 24).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
      return { start: `${day(i)}T${hhmm(s)}`, end: `${e <= s || e === 24 * 60 ? day(i + 1) : day(i)}T${hhmm(e)}` };
    };
    const want = rows.map((_, i) => expected(i));
    expect(records.map((r) => ({ start: (r.value as { start: string }).start, end: (r.value as { end: string }).end }))).toEqual(want.filter((w) => w !== undefined));
    expect(problems.length).toBe(want.filter((w) => w === undefined).length);
    expect(records.length).toBeGreaterThan(3000);
  });
});
