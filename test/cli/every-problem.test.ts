import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { resolveConfig } from '../../src/engine/resolve-config.js';
import { DutyComplianceError, formatProblem } from '../../src/errors.js';
import { builtInRegistry } from '../../src/rules/index.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';

/** One run lists the problems of every input it was given. */
let dir: string;
beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-every-')));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir });
const file = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DutyComplianceError) return error.problems.map(formatProblem);
    throw error;
  }
  return [];
}

describe('every input at once', () => {
  it('a bad config, a bad dataset, a bad roster and a bad waivers file: all of them, each located', async () => {
    const data = file('dataset.json', JSON.stringify({ ...dataset(), communities: [{ id: 'C1', name: 'c', unit: 'NOPE', kind: 'residential' }] }, null, 2));
    const roster = file('roster.csv', 'officer,start,end,type\nO1,2017-04-05T10:00,2017-04-05T09:00,x\n');
    const config = file('config.json', '{\n  "rulez": {}\n}\n');
    const waivers = file('waivers.yaml', 'waivers:\n  - reason: r\n');
    const { code, stdout, stderr } = await cli('check', data, '--roster', roster, '--config', config, '--waivers', waivers);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toContain(`${config}:2:12 rulez: unknown key`);
    expect(stderr).toMatch(new RegExp(`${data.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ communities\\[0\\]\\.unit: unknown unit`));
    expect(stderr).toContain(`${roster}:2:3 end: the entry ends before or when it starts`);
    expect(stderr).toContain(`${waivers}:2:5 waivers[0].owner: required field is missing`);
  });

  it('five missing files: all five named', async () => {
    const names = ['d.json', 'r1.csv', 'r2.ndjson', 'c.json', 'w.yaml'].map((n) => join(dir, n));
    const [d, r1, r2, c, w] = names;
    const { code, stderr } = await cli('check', d!, '--roster', r1!, '--roster', r2!, '--config', c!, '--waivers', w!, '--baseline', join(dir, 'b.json'));
    expect(code).toBe(2);
    for (const name of [...names, join(dir, 'b.json')]) expect(stderr).toContain(`  ${name}: file not found`);
    expect(stderr.split('\n')[0]).toBe('duty-compliance: the input cannot be used (6 problems):');
  });

  it('check(): a bad config does not hide the dataset', async () => {
    const error = await check({ ...dataset(), units: [{ id: 7 }] }, { config: { rules: { 'x/y': 'error' } } }).catch((e: unknown) => e);
    expect((error as DutyComplianceError).problems.map(formatProblem).slice(0, 3)).toEqual([
      'rules["x/y"]: unknown rule id (expected a rule id such as community-policing/coverage, found "x/y")',
      'units[0].id: wrong type (expected string, found 7)',
      'units[0].name: required field is missing (expected string, found nothing)',
    ]);
  });
});

describe('a config: schema errors do not hide unknown rule ids and bad options', () => {
  it('an unknown top-level key, an unknown rule id and an unknown option, together', () => {
    const config = { rulez: 1, rules: { 'nope/x': 'error', 'community-policing/five-half-days': ['error', { bogus: 1 }] } };
    expect(problemsOf(() => resolveConfig(config, builtInRegistry(), 'c.json'))).toEqual([
      'c.json rulez: unknown key (expected a key this object has (see the docs), found 1)',
      'c.json rules["nope/x"]: unknown rule id (expected a rule id such as community-policing/coverage, found "nope/x")',
      'c.json rules["community-policing/five-half-days"][1].bogus: unknown key (expected a key this object has (see the docs), found 1)',
    ]);
  });

  it('__proto__ as a rule id, an option name and a half-day window name: errors, not dropped', () => {
    const config = JSON.parse(
      '{"rules": {"__proto__": "off", "community-policing/no-diversion": ["error", {"__proto__": {"allowedMinutesPerWeek": 600}}]}, "settings": {"halfDayWindows": {"am": ["08:00", "12:00"], "__proto__": ["13:00", "17:00"]}}}',
    ) as unknown;
    expect(problemsOf(() => resolveConfig(config, builtInRegistry(), 'c.json'))).toEqual([
      'c.json rules.__proto__: a key named "__proto__" is not data (expected another key, found "__proto__")',
      'c.json rules["community-policing/no-diversion"][1].__proto__: a key named "__proto__" is not data (expected another key, found "__proto__")',
      'c.json settings.halfDayWindows.__proto__: a key named "__proto__" is not data (expected another key, found "__proto__")',
    ]);
    expect(({} as Record<string, unknown>).allowedMinutesPerWeek).toBeUndefined();
  });

  it('in a config file, __proto__ is refused when it is parsed, located', async () => {
    const config = file('config.json', '{\n  "settings": { "halfDayWindows": { "__proto__": ["13:00", "17:00"] } }\n}\n');
    const data = file('dataset.json', JSON.stringify(dataset()));
    const { code, stderr } = await cli('check', data, '--config', config);
    expect(code).toBe(2);
    expect(stderr).toContain(`${config}:2:37 settings.halfDayWindows.__proto__: a key named "__proto__" is not data`);
  });
});

describe('problems of a whole document are located too (line 1)', () => {
  it('an empty waivers file, a config that is null, a JSON file that is no report', async () => {
    const data = file('dataset.json', JSON.stringify(dataset()));
    const waivers = file('waivers.yaml', '');
    const config = file('config.json', 'null\n');
    const run = await cli('check', data, '--config', config, '--waivers', waivers);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`  ${config}:1:1: wrong type (expected object, found null)`);
    expect(run.stderr).toContain(`  ${waivers}:1:1: wrong type (expected object, found null)`);
    const report = file('report.json', '\n {"tool": 1}');
    const diff = await cli('diff', report, report);
    expect(diff.stderr).toContain(`  ${report}:2:2: not a duty-compliance JSON report`);
  });
});
