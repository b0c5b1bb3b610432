import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyComplianceError } from '../../src/errors.js';
import { readDatasetFile } from '../../src/io/read-dataset.js';
import { csvSplit, streamCsvPart, streamRosterFile, type CsvCut } from '../../src/io/stream-roster-file.js';
import type { DatasetDocument } from '../../src/io/types.js';
import { createInputBuilder, readRosterPart, type InputBuilder } from '../../src/model/validate-input.js';

/**
 * A long CSV roster read in two parts (the second by a second thread: src/threads/), cut just
 * after any LF, must give what reading the whole file gives: the same entries (index, line,
 * every field), the same problems in the same order, the same notes. The cut may fall inside a
 * quoted field, before the header, or in a file that is not UTF-8 (then read as GB18030); the
 * first part's reader must then read on by itself, as it must where the second thread answers
 * nothing. The text before the cut is over 1 MiB, as in a file large enough to be cut, so that
 * the reader has looked for a wide roster's header by then.
 */
const root = mkdtempSync(join(tmpdir(), 'duty-csv-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let document: DatasetDocument;
let header: string;
let rows: string[];
let prefix: string;
beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '12', '--days', '20', '--seed', 'csv-parts', '--out', root, '--quiet']);
  document = await readDatasetFile(join(root, 'dataset.json'));
  const lines = readFileSync(join(root, 'roster.csv'), 'utf8').replace(/^\ufeff/, '').split('\n').filter((l) => l !== '');
  header = lines[0]!;
  rows = lines.slice(1);
  // Valid rows with a long note, to over 1 Mi characters (what the reader looks through for a
  // wide roster's header before it reads a row): a few thousand rows, not tens of thousands.
  const padded = rows.map((r) => `${r}${'note'.repeat(40)}`);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < (1 << 20) + 4096; i++) {
    parts.push(padded[i % padded.length]!);
    size += padded[i % padded.length]!.length + 1;
  }
  prefix = parts.join('\n');
});

/** The input (entries as JSON) and notes, or the problems of its one error. */
function outcome(builder: InputBuilder, notes: string[]): string {
  try {
    return JSON.stringify([builder.finish().roster, notes]);
  } catch (error) {
    if (error instanceof DutyComplianceError) return JSON.stringify([error.problems, notes]);
    throw error;
  }
}

const oddRow = fc.constantFrom(
  '',
  '004201,2017-01-03,08:30,11:30,社区工作,C0001,"两行\n备注, 含逗号"',
  '004201,2017-01-03,08:30,11:30,社区工作,C0001,"三行\r\n备注\n""引号"""',
  '00"42,2017-01-03,08:30,11:30,社区工作,C0001,',
  '004201,2017-01-03,08:30,11:30,社区工作,C0001,,多余',
  'NOBODY,2017-01-03,08:30,11:30,社区工作,C0001,',
  '004201,2017-01-03,25:00,11:30,社区工作,C0001,',
  '"004201","2017-01-05","08:00","12:00","社区工作","C0001",""',
);
/** A quote never closed: the rest of the file is one field, so no row starts at a cut after it. */
const unclosedQuote = fc.constant('004201,2017-01-04,08:30,11:30,社区工作,C0001,"未闭合的引号');
const eol = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
/** GBK bytes for 班 (not UTF-8): a file with them is read as GB18030 whole. */
const GBK = Buffer.from([0xb0, 0xe0]);

describe('a CSV roster read in two parts', () => {
  it('gives the entries, problems and notes of reading it whole, wherever it is cut', async () => {
    const file = join(root, 'roster-parts.csv');
    let runs = 0;
    let adopted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.oneof({ weight: 40, arbitrary: fc.nat({ max: 10_000 }).map((i) => rows[i % rows.length]!) }, { weight: 20, arbitrary: oddRow }, { weight: 1, arbitrary: unclosedQuote }), eol), { minLength: 1, maxLength: 40 }),
        fc.boolean(),
        fc.constantFrom('none', 'none', 'none', 'none', 'head', 'tail'),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 2048, max: 70_000 }),
        async (tail, bom, gbk, blankBeforeHeader, finalNewline, cutAt, highWaterMark) => {
          const text = `${blankBeforeHeader ? '\n' : ''}${header}\n${prefix}\n${tail.map(([row, end], i) => row + (i < tail.length - 1 || finalNewline ? end : '')).join('')}`;
          let bytes = Buffer.from(text);
          // A row of GBK bytes near the file's start, or after the prefix (where the cut may follow or precede it).
          if (gbk === 'head') bytes = Buffer.concat([bytes.subarray(0, bytes.indexOf(10) + 1), Buffer.from('004201,2017-01-03,08:30,11:30,'), GBK, Buffer.from(',C0001,\n'), bytes.subarray(bytes.indexOf(10) + 1)]);
          if (gbk === 'tail') bytes = Buffer.concat([bytes, Buffer.from('\n004201,2017-01-03,08:30,11:30,'), GBK, Buffer.from(',C0001,\n')]);
          if (bom) bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes]);
          writeFileSync(file, bytes);
          // A cut just after an LF (as csvSplit makes one), not at the file's end; mostly after the prefix.
          const afterPrefix = Buffer.byteLength(prefix) + Buffer.byteLength(header);
          const lineStarts = [...bytes.keys()].filter((i) => i > 0 && bytes[i - 1] === 10 && i < bytes.length);
          // One cut in five before the reader has looked for a wide header (so it reads on).
          const starts = cutAt % 5 === 0 ? lineStarts.filter((i) => i < 4096) : lineStarts.filter((i) => i > afterPrefix);
          fc.pre(starts.length > 0);
          const at = starts[Math.floor(cutAt / 5) % starts.length]!;
          const options = { highWaterMark };
          runs++;

          const whole = createInputBuilder(document);
          const wholeRead = outcome(whole, (await streamRosterFile(file, options, whole)).notes);

          for (const secondAnswers of [true, false]) {
            const twoParts = createInputBuilder(document);
            let asked = 0;
            const cut: CsvCut = {
              at,
              async adoptRest(lineShift) {
                asked++;
                if (!secondAnswers) return false;
                const part = await readRosterPart(twoParts.dataset!, document.file, (sink) => streamCsvPart(file, at, options, sink)).then(
                  (p) => structuredClone(p),
                  () => undefined,
                );
                if (!part) return false;
                adopted++;
                twoParts.adopt(part, lineShift);
                return true;
              },
            };
            const { notes } = await streamRosterFile(file, options, twoParts, cut);
            expect(outcome(twoParts, notes)).toBe(wholeRead);
            expect(asked).toBeLessThanOrEqual(1);
          }
        },
      ),
      { numRuns: 120, seed: 20261203 },
    );
    // Not vacuous: most cuts are after the prefix, where a row mostly starts and the file is UTF-8.
    expect(adopted).toBeGreaterThan(runs / 4);
  }, 240_000);

  it('takes the second part where a row starts at the cut, and reads on where one does not', async () => {
    const file = join(root, 'quoted.csv');
    const quoted = '004201,2017-01-03,08:30,11:30,社区工作,C0001,"两行\n备注"';
    writeFileSync(file, `${header}\n${prefix}\n${quoted}\n${rows[0]!}\n`);
    const bytes = readFileSync(file);
    const inside = bytes.indexOf(Buffer.from('两行\n')) + Buffer.byteLength('两行\n');
    const after = bytes.lastIndexOf(10, bytes.length - 2) + 1;
    const asked: number[] = [];
    for (const at of [inside, after]) {
      const builder = createInputBuilder(document);
      await streamRosterFile(file, {}, builder, { at, adoptRest: async (shift) => (asked.push(shift), false) });
    }
    // Inside the quoted note: never asked. After it: asked, with the lines before the cut.
    expect(asked).toEqual([bytes.subarray(0, after).toString().split('\n').length - 1]);
  });

  it('is cut only where a long UTF-8 CSV has a line start in its second half', async () => {
    const large = join(root, 'large.csv');
    const body = `${header}\n${prefix}\n`;
    writeFileSync(large, body.repeat(Math.ceil((17 * 1024 * 1024) / Buffer.byteLength(body))));
    const split = await csvSplit(large, {});
    expect(split).toBeDefined();
    const bytes = readFileSync(large);
    expect(bytes[split!.at - 1]).toBe(10);
    expect(split!.at).toBeGreaterThanOrEqual(Math.floor(bytes.length / 2));
    expect(await csvSplit(large, { encoding: 'UTF-8' })).toEqual(split);
    expect(await csvSplit(large, { encoding: 'gb18030' })).toBeUndefined();
    expect(await csvSplit(join(root, 'roster.csv'), {})).toBeUndefined(); // small
    writeFileSync(large, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(body.repeat(8), 'utf16le')]));
    expect(await csvSplit(large, {})).toBeUndefined(); // UTF-16
    const wide = `警号,2017-01-02,2017-01-03\n${'004201,白,夜\n'.repeat(1_400_000)}`;
    writeFileSync(large, wide);
    expect(await csvSplit(large, {})).toBeUndefined(); // a wide roster is read whole
    expect(await csvSplit(join(root, 'roster.ndjson'), {})).toBeUndefined();
  });
});
