import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliCapturing } from '../_lib/cli.js';

const dir = 'test/cli/__fixtures__/small';
const dataset = `${dir}/dataset.json`;
const roster = `${dir}/roster.csv`;
const config = `${dir}/config.json`;

const cli = (...argv: string[]) => runCliCapturing(argv, { cwd: process.cwd() });

function temp(name: string, text: string): string {
  const d = mkdtempSync(join(tmpdir(), 'duty-compliance-cli-'));
  const file = join(d, name);
  writeFileSync(file, text);
  return file;
}

describe('duty-compliance check', () => {
  it('prints the JSON report of violations.md (snapshot) and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await cli('check', dataset, '--roster', roster, '--config', config, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(1);
    await expect(stdout).toMatchFileSnapshot('__snapshots__/small-report.json');
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({ errors: 2, warnings: 2, byRule: { 'community-policing/coverage': 2, 'community-policing/no-daytime-station-duty': 2 } });
    const duty = report.violations.filter((v: { ruleId: string }) => v.ruleId === 'community-policing/no-daytime-station-duty');
    // Line 3 starts the row whose quoted note holds a newline; the next row is on line 5.
    expect(duty.map((v: { evidence: { file: string; line: number }[] }) => v.evidence.map((e) => `${e.file}:${e.line}`))).toEqual([[`${roster}:3`], [`${roster}:5`]]);
  });

  it('--include subjects adds every judged subject with its measures; the rest of the report stays as it was', async () => {
    const plain = JSON.parse((await cli('check', dataset, '--roster', roster, '--config', config, '--format', 'json')).stdout);
    const { code, stdout, stderr } = await cli('check', dataset, '--roster', roster, '--config', config, '--format', 'json', '--include', 'subjects');
    expect([code, stderr]).toEqual([1, '']);
    const full = JSON.parse(stdout);
    expect(full.violations).toEqual(plain.violations);
    const coverage = full.rules.find((r: { id: string }) => r.id === 'community-policing/coverage');
    // Two communities on each of the seven dates, compliant dates too.
    expect(coverage.judged).toHaveLength(14);
    expect(coverage.judged.filter((j: { facts: { assignedOfficers: number; requiredOfficers: number } }) => j.facts.assignedOfficers >= j.facts.requiredOfficers).length).toBeGreaterThan(0);
    expect(full.rules.map((r: { judged?: unknown }) => r.judged === undefined)).not.toContain(true);
    const { rules: withMeasures, ...restFull } = full;
    const { rules: withoutMeasures, ...restPlain } = plain;
    expect(restFull).toEqual(restPlain);
    expect(withMeasures.map(({ judged: _j, ...r }: { judged: unknown }) => r)).toEqual(withoutMeasures);
  });

  it('says on stderr that the html charts need --include subjects, when it is not given', async () => {
    const without = await cli('check', dataset, '--roster', roster, '--format', 'html');
    expect(without.stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(without.stderr).toBe('duty-compliance: the html report draws its charts only with --include subjects\n');
    const withSubjects = await cli('check', dataset, '--roster', roster, '--format', 'html', '--include', 'subjects');
    expect(withSubjects.stderr).toBe('');
  });

  it('refuses an unknown --include part, and --include on diff', async () => {
    const bad = await cli('check', dataset, '--include', 'subjects,everything');
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain('--include: unknown report part (expected subjects, found everything)');
    const diff = await cli('diff', 'a.json', 'b.json', '--include', 'subjects');
    expect(diff.stderr).toContain('--include: an option of check, not of diff');
  });

  it('gives byte-identical output for the same input', async () => {
    const a = await cli('check', dataset, '--roster', roster, '--format', 'json');
    const b = await cli('check', dataset, '--roster', roster, '--format', 'json');
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.length).toBeGreaterThan(100);
  });

  it('writes English messages with --lang en', async () => {
    const { stdout } = await cli('check', dataset, '--roster', roster, '--config', config, '--format', 'json', '--lang', 'en');
    expect(JSON.parse(stdout).violations[0].message).toMatch(/^C1 \(云南中路居委\) has 2 community officer/);
  });

  it('prints a text report grouped by rule and subject, without colour when not a TTY', async () => {
    const { code, stdout } = await cli('check', dataset, '--roster', roster, '--config', config, '--lang', 'en');
    expect(code).toBe(1);
    expect(stdout).not.toMatch(/\u001b\[/);
    expect(stdout).toContain('community-policing/coverage');
    expect(stdout).toContain('  community C2');
    expect(stdout).toMatch(/4 violations \(2 errors, 2 warnings\)/);
  });

  it('exits 0 when only warnings remain, and 1 over --max-warnings', async () => {
    const warnOnly = temp('config.json', JSON.stringify({ extends: [], rules: { 'community-policing/no-daytime-station-duty': 'warn' } }));
    expect((await cli('check', dataset, '--roster', roster, '--config', warnOnly)).code).toBe(0);
    expect((await cli('check', dataset, '--roster', roster, '--config', warnOnly, '--max-warnings', '2')).code).toBe(0);
    expect((await cli('check', dataset, '--roster', roster, '--config', warnOnly, '--max-warnings', '1')).code).toBe(1);
  });

  it('exits 0 with no violations', async () => {
    const off = temp('config.json', JSON.stringify({ extends: [] }));
    const { code, stdout } = await cli('check', dataset, '--config', off, '--lang', 'en');
    expect(code).toBe(0);
    expect(stdout).toContain('no violations');
  });

  it('exits 2 on unusable input, listing every problem with file and line, printing nothing on stdout', async () => {
    const badRoster = temp('roster.csv', 'officer,start,end,type\nO9,2017-04-05T08:00,2017-04-05T12:00,x\nO1,2017-04-05T12:00,2017-04-05T11:00,x\n');
    const badDataset = temp('dataset.json', JSON.stringify({ units: [], communities: [{ id: 'C1', name: 'x', kind: 'residential', unit: 'PS1' }], officers: [{ id: 'O1', unit: 'PS1' }] }, null, 2));
    const { code, stdout, stderr } = await cli('check', badDataset, '--roster', badRoster, '--format', 'json');
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('the input cannot be used (4 problems)');
    expect(stderr).toContain(`${badDataset}:8:15 communities[0].unit: unknown unit`);
    expect(stderr).toContain(`${badRoster}:2:1 officer: unknown officer (expected the id or badge of an officer in officers[], found "O9")`);
    expect(stderr).toContain(`${badRoster}:3:3 end: the entry ends before or when it starts`);
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('exits 2 on a missing file', async () => {
    const { code, stderr } = await cli('check', 'no/such/dataset.json');
    expect(code).toBe(2);
    expect(stderr).toContain('no/such/dataset.json: file not found');
  });

  it('exits 2 on a bad config, naming the key and its line', async () => {
    const bad = temp('config.json', '{\n  "rules": {\n    "community-policing/nope": "error",\n    "community-policing/coverage": ["error", { "heavyLoadMinimum": 0, "typo": 1 }]\n  },\n  "settings": { "daytime": ["18:00", "08:00"] }\n}\n');
    const { code, stdout, stderr } = await cli('check', dataset, '--config', bad);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain('the config cannot be used (4 problems)');
    expect(stderr).toContain(`${bad}:3:32 rules["community-policing/nope"]: unknown rule id`);
    expect(stderr).toMatch(/rules\["community-policing\/coverage"\]\[1\]\.heavyLoadMinimum: too small/);
    expect(stderr).toMatch(/rules\["community-policing\/coverage"\]\[1\]\.typo: unknown key/);
    expect(stderr).toContain('settings.daytime: the window ends before or when it starts');
  });

  it('exits 2 on bad arguments, saying what was expected', async () => {
    for (const argv of [[], ['lint', dataset], ['check'], ['check', dataset, '--format', 'xml'], ['check', dataset, '--lang', 'fr'], ['check', dataset, '--max-warnings', 'x'], ['check', dataset, '--bogus']]) {
      const { code, stdout, stderr } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toContain('the command line cannot be used');
    }
  });

  it('prints help and version', async () => {
    expect((await cli('--help')).stdout).toContain('Usage:');
    expect((await cli('--version')).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
