import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeText, isEncodingName } from '../../src/io/_lib/decode-text.js';
import { readRosterFile } from '../../src/io/read-roster-file.js';

const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
};
// 警号 in GB18030 (as GBK writes it).
const GB_HEADER = [0xbe, 0xaf, 0xba, 0xc5];

describe('decodeText', () => {
  it('reads UTF-8, with or without a BOM, and says nothing', () => {
    expect(decodeText(Buffer.from('\uFEFF警号,a'), 'r.csv')).toEqual({ text: '警号,a', encoding: 'utf-8' });
    expect(decodeText(Buffer.from('警号,a'), 'r.csv')).toEqual({ text: '警号,a', encoding: 'utf-8' });
  });

  it('reads UTF-16 little- and big-endian by the BOM, which it drops', () => {
    expect(decodeText(utf16le('警号,白\n'), 'r.csv')).toEqual({ text: '警号,白\n', encoding: 'utf-16le' });
    expect(decodeText(utf16be('警号,白\n'), 'r.csv')).toEqual({ text: '警号,白\n', encoding: 'utf-16be' });
  });

  it('reads a file that is not UTF-8 but is GB18030 as GB18030, with a note naming the file and the encoding', () => {
    const r = decodeText(Buffer.from([...GB_HEADER, 0x2c, 0x41]), 'data/r.csv');
    expect(r).toEqual({ text: '警号,A', encoding: 'gb18030', note: 'data/r.csv: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.' });
  });

  it('reads the encoding it is given, Big5 included (which would otherwise pass for GB18030)', () => {
    const big5 = readFileSync('test/io/__fixtures__/long-big5.csv');
    const guessed = decodeText(big5, 'r.csv');
    expect('text' in guessed && guessed.encoding).toBe('gb18030');
    expect('text' in guessed && guessed.text).not.toContain('社區工作');
    const forced = decodeText(big5, 'r.csv', 'big5');
    expect(forced).toMatchObject({ encoding: 'big5' });
    expect('text' in forced && forced.text).toContain('社區工作,臺北');
    expect(forced).not.toHaveProperty('note');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, naming the file, the offset of the first bad byte and its line', () => {
    // Line 2 holds an 0xFF byte, which no GB18030 or UTF-8 sequence has.
    const bytes = Buffer.concat([Buffer.from('警号,日期\n01'), Buffer.from([0xff, 0x41]), Buffer.from('\n')]);
    expect(decodeText(bytes, 'r.csv')).toEqual({
      problem: {
        file: 'r.csv',
        line: 2,
        message: 'not valid UTF-8, nor GB18030 (GBK): the first bad byte is at offset 16',
        expected: 'a UTF-8 or GB18030 text file, or --encoding NAME',
        received: 'bytes ff 41 0a',
      },
    });
  });

  it('points at the start of a broken sequence, and at a sequence cut off by the end of the file', () => {
    // A GB18030 lead byte followed by a space is broken where the lead byte is.
    expect(decodeText(Buffer.from([0x41, 0x0a, 0x81, 0x20]), 'r.csv', 'gb18030')).toMatchObject({ problem: { line: 2, message: 'not valid gb18030: the first bad byte is at offset 2' } });
    // The first two bytes of 中 (e4 b8 ad) at the end of a file.
    expect(decodeText(Buffer.from([0x41, 0xe4, 0xb8]), 'r.csv', 'utf-8')).toMatchObject({ problem: { line: 1, message: 'not valid utf-8: the first bad byte is at offset 1' } });
    // A UTF-16 file with an odd number of bytes.
    expect(decodeText(Buffer.concat([utf16le('ab'), Buffer.from([0x41])]), 'r.csv')).toMatchObject({ problem: { message: 'not valid utf-16le (the file starts with a utf-16le byte-order mark): the first bad byte is at offset 6' } });
  });

  it('names an unknown encoding as the problem', () => {
    expect(decodeText(Buffer.from('a'), 'r.csv', 'klingon')).toEqual({ problem: { file: 'r.csv', message: 'unknown encoding', expected: 'an encoding name such as utf-8, gb18030, big5, utf-16le', received: '"klingon"' } });
    expect(isEncodingName('GBK')).toBe(true);
    expect(isEncodingName('klingon')).toBe(false);
  });
});

describe('readRosterFile on CSV in other encodings', () => {
  it('reads a GB18030 CSV (long format) and returns the note', async () => {
    const r = await readRosterFile('test/io/__fixtures__/long-gb18030.csv');
    expect(r.problems).toEqual([]);
    expect(r.records.map((x) => x.value)).toEqual([{ officer: '012345', start: '2017-04-05T18:00', end: '2017-04-06T08:00', type: '所内值班', note: '夜班' }]);
    expect(r.notes).toEqual(['test/io/__fixtures__/long-gb18030.csv: not UTF-8; read as GB18030 (GBK). Use --encoding to choose another encoding.']);
  });

  it('reads a UTF-16 CSV with its BOM and says nothing', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'dc-enc-')), 'r.csv');
    writeFileSync(file, utf16le('警号,日期,开始,结束,勤务类型\r\n012345,2017-04-05,8:30,12:00,社区工作\r\n'));
    const r = await readRosterFile(file);
    expect(r.problems).toEqual([]);
    expect(r.notes).toBeUndefined();
    expect(r.records.map((x) => [x.value, x.source.line])).toEqual([[{ officer: '012345', start: '2017-04-05T08:30', end: '2017-04-05T12:00', type: '社区工作' }, 2]]);
  });

  it('refuses a file in no known encoding as one located problem, and reads nothing of it', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'dc-enc-')), 'r.csv');
    writeFileSync(file, Buffer.concat([Buffer.from('警号,日期,开始,结束,勤务类型\n'), Buffer.from([0x80, 0xff]), Buffer.from(',2017-04-05,8:30,12:00,x\n')]));
    const r = await readRosterFile(file);
    expect(r.records).toEqual([]);
    // The offset is that of the first byte that is not UTF-8 (0x80; the 0xFF after it is what GB18030 refuses).
    expect(r.problems).toEqual([expect.objectContaining({ file, line: 2, message: `not valid UTF-8, nor GB18030 (GBK): the first bad byte is at offset ${Buffer.byteLength('警号,日期,开始,结束,勤务类型\n')}` })]);
  });
});
