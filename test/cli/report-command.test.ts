import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMATTERS } from '../../src/format/index.js';
import { runCliCapturing } from '../_lib/cli.js';

const D = 'fixtures/station-2017-04';
const INPUT = [`${D}/dataset.json`, '--roster', `${D}/roster.csv`, '--roster', `${D}/roster-extra.ndjson`];
const NOW = new Date('2026-06-01T04:00:00Z');
const cli = (...argv: string[]) => runCliCapturing(argv, { cwd: process.cwd(), now: () => NOW });

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'duty-report-'));
}

/** A waivers file that waives the first violation of the month, so suppressions round-trip too. */
function waiversFile(dir: string, fingerprint: string): string {
  const file = join(dir, 'waivers.yaml');
  writeFileSync(file, `waivers:\n  - fingerprint: "${fingerprint}"\n    reason: 已报分局批准\n    owner: 勤务指挥室\n    expires: 2099-12-31\n`);
  return file;
}

describe('duty-compliance report: a saved JSON report renders as the check did', () => {
  const formats = [...FORMATTERS.keys()];
  const variants: [name: string, extra: string[]][] = [
    ['default', []],
    ['--lang en --include subjects', ['--lang', 'en', '--include', 'subjects']],
  ];
  for (const [name, extra] of variants) {
    it(`gives, for every format (${formats.join(', ')}), the bytes of check --format X (${name})`, async () => {
      const dir = tempDir();
      const first = await cli('check', ...INPUT, '--format', 'json', '--fail-on', 'never');
      const fingerprint = (JSON.parse(first.stdout) as { violations: { fingerprint: string }[] }).violations[0]!.fingerprint;
      // A baseline of the month: every violation is `unchanged`, which SARIF, text and html say.
      const baseline = join(dir, 'baseline.json');
      await cli('check', ...INPUT, '--format', 'json', '--output', join(dir, 'ignored.json'), '--write-baseline', baseline);
      const waivers = ['--waivers', waiversFile(dir, fingerprint), '--baseline', baseline];
      const saved = join(dir, 'report.json');
      const json = await cli('check', ...INPUT, ...extra, ...waivers, '--format', 'json', '--output', saved);
      expect([json.code, json.stderr]).toEqual([0, expect.stringContaining('0 new errors')]); // all in the baseline
      for (const format of formats) {
        const direct = await cli('check', ...INPUT, ...extra, ...waivers, '--format', format);
        const rendered = await cli('report', saved, '--format', format);
        expect(rendered.stderr).toBe('');
        expect(rendered.code).toBe(0);
        expect(direct.stdout.length).toBeGreaterThan(100);
        // github's ::stop-commands:: token is random on every run (docs/ci.md), by design: apart
        // from that token the bytes are the same.
        const sameToken = (text: string) => (format === 'github' ? text.replace(/::stop-commands::(duty-compliance-[0-9a-f]+)\n([\s\S]*)::\1::/, '::stop-commands::TOKEN\n$2::TOKEN::') : text);
        if (format === 'github') expect(direct.stdout).toMatch(/::stop-commands::duty-compliance-[0-9a-f]{32}\n/);
        expect(sameToken(rendered.stdout), format).toBe(sameToken(direct.stdout));
      }
    });
  }

  it('writes several formats to files at once, and --lang renders the words in another language', async () => {
    const dir = tempDir();
    const saved = join(dir, 'report.json');
    await cli('check', ...INPUT, '--format', 'json', '--output', saved);
    const { code, stdout } = await cli('report', saved, '--format', 'sarif', '--output', join(dir, 'r.sarif'), '--format', 'junit', '--output', join(dir, 'r.xml'), '--format', 'text');
    expect(code).toBe(0);
    expect(stdout).toContain('✖ 28 项违规');
    expect(readFileSync(join(dir, 'r.sarif'), 'utf8')).toBe((await cli('check', ...INPUT, '--format', 'sarif')).stdout);
    expect(readFileSync(join(dir, 'r.xml'), 'utf8')).toBe((await cli('check', ...INPUT, '--format', 'junit')).stdout);
    const en = await cli('report', saved, '--format', 'text', '--lang', 'en');
    expect(en.stdout).toContain('✖ 28 violations');
  });

  it('refuses what is not a report, options of check, and writing over the report, each located, exit 2', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "tool": { "name": "duty-compliance", "version": "0.1.0" },\n  "violations": []\n}\n');
    const notReport = await cli('report', bad, '--format', 'text');
    expect([notReport.code, notReport.stdout]).toEqual([2, '']);
    expect(notReport.stderr).toContain(`${bad}:1:1 timezone: required field is missing`);
    expect(notReport.stderr).toContain(`${bad}:1:1 rules: required field is missing`);
    const usage = await cli('report', bad, '--roster', 'x.csv', '--fail-on', 'warning', '--threads', '2', '--format', 'nope');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--roster: an option of check, not of report');
    expect(usage.stderr).toContain('--threads: an option of check, not of report');
    expect(usage.stderr).toContain('--fail-on: an option of check, not of report');
    expect(usage.stderr).toContain('--format: unknown format');
    const saved = join(dir, 'report.json');
    await cli('check', ...INPUT, '--format', 'json', '--output', saved);
    const before = readFileSync(saved, 'utf8');
    const over = await cli('report', saved, '--format', 'text', '--output', saved);
    expect(over.code).toBe(2);
    expect(readFileSync(saved, 'utf8')).toBe(before);
    const none = await cli('report');
    expect(none.stderr).toContain('no report file given');
  });
});
