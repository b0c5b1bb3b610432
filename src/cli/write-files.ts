import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { copyFile, link, lstat, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DutyComplianceError, type Problem } from '../errors.js';

/** An output and the file it goes to (an absolute path). */
export interface FileOutput {
  file: string;
  /** The option that named the file, for errors (`--output`). */
  option: string;
  /** What the file holds, for errors: `the report`, `the baseline`, `the waivers file`. */
  what: string;
  /**
   * What the file is to hold: a string, or its chunks (a formatter's, made as they are written,
   * so that a report of hundreds of MB is never one string). Chunks are read once.
   */
  text: string | Iterable<string>;
  /**
   * The input this output is meant to rewrite (`--prune-waivers` rewrites `--waivers`), as an
   * absolute path; every other input is refused as a target.
   */
  rewrites?: string;
}

/** A file the run reads, which no output may replace. */
export interface RunInput {
  /** Absolute path. */
  file: string;
  /** The option that named it, for errors: `--roster`, `the dataset`. */
  option: string;
}

/**
 * The file an output really goes to, and its identity. A symbolic link is written through: the
 * file it points to is replaced and the link stays (docs/ci.md).
 */
interface Target {
  /** The real path: symbolic links and `..` resolved. */
  path: string;
  /** `dev:ino` of an existing file. */
  identity?: string;
  exists: boolean;
  isDirectory: boolean;
  /** A device, FIFO or socket (`/dev/null`): written to as it is, never replaced by a file. */
  special: boolean;
  /** A symbolic link whose target does not exist. */
  dangling: boolean;
}

async function resolveTarget(file: string): Promise<Target> {
  const entry = await lstat(file).catch(() => undefined);
  if (entry) {
    const real = await realpath(file).catch(() => undefined);
    if (real === undefined) return { path: file, exists: false, isDirectory: false, special: false, dangling: true };
    const s = await stat(real);
    return { path: real, identity: `${s.dev}:${s.ino}`, exists: true, isDirectory: s.isDirectory(), special: !s.isFile() && !s.isDirectory(), dangling: false };
  }
  const directory = await realpath(dirname(file)).catch(() => dirname(file));
  return { path: join(directory, basename(file)), exists: false, isDirectory: false, special: false, dangling: false };
}

/** Whether two resolved files are one: the same real path, or the same device and inode (hard links). */
function sameFile(a: Target, b: Target): boolean {
  return a.path === b.path || (a.identity !== undefined && a.identity === b.identity);
}

/**
 * Problems of output files before anything is written: an output that would replace one of the
 * run's inputs (same real path or device+inode, also through `..`, another spelling or a symbolic
 * link), a directory, or a symbolic link to nothing. The caller refuses the run (exit 2).
 *
 * @example
 * await outputProblems([{ file: '/w/dataset.json', option: '--output' }], [{ file: '/w/dataset.json', option: 'the dataset' }])
 * //=> [{ file: '/w/dataset.json', path: '--output', message: 'would replace an input of this run (the dataset /w/dataset.json)', ... }]
 */
export async function outputProblems(outputs: readonly Pick<FileOutput, 'file' | 'option' | 'rewrites'>[], inputs: readonly RunInput[]): Promise<Problem[]> {
  const problems: Problem[] = [];
  const resolvedInputs = await Promise.all(inputs.map(async (i) => ({ input: i, target: await resolveTarget(i.file) })));
  for (const output of outputs) {
    const target = await resolveTarget(output.file);
    const rewritten = output.rewrites !== undefined ? await resolveTarget(output.rewrites) : undefined;
    if (target.dangling) {
      problems.push({ file: output.file, path: output.option, message: 'is a symbolic link to a file that does not exist', expected: 'a file, a new file name, or a link to an existing file' });
      continue;
    }
    if (target.isDirectory) {
      problems.push({ file: output.file, path: output.option, message: 'is a directory', expected: 'a file name' });
      continue;
    }
    for (const { input, target: inputTarget } of resolvedInputs) {
      if (!sameFile(target, inputTarget)) continue;
      if (rewritten && sameFile(rewritten, inputTarget)) continue;
      problems.push({
        file: output.file,
        path: output.option,
        message: `would replace an input of this run (${input.option} ${input.file})`,
        expected: 'an output file that is none of the files the run reads',
      });
      break;
    }
  }
  return problems;
}

/**
 * Writes every output so that no reader ever sees a half-written report, and either every target
 * is replaced or none is: each text goes to a temporary file beside its target first (chunk by
 * chunk through a write stream, waiting whenever the disk is behind); only when
 * all are written are they renamed into place (a rename within a directory is atomic; a replaced
 * file keeps its permissions). A symbolic link is written through to the file it points to; a
 * device or FIFO (`--output /dev/null`) is written to in place, never replaced by a file. If
 * any write or rename fails, the targets already replaced get their previous content back, the
 * temporary files are removed, and one `USAGE` error lists every file that could not be written,
 * and what it was to hold. An error of the chunks themselves (a formatter's bug, not the file's)
 * is thrown as it is, after the same rollback.
 */
export async function writeFilesAtomically(outputs: readonly FileOutput[]): Promise<void> {
  const targets = await Promise.all(outputs.map((o) => resolveTarget(o.file)));
  const staged = outputs.map((o, i) => {
    const target = targets[i]!;
    const beside = (suffix: string) => join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${randomBytes(4).toString('hex')}.${suffix}`);
    const file = target.exists && !target.special;
    return { ...o, target, temp: beside('tmp'), backup: file ? beside('bak') : undefined, replaced: false };
  });
  const failures: Problem[] = [];
  // The first error thrown by an output's chunks rather than by its file.
  let producerError: { error: unknown } | undefined;
  const fail = (o: FileOutput, error: unknown) => {
    if (error instanceof ProducerError) producerError ??= { error: error.thrown };
    else failures.push({ path: o.option, file: o.file, message: `cannot write ${o.what}: ${describeFsError(error)}` });
  };
  const failed = () => failures.length > 0 || producerError !== undefined;
  const thrown = () => (producerError !== undefined ? producerError.error : new DutyComplianceError('USAGE', failures));
  const cleanUp = () => Promise.all(staged.flatMap((o) => [rm(o.temp, { force: true }), ...(o.backup ? [rm(o.backup, { force: true })] : [])]));

  const written = await Promise.allSettled(
    staged.map(async (o) => {
      if (o.target.isDirectory) throw Object.assign(new Error('EISDIR: illegal operation on a directory'), { code: 'EISDIR' });
      if (o.target.special) return;
      await writeChunks(o.temp, o.text, { flags: 'wx', ...(await existingMode(o.target.path)) });
      // The previous content, kept until every target is in place, to put back if one fails.
      if (o.backup) await link(o.target.path, o.backup).catch(() => copyFile(o.target.path, o.backup!));
    }),
  );
  written.forEach((w, i) => w.status === 'rejected' && fail(staged[i]!, w.reason));
  if (failed()) {
    await cleanUp();
    throw thrown();
  }
  // Files first (they can be put back), then devices and FIFOs, written in place.
  for (const o of [...staged.filter((x) => !x.target.special), ...staged.filter((x) => x.target.special)]) {
    try {
      if (o.target.special) await writeChunks(o.target.path, o.text, { flags: 'w' });
      else {
        await rename(o.temp, o.target.path);
        o.replaced = true;
      }
    } catch (error) {
      fail(o, error);
      break;
    }
  }
  if (failed()) {
    for (const o of staged) {
      if (!o.replaced) continue;
      await (o.backup ? rename(o.backup, o.target.path) : rm(o.target.path, { force: true })).catch(() => undefined);
    }
    await cleanUp();
    throw thrown();
  }
  await cleanUp();
}

/** An error thrown while the chunks of an output were made: the formatter's, not the file's. */
class ProducerError extends Error {
  constructor(readonly thrown: unknown) {
    super('the chunks of an output failed');
  }
}

/**
 * Writes a text or its chunks to `file` through a write stream, one chunk at a time: the next
 * chunk is made only when the stream has room for it (pipeline's backpressure), so at most a
 * few chunks are held. Rejects with the file's error, or a {@link ProducerError} for the chunks'.
 */
async function writeChunks(file: string, text: string | Iterable<string>, options: { flags: string; mode?: number }): Promise<void> {
  const chunks = typeof text === 'string' ? [text] : text;
  const source = function* () {
    try {
      yield* chunks;
    } catch (error) {
      throw new ProducerError(error);
    }
  };
  await pipeline(Readable.from(source()), createWriteStream(file, { ...options, encoding: 'utf8' }));
}

/** The permissions of the file a report replaces, so that replacing it does not change them. */
async function existingMode(file: string): Promise<{ mode?: number }> {
  try {
    return { mode: (await stat(file)).mode & 0o777 };
  } catch {
    return {};
  }
}

/** `ENOENT: no such file or directory`: Node's message without the syscall and the temporary file's name. */
function describeFsError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (typeof code !== 'string') return message;
  return message.startsWith(`${code}: `) ? message.split(', ')[0]! : `${code}: ${message}`;
}
