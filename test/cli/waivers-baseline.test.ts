import { execFileSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { closeSync, constants, openSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Report } from '../../src/report/types.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';
import { TWO_COMMUNITIES } from '../format/_lib/reports.js';

const COVERAGE = 'community-policing/coverage';
const DUTY = 'community-policing/no-daytime-station-duty';

let dir: string;
let files: { dataset: string; roster: string; config: string; waivers: string; baseline: string };

/** A roster with O1 (community officer of C1) on daytime station duty on each date: one error each. */
function writeRoster(dates: readonly string[]): void {
  writeFileSync(files.roster, ['officer,date,startTime,endTime,type', ...dates.map((d) => `O1,${d},9:00,12:00,所内值班`), ''].join('\n'));
}

function writeDataset(timezone = 'Asia/Shanghai'): void {
  writeFileSync(files.dataset, JSON.stringify(dataset({ timezone, communities: TWO_COMMUNITIES })));
}

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-ci-')));
  files = {
    dataset: join(dir, 'dataset.json'),
    roster: join(dir, 'roster.csv'),
    config: join(dir, 'config.json'),
    waivers: join(dir, 'waivers.yaml'),
    baseline: join(dir, 'baseline.json'),
  };
  writeDataset();
  writeRoster(['2017-04-05', '2017-04-06']);
  writeFileSync(files.config, JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DUTY]: 'error' } }));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], now = new Date('2026-06-01T04:00:00Z')) => runCliCapturing(args, { cwd: dir, now: () => now });

const check = (...args: string[]) => cli(['check', files.dataset, '--roster', files.roster, '--config', files.config, ...args]);

/** The fingerprints of the current roster's violations, by rule and period start. */
async function fingerprints(): Promise<Map<string, string>> {
  const { stdout } = await check('--format', 'json');
  const report = JSON.parse(stdout) as Report;
  return new Map(report.violations.map((v) => [`${v.ruleId} ${v.period?.start}`, v.fingerprint]));
}

describe('check --waivers', () => {
  it('suppresses the waived violations: exit 0 when every error is waived; the JSON report says so', async () => {
    const fp = await fingerprints();
    writeFileSync(
      files.waivers,
      [
        'waivers:',
        `  - fingerprint: "${fp.get(`${DUTY} 2017-04-05`)}"`,
        '    reason: 清明节前安保，临时调整',
        '    owner: 张队',
        '    expires: 2026-12-31',
        `  - ruleId: ${DUTY}`,
        '    subject: { type: officer, id: O1 }',
        '    period: { start: 2017-04-06 }',
        '    reason: same',
        '    owner: 张队',
        '    expires: 2026-12-31',
        '',
      ].join('\n'),
    );
    const { code, stdout, stderr } = await check('--waivers', files.waivers, '--format', 'json');
    expect([code, stderr]).toEqual([0, '']);
    const report = JSON.parse(stdout) as Report;
    expect(report.summary).toEqual({ errors: 0, warnings: 1, suppressed: 2, byRule: { [COVERAGE]: 1 } });
    expect(report.violations.filter((v) => v.suppression).map((v) => v.suppression?.waiver?.line)).toEqual([2, 6]);
    expect(report.waivers).toEqual({ expired: [], unused: [] });
  });

  it("expires a waiver when its last day is over in the dataset's time zone", async () => {
    const fp = await fingerprints();
    writeFileSync(files.waivers, `waivers:\n  - fingerprint: "${fp.get(`${DUTY} 2017-04-05`)}"\n    reason: r\n    owner: 张队\n    expires: 2026-11-27\n`);
    const at = new Date('2026-11-27T17:00:00Z'); // 2026-11-28 01:00 in Shanghai, still the 27th in UTC
    const args = ['check', files.dataset, '--roster', files.roster, '--config', files.config, '--waivers', files.waivers, '--format', 'json'];

    const shanghai = await cli(args, at);
    expect(shanghai.code).toBe(1);
    expect((JSON.parse(shanghai.stdout) as Report).waivers?.expired).toEqual([expect.objectContaining({ expires: '2026-11-27', line: 2, violations: [fp.get(`${DUTY} 2017-04-05`)] })]);
    expect(shanghai.stderr).toBe(`duty-compliance: waiver expired on 2026-11-27, so 1 violation counts again: ${files.waivers}:2 fingerprint ${fp.get(`${DUTY} 2017-04-05`)} (owner 张队)\n`);

    writeDataset('UTC');
    const utc = await cli(args, at);
    expect((JSON.parse(utc.stdout) as Report).summary).toMatchObject({ errors: 1, suppressed: 1 });
    expect(utc.stderr).toBe('');
  });

  it('names unused waivers on stderr; --prune-waivers removes them and leaves the rest as written', async () => {
    const fp = await fingerprints();
    const kept = [
      '# Waivers of the Waigang station.',
      'waivers:',
      '  # The F1 weekend: approved by the sub-bureau.',
      `  - fingerprint: "${fp.get(`${DUTY} 2017-04-05`)}"`,
      '    reason: 夜班人手不足',
      '    owner: 张队',
      '    expires: 2026-12-31 # review at year end',
    ];
    const unused = ['  - ruleId: community-policing/coverage', '    subject: { type: community, id: C9 }', '    reason: merged into C1', '    owner: ops', '    expires: 2026-12-31'];
    writeFileSync(files.waivers, [...kept, ...unused, ''].join('\n'));

    const listed = await check('--waivers', files.waivers);
    expect(listed.code).toBe(1);
    expect(listed.stderr).toBe(
      `duty-compliance: unused waiver (it matches no violation): ${files.waivers}:8 community-policing/coverage community C9\n` +
        'duty-compliance: run with --prune-waivers to remove unused waivers\n',
    );
    expect(readFileSync(files.waivers, 'utf8')).toBe([...kept, ...unused, ''].join('\n'));

    const pruned = await check('--waivers', files.waivers, '--prune-waivers');
    expect(pruned.code).toBe(1);
    expect(pruned.stderr).toContain(`duty-compliance: removed 1 unused waiver from ${files.waivers}\n`);
    expect(readFileSync(files.waivers, 'utf8')).toBe([...kept, ''].join('\n'));

    // Nothing unused any more: the file is not rewritten.
    const again = await check('--waivers', files.waivers, '--prune-waivers');
    expect(again.stderr).toBe('');
  });

  it('reads a dataset given as a FIFO once: the waivers\' time zone is the report\'s, the dataset is not opened again', async () => {
    const fifo = join(dir, 'dataset.fifo');
    execFileSync('mkfifo', [fifo]);
    const text = JSON.stringify(dataset({ timezone: 'UTC', communities: TWO_COMMUNITIES }));
    // One writer: a second open of the FIFO for reading would wait for a writer for ever.
    const writing = writeFile(fifo, text);
    let written = false;
    void writing.then(() => (written = true), () => (written = true));
    writeFileSync(files.waivers, 'waivers:\n  - ruleId: community-policing/coverage\n    subject: { type: community, id: C2 }\n    reason: r\n    owner: o\n    expires: 2026-05-31\n');
    const run = cli(['check', fifo, '--roster', files.roster, '--config', files.config, '--waivers', files.waivers, '--format', 'json'], new Date('2026-05-31T23:30:00Z'));
    let outcome;
    try {
      outcome = await Promise.race([run, new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the CLI hangs on a FIFO dataset')), 4000))]);
    } finally {
      // Should the CLI not have read it, release the writer (its open waits for a reader).
      if (!written) closeSync(openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK));
    }
    const { code, stdout, stderr } = outcome;
    expect([code, stderr]).toEqual([1, '']);
    const report = JSON.parse(stdout) as Report;
    expect(report.timezone).toBe('UTC');
    // 23:30 UTC on 05-31 is 05-31 in UTC (07:30 on 06-01 in Shanghai): the waiver still holds.
    expect(report.waivers!.expired).toEqual([]);
    expect(report.summary.suppressed).toBe(1);
  });

  it('rejects --prune-waivers without --waivers, and a file that another option writes too', async () => {
    const alone = await check('--prune-waivers');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--prune-waivers: nothing to prune (expected --waivers FILE with it)');
    const clash = await check('--format', 'json', '--output', 'b.json', '--write-baseline', 'b.json');
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('--write-baseline: a file another option writes too (found b.json)');
  });

  it('lists every problem of a bad waivers file and a bad baseline file, located, exit 2', async () => {
    writeFileSync(files.waivers, 'waivers:\n  - fingerprint: 0123456789abcdef\n    reason: r\n    expires: 2026-13-01\n');
    writeFileSync(files.baseline, '{\n  "tool": "duty-compliance",\n  "version": 1\n}\n');
    const { code, stdout, stderr } = await check('--waivers', files.waivers, '--baseline', files.baseline);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')).toEqual([
      'duty-compliance: the config cannot be used (3 problems):',
      `  ${files.waivers}:2:5 waivers[0].owner: required field is missing (expected string, found nothing)`,
      `  ${files.waivers}:4:14 waivers[0].expires: invalid value (expected a date YYYY-MM-DD that exists in the calendar, found "2026-13-01")`,
      `  ${files.baseline}:1:1 violations: required field is missing (expected array, found nothing)`,
      '',
    ]);
  });
});

describe('check --baseline / --write-baseline', () => {
  it('round trip: write, check again (nothing new), add a violation (only it fails), fix one (listed as fixed)', async () => {
    const written = await check('--write-baseline', files.baseline, '--format', 'json');
    // Writing a baseline accepts what is there: nothing is new.
    expect(written.code).toBe(0);
    expect(written.stderr).toBe('duty-compliance: wrote baseline baseline.json (3 violations)\n'.replace('baseline.json', files.baseline));
    expect((JSON.parse(written.stdout) as Report).baseline).toEqual({ new: { errors: 0, warnings: 0 }, unchanged: { errors: 2, warnings: 1 }, fixed: [] });
    const bytes = readFileSync(files.baseline, 'utf8');
    expect(JSON.parse(bytes)).toMatchObject({ tool: 'duty-compliance', version: 1 });
    expect(JSON.parse(bytes).violations.map((e: { ruleId: string; period: { start: string } }) => `${e.ruleId} ${e.period.start}`)).toEqual([
      `${COVERAGE} 2017-04-03`,
      `${DUTY} 2017-04-05`,
      `${DUTY} 2017-04-06`,
    ]);
    // Deterministic: the same violations give the same bytes.
    await check('--write-baseline', files.baseline);
    expect(readFileSync(files.baseline, 'utf8')).toBe(bytes);

    const same = await check('--baseline', files.baseline);
    expect(same.code).toBe(0);
    expect(same.stderr).toBe(`duty-compliance: baseline ${files.baseline}: 0 new errors, 0 new warnings; 3 unchanged; 0 fixed\n`);

    writeRoster(['2017-04-05', '2017-04-06', '2017-04-07']);
    const added = await check('--baseline', files.baseline, '--format', 'json');
    expect(added.code).toBe(1);
    const report = JSON.parse(added.stdout) as Report;
    expect(report.violations.filter((v) => v.baselineState === 'new').map((v) => `${v.ruleId} ${v.period?.start}`)).toEqual([`${DUTY} 2017-04-07`]);
    expect(report.baseline?.new).toEqual({ errors: 1, warnings: 0 });

    writeRoster(['2017-04-06']);
    const fixed = await check('--baseline', files.baseline, '--format', 'json');
    expect(fixed.code).toBe(0);
    const entry = JSON.parse(bytes).violations[1];
    expect((JSON.parse(fixed.stdout) as Report).baseline?.fixed).toEqual([entry]);
    expect(fixed.stderr).toContain(`  fixed: ${DUTY} officer O1 2017-04-05 (${entry.fingerprint})\n`);
  });

  it('keeps fingerprints when rows are inserted above a violating row', async () => {
    await check('--write-baseline', files.baseline);
    writeFileSync(files.roster, ['officer,date,startTime,endTime,type', 'O1,2017-04-03,18:00,8:00,所内值班', 'O1,2017-04-04,18:00,8:00,所内值班', 'O1,2017-04-05,9:00,12:00,所内值班', 'O1,2017-04-06,9:00,12:00,所内值班', ''].join('\n'));
    const { code, stdout } = await check('--baseline', files.baseline, '--format', 'json');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as Report;
    expect(report.violations.find((v) => v.ruleId === DUTY)?.evidence[0]).toMatchObject({ line: 4 });
    expect(report.baseline?.new).toEqual({ errors: 0, warnings: 0 });
  });

  it('--baseline with --write-baseline compares with the old one and records the new state', async () => {
    await check('--write-baseline', files.baseline);
    writeRoster(['2017-04-06', '2017-04-07']);
    const next = join(dir, 'next.json');
    const { code, stderr } = await check('--baseline', files.baseline, '--write-baseline', next);
    expect(code).toBe(1);
    expect(stderr).toContain('1 new error');
    expect(JSON.parse(readFileSync(next, 'utf8')).violations.map((e: { period: { start: string } }) => e.period.start)).toEqual(['2017-04-03', '2017-04-06', '2017-04-07']);
  });
});

describe('diff', () => {
  const reportOf = async (name: string) => {
    const file = join(dir, name);
    await check('--format', 'json', '--output', file);
    return file;
  };

  it('compares two JSON reports: new, fixed, unchanged; exit 1 on a new error', async () => {
    const before = await reportOf('main.json');
    writeRoster(['2017-04-06', '2017-04-07']);
    const after = await reportOf('branch.json');

    const text = await cli(['diff', before, after, '--lang', 'en']);
    expect(text.code).toBe(1);
    expect(text.stdout.split('\n')[2]).toBe('new 1 (1 error, 0 warnings)');
    expect(text.stdout).toContain(`  + error  ${DUTY}  officer O1  2017-04-07  `);
    expect(text.stdout).toContain(`  - error  ${DUTY}  officer O1  2017-04-05  `);

    const json = await cli(['diff', before, after, '--format', 'json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).summary).toEqual({
      new: { errors: 1, warnings: 0, suppressed: 0 },
      fixed: { errors: 1, warnings: 0, suppressed: 0 },
      unchanged: { errors: 1, warnings: 1, suppressed: 0 },
    });

    const reverse = await cli(['diff', after, before, '--format', 'json', '--output', 'diff.json']);
    expect([reverse.code, reverse.stdout]).toEqual([1, '']);
    const same = await cli(['diff', after, after]);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain('✔ 无新增违规');
    expect((await cli(['diff', before, after, '--fail-on', 'never'])).code).toBe(0);
  });

  it('rejects inputs that are not reports (located, exit 2) and options of check', async () => {
    const before = await reportOf('main.json');
    const sarif = join(dir, 'report.sarif');
    await check('--format', 'sarif', '--output', sarif);
    const bad = await cli(['diff', before, sarif]);
    expect([bad.code, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toContain(`  ${sarif}:1:1: not a duty-compliance JSON report`);
    expect(bad.stderr).toMatch(/the input cannot be used/);

    const usage = await cli(['diff', before, '--roster', files.roster, '--format', 'junit']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('two report files are needed');
    expect(usage.stderr).toContain('--roster: an option of check, not of diff');
    expect(usage.stderr).toContain('--format: unknown format for diff (expected text | json, found junit)');
  });
});
