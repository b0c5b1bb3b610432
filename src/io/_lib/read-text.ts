import { readFile } from 'node:fs/promises';
import { DutyComplianceError, type ErrorCode, type Problem } from '../../errors.js';

/**
 * The text without a leading UTF-8 BOM, which editors on Windows like to write.
 *
 * @example
 * withoutBom('\uFEFF{}') //=> '{}'
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Reads a UTF-8 text file, stripping a BOM; a missing or unreadable file is a problem, not a throw. */
export async function readTextFile(file: string): Promise<{ text: string } | { problem: Problem }> {
  try {
    const text = await readFile(file, 'utf8');
    return { text: withoutBom(text) };
  } catch (error) {
    return { problem: readProblem(file, error) };
  }
}

/** Reads a file's bytes (a text file in some encoding); a missing or unreadable file is a problem. */
export async function readFileBytes(file: string): Promise<{ bytes: Uint8Array } | { problem: Problem }> {
  try {
    return { bytes: await readFile(file) };
  } catch (error) {
    return { problem: readProblem(file, error) };
  }
}

function readProblem(file: string, error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read file (${code ?? 'error'})`;
  return { file, message };
}

/** {@link readTextFile}, throwing an unreadable file as a coded error (for files that must exist). */
export async function readTextFileOrThrow(file: string, code: ErrorCode): Promise<string> {
  const read = await readTextFile(file);
  if ('problem' in read) throw new DutyComplianceError(code, [read.problem]);
  return read.text;
}
