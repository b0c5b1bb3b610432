import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from '../../src/cli/write-files.js';
import { DutyComplianceError, formatProblem } from '../../src/errors.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';
import { COVERAGE, DAYTIME_DUTY, ROSTER_CSV, TWO_COMMUNITIES } from '../format/_lib/reports.js';

let dir: string;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-write-')));
});

/** The problems of the error `promise` rejects with, as the CLI prints them. */
async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DutyComplianceError);
  return (error as DutyComplianceError).problems.map(formatProblem);
}

describe('writeFilesAtomically: errors name what could not be written', () => {
  it('names the report, the baseline and the waivers file, each by its path; writes none of them', async () => {
    const report = join(dir, 'report.sarif');
    writeFileSync(report, 'previous');
    const outputs = [
      { file: report, option: '--output', what: 'the report', text: 'new' },
      { file: join(dir, 'no-dir', 'baseline.json'), option: '--write-baseline', what: 'the baseline', text: '{}' },
      { file: join(dir, 'gone', 'waivers.yaml'), option: '--prune-waivers', what: 'the pruned waivers file', text: 'waivers: []\n' },
    ];
    expect(await problemsOf(writeFilesAtomically(outputs))).toEqual([
      `${join(dir, 'no-dir', 'baseline.json')} --write-baseline: cannot write the baseline: ENOENT: no such file or directory`,
      `${join(dir, 'gone', 'waivers.yaml')} --prune-waivers: cannot write the pruned waivers file: ENOENT: no such file or directory`,
    ]);
    expect(readFileSync(report, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['report.sarif']);
  });
});

describe('runCli: an unwritable file says what it was for', () => {
  const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir });

  beforeEach(() => {
    writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset({ communities: TWO_COMMUNITIES })));
    writeFileSync(join(dir, 'roster.csv'), ROSTER_CSV);
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error' } }));
  });

  const check = (...args: string[]) => cli('check', join(dir, 'dataset.json'), '--roster', join(dir, 'roster.csv'), '--config', join(dir, 'config.json'), ...args);

  it('--write-baseline into a missing directory: the baseline, and the report beside it is not written', async () => {
    const { code, stdout, stderr } = await check('--format', 'json', '--output', 'r.json', '--write-baseline', 'missing/baseline.json');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`  ${join(dir, 'missing', 'baseline.json')} --write-baseline: cannot write the baseline: ENOENT: no such file or directory\n`);
    expect(stderr).not.toContain('cannot write the report');
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it('diff --output into a missing directory: the comparison', async () => {
    await check('--format', 'json', '--output', 'a.json', '--fail-on', 'never');
    const { code, stderr } = await cli('diff', join(dir, 'a.json'), join(dir, 'a.json'), '--output', 'missing/diff.txt');
    expect(code).toBe(2);
    expect(stderr).toContain(`${join(dir, 'missing', 'diff.txt')} --output: cannot write the comparison: ENOENT`);
  });
});
