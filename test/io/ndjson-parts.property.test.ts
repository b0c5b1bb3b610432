import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DutyComplianceError } from '../../src/errors.js';
import { readDatasetFile } from '../../src/io/read-dataset.js';
import { ndjsonSplit, streamNdjsonRange, streamRosterFile } from '../../src/io/stream-roster-file.js';
import type { DatasetDocument } from '../../src/io/types.js';
import { createInputBuilder, readRosterPart } from '../../src/model/validate-input.js';

/**
 * An NDJSON roster read in two parts (the second by a second thread: src/threads/), the second
 * part's rows appended after the first's, must give what reading the whole file gives: the same
 * entries (index, line, every field) and the same problems in the same order, wherever the file
 * is cut and however it is chunked; and so must the first part followed by the rest read here
 * (what the check does when the second thread cannot). Lines: valid ones of a generated city,
 * bad JSON, unknown officers, blank lines, CRLF, rows with ids and attributes, a BOM.
 */
const root = mkdtempSync(join(tmpdir(), 'duty-ndjson-parts-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let document: DatasetDocument;
let lines: string[];
beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '12', '--days', '20', '--seed', 'parts', '--out', root, '--quiet']);
  document = await readDatasetFile(join(root, 'dataset.json'));
  lines = readFileSync(join(root, 'roster.ndjson'), 'utf8').split('\n').filter((l) => l !== '');
});

/** The input (entries as JSON), or the problems of its one error. */
function outcome(finish: () => { roster: unknown }): string {
  try {
    return JSON.stringify(finish().roster);
  } catch (error) {
    if (error instanceof DutyComplianceError) return JSON.stringify(error.problems);
    throw error;
  }
}

const oddLine = fc.constantFrom(
  '',
  '   ',
  '{"officer":"O00001","start":"2017-01-02T08:00","end":"2017-01-02T12:00","type":"社区工作","id":"E-1","attributes":{"a":1}}',
  '{"officer":"NOBODY","start":"2017-01-02T08:00","end":"2017-01-02T12:00","type":"社区工作"}',
  '{"officer":"O00002","start":"2017-01-03T08:00"',
  '[1,2]',
  '{"officer":"O00003","start":"2017-01-03T12:00","end":"2017-01-03T08:00","type":"社区工作"}',
  '{"type":"社区工作","officer":"O00004","end":"2017-01-04T12:00","start":"2017-01-04T08:00","note":"换序"}',
);

describe('an NDJSON roster read in two parts', () => {
  it('gives the entries and problems of reading it whole, wherever it is cut', async () => {
    const file = join(root, 'roster-parts.ndjson');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 10_000 }).map((i) => lines[i % lines.length]!) }, { weight: 1, arbitrary: oddLine }), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.nat(),
        fc.integer({ min: 7, max: 300 }),
        async (rows, crlf, bom, finalNewline, cutAt, highWaterMark) => {
          const eol = crlf ? '\r\n' : '\n';
          const text = (bom ? '\ufeff' : '') + rows.join(eol) + (finalNewline ? eol : '');
          writeFileSync(file, text);
          const bytes = Buffer.from(text);
          // A cut just after an LF (as ndjsonSplit makes one), not at the file's end.
          const starts = [...bytes.keys()].filter((i) => i > 0 && bytes[i - 1] === 10 && i < bytes.length);
          fc.pre(starts.length > 0);
          const at = starts[cutAt % starts.length]!;
          const options = { highWaterMark };

          const wholeBuilder = createInputBuilder(document);
          await streamRosterFile(file, options, wholeBuilder);
          const wholeRead = outcome(() => wholeBuilder.finish());

          const twoParts = createInputBuilder(document);
          const first = await streamNdjsonRange(file, { start: 0, end: at, linesBefore: 0 }, options, twoParts);
          const part = structuredClone(await readRosterPart(twoParts.dataset!, document.file, (sink) => streamNdjsonRange(file, { start: at, linesBefore: 0 }, options, sink)));
          twoParts.adopt(part, first.lines);
          expect(outcome(() => twoParts.finish())).toBe(wholeRead);

          const rest = createInputBuilder(document);
          const head = await streamNdjsonRange(file, { start: 0, end: at, linesBefore: 0 }, options, rest);
          await streamNdjsonRange(file, { start: at, linesBefore: head.lines }, options, rest);
          expect(outcome(() => rest.finish())).toBe(wholeRead);
        },
      ),
      { numRuns: 150, seed: 20261203 },
    );
  }, 120_000);

  it('is cut only where a line starts in its second half, and only when large', async () => {
    const small = join(root, 'small.ndjson');
    writeFileSync(small, `${lines.join('\n')}\n`);
    expect(await ndjsonSplit(small)).toBeUndefined();
    const large = join(root, 'large.ndjson');
    const line = `${lines[0]!}\n`;
    writeFileSync(large, line.repeat(Math.ceil((17 * 1024 * 1024) / line.length)));
    const split = await ndjsonSplit(large);
    expect(split).toBeDefined();
    const bytes = readFileSync(large);
    expect(bytes[split!.at - 1]).toBe(10);
    expect(split!.at).toBeGreaterThanOrEqual(Math.floor(bytes.length / 2));
    expect(split!.at - Math.floor(bytes.length / 2)).toBeLessThanOrEqual(line.length);
    expect(await ndjsonSplit(join(root, 'roster.csv'))).toBeUndefined();
    // A workbook's sheet, as streamRosterFile reads `book.xlsx#a.ndjson`, even where a file of that name exists.
    const sheetLike = join(root, 'book.xlsx#a.ndjson');
    writeFileSync(sheetLike, bytes);
    expect(await ndjsonSplit(sheetLike)).toBeUndefined();
    expect(await ndjsonSplit(join(root, 'missing.ndjson'))).toBeUndefined();
  });
});
