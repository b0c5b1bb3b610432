import { randomBytes } from 'node:crypto';
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { DutyComplianceError } from '../errors.js';

/** A whole output and the file it goes to (an absolute path). */
export interface FileOutput {
  file: string;
  /** The option that named the file, for errors (`--output`). */
  option: string;
  /** What the file holds, for errors: `the report`, `the baseline`, `the waivers file`. */
  what: string;
  text: string;
}

/**
 * Writes every output so that no reader ever sees a half-written report: each text goes to a
 * temporary file beside its target first; only when all are written are they renamed into place
 * (a rename within a directory is atomic; a replaced file keeps its permissions). If any write
 * fails, the temporary files are removed, no target is touched, and one `USAGE` error lists
 * every file that could not be written, and what it was to hold.
 */
export async function writeFilesAtomically(outputs: readonly FileOutput[]): Promise<void> {
  const staged = outputs.map((o) => ({ ...o, temp: join(dirname(o.file), `.${basename(o.file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`) }));
  const written = await Promise.allSettled(staged.map(async (o) => writeFile(o.temp, o.text, { encoding: 'utf8', flag: 'wx', ...(await existingMode(o.file)) })));
  const failed = staged.flatMap((o, i) => {
    const outcome = written[i]!;
    return outcome.status === 'rejected' ? [{ path: o.option, file: o.file, message: `cannot write ${o.what}: ${describeFsError(outcome.reason)}` }] : [];
  });
  if (failed.length > 0) {
    await Promise.all(staged.map((o) => rm(o.temp, { force: true })));
    throw new DutyComplianceError('USAGE', failed);
  }
  for (const o of staged) {
    try {
      await rename(o.temp, o.file);
    } catch (error) {
      await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
      throw new DutyComplianceError('USAGE', [{ path: o.option, file: o.file, message: `cannot write ${o.what}: ${describeFsError(error)}` }]);
    }
  }
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
