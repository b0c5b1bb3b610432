import type { Problem } from '../errors.js';
import type { RosterFile, RosterRecord } from './types.js';
import { parseJsonLine } from './_lib/json-location.js';

/**
 * Parses an NDJSON roster: one entry object per line. Blank lines are allowed and skipped;
 * a line that is not JSON (or has a duplicate key, a `__proto__` key, a number out of range,
 * nesting too deep) is a located problem, and the other lines are still read.
 *
 * @example
 * parseNdjsonRoster('{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"社区工作"}\n', 'r.ndjson').records.length //=> 1
 */
export function parseNdjsonRoster(text: string, file: string): RosterFile {
  const records: RosterRecord[] = [];
  const problems: Problem[] = [];
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    line++;
    const raw = text.slice(start, end).replace(/\r$/, '');
    start = end + 1;
    if (raw.trim() === '') continue;
    const parsed = parseJsonLine(raw, file, line);
    if ('problems' in parsed) {
      for (const p of parsed.problems) problems.push(p);
      continue;
    }
    const { value } = parsed;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      problems.push({ file, line, message: 'a roster line must be one JSON object', expected: 'an object', received: value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value });
      continue;
    }
    records.push({ value, source: { file, line, path: '' } });
  }
  return { file, records, problems };
}
