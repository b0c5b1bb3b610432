import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFiles } from '../../src/check.js';
import { builtInRegistry } from '../../src/rules/index.js';
import type { Report, Violation } from '../../src/report/types.js';

/**
 * scripts/generate.mjs: a seeded city (docs/generated-data.md). Small sizes, so that the whole
 * file takes a few seconds; the city-year's figures are in docs/performance.md.
 */
const GENERATOR = 'scripts/generate.mjs';
const root = mkdtempSync(join(tmpdir(), 'duty-generate-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function generate(out: string, officers: number, days: number, seed: string, start = '2017-03-06'): string {
  const dir = join(root, out);
  execFileSync(process.execPath, [GENERATOR, '--officers', String(officers), '--days', String(days), '--seed', seed, '--out', dir, '--start', start, '--quiet']);
  return dir;
}
const read = (dir: string, file: string) => readFileSync(join(dir, file));

/** The working-time pack may not be merged yet: its rules are then left out of the checks. */
const hasWorkingTime = builtInRegistry().presets.has('working-time/recommended');
const PACKS = hasWorkingTime ? ['community-policing/recommended', 'working-time/recommended'] : ['community-policing/recommended'];
const COMMUNITY_POLICING_RULES = [...builtInRegistry().rules.keys()].filter((id) => id.startsWith('community-policing/')).sort();
const WORKING_TIME_RULES = ['working-time/consecutive-workdays', 'working-time/daily-rest', 'working-time/weekly-hours'];

interface Planted {
  ruleId: string;
  subject: { type: string; id: string };
  date?: string;
}
const plantedOf = (dir: string): Planted[] => (JSON.parse(read(dir, 'planted.json').toString('utf8')) as { planted: Planted[] }).planted.filter((p) => hasWorkingTime || !p.ruleId.startsWith('working-time/'));
const configWide = (dir: string) => {
  const config = JSON.parse(read(dir, 'config-wide.json').toString('utf8')) as { extends: string[]; settings: unknown };
  return { ...config, extends: PACKS };
};

/** A violation as the grid and the long files agree on it: no places, and roster entries without the community and note a grid of codes has no place for. */
function withoutPlaces(v: Violation): unknown {
  return {
    ...v,
    evidence: v.evidence.map((e) => {
      if (e.source !== 'roster') return e;
      const { file: _f, sheet: _s, line: _l, cell: _c, index: _i, ...rest } = e as typeof e & { community?: string; note?: string };
      const { community: _m, note: _n, ...entry } = rest;
      return entry;
    }),
  };
}

describe('npm run generate', () => {
  it('writes the same bytes for the same arguments, and another city for another seed', () => {
    const a = generate('a', 40, 21, 'same');
    const b = generate('b', 40, 21, 'same');
    const c = generate('c', 40, 21, 'other');
    const files = readdirSync(a).sort();
    expect(files).toEqual(['config-wide.json', 'config.json', 'dataset.json', 'planted.json', 'roster.csv', 'roster.ndjson', 'roster.xlsx']);
    expect(readdirSync(b).sort()).toEqual(files);
    for (const f of files) expect(read(b, f).equals(read(a, f)), f).toBe(true);
    for (const f of ['dataset.json', 'roster.ndjson', 'roster.csv', 'roster.xlsx']) expect(read(c, f).equals(read(a, f)), f).toBe(false);
  });

  it('refuses bad arguments with every problem named, exit code 2, and writes nothing', () => {
    const out = join(root, 'refused');
    const run = spawnSync(process.execPath, [GENERATOR, '--officers', 'many', '--days', '0', '--out', out, '--start', '2017-02-30'], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--officers: expected a whole number from 1 to 1000000, found "many"');
    expect(run.stderr).toContain('--days: expected a whole number from 1 to 3660, found "0"');
    expect(run.stderr).toContain('--seed is required');
    expect(run.stderr).toContain('--start: expected a date YYYY-MM-DD, found "2017-02-30"');
    expect(() => readdirSync(out)).toThrow();
  });

  it('writes config.json with every pack and config-wide.json with the shift codes of the grid', () => {
    const dir = generate('configs', 20, 7, 'configs');
    const config = JSON.parse(read(dir, 'config.json').toString('utf8'));
    expect(config).toEqual({ extends: ['community-policing/recommended', 'working-time/recommended'] });
    const wide = JSON.parse(read(dir, 'config-wide.json').toString('utf8'));
    expect(wide.extends).toEqual(config.extends);
    expect(wide.settings.shiftCodes['夜']).toEqual([{ start: '18:00', end: '08:00', type: '所内值班' }]);
  });
});

describe('a generated city of 60 officers × 35 days, checked in its three roster forms', () => {
  let dir: string;
  let ndjson: Report;
  let csv: Report;
  let xlsx: Report;
  beforeAll(async () => {
    dir = generate('city', 60, 35, 'checked');
    const dataset = join(dir, 'dataset.json');
    // checkFiles throws on any input or config problem: each of these resolving is "no input errors".
    [ndjson, csv, xlsx] = await Promise.all([
      checkFiles({ dataset, rosters: [join(dir, 'roster.ndjson')] }, { config: { extends: PACKS } }),
      checkFiles({ dataset, rosters: [join(dir, 'roster.csv')] }, { config: { extends: PACKS } }),
      checkFiles({ dataset, rosters: [join(dir, 'roster.xlsx')] }, { config: configWide(dir) }),
    ]);
  });

  it('reads every roster row of every form', () => {
    const lines = read(dir, 'roster.ndjson').toString('utf8').split('\n').filter(Boolean).length;
    expect(lines).toBeGreaterThan(60 * 20);
    for (const report of [ndjson, csv, xlsx]) expect(report.checked.rosterEntries).toBe(lines);
  });

  it('gives the same violations from NDJSON, CSV and the wide xlsx, evidence places apart', () => {
    expect(csv.violations).toEqual(ndjson.violations.map((v) => ({ ...v, evidence: v.evidence.map((e) => (e.source === 'roster' ? { ...e, file: join(dir, 'roster.csv'), line: expect.any(Number) } : e)) })));
    expect(xlsx.violations.map(withoutPlaces)).toEqual(ndjson.violations.map(withoutPlaces));
    expect(xlsx.summary).toEqual(ndjson.summary);
  });

  it('breaks every rule of community-policing at least once', () => {
    expect(COMMUNITY_POLICING_RULES).toHaveLength(12);
    for (const id of COMMUNITY_POLICING_RULES) expect(ndjson.summary.byRule[id] ?? 0, id).toBeGreaterThan(0);
  });

  // Runs once the working-time pack (another branch) is merged; until then the registry has no such preset.
  it.skipIf(!hasWorkingTime)('breaks every rule of working-time at least once', () => {
    for (const id of WORKING_TIME_RULES) expect(ndjson.summary.byRule[id] ?? 0, id).toBeGreaterThan(0);
  });

  it('plants exactly the working-time violations that a plain reading of the spec finds in its roster', () => {
    const planted = (JSON.parse(read(dir, 'planted.json').toString('utf8')) as { planted: Planted[] }).planted.filter((p) => p.ruleId.startsWith('working-time/'));
    const found = workingTimeBySpec(JSON.parse(read(dir, 'dataset.json').toString('utf8')).period, read(dir, 'roster.ndjson').toString('utf8'));
    expect(found.length).toBeGreaterThanOrEqual(3);
    expect(found.sort()).toEqual(planted.map((p) => `${p.ruleId} ${p.subject.id} ${p.date}`).sort());
  });

  it('has exactly the violations it planted, and the plan covers every rule of both packs', () => {
    const planted = JSON.parse(read(dir, 'planted.json').toString('utf8')).planted as Planted[];
    expect([...new Set(planted.map((p) => p.ruleId))].sort()).toEqual([...COMMUNITY_POLICING_RULES, ...WORKING_TIME_RULES].sort());
    const key = (ruleId: string, id: string, date?: string) => `${ruleId} ${id} ${date ?? ''}`;
    const found = ndjson.violations.map((v) => key(v.ruleId, v.subject.id, v.period?.start));
    const expected = plantedOf(dir).map((p) => key(p.ruleId, p.subject.id, p.date));
    // Organisation rules have no dates in the plan: compare them by subject alone.
    const undated = new Set(plantedOf(dir).filter((p) => p.date === undefined).map((p) => p.ruleId));
    const norm = (k: string) => (undated.has(k.split(' ')[0]!) ? `${k.split(' ').slice(0, 2).join(' ')} ` : k);
    expect(found.map(norm).sort()).toEqual(expected.map(norm).sort());
  });
});

describe('a generated city of 1,000 officers × 14 days', () => {
  it('has few violations: under 1% of the subjects it judges', async () => {
    const dir = generate('share', 1000, 14, 'share');
    const report = await checkFiles({ dataset: join(dir, 'dataset.json'), rosters: [join(dir, 'roster.ndjson')] }, { config: { extends: PACKS } });
    const dataset = JSON.parse(read(dir, 'dataset.json').toString('utf8')) as Record<string, unknown[]>;
    const subjects = (['units', 'communities', 'officers', 'transfers', 'policeRooms'] as const).reduce((n, k) => n + dataset[k]!.length, 0);
    const violating = new Set(report.violations.map((v) => `${v.subject.type} ${v.subject.id}`)).size;
    expect(violating).toBeGreaterThan(10);
    expect(violating / subjects).toBeLessThan(0.01);
    expect(report.violations.length).toBe(plantedOf(dir).length);
  });
});

/**
 * The working-time rules read as plainly as the spec words them (/work/shared/spec/working-time.md,
 * default options), as an oracle for the generator's roster: what a correct pack must find in it.
 * Deliberately naive (whole minutes since the epoch, UTC standing in for the one local zone); the
 * engine's pack is tested against the same data above once it is merged.
 */
function workingTimeBySpec(period: { start: string; end: string }, ndjson: string): string[] {
  const EXCUSED = new Set(['leave', 'rest', '休假', '请假', '病假', '轮休', '补休']);
  const minute = (dateTime: string) => Date.parse(`${dateTime}:00Z`) / 60_000;
  const dateOf = (m: number) => new Date(m * 60_000).toISOString().slice(0, 10);
  const work = new Map<string, [number, number][]>();
  for (const line of ndjson.split('\n')) {
    if (line === '') continue;
    const e = JSON.parse(line) as { officer: string; start: string; end: string; type: string };
    if (EXCUSED.has(e.type)) continue;
    if (!work.has(e.officer)) work.set(e.officer, []);
    work.get(e.officer)!.push([minute(e.start), minute(e.end)]);
  }
  const inPeriod = (d: string) => d >= period.start && d <= period.end;
  const found: string[] = [];
  for (const [officer, entries] of work) {
    entries.sort((a, b) => a[0] - b[0]);
    const duties: [number, number][] = [];
    for (const [s, e] of entries) {
      const last = duties.at(-1);
      if (last && s - last[1] < 120) last[1] = Math.max(last[1], e);
      else duties.push([s, e]);
    }
    const shortRestDays = new Set<string>();
    for (let i = 1; i < duties.length; i++) if (duties[i]![0] - duties[i - 1]![1] < 660 && inPeriod(dateOf(duties[i]![0]))) shortRestDays.add(dateOf(duties[i]![0]));
    for (const d of shortRestDays) found.push(`working-time/daily-rest ${officer} ${d}`);
    const weekMinutes = new Map<string, number>();
    // The union of the work entries (a break between them is not work).
    let covered = -Infinity;
    for (const [entryStart, e] of entries) {
      const s = Math.max(entryStart, covered);
      covered = Math.max(covered, e);
      for (let m = s; m < e; ) {
        const next = Math.min(e, Math.floor(m / 1440) * 1440 + 1440);
        const day = Math.floor(m / 1440);
        if (inPeriod(dateOf(m))) {
          const monday = dateOf((day - ((day + 3) % 7)) * 1440);
          weekMinutes.set(monday, (weekMinutes.get(monday) ?? 0) + next - m);
        }
        m = next;
      }
    }
    for (const [monday, m] of weekMinutes) if (m > 2400) found.push(`working-time/weekly-hours ${officer} ${monday}`);
    const workdays = new Set(entries.map(([s]) => dateOf(s)));
    let run = 0;
    let first = '';
    for (let day = minute(`${period.start}T00:00`) / 1440; ; day++) {
      const d = dateOf(day * 1440);
      if (inPeriod(d) && workdays.has(d)) {
        if (run++ === 0) first = d;
        continue;
      }
      if (run > 6) found.push(`working-time/consecutive-workdays ${officer} ${first}`);
      run = 0;
      if (!inPeriod(d)) break;
    }
  }
  return found;
}
