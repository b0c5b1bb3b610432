import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { FORMATTERS } from '../../src/format/index.js';
import { DutyComplianceError, formatProblem } from '../../src/errors.js';
import { runCliCapturing } from '../_lib/cli.js';

// A disk that fills up after the first few chunks of one file (`full.json`): the failure that
// happens in the middle of a report written chunk by chunk.
vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs')>();
  return {
    ...actual,
    createWriteStream: (file: string, options: Parameters<typeof actual.createWriteStream>[1]) => {
      const stream = actual.createWriteStream(file, options);
      if (!file.includes('.full.json.')) return stream;
      let chunks = 0;
      return new Writable({
        write(chunk: Buffer, encoding, callback) {
          if (++chunks > 3) callback(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
          else stream.write(chunk, encoding, callback);
        },
        final: (callback) => stream.end(callback),
        destroy: (error, callback) => {
          stream.destroy();
          callback(error);
        },
      });
    },
  };
});

const { writeFilesAtomically } = await import('../../src/cli/write-files.js');

let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-write-stream-')));
});

function* numbered(count: number, failAt?: number): Generator<string> {
  for (let i = 0; i < count; i++) {
    if (i === failAt) throw new Error('the formatter broke');
    yield `${'x'.repeat(1000)} ${i}\n`;
  }
}

describe('writeFilesAtomically: outputs written chunk by chunk', () => {
  it('writes every chunk, in order, through the temporary file', async () => {
    const file = join(dir, 'report.txt');
    writeFileSync(file, 'previous');
    await writeFilesAtomically([{ file, option: '--output', what: 'the report', text: numbered(5000) }]);
    expect(readFileSync(file, 'utf8')).toBe([...numbered(5000)].join(''));
    expect(readdirSync(dir)).toEqual(['report.txt']);
  });

  it('chunks that throw half-way: no target replaced, no temporary file left, the error thrown as it is', async () => {
    const first = join(dir, 'first.json');
    const second = join(dir, 'second.json');
    writeFileSync(first, 'previous first');
    const error = await writeFilesAtomically([
      { file: first, option: '--output', what: 'the report', text: numbered(5000) },
      { file: second, option: '--output', what: 'the report', text: numbered(5000, 2500) },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(DutyComplianceError);
    expect((error as Error).message).toBe('the formatter broke');
    expect(readFileSync(first, 'utf8')).toBe('previous first');
    expect(readdirSync(dir)).toEqual(['first.json']);
  });

  it('a write that fails mid-stream (disk full): no half-written report, the other output not replaced either', async () => {
    const full = join(dir, 'full.json');
    const other = join(dir, 'other.json');
    writeFileSync(full, 'previous full');
    writeFileSync(other, 'previous other');
    const error = await writeFilesAtomically([
      { file: other, option: '--output', what: 'the report', text: numbered(3000) },
      { file: full, option: '--write-baseline', what: 'the baseline', text: (function* () { for (let i = 0; i < 400; i++) yield 'y'.repeat(65_536); })() },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DutyComplianceError);
    expect((error as DutyComplianceError).problems.map(formatProblem)).toEqual([`${full} --write-baseline: cannot write the baseline: ENOSPC: no space left on device`]);
    expect(readFileSync(full, 'utf8')).toBe('previous full');
    expect(readFileSync(other, 'utf8')).toBe('previous other');
    expect(readdirSync(dir).sort()).toEqual(['full.json', 'other.json']);
  });
});

describe('runCli: a large report is written byte for byte as one string would be', () => {
  it('a generated city with --include subjects: json, sarif and junit files, and json on stdout', async () => {
    execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '80', '--days', '42', '--seed', 'stream', '--out', dir, '--quiet']);
    const files = { dataset: join(dir, 'dataset.json'), rosters: [join(dir, 'roster.ndjson')] };
    const config = join(dir, 'config.json');
    const args = ['check', files.dataset, '--roster', files.rosters[0]!, '--config', config, '--include', 'subjects', '--lang', 'en'];
    const run = await runCliCapturing(
      [...args, '--format', 'sarif', '--output', 'report.sarif', '--format', 'junit', '--output', 'report.xml', '--format', 'json', '--output', 'report.json', '--format', 'json'],
      { cwd: dir },
    );
    expect(run.stderr).toBe('');
    const report = await checkFiles(files, { configFile: config, include: ['subjects'], language: 'en' });
    const context = { language: 'en' as const, color: false, cwd: dir };
    const json = readFileSync(join(dir, 'report.json'), 'utf8');
    // Large enough to be written in many chunks.
    expect(json.length).toBeGreaterThan(20 * 65_536);
    expect(json).toBe(`${JSON.stringify(report, null, 2)}\n`);
    expect(run.stdout).toBe(json);
    expect(readFileSync(join(dir, 'report.sarif'), 'utf8')).toBe(FORMATTERS.get('sarif')!.format(report, context));
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toBe(FORMATTERS.get('junit')!.format(report, context));
    expect(readdirSync(dir).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
