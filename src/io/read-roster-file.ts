import { extname } from 'node:path';
import { parseCsvRoster } from './read-csv-roster.js';
import { parseNdjsonRoster } from './read-ndjson-roster.js';
import type { RosterFile } from './types.js';
import { readTextFile } from './_lib/read-text.js';

/**
 * Reads a roster file: `.csv` as CSV, `.ndjson` / `.jsonl` as NDJSON. Problems (an unknown
 * extension, an unreadable file, bad rows) are returned with the rows that could be read.
 *
 * @example
 * const roster = await readRosterFile('fixtures/station-2017-04/roster.csv')
 */
export async function readRosterFile(file: string): Promise<RosterFile> {
  const kind = rosterFileKind(file);
  if (!kind) {
    return {
      file,
      records: [],
      problems: [{ file, message: 'unknown roster file type', expected: 'a .csv, .ndjson or .jsonl file', received: JSON.stringify(extname(file) || file) }],
    };
  }
  const read = await readTextFile(file);
  if ('problem' in read) return { file, records: [], problems: [read.problem] };
  return kind === 'csv' ? parseCsvRoster(read.text, file) : parseNdjsonRoster(read.text, file);
}

/** @internal */
export function rosterFileKind(file: string): 'csv' | 'ndjson' | undefined {
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.ndjson' || ext === '.jsonl') return 'ndjson';
  return undefined;
}
