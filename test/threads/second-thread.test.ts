import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `--threads 2`: a worker thread reads the same files and judges the officers of the second
 * share (src/threads/). A worker runs built code, so this runs the built CLI (`npm test` builds
 * it first). The report must be the one of one thread, byte for byte, with either evaluator and
 * in every format, and the second thread must really have judged its officers.
 */
const cli = resolve('dist/cli.js');
const root = mkdtempSync(join(tmpdir(), 'duty-second-thread-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(() => {
  if (!existsSync(resolve('dist/judge-worker.js'))) throw new Error('dist/judge-worker.js is missing: build first (npm test does)');
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '70', '--days', '63', '--seed', 'threads', '--out', root, '--quiet']);
});

/** A city of 460 officers over a year (its NDJSON roster over 16 MiB), generated once. */
function bigCity(): string {
  const big = join(root, 'big');
  if (!existsSync(join(big, 'roster.ndjson'))) execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '460', '--days', '365', '--seed', 'threads-big', '--out', big, '--quiet']);
  return big;
}

function check(...args: string[]): { stdout: string; stderr: string; status: number | null } {
  const r = spawnSync(process.execPath, [cli, 'check', join(root, 'dataset.json'), '--roster', join(root, 'roster.ndjson'), '--config', join(root, 'config.json'), '--lang', 'en', ...args], {
    encoding: 'utf8',
    env: { ...process.env, DUTY_COMPLIANCE_TIMINGS: '1' },
  });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

describe('--threads 2', () => {
  for (const evaluator of ['compiled', 'json-rules-engine']) {
    for (const format of ['json', 'sarif', 'text']) {
      it(`reports what one thread reports (${evaluator}, ${format})`, () => {
        const one = check('--threads', '1', '--evaluator', evaluator, '--format', format);
        const two = check('--threads', '2', '--evaluator', evaluator, '--format', format);
        expect(one.status).toBe(1);
        expect(two.status).toBe(1);
        expect(two.stdout).toBe(one.stdout);
        const shared = /second thread: officers (\d+)–70 judged there/.exec(two.stderr);
        expect(shared, two.stderr).not.toBeNull();
        expect(one.stderr).not.toMatch(/second thread/);
        if (format === 'json') {
          // Officers of both shares must have violations for the comparison to mean much (officer n is O0000n here).
          const first = Number(shared![1]);
          const officers = (JSON.parse(one.stdout) as { violations: { subject: { type: string; id: string } }[] }).violations.filter((v) => v.subject.type === 'officer').map((v) => Number(v.subject.id.slice(1)));
          expect(officers.some((n) => n < first)).toBe(true);
          expect(officers.some((n) => n >= first)).toBe(true);
        }
      }, 60_000);
    }
  }

  it('is taken by the library too (the built one): the same report, the second thread\'s findings adopted', async () => {
    const lib = (await import(resolve('dist/index.js'))) as typeof import('../../src/index.js');
    const files = { dataset: join(root, 'dataset.json'), rosters: [join(root, 'roster.ndjson')] };
    const shared: unknown[] = [];
    const one = await lib.checkFiles(files, { configFile: join(root, 'config.json'), language: 'en' });
    const two = await lib.checkFiles(files, { configFile: join(root, 'config.json'), language: 'en', threads: 2, onPhase: (e) => e.phase === 'shared' && shared.push(e) });
    expect(JSON.stringify(two)).toBe(JSON.stringify(one));
    expect(shared).toEqual([{ phase: 'shared', from: 36, officers: 70, adopted: true }]);
    // An in-memory dataset is checked in one thread: its values need not survive a copy (class instances, toJSON).
    const phases: string[] = [];
    const dataset = JSON.parse(readFileSync(join(root, 'dataset.json'), 'utf8')) as unknown;
    await lib.check(dataset, { threads: 2, onPhase: (e) => phases.push(e.phase) });
    expect(phases).toContain('rules');
    expect(phases).not.toContain('shared');
  }, 60_000);

  it('reads the second half of a large NDJSON roster there, with the same report', () => {
    // 16 MiB or more is read in two parts (ndjsonSplit).
    const big = bigCity();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'check', join(big, 'dataset.json'), '--roster', join(big, 'roster.ndjson'), '--config', join(big, 'config.json'), '--lang', 'en', '--format', 'json', ...args], {
        encoding: 'utf8',
        env: { ...process.env, DUTY_COMPLIANCE_TIMINGS: '1' },
        maxBuffer: 1 << 26,
      });
    const one = run('--threads', '1');
    const two = run('--threads', '2');
    expect(two.stderr).toMatch(/second thread: \S+roster\.ndjson from line \d+ read there/);
    expect(two.stderr).toMatch(/second thread: officers \d+–460 judged there/);
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(one.stdout) as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
  }, 120_000);

  it('reads the second half of a large CSV roster there, with the same report', () => {
    // The same big city, its CSV padded past 16 MiB with notes (csvSplit), one of them quoted over two lines.
    const big = bigCity();
    const csv = join(big, 'roster-padded.csv');
    const [head, ...rows] = readFileSync(join(big, 'roster.csv'), 'utf8').split('\n');
    const padded = rows.map((r, i) => (r === '' ? r : i === Math.floor(rows.length / 2) ? `${r}"两行\n备注"` : `${r}${'备注'.repeat(14)}`));
    writeFileSync(csv, [head, ...padded].join('\n'));
    expect(statSync(csv).size).toBeGreaterThan(16 * 1024 * 1024);
    const run = (...args: string[]) =>
      spawnSync(process.execPath, [cli, 'check', join(big, 'dataset.json'), '--roster', csv, '--config', join(big, 'config.json'), '--lang', 'en', '--format', 'json', ...args], {
        encoding: 'utf8',
        env: { ...process.env, DUTY_COMPLIANCE_TIMINGS: '1' },
        maxBuffer: 1 << 26,
      });
    const one = run('--threads', '1');
    const two = run('--threads', '2');
    expect(two.stderr).toMatch(/second thread: \S+roster-padded\.csv from line \d+ read there/);
    expect(two.stdout).toBe(one.stdout);
    expect((JSON.parse(one.stdout) as { violations: unknown[] }).violations.length).toBeGreaterThan(0);
  }, 120_000);

  it('is one thread under auto for a small roster, and a usage error for a count it does not know', () => {
    expect(check('--format', 'json').stderr).not.toMatch(/second thread/);
    const bad = check('--threads', '3');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--threads');
  });
});
