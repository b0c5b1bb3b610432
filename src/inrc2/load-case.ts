import { join } from 'node:path';
import * as z from 'zod';
import { DutyComplianceError, type Problem } from '../errors.js';
import { locateProblems, parseJson } from '../io/_lib/json-location.js';
import { readTextFile } from '../io/_lib/read-text.js';
import type { RosterFile } from '../io/types.js';
import type { DatasetInput } from '../model/dataset-schema.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { addCalendarDays } from '../time/calendar-date.js';
import { parseInrc2History } from './history.js';
import { parseInrc2Scenario } from './scenario.js';
import { inrc2ShiftInterval } from './shift-times.js';
import { parseInrc2Solution } from './solution.js';
import type { Inrc2History, Inrc2Parsed, Inrc2Scenario, Inrc2Solution, Inrc2WeekData } from './types.js';
import { parseInrc2WeekData } from './week-data.js';

/** Day 0 of every INRC-II horizon: a Monday. The competition's weeks have no dates; ours start here. */
export const INRC2_PERIOD_START = '2024-01-01';

/** The unit every nurse belongs to (the dataset needs one). */
export const INRC2_UNIT = 'ward';

const NameSchema = z.string().min(1, 'a file or folder name');

/** `case.json`: which instance, which history, which week data and which solutions, in week order. */
export const Inrc2CaseSchema = z.object({
  instance: NameSchema,
  history: NameSchema,
  weeks: z.array(NameSchema).min(1),
  solutions: z.array(NameSchema).min(1),
  /** The official validator's numbers: for tests, never read by the loader. */
  expected: z.unknown().optional(),
});
export type Inrc2Case = z.output<typeof Inrc2CaseSchema>;

/** A case as the engine takes it: `check(dataset, options, rosters)`. */
export interface Inrc2CaseInput {
  dataset: DatasetInput;
  /** One roster file per week's solution, in week order; each record is one assignment. */
  rosters: RosterFile[];
}

/** The files of a case, parsed, before they are mapped onto a dataset. */
export interface Inrc2CaseFiles {
  scenario: Inrc2Scenario;
  history: Inrc2History;
  /** Week data of each week of the horizon, in order (a file may come twice). */
  weeks: Inrc2WeekData[];
  /** The solution of each week, in order. */
  solutions: Inrc2Solution[];
}

/**
 * Reads an INRC-II case: `CASE_DIR/case.json`, the solution files beside it, and from
 * `INSTANCES_DIR/<instance>/` the scenario `Sc-<instance>.txt`, the history and the week data it
 * names. Returns the dataset (nurses as officers with their contract, skills and history in
 * `attributes`; shift types, forbidden successions, contracts, demands and off requests as
 * `records`) and one roster file per week (assignments as entries with the shift type's times
 * and the skill in `attributes`). Unusable files throw one `INPUT_INVALID` error listing every
 * problem with its file and line. See docs/inrc2.md.
 *
 * @example
 * const { dataset, rosters } = await loadInrc2Case('fixtures/inrc2/solutions/n005w4_0_1-2-3-3', 'fixtures/inrc2/instances')
 * const report = await check(dataset, { config: { extends: ['inrc2/recommended'] } }, rosters)
 */
export async function loadInrc2Case(caseDir: string, instancesDir: string): Promise<Inrc2CaseInput> {
  const caseFile = join(caseDir, 'case.json');
  const { value: spec, text: caseText } = await readCaseFile(caseFile);
  const instanceDir = join(instancesDir, spec.instance);
  const scenarioFile = join(instanceDir, `Sc-${spec.instance}.txt`);
  const historyFile = join(instanceDir, spec.history);
  const weekFiles = spec.weeks.map((w) => join(instanceDir, w));
  const solutionFiles = spec.solutions.map((s) => join(caseDir, s));

  const problems: Problem[] = [];
  const texts = new Map<string, Promise<string | undefined>>();
  const read = (file: string) => {
    // A week data file may be used for several weeks: read it once, report it once.
    if (!texts.has(file)) {
      texts.set(
        file,
        readTextFile(file).then((r) => {
          if ('problem' in r) {
            problems.push(r.problem);
            return undefined;
          }
          return r.text;
        }),
      );
    }
    return texts.get(file)!;
  };
  const [scenarioText, historyText, weekTexts, solutionTexts] = await Promise.all([
    read(scenarioFile),
    read(historyFile),
    Promise.all(weekFiles.map(read)),
    Promise.all(solutionFiles.map(read)),
  ]);
  problems.sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : 0)); // reads finish in any order

  const parsedOnce = new Map<string, Inrc2Parsed<Inrc2WeekData>>();
  const scenario = scenarioText !== undefined ? collect(parseInrc2Scenario(scenarioText, scenarioFile), problems) : undefined;
  const history = historyText !== undefined ? collect(parseInrc2History(historyText, historyFile, scenario), problems) : undefined;
  const weeks = weekFiles.map((file, k) => {
    const text = weekTexts[k];
    if (text === undefined) return undefined;
    const seen = parsedOnce.get(file);
    if (seen) return seen.value;
    const parsed = parseInrc2WeekData(text, file, scenario);
    parsedOnce.set(file, parsed);
    return collect(parsed, problems);
  });
  const solutions = solutionFiles.map((file, k) => (solutionTexts[k] !== undefined ? collect(parseInrc2Solution(solutionTexts[k], file, scenario), problems) : undefined));

  const caseProblems: Problem[] = [];
  if (spec.solutions.length !== spec.weeks.length) {
    caseProblems.push({ file: caseFile, path: 'solutions', message: `${spec.solutions.length} solutions for ${spec.weeks.length} weeks`, expected: `one solution per week (${spec.weeks.length})`, received: String(spec.solutions.length) });
  }
  if (scenario?.weeks !== undefined && spec.weeks.length !== scenario.weeks) {
    caseProblems.push({ file: caseFile, path: 'weeks', message: `${spec.weeks.length} weeks of data, but the scenario has ${scenario.weeks} weeks (${scenarioFile})`, expected: `${scenario.weeks} week data files`, received: String(spec.weeks.length) });
  }
  locateProblems(caseProblems, caseText);
  problems.unshift(...caseProblems);
  solutions.forEach((s, k) => {
    if (s?.week !== undefined && s.week !== k) {
      problems.push({ file: s.file, line: s.headerLine, column: 1, message: `the solution of week ${s.week}, listed as week ${k} (solutions[${k}] of ${caseFile})`, expected: `week ${k}`, received: String(s.week) });
    }
  });

  if (problems.length > 0 || !scenario || !history || weeks.includes(undefined) || solutions.includes(undefined)) {
    throw new DutyComplianceError('INPUT_INVALID', problems);
  }
  return inrc2Dataset({ scenario, history, weeks: weeks as Inrc2WeekData[], solutions: solutions as Inrc2Solution[] });
}

/**
 * Maps the parsed files of a case onto the dataset and roster files (the mapping of
 * docs/inrc2.md). Week k, day d is the date {@link INRC2_PERIOD_START} + 7k + d.
 *
 * @example
 * inrc2Dataset(files).dataset.period //=> { start: '2024-01-01', end: '2024-01-28' } for 4 weeks
 */
export function inrc2Dataset(files: Inrc2CaseFiles): Inrc2CaseInput {
  const { scenario, history, weeks, solutions } = files;
  const horizon = weeks.length;
  const dateOf = (week: number, day: number) => addCalendarDays(INRC2_PERIOD_START, 7 * week + day);
  const historyOf = new Map(history.nurses.map((h) => [h.nurse, h]));

  const dataset = {
    timezone: 'UTC',
    period: { start: INRC2_PERIOD_START, end: dateOf(horizon - 1, 6) },
    units: [{ id: INRC2_UNIT, name: scenario.id }],
    communities: [],
    officers: scenario.nurses.map((n) => {
      const h = historyOf.get(n.name);
      return {
        id: n.name,
        name: n.name,
        unit: INRC2_UNIT,
        attributes: {
          contract: n.contract,
          skills: [...n.skills],
          historyAssignments: h?.assignments ?? 0,
          historyWorkingWeekends: h?.workingWeekends ?? 0,
          historyLastShift: h?.lastShift ?? null,
          historyLastShiftRun: h?.lastShiftRun ?? 0,
          historyWorkRun: h?.workRun ?? 0,
          historyOffRun: h?.offRun ?? 0,
        },
      };
    }),
    records: {
      shiftTypes: scenario.shiftTypes.map((s) => ({ id: s.id, minConsecutive: s.minConsecutive, maxConsecutive: s.maxConsecutive })),
      forbiddenSuccessions: scenario.forbiddenSuccessions.map((f) => ({ from: f.from, to: f.to })),
      contracts: scenario.contracts.map((c) => ({
        id: c.id,
        minTotal: c.minTotal,
        maxTotal: c.maxTotal,
        minConsecutiveWork: c.minConsecutiveWork,
        maxConsecutiveWork: c.maxConsecutiveWork,
        minConsecutiveOff: c.minConsecutiveOff,
        maxConsecutiveOff: c.maxConsecutiveOff,
        maxWorkingWeekends: c.maxWorkingWeekends,
        completeWeekends: c.completeWeekends,
      })),
      demands: weeks.flatMap((w, k) =>
        w.requirements.flatMap((r) =>
          r.days.map((d, day) => ({ date: dateOf(k, day), shift: r.shift, skill: r.skill, minimum: d.minimum, optimal: d.optimal, file: w.file, line: r.line })),
        ),
      ),
      offRequests: weeks.flatMap((w, k) => w.offRequests.map((o) => ({ officer: o.nurse, date: dateOf(k, o.day), shift: o.shift, file: w.file, line: o.line }))),
    },
  } satisfies DatasetInput;

  const rosters: RosterFile[] = solutions.map((s, k) => ({
    file: s.file,
    records: s.assignments.map((a) => ({
      value: { officer: a.nurse, ...inrc2ShiftInterval(a.shift, dateOf(k, a.day)), type: a.shift, attributes: { skill: a.skill } },
      source: { file: s.file, line: a.line, path: '' },
    })),
    problems: [],
  }));
  return { dataset, rosters };
}

async function readCaseFile(file: string): Promise<{ value: Inrc2Case; text: string }> {
  const read = await readTextFile(file);
  if ('problem' in read) throw new DutyComplianceError('INPUT_INVALID', [{ ...read.problem, message: `${read.problem.message}: a case folder holds case.json` }]);
  const parsed = parseJson(read.text, file);
  if ('problems' in parsed) throw new DutyComplianceError('INPUT_INVALID', parsed.problems);
  const result = Inrc2CaseSchema.safeParse(parsed.value);
  if (!result.success) {
    const problems = problemsFromZod(result.error, parsed.value, [], { file });
    locateProblems(problems, parsed.text);
    throw new DutyComplianceError('INPUT_INVALID', problems);
  }
  return { value: result.data, text: parsed.text };
}

/** The value of a parse, its problems added to `problems`. */
function collect<T>(parsed: Inrc2Parsed<T>, problems: Problem[]): T {
  problems.push(...parsed.problems);
  return parsed.value;
}
