import { describe, expect, it } from 'vitest';
import { isDutyComplianceError, type DutyComplianceError } from '../../src/errors.js';
import { applyBaseline, createBaseline } from '../../src/report/baseline.js';
import { applyWaivers, parseWaivers, pruneWaivers, waiverToday } from '../../src/report/waivers.js';
import type { Report } from '../../src/report/types.js';
import { sampleReport } from './_lib/sample-report.js';

const DUTY = 'community-policing/no-daytime-station-duty';
const COVERAGE = 'community-policing/coverage';

/** The fingerprint of the sample's violation of `ruleId` starting on `start`. */
function fingerprintOf(report: Report, ruleId: string, start: string): string {
  const v = report.violations.find((x) => x.ruleId === ruleId && x.period?.start === start);
  if (!v) throw new Error(`no ${ruleId} violation on ${start}`);
  return v.fingerprint;
}

function problemsOf(fn: () => unknown): DutyComplianceError['problems'] {
  try {
    fn();
  } catch (error) {
    if (isDutyComplianceError(error)) {
      expect(error.code).toBe('CONFIG_INVALID');
      return error.problems;
    }
    throw error;
  }
  throw new Error('expected a DutyComplianceError');
}

describe('waiverToday', () => {
  it("takes today's date in the dataset's time zone", () => {
    expect(waiverToday({ today: new Date('2026-11-27T17:00:00Z') })).toBe('2026-11-28');
    expect(waiverToday({ today: new Date('2026-11-27T17:00:00Z'), timezone: 'UTC' })).toBe('2026-11-27');
    expect(waiverToday({ today: Date.parse('2026-11-27T15:59:00Z'), timezone: 'Asia/Shanghai' })).toBe('2026-11-27');
    expect(waiverToday({ today: '2026-01-02', timezone: 'America/New_York' })).toBe('2026-01-02');
  });

  it('rejects an unknown time zone or a non-date', () => {
    expect(() => waiverToday({ timezone: 'Mars/Olympus' })).toThrow(/unknown time zone/);
    expect(() => waiverToday({ today: '2026-02-30' })).toThrow(/not a date/);
  });
});

describe('parseWaivers', () => {
  it('reads YAML: both forms, each waiver with its line; values stay strings as written', () => {
    const doc = parseWaivers(
      [
        '# accepted violations',
        'waivers:',
        '  - fingerprint: 1234e56789012345   # would be a float in YAML core; stays the fingerprint',
        '    reason: 夜班人手不足',
        '    owner: 张队',
        '    expires: 2026-12-31',
        '  - ruleId: community-policing/five-half-days',
        '    subject: { type: officer, id: 0042 }',
        '    period: { start: 2017-04-03 }',
        '    reason: on leave',
        '    owner: ops@example.org',
        '    expires: 2027-01-31',
        '',
      ].join('\n'),
      'waivers.yaml',
    );
    expect(doc.format).toBe('yaml');
    expect(doc.waivers).toEqual([
      { fingerprint: '1234e56789012345', reason: '夜班人手不足', owner: '张队', expires: '2026-12-31', file: 'waivers.yaml', line: 3, index: 0 },
      {
        ruleId: 'community-policing/five-half-days',
        subject: { type: 'officer', id: '0042' },
        period: { start: '2017-04-03' },
        reason: 'on leave',
        owner: 'ops@example.org',
        expires: '2027-01-31',
        file: 'waivers.yaml',
        line: 7,
        index: 1,
      },
    ]);
  });

  it('reads JSON', () => {
    const text = '{\n  "waivers": [\n    { "fingerprint": "6866793a4b2adff6", "reason": "r", "owner": "o", "expires": "2026-12-31" }\n  ]\n}\n';
    const doc = parseWaivers(text, 'waivers.json');
    expect(doc.format).toBe('json');
    expect(doc.waivers[0]).toMatchObject({ fingerprint: '6866793a4b2adff6', line: 3, index: 0 });
  });

  it('locates every missing or bad field in YAML (file, line, path)', () => {
    const problems = problemsOf(() =>
      parseWaivers(
        [
          'waivers:',
          '  - fingerprint: 6866793a4b2adff6',
          '    owner: o',
          '    expires: 2026-02-30',
          '  - ruleId: community-policing/coverage',
          '    reason: "  "',
          '    owner: o',
          '    expire: 2026-12-31',
          '',
        ].join('\n'),
        'w.yaml',
      ),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'w.yaml', line: 2, path: 'waivers[0].reason', message: 'required field is missing' }),
        expect.objectContaining({ file: 'w.yaml', line: 4, column: 14, path: 'waivers[0].expires', received: '"2026-02-30"' }),
        expect.objectContaining({ file: 'w.yaml', line: 6, path: 'waivers[1].reason', expected: 'a non-empty string' }),
        expect.objectContaining({ file: 'w.yaml', line: 5, path: 'waivers[1].expires', message: 'required field is missing' }),
        expect.objectContaining({ file: 'w.yaml', line: 8, path: 'waivers[1].expire', message: 'unknown key' }),
        // The form is checked even though other fields are wrong: every problem at once.
        expect.objectContaining({ file: 'w.yaml', line: 5, path: 'waivers[1]', expected: expect.stringContaining('`subject`') }),
      ]),
    );
    expect(problems).toHaveLength(6);
  });

  it('requires a fingerprint, or a ruleId and a subject', () => {
    const problems = problemsOf(() => parseWaivers('waivers:\n  - ruleId: x/y\n    reason: r\n    owner: o\n    expires: 2026-12-31\n', 'w.yaml'));
    expect(problems).toEqual([expect.objectContaining({ line: 2, path: 'waivers[0]', expected: expect.stringContaining('`fingerprint`') })]);
  });

  it('says what a waiver that is not an object is, once', () => {
    const problems = problemsOf(() => parseWaivers('{"waivers": [null, "x"]}', 'w.json'));
    expect(problems).toEqual([
      expect.objectContaining({ path: 'waivers[0]', message: 'wrong type', expected: 'object', received: 'null' }),
      expect.objectContaining({ path: 'waivers[1]', message: 'wrong type', expected: 'object', received: '"x"' }),
    ]);
  });

  it('locates JSON problems', () => {
    const text = '{\n  "waivers": [\n    {\n      "fingerprint": "XYZ",\n      "reason": "r", "owner": "o", "expires": "2026-12-31"\n    }\n  ]\n}\n';
    expect(problemsOf(() => parseWaivers(text, 'w.json'))).toEqual([expect.objectContaining({ file: 'w.json', line: 4, column: 22, path: 'waivers[0].fingerprint' })]);
    expect(problemsOf(() => parseWaivers('{ "waivers": [ }', 'w.json'))[0]).toEqual({ file: 'w.json', line: 1, column: 16, message: 'JSON syntax error: value expected' });
  });

  it('reports YAML syntax errors with their line', () => {
    const problems = problemsOf(() => parseWaivers('waivers:\n  - fingerprint: "abc\n    reason: r\n', 'w.yaml'));
    expect(problems[0]).toMatchObject({ file: 'w.yaml', message: expect.stringMatching(/^YAML syntax error/) });
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects YAML tags, custom or not', () => {
    const problems = problemsOf(() =>
      parseWaivers('waivers:\n  - fingerprint: !!js/function "x"\n    reason: !custom r\n    owner: o\n    expires: 2026-12-31\n', 'w.yaml'),
    );
    expect(problems.map((p) => [p.line, p.message.startsWith('YAML tags are not allowed')])).toEqual([
      [2, true],
      [3, true],
    ]);
  });

  it('YAML nested thousands deep: a located error that says so, not "Maximum call stack size exceeded"', () => {
    for (const yaml of [`waivers: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, `waivers: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}\n`]) {
      const problems = problemsOf(() => parseWaivers(yaml, 'w.yaml'));
      expect(problems).toEqual([expect.objectContaining({ file: 'w.yaml', line: 1, message: 'nested too deeply to read (a waivers file needs at most 100 levels of lists and maps)' })]);
    }
  });

  it('aliases that expand exponentially ("billion laughs"): a located error, not an unlocated one', () => {
    const yaml = 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nwaivers: []\n';
    expect(problemsOf(() => parseWaivers(yaml, 'w.yaml'))).toEqual([
      { file: 'w.yaml', line: 2, column: 8, message: 'YAML aliases expand too much (a "billion laughs" document)', expected: 'at most 100 values reached through aliases' },
    ]);
  });

  it('an alias to an anchor that is not there: located (found by the fuzz suite)', () => {
    const yaml = 'waivers:\n  - fingerprint: "0123456789abcdef"\n    reason: *why\n    owner: o\n    expires: 2026-12-31\n';
    expect(problemsOf(() => parseWaivers(yaml, 'w.yaml'))).toEqual([{ file: 'w.yaml', line: 3, column: 13, message: 'YAML alias *why refers to no anchor defined before it', expected: '&why on a value above it' }]);
  });

  it('never lets a __proto__ key reach a prototype (YAML and JSON): a located error', () => {
    const yaml = 'waivers:\n  - fingerprint: 6866793a4b2adff6\n    reason: r\n    owner: o\n    expires: 2026-12-31\n    __proto__: { polluted: yes }\n';
    expect(problemsOf(() => parseWaivers(yaml, 'w.yaml'))).toEqual([expect.objectContaining({ line: 6, path: 'waivers[0].__proto__', message: 'unknown key' })]);
    const json = '{"__proto__": {"polluted": true}, "waivers": []}';
    expect(problemsOf(() => parseWaivers(json, 'w.json'))).toEqual([expect.objectContaining({ line: 1, column: 2, path: '__proto__', message: 'a key named "__proto__" is not data' })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('applyWaivers', () => {
  const today = '2026-06-01';

  it('suppresses a violation matched by fingerprint: counted apart, not as an error', async () => {
    const report = await sampleReport();
    const fingerprint = fingerprintOf(report, DUTY, '2017-04-05');
    const waived = applyWaivers(report, [{ fingerprint, reason: '演练', owner: '张队', expires: '2026-12-31', file: 'w.yaml', line: 2, index: 0 }], { today });
    const v = waived.violations.find((x) => x.fingerprint === fingerprint)!;
    expect(v.suppression).toEqual({ justification: '张队: 演练', status: 'accepted', waiver: { owner: '张队', expires: '2026-12-31', file: 'w.yaml', line: 2, index: 0 } });
    expect(waived.summary).toEqual({ errors: 1, warnings: 1, suppressed: 1, byRule: { [COVERAGE]: 1, [DUTY]: 1 } });
    expect(waived.waivers).toEqual({ expired: [], unused: [] });
    expect(waived.violations).toHaveLength(3);
    // Pure: the input report is untouched.
    expect(report.summary.errors).toBe(2);
    expect(report.violations.some((x) => x.suppression)).toBe(false);
  });

  it('matches by identity: rule, subject and period start; without a period, every period', async () => {
    const report = await sampleReport();
    const byStart = applyWaivers(
      report,
      [{ ruleId: DUTY, subject: { type: 'officer', id: 'O1' }, period: { start: '2017-04-06' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }],
      { today },
    );
    expect(byStart.violations.filter((v) => v.suppression).map((v) => v.period?.start)).toEqual(['2017-04-06']);
    const everyPeriod = applyWaivers(report, [{ ruleId: DUTY, subject: { type: 'officer', id: 'O1' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }], { today });
    expect(everyPeriod.summary).toMatchObject({ errors: 0, warnings: 1, suppressed: 2 });
    const wrongType = applyWaivers(report, [{ ruleId: DUTY, subject: { type: 'community', id: 'O1' }, reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }], { today });
    expect(wrongType.summary.suppressed).toBe(0);
  });

  it("expires by the dataset's time zone: 2026-11-27 is over at 2026-11-27T17:00Z in Shanghai", async () => {
    const report = await sampleReport();
    const fingerprint = fingerprintOf(report, DUTY, '2017-04-05');
    const waivers = [{ fingerprint, reason: 'r', owner: 'o', expires: '2026-11-27', index: 0, line: 2 }];
    const instant = new Date('2026-11-27T17:00:00Z');

    const shanghai = applyWaivers(report, waivers, { today: instant, timezone: 'Asia/Shanghai' });
    expect(shanghai.violations.some((v) => v.suppression)).toBe(false);
    expect(shanghai.summary).toMatchObject({ errors: 2, suppressed: 0 });
    expect(shanghai.waivers).toEqual({ expired: [{ ...waivers[0], violations: [fingerprint] }], unused: [] });

    // The same instant is still the 27th in UTC: the waiver holds on its last day.
    const utc = applyWaivers(report, waivers, { today: instant, timezone: 'UTC' });
    expect(utc.summary).toMatchObject({ errors: 1, suppressed: 1 });
    expect(utc.waivers?.expired).toEqual([]);
  });

  it('lists waivers that match nothing as unused, expired or not, in file order', async () => {
    const report = await sampleReport();
    const waivers = [
      { fingerprint: '0000000000000000', reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 },
      { fingerprint: fingerprintOf(report, COVERAGE, '2017-04-03'), reason: 'r', owner: 'o', expires: '2026-12-31', index: 1 },
      { ruleId: DUTY, subject: { type: 'officer' as const, id: 'O9' }, reason: 'r', owner: 'o', expires: '2020-01-01', index: 2 },
    ];
    const waived = applyWaivers(report, waivers, { today });
    expect(waived.waivers).toEqual({ expired: [], unused: [waivers[0], waivers[2]] });
    expect(waived.summary).toMatchObject({ errors: 2, warnings: 0, suppressed: 1 });
  });

  it('suppresses by the first unexpired waiver; an expired one matching too is still reported', async () => {
    const report = await sampleReport();
    const fingerprint = fingerprintOf(report, DUTY, '2017-04-05');
    const waived = applyWaivers(
      report,
      [
        { fingerprint, reason: 'old', owner: 'a', expires: '2025-12-31', index: 0 },
        { fingerprint, reason: 'renewed', owner: 'b', expires: '2026-12-31', index: 1 },
      ],
      { today },
    );
    expect(waived.violations.find((v) => v.fingerprint === fingerprint)?.suppression?.justification).toBe('b: renewed');
    expect(waived.waivers?.expired.map((w) => w.index)).toEqual([0]);
  });

  it('gives the same bytes whether waivers or the baseline are applied first', async () => {
    const report = await sampleReport();
    const baseline = createBaseline(await sampleReport(['2017-04-05']));
    const waivers = [{ fingerprint: fingerprintOf(report, DUTY, '2017-04-06'), reason: 'r', owner: 'o', expires: '2026-12-31', index: 0 }];
    const a = applyBaseline(applyWaivers(report, waivers, { today }), baseline);
    const b = applyWaivers(applyBaseline(report, baseline), waivers, { today });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // The waived new violation fails nothing: no new error is left.
    expect(a.baseline).toEqual({ new: { errors: 0, warnings: 0 }, unchanged: { errors: 1, warnings: 1 }, fixed: [] });
  });
});

describe('pruneWaivers', () => {
  it('removes the unused YAML waivers and keeps everything else as written, comments included', async () => {
    const report = await sampleReport();
    const used = fingerprintOf(report, DUTY, '2017-04-05');
    const text = [
      '# Waivers for the Waigang station roster.',
      'waivers:',
      '  # Night-shift shortage during the F1 weekend.',
      `  - fingerprint: "${used}"`,
      "    reason: '夜班人手不足，已报分局'",
      '    owner: 张队',
      '    expires: 2026-12-31 # review at year end',
      '  # An officer who has since left.',
      '  - ruleId: community-policing/no-daytime-station-duty',
      '    subject: { type: officer, id: O9 }',
      '    reason: seconded',
      '    owner: ops',
      '    expires: 2026-12-31',
      '  - fingerprint: 0000000000000000',
      '    reason: fixed long ago',
      '    owner: ops',
      '    expires: 2020-01-01',
      '',
    ].join('\n');
    const doc = parseWaivers(text, 'w.yaml');
    const waived = applyWaivers(report, doc, { today: '2026-06-01' });
    expect(waived.waivers?.unused.map((w) => w.index)).toEqual([1, 2]);
    expect(pruneWaivers(doc, waived.waivers!.unused)).toBe(
      [
        '# Waivers for the Waigang station roster.',
        'waivers:',
        '  # Night-shift shortage during the F1 weekend.',
        `  - fingerprint: "${used}"`,
        "    reason: '夜班人手不足，已报分局'",
        '    owner: 张队',
        '    expires: 2026-12-31 # review at year end',
        '',
      ].join('\n'),
    );
  });

  it('removes unused JSON waivers and keeps the layout of the rest byte for byte', () => {
    const text = [
      '{',
      '  "$schema": "./waivers.schema.json",',
      '  "waivers": [',
      '    { "fingerprint": "0000000000000001", "reason": "a", "owner": "o", "expires": "2026-12-31" },',
      '    { "fingerprint": "0000000000000002", "reason": "b", "owner": "o", "expires": "2026-12-31" },',
      '    { "fingerprint": "0000000000000003", "reason": "c", "owner": "o", "expires": "2026-12-31" }',
      '  ]',
      '}',
      '',
    ].join('\n');
    const doc = parseWaivers(text, 'w.json');
    const pruned = pruneWaivers(doc, [0, 2]);
    expect(pruned).toBe(
      [
        '{',
        '  "$schema": "./waivers.schema.json",',
        '  "waivers": [',
        '    { "fingerprint": "0000000000000002", "reason": "b", "owner": "o", "expires": "2026-12-31" }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
    expect(parseWaivers(pruned, 'w.json').waivers).toHaveLength(1);
    expect(pruneWaivers(doc, [0, 1, 2])).toBe('{\n  "$schema": "./waivers.schema.json",\n  "waivers": []\n}\n');
    expect(pruneWaivers(doc, [])).toBe(text);
  });

  it('a removed waiver that defines a YAML anchor a kept waiver uses: the kept one keeps its value', () => {
    const text = [
      'waivers:',
      '  - fingerprint: "0000000000000001"',
      '    reason: &why agreed with the district # 区局同意',
      '    owner: &owner duty office',
      '    expires: 2026-12-31',
      '  - fingerprint: "0000000000000002"',
      '    reason: *why',
      '    owner: *owner',
      '    expires: 2026-12-31',
      '  - fingerprint: "0000000000000003"',
      '    reason: *why',
      '    owner: someone else',
      '    expires: 2026-12-31',
      '',
    ].join('\n');
    const pruned = pruneWaivers(parseWaivers(text, 'w.yaml'), [0]);
    const kept = parseWaivers(pruned, 'w.yaml').waivers;
    expect(kept.map((w) => [w.fingerprint, w.reason, w.owner])).toEqual([
      ['0000000000000002', 'agreed with the district', 'duty office'],
      ['0000000000000003', 'agreed with the district', 'someone else'],
    ]);
    expect(pruned).toContain('reason: &why agreed with the district');
    expect(pruned).toContain('    reason: *why\n    owner: someone else');
  });
});
