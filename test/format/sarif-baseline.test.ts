import type { ValidateFunction } from 'ajv';
import type { Log } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifFormatter } from '../../src/format/sarif.js';
import { applyBaseline, createBaseline } from '../../src/report/baseline.js';
import type { BaselineEntry, Report } from '../../src/report/types.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { sarifValidator } from './_lib/sarif-schema.js';
import { checkTempFiles, contextFor, DAYTIME_DUTY, type CheckedFiles } from './_lib/reports.js';



let validate: ValidateFunction;
let files: CheckedFiles;
let compared: Report;
const gone: BaselineEntry = { fingerprint: 'fedcba9876543210', ruleId: DAYTIME_DUTY, subject: { type: 'officer', id: 'O9' }, period: { start: '2017-04-04', end: '2017-04-04' } };

beforeAll(async () => {
  validate = sarifValidator();
  files = await checkTempFiles();
  // The baseline misses O1's 04-07 duty (new) and lists a violation that is gone (fixed).
  compared = applyBaseline(files.report, [...createBaseline(files.report).filter((e) => e.period?.start !== '2017-04-07'), gone]);
});

function sarif(report: Report): Log {
  const log = JSON.parse(sarifFormatter.format(report, contextFor(files))) as Log;
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
  return log;
}

describe('sarif formatter: baselineState', () => {
  it('gives each result its violation baselineState, new or unchanged, and stays valid', () => {
    const results = sarif(compared).runs[0]!.results!;
    expect(results.map((r) => [r.ruleId, (r.properties as { period?: { start: string } }).period?.start, r.baselineState])).toEqual(
      compared.violations.map((v) => [v.ruleId, v.period?.start, v.period?.start === '2017-04-07' ? 'new' : 'unchanged']),
    );
  });

  it('the schema does check the state: a made-up one is rejected', () => {
    const log = JSON.parse(sarifFormatter.format(compared, contextFor(files))) as Log;
    (log.runs[0]!.results![0] as { baselineState: string }).baselineState = 'fixed';
    expect(validate(log)).toBe(false);
  });

  it('lists fixed baseline entries in the run properties, never as results', () => {
    const run = sarif(compared).runs[0]!;
    expect(run.results).toHaveLength(compared.violations.length);
    expect(run.results!.some((r) => r.baselineState === 'absent')).toBe(false);
    expect(run.properties?.baseline).toEqual({ new: { errors: 1, warnings: 0 }, unchanged: { errors: 1, warnings: 1 }, fixed: [gone] });
  });

  it('a waived result keeps its baselineState beside its suppression', () => {
    const waived = applyWaivers(compared, [{ fingerprint: compared.violations.find((v) => v.period?.start === '2017-04-07')!.fingerprint, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }], { today: '2026-06-01' });
    const result = sarif(waived).runs[0]!.results!.find((r) => r.suppressions)!;
    expect(result.baselineState).toBe('new');
    expect(result.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'o: r' }]);
  });

  it('without a baseline: no baselineState and no baseline property', () => {
    const run = sarif(files.report).runs[0]!;
    expect(run.results!.every((r) => r.baselineState === undefined)).toBe(true);
    expect(run.properties).not.toHaveProperty('baseline');
  });
});
