import type { Problem } from '../errors.js';
import { checkDeclaredCount, expectWords, lineText, missingSection, readCount, readPair, splitSections, textLines, unknown, type Section, type TextLine } from './_lib/text-lines.js';
import type { Inrc2Contract, Inrc2Nurse, Inrc2Parsed, Inrc2Scenario, Inrc2ShiftType } from './types.js';

const SECTIONS = ['SCENARIO', 'WEEKS', 'SKILLS', 'SHIFT_TYPES', 'FORBIDDEN_SHIFT_TYPES_SUCCESSIONS', 'CONTRACTS', 'NURSES'] as const;

/**
 * Reads an INRC-II scenario file (`Sc-<instance>.txt`): weeks, skills, shift types with their
 * (min,max) consecutive assignments, forbidden successions, contracts and nurses. Every problem
 * (a missing section, a bad number, a count that does not match, an unknown skill, shift type or
 * contract, a repeated name) comes back located, with what could be read.
 *
 * @example
 * const { value, problems } = parseInrc2Scenario(text, 'Sc-n005w4.txt')
 * value.nurses[0] //=> { name: 'Patrick', contract: 'FullTime', skills: ['HeadNurse', 'Nurse'], line: 24 }
 */
export function parseInrc2Scenario(text: string, file: string): Inrc2Parsed<Inrc2Scenario> {
  const problems: Problem[] = [];
  const sections = splitSections(textLines(text), SECTIONS, file, problems);
  const scenario: Inrc2Scenario = { file, id: '', skills: [], shiftTypes: [], forbiddenSuccessions: [], contracts: [], nurses: [], names: { skills: [], shiftTypes: [], contracts: [], nurses: [] } };
  const section = (name: (typeof SECTIONS)[number]): Section | undefined => {
    const s = sections.get(name);
    if (!s) problems.push(missingSection(name, file));
    return s;
  };

  const id = section('SCENARIO');
  if (id) {
    if (id.value) scenario.id = id.value.text;
    else problems.push({ file, line: id.header.line, message: 'the scenario has no name', expected: 'SCENARIO = <name>' });
    extraLines(id, file, problems);
  }
  const weeks = section('WEEKS');
  if (weeks) {
    const n = readCount(weeks.value, file, weeks.header.line, 'the number of weeks', problems);
    if (n !== undefined && n < 1) problems.push({ file, line: weeks.header.line, column: weeks.value!.column, message: 'a scenario of no weeks', expected: 'a whole number >= 1', received: String(n) });
    else if (n !== undefined) scenario.weeks = n;
    extraLines(weeks, file, problems);
  }

  const skills = section('SKILLS');
  if (skills) {
    checkDeclaredCount(skills, skills.rows.length, 'skills', file, problems);
    const seen = new Map<string, number>();
    scenario.names.skills = firstWords(skills);
    for (const row of skills.rows) {
      if (!expectWords(row, 1, 1, 'a skill name', file, problems)) continue;
      if (unique(seen, row, 'skill', file, problems)) scenario.skills.push(row.tokens[0]!.text);
    }
  }

  const shiftTypes = section('SHIFT_TYPES');
  if (shiftTypes) {
    checkDeclaredCount(shiftTypes, shiftTypes.rows.length, 'shift types', file, problems);
    const seen = new Map<string, number>();
    scenario.names.shiftTypes = firstWords(shiftTypes);
    for (const row of shiftTypes.rows) {
      if (!expectWords(row, 2, 2, 'a shift type and its (min,max) consecutive assignments, e.g. Early (2,5)', file, problems)) continue;
      const range = readPair(row.tokens[1], file, row.line, 'consecutive assignments', problems);
      if (!unique(seen, row, 'shift type', file, problems) || !range) continue;
      if (row.tokens[0]!.text === 'None' || row.tokens[0]!.text === 'Any') {
        problems.push({ file, line: row.line, column: 1, message: 'a shift type named like a day off', expected: 'a name other than None and Any', received: row.tokens[0]!.text });
        continue;
      }
      scenario.shiftTypes.push({ id: row.tokens[0]!.text, minConsecutive: range[0], maxConsecutive: range[1], line: row.line } satisfies Inrc2ShiftType);
    }
  }
  const shiftNames = new Set(scenario.names.shiftTypes);
  const skillNames = new Set(scenario.names.skills);

  const forbidden = section('FORBIDDEN_SHIFT_TYPES_SUCCESSIONS');
  if (forbidden) {
    const seen = new Map<string, number>();
    for (const row of forbidden.rows) {
      if (!expectWords(row, 2, Infinity, 'a shift type, a count, then that many shift types, e.g. Late 1 Early', file, problems)) continue;
      const [from, count, ...to] = row.tokens;
      const n = readCount(count, file, row.line, 'the number of forbidden successors', problems);
      if (n !== undefined && n !== to.length) problems.push({ file, line: row.line, column: count!.column, message: `${n} successors announced, ${to.length} listed`, expected: `${n} shift types after the count`, received: String(to.length) });
      if (!unique(seen, row, 'forbidden-successions line for shift type', file, problems)) continue;
      if (shiftTypes && !shiftNames.has(from!.text)) problems.push(unknown('shift type', from!, row, file, [...shiftNames]));
      for (const t of to) {
        if (shiftTypes && !shiftNames.has(t.text)) problems.push(unknown('shift type', t, row, file, [...shiftNames]));
        else scenario.forbiddenSuccessions.push({ from: from!.text, to: t.text, line: row.line, column: t.column });
      }
    }
  }

  const contracts = section('CONTRACTS');
  if (contracts) {
    checkDeclaredCount(contracts, contracts.rows.length, 'contracts', file, problems);
    const seen = new Map<string, number>();
    scenario.names.contracts = firstWords(contracts);
    for (const row of contracts.rows) {
      const contract = readContract(row, file, problems);
      if (unique(seen, row, 'contract', file, problems) && contract) scenario.contracts.push(contract);
    }
  }
  const contractNames = new Set(scenario.names.contracts);

  const nurses = section('NURSES');
  if (nurses) {
    checkDeclaredCount(nurses, nurses.rows.length, 'nurses', file, problems);
    const seen = new Map<string, number>();
    scenario.names.nurses = firstWords(nurses);
    for (const row of nurses.rows) {
      if (!expectWords(row, 3, Infinity, 'a nurse: name contract nSkills skills…', file, problems)) continue;
      const [name, contract, count, ...skillTokens] = row.tokens;
      const before = problems.length;
      const n = readCount(count, file, row.line, 'the number of skills', problems);
      if (n !== undefined && n !== skillTokens.length) problems.push({ file, line: row.line, column: count!.column, message: `${n} skills announced, ${skillTokens.length} listed`, expected: `${n} skills after the count`, received: String(skillTokens.length) });
      if (contracts && !contractNames.has(contract!.text)) problems.push(unknown('contract', contract!, row, file, [...contractNames]));
      for (const s of skillTokens) if (skills && !skillNames.has(s.text)) problems.push(unknown('skill', s, row, file, [...skillNames]));
      if (!unique(seen, row, 'nurse', file, problems) || problems.length > before) continue;
      scenario.nurses.push({ name: name!.text, contract: contract!.text, skills: skillTokens.map((s) => s.text), line: row.line } satisfies Inrc2Nurse);
    }
  }
  return { value: scenario, problems };
}

function readContract(row: TextLine, file: string, problems: Problem[]): Inrc2Contract | undefined {
  if (!expectWords(row, 6, 6, 'a contract: name (minTotal,maxTotal) (minWork,maxWork) (minOff,maxOff) maxWeekends completeWeekends', file, problems)) return undefined;
  const [name, total, work, off, weekends, complete] = row.tokens;
  const before = problems.length;
  const t = readPair(total, file, row.line, 'total assignments', problems);
  const w = readPair(work, file, row.line, 'consecutive working days', problems);
  const o = readPair(off, file, row.line, 'consecutive days off', problems);
  const maxWeekends = readCount(weekends, file, row.line, 'maximum working weekends', problems);
  if (complete!.text !== '0' && complete!.text !== '1') problems.push({ file, line: row.line, column: complete!.column, message: 'complete weekends: neither 1 nor 0', expected: '1 (required) | 0', received: JSON.stringify(complete!.text) });
  if (problems.length > before || !t || !w || !o || maxWeekends === undefined) return undefined;
  return {
    id: name!.text,
    minTotal: t[0],
    maxTotal: t[1],
    minConsecutiveWork: w[0],
    maxConsecutiveWork: w[1],
    minConsecutiveOff: o[0],
    maxConsecutiveOff: o[1],
    maxWorkingWeekends: maxWeekends,
    completeWeekends: complete!.text === '1',
    line: row.line,
  };
}

/** Whether the line's first word is new among `seen`; a located problem when it is repeated. */
function unique(seen: Map<string, number>, row: TextLine, what: string, file: string, problems: Problem[]): boolean {
  const name = row.tokens[0]!.text;
  const first = seen.get(name);
  if (first !== undefined) {
    problems.push({ file, line: row.line, column: row.tokens[0]!.column, message: `a second ${what} ${JSON.stringify(name)}`, expected: `each name once (the first is on line ${first})` });
    return false;
  }
  seen.set(name, row.line);
  return true;
}

/** The first word of every line of a section, in order, once each. */
function firstWords(section: Section): string[] {
  return [...new Set(section.rows.map((r) => r.tokens[0]!.text))];
}

function extraLines(section: Section, file: string, problems: Problem[]): void {
  for (const row of section.rows) problems.push({ file, line: row.line, column: row.tokens[0]!.column, message: `an unexpected line after ${section.name}`, expected: 'the next section', received: lineText(row) });
}
