import { beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { COVERAGE_GRID_CELL_LIMIT, htmlFormatter, LIVE_VIOLATION_ROWS } from '../../src/format/html.js';
import { escapeHtml, isoWeekLabel } from '../../src/format/_lib/html.js';
import type { Report } from '../../src/report/types.js';

const D = 'fixtures/station-2017-04';
const FILES = { dataset: `${D}/dataset.json`, rosters: [`${D}/roster.csv`, `${D}/roster-extra.ndjson`] };
const context = (language: 'zh-CN' | 'en' = 'zh-CN') => ({ language, color: false, cwd: process.cwd() });

let full: Report;
let plain: Report;

beforeAll(async () => {
  full = await checkFiles(FILES, { include: ['subjects'] });
  plain = await checkFiles(FILES);
});

/** The opening tags of `tag` in the page. */
const tags = (html: string, tag: string) => html.match(new RegExp(`<${tag}\\b[^>]*>`, 'g')) ?? [];

describe('html formatter', () => {
  it('is self-contained: no external script, style, font, image or link, and a policy that forbids loading any', () => {
    const html = htmlFormatter.format(full, context());
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="zh-CN">')).toBe(true);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"`);
    expect(tags(html, 'link')).toEqual([]);
    expect(tags(html, 'img')).toEqual([]);
    expect(tags(html, 'script').every((t) => !/\ssrc=/.test(t))).toBe(true);
    expect(html).not.toMatch(/(?:src|href)="(?:https?:)?\/\//);
    expect(html).not.toMatch(/url\((?!#)/); // CSS url() only for in-page SVG patterns
    expect(html).not.toContain('@import');
  });

  it('has one table row per violation, carrying its fingerprint, rule, severity, officers and communities', () => {
    const html = htmlFormatter.format(full, context());
    const rows = tags(html, 'tr').filter((t) => t.includes('data-fingerprint='));
    expect(rows.map((r) => /data-fingerprint="([0-9a-f]{16})"/.exec(r)![1])).toEqual(full.violations.map((v) => v.fingerprint));
    const daytime = full.violations.find((v) => v.ruleId === 'community-policing/no-daytime-station-duty')!;
    const row = rows.find((r) => r.includes(daytime.fingerprint))!;
    expect(row).toContain(`data-rule="community-policing/no-daytime-station-duty"`);
    expect(row).toContain(`data-severity="error"`);
    expect(row).toMatch(new RegExp(`data-officers="[^"]*\\b${daytime.subject.id}\\b`));
  });

  it('draws one heatmap cell per officer-week five-half-days judged, marking the violations with ✗ and hatching', () => {
    const html = htmlFormatter.format(full, context());
    const judged = full.rules.find((r) => r.id === 'community-policing/five-half-days')!.judged!;
    expect(html.match(/<td class="hm /g)).toHaveLength(judged.length);
    const failing = full.violations.filter((v) => v.ruleId === 'community-policing/five-half-days');
    expect(html.match(/<td class="hm f">/g)).toHaveLength(failing.length);
    const first = failing[0]!;
    expect(html).toContain(`<td class="hm f">${first.actual}/${first.expected}✗</td>`);
  });

  it('marks every coverage gap date of the violations, and shows who is present against required', () => {
    const html = htmlFormatter.format(full, context());
    const grid = html.slice(html.indexOf('id="coverage-grid"'), html.indexOf('</table>', html.indexOf('id="coverage-grid"')));
    const gapDays = full.violations
      .filter((v) => v.ruleId === 'community-policing/coverage')
      .reduce((n, v) => n + (Date.parse(v.period!.end) - Date.parse(v.period!.start)) / 86_400_000 + 1, 0);
    expect(grid.match(/<td class="f">/g)).toHaveLength(gapDays);
    expect(grid.match(/<tr><th scope="row">/g)).toHaveLength(full.checked.communities);
  });

  it('shows each transfer with its effective date, the arrival and whether the replacement came first', () => {
    const html = htmlFormatter.format(full, context());
    const table = html.slice(html.indexOf('id="transfers-table"'));
    expect(table.match(/<tr data-transfer=/g)).toHaveLength(full.checked.transfers);
    expect(table).toContain('先进后出 ✓');
    expect(table).toMatch(/✗ 接替晚到 \d+ 天/);
    expect(table).toMatch(/<svg role="img"[^>]*aria-label="T-2017-/);
  });

  it('without --include subjects says how to get the charts, and still lists every violation', () => {
    const html = htmlFormatter.format(plain, context('en'));
    expect(html.match(/--include subjects/g)!.length).toBeGreaterThanOrEqual(4);
    expect(html).not.toContain('class="hm ');
    expect(tags(html, 'tr').filter((t) => t.includes('data-fingerprint='))).toHaveLength(plain.violations.length);
  });

  it('speaks the requested language, and escapes what the input says', () => {
    expect(htmlFormatter.format(full, context('en'))).toContain('<h1>Duty compliance report</h1>');
    expect(htmlFormatter.format(full, context())).toContain('<h1>勤务合规报告</h1>');
    const hostile: Report = { ...full, violations: full.violations.map((v, i) => (i === 0 ? { ...v, message: '<script>alert(1)</script>&"' } : v)) };
    const html = htmlFormatter.format(hostile, context());
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;');
  });

  it('gives every id once', () => {
    for (const report of [full, plain]) {
      const ids = [...htmlFormatter.format(report, context()).matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(ids.length).toBeGreaterThan(10);
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('puts the rows beyond the first LIVE_VIOLATION_ROWS in templates, every violation once, in report order', () => {
    const many: Report = { ...full, violations: Array.from({ length: 4321 }, (_, i) => ({ ...full.violations[i % 28]!, fingerprint: i.toString(16).padStart(16, '0') })) };
    const html = htmlFormatter.format(many, context());
    const live = html.slice(html.indexOf('<table class="vt"'), html.indexOf('</table>', html.indexOf('<table class="vt"')));
    expect(live.match(/data-fingerprint=/g)).toHaveLength(LIVE_VIOLATION_ROWS);
    expect(html.match(/<template class="vrows">/g)).toHaveLength(2);
    expect([...html.matchAll(/data-fingerprint="([0-9a-f]{16})"/g)].map((m) => m[1])).toEqual(many.violations.map((v) => v.fingerprint));
    expect(html).toContain('<noscript>');
  });

  it('a clean report: no table and no script error path, the summary says 0', () => {
    const clean: Report = { ...full, violations: [], summary: { errors: 0, warnings: 0, byRule: {} } };
    const html = htmlFormatter.format(clean, context('en'));
    expect(html).not.toContain('id="violations"');
    expect(html).toContain('No violations found.');
    expect(html).toContain('<div class="card e"><b>0</b>Errors</div>');
  });

  it(`shows only the communities with a gap once the coverage grid would pass ${COVERAGE_GRID_CELL_LIMIT} cells`, () => {
    const coverage = full.rules.find((r) => r.id === 'community-policing/coverage')!;
    const dates = Array.from({ length: 365 }, (_, i) => new Date(Date.UTC(2017, 0, 1 + i)).toISOString().slice(0, 10));
    const judged = Array.from({ length: 200 }, (_, c) => dates.map((d) => ({ subject: { type: 'community' as const, id: `C${String(c).padStart(3, '0')}` }, period: { start: d, end: d }, facts: { assignedOfficers: 1, requiredOfficers: 1 } }))).flat();
    const gap = full.violations.find((v) => v.ruleId === 'community-policing/coverage')!;
    const big: Report = {
      ...full,
      period: { start: '2017-01-01', end: '2017-12-31' },
      rules: [{ ...coverage, judged }],
      violations: [{ ...gap, subject: { type: 'community', id: 'C007' }, period: { start: '2017-03-01', end: '2017-03-02' } }],
    };
    const html = htmlFormatter.format(big, context('en'));
    const grid = html.slice(html.indexOf('id="coverage-grid"'), html.indexOf('</table>', html.indexOf('id="coverage-grid"')));
    expect(grid.match(/<tr><th scope="row">([^<]+)</g)).toEqual(['<tr><th scope="row">C007<']);
    expect(grid.match(/<td class="f">/g)).toHaveLength(2);
    expect(html).toContain('199 more communities were fully staffed every day and are not listed.');
  });

  it('is deterministic', () => {
    expect(htmlFormatter.format(full, context())).toBe(htmlFormatter.format(full, context()));
  });
});

describe('html helpers', () => {
  it('escapeHtml', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
  it('isoWeekLabel across a year boundary', () => {
    expect(isoWeekLabel('2017-04-05')).toEqual({ monday: '2017-04-03', label: '2017-W14' });
    expect(isoWeekLabel('2021-01-01')).toEqual({ monday: '2020-12-28', label: '2020-W53' });
    expect(isoWeekLabel('2019-12-30')).toEqual({ monday: '2019-12-30', label: '2020-W01' });
  });
});
