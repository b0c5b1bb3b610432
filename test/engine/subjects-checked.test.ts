import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { dataset } from '../_lib/rule-tester.js';

const TWO = [
  { id: 'C1', name: 'a', kind: 'residential', unit: 'PS1' },
  { id: 'C2', name: 'b', kind: 'residential', unit: 'PS1' },
];
const CONFIG = { extends: [], rules: { 'community-policing/coverage': 'error', 'community-policing/mobile-terminal': 'warn' } };

describe('check: the report describes the rules that ran', () => {
  it('lists each rule that ran with its titles, severity and every distinct subject it judged, passing ones included', async () => {
    const report = await check(dataset({ communities: TWO }), { config: CONFIG });
    expect(report.violations.map((v) => v.subject.id)).toEqual(['C2']);
    expect(report.rules.map((r) => [r.id, r.severity, r.subjectType])).toEqual([
      ['community-policing/coverage', 'error', 'community'],
      ['community-policing/mobile-terminal', 'warning', 'officer'],
    ]);
    const coverage = report.rules[0]!;
    expect(coverage.title).toEqual({ 'zh-CN': '一居一警、一村一警', en: expect.stringMatching(/\w/) });
    expect(coverage.subjects).toEqual([
      { type: 'community', id: 'C1' },
      { type: 'community', id: 'C2' },
    ]);
    // mobile-terminal judged O1 and found nothing (no mobileTerminal field: no check holds).
    expect(report.rules[1]!.subjects).toEqual([{ type: 'officer', id: 'O1' }]);
    expect(coverage.judged).toBeUndefined();
    expect(report.timezone).toBe('Asia/Shanghai');
    expect(report.language).toBe('zh-CN');
    expect(report.source).toBeUndefined();
  });

  it("carries the dataset's own time zone", async () => {
    const report = await check({ ...dataset({ communities: TWO }), timezone: 'Europe/Berlin' }, { config: CONFIG });
    expect(report.timezone).toBe('Europe/Berlin');
  });

  it("with include: ['subjects'], every judged subject's plain measures, compliant ones too", async () => {
    const report = await check(dataset({ communities: TWO }), { config: CONFIG, include: ['subjects'] });
    const judged = report.rules[0]!.judged!;
    const dates = 7; // the test dataset's period is one ISO week
    expect(judged).toHaveLength(2 * dates);
    expect(judged[0]).toEqual({
      subject: { type: 'community', id: 'C1' },
      period: { start: '2017-04-03', end: '2017-04-03' },
      facts: { assignedOfficers: 1, requiredOfficers: 1 },
    });
    expect(judged.filter((j) => j.subject.id === 'C2').every((j) => j.facts.assignedOfficers === 0)).toBe(true);
    for (const j of judged) for (const value of Object.values(j.facts)) expect(['number', 'boolean', 'string'].includes(typeof value) || value === null).toBe(true);
    // The violations are the same with or without the measures.
    const without = await check(dataset({ communities: TWO }), { config: CONFIG });
    expect(report.violations).toEqual(without.violations);
  });
});
