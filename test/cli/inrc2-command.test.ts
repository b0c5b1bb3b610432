import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runInrc2, type Inrc2Command } from '../../src/cli/inrc2-command.js';
import { parseCommandLine } from '../../src/cli/run-cli.js';
import { isDutyComplianceError } from '../../src/errors.js';
import type { Report } from '../../src/report/types.js';
import { runCliCapturing } from '../_lib/cli.js';

const FIXTURES = join(fileURLToPath(new URL('../..', import.meta.url)), 'fixtures', 'inrc2');
const INSTANCES = join(FIXTURES, 'instances');
const CASE = join(FIXTURES, 'solutions', 'n005w4_0_1-2-3-3');
const dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-inrc2-')));
const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir });

function usageProblems(argv: string[]): string[] {
  try {
    parseCommandLine(argv, dir);
  } catch (error) {
    if (isDutyComplianceError(error)) return error.problems.map((p) => `${p.path ?? ''}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('duty-compliance inrc2: the command line', () => {
  it('parses CASE_DIR, --instances, one --format, --output, --lang and the exit policy', () => {
    expect(parseCommandLine(['inrc2', CASE, '--instances', INSTANCES, '--format', 'json', '--output', 'r.json', '--lang', 'en', '--fail-on', 'warning'], dir)).toEqual({
      command: 'inrc2',
      caseDir: CASE,
      instances: INSTANCES,
      format: 'json',
      output: join(dir, 'r.json'),
      language: 'en',
      exitPolicy: { failOn: 'warning' },
    });
    expect(parseCommandLine(['inrc2', CASE, '--instances', INSTANCES], dir)).toMatchObject({ format: 'text', language: 'zh-CN', exitPolicy: {} });
  });

  it('lists every usage problem at once', () => {
    expect(usageProblems(['inrc2'])).toEqual([': no case folder given', '--instances: no instances folder given']);
    expect(usageProblems(['inrc2', 'a', 'b', '--instances', 'i', '--format', 'sarif', '--roster', 'r.csv', '--config', 'c.json', '--output', 'x', '--output', 'y'])).toEqual([
      ': unexpected arguments',
      '--format: unknown format for inrc2',
      '--output: inrc2 writes one report',
      '--roster: not an option of inrc2',
      '--config: not an option of inrc2',
    ]);
    expect(usageProblems(['check', 'dataset.json', '--instances', 'i'])).toEqual(['--instances: an option of inrc2, not of check']);
  });

  it('exits 2 on a bad command line or an unusable case, with the problems on stderr and nothing on stdout', async () => {
    const usage = await cli('inrc2', CASE);
    expect([usage.code, usage.stdout]).toEqual([2, '']);
    expect(usage.stderr).toContain('--instances: no instances folder given');
    const missing = await cli('inrc2', join(FIXTURES, 'solutions'), '--instances', INSTANCES);
    expect([missing.code, missing.stdout]).toEqual([2, '']);
    expect(missing.stderr).toBe(`duty-compliance: the input cannot be used (1 problem):\n  ${join(FIXTURES, 'solutions', 'case.json')}: file not found: a case folder holds case.json\n`);
  });

  it('is in --help', async () => {
    expect((await cli('--help')).stdout).toContain('duty-compliance inrc2 CASE_DIR --instances DIR [--format text|json]');
  });
});

describe('runInrc2: the loaded case through check (rules replaced by an empty config)', () => {
  const command = (over: Partial<Inrc2Command> = {}): Inrc2Command => ({ command: 'inrc2', caseDir: CASE, instances: INSTANCES, format: 'json', language: 'en', exitPolicy: {}, ...over });
  const run = async (c: Inrc2Command) => {
    let stdout = '';
    const code = await runInrc2(c, { stdout: (t) => (stdout += t), cwd: dir, isTTY: false }, { extends: [] });
    return { code, stdout };
  };

  it('prints the JSON report of the case: 5 nurses, 103 assignments, 4 weeks', async () => {
    const { code, stdout } = await run(command());
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.period).toEqual({ start: '2024-01-01', end: '2024-01-28' });
    expect(report.checked).toMatchObject({ officers: 5, rosterEntries: 103 });
    expect(report.violations).toEqual([]);
    expect(report).not.toHaveProperty('score');
  });

  it('prints the text report, with no score line when the rules gave no score', async () => {
    const { code, stdout } = await run(command({ format: 'text' }));
    expect(code).toBe(0);
    expect(stdout).toContain('no violations');
    expect(stdout).not.toContain('Hard:');
  });

  it('writes --output instead of stdout; the same case gives the same bytes', async () => {
    const file = join(dir, 'report.json');
    const { stdout } = await run(command({ output: file }));
    expect(stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe((await run(command())).stdout);
  });
});
