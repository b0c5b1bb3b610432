import type { Formatter } from './formatter.js';
import { githubFormatter } from './github.js';
import { htmlFormatter } from './html.js';
import { jsonFormatter } from './json.js';
import { junitFormatter } from './junit.js';
import { sarifFormatter } from './sarif.js';
import { textFormatter } from './text.js';

/** Every output format by name; one file per format. */
export const FORMATTERS: ReadonlyMap<string, Formatter> = new Map(
  [textFormatter, jsonFormatter, sarifFormatter, junitFormatter, githubFormatter, htmlFormatter].map((f) => [f.name, f]),
);

export type { Formatter, FormatContext } from './formatter.js';
