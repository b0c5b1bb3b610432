import { chromium } from 'playwright-core';
import { mkdtempSync } from 'node:fs';
const context = await chromium.launchPersistentContext(mkdtempSync('/tmp/chr-'), { executablePath: '/usr/bin/chromium', headless: true, viewport: { width: 1300, height: 900 }, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
const page = await context.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text()));
page.on('request', (r) => { if (!r.url().startsWith('file:')) console.log('request', r.url()); });
await page.goto('file://' + process.argv[2]);
await page.screenshot({ path: process.argv[3], fullPage: true });
await context.close();
