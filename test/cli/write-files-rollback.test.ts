import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// A rename that fails for one target only: the failure that can still happen after every
// temporary file is written (a target swapped for a directory meanwhile, a full disk).
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (to.endsWith('second.json')) throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
      return actual.rename(from, to);
    },
  };
});

const { writeFilesAtomically } = await import('../../src/cli/write-files.js');

describe('writeFilesAtomically: a rename that fails after the first target was replaced', () => {
  it('puts the first target back as it was, creates no new file, leaves no temporary file', async () => {
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-rollback-')));
    writeFileSync(join(dir, 'first.json'), 'previous');
    const error = await writeFilesAtomically([
      { file: join(dir, 'first.json'), option: '--output', what: 'the report', text: 'new' },
      { file: join(dir, 'new.json'), option: '--output', what: 'the report', text: 'new' },
      { file: join(dir, 'second.json'), option: '--write-baseline', what: 'the baseline', text: '{}' },
    ]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'USAGE', problems: [{ file: join(dir, 'second.json'), path: '--write-baseline', message: 'cannot write the baseline: EIO: i/o error' }] });
    expect(readFileSync(join(dir, 'first.json'), 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['first.json']);
  });
});
