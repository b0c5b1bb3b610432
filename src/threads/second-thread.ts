import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions } from '../check.js';
import type { ResolvedConfig } from '../engine/resolve-config.js';
import { secondShareStart, type OfficerShare } from '../engine/run-rules.js';
import { validatedInputParts, type ValidatedInput } from '../model/validate-input.js';

/** A second thread judging part of the officers of a check (see {@link startSecondThread}). */
export interface SecondThread {
  /**
   * Sends it the validated input and the config: where its officers start, and its findings
   * (undefined: it could not judge them).
   */
  share(input: ValidatedInput, config: ResolvedConfig): { from: number; remote: Promise<OfficerShare | undefined> };
  /** Ends it, if it still runs. */
  stop(): void;
}

/** The worker's file beside this module in dist/; none in the sources (tests) or the CommonJS build (no import.meta). */
function workerFile(): URL | undefined {
  const here = (import.meta as { url?: string } | undefined)?.url;
  if (typeof here !== 'string' || !here.startsWith('file:')) return undefined;
  const url = new URL('./judge-worker.js', here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/**
 * Starts a worker thread that loads its modules and rules while this thread reads the input,
 * then, sent the validated input (the roster's columns are on shared memory: no copy) and the
 * resolved config, judges the officers from {@link secondShareStart} on of the rules judged officer
 * by officer. Undefined where no worker can start; a worker that fails answers undefined, and
 * this thread then judges every officer itself.
 */
export function startSecondThread(options: CheckOptions): SecondThread | undefined {
  const file = workerFile();
  if (!file) return undefined;
  let worker: Worker;
  try {
    worker = new Worker(file, { workerData: { options } });
  } catch {
    return undefined;
  }
  const remote = new Promise<OfficerShare | undefined>((resolve) => {
    worker.once('message', (message: { share?: OfficerShare } | undefined) => resolve(message?.share));
    worker.once('error', () => resolve(undefined));
    worker.once('exit', () => resolve(undefined));
  });
  return {
    share(input, config) {
      try {
        worker.postMessage({ input: validatedInputParts(input), config });
      } catch {
        // What cannot be sent (cloned): this thread judges every officer.
        return { from: secondShareStart(input.dataset.officers.length), remote: Promise.resolve(undefined) };
      }
      return { from: secondShareStart(input.dataset.officers.length), remote };
    },
    stop: () => void worker.terminate(),
  };
}
