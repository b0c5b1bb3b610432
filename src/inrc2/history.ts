import type { Problem } from '../errors.js';
import { checkName, readWeekHeader, scenarioNames } from './_lib/scenario-names.js';
import { expectWords, missingSection, readCount, splitSections, textLines } from './_lib/text-lines.js';
import type { Inrc2History, Inrc2NurseHistory, Inrc2Parsed, Inrc2Scenario } from './types.js';

const SECTIONS = ['HISTORY', 'NURSE_HISTORY'] as const;

/**
 * Reads an INRC-II history file (`H0-<instance>-<h>.txt`): per nurse, as of the day before the
 * first week, the assignments and working weekends so far, the last shift type (`None`: a day
 * off), and the runs that end on that day (of that shift type, of working days, of days off).
 * With the scenario, names are checked too: an unknown nurse or shift type, a nurse without a
 * line, a nurse twice, a file of another scenario are located problems.
 *
 * @example
 * parseInrc2History(text, 'H0-n005w4-0.txt', scenario).value.nurses[0]
 * //=> { nurse: 'Patrick', assignments: 0, workingWeekends: 0, lastShift: 'Night', lastShiftRun: 1, workRun: 4, offRun: 0, line: 5, lastShiftColumn: 13 }
 */
export function parseInrc2History(text: string, file: string, scenario?: Inrc2Scenario): Inrc2Parsed<Inrc2History> {
  const problems: Problem[] = [];
  const names = scenario ? scenarioNames(scenario) : undefined;
  const sections = splitSections(textLines(text), SECTIONS, file, problems);
  const history: Inrc2History = { file, nurses: [] };
  const header = sections.get('HISTORY');
  if (header) Object.assign(history, readWeekHeader(header, file, problems, names));
  else problems.push(missingSection('HISTORY', file));
  const body = sections.get('NURSE_HISTORY');
  if (!body) {
    problems.push(missingSection('NURSE_HISTORY', file));
    return { value: history, problems };
  }
  const seen = new Map<string, number>();
  for (const row of body.rows) {
    if (!expectWords(row, 7, 7, 'a nurse\'s history: name assignments workingWeekends lastShift lastShiftRun workRun offRun', file, problems)) continue;
    const [nurse, assignments, weekends, lastShift, shiftRun, workRun, offRun] = row.tokens;
    const before = problems.length;
    const numbers = [
      readCount(assignments, file, row.line, 'assignments so far', problems),
      readCount(weekends, file, row.line, 'working weekends so far', problems),
      readCount(shiftRun, file, row.line, 'consecutive assignments of the last shift type', problems),
      readCount(workRun, file, row.line, 'consecutive working days', problems),
      readCount(offRun, file, row.line, 'consecutive days off', problems),
    ];
    checkName(names?.nurses, 'nurse', nurse!, row.line, file, problems);
    if (lastShift!.text !== 'None') checkName(names?.shiftTypes, 'shift type (or None)', lastShift!, row.line, file, problems);
    const first = seen.get(nurse!.text);
    if (first !== undefined) problems.push({ file, line: row.line, column: nurse!.column, message: `a second history line for nurse ${JSON.stringify(nurse!.text)}`, expected: `one line per nurse (the first is on line ${first})` });
    else seen.set(nurse!.text, row.line);
    if (problems.length > before) continue;
    const [a, w, s, r, o] = numbers as number[];
    history.nurses.push({
      nurse: nurse!.text,
      assignments: a!,
      workingWeekends: w!,
      lastShift: lastShift!.text === 'None' ? null : lastShift!.text,
      lastShiftRun: s!,
      workRun: r!,
      offRun: o!,
      line: row.line,
      lastShiftColumn: lastShift!.column,
    } satisfies Inrc2NurseHistory);
  }
  if (scenario) {
    for (const name of scenario.names.nurses) {
      if (!seen.has(name)) problems.push({ file, line: body.header.line, message: `no history line for nurse ${JSON.stringify(name)}`, expected: 'a line for every nurse of the scenario' });
    }
  }
  return { value: history, problems };
}
