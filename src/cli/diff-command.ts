import { resolve } from 'node:path';
import { DutyComplianceError, isDutyComplianceError, type Problem } from '../errors.js';
import { diffReports, formatDiffJson, formatDiffText, readReportFile } from '../report/diff.js';
import type { Language, Report } from '../report/types.js';
import { exitCodeForDiff, type ExitPolicy } from './exit-code.js';
import { outputProblems, writeFilesAtomically } from './write-files.js';

/** A `diff` command line, parsed and validated. */
export interface DiffCommand {
  command: 'diff';
  old: string;
  new: string;
  format: 'text' | 'json';
  /** Absolute path; absent: stdout. */
  output?: string;
  language: Language;
  exitPolicy: ExitPolicy;
}

/** The parts of a parsed command line that `diff` reads. */
export interface DiffArguments {
  /** The positionals after `diff`. */
  files: readonly string[];
  formats: readonly string[];
  outputs: readonly string[];
  language: Language;
  exitPolicy: ExitPolicy;
  /** `check` options that were given, which `diff` does not take. */
  checkOnly: readonly string[];
}

/** Validates `diff OLD.json NEW.json [--format text|json] [--output FILE]`; problems are pushed to `problems`. */
export function parseDiffCommand(args: DiffArguments, cwd: string, problems: Problem[]): DiffCommand {
  const [before, after, ...extra] = args.files;
  if (before === undefined || after === undefined) problems.push({ message: 'two report files are needed', expected: 'duty-compliance diff OLD.json NEW.json' });
  if (extra.length > 0) problems.push({ message: 'unexpected arguments', received: extra.join(' '), expected: 'two report files' });
  if (args.formats.length > 1) problems.push({ path: '--format', message: 'diff writes one output', received: args.formats.join(', ') });
  const format = args.formats[0] ?? 'text';
  if (format !== 'text' && format !== 'json') problems.push({ path: '--format', message: 'unknown format for diff', expected: 'text | json', received: format });
  if (args.outputs.length > 1) problems.push({ path: '--output', message: 'diff writes one output', received: args.outputs.join(', ') });
  for (const option of args.checkOnly) problems.push({ path: `--${option}`, message: 'an option of check, not of diff' });
  return {
    command: 'diff',
    old: before ?? '',
    new: after ?? '',
    format: format as DiffCommand['format'],
    ...(args.outputs[0] !== undefined ? { output: resolve(cwd, args.outputs[0]) } : {}),
    language: args.language,
    exitPolicy: args.exitPolicy,
  };
}

/**
 * Compares two JSON reports and writes the comparison; exit 1 when the new report has failing
 * new violations (by the same `--fail-on` / `--max-warnings` policy as `check`).
 */
export async function runDiff(command: DiffCommand, io: { stdout: (text: string) => void; isTTY: boolean; cwd: string }): Promise<number> {
  if (command.output !== undefined) {
    const refused = await outputProblems(
      [{ file: command.output, option: '--output' }],
      [command.old, command.new].map((f) => ({ file: resolve(io.cwd, f), option: 'the report' })),
    );
    if (refused.length > 0) throw new DutyComplianceError('USAGE', refused);
  }
  const [before, after] = await readReports([command.old, command.new]);
  const diff = diffReports(before, after, { old: command.old, new: command.new });
  const text =
    command.format === 'json'
      ? formatDiffJson(diff)
      : formatDiffText(diff, { language: command.language, color: command.output === undefined && io.isTTY && !process.env.NO_COLOR });
  if (command.output !== undefined) await writeFilesAtomically([{ file: command.output, option: '--output', what: 'the comparison', text }]);
  else io.stdout(text);
  return exitCodeForDiff(diff, command.exitPolicy);
}

/** Both reports, or one error with the problems of both. */
async function readReports(files: readonly [string, string]): Promise<[Report, Report]> {
  const read = await Promise.allSettled(files.map(readReportFile));
  const failures = read.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  if (failures.length > 0) {
    if (!failures.every(isDutyComplianceError)) throw failures.find((f) => !isDutyComplianceError(f));
    throw new DutyComplianceError('INPUT_INVALID', failures.flatMap((f) => (f as DutyComplianceError).problems));
  }
  return read.map((r) => (r as PromiseFulfilledResult<Report>).value) as [Report, Report];
}
