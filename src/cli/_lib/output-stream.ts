import type { Writable } from 'node:stream';

/**
 * A writer to a process stream that goes quiet when the reader has gone (`duty-compliance check …
 * | head`): the EPIPE is not a failure of the check, so there is no stack trace, nothing more is
 * written, and the process ends with the run's own exit code. Any other stream error is rethrown.
 *
 * @example
 * const stdout = quietWhenClosed(process.stdout)
 * stdout('report\n')
 */
export function quietWhenClosed(stream: Writable): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}
