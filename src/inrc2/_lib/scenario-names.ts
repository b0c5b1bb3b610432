import type { Problem } from '../../errors.js';
import type { Inrc2Scenario } from '../types.js';
import { lineText, readCount, unknown, type Section, type Token } from './text-lines.js';

/** The names a scenario defines, to check the other files' references against. */
export interface ScenarioNames {
  id: string;
  nurses: Set<string>;
  shiftTypes: Set<string>;
  skills: Set<string>;
}

/**
 * The scenario's names, broken lines included; a kind the scenario failed to define any of is
 * left unchecked (its own problems already say why), so that one broken section does not flood
 * every other file.
 *
 * @example
 * scenarioNames(scenario).nurses.has('Patrick') //=> true
 */
export function scenarioNames(scenario: Inrc2Scenario): ScenarioNames {
  return {
    id: scenario.id,
    nurses: new Set(scenario.names.nurses),
    shiftTypes: new Set(scenario.names.shiftTypes),
    skills: new Set(scenario.names.skills),
  };
}

/** Pushes a problem when `token` is not among `known` (never when `known` is empty). Returns whether it is known. */
export function checkName(known: Set<string> | undefined, what: string, token: Token, line: number, file: string, problems: Problem[]): boolean {
  if (!known || known.size === 0 || known.has(token.text)) return true;
  problems.push(unknown(what, token, { line }, file, [...known]));
  return false;
}

/**
 * The header row of a history or solution file: `0 n005w4`, the week (0-based) and the scenario.
 *
 * @example
 * readWeekHeader(section, 'H0-n005w4-0.txt', problems, names) //=> { week: 0, scenario: 'n005w4', headerLine: 2 }
 */
export function readWeekHeader(section: Section, file: string, problems: Problem[], names: ScenarioNames | undefined): { week?: number; scenario?: string; headerLine?: number } {
  const [row, ...extra] = section.rows;
  if (!row) {
    problems.push({ file, line: section.header.line, message: `${section.name} is not followed by its week and scenario`, expected: `a line "<week> <scenario>", e.g. "0 n005w4"` });
    return {};
  }
  for (const e of extra) problems.push({ file, line: e.line, column: 1, message: `an unexpected line in ${section.name}`, expected: 'one line "<week> <scenario>"', received: lineText(e) });
  if (row.tokens.length !== 2) {
    problems.push({ file, line: row.line, column: 1, message: 'not a week and a scenario', expected: '"<week> <scenario>", e.g. "0 n005w4"', received: lineText(row) });
    return { headerLine: row.line };
  }
  const week = readCount(row.tokens[0], file, row.line, 'the week', problems);
  const scenario = row.tokens[1]!;
  checkScenarioName(names, scenario, row.line, file, problems);
  return { ...(week !== undefined ? { week } : {}), scenario: scenario.text, headerLine: row.line };
}

/** Pushes a problem when a file names another scenario than the one it is read with. */
export function checkScenarioName(names: ScenarioNames | undefined, token: Token, line: number, file: string, problems: Problem[]): void {
  if (names && names.id !== '' && token.text !== names.id) {
    problems.push({ file, line, column: token.column, message: 'a file of another scenario', expected: JSON.stringify(names.id), received: JSON.stringify(token.text) });
  }
}
