import type { Problem } from '../errors.js';
import { checkName, readWeekHeader, scenarioNames } from './_lib/scenario-names.js';
import { lineText, missingSection, readCount, splitSections, textLines } from './_lib/text-lines.js';
import { INRC2_DAYS, type Inrc2Assignment, type Inrc2Parsed, type Inrc2Scenario, type Inrc2Solution } from './types.js';
import { readDay } from './week-data.js';

const SECTIONS = ['SOLUTION', 'ASSIGNMENTS'] as const;

/**
 * Reads an INRC-II solution of one week (`sol-week<i>.txt`, `Sol-<instance>-<k>-<i>.txt`): the
 * `ASSIGNMENTS = n` lines `nurse day shift skill`. Lines after the n assignments that are not
 * assignments (a solver's `Viol: 0`, `Cost: 575`) are ignored; an assignment beyond the n
 * declared, or fewer than n, is a problem. With the scenario, an unknown nurse, shift type or
 * skill is a located problem; an unknown day always is. Whether a nurse works twice a day or
 * has the skill is for the rules (H1, H4), not the reader.
 *
 * @example
 * parseInrc2Solution(text, 'sol-week0.txt', scenario).value.assignments[0]
 * //=> { nurse: 'Patrick', day: 0, shift: 'Night', skill: 'Nurse', line: 5, columns: { nurse: 1, shift: 13, skill: 19 } }
 */
export function parseInrc2Solution(text: string, file: string, scenario?: Inrc2Scenario): Inrc2Parsed<Inrc2Solution> {
  const problems: Problem[] = [];
  const names = scenario ? scenarioNames(scenario) : undefined;
  const sections = splitSections(textLines(text), SECTIONS, file, problems);
  const solution: Inrc2Solution = { file, assignments: [] };
  const header = sections.get('SOLUTION');
  if (header) Object.assign(solution, readWeekHeader(header, file, problems, names));
  else problems.push(missingSection('SOLUTION', file));
  const body = sections.get('ASSIGNMENTS');
  if (!body) {
    problems.push(missingSection('ASSIGNMENTS', file));
    return { value: solution, problems };
  }
  const declared = body.value ? readCount(body.value, file, body.header.line, 'the number of assignments', problems) : undefined;
  if (!body.value) problems.push({ file, line: body.header.line, message: 'ASSIGNMENTS does not say how many assignments follow', expected: 'ASSIGNMENTS = N' });
  const count = declared ?? body.rows.filter(looksLikeAssignment).length;
  const rows = body.rows.slice(0, count);
  if (rows.length < count) problems.push({ file, line: body.header.line, column: body.value!.column, message: `ASSIGNMENTS = ${count}, but ${rows.length} lines follow`, expected: `${count} assignments`, received: String(rows.length) });
  for (const row of body.rows.slice(count)) {
    if (looksLikeAssignment(row)) problems.push({ file, line: row.line, column: 1, message: `an assignment beyond the ${count} that ASSIGNMENTS declares`, expected: `ASSIGNMENTS = ${count} assignments, or a larger count`, received: lineText(row) });
  }
  for (const row of rows) {
    if (row.tokens.length !== 4) {
      problems.push({ file, line: row.line, column: row.tokens[0]!.column, message: 'not an assignment', expected: 'nurse day shift skill, e.g. "Patrick Mon Night Nurse"', received: lineText(row) });
      continue;
    }
    const [nurse, dayName, shift, skill] = row.tokens;
    const before = problems.length;
    checkName(names?.nurses, 'nurse', nurse!, row.line, file, problems);
    const day = readDay(dayName!, row.line, file, problems);
    checkName(names?.shiftTypes, 'shift type', shift!, row.line, file, problems);
    checkName(names?.skills, 'skill', skill!, row.line, file, problems);
    if (problems.length > before || day === undefined) continue;
    solution.assignments.push({
      nurse: nurse!.text,
      day,
      shift: shift!.text,
      skill: skill!.text,
      line: row.line,
      columns: { nurse: nurse!.column, shift: shift!.column, skill: skill!.column },
    } satisfies Inrc2Assignment);
  }
  return { value: solution, problems };
}

/** Four words, the second a day name: an assignment, not a solver's trailing `Cost: 575`. */
function looksLikeAssignment(row: { tokens: { text: string }[] }): boolean {
  return row.tokens.length === 4 && (INRC2_DAYS as readonly string[]).includes(row.tokens[1]!.text);
}
