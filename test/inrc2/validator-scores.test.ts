import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { loadInrc2Case, type Inrc2CaseInput } from '../../src/inrc2/load-case.js';
import type { Report, Violation } from '../../src/report/types.js';

/**
 * The inrc2 pack (data only) against the official INRC-II validator: its numbers are in each
 * case's case.json (`expected`), read here, never written into the test. The fixture cases run
 * everywhere; the whole dev set where ../shared/data/inrc2 is beside the clone (CI has it).
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures', 'inrc2');
const SHARED = join(ROOT, '..', 'shared', 'data', 'inrc2');
const SHARED_AVAILABLE = existsSync(join(SHARED, 'solutions', 'dev'));
if (!SHARED_AVAILABLE) console.log('skipped: ../shared/data/inrc2 not found (the INRC-II dev set scores)');

interface Expected {
  hard: Record<string, number>;
  soft: Record<string, number>;
  total: number;
}

const expectedOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as { expected: Expected }).expected;

async function scoreOf(input: Inrc2CaseInput): Promise<Report> {
  return check(input.dataset, { config: { extends: ['inrc2/recommended'] } }, input.rosters);
}

describe('inrc2 scores equal the official validator', () => {
  const fixtureCases = readdirSync(join(FIXTURES, 'solutions')).sort();
  for (const name of fixtureCases) {
    it(`fixtures/inrc2/solutions/${name}`, async () => {
      const dir = join(FIXTURES, 'solutions', name);
      const report = await scoreOf(await loadInrc2Case(dir, join(FIXTURES, 'instances')));
      expect(report.score).toEqual(expectedOf(dir));
    });
  }

  describe.skipIf(!SHARED_AVAILABLE)('every dev case of ../shared/data/inrc2', () => {
    const cases = SHARED_AVAILABLE ? readdirSync(join(SHARED, 'solutions', 'dev')).sort() : [];
    it('has the 43 dev cases', () => {
      expect(cases.length).toBe(43);
    });
    for (const name of cases) {
      it(name, async () => {
        const dir = join(SHARED, 'solutions', 'dev', name);
        const report = await scoreOf(await loadInrc2Case(dir, join(SHARED, 'instances')));
        expect(report.score).toEqual(expectedOf(dir));
      });
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Breaking a valid solution: a reference of H1–H4 written from the competition's text alone
// (../shared/data/inrc2/README.md), independent of the pack, says how many each change breaks.

interface Assignment {
  nurse: string;
  date: string;
  shift: string;
  skill: string;
}

type Entry = { officer: string; start: string; end: string; type: string; attributes: { skill: string } };

function assignments(input: Inrc2CaseInput): Assignment[] {
  return input.rosters.flatMap((r) => r.records.map((rec) => rec.value as Entry)).map((e) => ({ nurse: e.officer, date: e.start.slice(0, 10), shift: e.type, skill: e.attributes.skill }));
}

function referenceHard(input: Inrc2CaseInput): Record<string, number> {
  const dataset = input.dataset as unknown as {
    officers: { id: string; attributes: { skills: string[]; historyLastShift: string | null } }[];
    period: { start: string };
    records: { demands: { date: string; shift: string; skill: string; minimum: number }[]; forbiddenSuccessions: { from: string; to: string }[] };
  };
  const all = assignments(input);
  const perDay = new Map<string, Assignment[]>();
  for (const a of all) perDay.set(`${a.nurse}|${a.date}`, [...(perDay.get(`${a.nurse}|${a.date}`) ?? []), a]);
  const H1 = [...perDay.values()].reduce((n, list) => n + Math.max(0, list.length - 1), 0);
  const H2 = dataset.records.demands.reduce((n, d) => n + Math.max(0, d.minimum - all.filter((a) => a.date === d.date && a.shift === d.shift && a.skill === d.skill).length), 0);
  const forbidden = new Set(dataset.records.forbiddenSuccessions.map((f) => `${f.from}>${f.to}`));
  const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00Z`) - 86_400_000).toISOString().slice(0, 10);
  let H3 = 0;
  for (const [key, list] of perDay) {
    const [nurse, date] = key.split('|') as [string, string];
    const previous = date === dataset.period.start ? dataset.officers.find((o) => o.id === nurse)!.attributes.historyLastShift : perDay.get(`${nurse}|${dayBefore(date)}`)?.[0]?.shift;
    if (previous && forbidden.has(`${previous}>${list[0]!.shift}`)) H3++;
  }
  const H4 = all.filter((a) => !dataset.officers.find((o) => o.id === a.nurse)!.attributes.skills.includes(a.skill)).length;
  return { H1, H2, H3, H4 };
}

const violationsOf = (report: Report, rule: string): Violation[] => report.violations.filter((v) => v.ruleId === `inrc2/${rule}`);

describe('breaking a valid solution (n005w4, history 0, weeks 1-2-3-3)', () => {
  const dir = join(FIXTURES, 'solutions', 'n005w4_0_1-2-3-3');
  const load = () => loadInrc2Case(dir, join(FIXTURES, 'instances'));
  const entryAt = (input: Inrc2CaseInput, i: number) => input.rosters[0]!.records[i]!;

  it('starts valid: no hard violation, by the pack and by the reference', async () => {
    const input = await load();
    expect(referenceHard(input)).toEqual({ H1: 0, H2: 0, H3: 0, H4: 0 });
    expect((await scoreOf(input)).score!.hard).toEqual({ H1: 0, H2: 0, H3: 0, H4: 0 });
  });

  it('H1: a second shift on a day the nurse works', async () => {
    const input = await load();
    const week = input.rosters[0]!;
    const first = entryAt(input, 0);
    const twin = { ...(first.value as Entry), type: 'Late', start: `${(first.value as Entry).start.slice(0, 10)}T14:00`, end: `${(first.value as Entry).start.slice(0, 10)}T22:00` };
    week.records.push({ value: twin, source: { ...first.source, line: 999 } });
    const report = await scoreOf(input);
    expect(referenceHard(input).H1).toBe(1);
    expect(report.score!.hard.H1).toBe(1);
    const [v] = violationsOf(report, 'single-assignment');
    expect(v!.subject).toEqual({ type: 'officer', id: (first.value as Entry).officer });
    expect(v!.evidence.map((e) => ('line' in e ? e.line : undefined)).sort()).toEqual([first.source.line, 999].sort());
  });

  it('H2: the nurses of a demand met exactly at its minimum taken off', async () => {
    const input = await load();
    const demands = (input.dataset as unknown as { records: { demands: { date: string; shift: string; skill: string; minimum: number; line: number }[] } }).records.demands;
    const all = assignments(input);
    const met = demands.find((d) => d.minimum >= 1 && all.filter((a) => a.date === d.date && a.shift === d.shift && a.skill === d.skill).length === d.minimum)!;
    for (const r of input.rosters) r.records = r.records.filter((rec) => !((rec.value as Entry).start.startsWith(met.date) && (rec.value as Entry).type === met.shift && (rec.value as Entry).attributes.skill === met.skill));
    const report = await scoreOf(input);
    expect(report.score!.hard.H2).toBe(referenceHard(input).H2);
    expect(report.score!.hard.H2).toBeGreaterThanOrEqual(met.minimum);
    const v = violationsOf(report, 'minimum-coverage').find((x) => x.period?.start === met.date && x.subject.id === `${met.shift}/${met.skill}`)!;
    expect(v.penalty!.amount).toBe(met.minimum);
    expect(v.evidence[0]).toMatchObject({ source: 'record', list: 'demands', date: met.date, shift: met.shift, skill: met.skill, line: met.line });
  });

  it('H3: a Late followed by an Early the next day', async () => {
    const input = await load();
    const entries = input.rosters[0]!.records.map((r) => r.value as Entry);
    // A nurse working two days in a row whose day before is free or no Night (Night > Late is forbidden too).
    const i = entries.findIndex((e, k) => k > 0 && entries.some((n) => n.officer === e.officer && n.start.slice(0, 10) === nextDate(e.start)));
    const late = entries[i]!;
    const early = entries.find((n) => n.officer === late.officer && n.start.slice(0, 10) === nextDate(late.start))!;
    Object.assign(late, { type: 'Late', start: `${late.start.slice(0, 10)}T14:00`, end: `${late.start.slice(0, 10)}T22:00` });
    Object.assign(early, { type: 'Early', start: `${early.start.slice(0, 10)}T06:00`, end: `${early.start.slice(0, 10)}T14:00` });
    const report = await scoreOf(input);
    expect(report.score!.hard.H3).toBe(referenceHard(input).H3);
    const v = violationsOf(report, 'forbidden-succession').find((x) => x.subject.id === late.officer && x.period?.start === early.start.slice(0, 10))!;
    expect(v.evidence.map((e) => ('type' in e ? e.type : undefined))).toEqual(['Late', 'Early']);
  });

  it('H4: a nurse working with a skill she lacks', async () => {
    const input = await load();
    const skills = new Map((input.dataset as unknown as { officers: { id: string; attributes: { skills: string[] } }[] }).officers.map((o) => [o.id, o.attributes.skills]));
    const record = input.rosters[0]!.records.find((r) => skills.get((r.value as Entry).officer)!.length === 1)!;
    const entry = record.value as Entry;
    entry.attributes = { skill: skills.get(entry.officer)![0] === 'Nurse' ? 'HeadNurse' : 'Nurse' };
    const report = await scoreOf(input);
    expect(referenceHard(input).H4).toBe(1);
    expect(report.score!.hard.H4).toBe(1);
    const [v] = violationsOf(report, 'required-skill');
    expect(v!.subject.id).toBe(entry.officer);
    expect(v!.evidence).toEqual([expect.objectContaining({ source: 'roster', file: record.source.file, line: record.source.line })]);
  });
});

function nextDate(dateTime: string): string {
  return new Date(Date.parse(`${dateTime.slice(0, 10)}T00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
