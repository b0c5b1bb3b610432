import type { DatasetDocument } from './types.js';
import { parseJson } from './_lib/json-location.js';
import { readTextFile } from './_lib/read-text.js';

/**
 * Parses a dataset JSON text. Syntax errors become located problems (all of them), never a throw.
 *
 * @example
 * parseDatasetText('{"units": []}', 'dataset.json').problems //=> []
 */
export function parseDatasetText(text: string, file?: string): DatasetDocument {
  const parsed = parseJson(text, file);
  if ('problems' in parsed) return { value: undefined, file, text, problems: parsed.problems };
  return { value: parsed.value, file, text: parsed.text, problems: [] };
}

/**
 * Reads a dataset JSON file. An unreadable file is a located problem, not a throw.
 *
 * @example
 * const doc = await readDatasetFile('fixtures/station-2017-04/dataset.json')
 */
export async function readDatasetFile(file: string): Promise<DatasetDocument> {
  const read = await readTextFile(file);
  if ('problem' in read) return { value: undefined, file, problems: [read.problem] };
  return parseDatasetText(read.text, file);
}

