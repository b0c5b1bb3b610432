import type { Evidence, JudgedSubjectMeasures, Language, Report, ReportRule, Violation } from '../report/types.js';
import { addCalendarDays, daysBetween, eachCalendarDate } from '../time/calendar-date.js';
import { chunkedFormatter, type FormatContext, type Formatter } from './formatter.js';
import { chunkedLines } from './_lib/chunked-lines.js';
import { HTML_SCRIPT, HTML_STYLE } from './_lib/html-assets.js';
import { compareText, escapeHtml as h, isoWeekLabel, type IsoWeek } from './_lib/html.js';
import { pathFromCwd } from './_lib/locations.js';

const PACK = 'community-policing';
const FIVE_HALF_DAYS = `${PACK}/five-half-days`;
const COVERAGE = `${PACK}/coverage`;
const STATION_DUTY = `${PACK}/no-daytime-station-duty`;
const DIVERSION = `${PACK}/no-diversion`;
const TENURE = `${PACK}/five-year-tenure`;
const REPLACEMENT = `${PACK}/replacement-first`;

/**
 * Above this many community × date cells, the coverage grid shows only the communities with a
 * gap (a city-year has millions of cells; a fully staffed row shows nothing to act on).
 */
export const COVERAGE_GRID_CELL_LIMIT = 50_000;

/**
 * Violation rows laid out as the page loads, and shown per batch after a filter or when the
 * table is scrolled to its end; the others wait in `<template>`s of
 * {@link DEFERRED_ROWS_PER_TEMPLATE} rows (a table of tens of thousands of rows laid out while it
 * is parsed takes Chromium half a minute; parsed into templates, a second; `npm run bench`).
 */
export const LIVE_VIOLATION_ROWS = 500;
const DEFERRED_ROWS_PER_TEMPLATE = 2000;

/** How many pieces of evidence a table row lists before saying how many more there are. */
const EVIDENCE_SHOWN = 4;

type Words = (typeof WORDS)[Language];

const WORDS = {
  'zh-CN': {
    title: '勤务合规报告',
    period: '检查期',
    timezone: '时区',
    checked: '检查范围',
    checkedText: (c: Report['checked']) => `民警 ${c.officers} 名、社区 ${c.communities} 个、单位 ${c.units} 个、勤务记录 ${c.rosterEntries} 条、调动申请 ${c.transfers} 件`,
    tool: '生成工具',
    summary: '概况',
    errors: '错误',
    warnings: '警告',
    waived: '已豁免',
    newCount: '新增（对比基线）',
    fixedCount: '已修复（对比基线）',
    unchangedCount: '未变（对比基线）',
    rules: '已执行的规则',
    rule: '规则',
    severity: '级别',
    subjectsJudged: '检查对象',
    error: '错误',
    warning: '警告',
    none: '无',
    needSubjects: '此图需要各检查对象的度量：请以 --include subjects 生成报告（check --format html --include subjects）。',
    notRun: '本次检查未执行该规则。',
    heatmap: '社区工作半天数（民警 × ISO 周）',
    heatmapNote: '每格为该民警该周计入的社区半天数 / 应达半天数；每个已检查的民警周一格。',
    heatmapCaption: '民警每周到社区工作的半天数与要求',
    officer: '民警',
    week: '周',
    met: '达标',
    short: '不足（违规）',
    violation: '违规',
    notRequired: '本周无要求',
    notJudged: '未检查',
    coverage: '社区警力覆盖（社区 × 日期）',
    coverageNote: '每格为当日在岗社区民警数 / 应配人数；缺口标 ✗。',
    coverageOmitted: (n: number) => `另有 ${n} 个社区每日均满编，未列出。`,
    coverageCaption: '各社区每日在岗社区民警与配备要求',
    community: '社区',
    date: '日期',
    staffed: '满编',
    gap: '缺口（违规）',
    minutes: '日间所内值班与其他勤务分钟（民警 × 周）',
    minutesNote: '每格：日间所内值班分钟 · 其他勤务分钟；有违规的格标 ✗。',
    minutesCaption: '民警每周日间所内值班与其他勤务的分钟数',
    stationDuty: '日间所内值班',
    someMinutes: '有分钟数，未违规',
    otherDuty: '其他勤务',
    transfers: '调动申请时间线（先进后出）',
    transfersNote: '● 调离日期，▲ 接替民警到岗日期；▲ 在 ● 之前或同日即“先进后出”。',
    transfersCaption: '调动申请：生效日期、接替民警到岗、任职年限与规则结论',
    transfer: '申请',
    effective: '调离日期',
    arrival: '接替到岗',
    tenure: '任职',
    tenureText: (days: number, start: string) => `${(days / 365.25).toFixed(1)} 年（自 ${start}）`,
    outcome: '结论',
    firstInOk: '先进后出 ✓',
    firstInLate: (days: number) => `✗ 接替晚到 ${days} 天`,
    firstInMissing: '✗ 无接替到岗',
    compliant: '合规',
    violations: '违规明细',
    filterRule: '规则',
    filterSeverity: '级别',
    filterOfficer: '民警编号',
    filterCommunity: '社区编号',
    filterText: '全文搜索',
    all: '全部',
    shown: (total: number) => `条，共 ${total} 条`,
    showing: '显示',
    index: '序号',
    subject: '对象',
    when: '期间',
    message: '说明',
    expectedActual: '应为 / 实为',
    evidence: '依据',
    fingerprint: '指纹',
    more: (n: number) => `另有 ${n} 项`,
    noViolations: '未发现违规。',
    needScript: (n: number) => `另有 ${n} 行需启用 JavaScript 才能显示。`,
    loadingMore: (count: string) => `另有 ${count} 行：滚动到此处显示更多。`,
    footer: '本报告为单个自包含文件，不加载任何外部资源；可直接打印（A4）。',
  },
  en: {
    title: 'Duty compliance report',
    period: 'Period',
    timezone: 'Time zone',
    checked: 'Checked',
    checkedText: (c: Report['checked']) => `${c.officers} officers, ${c.communities} communities, ${c.units} units, ${c.rosterEntries} roster entries, ${c.transfers} transfers`,
    tool: 'Made by',
    summary: 'Summary',
    errors: 'Errors',
    warnings: 'Warnings',
    waived: 'Waived',
    newCount: 'New (against the baseline)',
    fixedCount: 'Fixed (against the baseline)',
    unchangedCount: 'Unchanged (against the baseline)',
    rules: 'Rules that ran',
    rule: 'Rule',
    severity: 'Severity',
    subjectsJudged: 'Subjects judged',
    error: 'error',
    warning: 'warning',
    none: 'none',
    needSubjects: 'This chart needs the measures of every subject judged: make the report with --include subjects (check --format html --include subjects).',
    notRun: 'This rule did not run in this check.',
    heatmap: 'Community half-days (officer × ISO week)',
    heatmapNote: 'Each cell: half-days counted in the community / half-days required that week; one cell per officer-week judged.',
    heatmapCaption: 'Community half-days per officer and week against the requirement',
    officer: 'Officer',
    week: 'Week',
    met: 'met',
    short: 'short (violation)',
    violation: 'violation',
    notRequired: 'nothing required',
    notJudged: 'not judged',
    coverage: 'Community coverage (community × date)',
    coverageNote: 'Each cell: community officers assigned that day / officers required; gaps are marked ✗.',
    coverageOmitted: (n: number) => `${n} more communities were fully staffed every day and are not listed.`,
    coverageCaption: 'Community officers assigned per community and day against the requirement',
    community: 'Community',
    date: 'Date',
    staffed: 'staffed',
    gap: 'gap (violation)',
    minutes: 'Daytime station duty and other duties, minutes (officer × week)',
    minutesNote: 'Each cell: daytime station-duty minutes · other-duty minutes; cells with a violation are marked ✗.',
    minutesCaption: 'Daytime station-duty and other-duty minutes per officer and week',
    stationDuty: 'daytime station duty',
    someMinutes: 'some minutes, no violation',
    otherDuty: 'other duties',
    transfers: 'Transfers timeline (replacement first)',
    transfersNote: '● the date the officer leaves, ▲ the date the replacement arrives; ▲ on or before ● is "replacement first".',
    transfersCaption: 'Transfer requests: effective date, replacement arrival, tenure and the rules’ outcome',
    transfer: 'Request',
    effective: 'Leaves',
    arrival: 'Replacement arrives',
    tenure: 'Tenure',
    tenureText: (days: number, start: string) => `${(days / 365.25).toFixed(1)} years (since ${start})`,
    outcome: 'Outcome',
    firstInOk: 'replacement first ✓',
    firstInLate: (days: number) => `✗ replacement ${days} days late`,
    firstInMissing: '✗ no replacement arrives',
    compliant: 'compliant',
    violations: 'Violations',
    filterRule: 'Rule',
    filterSeverity: 'Severity',
    filterOfficer: 'Officer id',
    filterCommunity: 'Community id',
    filterText: 'Search',
    all: 'all',
    shown: (total: number) => `of ${total}`,
    showing: 'Showing',
    index: '#',
    subject: 'Subject',
    when: 'Period',
    message: 'Message',
    expectedActual: 'Expected / actual',
    evidence: 'Evidence',
    fingerprint: 'Fingerprint',
    more: (n: number) => `${n} more`,
    noViolations: 'No violations found.',
    needScript: (n: number) => `${n} more rows need JavaScript to show.`,
    loadingMore: (count: string) => `${count} more rows: scroll here to show more.`,
    footer: 'This report is one self-contained file and loads nothing from outside; it prints on A4.',
  },
} as const;

/**
 * The report as one self-contained HTML page for people who act on it (a station chief, a duty
 * office, HR): a summary, an officer × ISO-week heatmap of community half-days, a community ×
 * date coverage grid, daytime station-duty and other-duty minutes per officer and week, a
 * transfers timeline, and the violations as a table to filter (rule, severity, officer,
 * community, free text) and sort, each row with `data-fingerprint`.
 *
 * - A function of the report alone. The charts draw the measures of every subject judged,
 *   which the report holds with `--include subjects`; without them each chart says so.
 * - No network: styles and the small filter script are inline, charts are HTML tables and
 *   hand-written SVG, there are no fonts or images; a Content-Security-Policy forbids loading
 *   anything. Words in `context.language`; messages as the report has them.
 * - Colour is never alone: every coloured cell has its numbers and a mark (✗ hatched for a
 *   violation), charts are tables with captions and headers, SVG has a text alternative.
 * - Prints on A4 (filters hidden, tables at full length).
 */
export const htmlFormatter: Formatter = chunkedFormatter('html', (report, context) => chunkedLines(htmlLines(report, context)));

/** The page line by line; each section is made when it is written, so only one is held at a time. */
function* htmlLines(report: Report, context: FormatContext): Generator<string> {
  const w = WORDS[context.language];
  const byRule = new Map(report.rules.map((r) => [r.id, r]));
  yield* [
    '<!DOCTYPE html>',
    `<html lang="${context.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(`${w.title} ${report.period.start} – ${report.period.end}`)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<header><h1>${h(w.title)}</h1></header>`,
    '<main>',
  ];
  yield summarySection(report, w, context.language);
  yield halfDaysSection(report, byRule.get(FIVE_HALF_DAYS), w);
  yield coverageSection(report, byRule.get(COVERAGE), w);
  yield minutesSection(report, byRule.get(STATION_DUTY), byRule.get(DIVERSION), w);
  yield transfersSection(report, byRule.get(TENURE), byRule.get(REPLACEMENT), w);
  yield violationsSection(report, context, w);
  yield* ['</main>', `<footer>${h(w.footer)} ${h(`${report.tool.name} ${report.tool.version}`)}</footer>`, `<script>${HTML_SCRIPT}</script>`, '</body>', '</html>'];
}

function summarySection(report: Report, w: Words, language: Language): string {
  const { errors, warnings } = report.summary;
  const waived = report.summary.suppressed ?? report.violations.filter((v) => v.suppression).length;
  const cards = [card('e', w.errors, errors), card('w', w.warnings, warnings), card('s', w.waived, waived)];
  const baseline = report.baseline;
  if (baseline) {
    cards.push(card('e', w.newCount, baseline.new.errors + baseline.new.warnings));
    cards.push(card('n', w.unchangedCount, baseline.unchanged.errors + baseline.unchanged.warnings));
    cards.push(card('n', w.fixedCount, baseline.fixed.length));
  }
  const counts = new Map<string, { errors: number; warnings: number; waived: number }>();
  for (const v of report.violations) {
    let c = counts.get(v.ruleId);
    if (!c) counts.set(v.ruleId, (c = { errors: 0, warnings: 0, waived: 0 }));
    if (v.suppression) c.waived++;
    else if (v.severity === 'error') c.errors++;
    else c.warnings++;
  }
  const ruleIds = [...new Set([...report.rules.map((r) => r.id), ...counts.keys()])].sort(compareText);
  const rows = ruleIds.map((id) => {
    const rule = report.rules.find((r) => r.id === id);
    const c = counts.get(id) ?? { errors: 0, warnings: 0, waived: 0 };
    const title = rule ? ` ${h(rule.title[language])}` : '';
    return `<tr><td><code>${h(id)}</code>${title}</td><td>${rule ? severityLabel(rule.severity, w) : ''}</td><td>${rule ? rule.subjects.length : ''}</td><td>${c.errors}</td><td>${c.warnings}</td><td>${c.waived}</td></tr>`;
  });
  return [
    '<section id="summary" aria-labelledby="summary-h">',
    `<h2 id="summary-h">${h(w.summary)}</h2>`,
    '<dl class="meta">',
    `<dt>${h(w.period)}</dt><dd>${h(report.period.start)} – ${h(report.period.end)}</dd>`,
    `<dt>${h(w.timezone)}</dt><dd>${h(report.timezone)}</dd>`,
    `<dt>${h(w.checked)}</dt><dd>${h(w.checkedText(report.checked))}</dd>`,
    '</dl>',
    `<div class="cards">${cards.join('')}</div>`,
    `<table><caption class="visually-hidden">${h(w.rules)}</caption><thead><tr><th scope="col">${h(w.rule)}</th><th scope="col">${h(w.severity)}</th><th scope="col">${h(w.subjectsJudged)}</th><th scope="col">${h(w.errors)}</th><th scope="col">${h(w.warnings)}</th><th scope="col">${h(w.waived)}</th></tr></thead>`,
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function card(kind: string, label: string, value: number): string {
  return `<div class="card ${kind}"><b>${value}</b>${h(label)}</div>`;
}

function severityLabel(severity: 'error' | 'warning', w: Words): string {
  return `<span class="sev ${severity}">${h(severity === 'error' ? w.error : w.warning)}</span>`;
}

/** A section that cannot draw: the rule did not run, or the report lacks the measures. */
function unavailable(id: string, heading: string, rule: ReportRule | undefined, w: Words): string | undefined {
  if (!rule) return section(id, heading, `<p class="note">${h(w.notRun)}</p>`);
  if (!rule.judged) return section(id, heading, `<p class="note">${h(w.needSubjects)}</p>`);
  return undefined;
}

function section(id: string, heading: string, body: string): string {
  return `<section id="${id}" aria-labelledby="${id}-h">\n<h2 id="${id}-h">${h(heading)}</h2>\n${body}\n</section>`;
}

function legend(items: readonly [cls: string, sample: string, label: string][]): string {
  return `<ul class="legend">${items.map(([cls, sample, label]) => `<li><span class="sw ${cls}">${h(sample)}</span>${h(label)}</li>`).join('')}</ul>`;
}

/** `${type}\0${id}\0${start}` of every violation of a rule (a heatmap cell's outcome). */
function violationKeys(report: Report, ruleId: string): Set<string> {
  const keys = new Set<string>();
  for (const v of report.violations) if (v.ruleId === ruleId) keys.add(`${v.subject.id}\u0000${v.period?.start ?? ''}`);
  return keys;
}

/** Rows (subject ids) and ISO-week columns of measures, each cell the measures of that subject-week. */
function byWeek(judged: readonly JudgedSubjectMeasures[]): { ids: string[]; weeks: IsoWeek[]; cells: Map<string, JudgedSubjectMeasures[]> } {
  const ids = new Set<string>();
  const weeks = new Map<string, IsoWeek>();
  const cells = new Map<string, JudgedSubjectMeasures[]>();
  for (const j of judged) {
    if (!j.period) continue;
    const week = isoWeekLabel(j.period.start);
    ids.add(j.subject.id);
    weeks.set(week.monday, week);
    const key = `${j.subject.id}\u0000${week.monday}`;
    const list = cells.get(key);
    if (list) list.push(j);
    else cells.set(key, [j]);
  }
  return { ids: [...ids].sort(compareText), weeks: [...weeks.values()].sort((a, b) => compareText(a.monday, b.monday)), cells };
}

function weekHeader(weeks: readonly IsoWeek[], corner: string): string {
  return `<thead><tr><th scope="col">${h(corner)}</th>${weeks.map((wk) => `<th scope="col" title="${h(wk.monday)}">${h(wk.label.slice(5))}</th>`).join('')}</tr></thead>`;
}

function halfDaysSection(report: Report, rule: ReportRule | undefined, w: Words): string {
  const none = unavailable('half-days', w.heatmap, rule, w);
  if (none !== undefined) return none;
  const { ids, weeks, cells } = byWeek(rule!.judged!);
  const failing = violationKeys(report, FIVE_HALF_DAYS);
  const rows = ids.map((id) => {
    const tds = weeks.map((wk) => {
      const j = cells.get(`${id}\u0000${wk.monday}`)?.[0];
      if (!j) return '<td></td>';
      const counted = num(j.facts.countedHalfDays);
      const required = num(j.facts.requiredHalfDays);
      const bad = failing.has(`${id}\u0000${j.period!.start}`);
      const cls = bad ? 'f' : required === 0 ? 'z' : 'ok';
      return `<td class="hm ${cls}">${counted}/${required}${bad ? '✗' : ''}</td>`;
    });
    return `<tr><th scope="row">${h(id)}</th>${tds.join('')}</tr>`;
  });
  return section(
    'half-days',
    w.heatmap,
    [
      `<p class="note">${h(w.heatmapNote)}</p>`,
      legend([
        ['ok', '5/5', w.met],
        ['f', '2/5✗', w.short],
        ['z', '0/0', w.notRequired],
        ['', '', w.notJudged],
      ]),
      `<div class="scroll"><table class="grid" id="half-days-grid"><caption class="visually-hidden">${h(w.heatmapCaption)}</caption>${weekHeader(weeks, w.officer)}<tbody>${rows.join('')}</tbody></table></div>`,
    ].join('\n'),
  );
}

function coverageSection(report: Report, rule: ReportRule | undefined, w: Words): string {
  const none = unavailable('coverage', w.coverage, rule, w);
  if (none !== undefined) return none;
  const dates = eachCalendarDate(report.period.start, report.period.end);
  const byCommunity = new Map<string, Map<string, JudgedSubjectMeasures>>();
  for (const j of rule!.judged!) {
    if (!j.period) continue;
    let row = byCommunity.get(j.subject.id);
    if (!row) byCommunity.set(j.subject.id, (row = new Map()));
    row.set(j.period.start, j);
  }
  // A gap is a date inside a violation's period (coverage merges consecutive dates into runs).
  const gaps = new Map<string, Set<string>>();
  for (const v of report.violations) {
    if (v.ruleId !== COVERAGE || !v.period) continue;
    let set = gaps.get(v.subject.id);
    if (!set) gaps.set(v.subject.id, (set = new Set()));
    for (let d = v.period.start; d <= v.period.end; d = addCalendarDays(d, 1)) set.add(d);
  }
  let ids = [...byCommunity.keys()].sort(compareText);
  let omitted = 0;
  if (ids.length * dates.length > COVERAGE_GRID_CELL_LIMIT) {
    const withGaps = ids.filter((id) => gaps.has(id));
    omitted = ids.length - withGaps.length;
    ids = withGaps;
  }
  const header = `<thead><tr><th scope="col">${h(w.community)}</th>${dates.map((d) => `<th scope="col" title="${d}">${d.slice(5)}</th>`).join('')}</tr></thead>`;
  const rows = ids.map((id) => {
    const row = byCommunity.get(id)!;
    const gap = gaps.get(id);
    const tds = dates.map((d) => {
      const j = row.get(d);
      if (!j) return '<td></td>';
      const bad = gap?.has(d) ?? false;
      return `<td class="${bad ? 'f' : 'ok'}">${num(j.facts.assignedOfficers)}/${num(j.facts.requiredOfficers)}${bad ? '✗' : ''}</td>`;
    });
    return `<tr><th scope="row">${h(id)}</th>${tds.join('')}</tr>`;
  });
  return section(
    'coverage',
    w.coverage,
    [
      `<p class="note">${h(w.coverageNote)}</p>`,
      legend([
        ['ok', '1/1', w.staffed],
        ['f', '0/1✗', w.gap],
      ]),
      `<div class="scroll"><table class="grid" id="coverage-grid"><caption class="visually-hidden">${h(w.coverageCaption)}</caption>${header}<tbody>${rows.join('')}</tbody></table></div>`,
      omitted > 0 ? `<p class="note">${h(w.coverageOmitted(omitted))}</p>` : '',
    ].join('\n'),
  );
}

function minutesSection(report: Report, station: ReportRule | undefined, diversion: ReportRule | undefined, w: Words): string {
  const heading = w.minutes;
  if (!station && !diversion) return section('minutes', heading, `<p class="note">${h(w.notRun)}</p>`);
  if ((station && !station.judged) || (diversion && !diversion.judged)) return section('minutes', heading, `<p class="note">${h(w.needSubjects)}</p>`);
  const s = byWeek(station?.judged ?? []);
  const o = byWeek(diversion?.judged ?? []);
  const ids = [...new Set([...s.ids, ...o.ids])].sort(compareText);
  const weekMap = new Map([...s.weeks, ...o.weeks].map((wk) => [wk.monday, wk]));
  const weeks = [...weekMap.values()].sort((a, b) => compareText(a.monday, b.monday));
  // A week is marked when a violation of either rule starts in it.
  const marked = new Set<string>();
  for (const v of report.violations) {
    if ((v.ruleId === STATION_DUTY || v.ruleId === DIVERSION) && v.period) marked.add(`${v.subject.id}\u0000${isoWeekLabel(v.period.start).monday}`);
  }
  const rows = ids.map((id) => {
    const tds = weeks.map((wk) => {
      const key = `${id}\u0000${wk.monday}`;
      const sd = s.cells.get(key);
      const od = o.cells.get(key);
      if (!sd && !od) return '<td></td>';
      const daytime = (sd ?? []).reduce((sum, j) => sum + num(j.facts.daytimeMinutes), 0);
      const other = (od ?? []).reduce((sum, j) => sum + num(j.facts.otherMinutes), 0);
      const bad = marked.has(key);
      return `<td class="${bad ? 'f' : daytime + other > 0 ? 'w' : 'ok'}">${sd ? daytime : '–'} · ${od ? other : '–'}${bad ? '✗' : ''}</td>`;
    });
    return `<tr><th scope="row">${h(id)}</th>${tds.join('')}</tr>`;
  });
  return section(
    'minutes',
    heading,
    [
      `<p class="note">${h(w.minutesNote)}</p>`,
      legend([
        ['ok', '0 · 0', `${w.stationDuty} · ${w.otherDuty}`],
        ['w', '0 · 45', w.someMinutes],
        ['f', '60✗', w.violation],
      ]),
      `<div class="scroll"><table class="grid" id="minutes-grid"><caption class="visually-hidden">${h(w.minutesCaption)}</caption>${weekHeader(weeks, w.officer)}<tbody>${rows.join('')}</tbody></table></div>`,
    ].join('\n'),
  );
}

interface TransferRow {
  id: string;
  effective: string;
  officer?: string;
  community?: string;
  replacement?: string;
  arrival?: string;
  tenureDays?: number;
  tenureStart?: string;
}

function transfersSection(report: Report, tenure: ReportRule | undefined, replacement: ReportRule | undefined, w: Words): string {
  const heading = w.transfers;
  if (!tenure && !replacement) return section('transfers', heading, `<p class="note">${h(w.notRun)}</p>`);
  if ((tenure && !tenure.judged) || (replacement && !replacement.judged)) return section('transfers', heading, `<p class="note">${h(w.needSubjects)}</p>`);
  const rows = new Map<string, TransferRow>();
  const row = (j: JudgedSubjectMeasures) => {
    let r = rows.get(j.subject.id);
    if (!r) rows.set(j.subject.id, (r = { id: j.subject.id, effective: j.period?.start ?? '' }));
    return r;
  };
  for (const j of tenure?.judged ?? []) {
    const r = row(j);
    if (typeof j.facts.tenureDays === 'number') r.tenureDays = j.facts.tenureDays;
    if (typeof j.facts.tenureStart === 'string') r.tenureStart = j.facts.tenureStart;
    if (typeof j.details?.community === 'string') r.community = j.details.community;
  }
  for (const j of replacement?.judged ?? []) {
    const r = row(j);
    if (typeof j.details?.community === 'string') r.community = j.details.community;
    if (typeof j.details?.replacement === 'string') r.replacement = j.details.replacement;
    if (typeof j.details?.replacementArrival === 'string') r.arrival = j.details.replacementArrival;
  }
  const outcomes = new Map<string, Violation[]>();
  for (const v of report.violations) {
    if ((v.ruleId !== TENURE && v.ruleId !== REPLACEMENT) || v.subject.type !== 'transfer') continue;
    const list = outcomes.get(v.subject.id);
    if (list) list.push(v);
    else outcomes.set(v.subject.id, [v]);
  }
  const ordered = [...rows.values()].sort((a, b) => compareText(a.effective, b.effective) || compareText(a.id, b.id));
  const body = ordered.map((r) => {
    const found = outcomes.get(r.id) ?? [];
    const firstIn = replacement ? firstInText(r, w) : '';
    const outcome = found.length === 0 ? `<span class="sev">${h(w.compliant)}</span>` : found.map((v) => `<div>${violationSeverity(v, w)} ${h(v.message)}</div>`).join('');
    return [
      `<tr data-transfer="${h(r.id)}">`,
      `<th scope="row">${h(r.id)}${r.community ? `<br><small>${h(r.community)}</small>` : ''}</th>`,
      `<td>${h(r.effective)}</td>`,
      `<td>${r.arrival ? h(r.arrival) : '–'}${r.replacement ? `<br><small>${h(r.replacement)}</small>` : ''}</td>`,
      `<td class="tl">${timelineSvg(r, firstIn)}<div>${h(firstIn)}</div></td>`,
      `<td>${r.tenureDays !== undefined && r.tenureStart ? h(w.tenureText(r.tenureDays, r.tenureStart)) : '–'}</td>`,
      `<td>${outcome}</td>`,
      '</tr>',
    ].join('');
  });
  return section(
    'transfers',
    heading,
    [
      `<p class="note">${h(w.transfersNote)}</p>`,
      // The late-arrival hatching, defined once for every timeline.
      '<svg width="0" height="0" aria-hidden="true" style="position:absolute"><defs><pattern id="hatch" width="4" height="4" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="2" height="4" fill="#d55e00"/></pattern></defs></svg>',
      `<table id="transfers-table"><caption class="visually-hidden">${h(w.transfersCaption)}</caption><thead><tr><th scope="col">${h(w.transfer)}</th><th scope="col">${h(w.effective)}</th><th scope="col">${h(w.arrival)}</th><th scope="col">${h(w.transfers)}</th><th scope="col">${h(w.tenure)}</th><th scope="col">${h(w.outcome)}</th></tr></thead>`,
      `<tbody>${body.join('')}</tbody></table>`,
    ].join('\n'),
  );
}

function firstInText(r: TransferRow, w: Words): string {
  if (!r.arrival) return w.firstInMissing;
  const late = daysBetween(r.effective, r.arrival);
  return late <= 0 ? w.firstInOk : w.firstInLate(late);
}

/** Days shown each side of the effective date; an arrival further away is drawn at the edge with an arrow. */
const TIMELINE_DAYS = 30;

/** The effective date (●) and the replacement's arrival (▲) on a ±30-day axis; the gap between is hatched when the arrival is late. */
function timelineSvg(r: TransferRow, label: string): string {
  const width = 200;
  const x = (days: number) => Math.round(((Math.max(-TIMELINE_DAYS, Math.min(TIMELINE_DAYS, days)) + TIMELINE_DAYS) / (2 * TIMELINE_DAYS)) * (width - 20)) + 10;
  const leave = x(0);
  const parts = [`<line x1="10" y1="14" x2="${width - 10}" y2="14" stroke="#9a9a9a"/>`, `<circle cx="${leave}" cy="14" r="5" fill="#1b1b1b"/>`];
  if (r.arrival) {
    const offset = daysBetween(r.effective, r.arrival);
    const at = x(offset);
    const late = offset > 0;
    if (late) parts.splice(1, 0, `<rect x="${leave}" y="9" width="${at - leave}" height="10" fill="url(#hatch)" stroke="#d55e00"/>`);
    else if (at < leave) parts.splice(1, 0, `<rect x="${at}" y="11" width="${leave - at}" height="6" fill="#0072b2" opacity=".35"/>`);
    parts.push(`<path d="M${at - 6} 22 L${at} 11 L${at + 6} 22 Z" fill="${late ? '#d55e00' : '#0072b2'}"/>`);
    if (Math.abs(offset) > TIMELINE_DAYS) parts.push(`<text x="${at + (offset > 0 ? -4 : 4)}" y="8" font-size="9" text-anchor="${offset > 0 ? 'end' : 'start'}">${offset > 0 ? '→' : '←'}${Math.abs(offset)}</text>`);
  }
  return `<svg role="img" width="${width}" height="26" viewBox="0 0 ${width} 26" aria-label="${h(`${r.id}: ${label}`)}"><title>${h(`${r.id}: ${r.effective}${r.arrival ? ` / ${r.arrival}` : ''} — ${label}`)}</title>${parts.join('')}</svg>`;
}

function violationSeverity(v: Violation, w: Words): string {
  if (v.suppression) return `<span class="sev waived">${h(w.waived)}</span>`;
  return severityLabel(v.severity, w);
}

function violationsSection(report: Report, context: FormatContext, w: Words): string {
  const language = context.language;
  if (report.violations.length === 0) return section('violation-list', w.violations, `<p>${h(w.noViolations)}</p>`);
  const ruleIds = [...new Set(report.violations.map((v) => v.ruleId))].sort(compareText);
  const titles = new Map(report.rules.map((r) => [r.id, r.title[language]]));
  const width = String(report.violations.length).length;
  const rows = report.violations.map((v, i) => violationRow(v, i, width, titles, context, w));
  const sortable = (label: string) => `<th scope="col"><button type="button">${h(label)}</button></th>`;
  const total = report.violations.length;
  return section(
    'violation-list',
    w.violations,
    [
      '<div class="filters" role="search">',
      `<label>${h(w.filterRule)}<select id="f-rule"><option value="">${h(w.all)}</option>${ruleIds.map((id) => `<option value="${h(id)}">${h(id)}${titles.has(id) ? ` ${h(titles.get(id)!)}` : ''}</option>`).join('')}</select></label>`,
      `<label>${h(w.filterSeverity)}<select id="f-severity"><option value="">${h(w.all)}</option><option value="error">${h(w.error)}</option><option value="warning">${h(w.warning)}</option><option value="waived">${h(w.waived)}</option></select></label>`,
      `<label>${h(w.filterOfficer)}<input id="f-officer" type="text" autocomplete="off" spellcheck="false"></label>`,
      `<label>${h(w.filterCommunity)}<input id="f-community" type="text" autocomplete="off" spellcheck="false"></label>`,
      `<label>${h(w.filterText)}<input id="f-text" type="search" autocomplete="off"></label>`,
      `<output aria-live="polite">${h(w.showing)} <span id="f-count">${total}</span> ${h(w.shown(total))}</output>`,
      '</div>',
      `<div class="scroll"><table class="vt" id="violations"><caption class="visually-hidden">${h(w.violations)}</caption><thead><tr>${[w.index, w.severity, w.rule, w.subject, w.when, w.message, w.expectedActual, w.evidence, w.fingerprint].map(sortable).join('')}</tr></thead>`,
      `<tbody>${rows.slice(0, LIVE_VIOLATION_ROWS).join('\n')}</tbody></table>`,
      ...deferred(rows.slice(LIVE_VIOLATION_ROWS)),
      rows.length > LIVE_VIOLATION_ROWS ? `<p id="violations-more" class="note">${w.loadingMore(`<span id="violations-more-count">${rows.length - LIVE_VIOLATION_ROWS}</span>`)}</p>` : '',
      '</div>',
      rows.length > LIVE_VIOLATION_ROWS ? `<noscript><p class="note">${h(w.needScript(rows.length - LIVE_VIOLATION_ROWS))}</p></noscript>` : '',
    ].join('\n'),
  );
}

function deferred(rows: readonly string[]): string[] {
  const templates: string[] = [];
  for (let i = 0; i < rows.length; i += DEFERRED_ROWS_PER_TEMPLATE) templates.push(`<template class="vrows">${rows.slice(i, i + DEFERRED_ROWS_PER_TEMPLATE).join('\n')}</template>`);
  return templates;
}

function violationRow(v: Violation, index: number, width: number, titles: ReadonlyMap<string, string>, context: FormatContext, w: Words): string {
  const severity = v.suppression ? 'waived' : v.severity;
  const { officers, communities } = involved(v);
  const period = v.period ? (v.period.start === v.period.end ? v.period.start : `${v.period.start} – ${v.period.end}`) : '';
  const expectedActual = v.expected !== undefined || v.actual !== undefined ? `${h(plain(v.expected))} / ${h(plain(v.actual))}` : '';
  const evidence = v.evidence.slice(0, EVIDENCE_SHOWN).map((e) => h(evidenceText(e, context)));
  if (v.evidence.length > EVIDENCE_SHOWN) evidence.push(h(w.more(v.evidence.length - EVIDENCE_SHOWN)));
  const title = titles.get(v.ruleId);
  const suppression = v.suppression ? `<br><small>${h(v.suppression.justification)}</small>` : '';
  return [
    `<tr data-fingerprint="${v.fingerprint}" data-rule="${h(v.ruleId)}" data-severity="${severity}" data-officers="${h(officers.join(' '))}" data-communities="${h(communities.join(' '))}"${v.suppression ? ' class="waived"' : ''}>`,
    `<td data-sort="${String(index + 1).padStart(width, '0')}">${index + 1}</td>`,
    `<td>${violationSeverity(v, w)}</td>`,
    // Few elements per row: a city-year has tens of thousands of rows (the title is the cell's tooltip).
    `<td${title ? ` title="${h(title)}"` : ''}>${h(v.ruleId.slice(v.ruleId.indexOf('/') + 1))}</td>`,
    `<td>${h(v.subject.type)} ${h(v.subject.id)}</td>`,
    `<td>${h(period)}</td>`,
    `<td class="msg">${h(v.message)}${suppression}</td>`,
    `<td>${expectedActual}</td>`,
    `<td>${evidence.length > 1 ? `<ul><li>${evidence.join('</li><li>')}</li></ul>` : (evidence[0] ?? '')}</td>`,
    `<td class="fp">${v.fingerprint}</td>`,
    '</tr>',
  ].join('');
}

/** Officers and communities a violation involves, for the filters: its subject, its evidence, its details. */
function involved(v: Violation): { officers: string[]; communities: string[] } {
  const officers = new Set<string>();
  const communities = new Set<string>();
  if (v.subject.type === 'officer') officers.add(v.subject.id);
  if (v.subject.type === 'community') communities.add(v.subject.id);
  for (const e of v.evidence) {
    if (e.source === 'roster' || e.source === 'assignment') officers.add(e.officer);
    if (e.source === 'assignment') communities.add(e.community);
    if (e.source === 'officer') officers.add(e.id);
    if (e.source === 'community') communities.add(e.id);
  }
  const community = v.details.community;
  if (typeof community === 'string') communities.add(community);
  for (const key of ['officer', 'replacement']) {
    const id = v.details[key];
    if (typeof id === 'string') officers.add(id);
  }
  return { officers: [...officers].sort(compareText), communities: [...communities].sort(compareText) };
}

/** Where a piece of evidence is: `file:line` of a roster row, its JSON path, or the half-day it is. */
function evidenceText(e: Evidence, context: FormatContext): string {
  switch (e.source) {
    case 'roster': {
      const at = e.file !== undefined ? `${pathFromCwd(e.file, context.cwd)}${e.line !== undefined ? `:${e.line}` : ''}` : `roster[${e.index}]`;
      return `${at} ${e.officer} ${e.start}–${e.end} ${e.type}${e.minutes !== undefined ? ` (${e.minutes} min)` : ''}`;
    }
    case 'half-day':
      return `${e.date} ${e.window} (${e.minutes} min)`;
    case 'assignment':
      return `${e.path} ${e.officer} → ${e.community} ${e.from}–${e.to ?? ''}`;
    case 'establishment':
      return `${e.path} ${e.unit} ${e.date}: ${e.communityPosts}`;
    default:
      return e.path;
  }
}

function plain(value: unknown): string {
  if (value === undefined) return '–';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function num(value: unknown): number {
  return typeof value === 'number' ? value : 0;
}
