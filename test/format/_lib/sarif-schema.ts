import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/** The official SARIF 2.1.0 schema, vendored unchanged with its notice (test/format/__fixtures__/). */
const SCHEMA_FILE = join(fileURLToPath(new URL('..', import.meta.url)), '__fixtures__', 'sarif-schema-2.1.0.json');

/** A validator for the official schema exactly as published (JSON Schema draft-04). */
export function sarifValidator(): ValidateFunction {
  const ajv = new Ajv04({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object);
}
