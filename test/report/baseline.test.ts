import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { isDutyComplianceError } from '../../src/errors.js';
import { applyBaseline, createBaseline, formatBaseline, parseBaseline } from '../../src/report/baseline.js';
import type { RosterEvidence } from '../../src/report/types.js';
import { applyWaivers } from '../../src/report/waivers.js';
import { dataset } from '../_lib/rule-tester.js';
import { SAMPLE_CONFIG, sampleReport } from './_lib/sample-report.js';

const DUTY = 'community-policing/no-daytime-station-duty';

describe('createBaseline and formatBaseline', () => {
  it('records every violation by fingerprint with its identity, in report order, as deterministic bytes', async () => {
    const report = await sampleReport();
    const entries = createBaseline(report);
    expect(entries.map((e) => [e.ruleId, e.subject.id, e.period?.start])).toEqual([
      ['community-policing/coverage', 'C2', '2017-04-03'],
      [DUTY, 'O1', '2017-04-05'],
      [DUTY, 'O1', '2017-04-06'],
    ]);
    const text = formatBaseline(entries);
    expect(text).toBe(formatBaseline(createBaseline(await sampleReport(['2017-04-06', '2017-04-05']))));
    expect(text).toBe(formatBaseline(createBaseline({ violations: [...report.violations].reverse() })));
    expect(JSON.parse(text)).toEqual({ tool: 'duty-compliance', version: 1, violations: entries });
    expect(text.split('\n').slice(0, 14).join('\n')).toBe(
      [
        '{',
        '  "tool": "duty-compliance",',
        '  "version": 1,',
        '  "violations": [',
        '    {',
        `      "fingerprint": "${entries[0]!.fingerprint}",`,
        '      "ruleId": "community-policing/coverage",',
        '      "subject": {',
        '        "type": "community",',
        '        "id": "C2"',
        '      },',
        '      "period": {',
        '        "start": "2017-04-03",',
        '        "end": "2017-04-09"',
      ].join('\n'),
    );
    expect(text.endsWith('}\n')).toBe(true);
    // The language of the messages plays no part.
    expect(formatBaseline(createBaseline(await sampleReport(undefined, 'en')))).toBe(text);
  });

  it('leaves out waived violations, so that they fail as new once the waiver expires', async () => {
    const report = await sampleReport();
    const waivers = [{ ruleId: DUTY, subject: { type: 'officer' as const, id: 'O1' }, reason: 'r', owner: 'o', expires: '2026-11-27', index: 0 }];
    const baseline = createBaseline(applyWaivers(report, waivers, { today: '2026-11-01' }));
    expect(baseline.map((e) => e.ruleId)).toEqual(['community-policing/coverage']);
    const afterExpiry = applyBaseline(applyWaivers(report, waivers, { today: '2026-11-28' }), baseline);
    expect(afterExpiry.baseline?.new).toEqual({ errors: 2, warnings: 0 });
  });
});

describe('the baseline round trip', () => {
  it('write, then check again: nothing new', async () => {
    const report = await sampleReport();
    const baseline = parseBaseline(formatBaseline(createBaseline(report)), 'baseline.json');
    const compared = applyBaseline(report, baseline);
    expect(compared.baseline).toEqual({ new: { errors: 0, warnings: 0 }, unchanged: { errors: 2, warnings: 1 }, fixed: [] });
    expect(compared.violations.map((v) => v.baselineState)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    // Known violations are still violations: the summary is as it was.
    expect(compared.summary).toEqual(report.summary);
  });

  it('add a violation: only it is new', async () => {
    const baseline = createBaseline(await sampleReport(['2017-04-05', '2017-04-06']));
    const compared = applyBaseline(await sampleReport(['2017-04-05', '2017-04-06', '2017-04-07']), baseline);
    expect(compared.violations.filter((v) => v.baselineState === 'new').map((v) => [v.ruleId, v.period?.start])).toEqual([[DUTY, '2017-04-07']]);
    expect(compared.baseline).toEqual({ new: { errors: 1, warnings: 0 }, unchanged: { errors: 2, warnings: 1 }, fixed: [] });
  });

  it('fix one: it is listed as fixed, by fingerprint', async () => {
    const before = createBaseline(await sampleReport(['2017-04-05', '2017-04-06']));
    const compared = applyBaseline(await sampleReport(['2017-04-06']), before);
    const fixed = before.find((e) => e.period?.start === '2017-04-05')!;
    expect(compared.baseline).toEqual({ new: { errors: 0, warnings: 0 }, unchanged: { errors: 1, warnings: 1 }, fixed: [fixed] });
  });

  it('rejects a file that is not a baseline, with located problems', () => {
    const text = '{\n  "tool": "duty-compliance",\n  "version": 2,\n  "violations": [\n    { "fingerprint": "abc", "ruleId": "x/y", "subject": { "type": "officer", "id": "O1" } }\n  ]\n}\n';
    try {
      parseBaseline(text, 'baseline.json');
      expect.unreachable();
    } catch (error) {
      expect(isDutyComplianceError(error) && error.code).toBe('CONFIG_INVALID');
      expect(isDutyComplianceError(error) && error.problems).toEqual([
        expect.objectContaining({ file: 'baseline.json', line: 3, path: 'version' }),
        expect.objectContaining({ file: 'baseline.json', line: 5, path: 'violations[0].fingerprint' }),
      ]);
    }
  });
});

describe('fingerprints', () => {
  let dir: string | undefined;
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = undefined;
  });

  it('do not change when CSV rows are inserted above a violating row, though its evidence line moves', async () => {
    dir = await mkdtemp(join(tmpdir(), 'duty-compliance-fingerprint-'));
    const datasetFile = join(dir, 'dataset.json');
    const rosterFile = join(dir, 'roster.csv');
    await writeFile(datasetFile, JSON.stringify(dataset()));
    const header = '警号,日期,开始,结束,勤务类型';
    const violating = '000001,2017-04-05,9:00,12:00,所内值班';
    // Night duties: station duty outside the daytime, so no violation of their own.
    const inserted = ['000001,2017-04-03,18:00,8:00,所内值班', '000001,2017-04-04,18:00,8:00,所内值班', '000001,2017-04-06,20:00,23:00,所内值班'];
    const run = async (rows: string[]) => {
      await writeFile(rosterFile, `${[header, ...rows].join('\n')}\n`);
      return checkFiles({ dataset: datasetFile, rosters: [rosterFile] }, { config: SAMPLE_CONFIG });
    };

    const before = await run([violating]);
    const after = await run([...inserted, violating]);

    const lineOf = (r: typeof before) => (r.violations.find((v) => v.ruleId === DUTY)!.evidence[0] as RosterEvidence).line;
    expect(lineOf(before)).toBe(2);
    expect(lineOf(after)).toBe(5);
    expect(after.violations.map((v) => v.fingerprint)).toEqual(before.violations.map((v) => v.fingerprint));
    expect(applyBaseline(after, createBaseline(before)).baseline).toEqual({ new: { errors: 0, warnings: 0 }, unchanged: { errors: 1, warnings: 0 }, fixed: [] });
  });
});
