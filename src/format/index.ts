import type { Formatter } from './formatter.js';
import { jsonFormatter } from './json.js';
import { textFormatter } from './text.js';

/** Every output format by name; one file per format. */
export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map([textFormatter, jsonFormatter].map((f) => [f.name, f]));

export type { Formatter, FormatContext } from './formatter.js';
