// The second thread of a check (src/threads/second-thread.ts): it makes its rule registry while
// the first thread reads the input, then judges its officers of the input it is sent, and answers
// their findings, or `{}` when it could not (the first thread judges them then).
import { parentPort, workerData } from 'node:worker_threads';
import { judgeSharedInput, type CheckOptions } from '../check.js';
import type { ResolvedConfig } from '../engine/resolve-config.js';
import type { ValidatedInputParts } from '../model/validate-input.js';
import { createRuleRegistry } from '../rules/index.js';

const { options } = workerData as { options: CheckOptions };
const registry = createRuleRegistry(options.rulePacks);
// A pack that cannot be read fails the share when it is asked for, not the thread before it.
registry.catch(() => undefined);
parentPort?.once('message', ({ input, config }: { input: ValidatedInputParts; config: ResolvedConfig }) => {
  registry
    .then((rules) => judgeSharedInput(rules, input, config, options))
    .then(
      (share) => {
        try {
          parentPort?.postMessage({ share });
        } catch {
          // A finding that cannot be sent (cloned): the first thread judges these officers.
          parentPort?.postMessage({});
        }
      },
      () => parentPort?.postMessage({}),
    );
});
