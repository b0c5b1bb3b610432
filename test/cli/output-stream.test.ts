import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { quietWhenClosed } from '../../src/cli/_lib/output-stream.js';

/** A stream whose reader has gone after `accept` writes, as stdout piped into `head -1`. */
function pipeClosedAfter(accept: number): { stream: Writable; received: string[] } {
  const received: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (received.length < accept) {
        received.push(chunk.toString());
        callback();
      } else callback(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    },
  });
  return { stream, received };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('quietWhenClosed: stdout closed early', () => {
  it('an EPIPE is swallowed and nothing more is written', async () => {
    const { stream, received } = pipeClosedAfter(1);
    const write = quietWhenClosed(stream);
    write('first\n');
    write('second\n');
    await settle();
    write('third\n');
    await settle();
    expect(received).toEqual(['first\n']);
    expect(stream.listenerCount('error')).toBe(1);
  });

  it('without it, the same stream emits an unhandled error (what printed a stack trace)', async () => {
    const { stream } = pipeClosedAfter(0);
    const errors: unknown[] = [];
    stream.on('error', (e) => errors.push(e));
    stream.write('x');
    await settle();
    expect(errors).toMatchObject([{ code: 'EPIPE' }]);
  });

  it('any other stream error is not hidden', () => {
    const stream = new Writable({ write: (_c, _e, cb) => cb() });
    quietWhenClosed(stream);
    expect(() => stream.emit('error', Object.assign(new Error('disk'), { code: 'EIO' }))).toThrow('disk');
  });
});

describe('quietWhenClosed: backpressure', () => {
  /** A stream of a 4-byte buffer whose writes complete only when `release` is called. */
  function slowStream(): { stream: Writable; release: () => void; fail: () => void } {
    const pending: ((error?: Error) => void)[] = [];
    const stream = new Writable({ highWaterMark: 4, write: (_c, _e, callback) => pending.push(callback) });
    return {
      stream,
      release: () => pending.splice(0).forEach((cb) => cb()),
      fail: () => pending.splice(0).forEach((cb) => cb(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }))),
    };
  }

  it('with room, nothing to wait for; with a full buffer, a promise that settles on drain', async () => {
    const { stream, release } = slowStream();
    const write = quietWhenClosed(stream);
    expect(write('a')).toBeUndefined();
    const waiting = write('bcdef');
    expect(waiting).toBeInstanceOf(Promise);
    let settled = false;
    void waiting!.then(() => (settled = true));
    await settle();
    expect(settled).toBe(false);
    release();
    await settle();
    release();
    await settle();
    expect(settled).toBe(true);
  });

  it('a reader gone while waiting settles the wait too (no hang on EPIPE)', async () => {
    const { stream, fail } = slowStream();
    const write = quietWhenClosed(stream);
    const waiting = write('abcdef');
    fail();
    await expect(waiting).resolves.toBeUndefined();
    expect(write('more')).toBeUndefined();
  });
});
