import { resolve } from 'node:path';
import { check } from '../check.js';
import type { Problem } from '../errors.js';
import { FORMATTERS, type FormatContext } from '../format/index.js';
import { loadInrc2Case } from '../inrc2/load-case.js';
import { formatInrc2Score, reportScore } from '../inrc2/score-text.js';
import type { Language } from '../report/types.js';
import { exitCodeFor, type ExitPolicy } from './exit-code.js';
import { writeFilesAtomically } from './write-files.js';

/** An `inrc2` command line, parsed and validated. */
export interface Inrc2Command {
  command: 'inrc2';
  /** The case folder: case.json and the solution files. */
  caseDir: string;
  /** The folder of the instance folders (`<instance>/Sc-<instance>.txt`, …). */
  instances: string;
  format: 'text' | 'json';
  /** Absolute path; absent: stdout. */
  output?: string;
  language: Language;
  exitPolicy: ExitPolicy;
}

/** The parts of a parsed command line that `inrc2` reads. */
export interface Inrc2Arguments {
  /** The positionals after `inrc2`. */
  positionals: readonly string[];
  instances: string | undefined;
  formats: readonly string[];
  outputs: readonly string[];
  language: Language;
  exitPolicy: ExitPolicy;
  /** Options that were given which `inrc2` does not take. */
  otherOptions: readonly string[];
}

/** Validates `inrc2 CASE_DIR --instances DIR [--format text|json] [--output FILE]`; problems are pushed to `problems`. */
export function parseInrc2Command(args: Inrc2Arguments, cwd: string, problems: Problem[]): Inrc2Command {
  const [caseDir, ...extra] = args.positionals;
  if (caseDir === undefined) problems.push({ message: 'no case folder given', expected: 'duty-compliance inrc2 CASE_DIR --instances DIR' });
  if (extra.length > 0) problems.push({ message: 'unexpected arguments', received: extra.join(' '), expected: 'one case folder' });
  if (args.instances === undefined) problems.push({ path: '--instances', message: 'no instances folder given', expected: '--instances DIR, the folder of the instance folders' });
  if (args.formats.length > 1) problems.push({ path: '--format', message: 'inrc2 writes one report', received: args.formats.join(', ') });
  const format = args.formats[0] ?? 'text';
  if (format !== 'text' && format !== 'json') problems.push({ path: '--format', message: 'unknown format for inrc2', expected: 'text | json', received: format });
  if (args.outputs.length > 1) problems.push({ path: '--output', message: 'inrc2 writes one report', received: args.outputs.join(', ') });
  for (const option of args.otherOptions) problems.push({ path: `--${option}`, message: 'not an option of inrc2' });
  return {
    command: 'inrc2',
    caseDir: caseDir ?? '',
    instances: args.instances ?? '',
    format: format as Inrc2Command['format'],
    ...(args.outputs[0] !== undefined ? { output: resolve(cwd, args.outputs[0]) } : {}),
    language: args.language,
    exitPolicy: args.exitPolicy,
  };
}

/**
 * Loads an INRC-II case, checks it with the `inrc2` pack and writes the report: JSON (with its
 * `score`), or the text report followed by the score line. Exit 0 when no hard constraint is
 * violated (the pack's hard rules are errors, its soft ones warnings), by the usual policy.
 * `config` replaces the pack's preset `{ extends: ['inrc2/recommended'] }` (tests check the loading
 * alone with `{ extends: [] }`).
 */
export async function runInrc2(
  command: Inrc2Command,
  io: { stdout: (text: string) => void; cwd: string; isTTY: boolean },
  config: unknown = { extends: ['inrc2/recommended'] },
): Promise<number> {
  const { dataset, rosters } = await loadInrc2Case(command.caseDir, command.instances);
  const report = await check(dataset, { config, language: command.language }, rosters);
  const context: FormatContext = {
    language: command.language,
    color: command.output === undefined && command.format === 'text' && io.isTTY && !process.env.NO_COLOR,
    cwd: io.cwd,
  };
  let text = FORMATTERS.get(command.format)!.format(report, context);
  const score = reportScore(report);
  if (command.format === 'text' && score) text += `\n${formatInrc2Score(score)}`;
  if (command.output !== undefined) await writeFilesAtomically([{ file: command.output, option: '--output', what: 'the report', text }]);
  else io.stdout(text);
  return exitCodeFor(report, command.exitPolicy);
}
