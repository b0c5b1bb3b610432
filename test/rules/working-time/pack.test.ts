import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from '../../../src/check.js';
import { resolveConfig } from '../../../src/engine/resolve-config.js';
import { isDutyComplianceError, type Problem } from '../../../src/errors.js';
import { builtInRegistry } from '../../../src/rules/index.js';
import { runCliCapturing } from '../../_lib/cli.js';
import { dataset, officer } from '../../_lib/rule-tester.js';

/** The working-time pack as a whole: its preset, that it is off by default, and settings.workingTime. */
const entry = (start: string, end: string, type: string, officerId = 'S1') => ({ officer: officerId, start, end, type });
/** A station officer with two short rests (04-05, 04-06), a 48-hour week and seven days in a row. */
const busy = dataset({
  period: { start: '2017-04-03', end: '2017-04-09' },
  officers: [officer('S1')],
  roster: [
    ...[3, 4, 5, 6, 7, 8, 9].map((d) => entry(`2017-04-0${d}T08:00`, `2017-04-0${d}T14:00`, '所内值班')),
    entry('2017-04-05T20:00', '2017-04-06T02:00', '所内值班'),
  ],
});

describe('the working-time pack', () => {
  it('is off unless a config extends it: the default preset is community-policing/recommended', async () => {
    const report = await check(busy);
    expect(report.violations.filter((v) => v.ruleId.startsWith('working-time/'))).toEqual([]);
  });

  it('working-time/recommended turns on daily-rest as an error and the two others as warnings', async () => {
    expect(Object.fromEntries(builtInRegistry().presets.get('working-time/recommended')!)).toEqual({
      'working-time/consecutive-workdays': 'warn',
      'working-time/daily-rest': 'error',
      'working-time/weekly-hours': 'warn',
    });
    const report = await check(busy, { config: { extends: ['community-policing/recommended', 'working-time/recommended'] }, language: 'en' });
    const found = report.violations.filter((v) => v.ruleId.startsWith('working-time/'));
    expect(found.map((v) => [v.ruleId, v.severity, v.subject.id, v.period?.start, v.expected, v.actual])).toEqual([
      ['working-time/consecutive-workdays', 'warning', 'S1', '2017-04-03', 6, 7],
      ['working-time/daily-rest', 'error', 'S1', '2017-04-05', 660, 360],
      ['working-time/daily-rest', 'error', 'S1', '2017-04-06', 660, 360],
      ['working-time/weekly-hours', 'warning', 'S1', '2017-04-03', 2400, 2880],
    ]);
    expect(found.map((v) => v.message)).toEqual([
      'Officer S1 (警员S1) worked 7 days in a row from 2017-04-03 to 2017-04-09; at most 6 are allowed',
      'Officer S1 (警员S1) rested only 360 minutes before the duty starting on 2017-04-05; at least 660 are required',
      'Officer S1 (警员S1) rested only 360 minutes before the duty starting on 2017-04-06; at least 660 are required',
      'Officer S1 (警员S1) worked 2880 minutes from 2017-04-03 to 2017-04-09; at most 2400 a week are allowed',
    ]);
  });

  it('takes options as config.md says', async () => {
    const report = await check(busy, {
      config: {
        extends: ['working-time/recommended'],
        rules: { 'working-time/daily-rest': ['warn', { minRestMinutes: 360 }], 'working-time/weekly-hours': ['warn', { maxMinutesPerWeek: 2880 }], 'working-time/consecutive-workdays': ['error', { maxConsecutiveDays: 7 }] },
      },
    });
    expect(report.violations.filter((v) => v.ruleId.startsWith('working-time/'))).toEqual([]);
  });
});

describe('settings.workingTime', () => {
  const problemsOf = (settings: unknown): Problem[] => {
    try {
      resolveConfig({ extends: ['working-time/recommended'], settings }, builtInRegistry());
    } catch (error) {
      if (isDutyComplianceError(error)) {
        expect(error.code).toBe('CONFIG_INVALID');
        return error.problems;
      }
      throw error;
    }
    return [];
  };
  const summary = (settings: unknown) => problemsOf(settings).map((p) => `${p.path}: ${p.message}`);

  it('resolves the defaults, and a configured list replacing them, normalised', () => {
    expect(resolveConfig({}, builtInRegistry()).settings.workingTime).toEqual({ countsAsWork: ['training', '培训'], breakMinutes: 120 });
    expect(resolveConfig({ settings: { workingTime: { countsAsWork: [' Drill '], breakMinutes: 0 } } }, builtInRegistry()).settings.workingTime).toEqual({ countsAsWork: ['drill'], breakMinutes: 0 });
    expect(resolveConfig({ settings: { workingTime: { countsAsWork: [] } } }, builtInRegistry()).settings.workingTime).toEqual({ countsAsWork: [], breakMinutes: 120 });
  });

  it('an unknown key is a config error', () => {
    expect(summary({ workingTime: { restMinutes: 600 } })).toEqual(['settings.workingTime.restMinutes: unknown key']);
    expect(summary({ workingTime: JSON.parse('{"__proto__": {"breakMinutes": 1}}') })).toEqual([
      'settings.workingTime.__proto__: a key named "__proto__" is not data',
      'settings.workingTime.__proto__: unknown key',
    ]);
    expect(({} as Record<string, unknown>).breakMinutes).toBeUndefined();
  });

  it('a negative or non-integer breakMinutes is a config error', () => {
    expect(summary({ workingTime: { breakMinutes: -1 } })).toEqual(['settings.workingTime.breakMinutes: too small']);
    expect(summary({ workingTime: { breakMinutes: 1.5 } })).toEqual(['settings.workingTime.breakMinutes: wrong type']);
    expect(summary({ workingTime: { breakMinutes: '120' } })).toEqual(['settings.workingTime.breakMinutes: wrong type']);
  });

  it('a type that is not a non-empty string, or a list that is not a list, is a config error', () => {
    expect(summary({ workingTime: { countsAsWork: ['培训', 7, '  '] } })).toEqual(['settings.workingTime.countsAsWork[1]: wrong type', 'settings.workingTime.countsAsWork[2]: too small']);
    expect(summary({ workingTime: { countsAsWork: '培训' } })).toEqual(['settings.workingTime.countsAsWork: wrong type']);
    expect(summary({ workingTime: [] })).toEqual(['settings.workingTime: wrong type']);
  });

  it('the CLI lists every problem at once with its file, line and column, and exits 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'duty-compliance-wt-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, '{\n  "extends": ["working-time/recommended"],\n  "settings": {\n    "workingTime": {\n      "breakMinutes": -1,\n      "countsAsWork": ["培训", 7],\n      "restMinutes": 600\n    }\n  }\n}\n');
    const run = await runCliCapturing(['check', 'test/cli/__fixtures__/small/dataset.json', '--config', file], { cwd: process.cwd() });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('the config cannot be used (3 problems)');
    expect(run.stderr).toContain(`${file}:5:23 settings.workingTime.breakMinutes: too small (expected >= 0, found -1)`);
    expect(run.stderr).toContain(`${file}:6:30 settings.workingTime.countsAsWork[1]: wrong type (expected string, found 7)`);
    expect(run.stderr).toContain(`${file}:7:22 settings.workingTime.restMinutes: unknown key`);
  });
});
