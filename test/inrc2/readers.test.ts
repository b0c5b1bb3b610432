import { describe, expect, it } from 'vitest';
import { formatProblem, type Problem } from '../../src/errors.js';
import { parseInrc2History } from '../../src/inrc2/history.js';
import { parseInrc2Scenario } from '../../src/inrc2/scenario.js';
import { parseInrc2Solution } from '../../src/inrc2/solution.js';
import { parseInrc2WeekData } from '../../src/inrc2/week-data.js';

const SCENARIO = `SCENARIO = tiny

WEEKS = 1

SKILLS = 2
HeadNurse
Nurse

SHIFT_TYPES = 2
Early (2,5)
Night (4,5)

FORBIDDEN_SHIFT_TYPES_SUCCESSIONS
Early 0
Night 1 Early

CONTRACTS = 1
FullTime (15,22) (3,5) (2,3) 2 1

NURSES = 2
Ann FullTime 2 HeadNurse Nurse 
Bob FullTime 1 Nurse
`;

const HISTORY = `HISTORY
0 tiny

NURSE_HISTORY
Ann 3 1 Night 2 4 0
Bob 0 0 None 0 0 3
`;

const WEEK = `WEEK_DATA
tiny

REQUIREMENTS
Early Nurse (1,1) (1,2) (0,1) (1,1) (0,1) (1,1) (2,3)
Night HeadNurse (0,0) (0,0) (1,1) (0,0) (0,0) (0,0) (0,0)

SHIFT_OFF_REQUESTS = 2
Ann Any Tue
Bob Night Sun
`;

const SOLUTION = `SOLUTION
0 tiny

ASSIGNMENTS = 2
Ann Mon Night HeadNurse
Bob Sun Early Nurse

Viol: 0
Cost: 575
`;

const scenario = parseInrc2Scenario(SCENARIO, 'Sc-tiny.txt').value;

/** Problems as the CLI prints them: `file:line:column: message (expected …, found …)`. */
const lines = (problems: readonly Problem[]) => problems.map(formatProblem);

describe('parseInrc2Scenario', () => {
  it('reads weeks, skills, shift types, successions, contracts and nurses', () => {
    const { value, problems } = parseInrc2Scenario(SCENARIO, 'Sc-tiny.txt');
    expect(problems).toEqual([]);
    expect(value.id).toBe('tiny');
    expect(value.weeks).toBe(1);
    expect(value.skills).toEqual(['HeadNurse', 'Nurse']);
    expect(value.shiftTypes).toEqual([
      { id: 'Early', minConsecutive: 2, maxConsecutive: 5, line: 10 },
      { id: 'Night', minConsecutive: 4, maxConsecutive: 5, line: 11 },
    ]);
    expect(value.forbiddenSuccessions).toEqual([{ from: 'Night', to: 'Early', line: 15, column: 9 }]);
    expect(value.contracts).toEqual([
      { id: 'FullTime', minTotal: 15, maxTotal: 22, minConsecutiveWork: 3, maxConsecutiveWork: 5, minConsecutiveOff: 2, maxConsecutiveOff: 3, maxWorkingWeekends: 2, completeWeekends: true, line: 18 },
    ]);
    expect(value.nurses).toEqual([
      { name: 'Ann', contract: 'FullTime', skills: ['HeadNurse', 'Nurse'], line: 21 },
      { name: 'Bob', contract: 'FullTime', skills: ['Nurse'], line: 22 },
    ]);
  });

  it('gives one pair per forbidden successor, and none for "Early 0"', () => {
    const text = SCENARIO.replace('SHIFT_TYPES = 2\nEarly (2,5)\nNight (4,5)', 'SHIFT_TYPES = 3\nEarly (2,5)\nLate (2,3)\nNight (4,5)').replace('Night 1 Early', 'Late 1 Early\nNight 2 Early Late');
    const { value, problems } = parseInrc2Scenario(text, 'Sc.txt');
    expect(problems).toEqual([]);
    expect(value.forbiddenSuccessions.map(({ from, to }) => `${from}>${to}`)).toEqual(['Late>Early', 'Night>Early', 'Night>Late']);
  });

  it('reads CRLF line ends, glued "NAME=value" headers and spaced pairs', () => {
    const text = SCENARIO.replace('WEEKS = 1', 'WEEKS=1').replace('Early (2,5)', 'Early ( 2, 5 )').replace(/\n/g, '\r\n');
    const { value, problems } = parseInrc2Scenario(text, 'Sc.txt');
    expect(problems).toEqual([]);
    expect(value.weeks).toBe(1);
    expect(value.shiftTypes[0]).toMatchObject({ id: 'Early', minConsecutive: 2, maxConsecutive: 5 });
  });

  it('locates every problem at once: bad numbers, wrong counts, unknown names, repeats', () => {
    const text = SCENARIO.replace('WEEKS = 1', 'WEEKS = one')
      .replace('SKILLS = 2', 'SKILLS = 3')
      .replace('Early (2,5)', 'Early (2;5)')
      .replace('Night 1 Early', 'Night 3 Early Dawn')
      .replace('FullTime (15,22) (3,5) (2,3) 2 1', 'FullTime (15,22) (3,5) (2,3) x 2')
      .replace('Bob FullTime 1 Nurse', 'Bob PartTime 2 Nurse Surgeon\nAnn FullTime 1 Nurse');
    const { problems } = parseInrc2Scenario(text, 'Sc.txt');
    expect(lines(problems)).toEqual([
      'Sc.txt:3:9: the number of weeks: not a whole number (expected a whole number >= 0, found "one")',
      'Sc.txt:5:10: SKILLS = 3, but 2 skills follow (expected 3 lines, found 2)',
      'Sc.txt:10:7: consecutive assignments: not a pair of whole numbers (expected (min,max), e.g. (2,5), found "(2;5)")',
      'Sc.txt:15:7: 3 successors announced, 2 listed (expected 3 shift types after the count, found 2)',
      'Sc.txt:15:15: unknown shift type (expected one of Early, Night, found "Dawn")',
      'Sc.txt:18:30: maximum working weekends: not a whole number (expected a whole number >= 0, found "x")',
      'Sc.txt:18:32: complete weekends: neither 1 nor 0 (expected 1 (required) | 0, found "2")',
      'Sc.txt:20:10: NURSES = 2, but 3 nurses follow (expected 2 lines, found 3)',
      'Sc.txt:22:5: unknown contract (expected one of FullTime, found "PartTime")',
      'Sc.txt:22:22: unknown skill (expected one of HeadNurse, Nurse, found "Surgeon")',
      'Sc.txt:23:1: a second nurse "Ann" (expected each name once (the first is on line 21))',
    ]);
  });

  it('says which sections are missing', () => {
    const { problems } = parseInrc2Scenario('SCENARIO = x\nWEEKS = 2\n', 'Sc.txt');
    expect(lines(problems)).toEqual(
      ['SKILLS', 'SHIFT_TYPES', 'FORBIDDEN_SHIFT_TYPES_SUCCESSIONS', 'CONTRACTS', 'NURSES'].map((s) => `Sc.txt: the ${s} section is missing (expected a line "${s}")`),
    );
  });

  it('locates lines outside any section and repeated sections', () => {
    const { problems } = parseInrc2Scenario(`hello\n${SCENARIO}WEEKS = 2\n`, 'Sc.txt');
    expect(lines(problems)).toEqual([
      'Sc.txt:1:1: a line outside any section (expected a section header (SCENARIO | WEEKS | SKILLS | SHIFT_TYPES | FORBIDDEN_SHIFT_TYPES_SUCCESSIONS | CONTRACTS | NURSES), found "hello")',
      'Sc.txt:24:1: a second WEEKS section (expected one WEEKS section (the first is on line 4))',
    ]);
  });
});

describe('parseInrc2History', () => {
  it('reads each nurse\'s history, None as null', () => {
    const { value, problems } = parseInrc2History(HISTORY, 'H0.txt', scenario);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ week: 0, scenario: 'tiny' });
    expect(value.nurses).toEqual([
      { nurse: 'Ann', assignments: 3, workingWeekends: 1, lastShift: 'Night', lastShiftRun: 2, workRun: 4, offRun: 0, line: 5, lastShiftColumn: 9 },
      { nurse: 'Bob', assignments: 0, workingWeekends: 0, lastShift: null, lastShiftRun: 0, workRun: 0, offRun: 3, line: 6, lastShiftColumn: 9 },
    ]);
  });

  it('locates bad numbers, unknown nurses and shift types, missing nurses and another scenario', () => {
    const text = HISTORY.replace('0 tiny', '0 big').replace('Ann 3 1 Night 2 4 0', 'Ann 3 -1 Dusk 2 4 0').replace('Bob 0 0 None 0 0 3', 'Cid 0 0 None 0 0 3\nAnn 1 1 None 0 0');
    const { problems } = parseInrc2History(text, 'H0.txt', scenario);
    expect(lines(problems)).toEqual([
      'H0.txt:2:3: a file of another scenario (expected "tiny", found "big")',
      'H0.txt:5:7: working weekends so far: not a whole number (expected a whole number >= 0, found "-1")',
      'H0.txt:5:10: unknown shift type (or None) (expected one of Early, Night, found "Dusk")',
      'H0.txt:6:1: unknown nurse (expected one of Ann, Bob, found "Cid")',
      'H0.txt:7:1: too few words on the line (expected a nurse\'s history: name assignments workingWeekends lastShift lastShiftRun workRun offRun, found "Ann 1 1 None 0 0")',
      'H0.txt:4: no history line for nurse "Bob" (expected a line for every nurse of the scenario)',
    ]);
  });

  it('says when a section is missing', () => {
    expect(lines(parseInrc2History('HISTORY\n0 tiny\n', 'H0.txt').problems)).toEqual(['H0.txt: the NURSE_HISTORY section is missing (expected a line "NURSE_HISTORY")']);
  });
});

describe('parseInrc2WeekData', () => {
  it('reads requirements (7 days, zeros included) and off requests (Any as null)', () => {
    const { value, problems } = parseInrc2WeekData(WEEK, 'WD.txt', scenario);
    expect(problems).toEqual([]);
    expect(value.scenario).toBe('tiny');
    expect(value.requirements).toHaveLength(2);
    expect(value.requirements[0]).toMatchObject({ shift: 'Early', skill: 'Nurse', line: 5 });
    expect(value.requirements[0]!.days).toEqual([
      { minimum: 1, optimal: 1 },
      { minimum: 1, optimal: 2 },
      { minimum: 0, optimal: 1 },
      { minimum: 1, optimal: 1 },
      { minimum: 0, optimal: 1 },
      { minimum: 1, optimal: 1 },
      { minimum: 2, optimal: 3 },
    ]);
    expect(value.requirements[1]!.days.filter((d) => d.minimum === 0 && d.optimal === 0)).toHaveLength(6);
    expect(value.offRequests).toEqual([
      { nurse: 'Ann', shift: null, day: 1, line: 9, columns: { nurse: 1, shift: 5 } },
      { nurse: 'Bob', shift: 'Night', day: 6, line: 10, columns: { nurse: 1, shift: 5 } },
    ]);
  });

  it('locates bad pairs, unknown names and days, repeated requirements and a wrong request count', () => {
    const text = WEEK.replace('(1,2)', '(1,x)')
      .replace('Night HeadNurse', 'Night Surgeon')
      .replace('SHIFT_OFF_REQUESTS = 2', 'SHIFT_OFF_REQUESTS = 3')
      .replace('Ann Any Tue', 'Ann Any Tues\nEve Dusk Mon')
      .replace('Bob Night Sun', 'Bob Night Sun\nBob Early')
      .replace('\n\nSHIFT_OFF', '\nEarly Nurse (0,0) (0,0) (0,0) (0,0) (0,0) (0,0) (0,0)\nNight Nurse (0,0) (0,0)\n\nSHIFT_OFF');
    const { problems } = parseInrc2WeekData(text, 'WD.txt', scenario);
    expect(lines(problems)).toEqual([
      'WD.txt:5:19: Tue\'s (minimum,optimal): not a pair of whole numbers (expected (min,max), e.g. (2,5), found "(1,x)")',
      'WD.txt:6:7: unknown skill (expected one of HeadNurse, Nurse, found "Surgeon")',
      'WD.txt:7:1: a second requirement for Early Nurse (expected one line per shift and skill (the first is on line 5))',
      'WD.txt:8:1: too few words on the line (expected a requirement: shift skill, then 7 (minimum,optimal) pairs, Monday first, found "Night Nurse (0,0) (0,0)")',
      'WD.txt:10:22: SHIFT_OFF_REQUESTS = 3, but 4 shift-off requests follow (expected 3 lines, found 4)',
      'WD.txt:11:9: unknown day (expected Mon | Tue | Wed | Thu | Fri | Sat | Sun, found "Tues")',
      'WD.txt:12:1: unknown nurse (expected one of Ann, Bob, found "Eve")',
      'WD.txt:12:5: unknown shift type (or Any) (expected one of Early, Night, found "Dusk")',
      'WD.txt:14:1: too few words on the line (expected a shift-off request: nurse shift day (shift Any: the whole day), found "Bob Early")',
    ]);
  });

  it('says which sections are missing', () => {
    expect(lines(parseInrc2WeekData('WEEK_DATA\ntiny\n', 'WD.txt').problems)).toEqual([
      'WD.txt: the REQUIREMENTS section is missing (expected a line "REQUIREMENTS")',
      'WD.txt: the SHIFT_OFF_REQUESTS section is missing (expected a line "SHIFT_OFF_REQUESTS")',
    ]);
  });
});

describe('parseInrc2Solution', () => {
  it('reads the declared assignments and ignores a solver\'s trailing lines', () => {
    const { value, problems } = parseInrc2Solution(SOLUTION, 'sol-week0.txt', scenario);
    expect(problems).toEqual([]);
    expect(value).toMatchObject({ week: 0, scenario: 'tiny', headerLine: 2 });
    expect(value.assignments).toEqual([
      { nurse: 'Ann', day: 0, shift: 'Night', skill: 'HeadNurse', line: 5, columns: { nurse: 1, shift: 9, skill: 15 } },
      { nurse: 'Bob', day: 6, shift: 'Early', skill: 'Nurse', line: 6, columns: { nurse: 1, shift: 9, skill: 15 } },
    ]);
  });

  it('leaves H1 and H4 to the rules: a second shift on a day, a skill the nurse lacks', () => {
    const text = SOLUTION.replace('ASSIGNMENTS = 2', 'ASSIGNMENTS = 3').replace('Bob Sun Early Nurse', 'Bob Sun Early Nurse\nBob Sun Night HeadNurse');
    const { value, problems } = parseInrc2Solution(text, 'sol.txt', scenario);
    expect(problems).toEqual([]);
    expect(value.assignments).toHaveLength(3);
  });

  it('locates unknown nurses, days, shift types and skills, and lines that are not assignments', () => {
    const text = SOLUTION.replace('ASSIGNMENTS = 2', 'ASSIGNMENTS = 5').replace(
      'Bob Sun Early Nurse',
      'Eve Mon Early Nurse\nBob Sunday Early Nurse\nBob Tue Dusk Surgeon\nBob Wed Early',
    );
    const { value, problems } = parseInrc2Solution(text, 'sol.txt', scenario);
    expect(lines(problems)).toEqual([
      'sol.txt:6:1: unknown nurse (expected one of Ann, Bob, found "Eve")',
      'sol.txt:7:5: unknown day (expected Mon | Tue | Wed | Thu | Fri | Sat | Sun, found "Sunday")',
      'sol.txt:8:9: unknown shift type (expected one of Early, Night, found "Dusk")',
      'sol.txt:8:14: unknown skill (expected one of HeadNurse, Nurse, found "Surgeon")',
      'sol.txt:9:1: not an assignment (expected nurse day shift skill, e.g. "Patrick Mon Night Nurse", found "Bob Wed Early")',
    ]);
    expect(value.assignments.map((a) => a.line)).toEqual([5]);
  });

  it('locates a count that does not match the assignments', () => {
    const fewer = parseInrc2Solution(SOLUTION.replace('ASSIGNMENTS = 2', 'ASSIGNMENTS = 1'), 'sol.txt', scenario);
    expect(lines(fewer.problems)).toEqual(['sol.txt:6:1: an assignment beyond the 1 that ASSIGNMENTS declares (expected ASSIGNMENTS = 1 assignments, or a larger count, found "Bob Sun Early Nurse")']);
    const more = parseInrc2Solution('SOLUTION\n0 tiny\nASSIGNMENTS = 3\nAnn Mon Night HeadNurse\n', 'sol.txt', scenario);
    expect(lines(more.problems)).toEqual(['sol.txt:3:15: ASSIGNMENTS = 3, but 1 lines follow (expected 3 assignments, found 1)']);
    const bad = parseInrc2Solution('SOLUTION\n0 tiny\nASSIGNMENTS = many\n', 'sol.txt', scenario);
    expect(lines(bad.problems)).toEqual(['sol.txt:3:15: the number of assignments: not a whole number (expected a whole number >= 0, found "many")']);
  });

  it('locates a bad header and says which sections are missing', () => {
    expect(lines(parseInrc2Solution('SOLUTION\nweek0 tiny\n', 'sol.txt', scenario).problems)).toEqual([
      'sol.txt:2:1: the week: not a whole number (expected a whole number >= 0, found "week0")',
      'sol.txt: the ASSIGNMENTS section is missing (expected a line "ASSIGNMENTS")',
    ]);
    expect(lines(parseInrc2Solution('', 'sol.txt').problems)).toEqual([
      'sol.txt: the SOLUTION section is missing (expected a line "SOLUTION")',
      'sol.txt: the ASSIGNMENTS section is missing (expected a line "ASSIGNMENTS")',
    ]);
  });
});

describe('names across files', () => {
  it('a nurse whose scenario line is broken is still known to the other files (one problem, not one per file)', () => {
    const broken = parseInrc2Scenario(SCENARIO.replace('Bob FullTime 1 Nurse', 'Bob FullTime one Nurse'), 'Sc.txt');
    expect(lines(broken.problems)).toEqual(['Sc.txt:22:14: the number of skills: not a whole number (expected a whole number >= 0, found "one")']);
    expect(broken.value.nurses.map((n) => n.name)).toEqual(['Ann']);
    expect(parseInrc2Solution(SOLUTION, 'sol.txt', broken.value).problems).toEqual([]);
    expect(parseInrc2History(HISTORY, 'H0.txt', broken.value).problems).toEqual([]);
  });

  it('cuts a long list of known names in a message', () => {
    const many = Array.from({ length: 12 }, (_, i) => `N${i} FullTime 1 Nurse`).join('\n');
    const big = parseInrc2Scenario(SCENARIO.replace(/NURSES = 2\n[^]*$/, `NURSES = 12\n${many}\n`), 'Sc.txt');
    expect(big.problems).toEqual([]);
    const { problems } = parseInrc2Solution(SOLUTION, 'sol.txt', big.value);
    expect(lines(problems)[0]).toBe('sol.txt:5:1: unknown nurse (expected one of N0, N1, N2, N3, N4, N5, N6, N7, … (12 in all), found "Ann")');
  });
});
