import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { CheckOptions } from '../check.js';
import type { ResolvedConfig } from '../engine/resolve-config.js';
import { secondShareStart, type OfficerShare } from '../engine/run-rules.js';
import type { Dataset } from '../model/dataset-schema.js';
import { rosterTableOf, validatedInputParts, type RosterFilePart, type ValidatedInput } from '../model/validate-input.js';

/** What the second thread is asked to read: the rest of an NDJSON (or CSV) file from `start`, validated against `dataset`. */
export interface PartRequest {
  dataset: Omit<Dataset, 'roster'>;
  datasetFile?: string;
  file: string;
  /** The file's kind; default NDJSON. */
  kind?: 'ndjson' | 'csv';
  start: number;
  highWaterMark?: number;
}

/** A second thread of a check (see {@link startSecondThread}). */
export interface SecondThread {
  /** Has it read the rest of a file while this thread reads its first part: its rows, or undefined (it could not). */
  readPart(request: PartRequest): Promise<RosterFilePart | undefined>;
  /**
   * Sends it the validated input and the config: where its officers start, and its findings
   * (undefined: it could not judge them); undefined where it is not worth sending.
   */
  share(input: ValidatedInput, config: ResolvedConfig): { from: number; remote: Promise<OfficerShare | undefined> } | undefined;
  /** Ends it, if it still runs. */
  stop(): void;
}

/**
 * The name of the worker's file beside the bundle, set by the build (tsup.config.ts): the
 * CLI's bundles its dependencies as the CLI does, the library's imports them as the library
 * does, so that both threads of a check run the same code. Undefined in the sources (tests).
 */
declare const __DUTY_COMPLIANCE_WORKER__: string | undefined;

/** The worker's file beside this module in dist/; none in the sources (tests) or the CommonJS build (no import.meta). */
function workerFile(): URL | undefined {
  const name = typeof __DUTY_COMPLIANCE_WORKER__ === 'string' ? __DUTY_COMPLIANCE_WORKER__ : undefined;
  const here = (import.meta as { url?: string } | undefined)?.url;
  if (name === undefined || typeof here !== 'string' || !here.startsWith('file:')) return undefined;
  const url = new URL(`./${name}`, here);
  return existsSync(fileURLToPath(url)) ? url : undefined;
}

/** The worker's answers, one kind per question. */
type Answer = { part: RosterFilePart | undefined } | { share: OfficerShare | undefined };

/**
 * Starts a worker thread that loads its modules and rules while this thread starts reading.
 * It can be asked, one question at a time, to read the second half of an NDJSON or CSV file (into
 * columns on shared memory, which this thread then appends) and to judge the officers from
 * {@link secondShareStart} on of the rules judged officer by officer, given the validated input
 * (its columns shared: no copy) and the resolved config. Undefined where no worker can start;
 * a worker that fails answers undefined, and this thread does that work itself.
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
  let pending: ((answer: Answer | undefined) => void) | undefined;
  let failed = false;
  const fail = () => {
    failed = true;
    pending?.(undefined);
    pending = undefined;
  };
  worker.on('message', (answer: Answer) => {
    const resolve = pending;
    pending = undefined;
    resolve?.(answer);
  });
  worker.once('error', fail);
  worker.once('exit', fail);
  /** Sends a question; its answer, or undefined when the worker failed or the question could not be sent. */
  const ask = (question: unknown): Promise<Answer | undefined> => {
    if (failed || pending) return Promise.resolve(undefined);
    let resolveAnswer: (answer: Answer | undefined) => void = () => undefined;
    const answer = new Promise<Answer | undefined>((resolve) => (resolveAnswer = resolve));
    pending = resolveAnswer;
    try {
      worker.postMessage(question);
    } catch {
      // What cannot be sent (cloned): this thread does the work.
      pending = undefined;
      resolveAnswer(undefined);
    }
    return answer;
  };
  return {
    readPart: (request) => ask({ part: request }).then((a) => (a && 'part' in a ? a.part : undefined)),
    share(input, config) {
      // Rows with rare fields (a spreadsheet's: sheet and cell on each) are sent one object each;
      // for a roster mostly of them that costs more than the second thread saves (measured on the
      // city-year's wide xlsx: 23.9 s in one thread, 25.7 s and 2.4 GiB in two).
      const table = rosterTableOf(input);
      if (table.rowsWithExtras > table.length / 8) return undefined;
      const remote = ask({ input: validatedInputParts(input), config }).then((a) => (a && 'share' in a ? a.share : undefined));
      return { from: secondShareStart(input.dataset.officers.length), remote };
    },
    stop: () => void worker.terminate(),
  };
}
