// The second thread of a check (src/threads/second-thread.ts): it makes its rule registry while
// the first thread starts reading, then answers, one at a time, what it is asked: the rows of the
// rest of an NDJSON or CSV file, and its officers' findings of the input it is sent. An answer it could
// not give is `undefined`: the first thread then does that work itself.
import { parentPort, workerData } from 'node:worker_threads';
import { judgeSharedInput, type CheckOptions } from '../check.js';
import type { ResolvedConfig } from '../engine/resolve-config.js';
import { streamCsvPart, streamNdjsonRange } from '../io/stream-roster-file.js';
import { readRosterPart, type ValidatedInputParts } from '../model/validate-input.js';
import { createRuleRegistry } from '../rules/index.js';
import type { PartRequest } from './second-thread.js';

const { options } = workerData as { options: CheckOptions };
const registry = createRuleRegistry(options.rulePacks);
// A pack that cannot be read fails the share when it is asked for, not the thread before it.
registry.catch(() => undefined);

/** Posts an answer; one that cannot be sent (cloned) is posted as undefined. */
function answer(kind: 'part' | 'share', value: unknown): void {
  try {
    parentPort?.postMessage({ [kind]: value });
  } catch {
    parentPort?.postMessage({ [kind]: undefined });
  }
}

parentPort?.on('message', (question: { part: PartRequest } | { input: ValidatedInputParts; config: ResolvedConfig }) => {
  if ('part' in question) {
    const { dataset, datasetFile, file, kind, start, highWaterMark } = question.part;
    const options = highWaterMark !== undefined ? { highWaterMark } : {};
    readRosterPart(dataset, datasetFile, (sink) => (kind === 'csv' ? streamCsvPart(file, start, options, sink) : streamNdjsonRange(file, { start, linesBefore: 0 }, options, sink))).then(
      (part) => answer('part', part),
      () => answer('part', undefined),
    );
    return;
  }
  registry
    .then((rules) => judgeSharedInput(rules, question.input, question.config, options))
    .then(
      (share) => answer('share', share),
      () => answer('share', undefined),
    );
});
