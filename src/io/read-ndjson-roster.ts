import type { EntrySource, RosterFile, RosterSink } from './types.js';
import { collectingSink } from './read-csv-roster.js';
import { parseJsonLine } from './_lib/json-location.js';
import { scanCommonRosterLine, scanPlainRosterLine } from './_lib/ndjson-line-scanner.js';
import type { RosterLineBytes } from './_lib/ndjson-byte-scanner.js';

/**
 * Parses an NDJSON roster: one entry object per line. Blank lines are allowed and skipped;
 * a line that is not JSON (or has a duplicate key, a `__proto__` key, a number out of range,
 * nesting too deep) is a located problem, and the other lines are still read.
 *
 * @example
 * parseNdjsonRoster('{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"社区工作"}\n', 'r.ndjson').records.length //=> 1
 */
export function parseNdjsonRoster(text: string, file: string): RosterFile {
  const { sink, roster } = collectingSink(file);
  readNdjsonLines(text, file, sink, 0, true);
  return roster;
}

/**
 * Reads the lines of `text` (line numbers counted on from `linesBefore`) into `sink`. Unless
 * `final`, the text after the last LF is not read (a chunk's line may go on in the next one):
 * returns where it starts, and the lines read.
 *
 * @example
 * readNdjsonLines('{"officer":"O1"}\n{"off', 'r.ndjson', sink, 0, false) //=> { consumed: 17, lines: 1 }
 */
export function readNdjsonLines(text: string, file: string, sink: RosterSink, linesBefore: number, final: boolean): { consumed: number; lines: number } {
  let line = linesBefore;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = text.indexOf('\n', start);
    if (end === -1) {
      if (!final) break;
      end = n;
    }
    line++;
    // A line's CR (of a CRLF) is no part of it.
    const to = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const common = scanCommonRosterLine(text, start, to);
    if (common !== undefined) sink.record(common, { file, line, path: '' });
    else readNdjsonLine(text.slice(start, to), file, line, sink);
    start = end + 1;
  }
  return { consumed: Math.min(start, n), lines: line };
}

/**
 * Reads the whole lines of `bytes[0, to)` (it ends with an LF: `to` is just after it), line
 * numbers counted on from `linesBefore`, into `sink`: a line of the common shape straight from
 * its bytes (`scanner`), any other decoded and read as {@link readNdjsonLines} reads it. Returns
 * the lines read.
 *
 * @example
 * readNdjsonBytes(Buffer.from('{"officer":"O1"}\n'), 17, 'r.ndjson', sink, 0, new RosterLineBytes()) //=> 1
 */
export function readNdjsonBytes(bytes: Buffer, to: number, file: string, sink: RosterSink, linesBefore: number, scanner: RosterLineBytes): number {
  let line = linesBefore;
  let start = 0;
  while (start < to) {
    const end = bytes.indexOf(10, start);
    // Past `to` cannot be: bytes[to - 1] is an LF.
    line++;
    const lineEnd = end > start && bytes[end - 1] === 13 ? end - 1 : end;
    const common = scanner.scan(bytes, start, lineEnd);
    if (common !== undefined) sink.record(common, { file, line, path: '' }, true);
    else readNdjsonLine(bytes.toString('utf8', start, lineEnd), file, line, sink);
    start = end + 1;
  }
  return line;
}

function readNdjsonLine(raw: string, file: string, line: number, sink: RosterSink): void {
  const source: EntrySource = { file, line, path: '' };
  const plain = scanPlainRosterLine(raw);
  if (plain !== undefined) {
    sink.record(plain, source);
    return;
  }
  if (raw.trim() === '') return;
  const parsed = parseJsonLine(raw, file, line);
  if ('problems' in parsed) {
    for (const p of parsed.problems) sink.problem(p);
    return;
  }
  const { value } = parsed;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    sink.problem({ file, line, message: 'a roster line must be one JSON object', expected: 'an object', received: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value });
    return;
  }
  sink.record(value, source);
}
