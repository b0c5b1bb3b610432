import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';
import { COVERAGE, DAYTIME_DUTY, ROSTER_CSV, TWO_COMMUNITIES } from '../format/_lib/reports.js';

let dir: string;
/** Absolute paths: the check reads inputs relative to the process, outputs relative to io.cwd. */
let files: { dataset: string; roster: string; errorsAndWarnings: string; warningsOnly: string };

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-cli-')));
  files = {
    dataset: join(dir, 'dataset.json'),
    roster: join(dir, 'roster.csv'),
    errorsAndWarnings: join(dir, 'errors.config.json'),
    warningsOnly: join(dir, 'warnings.config.json'),
  };
  writeFileSync(files.dataset, JSON.stringify(dataset({ communities: TWO_COMMUNITIES })));
  writeFileSync(files.roster, ROSTER_CSV);
  writeFileSync(files.errorsAndWarnings, JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error' } }));
  writeFileSync(files.warningsOnly, JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn' } }));
});

const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir });

/** `check` with the test files and a config; `config` picks which findings there are. */
const check = (config: 'errorsAndWarnings' | 'warningsOnly', ...args: string[]) =>
  cli('check', files.dataset, '--roster', files.roster, '--config', files[config], ...args);

describe('runCli: formats and outputs', () => {
  it('--help names every format and the new options', async () => {
    const { code, stdout } = await cli('--help');
    expect(code).toBe(0);
    for (const word of ['text', 'json', 'sarif', 'junit', 'github', '--output FILE', '--fail-on', '--max-warnings']) expect(stdout).toContain(word);
  });

  it('defaults to the text report on stdout', async () => {
    const { code, stdout, stderr } = await check('errorsAndWarnings');
    expect([code, stderr]).toEqual([1, '']);
    expect(stdout).toContain(DAYTIME_DUTY);
    expect(stdout).not.toContain('\u001b[');
  });

  it('pairs each --format with the --output after it, in order', async () => {
    const { code, stdout, stderr } = await check('errorsAndWarnings', '--format', 'sarif', '--output', 'a.sarif', '--format', 'json', '--output', 'out/../r.json');
    expect([code, stdout, stderr]).toEqual([1, '', '']);
    const log = JSON.parse(readFileSync(join(dir, 'a.sarif'), 'utf8')) as Log;
    expect(log.version).toBe('2.1.0');
    const report = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as Report;
    expect(report.summary).toMatchObject({ errors: 2, warnings: 1 });
  });

  it('a --format without an --output goes to stdout, the others to their files', async () => {
    const { stdout } = await check('errorsAndWarnings', '--format', 'junit', '--output', 'junit.xml', '--format', 'github');
    expect(stdout).toMatch(/^::warning file=dataset\.json,title=/);
    expect(stdout).toMatch(/^::error file=roster\.csv,line=2,title=/m);
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/^<\?xml /);
  });

  it('tells the formats where the input came from: dataset-only findings point at the dataset file', async () => {
    await check('errorsAndWarnings', '--format', 'sarif', '--output', 'a.sarif');
    const log = JSON.parse(readFileSync(join(dir, 'a.sarif'), 'utf8')) as Log;
    const coverage = log.runs[0]!.results!.find((r) => r.ruleId === COVERAGE)!;
    expect(coverage.locations![0]!.physicalLocation!.artifactLocation).toEqual({ uri: 'dataset.json', uriBaseId: '%SRCROOT%' });
  });

  it('a lone --output writes the text report to the file', async () => {
    const { stdout } = await check('errorsAndWarnings', '--output', 'report.txt', '--lang', 'en');
    expect(stdout).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toContain('violations (2 errors, 1 warning)');
  });

  it('writes the same bytes as the formatter, and --format=x --output=y works', async () => {
    await check('errorsAndWarnings', '--format=json', '--output=one.json');
    const { stdout } = await check('errorsAndWarnings', '--format', 'json');
    expect(readFileSync(join(dir, 'one.json'), 'utf8')).toBe(stdout);
  });

  const usageErrors: [name: string, args: string[], says: RegExp][] = [
    ['two reports to stdout', ['--format', 'json', '--format', 'sarif'], /more than one report would go to stdout/],
    ['an --output before any --format when formats are given', ['--output', 'a.json', '--format', 'json'], /--output: an --output that follows no --format/],
    ['two --output for one --format', ['--format', 'json', '--output', 'a.json', '--output', 'b.json'], /--output: an --output that follows no --format/],
    ['two lone --output', ['--output', 'a.txt', '--output', 'b.txt'], /a second --output with no --format/],
    ['two reports to one file', ['--format', 'json', '--output', 'a.json', '--format', 'sarif', '--output', './a.json'], /two reports to the same file/],
    ['an unknown format', ['--format', 'xml'], /--format: unknown format \(expected text \| json \| sarif \| junit \| github/],
    ['an unknown --fail-on', ['--fail-on', 'info'], /--fail-on: unknown level \(expected error \| warning \| never/],
    ['a bad --max-warnings', ['--max-warnings', '-1'], /--max-warnings/],
  ];
  for (const [name, args, says] of usageErrors) {
    it(`exits 2 on ${name}, writing nothing`, async () => {
      const { code, stdout, stderr } = await check('errorsAndWarnings', ...args);
      expect([code, stdout]).toEqual([2, '']);
      expect(stderr).toMatch(says);
      expect(readdirSync(dir).sort()).toEqual(['dataset.json', 'errors.config.json', 'roster.csv', 'warnings.config.json']);
    });
  }

  it('lists every usage problem at once', async () => {
    const { stderr } = await check('errorsAndWarnings', '--format', 'xml', '--fail-on', 'sometimes', '--lang', 'fr');
    expect(stderr).toMatch(/\(3 problems\)/);
  });

  it('an unwritable output leaves every file as it was: no half-written report, no temp file', async () => {
    writeFileSync(join(dir, 'a.sarif'), 'previous report');
    const { code, stdout, stderr } = await check('errorsAndWarnings', '--format', 'sarif', '--output', 'a.sarif', '--format', 'json', '--output', 'missing/r.json', '--format', 'text');
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/missing\/r\.json --output: cannot write the report: ENOENT: no such file or directory\n/);
    expect(readFileSync(join(dir, 'a.sarif'), 'utf8')).toBe('previous report');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('an --output that is a directory is refused before anything is written', async () => {
    mkdirSync(join(dir, 'taken.json'));
    const { code, stderr } = await check('errorsAndWarnings', '--format', 'json', '--output', 'taken.json');
    expect(code).toBe(2);
    expect(stderr).toMatch(/taken\.json --output: is a directory/);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('runCli: exit policy', () => {
  const cases: [name: string, config: 'errorsAndWarnings' | 'warningsOnly', args: string[], code: number][] = [
    ['errors fail by default', 'errorsAndWarnings', [], 1],
    ['warnings alone pass by default', 'warningsOnly', [], 0],
    ['--fail-on warning fails on a warning', 'warningsOnly', ['--fail-on', 'warning'], 1],
    ['--fail-on never passes with errors', 'errorsAndWarnings', ['--fail-on', 'never'], 0],
    ['--max-warnings 0 fails on a warning', 'warningsOnly', ['--max-warnings', '0'], 1],
    ['--max-warnings 1 passes one warning', 'warningsOnly', ['--max-warnings', '1'], 0],
    ['--max-warnings applies under --fail-on never', 'warningsOnly', ['--fail-on', 'never', '--max-warnings', '0'], 1],
  ];
  for (const [name, config, args, code] of cases) {
    it(name, async () => {
      const run = await check(config, '--format', 'json', ...args);
      expect([run.code, run.stderr]).toEqual([code, '']);
    });
  }
});
