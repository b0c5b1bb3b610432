import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { formatProblem, isDutyComplianceError, type DutyComplianceError } from '../../src/errors.js';
import { inrc2ShiftInterval } from '../../src/inrc2/shift-times.js';
import { loadInrc2Case, type Inrc2CaseInput } from '../../src/inrc2/load-case.js';
import { validateInput } from '../../src/model/validate-input.js';
import { isoDayOfWeek } from '../../src/time/calendar-date.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURES = join(ROOT, 'fixtures', 'inrc2');
const INSTANCES = join(FIXTURES, 'instances');
const caseDir = (name: string) => join(FIXTURES, 'solutions', name);
const CASES = ['n005w4_0_1-2-3-3', 'n005w4_1_6-2-9-1_p', 'n035w4_0_5-9-5-6'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface CaseJson {
  instance: string;
  history: string;
  weeks: string[];
  solutions: string[];
}

const readCase = (dir: string) => JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseJson;
const fileLines = (file: string) => readFileSync(file, 'utf8').split('\n');
/** The number after `NAME =` in a competition file, read here independently of the readers. */
const declared = (file: string, name: string) => Number(new RegExp(`^${name} = (\\d+)`, 'm').exec(readFileSync(file, 'utf8'))![1]);
const requirementLines = (file: string) => fileLines(file).filter((l) => /^\S+ \S+( \(\d+,\d+\)){7}\s*$/.test(l)).length;

/** Validates a loaded case as `check` does: throws on any problem. */
const validate = ({ dataset, rosters }: Inrc2CaseInput) => validateInput({ value: dataset, problems: [] }, rosters);

async function loadError(dir: string, instances = INSTANCES): Promise<DutyComplianceError> {
  const error: unknown = await loadInrc2Case(dir, instances).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isDutyComplianceError(error)) throw new Error(`expected a DutyComplianceError, got ${String(error)}`);
  return error;
}

describe.each(CASES)('loadInrc2Case on the fixture case %s', (name) => {
  const dir = caseDir(name);
  const spec = readCase(dir);
  const instanceDir = join(INSTANCES, spec.instance);
  const scenarioFile = join(instanceDir, `Sc-${spec.instance}.txt`);

  it('gives a dataset and rosters that the engine validates, with the counts of the files', async () => {
    const loaded = await loadInrc2Case(dir, INSTANCES);
    const input = validate(loaded);
    const weeks = declared(scenarioFile, 'WEEKS');
    expect(input.period).toEqual({ start: '2024-01-01', end: ['2024-01-28', '2024-02-25'][weeks / 4 - 1] });
    expect(loaded.dataset.officers).toHaveLength(declared(scenarioFile, 'NURSES'));
    expect(loaded.rosters.map((r) => r.records.length)).toEqual(spec.solutions.map((s) => declared(join(dir, s), 'ASSIGNMENTS')));
    expect(input.roster).toHaveLength(loaded.rosters.reduce((n, r) => n + r.records.length, 0));
    const records = loaded.dataset.records!;
    expect(records.demands).toHaveLength(spec.weeks.reduce((n, w) => n + 7 * requirementLines(join(instanceDir, w)), 0));
    expect(records.offRequests).toHaveLength(spec.weeks.reduce((n, w) => n + declared(join(instanceDir, w), 'SHIFT_OFF_REQUESTS'), 0));
    expect(records.shiftTypes).toHaveLength(declared(scenarioFile, 'SHIFT_TYPES'));
    expect(records.contracts).toHaveLength(declared(scenarioFile, 'CONTRACTS'));
  });

  it('puts every entry on the weekday and week of its solution line, which its source points at', async () => {
    const { rosters } = await loadInrc2Case(dir, INSTANCES);
    rosters.forEach((roster, k) => {
      expect(roster.file).toBe(join(dir, spec.solutions[k]!));
      const text = fileLines(roster.file);
      for (const { value, source } of roster.records) {
        const entry = value as { officer: string; start: string; end: string; type: string; attributes: { skill: string } };
        expect(source.file).toBe(roster.file);
        expect(source.path).toBe('');
        const [nurse, day, shift, skill] = text[source.line! - 1]!.trim().split(/\s+/);
        expect({ officer: entry.officer, type: entry.type, skill: entry.attributes.skill }).toEqual({ officer: nurse, type: shift, skill });
        const date = entry.start.slice(0, 10);
        expect(DAYS[isoDayOfWeek(date) - 1]).toBe(day);
        const dayOfHorizon = (Date.parse(date) - Date.parse('2024-01-01')) / 86_400_000;
        expect(Math.floor(dayOfHorizon / 7)).toBe(k);
        expect({ start: entry.start, end: entry.end }).toEqual(inrc2ShiftInterval(shift!, date));
      }
    });
  });

  it('gives every demand and off request the date of its week and day, and its week-data line', async () => {
    const { dataset } = await loadInrc2Case(dir, INSTANCES);
    const records = dataset.records!;
    for (const d of records.demands! as { date: string; shift: string; skill: string; minimum: number; optimal: number; file: string; line: number }[]) {
      const k = Math.floor((Date.parse(d.date) - Date.parse('2024-01-01')) / (7 * 86_400_000));
      expect(d.file).toBe(join(instanceDir, spec.weeks[k]!));
      const words = fileLines(d.file)[d.line - 1]!.trim().split(/\s+/);
      expect(words.slice(0, 2)).toEqual([d.shift, d.skill]);
      expect(words[2 + isoDayOfWeek(d.date) - 1]).toBe(`(${d.minimum},${d.optimal})`);
    }
    for (const o of records.offRequests! as { officer: string; date: string; shift: string | null; file: string; line: number }[]) {
      const words = fileLines(o.file)[o.line - 1]!.trim().split(/\s+/);
      expect(words).toEqual([o.officer, o.shift ?? 'Any', DAYS[isoDayOfWeek(o.date) - 1]]);
    }
  });

  it('runs through check(dataset, options, rosters)', async () => {
    const { dataset, rosters } = await loadInrc2Case(dir, INSTANCES);
    const report = await check(dataset, { config: { extends: [] } }, rosters);
    expect(report.checked).toMatchObject({ officers: dataset.officers.length, rosterEntries: rosters.reduce((n, r) => n + r.records.length, 0) });
    expect(report.period.start).toBe('2024-01-01');
    expect(report.violations).toEqual([]);
  });
});

describe('loadInrc2Case: the mapping, on n005w4_0_1-2-3-3', () => {
  const dir = caseDir('n005w4_0_1-2-3-3');
  const wd = (k: number) => join(INSTANCES, 'n005w4', `WD-n005w4-${k}.txt`);

  it('maps the scenario, history and week data as docs/inrc2.md says', async () => {
    const { dataset } = await loadInrc2Case(dir, INSTANCES);
    expect(dataset).toMatchObject({ timezone: 'UTC', period: { start: '2024-01-01', end: '2024-01-28' }, units: [{ id: 'ward', name: 'n005w4' }], communities: [] });
    expect(dataset.officers.map((o) => o.id)).toEqual(['Patrick', 'Andrea', 'Stefaan', 'Sara', 'Nguyen']);
    // H0-n005w4-0: "Andrea 0 0 Early 3 3 0", "Stefaan 0 0 None 0 0 3".
    expect(dataset.officers[1]).toEqual({
      id: 'Andrea',
      name: 'Andrea',
      unit: 'ward',
      attributes: { contract: 'FullTime', skills: ['HeadNurse', 'Nurse'], historyAssignments: 0, historyWorkingWeekends: 0, historyLastShift: 'Early', historyLastShiftRun: 3, historyWorkRun: 3, historyOffRun: 0 },
    });
    expect(dataset.officers[2]!.attributes).toMatchObject({ contract: 'PartTime', historyLastShift: null, historyLastShiftRun: 0, historyWorkRun: 0, historyOffRun: 3 });
    const records = dataset.records!;
    expect(records.shiftTypes).toEqual([
      { id: 'Early', minConsecutive: 2, maxConsecutive: 5 },
      { id: 'Late', minConsecutive: 2, maxConsecutive: 3 },
      { id: 'Night', minConsecutive: 4, maxConsecutive: 5 },
    ]);
    expect(records.forbiddenSuccessions).toEqual([
      { from: 'Late', to: 'Early' },
      { from: 'Night', to: 'Early' },
      { from: 'Night', to: 'Late' },
    ]);
    expect(records.contracts).toEqual([
      { id: 'FullTime', minTotal: 15, maxTotal: 22, minConsecutiveWork: 3, maxConsecutiveWork: 5, minConsecutiveOff: 2, maxConsecutiveOff: 3, maxWorkingWeekends: 2, completeWeekends: true },
      { id: 'PartTime', minTotal: 7, maxTotal: 11, minConsecutiveWork: 3, maxConsecutiveWork: 5, minConsecutiveOff: 3, maxConsecutiveOff: 5, maxWorkingWeekends: 2, completeWeekends: true },
    ]);
    // WD-n005w4-1 line 5: "Early HeadNurse (0,0) (0,0) (1,1) (0,0) (1,1) (0,0) (0,0)", all seven days.
    expect(records.demands!.slice(0, 7)).toEqual(
      [0, 0, 1, 0, 1, 0, 0].map((n, d) => ({ date: `2024-01-0${d + 1}`, shift: 'Early', skill: 'HeadNurse', minimum: n, optimal: n, file: wd(1), line: 5 })),
    );
    // Weeks 2 and 3 both use WD-n005w4-3: same lines, dates a week apart.
    const week = (k: number) => (records.offRequests! as { date: string; file: string; line: number }[]).filter((o) => o.date >= `2024-01-${String(1 + 7 * k).padStart(2, '0')}` && o.date <= `2024-01-${String(7 + 7 * k).padStart(2, '0')}`);
    expect(week(2).map((o) => [o.file, o.line])).toEqual(week(3).map((o) => [o.file, o.line]));
    expect(week(3).map((o) => o.file)).toEqual(week(3).map(() => wd(3)));
    // WD-n005w4-1 lines 13 and 17: "Andrea Any Tue", "Sara Late Sat".
    expect(records.offRequests![0]).toEqual({ officer: 'Andrea', date: '2024-01-02', shift: null, file: wd(1), line: 13 });
    expect(records.offRequests![4]).toEqual({ officer: 'Sara', date: '2024-01-06', shift: 'Late', file: wd(1), line: 17 });
  });

  it('gives entries the times of their shift type; Night ends at 06:00 the next day, across weeks too', async () => {
    const { rosters } = await loadInrc2Case(dir, INSTANCES);
    // sol-week0.txt line 5: "Patrick Mon Night Nurse".
    expect(rosters[0]!.records[0]).toEqual({
      value: { officer: 'Patrick', start: '2024-01-01T22:00', end: '2024-01-02T06:00', type: 'Night', attributes: { skill: 'Nurse' } },
      source: { file: join(dir, 'sol-week0.txt'), line: 5, path: '' },
    });
    const entries = rosters.flatMap((r) => r.records.map((x) => x.value as { start: string; end: string; type: string }));
    const nights = entries.filter((e) => e.type === 'Night');
    expect(nights.length).toBeGreaterThan(0);
    for (const e of nights) expect([e.start.slice(11), e.end.slice(11), Date.parse(e.end) - Date.parse(e.start)]).toEqual(['22:00', '06:00', 8 * 3_600_000]);
    // Sara works Night on the last Sunday of week 0 (sol-week0 "Sara Sun Night Nurse"): it ends on Monday of week 1.
    expect(entries).toContainEqual(expect.objectContaining({ officer: 'Sara', start: '2024-01-07T22:00', end: '2024-01-08T06:00' }));
    expect(entries.filter((e) => e.type === 'Early').every((e) => e.start.endsWith('T06:00') && e.end.endsWith('T14:00') && e.start.slice(0, 10) === e.end.slice(0, 10))).toBe(true);
    expect(entries.filter((e) => e.type === 'Late').every((e) => e.start.endsWith('T14:00') && e.end.endsWith('T22:00'))).toBe(true);
  });
});

describe('inrc2ShiftInterval', () => {
  it('gives the documented times, and 08:00–16:00 to a name it does not know', () => {
    expect(inrc2ShiftInterval('Day', '2024-01-31')).toEqual({ start: '2024-01-31T09:00', end: '2024-01-31T17:00' });
    expect(inrc2ShiftInterval('Night', '2024-01-31')).toEqual({ start: '2024-01-31T22:00', end: '2024-02-01T06:00' });
    expect(inrc2ShiftInterval('Twilight', '2024-01-31')).toEqual({ start: '2024-01-31T08:00', end: '2024-01-31T16:00' });
    expect(inrc2ShiftInterval('__proto__', '2024-01-31')).toEqual({ start: '2024-01-31T08:00', end: '2024-01-31T16:00' });
  });
});

describe('loadInrc2Case on malformed cases: one INPUT_INVALID error, every problem located', () => {
  const temps: string[] = [];
  afterAll(async () => {
    await Promise.all(temps.map((t) => rm(t, { recursive: true, force: true })));
  });

  /** A copy of the fixtures (one case and its instances) in a temporary folder, changed by `edit`. */
  async function brokenCopy(name: string, edit: (dirs: { caseDir: string; instanceDir: string }) => Promise<void>) {
    const root = await mkdtemp(join(tmpdir(), 'inrc2-case-'));
    temps.push(root);
    const spec = readCase(caseDir(name));
    const dirs = { caseDir: join(root, 'case'), instances: join(root, 'instances'), instanceDir: join(root, 'instances', spec.instance) };
    await cp(caseDir(name), dirs.caseDir, { recursive: true });
    await cp(join(INSTANCES, spec.instance), dirs.instanceDir, { recursive: true });
    await edit(dirs);
    return dirs;
  }
  const rewrite = async (file: string, change: (text: string) => string) => writeFile(file, change(readFileSync(file, 'utf8')));
  const problemsOf = (e: DutyComplianceError, root: string) => e.problems.map((p) => formatProblem({ ...p, ...(p.file ? { file: p.file.slice(root.length + 1) } : {}) }));

  it('a case folder without case.json', async () => {
    const e = await loadError(join(FIXTURES, 'solutions'));
    expect(e.code).toBe('INPUT_INVALID');
    expect(e.problems.map(formatProblem)).toEqual([`${join(FIXTURES, 'solutions', 'case.json')}: file not found: a case folder holds case.json`]);
  });

  it('a case.json that is not JSON, or lacks fields', async () => {
    const a = await brokenCopy('n005w4_0_1-2-3-3', ({ caseDir: d }) => writeFile(join(d, 'case.json'), '{ "instance": "n005w4", }'));
    expect((await loadError(a.caseDir, a.instances)).problems.map((p) => [p.line, p.column, p.message])).toEqual([
      [1, 25, 'JSON syntax error: property name expected'],
      [1, 25, 'JSON syntax error: value expected'],
    ]);
    const b = await brokenCopy('n005w4_0_1-2-3-3', ({ caseDir: d }) => writeFile(join(d, 'case.json'), '{\n  "instance": "n005w4",\n  "weeks": [],\n  "solutions": ["sol-week0.txt", 3]\n}\n'));
    expect(problemsOf(await loadError(b.caseDir, b.instances), join(b.caseDir, '..'))).toEqual([
      'case/case.json:1:1 history: required field is missing (expected string, found nothing)',
      'case/case.json:3:12 weeks: too small (expected >= 1, found [])',
      'case/case.json:4:34 solutions[1]: wrong type (expected string, found 3)',
    ]);
  });

  it('missing files: every one of them, each named', async () => {
    const d = await brokenCopy('n005w4_0_1-2-3-3', async ({ caseDir: c, instanceDir }) => {
      await rm(join(instanceDir, 'H0-n005w4-0.txt'));
      await rm(join(instanceDir, 'WD-n005w4-3.txt'));
      await rm(join(c, 'sol-week2.txt'));
    });
    expect(problemsOf(await loadError(d.caseDir, d.instances), join(d.caseDir, '..'))).toEqual([
      'case/sol-week2.txt: file not found',
      'instances/n005w4/H0-n005w4-0.txt: file not found',
      'instances/n005w4/WD-n005w4-3.txt: file not found',
    ]);
    const e = await loadError(caseDir('n005w4_0_1-2-3-3'), join(FIXTURES, 'nowhere'));
    expect(e.problems.map((p) => p.file!.slice(FIXTURES.length + 1))).toEqual([
      'nowhere/n005w4/H0-n005w4-0.txt',
      'nowhere/n005w4/Sc-n005w4.txt',
      'nowhere/n005w4/WD-n005w4-1.txt',
      'nowhere/n005w4/WD-n005w4-2.txt',
      'nowhere/n005w4/WD-n005w4-3.txt',
    ]);
  });

  it('a week count that does not match the scenario, and a solution count that does not match the weeks', async () => {
    const d = await brokenCopy('n005w4_0_1-2-3-3', ({ caseDir: c }) =>
      rewrite(join(c, 'case.json'), (t) => t.replace(', "WD-n005w4-3.txt"]', ']').replace(', "sol-week3.txt"]', ', "sol-week3.txt", "sol-week3.txt"]')),
    );
    const problems = problemsOf(await loadError(d.caseDir, d.instances), join(d.caseDir, '..'));
    expect(problems).toEqual([
      'case/case.json:5:15 solutions: 5 solutions for 3 weeks (expected one solution per week (3), found 5)',
      `case/case.json:4:11 weeks: 3 weeks of data, but the scenario has 4 weeks (${join(d.instanceDir, 'Sc-n005w4.txt')}) (expected 4 week data files, found 3)`,
      'case/sol-week3.txt:2:1: the solution of week 3, listed as week 4 (solutions[4] of ' + join(d.caseDir, 'case.json') + ') (expected week 4, found 3)',
    ]);
  });

  it('solutions listed out of order, and a bad line in each kind of file, all at once', async () => {
    const d = await brokenCopy('n005w4_0_1-2-3-3', async ({ caseDir: c, instanceDir }) => {
      await rewrite(join(c, 'case.json'), (t) => t.replace('"sol-week0.txt", "sol-week1.txt"', '"sol-week1.txt", "sol-week0.txt"'));
      await rewrite(join(c, 'sol-week2.txt'), (t) => t.replace('Patrick Tue Night Nurse', 'Patrik Tue Night Nurse'));
      await rewrite(join(instanceDir, 'Sc-n005w4.txt'), (t) => t.replace('PartTime (7,11)', 'PartTime (7,eleven)'));
      await rewrite(join(instanceDir, 'H0-n005w4-0.txt'), (t) => t.replace('Sara 0 0 Late', 'Sara 0 0 Lat'));
      await rewrite(join(instanceDir, 'WD-n005w4-2.txt'), (t) => t.replace(/^SHIFT_OFF_REQUESTS = (\d+)/m, (_, n: string) => `SHIFT_OFF_REQUESTS = ${Number(n) + 1}`));
    });
    const problems = problemsOf(await loadError(d.caseDir, d.instances), join(d.caseDir, '..'));
    expect(problems).toEqual([
      'instances/n005w4/Sc-n005w4.txt:21:10: total assignments: not a pair of whole numbers (expected (min,max), e.g. (2,5), found "(7,eleven)")',
      'instances/n005w4/H0-n005w4-0.txt:8:10: unknown shift type (or None) (expected one of Early, Late, Night, found "Lat")',
      expect.stringMatching(/^instances\/n005w4\/WD-n005w4-2\.txt:\d+:22: SHIFT_OFF_REQUESTS = \d+, but \d+ shift-off requests follow/),
      'case/sol-week2.txt:5:1: unknown nurse (expected one of Patrick, Andrea, Stefaan, Sara, Nguyen, found "Patrik")',
      `case/sol-week1.txt:2:1: the solution of week 1, listed as week 0 (solutions[0] of ${join(d.caseDir, 'case.json')}) (expected week 0, found 1)`,
      `case/sol-week0.txt:2:1: the solution of week 0, listed as week 1 (solutions[1] of ${join(d.caseDir, 'case.json')}) (expected week 1, found 0)`,
    ]);
  });
});

// The full dev set is not in the clone; where it is (CI has it), every case must load.
const SHARED = join(ROOT, '..', 'shared', 'data', 'inrc2');
const SHARED_AVAILABLE = existsSync(join(SHARED, 'solutions', 'dev'));
if (!SHARED_AVAILABLE) console.log('skipped: ../shared/data/inrc2 not found (the INRC-II dev set loading test)');

describe.skipIf(!SHARED_AVAILABLE)('loadInrc2Case on every dev case of ../shared/data/inrc2', () => {
  it('loads and validates each, one entry per declared assignment', async () => {
    const cases = readdirSync(join(SHARED, 'solutions', 'dev')).sort();
    expect(cases.length).toBeGreaterThan(0);
    for (const name of cases) {
      const dir = join(SHARED, 'solutions', 'dev', name);
      const loaded = await loadInrc2Case(dir, join(SHARED, 'instances'));
      const input = validate(loaded);
      expect(input.roster.length, name).toBe(readCase(dir).solutions.reduce((n, s) => n + declared(join(dir, s), 'ASSIGNMENTS'), 0));
    }
  });
});
