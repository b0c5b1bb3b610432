import type { Problem } from '../errors.js';
import type { DatasetDocument } from './types.js';
import { jsonSyntaxErrors } from './_lib/json-location.js';
import { readTextFile } from './_lib/read-text.js';

/**
 * Parses a dataset JSON text. Syntax errors become located problems (all of them), never a throw.
 *
 * @example
 * parseDatasetText('{"units": []}', 'dataset.json').problems //=> []
 */
export function parseDatasetText(text: string, file?: string): DatasetDocument {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    // JSON.parse defines `__proto__` as an own property, never as the prototype.
    return { value: JSON.parse(body), file, text: body, problems: [] };
  } catch {
    const problems: Problem[] = jsonSyntaxErrors(body).map((e) => ({
      file,
      line: e.line,
      column: e.column,
      message: `JSON syntax error: ${e.message}`,
    }));
    if (problems.length === 0) problems.push({ file, message: 'not valid JSON' });
    return { value: undefined, file, text: body, problems };
  }
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

