import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { checkFiles, TOOL } from '../check.js';
import { DutyComplianceError, formatProblem, isDutyComplianceError, type Problem } from '../errors.js';
import { builtInRegistry } from '../rules/index.js';
import { FORMATTERS } from '../format/index.js';
import type { Language } from '../report/types.js';
import { EXIT, exitCodeFor } from './exit-code.js';

/** Where the CLI writes: injected so tests run it in-process. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stdout is a terminal (colour). */
  isTTY: boolean;
}

export const DEFAULT_CONFIG_FILE = 'duty-compliance.config.json';

const HELP = `duty-compliance ${TOOL.version}: checks duty rosters, staffing data and transfer requests against compliance rules.

Usage:
  duty-compliance check DATASET.json [--roster FILE]... [options]
  duty-compliance --help | --version

Options:
  --roster FILE        a roster file (.csv, .ndjson, .jsonl) added to the dataset's roster; repeatable
  --config FILE        config (JSON); default: ${DEFAULT_CONFIG_FILE} in the working directory, if present
  --format FORMAT      text (default) | json
  --lang LANG          zh-CN (default) | en
  --max-warnings N     exit 1 when there are more than N warnings
  --evaluator NAME     compiled (default) | json-rules-engine (the reference evaluator; slower)

Exit codes: 0 no error, 1 errors (or too many warnings), 2 unusable input, config or arguments.
`;

/**
 * Runs the CLI with `argv` (without node and the script) and returns its exit code. It prints
 * only whole outputs: a report is formatted completely before anything is written.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    if (isDutyComplianceError(error)) {
      io.stderr(describeError(error));
      return EXIT.unusable;
    }
    // A bug, not bad input: say so in one line; the stack only on request.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`duty-compliance: internal error: ${message}\n${process.env.DUTY_COMPLIANCE_DEBUG && error instanceof Error ? `${error.stack}\n` : ''}`);
    return EXIT.unusable;
  }
}

async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        roster: { type: 'string', multiple: true },
        config: { type: 'string' },
        format: { type: 'string' },
        lang: { type: 'string' },
        'max-warnings': { type: 'string' },
        evaluator: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT.ok;
  }
  if (values.version) {
    io.stdout(`${TOOL.version}\n`);
    return EXIT.ok;
  }
  const problems: Problem[] = [];
  const [command, dataset, ...extra] = positionals;
  if (command !== 'check') problems.push({ message: command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`, expected: 'check' });
  if (command === 'check' && dataset === undefined) problems.push({ message: 'no dataset file given', expected: 'duty-compliance check DATASET.json' });
  if (extra.length > 0) problems.push({ message: 'unexpected arguments', received: extra.join(' '), expected: 'one dataset file; roster files go after --roster' });
  const format = values.format ?? 'text';
  const formatter = FORMATTERS.get(format);
  if (!formatter) problems.push({ path: '--format', message: 'unknown format', expected: [...FORMATTERS.keys()].join(' | '), received: format });
  const language = (values.lang ?? 'zh-CN') as Language;
  if (language !== 'zh-CN' && language !== 'en') problems.push({ path: '--lang', message: 'unknown language', expected: 'zh-CN | en', received: values.lang });
  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings']);
    if (!/^\d+$/.test(values['max-warnings'])) problems.push({ path: '--max-warnings', message: 'not a whole number', expected: 'an integer >= 0', received: values['max-warnings'] });
  }
  const evaluator = values.evaluator ?? 'compiled';
  if (evaluator !== 'compiled' && evaluator !== 'json-rules-engine') problems.push({ path: '--evaluator', message: 'unknown evaluator', expected: 'compiled | json-rules-engine', received: evaluator });
  if (problems.length > 0) throw new DutyComplianceError('USAGE', problems);

  const configFile = values.config ?? (existsSync(`${io.cwd}/${DEFAULT_CONFIG_FILE}`) ? DEFAULT_CONFIG_FILE : undefined);
  const report = await checkFiles(
    { dataset: dataset!, rosters: values.roster ?? [] },
    { ...(configFile !== undefined ? { configFile } : {}), language, evaluator: evaluator as 'compiled' | 'json-rules-engine' },
  );
  const output = formatter!.format(report, { language, color: io.isTTY && format === 'text' && !process.env.NO_COLOR, registry: builtInRegistry(), cwd: io.cwd });
  io.stdout(output);
  return exitCodeFor(report, maxWarnings === undefined ? {} : { maxWarnings });
}

function usage(message: string): DutyComplianceError {
  return new DutyComplianceError('USAGE', [{ message }]);
}

const HEADINGS: Record<DutyComplianceError['code'], string> = {
  INPUT_INVALID: 'the input cannot be used',
  CONFIG_INVALID: 'the config cannot be used',
  RULE_INVALID: 'a rule file cannot be used',
  USAGE: 'the command line cannot be used',
};

/** An unusable-input error for a terminal: a heading, then every problem on its own line. */
export function describeError(error: DutyComplianceError): string {
  const n = error.problems.length;
  const lines = [`duty-compliance: ${HEADINGS[error.code]} (${n} problem${n === 1 ? '' : 's'}):`];
  for (const p of error.problems) lines.push(`  ${formatProblem(p)}`);
  if (error.code === 'USAGE') lines.push('', 'Run duty-compliance --help for usage.');
  return `${lines.join('\n')}\n`;
}
