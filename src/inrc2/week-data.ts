import type { Problem } from '../errors.js';
import { checkName, checkScenarioName, scenarioNames } from './_lib/scenario-names.js';
import { checkDeclaredCount, expectWords, lineText, missingSection, readPair, splitSections, textLines } from './_lib/text-lines.js';
import { INRC2_DAYS, type Inrc2OffRequest, type Inrc2Parsed, type Inrc2Requirement, type Inrc2Scenario, type Inrc2WeekData } from './types.js';

const SECTIONS = ['WEEK_DATA', 'REQUIREMENTS', 'SHIFT_OFF_REQUESTS'] as const;

/**
 * Reads an INRC-II week data file (`WD-<instance>-<k>.txt`): the requirements (`shift skill`
 * then seven `(minimum,optimal)` pairs, Monday first) and the shift-off requests (`nurse shift
 * day`, `Any` for the whole day). With the scenario, names are checked too; a requirement given
 * twice for one shift and skill is a problem.
 *
 * @example
 * parseInrc2WeekData(text, 'WD-n005w4-1.txt', scenario).value.offRequests[0]
 * //=> { nurse: 'Andrea', shift: null, day: 1, line: 14, columns: { nurse: 1, shift: 8 } }
 */
export function parseInrc2WeekData(text: string, file: string, scenario?: Inrc2Scenario): Inrc2Parsed<Inrc2WeekData> {
  const problems: Problem[] = [];
  const names = scenario ? scenarioNames(scenario) : undefined;
  const sections = splitSections(textLines(text), SECTIONS, file, problems);
  const week: Inrc2WeekData = { file, requirements: [], offRequests: [] };

  const header = sections.get('WEEK_DATA');
  if (!header) problems.push(missingSection('WEEK_DATA', file));
  else {
    const [row, ...extra] = header.rows;
    if (!row || row.tokens.length !== 1) {
      problems.push({ file, line: row?.line ?? header.header.line, message: 'WEEK_DATA is not followed by the scenario name', expected: 'a line "<scenario>"', received: row ? lineText(row) : 'nothing' });
    } else {
      week.scenario = row.tokens[0]!.text;
      week.headerLine = row.line;
      checkScenarioName(names, row.tokens[0]!, row.line, file, problems);
    }
    for (const e of extra) problems.push({ file, line: e.line, column: 1, message: 'an unexpected line in WEEK_DATA', expected: 'one line "<scenario>"', received: lineText(e) });
  }

  const requirements = sections.get('REQUIREMENTS');
  if (!requirements) problems.push(missingSection('REQUIREMENTS', file));
  else {
    const seen = new Map<string, number>();
    for (const row of requirements.rows) {
      if (!expectWords(row, 9, 9, 'a requirement: shift skill, then 7 (minimum,optimal) pairs, Monday first', file, problems)) continue;
      const [shift, skill, ...pairs] = row.tokens;
      const before = problems.length;
      const days = pairs.map((p, d) => readPair(p, file, row.line, `${INRC2_DAYS[d]}'s (minimum,optimal)`, problems));
      checkName(names?.shiftTypes, 'shift type', shift!, row.line, file, problems);
      checkName(names?.skills, 'skill', skill!, row.line, file, problems);
      const key = `${shift!.text} ${skill!.text}`;
      const first = seen.get(key);
      if (first !== undefined) problems.push({ file, line: row.line, column: shift!.column, message: `a second requirement for ${key}`, expected: `one line per shift and skill (the first is on line ${first})` });
      else seen.set(key, row.line);
      if (problems.length > before) continue;
      week.requirements.push({
        shift: shift!.text,
        skill: skill!.text,
        days: days.map((p) => ({ minimum: p![0], optimal: p![1] })),
        line: row.line,
        columns: { shift: shift!.column, skill: skill!.column },
      } satisfies Inrc2Requirement);
    }
  }

  const requests = sections.get('SHIFT_OFF_REQUESTS');
  if (!requests) problems.push(missingSection('SHIFT_OFF_REQUESTS', file));
  else {
    checkDeclaredCount(requests, requests.rows.length, 'shift-off requests', file, problems);
    for (const row of requests.rows) {
      if (!expectWords(row, 3, 3, 'a shift-off request: nurse shift day (shift Any: the whole day)', file, problems)) continue;
      const [nurse, shift, dayName] = row.tokens;
      const before = problems.length;
      checkName(names?.nurses, 'nurse', nurse!, row.line, file, problems);
      if (shift!.text !== 'Any') checkName(names?.shiftTypes, 'shift type (or Any)', shift!, row.line, file, problems);
      const day = readDay(dayName!, row.line, file, problems);
      if (problems.length > before || day === undefined) continue;
      week.offRequests.push({ nurse: nurse!.text, shift: shift!.text === 'Any' ? null : shift!.text, day, line: row.line, columns: { nurse: nurse!.column, shift: shift!.column } } satisfies Inrc2OffRequest);
    }
  }
  return { value: week, problems };
}

/**
 * A day name of the files as its index (Mon = 0 … Sun = 6), or a located problem.
 *
 * @example
 * readDay({ text: 'Sat', column: 12 }, 3, 'WD.txt', []) //=> 5
 */
export function readDay(token: { text: string; column: number }, line: number, file: string, problems: Problem[]): number | undefined {
  const day = (INRC2_DAYS as readonly string[]).indexOf(token.text);
  if (day >= 0) return day;
  problems.push({ file, line, column: token.column, message: 'unknown day', expected: INRC2_DAYS.join(' | '), received: JSON.stringify(token.text) });
  return undefined;
}
