import { DutyComplianceError, type Problem } from '../errors.js';
import type { FormatContext } from '../format/index.js';
import { readReportFile } from '../report/diff.js';
import type { Language } from '../report/types.js';
import { EXIT } from './exit-code.js';
import { writeFilesAtomically } from './write-files.js';
import { renderedOutputs, writeToStdout } from './_lib/report-outputs.js';
import type { CliIO } from './run-cli.js';

/** One rendering of the saved report: a format, and the file it goes to (absent: stdout). */
export interface ReportOutput {
  format: string;
  /** Absolute path; absent: stdout. */
  file?: string;
}

/** A `report` command line, parsed and validated. */
export interface ReportCommand {
  command: 'report';
  /** The saved JSON report (`check --format json`). */
  report: string;
  outputs: ReportOutput[];
  /** `--lang`; absent: the report's own language, so that the output is the check's. */
  language?: Language;
}

/** The parts of a parsed command line that `report` reads. */
export interface ReportArguments {
  /** The positionals after `report`. */
  files: readonly string[];
  outputs: ReportOutput[];
  language?: Language;
  /** `check` options that were given, which `report` does not take. */
  checkOnly: readonly string[];
}

/** Validates `report REPORT.json [--format F [--output FILE]]... [--lang L]`; problems are pushed to `problems`. */
export function parseReportCommand(args: ReportArguments, problems: Problem[]): ReportCommand {
  const [file, ...extra] = args.files;
  if (file === undefined) problems.push({ message: 'no report file given', expected: 'duty-compliance report REPORT.json --format FORMAT' });
  if (extra.length > 0) problems.push({ message: 'unexpected arguments', received: extra.join(' '), expected: 'one report file' });
  for (const option of args.checkOnly) problems.push({ path: `--${option}`, message: 'an option of check, not of report' });
  return { command: 'report', report: file ?? '', outputs: args.outputs, ...(args.language !== undefined ? { language: args.language } : {}) };
}

/**
 * Renders a saved JSON report in each requested format, exactly as `check` would have: every
 * format is a function of the report, so `check --format json` then `report --format X` gives
 * the bytes of `check --format X` (run in the same directory: file paths are relative to it).
 * Files are written all or none; exit 0 once written (rendering judges nothing: the exit code of
 * the check is the check's).
 */
export async function runReport(command: ReportCommand, io: Pick<CliIO, 'stdout' | 'cwd' | 'isTTY'>): Promise<number> {
  const report = await readReportFile(command.report);
  const context: FormatContext = { language: command.language ?? report.language, color: false, cwd: io.cwd };
  const rendered = renderedOutputs(command.outputs, report, context, io);
  if (rendered.some((o) => o.file === command.report)) {
    throw new DutyComplianceError('USAGE', [{ path: '--output', message: 'the report being rendered would be overwritten', received: command.report }]);
  }
  await writeFilesAtomically(rendered.flatMap((o) => (o.file !== undefined ? [{ file: o.file, option: '--output', what: 'the report', text: o.text }] : [])));
  await writeToStdout(rendered, io);
  return EXIT.ok;
}
