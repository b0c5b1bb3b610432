import { describe, expect, it } from 'vitest';
import { isDutyComplianceError, type Problem } from '../../src/errors.js';
import { diffReports, formatDiffJson, formatDiffText, parseReport } from '../../src/report/diff.js';
import type { Report } from '../../src/report/types.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { sampleReport } from './_lib/sample-report.js';

const DUTY = 'community-policing/no-daytime-station-duty';

/** A report as `check --format json` prints it, read back. */
const roundTrip = (report: Report) => parseReport(`${JSON.stringify(report, null, 2)}\n`, 'report.json');

function problemsOf(text: string): Problem[] {
  try {
    parseReport(text, 'r.json');
  } catch (error) {
    if (isDutyComplianceError(error)) {
      expect(error.code).toBe('INPUT_INVALID');
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a DutyComplianceError');
}

describe('diffReports', () => {
  it('compares by fingerprint: new, fixed and unchanged, each in report order', async () => {
    const before = roundTrip(await sampleReport(['2017-04-05', '2017-04-06']));
    const after = roundTrip(await sampleReport(['2017-04-06', '2017-04-07']));
    const diff = diffReports(before, after, { old: 'main.json', new: 'branch.json' });
    expect(diff.violations.new.map((v) => [v.ruleId, v.period?.start])).toEqual([[DUTY, '2017-04-07']]);
    expect(diff.violations.fixed.map((v) => [v.ruleId, v.period?.start])).toEqual([[DUTY, '2017-04-05']]);
    expect(diff.violations.unchanged.map((v) => [v.ruleId, v.period?.start])).toEqual([
      ['community-policing/coverage', '2017-04-03'],
      [DUTY, '2017-04-06'],
    ]);
    expect(diff.summary).toEqual({
      new: { errors: 1, warnings: 0, suppressed: 0 },
      fixed: { errors: 1, warnings: 0, suppressed: 0 },
      unchanged: { errors: 1, warnings: 1, suppressed: 0 },
    });
    expect(diff.old).toEqual({ file: 'main.json', tool: { name: 'duty-compliance', version: before.tool.version }, period: { start: '2017-04-03', end: '2017-04-09' } });
  });

  it('ignores messages and evidence lines: only the identity counts', async () => {
    const zh = roundTrip(await sampleReport());
    const en = roundTrip(await sampleReport(undefined, 'en'));
    const diff = diffReports(zh, en);
    expect(diff.summary.new).toEqual({ errors: 0, warnings: 0, suppressed: 0 });
    expect(diff.violations.unchanged).toHaveLength(3);
  });

  it('counts a waived new violation apart: it is no new error', async () => {
    const before = await sampleReport(['2017-04-05']);
    const after = await sampleReport(['2017-04-05', '2017-04-06']);
    const waived = applyWaivers(after, [{ ruleId: DUTY, subject: { type: 'officer', id: 'O1' }, period: { start: '2017-04-06' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }], { today: '2026-01-01' });
    expect(diffReports(before, roundTrip(waived)).summary.new).toEqual({ errors: 0, warnings: 0, suppressed: 1 });
  });

  it('pairs violations that share a fingerprint one to one', async () => {
    const report = await sampleReport(['2017-04-05']);
    const duty = report.violations.find((v) => v.ruleId === DUTY)!;
    const twice = { ...report, violations: [...report.violations, duty] };
    expect(diffReports(report, twice).violations.new).toEqual([duty]);
    expect(diffReports(twice, report).violations.fixed).toEqual([duty]);
  });

  it('gives the same JSON for the same reports', async () => {
    const before = roundTrip(await sampleReport(['2017-04-05']));
    const after = roundTrip(await sampleReport(['2017-04-06']));
    const text = formatDiffJson(diffReports(before, after));
    expect(formatDiffJson(diffReports(roundTrip(await sampleReport(['2017-04-05'])), roundTrip(await sampleReport(['2017-04-06']))))).toBe(text);
    expect(Object.keys(JSON.parse(text))).toEqual(['old', 'new', 'summary', 'violations']);
  });
});

describe('formatDiffText', () => {
  it('lists new and fixed violations, counts the unchanged, in English', async () => {
    const diff = diffReports(await sampleReport(['2017-04-05'], 'en'), await sampleReport(['2017-04-06'], 'en'), { old: 'main.json', new: 'branch.json' });
    const lines = formatDiffText(diff, { language: 'en' }).split('\n');
    expect(lines[0]).toBe('duty-compliance diff: main.json (2017-04-03 – 2017-04-09) → branch.json (2017-04-03 – 2017-04-09)');
    expect(lines[2]).toBe('new 1 (1 error, 0 warnings)');
    expect(lines[3]).toMatch(/^ {2}\+ error {2}community-policing\/no-daytime-station-duty {2}officer O1 {2}2017-04-06 {2}\S/);
    expect(lines[4]).toBe('fixed 1 (1 error, 0 warnings)');
    expect(lines[5]).toMatch(/^ {2}- error {2}community-policing\/no-daytime-station-duty {2}officer O1 {2}2017-04-05 {2}/);
    expect(lines[6]).toBe('unchanged 1 (0 errors, 1 warning)');
    expect(lines[8]).toBe('✖ new 1 error, 0 warnings');
  });

  it('speaks zh-CN and says when nothing is new', async () => {
    const report = await sampleReport();
    const text = formatDiffText(diffReports(report, report), { language: 'zh-CN' });
    expect(text).toContain('新增 0 (0 个错误，0 个警告)');
    expect(text).toContain('未变 3 (2 个错误，1 个警告)');
    expect(text.trimEnd().endsWith('✔ 无新增违规')).toBe(true);
  });
});

describe('parseReport', () => {
  it('reads a JSON report back as it was written', async () => {
    const report = await sampleReport();
    expect(roundTrip(report)).toEqual(report);
  });

  it('says when a file is not a report at all (e.g. a SARIF log)', () => {
    const problems = problemsOf('{\n  "version": "2.1.0",\n  "runs": []\n}\n');
    expect(problems[0]).toEqual({ file: 'r.json', line: 1, column: 1, path: '', message: 'not a duty-compliance JSON report', expected: 'the output of duty-compliance check --format json' });
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'violations', message: 'required field is missing' })]));
  });

  it('locates a broken violation', async () => {
    const report = await sampleReport(['2017-04-05']);
    const text = JSON.stringify({ ...report, violations: [{ ...report.violations[0], severity: 'fatal', fingerprint: 42 }] }, null, 2);
    const problems = problemsOf(text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(problems).toEqual([
      expect.objectContaining({ file: 'r.json', path: 'violations[0].severity', line: line('"fatal"') }),
      expect.objectContaining({ file: 'r.json', path: 'violations[0].fingerprint', line: line('"fingerprint": 42') }),
    ]);
  });

  it('reports JSON syntax errors with their place', () => {
    expect(problemsOf('{"tool": }')[0]).toEqual({ file: 'r.json', line: 1, column: 10, message: 'JSON syntax error: value expected' });
  });
});
