import { mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { CLEAR_LINE, createPhaseTimings, createProgressLine, formatDuration, formatProgress, PROGRESS_INTERVAL_MS } from '../../src/cli/progress.js';
import { dataset } from '../_lib/rule-tester.js';
import { COVERAGE, DAYTIME_DUTY, ROSTER_CSV, TWO_COMMUNITIES } from '../format/_lib/reports.js';

describe('formatProgress', () => {
  it('shows the file name, percentage, rows, rows per second and the ETA by bytes', () => {
    expect(formatProgress({ file: '/data/roster.ndjson', bytesRead: 512, bytesTotal: 1024, rows: 5000 }, 2000)).toBe('reading roster.ndjson   50%  5,000 rows  2,500 rows/s  ETA 2s');
  });

  it('rounds the percentage down, so 100% means read to the end', () => {
    expect(formatProgress({ file: 'r.csv', bytesRead: 999, bytesTotal: 1000, rows: 1 }, 1000)).toContain('  99%');
    expect(formatProgress({ file: 'r.csv', bytesRead: 1000, bytesTotal: 1000, rows: 1 }, 1000)).toContain(' 100%');
  });

  it('gives no ETA once the file is read, and no rate before any time has passed', () => {
    const done = formatProgress({ file: 'r.csv', bytesRead: 10, bytesTotal: 10, rows: 3 }, 500);
    expect(done).toBe('reading r.csv  100%  3 rows  6 rows/s');
    expect(formatProgress({ file: 'r.csv', bytesRead: 5, bytesTotal: 10, rows: 3 }, 0)).toBe('reading r.csv   50%  3 rows');
  });

  it('treats an empty file as read whole, and a file that grew as not past 100%', () => {
    expect(formatProgress({ file: 'e.csv', bytesRead: 0, bytesTotal: 0, rows: 0 }, 10)).toBe('reading e.csv  100%  0 rows  0 rows/s');
    expect(formatProgress({ file: 'g.csv', bytesRead: 30, bytesTotal: 20, rows: 1 }, 10)).toContain(' 100%');
  });

  it('groups large numbers by three digits and makes long ETAs readable', () => {
    const line = formatProgress({ file: 'city.ndjson', bytesRead: 1_000_000, bytesTotal: 283_000_000, rows: 2_567_842 }, 60_000);
    expect(line).toContain('2,567,842 rows');
    expect(line).toContain('42,797 rows/s');
    expect(line).toContain('ETA 4h42m');
    expect(formatDuration(125_000)).toBe('2m05s');
    expect(formatDuration(1)).toBe('1s');
    expect(formatDuration(59_000)).toBe('59s');
    expect(formatDuration(3_600_000)).toBe('1h00m');
  });
});

describe('createProgressLine: throttled', () => {
  const clocked = () => {
    let t = 0;
    const writes: string[] = [];
    const line = createProgressLine((s) => writes.push(s), () => t);
    return { line, writes, at: (ms: number) => (t = ms) };
  };
  const chunk = (bytesRead: number, rows = bytesRead) => ({ file: 'r.ndjson', bytesRead, bytesTotal: 1000, rows });

  it(`draws at most one update per ${PROGRESS_INTERVAL_MS} ms, each replacing the line before`, () => {
    const { line, writes, at } = clocked();
    for (let ms = 0; ms < 1000; ms += 10) {
      at(ms);
      line.progress(chunk(ms / 2));
    }
    // 0, 100, …, 900: ten updates in a second for a hundred chunks.
    expect(writes).toHaveLength(10);
    for (const w of writes) expect(w.startsWith(CLEAR_LINE)).toBe(true);
  });

  it('always draws the last chunk of a file, and restarts the rate for the next file', () => {
    const { line, writes, at } = clocked();
    at(0);
    line.progress(chunk(100));
    at(50);
    line.progress(chunk(1000, 500));
    expect(writes).toHaveLength(2);
    expect(writes[1]).toContain('100%');
    expect(writes[1]).toContain('10,000 rows/s');
    at(60);
    line.progress({ file: 'other.csv', bytesRead: 10, bytesTotal: 100, rows: 1 });
    at(160);
    line.progress({ file: 'other.csv', bytesRead: 20, bytesTotal: 100, rows: 100 });
    expect(writes.at(-1)).toContain('reading other.csv');
    // 100 rows in the 100 ms since other.csv began, not since the first file did.
    expect(writes.at(-1)).toContain('1,000 rows/s');
  });

  it('shows a phase at once, prints notes above the line, and clears the line when finished', () => {
    const { line, writes, at } = clocked();
    at(0);
    line.progress(chunk(10));
    at(5);
    line.print('duty-compliance: note: read as GB18030\n');
    expect(writes.slice(-2)).toEqual([CLEAR_LINE, 'duty-compliance: note: read as GB18030\n']);
    line.phase('checking rules…');
    expect(writes.at(-1)).toBe(`${CLEAR_LINE}checking rules…`);
    line.finish();
    expect(writes.at(-1)).toBe(CLEAR_LINE);
    const count = writes.length;
    line.progress(chunk(1000));
    line.phase('late');
    line.finish();
    expect(writes).toHaveLength(count);
  });

  it('writes nothing when finished without having drawn', () => {
    const { line, writes } = clocked();
    line.finish();
    expect(writes).toEqual([]);
  });
});

describe('createPhaseTimings', () => {
  it('lists each mark in order, the first of repeated ones, then each rule’s own time', () => {
    const times = [10, 20, 30, 40];
    const timings = createPhaseTimings(() => times.shift()!);
    timings.mark('cli-start');
    timings.markOnce('first roster byte read');
    timings.markOnce('first roster byte read');
    timings.mark('ingest done');
    timings.rule('pack/rule', 1.25);
    expect(timings.format()).toBe(
      [
        'duty-compliance: timings (ms since process start)',
        '  cli-start                   10.0',
        '  first roster byte read      20.0',
        '  ingest done                 30.0',
        'duty-compliance: each rule’s own time (ms)',
        '  rule pack/rule               1.3',
        '',
      ].join('\n'),
    );
  });
});

describe('runCli check: the progress line and the timings on stderr', () => {
  let dir: string;
  let files: { dataset: string; roster: string; config: string };
  beforeEach(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-progress-')));
    files = { dataset: join(dir, 'dataset.json'), roster: join(dir, 'roster.csv'), config: join(dir, 'config.json') };
    writeFileSync(files.dataset, JSON.stringify(dataset({ communities: TWO_COMMUNITIES })));
    writeFileSync(files.roster, ROSTER_CSV);
    writeFileSync(files.config, JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error' } }));
  });
  const run = async (io: { stderrIsTTY?: boolean; timings?: boolean }, ...extra: string[]) => {
    let stdout = '';
    let stderr = '';
    // Written in order, to check the line is cleared before the report is printed.
    const both: string[] = [];
    let t = 0;
    const code = await runCli(['check', files.dataset, '--roster', files.roster, '--config', files.config, '--format', 'json', ...extra], {
      cwd: dir,
      isTTY: false,
      stdout: (s) => {
        stdout += s;
        both.push(`out:${s}`);
      },
      stderr: (s) => {
        stderr += s;
        both.push(`err:${s}`);
      },
      clock: () => (t += 1000),
      ...io,
    });
    return { code, stdout, stderr, both };
  };

  it('draws the progress and the phases on a TTY stderr, cleared before the report', async () => {
    const { code, stdout, stderr, both } = await run({ stderrIsTTY: true });
    expect(code).toBe(1);
    expect(JSON.parse(stdout).summary.errors).toBeGreaterThan(0);
    expect(stderr).toContain('reading roster.csv  100%');
    expect(stderr).toContain('checking rules…');
    expect(stderr.endsWith(CLEAR_LINE)).toBe(true);
    const firstOut = both.findIndex((s) => s.startsWith('out:'));
    expect(both.slice(firstOut).some((s) => s.startsWith('err:'))).toBe(false);
  });

  it('writes nothing on stderr when stderr is no TTY, or with --quiet', async () => {
    const plain = await run({ stderrIsTTY: false });
    expect(plain.stderr).toBe('');
    const quiet = await run({ stderrIsTTY: true }, '--quiet');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toBe(plain.stdout);
  });

  it('prints the phase timings at the end when asked, even with --quiet, and the same report', async () => {
    const plain = await run({});
    const timed = await run({ timings: true }, '--quiet');
    expect(timed.stdout).toBe(plain.stdout);
    const names = [...timed.stderr.matchAll(/^ {2}(\S.*?)\s+[\d.]+$/gm)].map((m) => m[1]);
    expect(names).toEqual(['cli-start (modules loaded)', 'first roster byte read', 'ingest done', 'rules done', 'report written', `rule ${COVERAGE}`, `rule ${DAYTIME_DUTY}`]);
    // Marks in ms from the injected clock, in the order reached.
    const marks = [...timed.stderr.matchAll(/^ {2}(?!rule )\S.*?\s+([\d.]+)$/gm)].map((m) => Number(m[1]));
    expect(marks).toEqual([...marks].sort((a, b) => a - b));
  });
});

describe('--help', () => {
  it('tells of the progress line and the phase timings', async () => {
    let stdout = '';
    await runCli(['--help'], { cwd: '.', isTTY: false, stdout: (s) => void (stdout += s), stderr: () => {} });
    expect(stdout).toContain('progress line');
    expect(stdout).toContain('DUTY_COMPLIANCE_TIMINGS=1');
  });
});
