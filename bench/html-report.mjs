// The HTML report of a city-year: a synthetic JSON report with every subject judged (as
// `--include subjects` gives), its HTML size, the time to format it, and in Debian's Chromium
// the time to first render and to filter the violations table by an officer.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { FORMATTERS } from '../dist/index.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A deterministic generator, so every run measures the same report. */
function random(seed) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const day = (i) => new Date(Date.UTC(2017, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/**
 * A city-year: `officers` officers and 0.8 × as many communities over 2017; five-half-days per
 * officer-week, coverage per community-day, station duty on about one day in seven, no-diversion
 * per officer-week, a transfer per 20 officers; about 3 % of subjects in violation.
 */
export function cityYearReport(officers = 2000) {
  const rand = random(7);
  const communities = Math.ceil(officers * 0.8);
  const violations = [];
  const violation = (ruleId, severity, subject, period, expected, actual, evidence = []) =>
    violations.push({
      ruleId, severity, subject, period, expected, actual,
      message: `${subject.type} ${subject.id} ${period.start}: ${actual} (${expected})`,
      messageId: 'm', details: {}, evidence,
      fingerprint: (violations.length + 1).toString(16).padStart(16, '0'),
    });
  const rule = (id, subjectType, judged) => ({
    id, title: { 'zh-CN': id, en: id }, description: { 'zh-CN': id, en: id },
    source: { document: 'd', passage: 'p', gloss: 'g' }, severity: 'error', subjectType,
    subjects: [...new Map(judged.map((j) => [j.subject.id, j.subject])).values()], judged,
  });
  const mondays = [];
  for (let i = 1; i < 365; i += 7) mondays.push(i); // 2017-01-02 is a Monday
  const halfDays = [], coverage = [], station = [], diversion = [], tenure = [], replacement = [];
  for (let o = 0; o < officers; o++) {
    const officer = { type: 'officer', id: `O${String(o).padStart(5, '0')}` };
    for (const m of mondays) {
      const period = { start: day(m), end: day(Math.min(m + 6, 364)) };
      const counted = Math.floor(rand() * 11);
      halfDays.push({ subject: officer, period, facts: { countedHalfDays: counted, availableHalfDays: 10, requiredHalfDays: 5 } });
      if (counted < 5 && rand() < 0.3) violation('community-policing/five-half-days', 'error', officer, period, 5, counted);
      const other = rand() < 0.05 ? 30 + Math.floor(rand() * 300) : 0;
      diversion.push({ subject: officer, period, facts: { otherMinutes: other, allowedMinutesPerWeek: 0 } });
      if (other > 0) violation('community-policing/no-diversion', 'error', officer, period, 0, other);
    }
    for (let d = o % 7; d < 365; d += 7) {
      const minutes = rand() < 0.02 ? 60 : 0;
      station.push({ subject: officer, period: { start: day(d), end: day(d) }, facts: { longestDaytimeOverlap: minutes, daytimeMinutes: minutes, toleranceMinutes: 0 } });
      if (minutes > 0) violation('community-policing/no-daytime-station-duty', 'error', officer, { start: day(d), end: day(d) }, 0, minutes,
        [{ source: 'roster', index: d, file: 'roster.csv', line: d + 2, officer: officer.id, start: `${day(d)}T08:00`, end: `${day(d)}T18:00`, type: '所内值班', minutes }]);
    }
    if (o % 20 === 0) {
      const transfer = { type: 'transfer', id: `T${o}` };
      const effective = day(30 + (o % 300));
      const arrival = day(30 + (o % 300) + Math.floor(rand() * 20) - 12);
      const period = { start: effective, end: effective };
      tenure.push({ subject: transfer, period, facts: { tenureStart: '2014-03-01', anniversary: '2019-03-01', tenureDays: 1100, anniversaryTenureDays: 1826, hasException: false }, details: { community: `C${o}` } });
      replacement.push({ subject: transfer, period, facts: { hasReplacement: true, replacementArrived: arrival <= effective, sharedWithEarlierRequest: false, officersOnEffectiveDate: 1, requiredOfficers: 1 }, details: { community: `C${o}`, replacement: `O${o + 1}`, replacementArrival: arrival } });
      if (arrival > effective) violation('community-policing/replacement-first', 'error', transfer, period, undefined, undefined);
    }
  }
  for (let c = 0; c < communities; c++) {
    const community = { type: 'community', id: `C${String(c).padStart(5, '0')}` };
    for (let d = 0; d < 365; d++) {
      const gap = c % 13 === 0 && d % 60 < 3;
      coverage.push({ subject: community, period: { start: day(d), end: day(d) }, facts: { assignedOfficers: gap ? 0 : 1, requiredOfficers: 1 } });
      if (gap && d % 60 === 0) violation('community-policing/coverage', 'error', community, { start: day(d), end: day(d + 2) }, 1, 0);
    }
  }
  const rules = [
    rule('community-policing/coverage', 'community', coverage),
    rule('community-policing/five-half-days', 'officer', halfDays),
    rule('community-policing/five-year-tenure', 'transfer', tenure),
    rule('community-policing/no-daytime-station-duty', 'officer', station),
    rule('community-policing/no-diversion', 'officer', diversion),
    rule('community-policing/replacement-first', 'transfer', replacement),
  ];
  violations.sort((a, b) => (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : a.subject.id < b.subject.id ? -1 : a.subject.id > b.subject.id ? 1 : a.period.start < b.period.start ? -1 : 1));
  const byRule = {};
  for (const v of violations) byRule[v.ruleId] = (byRule[v.ruleId] ?? 0) + 1;
  const judged = rules.reduce((n, r) => n + r.judged.length, 0);
  return {
    judged,
    report: {
      tool: { name: 'duty-compliance', version: 'bench' }, language: 'zh-CN', timezone: 'Asia/Shanghai',
      period: { start: '2017-01-01', end: '2017-12-31' },
      checked: { units: 21, communities, officers, rosterEntries: 0, transfers: tenure.length },
      rules, violations, summary: { errors: violations.length, warnings: 0, byRule },
    },
  };
}

/** Formats the city-year HTML report and opens it in Chromium; returns the lines to print. */
export async function benchHtmlReport(officers = Number(process.env.BENCH_HTML_OFFICERS ?? 2000)) {
  const lines = [];
  const { report, judged } = cityYearReport(officers);
  const dir = new URL('./.data/html/', import.meta.url).pathname;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `city-year-${officers}.html`);
  let t = performance.now();
  const html = FORMATTERS.get('html').format(report, { language: 'zh-CN', color: false, cwd: dir });
  const formatSeconds = (performance.now() - t) / 1000;
  writeFileSync(file, html);
  const size = statSync(file).size;
  lines.push(`html report, city-year (${officers} officers, ${judged} subjects judged, ${report.violations.length} violations)`);
  lines.push(`${'  size'.padEnd(42)} ${(size / 2 ** 20).toFixed(1)} MB`);
  lines.push(`${'  format (htmlFormatter)'.padEnd(42)} ${formatSeconds.toFixed(2)} s`);
  if (!existsSync(CHROMIUM)) {
    lines.push(`  first render: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
    return lines;
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'duty-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM, headless: true, viewport: { width: 1280, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await context.newPage();
    t = performance.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 600_000 });
    const loadSeconds = (performance.now() - t) / 1000;
    const paint = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? -1);
    const officer = report.violations.find((v) => v.subject.type === 'officer').subject.id;
    const filterMs = await page.evaluate((id) => {
      const input = document.getElementById('f-officer');
      input.value = id;
      const start = performance.now();
      input.dispatchEvent(new Event('input'));
      document.body.offsetHeight; // the layout of what the filter left
      const first = performance.now() - start; // with every deferred row joining the table, and each row's search text built once
      input.value = '';
      const again = performance.now();
      input.dispatchEvent(new Event('input'));
      document.body.offsetHeight; // every row shown again
      return [first, performance.now() - again];
    }, officer);
    lines.push(`${'  Chromium: first contentful paint'.padEnd(42)} ${(paint / 1000).toFixed(2)} s`);
    lines.push(`${'  Chromium: load event (parsed, laid out)'.padEnd(42)} ${loadSeconds.toFixed(2)} s`);
    lines.push(`${'  Chromium: filter by officer / clear it'.padEnd(42)} ${filterMs[0].toFixed(0)} ms / ${filterMs[1].toFixed(0)} ms`);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const line of await benchHtmlReport(Number(process.argv[2] ?? process.env.BENCH_HTML_OFFICERS ?? 2000))) console.log(line);
}
