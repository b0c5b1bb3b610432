import type { Writable } from 'node:stream';

/**
 * A writer to a process stream that goes quiet when the reader has gone (`duty-compliance check …
 * | head`): the EPIPE is not a failure of the check, so there is no stack trace, nothing more is
 * written, and the process ends with the run's own exit code. Any other stream error is rethrown.
 *
 * When the stream's buffer is full, the writer returns a promise that settles once it has
 * drained (or the reader has gone): a report written chunk by chunk awaits it, so that it is
 * never held whole in the stream's buffer.
 *
 * @example
 * const stdout = quietWhenClosed(process.stdout)
 * await stdout('report\n')
 */
export function quietWhenClosed(stream: Writable): (text: string) => void | Promise<void> {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    closed = true;
  });
  return (text) => {
    if (closed || stream.write(text)) return undefined;
    return drained(stream);
  };
}

/** Settles when `stream` can take more, or can take nothing any more (closed, failed). */
function drained(stream: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}
