import { chunkedFormatter, type Formatter } from './formatter.js';
import { jsonChunks } from './_lib/json-chunks.js';

/**
 * The report (README, "The report") as JSON, two-space indented, ending with a newline: the
 * text of `JSON.stringify(report, null, 2)`, written a batch of violations and subjects at a time.
 */
export const jsonFormatter: Formatter = chunkedFormatter('json', function* (report) {
  yield* jsonChunks(report);
  yield '\n';
});
