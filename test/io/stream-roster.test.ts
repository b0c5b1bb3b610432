import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, checkFiles } from '../../src/check.js';
import { DutyComplianceError } from '../../src/errors.js';
import { resolveSettings } from '../../src/engine/settings.js';
import { readDatasetFile } from '../../src/io/read-dataset.js';
import { readRosterFile } from '../../src/io/read-roster-file.js';
import { streamRosterFile } from '../../src/io/stream-roster-file.js';
import { createInputBuilder, validateInput } from '../../src/model/validate-input.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stream-roster-'));
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '30', '--days', '45', '--seed', '5', '--out', dir], { stdio: 'ignore' });
});

/** The validated input, or the problems of the one error, of a reading path. */
function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    if (error instanceof DutyComplianceError) return error.problems;
    throw error;
  }
}

async function streamed(dataset: string, roster: string, highWaterMark?: number): Promise<unknown> {
  const builder = createInputBuilder(await readDatasetFile(dataset));
  await streamRosterFile(roster, highWaterMark === undefined ? {} : { highWaterMark }, builder);
  return outcome(() => builder.finish());
}

async function whole(dataset: string, roster: string): Promise<unknown> {
  const document = await readDatasetFile(dataset);
  const file = await readRosterFile(roster);
  return outcome(() => validateInput(document, [file]));
}

/** GB18030 bytes of a text of ASCII and the few characters these tests use (no iconv needed on a fresh machine). */
function gb18030(text: string): Buffer {
  const codes: Record<string, string> = {
    警: 'beaf', 号: 'bac5', 日: 'c8d5', 期: 'c6da', 开: 'bfaa', 始: 'cabc', 结: 'bde1', 束: 'caf8', 勤: 'c7da', 务: 'cef1', 类: 'c0e0', 型: 'd0cd',
    备: 'b1b8', 注: 'd7a2', 社: 'c9e7', 区: 'c7f8', 工: 'b9a4', 作: 'd7f7', 巡: 'd1b2', 查: 'b2e9', 多: 'b6e0', 行: 'd0d0', é: 'a8a6', 中: 'd6d0', 第: 'b5da',
  };
  const out: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) out.push(c.charCodeAt(0));
    else out.push(...Buffer.from(codes[c]!, 'hex'));
  }
  const bytes = Buffer.from(out);
  // The table is right: Node's own GB18030 decoder gives the text back.
  expect(new TextDecoder('gb18030').decode(bytes)).toBe(text);
  return bytes;
}

describe('streamed roster files', () => {
  for (const name of ['roster.ndjson', 'roster.csv']) {
    it(`give the same report as the whole-text path (${name})`, async () => {
      const dataset = join(dir, 'dataset.json');
      const roster = join(dir, name);
      const fromStream = await checkFiles({ dataset, rosters: [roster] }, { language: 'en' });
      const value = JSON.parse(execFileSync('cat', [dataset], { encoding: 'utf8' })) as unknown;
      const fromWhole = await check(value, { language: 'en' }, [await readRosterFile(roster)]);
      expect(fromStream.checked.rosterEntries).toBeGreaterThan(1000);
      const { source, ...rest } = fromStream;
      expect(source).toEqual({ dataset, rosters: [roster] });
      expect(JSON.stringify(rest)).toBe(JSON.stringify(fromWhole));
    });
  }

  it('reads the same entries and problems whatever the chunk size (multi-byte characters, CRLF, quoted newlines)', async () => {
    const dataset = join(dir, 'dataset.json');
    const csv = join(dir, 'edges.csv');
    writeFileSync(
      csv,
      '\uFEFF警号,日期,开始,结束,勤务类型,社区,备注\r\n' +
        'O00001,2017-01-03,08:30,11:30,社区工作,C0001,"第一行\r\n第二行"\r\n' +
        'O00001,2017-01-03,13:00,16:00,社区巡查,C0001,"说""明"\n' +
        'NOBODY,2017-01-04,08:30,11:30,社区工作,,\r' +
        'O00001,2017-01-05,08:30,bad,社区工作,C0001,\r\n' +
        '\r\n' +
        'O00001,2017-01-06,08:30,11:30,社区工作,C0001,"未完\n',
    );
    const ndjson = join(dir, 'edges.ndjson');
    writeFileSync(
      ndjson,
      '\uFEFF{"officer":"O00001","start":"2017-01-03T08:30","end":"2017-01-03T11:30","type":"社区工作","note":"é中𝄞"}\r\n' +
        '\r\n' +
        '{"officer":"O00001","start":"2017-01-03T13:00","end":"2017-01-03T16:00","type":"社区\\u5de1查"}\n' +
        '{"officer":"NOBODY","start":"2017-01-04T08:30","end":"2017-01-04T11:30","type":"社区工作","type":"x"}\n' +
        '[1]\n' +
        '{"officer":"O00001","start":"2017-01-05T08:30","end":"2017-01-05T11:30","type":"社区工作"}',
    );
    for (const file of [csv, ndjson]) {
      const expected = await whole(dataset, file);
      expect(Array.isArray(expected)).toBe(true); // the bad rows' problems, every one
      for (const highWaterMark of [1, 2, 3, 5, 7, 64]) expect(await streamed(dataset, file, highWaterMark)).toEqual(expected);
    }
    const good = join(dir, 'good.csv');
    writeFileSync(good, '警号,日期,开始,结束,勤务类型,备注\r\nO00001,2017-01-03,08:30,11:30,社区工作,"多\r\n行"\r\nO00001,2017-01-04,08:30,11:30,社区工作,é\r\n');
    const expected = (await whole(dataset, good)) as { roster: { line: number; note?: string }[] };
    expect(expected.roster.map((e) => e.line)).toEqual([2, 4]);
    for (const highWaterMark of [1, 2, 3, 4, 9]) expect(await streamed(dataset, good, highWaterMark)).toEqual(expected);
  });

  it('reads an NDJSON file with bytes that are not UTF-8 as the whole-text path does, whatever the chunk size', async () => {
    // Pieces are decoded line by line from the bytes: a bad or cut sequence just before an LF,
    // a BOM, and a character split across chunks must give what decoding the whole file gives.
    const dataset = join(dir, 'dataset.json');
    const ndjson = join(dir, 'bad-bytes.ndjson');
    const line = (note: string) => Buffer.from(`{"officer":"O00001","start":"2017-01-03T08:30","end":"2017-01-03T11:30","type":"社区工作","note":"${note}`);
    writeFileSync(
      ndjson,
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        line('a'), Buffer.from([0xff, 0x22, 0x7d, 0x0a]),
        line('b'), Buffer.from([0x22, 0x7d, 0xe4, 0xb8, 0x0a]), // a cut sequence after the object
        line('c'), Buffer.from([0xe4, 0xb8, 0x22, 0x7d, 0x0a]),
        line('中'), Buffer.from([0x22, 0x7d, 0x0d, 0x0a, 0xf0, 0x9f]),
      ]),
    );
    const expected = await whole(dataset, ndjson);
    expect(Array.isArray(expected)).toBe(true);
    for (const highWaterMark of [1, 2, 3, 5, 7, 64, 1 << 20]) expect(await streamed(dataset, ndjson, highWaterMark)).toEqual(expected);
    const valid = join(dir, 'replaced.ndjson');
    writeFileSync(valid, Buffer.concat([line('a'), Buffer.from([0xff, 0x22, 0x7d, 0x0a]), line('中'), Buffer.from([0xe4, 0xb8, 0x22, 0x7d])]));
    const read = (await whole(dataset, valid)) as { roster: { note?: string }[] };
    expect(read.roster.map((e) => e.note)).toEqual(['a\uFFFD', '中\uFFFD']);
    for (const highWaterMark of [1, 4, 64]) expect(await streamed(dataset, valid, highWaterMark)).toEqual(read);
  });

  it('streams a CSV in GB18030, UTF-16 or a given encoding with the same rows, problems and notes as the whole-text path, whatever the chunk size', async () => {
    const dataset = join(dir, 'dataset.json');
    // 警号,日期,开始,结束,勤务类型,备注, two rows whose type is 社区工作 and 社区巡查, one bad row (no end).
    const text = '警号,日期,开始,结束,勤务类型,备注\r\nO00001,2017-01-03,08:30,11:30,社区工作,"多\r\n行"\r\nO00001,2017-01-03,,11:30,社区工作,\r\nO00001,2017-01-04,13:00,16:00,社区巡查,é中\r\n';
    const gbk = new TextEncoder().encode(text).length; // only to show the GB18030 file is shorter
    const encoded = (encoding: string): Buffer => {
      if (encoding === 'utf-16le') return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      if (encoding === 'utf-16be') return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
      return gb18030(text);
    };
    const cases: [string, Buffer, string | undefined][] = [
      ['gb18030.csv', encoded('gb18030'), undefined],
      ['utf16le.csv', encoded('utf-16le'), undefined],
      ['utf16be.csv', encoded('utf-16be'), undefined],
      ['given-gb18030.csv', encoded('gb18030'), 'gb18030'],
      ['given-utf16le.csv', encoded('utf-16le'), 'utf-16le'],
      // A U+FEFF the decoder keeps, before a quoted header cell: GB18030's own mark (84 31 95 33), a second mark after UTF-16's.
      ['gb18030-mark.csv', Buffer.concat([Buffer.from('84319533', 'hex'), gb18030(`"${text.slice(0, 2)}"${text.slice(2)}`)]), undefined],
      ['given-gb18030-mark.csv', Buffer.concat([Buffer.from('84319533', 'hex'), gb18030(`"${text.slice(0, 2)}"${text.slice(2)}`)]), 'gb18030'],
      ['utf16le-two-marks.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`\uFEFF"${text.slice(0, 2)}"${text.slice(2)}`, 'utf16le')]), undefined],
    ];
    expect(cases[0]![1].length).toBeLessThan(gbk);
    for (const [name, bytes, encoding] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const options = encoding === undefined ? {} : { encoding };
      const read = await readRosterFile(file, options);
      const document = await readDatasetFile(dataset);
      const expected = outcome(() => validateInput(document, [read]));
      expect(Array.isArray(expected), name).toBe(true); // the bad row's problem
      for (const highWaterMark of [1, 2, 3, 5, 64, 1 << 20]) {
        const builder = createInputBuilder(await readDatasetFile(dataset));
        const { notes } = await streamRosterFile(file, { ...options, highWaterMark }, builder);
        expect(notes, `${name} ${highWaterMark}`).toEqual(read.notes ?? []);
        expect(outcome(() => builder.finish()), `${name} ${highWaterMark}`).toEqual(expected);
      }
    }
    expect((await readRosterFile(join(dir, 'gb18030.csv'))).notes).toEqual([expect.stringContaining('read as GB18030')]);
  });

  it('leaves a CSV whose bytes no encoding reads to the whole-text path: the same located problem, no rows', async () => {
    const good = Buffer.from('警号,日期,开始,结束,勤务类型\nO00001,2017-01-03,08:30,11:30,社区工作\n');
    const cases: [string, Buffer, string | undefined][] = [
      // Neither UTF-8 nor GB18030 (0xff is no lead byte in either).
      ['neither.csv', Buffer.concat([good, Buffer.from([0xff, 0x0a])]), undefined],
      // A UTF-8 BOM, then bytes that are not UTF-8: not tried as GB18030, as decodeText does not.
      ['bom-bad.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), good, Buffer.from([0xd6, 0xd0, 0x0a])]), undefined],
      // A given encoding the bytes are not.
      ['given-bad.csv', Buffer.concat([good, Buffer.from([0xd6, 0xd0, 0x0a])]), 'utf-8'],
    ];
    for (const [name, bytes, encoding] of cases) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const options = encoding === undefined ? {} : { encoding };
      const expected = await readRosterFile(file, options);
      expect(expected.records, name).toEqual([]);
      expect(expected.problems, name).toHaveLength(1);
      for (const highWaterMark of [1, 3, 64]) {
        const records: unknown[] = [];
        const problems: unknown[] = [];
        let marked = 0;
        await streamRosterFile(file, { ...options, highWaterMark }, { record: (value) => records.push(value), problem: (p) => problems.push(p), mark: () => (marked = records.length), rollback: (m) => (records.length = m as number) });
        expect({ records, problems }, `${name} ${highWaterMark}`).toEqual({ records: [], problems: expected.problems });
        expect(marked).toBe(0);
      }
    }
  });

  it('hands a GB18030 CSV\'s rows on while the file is still being read', async () => {
    const gbk = join(dir, 'long-gbk.csv');
    // More than the first MiB of text, which is read before any row to tell a wide roster from a long one.
    const rows = Array.from({ length: 80_000 }, (_, i) => `O00001,2017-01-${String((i % 28) + 1).padStart(2, '0')},08:30,11:30,社区工作,第${i}行`);
    writeFileSync(gbk, gb18030(['警号,日期,开始,结束,勤务类型,备注', ...rows].join('\n') + '\n'));
    let bytesRead = 0;
    let bytesTotal = 0;
    const readWhenRowArrived: number[] = [];
    const builder = createInputBuilder(await readDatasetFile(join(dir, 'dataset.json')));
    await streamRosterFile(gbk, { highWaterMark: 4096, onProgress: (p) => ({ bytesRead, bytesTotal } = p) }, {
      ...builder,
      record: (value, source) => {
        readWhenRowArrived.push(bytesRead);
        builder.record(value, source);
      },
    });
    expect(readWhenRowArrived).toHaveLength(80_000);
    // Rows of the first part arrived long before the last byte was read: not one whole-file text.
    expect(readWhenRowArrived[0]!).toBeLessThan(bytesTotal / 2);
    expect(bytesRead).toBe(bytesTotal);
  });
});

describe('streamRosterFile: workbooks', () => {
  /** What a sink is given, in order. */
  async function given(roster: string, options: Parameters<typeof streamRosterFile>[1]) {
    const records: unknown[] = [];
    const problems: unknown[] = [];
    await streamRosterFile(roster, options, { record: (value, source) => records.push({ value, source }), problem: (p) => problems.push(p), mark: () => 0, rollback: () => {} });
    return { records, problems };
  }

  it('hands on the records of a wide, a merged and a long workbook as they are read: the same, in the same order, as reading it whole', async () => {
    const config = JSON.parse(execFileSync('cat', [join(dir, 'config-wide.json')], { encoding: 'utf8' })) as { settings: Parameters<typeof resolveSettings>[0] };
    const shiftCodes = resolveSettings(config.settings).shiftCodes;
    const cases: [string, Parameters<typeof streamRosterFile>[1]][] = [
      [join(dir, 'roster.xlsx'), { shiftCodes, period: { start: '2017-01-01', end: '2017-02-14' } }],
      // No shift codes: every code is a problem, given on as well.
      ['test/io/__fixtures__/calc-merged.xlsx', {}],
      ['test/io/__fixtures__/calc-long.xlsx', {}],
    ];
    for (const [roster, options] of cases) {
      const read = await readRosterFile(roster, options);
      const streamedRecords = await given(roster, options);
      expect(read.records.length + read.problems.length, roster).toBeGreaterThan(0);
      expect(streamedRecords, roster).toEqual({ records: read.records.map((r) => ({ value: r.value, source: r.source })), problems: read.problems });
    }
  });
});

describe('streamRosterFile: onProgress', () => {
  it('tells when the first chunk arrives (no rows yet), after each chunk, and ends at the file size with every row', async () => {
    const roster = join(dir, 'roster.ndjson');
    const seen: { bytesRead: number; bytesTotal: number; rows: number }[] = [];
    const builder = createInputBuilder(await readDatasetFile(join(dir, 'dataset.json')));
    await streamRosterFile(roster, { highWaterMark: 4096, onProgress: ({ bytesRead, bytesTotal, rows }) => seen.push({ bytesRead, bytesTotal, rows }) }, builder);
    const lines = (await import('node:fs')).readFileSync(roster, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
    expect(seen[0]).toEqual({ bytesRead: 4096, bytesTotal: seen[0]!.bytesTotal, rows: 0 });
    expect(seen[1]!.bytesRead).toBe(4096);
    expect(seen[1]!.rows).toBeGreaterThan(0);
    expect(seen.at(-1)).toEqual({ bytesRead: seen[0]!.bytesTotal, bytesTotal: seen[0]!.bytesTotal, rows: lines });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
  });
});

describe('streamRosterFile: progress of a CSV read twice', () => {
  it('never goes back when a file that is not UTF-8 is read again as GB18030', async () => {
    // UTF-8 for 30 chunks, then a GB18030 row: the first try fails late, the second reads it all.
    const lines = Array.from({ length: 3000 }, (_, i) => `O00001,2017-01-${String((i % 28) + 1).padStart(2, '0')},08:30,11:30,patrol,row ${i}`);
    const file = join(dir, 'late-gbk.csv');
    writeFileSync(file, Buffer.concat([Buffer.from(['officer,date,start,end,type,note', ...lines].join('\n') + '\n'), gb18030('O00001,2017-01-03,13:00,16:00,社区工作,行\n')]));
    const seen: { bytesRead: number; rows: number }[] = [];
    const builder = createInputBuilder(await readDatasetFile(join(dir, 'dataset.json')));
    const { notes } = await streamRosterFile(file, { highWaterMark: 4096, onProgress: ({ bytesRead, rows }) => seen.push({ bytesRead, rows }) }, builder);
    expect(notes).toEqual([expect.stringContaining('read as GB18030')]);
    expect(seen.length).toBeGreaterThan(30);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytesRead, `progress ${i}`).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
      if (seen[i]!.bytesRead === seen[i - 1]!.bytesRead) expect(seen[i]!.rows, `progress ${i}`).toBeGreaterThanOrEqual(seen[i - 1]!.rows);
    }
    expect(seen.at(-1)).toEqual({ bytesRead: statSync(file).size, rows: 3002 });
  });
});

describe('streamRosterFile: errors of the sink', () => {
  it('are not taken for bytes of another encoding: a TypeError the sink throws ends the read, after one row', async () => {
    const file = join(dir, 'sink-error.csv');
    writeFileSync(file, '警号,日期,开始,结束,勤务类型\nO00001,2017-01-03,08:30,11:30,社区工作\nO00001,2017-01-04,08:30,11:30,社区工作\n');
    let records = 0;
    const sink = {
      record: () => {
        records++;
        throw new TypeError('the sink failed');
      },
      problem: () => {},
      mark: () => 0,
      rollback: () => {},
    };
    await expect(streamRosterFile(file, {}, sink)).rejects.toThrow('the sink failed');
    expect(records).toBe(1);
  });
});

describe('streamRosterFile: the last progress of a CSV', () => {
  it('comes after its last rows, even when the file is one chunk', async () => {
    const roster = join(dir, 'roster.csv');
    const seen: { bytesRead: number; bytesTotal: number; rows: number }[] = [];
    const builder = createInputBuilder(await readDatasetFile(join(dir, 'dataset.json')));
    await streamRosterFile(roster, { onProgress: ({ bytesRead, bytesTotal, rows }) => seen.push({ bytesRead, bytesTotal, rows }) }, builder);
    const lines = (await import('node:fs')).readFileSync(roster, 'utf8').split('\n').filter((l) => l.trim() !== '').length;
    expect(seen.at(-1)!.bytesRead).toBe(seen.at(-1)!.bytesTotal);
    // Every line, the header too: the rows the reader has been given.
    expect(seen.at(-1)!.rows).toBe(lines);
  });
});
