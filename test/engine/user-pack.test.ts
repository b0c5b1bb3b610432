import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { isDutyComplianceError } from '../../src/errors.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset, ruleTester } from '../_lib/rule-tester.js';

/**
 * A user's pack, written as data in a folder outside the project (docs/packs.md's worked
 * example): at least 11 hours of rest between two duty periods. It runs through `--rules DIR`,
 * through the library's `rulePacks`, and through the same RuleTester as the built-in rules.
 */
const ROOT = mkdtempSync(join(tmpdir(), 'duty-compliance-pack-'));
const PACK = join(ROOT, 'city-rest');
mkdirSync(PACK);
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));

const MIN_REST = {
  id: 'city-rest/min-rest',
  title: { 'zh-CN': '两次勤务之间至少休息11小时', en: 'At least 11 hours of rest between duties' },
  description: { 'zh-CN': '同一民警两段勤务之间的休息不少于 minRestMinutes 分钟。', en: 'An officer rests at least minRestMinutes between two duty periods.' },
  severity: 'error',
  subjectType: 'officer',
  options: { minRestMinutes: { type: 'integer', default: 660, minimum: 0, description: { 'zh-CN': '最少休息分钟数', en: 'Least minutes of rest' } } },
  facts: { shortRests: 'Rests shorter than the minimum that end on the date', shortestRest: 'The shortest of them, in minutes', minRestMinutes: 'The minimum (the option)' },
  expected: 'minRestMinutes',
  actual: 'shortestRest',
  checks: [{ conditions: { all: [{ fact: 'shortRests', operator: 'greaterThan', value: 0 }] }, event: { type: 'violation', params: { messageId: 'shortRest' } } }],
  for: { each: ['officer', 'date'] },
  let: {
    rests: { rests: { of: { entries: { categories: ['community', 'station-duty', 'other'] } }, breakMinutes: 0, startsOn: 'subject' } },
    short: { filter: [{ var: 'rests' }, { '<': [{ var: 'item.minutes' }, { option: 'minRestMinutes' }] }] },
    shortRests: { count: { var: 'short' } },
    shortestRest: { minOf: [{ var: 'short' }, { var: 'item.minutes' }] },
    minRestMinutes: { option: 'minRestMinutes' },
  },
  evidence: [{ each: { var: 'short' } }],
  messageData: { officer: { label: ['officer', { var: 'officer.id' }] } },
  messages: { shortRest: { 'zh-CN': '{{officer}} 在 {{start}} 前仅休息 {{actual}} 分钟，应不少于 {{expected}} 分钟', en: '{{officer}} rested {{actual}} minutes before duty on {{start}}; at least {{expected}} are required' } },
};
writeFileSync(join(PACK, 'min-rest.json'), JSON.stringify(MIN_REST, null, 2));

const entry = (start: string, end: string, type = '所内值班') => ({ officer: 'O1', start, end, type });
const night = entry('2017-04-05T18:00', '2017-04-06T02:00');

ruleTester(
  'city-rest/min-rest',
  {
    valid: [
      { name: 'exactly 11 hours of rest', dataset: dataset({ roster: [night, entry('2017-04-06T13:00', '2017-04-06T17:00', '社区工作')] }) },
      { name: 'leave is no duty, so it breaks nothing', dataset: dataset({ roster: [night, entry('2017-04-06T08:00', '2017-04-06T12:00', '休假')] }) },
      { name: 'a shorter minimum in the options', dataset: dataset({ roster: [night, entry('2017-04-06T12:00', '2017-04-06T17:00', '社区工作')] }), options: { minRestMinutes: 600 } },
    ],
    invalid: [
      {
        name: 'one minute short: the entries around the rest are the evidence',
        dataset: dataset({ roster: [night, entry('2017-04-06T12:59', '2017-04-06T17:00', '社区工作')] }),
        errors: [
          {
            messageId: 'shortRest',
            subject: { type: 'officer', id: 'O1' },
            period: { start: '2017-04-06', end: '2017-04-06' },
            expected: 660,
            actual: 659,
            evidence: [{ index: 0 }, { index: 1 }],
            messageIncludes: '仅休息 659 分钟',
          },
        ],
      },
    ],
  },
  { rulePacks: () => [PACK] },
);

describe('a user pack outside the project', () => {
  const data = dataset({ roster: [night, entry('2017-04-06T08:00', '2017-04-06T12:00', '社区工作')] });
  const datasetFile = join(ROOT, 'dataset.json');
  writeFileSync(datasetFile, JSON.stringify(data));
  const configFile = join(ROOT, 'config.json');
  writeFileSync(configFile, JSON.stringify({ extends: ['city-rest/recommended'] }));

  it('runs through the library (rulePacks) with its preset', async () => {
    const report = await check(data, { rulePacks: [PACK], config: { extends: ['city-rest/recommended'] } });
    expect(report.violations.map((v) => [v.ruleId, v.actual])).toEqual([['city-rest/min-rest', 360]]);
  });

  it('runs through --rules DIR', async () => {
    const run = await runCliCapturing(['check', datasetFile, '--rules', PACK, '--config', configFile, '--format', 'json'], { cwd: ROOT });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as { violations: { ruleId: string; expected: number; actual: number }[] };
    expect(report.violations.map((v) => [v.ruleId, v.expected, v.actual])).toEqual([['city-rest/min-rest', 660, 360]]);
  });

  it('is off unless a config enables it', async () => {
    const report = await check(data, { rulePacks: [PACK] });
    expect(report.violations.filter((v) => v.ruleId.startsWith('city-rest/'))).toEqual([]);
  });

  it('a malformed rule file is a located error, exit 2, every problem at once', async () => {
    const bad = join(ROOT, 'bad-pack');
    mkdirSync(bad);
    const rule = structuredClone(MIN_REST) as Record<string, unknown>;
    rule.id = 'bad-pack/min-rest';
    (rule.let as Record<string, unknown>).shortRests = { count: { var: 'shrot' } };
    (rule.let as Record<string, unknown>).rests = { rests: { of: { entries: { categories: ['work'] } }, breakMinutes: 0 } };
    writeFileSync(join(bad, 'min-rest.json'), JSON.stringify(rule, null, 2));
    writeFileSync(join(bad, 'broken.json'), '{ "id": "bad-pack/broken", ');
    const run = await runCliCapturing(['check', datasetFile, '--rules', bad], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const file = join(bad, 'min-rest.json');
    const text = readFileSync(file, 'utf8');
    const lineOf = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(run.stderr).toContain(`${file}:${lineOf('"shrot"')}:`);
    expect(run.stderr).toContain('let.shortRests.count.var');
    expect(run.stderr).toContain('unknown name');
    // The list is located where it starts, the line of its key.
    expect(run.stderr).toContain(`${file}:${lineOf('"categories"')}:`);
    expect(run.stderr).toContain('let.rests.rests.of.entries.categories');
    expect(run.stderr).toContain(join(bad, 'broken.json'));
  });

  it('a rule id that is not <pack>/<file name>, and a pack named like a built-in one, are errors', async () => {
    const clash = join(ROOT, 'community-policing');
    mkdirSync(clash);
    writeFileSync(join(clash, 'min-rest.json'), JSON.stringify({ ...MIN_REST, id: 'community-policing/other-name' }));
    const error = await check(data, { rulePacks: [clash] }).catch((e: unknown) => e);
    expect(isDutyComplianceError(error)).toBe(true);
    const messages = (error as { problems: { message: string; expected?: string }[] }).problems.map((p) => `${p.message} ${p.expected ?? ''}`);
    expect(messages).toEqual(expect.arrayContaining([expect.stringContaining("a pack's rule id is <pack>/<file name>"), expect.stringContaining('the pack "community-policing" is built in')]));
  });
});
