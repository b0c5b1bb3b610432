import { closeSync, mkdtempSync, openSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_TEXT_FILE_CHARACTERS, readTextFile } from '../../src/io/_lib/read-text.js';

const dir = mkdtempSync(join(tmpdir(), 'duty-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A sparse file: takes no disk space, reads as zeros. */
function sparse(name: string, bytes: number): string {
  const file = join(dir, name);
  closeSync(openSync(file, 'w'));
  truncateSync(file, bytes);
  return file;
}

describe('readTextFile: a file too large says the limit', () => {
  const expected = `at most ${MAX_TEXT_FILE_CHARACTERS} characters (about 512 MB of ASCII); split a roster into several --roster files`;

  it('a 600 MB roster: "file too large" with the limit, not "cannot read file (error)"', async () => {
    const file = sparse('roster.csv', 600 * 2 ** 20);
    expect(await readTextFile(file)).toEqual({ problem: { file, message: 'file too large: files are read whole, into one string', expected, received: '600 MB' } });
  });

  it('a 2 GB file is refused before it is read', async () => {
    const file = sparse('huge.ndjson', 2 * 2 ** 30);
    expect(await readTextFile(file)).toEqual({ problem: { file, message: 'file too large: files are read whole, into one string', expected, received: '2048 MB' } });
  });
});
