import { constants } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
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

/**
 * The most characters one text file may have: files are read whole into one string, and a
 * string holds at most this many (536,870,888 on Node 20, about 512 MB of ASCII).
 */
export const MAX_TEXT_FILE_CHARACTERS = constants.MAX_STRING_LENGTH;

/** Reads a UTF-8 text file, stripping a BOM; a missing, unreadable or too large file is a problem, not a throw. */
export async function readTextFile(file: string): Promise<{ text: string } | { problem: Problem }> {
  let size: number | undefined;
  try {
    size = (await stat(file)).size;
    // Every UTF-8 character is at most 3 bytes (4 for two UTF-16 units): past this, it cannot fit.
    if (size > 3 * MAX_TEXT_FILE_CHARACTERS) return { problem: tooLarge(file, size) };
    const text = await readFile(file, 'utf8');
    return { text: withoutBom(text) };
  } catch (error) {
    return { problem: readProblem(file, error, size) };
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

/** @internal The problem of a file that could not be read. */
export function readProblem(file: string, error: unknown, size?: number): Problem {
  if (error instanceof RangeError || (error as NodeJS.ErrnoException).code === 'ERR_FS_FILE_TOO_LARGE') return tooLarge(file, size);
  const code = (error as NodeJS.ErrnoException).code;
  const message = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot read file (${code ?? String(error)})`;
  return { file, message };
}

function tooLarge(file: string, size: number | undefined): Problem {
  return {
    file,
    message: 'file too large: files are read whole, into one string',
    expected: `at most ${MAX_TEXT_FILE_CHARACTERS} characters (about ${Math.round(MAX_TEXT_FILE_CHARACTERS / 2 ** 20)} MB of ASCII); split a roster into several --roster files`,
    received: size === undefined ? 'more' : `${Math.round(size / 2 ** 20)} MB`,
  };
}

/** {@link readTextFile}, throwing an unreadable file as a coded error (for files that must exist). */
export async function readTextFileOrThrow(file: string, code: ErrorCode): Promise<string> {
  const read = await readTextFile(file);
  if ('problem' in read) throw new DutyComplianceError(code, [read.problem]);
  return read.text;
}
