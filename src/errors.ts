/**
 * One thing wrong with an input: where it is and what was expected there.
 * Every problem of an input is collected before anything throws.
 */
export interface Problem {
  /** The file, as the user named it. */
  file?: string;
  /** The worksheet of a workbook (`.xlsx`). */
  sheet?: string;
  /** 1-based line and column in a text file, where known; in a worksheet, `line` is Excel's row number. */
  line?: number;
  column?: number;
  /** The cell of a worksheet or of a wide roster grid (`D7`), where the problem is one cell. */
  cell?: string;
  /** JSON path inside the document or entry, e.g. `officers[1].assignments[0].from`. */
  path?: string;
  message: string;
  expected?: string;
  received?: string;
}

/** Why an input could not be used. The CLI maps every code to exit 2. */
export type ErrorCode = 'INPUT_INVALID' | 'CONFIG_INVALID' | 'RULE_INVALID' | 'USAGE';

/**
 * The only thing the library throws: unusable input, config or arguments,
 * with every problem found (not only the first).
 *
 * @example
 * try { await check(input) } catch (e) { if (isDutyComplianceError(e)) console.error(formatProblems(e.problems)) }
 */
export class DutyComplianceError extends Error {
  readonly code: ErrorCode;
  readonly problems: Problem[];

  constructor(code: ErrorCode, problems: Problem[], summary?: string) {
    super(summary ?? `${problems.length} problem${problems.length === 1 ? '' : 's'}: ${problems.map(formatProblem).join('; ')}`);
    this.name = 'DutyComplianceError';
    this.code = code;
    this.problems = problems;
  }
}

/** Whether `value` is a {@link DutyComplianceError} (works across bundle copies, unlike `instanceof`). */
export function isDutyComplianceError(value: unknown): value is DutyComplianceError {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { name?: unknown }).name === 'DutyComplianceError' &&
    Array.isArray((value as { problems?: unknown }).problems)
  );
}

/**
 * One problem as one line: `file:line:column path: message (expected X, found Y)`.
 *
 * @example
 * formatProblem({ file: 'r.csv', line: 3, path: 'start', message: 'not a date-time', expected: 'YYYY-MM-DDTHH:mm', received: '"x"' })
 * //=> 'r.csv:3 start: not a date-time (expected YYYY-MM-DDTHH:mm, found "x")'
 * formatProblem({ file: 'r.xlsx', sheet: '四月', line: 7, cell: 'D7', message: 'unknown shift code' })
 * //=> 'r.xlsx#四月!D7: unknown shift code'
 */
export function formatProblem(problem: Problem): string {
  let place = problem.file ?? '';
  if (problem.sheet !== undefined) place += `#${problem.sheet}`;
  // A worksheet's cell says its row too (`roster.xlsx#四月!D7`); a text file's place is line:column.
  if (problem.sheet !== undefined && problem.cell !== undefined) place += `!${problem.cell}`;
  else if (problem.line !== undefined) place += `${place ? ':' : 'line '}${problem.line}`;
  if (problem.column !== undefined && problem.sheet === undefined) place += `:${problem.column}`;
  if (problem.cell !== undefined && problem.sheet === undefined && problem.column === undefined) place += ` ${problem.cell}`;
  if (problem.path) place += `${place ? ' ' : ''}${problem.path}`;
  let text = place ? `${place}: ${problem.message}` : problem.message;
  const facts: string[] = [];
  if (problem.expected !== undefined) facts.push(`expected ${problem.expected}`);
  if (problem.received !== undefined) facts.push(`found ${problem.received}`);
  if (facts.length) text += ` (${facts.join(', ')})`;
  return text;
}
