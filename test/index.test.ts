import { describe, expect, expectTypeOf, it } from 'vitest';
import * as api from '../src/index.js';
import type {
  BaselineEntry,
  BaselineOutcome,
  BaselineState,
  DiffCounts,
  ExitPolicy,
  ExpiredWaiver,
  FailOn,
  Report,
  ReportDiff,
  SeverityCounts,
  Suppression,
  WaiverEntry,
  WaiverOutcome,
  WaiverReference,
  WaiversDocument,
} from '../src/index.js';
import { dataset } from './_lib/rule-tester.js';

describe('the public API (src/index.ts)', () => {
  it('exports the CI functions and the formatters', () => {
    const names = [
      'applyWaivers',
      'readWaiversFile',
      'parseWaivers',
      'pruneWaivers',
      'applyBaseline',
      'createBaseline',
      'formatBaseline',
      'readBaselineFile',
      'parseBaseline',
      'diffReports',
      'readReportFile',
      'parseReport',
      'formatDiffText',
      'formatDiffJson',
      'exitCodeFor',
      'exitCodeForDiff',
    ] as const;
    for (const name of names) expect(typeof api[name], name).toBe('function');
    expect([...api.FORMATTERS.keys()].sort()).toEqual(['github', 'html', 'json', 'junit', 'sarif', 'text']);
  });

  it('is small: internals (comparators, fingerprints, waiver dates, exit-code tables, readers of one format) are not exported', () => {
    for (const name of ['compareViolations', 'violationFingerprint', 'waiverMatches', 'waiverToday', 'isWaiverExpired', 'DEFAULT_WAIVER_TIMEZONE', 'EXIT', 'FAIL_ON', 'parseCsvRoster', 'parseNdjsonRoster', 'BUILT_IN_RULES', 'createRegistry', 'textFormatter']) {
      expect(name in api, name).toBe(false);
    }
    // The surface as a whole is recorded in etc/duty-compliance.api.md (API Extractor), checked by `npm test`.
    expect(Object.keys(api).length).toBeLessThanOrEqual(40);
  });

  it('exports the types of waivers, baselines, diffs and the exit policy', () => {
    expectTypeOf<Report['violations'][number]['suppression']>().toEqualTypeOf<Suppression | undefined>();
    expectTypeOf<Suppression['waiver']>().toEqualTypeOf<WaiverReference | undefined>();
    expectTypeOf<WaiverOutcome>().toEqualTypeOf<{ expired: ExpiredWaiver[]; unused: WaiverEntry[] }>();
    expectTypeOf<BaselineOutcome['fixed']>().toEqualTypeOf<BaselineEntry[]>();
    expectTypeOf<BaselineOutcome['new']>().toEqualTypeOf<SeverityCounts>();
    expectTypeOf<BaselineState>().toEqualTypeOf<'new' | 'unchanged'>();
    expectTypeOf<ReportDiff['summary']['new']>().toEqualTypeOf<DiffCounts>();
    expectTypeOf<WaiversDocument['waivers']>().toEqualTypeOf<WaiverEntry[]>();
    expectTypeOf<ExitPolicy['failOn']>().toEqualTypeOf<FailOn | undefined>();
  });

  it('is enough for an app to do what the CLI does: waive, compare, diff, decide', async () => {
    const communities = [
      { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
      { id: 'C2', name: '宁波路居委', kind: 'residential', unit: 'PS1' },
      { id: 'C3', name: '金陵东路居委', kind: 'residential', unit: 'PS1' },
    ];
    const config = { extends: [], rules: { 'community-policing/coverage': 'error' } };
    const report = await api.check(dataset({ communities }), { config, language: 'en' });
    expect(report.violations.map((v) => v.subject.id)).toEqual(['C2', 'C3']);
    expect(api.exitCodeFor(report)).toBe(1);

    const waivers = api.parseWaivers('waivers:\n  - ruleId: community-policing/coverage\n    subject: { type: community, id: C2 }\n    reason: merged\n    owner: ops\n    expires: 2026-12-31\n', 'waivers.yaml');
    const waived = api.applyWaivers(report, waivers, { today: '2026-06-01' });
    expect(waived.summary).toMatchObject({ errors: 1, suppressed: 1 });

    const baseline = api.parseBaseline(api.formatBaseline(api.createBaseline(waived)));
    const compared = api.applyBaseline(waived, baseline);
    expect(api.exitCodeFor(compared)).toBe(0);

    const before = api.parseReport(api.FORMATTERS.get('json')!.format(report, { language: 'en', color: false, cwd: '.' }));
    const diff = api.diffReports(before, waived);
    expect(diff.summary.unchanged).toEqual({ errors: 1, warnings: 0, suppressed: 1 });
    expect(api.exitCodeForDiff(diff, { failOn: 'error' })).toBe(0);
    expect(api.formatDiffText(diff, { language: 'en' })).toContain('no new violations');
  });
});
