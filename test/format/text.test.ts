import { beforeAll, describe, expect, it } from 'vitest';
import { textFormatter } from '../../src/format/text.js';
import { applyBaseline, createBaseline } from '../../src/report/baseline.js';
import type { BaselineEntry, Report, WaiverEntry } from '../../src/report/types.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { checkTempFiles, contextFor, COVERAGE, DAYTIME_DUTY, type CheckedFiles } from './_lib/reports.js';

let zh: CheckedFiles;
let en: CheckedFiles;

beforeAll(async () => {
  [zh, en] = await Promise.all([checkTempFiles(), checkTempFiles({ language: 'en' })]);
});

/** Waives O1's daytime duty on 04-05; an expired waiver on C2's coverage; an unused one. */
function waivers(): WaiverEntry[] {
  return [
    { ruleId: DAYTIME_DUTY, subject: { type: 'officer', id: 'O1' }, period: { start: '2017-04-05' }, reason: '夜班调换', owner: '张建国', expires: '2026-12-31', file: 'waivers.yaml', line: 2, index: 0 },
    { ruleId: COVERAGE, subject: { type: 'community', id: 'C2' }, reason: 'merged', owner: 'ops@example.org', expires: '2026-01-31', file: 'waivers.yaml', line: 8, index: 1 },
    { fingerprint: '0123456789abcdef', reason: 'gone', owner: 'hr@example.org', expires: '2027-03-31', file: 'waivers.yaml', line: 13, index: 2 },
  ];
}

const waived = (files: CheckedFiles): Report => applyWaivers(files.report, waivers(), { today: '2026-06-01' });

/** A baseline that misses O1's 04-07 duty (new) and lists a violation that is gone (fixed). */
function compared(files: CheckedFiles): { report: Report; gone: BaselineEntry } {
  const gone: BaselineEntry = { fingerprint: 'fedcba9876543210', ruleId: DAYTIME_DUTY, subject: { type: 'officer', id: 'O9' }, period: { start: '2017-04-04', end: '2017-04-04' } };
  const baseline = createBaseline(files.report).filter((e) => e.period?.start !== '2017-04-07');
  return { report: applyBaseline(files.report, [...baseline, gone]), gone };
}

const lineWith = (text: string, part: string): string => text.split('\n').find((l) => l.includes(part)) ?? '';

describe('text formatter: waivers', () => {
  it('shows a waived violation as 已豁免 instead of its severity, with its justification, expiry and waiver', () => {
    const text = textFormatter.format(waived(zh), contextFor(zh));
    const lines = text.split('\n');
    const i = lines.findIndex((l) => l.includes('2017-04-05') && l.includes('O1'));
    expect(lines[i]).toMatch(/^ {4}2017-04-05 +已豁免 {2}社区民警 O1/);
    expect(lines[i]).not.toContain('错误');
    expect(lines[i + 1]).toBe(`${' '.repeat(28)}豁免依据：张建国: 夜班调换（有效期至 2026-12-31，waivers.yaml:2）`);
    // The other violation of the same officer keeps its severity.
    expect(lineWith(text, '2017-04-07')).toMatch(/ {2}错误 {2}/);
  });

  it('says waived in English', () => {
    const text = textFormatter.format(waived(en), contextFor(en));
    expect(lineWith(text, '2017-04-05')).toMatch(/ {2}waived {2}Community officer O1/);
    expect(text).toContain('accepted: 张建国: 夜班调换 (until 2026-12-31, waivers.yaml:2)\n');
  });

  it('sums up expired and unused waivers at the end, and counts the waived violation apart', () => {
    const text = textFormatter.format(waived(zh), contextFor(zh));
    expect(text).toContain(
      [
        '豁免：已过期 1 条，未使用 1 条',
        '  已过期  2026-01-31 止  waivers.yaml:8  community-policing/coverage community C2  负责人 ops@example.org；其 1 项违规重新计入',
        '  未使用  waivers.yaml:13  0123456789abcdef  负责人 hr@example.org（不匹配任何违规）',
        '',
      ].join('\n'),
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 2 项违规 (1 错误, 1 警告)，另有 1 项已豁免');
  });

  it('the same in English', () => {
    const text = textFormatter.format(waived(en), contextFor(en));
    expect(text).toContain(
      [
        'waivers: 1 expired, 1 unused',
        '  expired  2026-01-31  waivers.yaml:8  community-policing/coverage community C2  owner ops@example.org; its 1 violation counts again',
        '  unused   waivers.yaml:13  0123456789abcdef  owner hr@example.org (matches no violation)',
        '',
      ].join('\n'),
    );
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 2 violations (1 error, 1 warning); 1 waived');
  });

  it('a report whose every violation is waived passes, and says how many were waived', () => {
    const all = applyWaivers(zh.report, [{ ruleId: DAYTIME_DUTY, subject: { type: 'officer', id: 'O1' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }, { ruleId: COVERAGE, subject: { type: 'community', id: 'C2' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 1 }], { today: '2026-06-01' });
    const text = textFormatter.format(all, contextFor(zh));
    expect(text.trimEnd().split('\n').at(-1)).toBe('✔ 未发现违规，另有 3 项已豁免');
    // A waiver from no file is placed by its position in the list.
    expect(text).toContain('豁免依据：o: r（有效期至 2026-12-31，waivers[0]）');
    expect(text).toContain('豁免：已过期 0 条，未使用 0 条');
  });
});

describe('text formatter: baseline', () => {
  it('marks the new violations and sums up new, unchanged and fixed with the fixed fingerprints', () => {
    const { report } = compared(zh);
    const text = textFormatter.format(report, contextFor(zh));
    expect(lineWith(text, '2017-04-07')).toMatch(/ {2}错误 \[新增\] {2}社区民警 O1/);
    expect(lineWith(text, '2017-04-05')).toMatch(/ {2}错误 {2}社区民警 O1/);
    expect(text).toContain(
      ['基线：新增 1 项（错误 1、警告 0），未变 2 项（错误 1、警告 1），已修复 1 项', '  已修复  community-policing/no-daytime-station-duty  officer O9  2017-04-04  fedcba9876543210', ''].join('\n'),
    );
  });

  it('the same in English', () => {
    const text = textFormatter.format(compared(en).report, contextFor(en));
    expect(lineWith(text, '2017-04-07')).toMatch(/ {2}error \[new\] {2}Community officer O1/);
    expect(text).toContain(
      ['baseline: new 1 (1 error, 0 warnings), unchanged 2 (1 error, 1 warning), fixed 1', '  fixed  community-policing/no-daytime-station-duty  officer O9  2017-04-04  fedcba9876543210', ''].join('\n'),
    );
  });

  it('waivers and baseline together: the waived violation is neither new nor unchanged', () => {
    const { report } = compared(zh);
    const both = applyWaivers(report, waivers(), { today: '2026-06-01' });
    const text = textFormatter.format(both, contextFor(zh));
    expect(text).toContain('基线：新增 1 项（错误 1、警告 0），未变 1 项（错误 0、警告 1），已修复 1 项');
    expect(text.indexOf('豁免：')).toBeLessThan(text.indexOf('基线：'));
    expect(text.indexOf('基线：')).toBeLessThan(text.indexOf('检查期'));
  });
});

describe('text formatter: output', () => {
  it('is deterministic and has no colour unless asked', () => {
    const report = applyWaivers(compared(zh).report, waivers(), { today: '2026-06-01' });
    const text = textFormatter.format(report, contextFor(zh));
    expect(textFormatter.format(report, contextFor(zh))).toBe(text);
    expect(text).not.toContain('\u001b[');
    const coloured = textFormatter.format(report, contextFor(zh, { color: true }));
    expect(coloured).toContain('\u001b[');
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(text);
  });

  it('a report without waivers or baseline has neither section', () => {
    const text = textFormatter.format(zh.report, contextFor(zh));
    expect(text).not.toMatch(/豁免|基线|新增/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('✖ 3 项违规 (2 错误, 1 警告)');
  });
});

describe('text from the input cannot forge lines or drive the terminal', () => {
  it('control characters in a message and an id are shown as escapes', async () => {
    const { textFormatter } = await import('../../src/format/text.js');
    const { checkTempFiles, contextFor } = await import('./_lib/reports.js');
    const files = await checkTempFiles();
    const hostile = '张伟\n✔ 未发现违规\u001b[2J\r';
    const report = { ...files.report, violations: files.report.violations.map((v) => ({ ...v, message: `${hostile}${v.message}`, subject: { ...v.subject, id: hostile } })) };
    const text = textFormatter.format(report, contextFor(files));
    expect(text).not.toMatch(/\u001b|\r/);
    expect(text.split('\n').filter((l) => l.startsWith('✔'))).toEqual([]);
    expect(text).toContain('张伟\\n✔ 未发现违规\\u001b[2J\\r');
  });
});
