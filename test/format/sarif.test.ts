import type { ValidateFunction } from 'ajv';
import type { Log, Result } from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { sarifFormatter } from '../../src/format/sarif.js';
import { builtInRegistry } from '../../src/rules/index.js';
import { dataset } from '../_lib/rule-tester.js';
import { sarifValidator } from './_lib/sarif-schema.js';
import { checkTempFiles, contextFor, COVERAGE, DAYTIME_DUTY, TWO_COMMUNITIES, withSuppressions, type CheckedFiles } from './_lib/reports.js';



let validate: ValidateFunction;
let files: CheckedFiles;
let log: Log;

beforeAll(async () => {
  validate = sarifValidator();
  files = await checkTempFiles();
  log = JSON.parse(sarifFormatter.format(files.report, contextFor(files))) as Log;
});

function expectValid(value: unknown): void {
  const ok = validate(value);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const resultsOf = (l: Log, ruleId: string): Result[] => l.runs[0]!.results!.filter((r) => r.ruleId === ruleId);

describe('sarif formatter', () => {
  it('the test report has both kinds of finding', () => {
    expect(files.report.violations.map((v) => [v.ruleId, v.severity])).toEqual(
      expect.arrayContaining([
        [COVERAGE, 'warning'],
        [DAYTIME_DUTY, 'error'],
      ]),
    );
  });

  it('is valid SARIF 2.1.0 for a report with roster evidence and dataset-only evidence', () => {
    expectValid(log);
    expect(log.version).toBe('2.1.0');
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.results).toHaveLength(files.report.violations.length);
  });

  it('locates roster findings at the physical line of their CSV row, relative to cwd', () => {
    const [first, second] = resultsOf(log, DAYTIME_DUTY);
    expect(first!.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: 'roster.csv', uriBaseId: '%SRCROOT%' }, region: { startLine: 2 } } }]);
    // The row before it has a note spanning two lines.
    expect(second!.locations![0]!.physicalLocation!.region).toEqual({ startLine: 5 });
    expect(first!.level).toBe('error');
  });

  it('locates findings without a roster row in the dataset file, with the JSON path as logical location', () => {
    const [result] = resultsOf(log, COVERAGE);
    expect(result!.level).toBe('warning');
    expect(result!.locations).toEqual([
      {
        physicalLocation: { artifactLocation: { uri: 'dataset.json', uriBaseId: '%SRCROOT%' } },
        logicalLocations: [{ fullyQualifiedName: 'communities[1]', kind: 'object' }],
      },
    ]);
  });

  it('gives an in-memory check (no dataset file) logical locations only, and stays valid', async () => {
    const report = await check(dataset({ communities: TWO_COMMUNITIES }), {
      config: { extends: [], rules: { [COVERAGE]: 'error' } },
    });
    const inMemory = JSON.parse(sarifFormatter.format(report, { language: 'zh-CN', color: false, registry: builtInRegistry(), cwd: process.cwd() })) as Log;
    expectValid(inMemory);
    expect(inMemory.runs[0]!.results![0]!.locations).toEqual([{ logicalLocations: [{ fullyQualifiedName: 'communities[1]', kind: 'object' }] }]);
  });

  it('lists every registered rule in id order, so that ruleIndex is stable, with metadata from the rule file', () => {
    const rules = log.runs[0]!.tool.driver.rules!;
    const ids = [...builtInRegistry().rules.keys()].sort();
    expect(rules.map((r) => r.id)).toEqual(ids);
    for (const result of log.runs[0]!.results!) expect(rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    const daytime = rules.find((r) => r.id === DAYTIME_DUTY)!;
    const definition = builtInRegistry().rules.get(DAYTIME_DUTY)!.definition;
    expect(daytime).toMatchObject({
      name: 'NoDaytimeStationDuty',
      shortDescription: { text: definition.title['zh-CN'] },
      fullDescription: { text: definition.description['zh-CN'] },
      defaultConfiguration: { level: 'error' },
    });
    expect(daytime.helpUri).toMatch(/^https:\/\/.+\/docs\/rules\/no-daytime-station-duty\.md$/);
    expect(daytime.help!.text).toContain(definition.source!.passage);
    expect(daytime.help!.markdown).toContain(`> ${definition.source!.gloss}`);
  });

  it('writes the rule metadata in the report language', async () => {
    const en = await checkTempFiles({ language: 'en' });
    const enLog = JSON.parse(sarifFormatter.format(en.report, contextFor(en))) as Log;
    expectValid(enLog);
    const title = builtInRegistry().rules.get(COVERAGE)!.definition.title.en;
    expect(enLog.runs[0]!.tool.driver.rules!.find((r) => r.id === COVERAGE)!.shortDescription!.text).toBe(title);
    expect(enLog.runs[0]!.language).toBe('en');
    expect(enLog.runs[0]!.results![0]!.message.text).toBe(en.report.violations[0]!.message);
  });

  it('keys partial fingerprints on the identity fingerprint, never on a line', () => {
    log.runs[0]!.results!.forEach((result, i) => {
      const v = files.report.violations[i]!;
      expect(result.partialFingerprints).toEqual({ primaryLocationLineHash: `${v.fingerprint}:1` });
      expect(result.fingerprints).toEqual({ 'dutyComplianceIdentity/v1': v.fingerprint });
    });
  });

  it('marks waived violations as accepted external suppressions, and stays valid', () => {
    const waived = withSuppressions(files.report, (v) => v.ruleId === DAYTIME_DUTY);
    const out = JSON.parse(sarifFormatter.format(waived, contextFor(files))) as Log;
    expectValid(out);
    for (const r of resultsOf(out, DAYTIME_DUTY)) expect(r.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: '已报分局批准 / approved by the district bureau' }]);
    for (const r of resultsOf(out, COVERAGE)) expect(r.suppressions).toBeUndefined();
  });

  it('percent-encodes file names into a valid relative URI', async () => {
    const odd = await checkTempFiles({ rosterName: '4月 roster #1, 100%.csv' });
    const out = JSON.parse(sarifFormatter.format(odd.report, contextFor(odd))) as Log;
    expectValid(out);
    expect(resultsOf(out, DAYTIME_DUTY)[0]!.locations![0]!.physicalLocation!.artifactLocation).toEqual({
      uri: '4%E6%9C%88%20roster%20%231%2C%20100%25.csv',
      uriBaseId: '%SRCROOT%',
    });
  });

  it('is deterministic and machine-independent: same bytes, no absolute path', () => {
    const a = sarifFormatter.format(files.report, contextFor(files));
    expect(sarifFormatter.format(files.report, contextFor(files))).toBe(a);
    expect(a).not.toContain(files.dir);
    expect(a.endsWith('}\n')).toBe(true);
  });
});
