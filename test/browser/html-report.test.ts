import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { htmlFormatter, LIVE_VIOLATION_ROWS } from '../../src/format/html.js';
import type { Language, Report } from '../../src/report/types.js';

/**
 * The bundled month's HTML report in a real headless Chromium (Debian's `chromium`, driven by
 * playwright-core; no browser download). .ci/run installs it; where it is missing, this skips
 * with one message saying so.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`skipped: the HTML report browser test needs Chromium at ${CHROMIUM} (apt-get install -y chromium)`);

const D = 'fixtures/station-2017-04';
const FILES = { dataset: `${D}/dataset.json`, rosters: [`${D}/roster.csv`, `${D}/roster-extra.ndjson`] };

/** Chromium's flags for a quiet, offline, throw-away profile. */
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface Opened {
  page: Page;
  report: Report;
  consoleErrors: string[];
  requests: string[];
  url: string;
}

let dir: string;
let browser: BrowserContext;
const opened = new Map<Language, Opened>();

async function open(language: Language): Promise<Opened> {
  const report = await checkFiles(FILES, { include: ['subjects'], language });
  const file = join(dir, `report-${language}.html`);
  writeFileSync(file, htmlFormatter.format(report, { language, color: false, cwd: process.cwd() }));
  const url = pathToFileURL(file).href;
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(`${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, report, consoleErrors, requests, url };
}

describe.skipIf(!HAVE_CHROMIUM)('the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'duty-html-'));
    browser = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
    for (const language of ['zh-CN', 'en'] as const) opened.set(language, await open(language));
  });

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('loads nothing but itself and logs no error, in both languages', () => {
    for (const { consoleErrors, requests, url } of opened.values()) {
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([url]);
    }
  });

  it('has one table row per violation, with its fingerprint, in report order', async () => {
    const { page, report } = opened.get('zh-CN')!;
    const fingerprints = await page.$$eval('#violations tbody tr', (rows) => rows.map((r) => r.getAttribute('data-fingerprint')));
    expect(fingerprints).toEqual(report.violations.map((v) => v.fingerprint));
    expect(fingerprints).toHaveLength(28);
  });

  it("filters by an officer id: only that officer's rows stay, all of them", async () => {
    const { page, report } = opened.get('zh-CN')!;
    const officer = 'O06';
    await page.fill('#f-officer', officer);
    const visible = await page.$$eval('#violations tbody tr:not([hidden])', (rows) => rows.map((r) => ({ fingerprint: r.getAttribute('data-fingerprint')!, officers: r.getAttribute('data-officers')!.split(' ') })));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((r) => r.officers.includes(officer))).toBe(true);
    const own = report.violations.filter((v) => v.subject.type === 'officer' && v.subject.id === officer).map((v) => v.fingerprint);
    expect(own.length).toBeGreaterThan(0);
    expect(visible.map((r) => r.fingerprint)).toEqual(expect.arrayContaining(own));
    expect(await page.textContent('#f-count')).toBe(String(visible.length));
    await page.fill('#f-officer', '');
    expect(await page.$$eval('#violations tbody tr:not([hidden])', (rows) => rows.length)).toBe(28);
  });

  it('filters by rule, and sorts by a column', async () => {
    const { page, report } = opened.get('en')!;
    await page.selectOption('#f-rule', 'community-policing/coverage');
    const coverage = report.violations.filter((v) => v.ruleId === 'community-policing/coverage').map((v) => v.fingerprint);
    expect(await page.$$eval('#violations tbody tr:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-fingerprint')))).toEqual(coverage);
    await page.selectOption('#f-rule', '');
    await page.click('#violations thead th:last-child button');
    const sorted = await page.$$eval('#violations tbody tr', (rows) => rows.map((r) => r.getAttribute('data-fingerprint')!));
    expect(sorted).toEqual([...report.violations.map((v) => v.fingerprint)].sort());
    expect(await page.getAttribute('#violations thead th:last-child', 'aria-sort')).toBe('ascending');
  });

  it('draws one heatmap cell per officer-week judged', async () => {
    const { page, report } = opened.get('zh-CN')!;
    const judged = report.rules.find((r) => r.id === 'community-policing/five-half-days')!.judged!;
    expect(await page.$$eval('#half-days-grid td.hm', (cells) => cells.length)).toBe(judged.length);
    expect(await page.$$eval('#half-days-grid td.hm.f', (cells) => cells.length)).toBe(report.violations.filter((v) => v.ruleId === 'community-policing/five-half-days').length);
  });

  it('prints on A4 without the filters', async () => {
    const { page } = opened.get('zh-CN')!;
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.filters').isVisible()).toBe(false);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it('a report of thousands of violations: rows beyond the first hundreds join the table as it scrolls and before a filter, all of them', async () => {
    const { report } = opened.get('en')!;
    const many: Report = {
      ...report,
      violations: Array.from({ length: 3000 }, (_, i) => {
        const v = report.violations[i % report.violations.length]!;
        return { ...v, fingerprint: i.toString(16).padStart(16, '0'), subject: { ...v.subject, id: `${v.subject.id}-${Math.floor(i / report.violations.length)}` } };
      }),
    };
    const file = join(dir, 'many.html');
    writeFileSync(file, htmlFormatter.format(many, { language: 'en', color: false, cwd: process.cwd() }));
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
    const visible = () => page.$$eval('#violations tbody tr:not([hidden])', (rows) => rows.length);
    expect(await visible()).toBe(LIVE_VIOLATION_ROWS);
    await page.locator('#violations-more').scrollIntoViewIfNeeded();
    await expect.poll(visible).toBeGreaterThan(LIVE_VIOLATION_ROWS);
    await page.fill('#f-officer', 'O06-7');
    const own = many.violations.filter((v) => v.subject.type === 'officer' && v.subject.id === 'O06-7').map((v) => v.fingerprint);
    expect(own.length).toBeGreaterThan(0);
    expect(await page.$$eval('#violations tbody tr:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-fingerprint')))).toEqual(own);
    await page.fill('#f-officer', '');
    // Every violation is a row, in report order; the first batch of them is shown again.
    const fingerprints = await page.$$eval('#violations tbody tr', (rows) => rows.map((r) => r.getAttribute('data-fingerprint')));
    expect(fingerprints).toEqual(many.violations.map((v) => v.fingerprint));
    expect(await visible()).toBe(LIVE_VIOLATION_ROWS);
    expect(await page.textContent('#f-count')).toBe('3000');
    expect(await page.textContent('#violations-more-count')).toBe(String(3000 - LIVE_VIOLATION_ROWS));
    expect(errors).toEqual([]);
    await page.close();
  });

  it('saves the screenshots of docs/ (zh and en)', async () => {
    mkdirSync('docs/images', { recursive: true });
    for (const [language, { page }] of opened) {
      await page.reload({ waitUntil: 'load' }); // as it opens: no filter, no sort
      const path = `docs/images/html-report.${language}.png`;
      await page.screenshot({ path, fullPage: true });
      expect(existsSync(path)).toBe(true);
    }
  });
});
