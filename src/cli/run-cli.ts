import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checkFiles, REPORT_INCLUDES, TOOL, type CheckOptions, type ReportInclude } from '../check.js';
import { combineErrors, DutyComplianceError, formatProblem, isDutyComplianceError, type Problem } from '../errors.js';
import { createRuleRegistry } from '../rules/index.js';
import { FORMATTERS, type FormatContext } from '../format/index.js';
import { DEFAULT_LANGUAGE, LANGUAGES } from '../report/messages.js';
import type { Language } from '../report/types.js';
import { EXIT, exitCodeFor, FAIL_ON, type ExitPolicy, type FailOn } from './exit-code.js';
import { outputProblems, writeFilesAtomically } from './write-files.js';
import { renderedOutputs, writeToStdout } from './_lib/report-outputs.js';
import { applyCiInputs, ciFileOutputs, ciInputFiles, ciNotes, ciOptionProblems, ciOutputFiles, readCiInputs, type CiOptions } from './ci-options.js';
import { parseDiffCommand, runDiff, type DiffCommand } from './diff-command.js';
import { parseInrc2Command, runInrc2, type Inrc2Command } from './inrc2-command.js';
import { isEncodingName } from '../io/_lib/decode-text.js';
import { rosterFileKind, workbookSheet } from '../io/read-roster-file.js';
import { parseReportCommand, runReport, type ReportCommand } from './report-command.js';
import { createPhaseTimings, createProgressLine, type PhaseTimings, type ProgressLine } from './progress.js';

/** Where the CLI writes: injected so tests run it in-process. */
export interface CliIO {
  /** Reports are written to it chunk by chunk; a promise it returns is awaited (backpressure). */
  stdout: (text: string) => void | Promise<void>;
  stderr: (text: string) => void;
  cwd: string;
  /** Whether stdout is a terminal (colour). */
  isTTY: boolean;
  /** The clock that decides which waivers have expired; default: the system clock. */
  now?: () => Date;
  /** Whether stderr is a terminal: only then does check draw its progress line (not with --quiet). */
  stderrIsTTY?: boolean;
  /** `DUTY_COMPLIANCE_TIMINGS=1`: check prints its phase timings on stderr at the end. */
  timings?: boolean;
  /** Milliseconds since the process started, for the progress line and the timings; default: performance.now(). */
  clock?: () => number;
}

export const DEFAULT_CONFIG_FILE = 'duty-compliance.config.json';

const FORMAT_NAMES = [...FORMATTERS.keys()].join(' | ');

const HELP = `duty-compliance ${TOOL.version}: checks duty rosters, staffing data and transfer requests against compliance rules.

Usage:
  duty-compliance check DATASET.json [--roster FILE]... [options]
  duty-compliance diff OLD.json NEW.json [--format text|json] [--output FILE] [--lang LANG]
  duty-compliance inrc2 CASE_DIR --instances DIR [--format text|json] [--output FILE] [--lang LANG]
  duty-compliance report REPORT.json [--format FORMAT [--output FILE]]... [--lang LANG]
  duty-compliance --help | --version

Options:
  --roster FILE        a roster file (.csv, .ndjson, .jsonl, .xlsx, FILE.xlsx#SHEET) added to the
                       dataset's roster; repeatable. A CSV or .xlsx may be a wide 排班表 of shift
                       codes (settings.shiftCodes in the config)
  --encoding NAME      the text encoding of CSV rosters (e.g. gb18030, big5, utf-16le); default:
                       UTF-8, UTF-16 by its BOM, else GB18030 (with a note on stderr)
  --config FILE        config (JSON); default: ${DEFAULT_CONFIG_FILE} in the working directory, if present
  --format FORMAT      ${FORMAT_NAMES} (default: text); repeatable, one report per --format
  --output FILE        write the report of the --format just before it to FILE instead of stdout;
                       e.g. --format sarif --output report.sarif --format text
                       (at most one report goes to stdout; files are written only when every
                       report is complete, each whole or not at all; a file the run reads is
                       never an output; a symbolic link is written through)
  --lang LANG          zh-CN (default) | en
  --fail-on LEVEL      error (default): exit 1 on errors | warning: on errors or warnings | never
  --max-warnings N     exit 1 when there are more than N warnings (whatever --fail-on says)
  --rules DIR          a rule pack: a folder of rule files (docs/packs.md) added to the built-in rules; repeatable
  --evaluator NAME     compiled (default) | json-rules-engine (the reference evaluator; slower)
  --include subjects   the JSON report also holds every subject each rule judged, with its
                       measures, compliant ones too (the html format draws them)
  --threads N          auto (default) | 1 | 2: with 2 a second thread judges about half the officers
                       once the input is read (the same report); auto: 2 on a machine with two
                       cores or more for CSV/NDJSON rosters of 32 MiB or more, else 1
  --quiet              no notes on stderr (e.g. that a CSV was read as GB18030) and no progress
                       line; errors and the CI options' waiver/baseline lines are still printed

  When stderr is a terminal, check draws a progress line there (rows read, rows/s, ETA by file
  size), cleared before the report; never when stderr is not a terminal. DUTY_COMPLIANCE_TIMINGS=1
  prints each phase's time since process start (and each rule's own time) on stderr at the end.

CI options of check (docs/ci.md):
  --waivers FILE       accepted violations (JSON or YAML), each with reason, owner and expires;
                       a waived violation is reported as suppressed and fails nothing
  --prune-waivers      rewrite the --waivers file without the waivers that match no violation
  --baseline FILE      fail only on violations the baseline does not list; lists the fixed ones
  --write-baseline FILE  record this run's violations as the baseline (alone: accepts them all)

inrc2 checks an INRC-II case (CASE_DIR: case.json and its sol-week files; --instances: the folder
  of the instance folders) with the inrc2 pack, and prints the report with its score (docs/inrc2.md);
  exit 1 when a hard constraint is violated.
report renders a saved JSON report (check --format json) in any format, byte for byte as check
  would have (same directory; --lang defaults to the report's language); exit 0 once written.

diff compares two JSON reports (check --format json) by fingerprint: new, fixed, unchanged
  violations; exit 1 when the new report adds failing violations (--fail-on, --max-warnings).

Formats: text (terminal), json (the report of the README), sarif (SARIF 2.1.0, code scanning),
  junit (JUnit XML, CI test views), github (GitHub Actions annotations, then the text report),
  html (one self-contained page for people; its charts need --include subjects).

Exit codes: 0 no failing violation, 1 failing violations (see --fail-on, --max-warnings),
  2 unusable input, config, arguments or output file.
`;

/** One report to produce: a format, and the file it goes to (absent: stdout). */
export interface OutputRequest {
  format: string;
  /** Absolute path; absent: stdout. */
  file?: string;
}

/** A `check` command line, parsed and validated. */
export interface CheckCommand {
  command: 'check';
  dataset: string;
  rosters: string[];
  rulePacks: string[];
  configFile?: string;
  /** `--encoding`: the text encoding of CSV rosters. */
  encoding?: string;
  language: Language;
  evaluator: 'compiled' | 'json-rules-engine';
  outputs: OutputRequest[];
  /** `--include`: optional parts of the report. */
  include: ReportInclude[];
  /** `--quiet`: no notes on stderr; errors are still printed. */
  quiet: boolean;
  /** `auto`: 2 where the machine has two cores and the rosters are large (see {@link threadsFor}). */
  threads: 'auto' | 1 | 2;
  exitPolicy: ExitPolicy;
  ci: CiOptions;
}

export type CliCommand = { command: 'help' } | { command: 'version' } | CheckCommand | DiffCommand | Inrc2Command | ReportCommand;

/**
 * Runs the CLI with `argv` (without node and the script) and returns its exit code. Reports are
 * written as their formats make them, files first (each whole or not at all), then stdout.
 */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  // Made only when asked for, so that a run without them reads no clock.
  const timings = io.timings ? createPhaseTimings(io.clock ?? (() => performance.now())) : undefined;
  timings?.mark('cli-start (modules loaded)');
  try {
    const command = parseCommandLine(argv, io.cwd);
    if (command.command === 'help') {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (command.command === 'version') {
      io.stdout(`${TOOL.version}\n`);
      return EXIT.ok;
    }
    if (command.command === 'diff') return await runDiff(command, io);
    if (command.command === 'inrc2') return await runInrc2(command, io);
    if (command.command === 'report') return await runReport({ ...command, report: resolve(io.cwd, command.report) }, io);
    return await runCheck(command, io, timings);
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

/**
 * Parses and validates a command line; throws one `USAGE` error listing every problem.
 * Relative `--output` files are resolved against `cwd`.
 */
export function parseCommandLine(argv: readonly string[], cwd: string): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      tokens: true,
      options: {
        roster: { type: 'string', multiple: true },
        rules: { type: 'string', multiple: true },
        config: { type: 'string' },
        encoding: { type: 'string' },
        format: { type: 'string', multiple: true },
        output: { type: 'string', multiple: true },
        lang: { type: 'string' },
        'fail-on': { type: 'string' },
        'max-warnings': { type: 'string' },
        evaluator: { type: 'string' },
        include: { type: 'string', multiple: true },
        waivers: { type: 'string' },
        'prune-waivers': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        quiet: { type: 'boolean' },
        threads: { type: 'string' },
        instances: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };

  const problems: Problem[] = [];
  const [command, dataset, ...extra] = positionals;
  if (command === 'diff') {
    const language = parseLanguage(values.lang, problems);
    const exitPolicy = parseExitPolicy(values['fail-on'], values['max-warnings'], problems);
    const checkOnly = (['roster', 'rules', 'config', 'encoding', 'evaluator', 'include', 'threads', 'waivers', 'prune-waivers', 'baseline', 'write-baseline'] as const).filter((o) => values[o] !== undefined);
    const diff = parseDiffCommand({ files: positionals.slice(1), formats: values.format ?? [], outputs: values.output ?? [], language, exitPolicy, checkOnly }, cwd, problems);
    if (problems.length > 0) throw new DutyComplianceError('USAGE', problems);
    return diff;
  }
  if (command === 'inrc2') {
    const language = parseLanguage(values.lang, problems);
    const exitPolicy = parseExitPolicy(values['fail-on'], values['max-warnings'], problems);
    const otherOptions = (['roster', 'rules', 'config', 'encoding', 'evaluator', 'include', 'threads', 'waivers', 'prune-waivers', 'baseline', 'write-baseline'] as const).filter((o) => values[o] !== undefined);
    const inrc2 = parseInrc2Command(
      { positionals: positionals.slice(1), instances: values.instances, formats: values.format ?? [], outputs: values.output ?? [], language, exitPolicy, otherOptions },
      cwd,
      problems,
    );
    if (problems.length > 0) throw new DutyComplianceError('USAGE', problems);
    return inrc2;
  }
  if (command === 'report') {
    const outputs = outputRequests(tokens, cwd, problems);
    const language = values.lang === undefined ? undefined : parseLanguage(values.lang, problems);
    const checkOnly = (['roster', 'rules', 'config', 'encoding', 'evaluator', 'include', 'threads', 'fail-on', 'max-warnings', 'waivers', 'prune-waivers', 'baseline', 'write-baseline'] as const).filter((o) => values[o] !== undefined);
    const report = parseReportCommand({ files: positionals.slice(1), outputs, ...(language !== undefined ? { language } : {}), checkOnly }, problems);
    if (problems.length > 0) throw new DutyComplianceError('USAGE', problems);
    return report;
  }
  if (values.instances !== undefined) problems.push({ path: '--instances', message: 'an option of inrc2, not of check' });
  if (command !== 'check') problems.push({ message: command === undefined ? 'no command given' : `unknown command ${JSON.stringify(command)}`, expected: 'check | diff | inrc2 | report' });
  if (command === 'check' && dataset === undefined) problems.push({ message: 'no dataset file given', expected: 'duty-compliance check DATASET.json' });
  if (extra.length > 0) problems.push({ message: 'unexpected arguments', received: extra.join(' '), expected: 'one dataset file; roster files go after --roster' });
  const outputs = outputRequests(tokens, cwd, problems);
  const language = parseLanguage(values.lang, problems);
  const exitPolicy = parseExitPolicy(values['fail-on'], values['max-warnings'], problems);
  const evaluator = values.evaluator ?? 'compiled';
  if (evaluator !== 'compiled' && evaluator !== 'json-rules-engine') problems.push({ path: '--evaluator', message: 'unknown evaluator', expected: 'compiled | json-rules-engine', received: evaluator });
  if (values.encoding !== undefined && !isEncodingName(values.encoding)) {
    problems.push({ path: '--encoding', message: 'unknown encoding', expected: 'an encoding name such as utf-8, gb18030, gbk, big5, utf-16le', received: values.encoding });
  }
  const include = parseInclude(values.include, problems);
  const threads = values.threads === undefined || values.threads === 'auto' ? 'auto' : values.threads === '1' ? 1 : values.threads === '2' ? 2 : undefined;
  if (threads === undefined) problems.push({ path: '--threads', message: 'unknown thread count', expected: 'auto | 1 | 2', received: values.threads });
  const ci: CiOptions = {
    ...(values.waivers !== undefined ? { waivers: values.waivers } : {}),
    pruneWaivers: values['prune-waivers'] ?? false,
    ...(values.baseline !== undefined ? { baseline: values.baseline } : {}),
    ...(values['write-baseline'] !== undefined ? { writeBaseline: values['write-baseline'] } : {}),
  };
  for (const p of ciOptionProblems(ci, cwd, outputs)) problems.push(p);
  if (problems.length > 0) throw new DutyComplianceError('USAGE', problems);

  return {
    command: 'check',
    dataset: dataset!,
    rosters: values.roster ?? [],
    rulePacks: values.rules ?? [],
    ...(values.config !== undefined ? { configFile: values.config } : {}),
    ...(values.encoding !== undefined ? { encoding: values.encoding } : {}),
    language,
    evaluator: evaluator as CheckCommand['evaluator'],
    outputs,
    include,
    quiet: values.quiet ?? false,
    threads: threads ?? 'auto',
    exitPolicy,
    ci,
  };
}

/** `--include` (repeatable, or comma-separated): optional parts of the report, each once, in a fixed order. */
function parseInclude(values: readonly string[] | undefined, problems: Problem[]): ReportInclude[] {
  const given = (values ?? []).flatMap((v) => v.split(','));
  for (const part of given) {
    if (!(REPORT_INCLUDES as readonly string[]).includes(part)) problems.push({ path: '--include', message: 'unknown report part', expected: REPORT_INCLUDES.join(' | '), received: part });
  }
  return REPORT_INCLUDES.filter((part) => given.includes(part));
}

type ArgToken = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];

/**
 * Pairs `--format` and `--output` in command-line order: an `--output` belongs to the `--format`
 * just before it; a `--format` with none goes to stdout. Without any `--format`, one text report
 * (to the file of a lone `--output`, else stdout). At most one report may go to stdout, and no
 * two to one file.
 */
function outputRequests(tokens: readonly ArgToken[], cwd: string, problems: Problem[]): OutputRequest[] {
  const outputs: OutputRequest[] = [];
  const formatGiven = tokens.some((t) => t.kind === 'option' && t.name === 'format');
  let previous: 'format' | 'output' | undefined;
  for (const token of tokens) {
    if (token.kind !== 'option' || (token.name !== 'format' && token.name !== 'output')) continue;
    const value = token.value ?? '';
    if (token.name === 'format') {
      if (!FORMATTERS.has(value)) problems.push({ path: '--format', message: 'unknown format', expected: FORMAT_NAMES, received: value });
      outputs.push({ format: value });
    } else if (previous === 'format' || (!formatGiven && outputs.length === 0)) {
      if (outputs.length === 0) outputs.push({ format: 'text' });
      outputs[outputs.length - 1]!.file = resolve(cwd, value);
    } else {
      problems.push({
        path: '--output',
        message: formatGiven ? 'an --output that follows no --format of its own' : 'a second --output with no --format',
        expected: '--format FORMAT --output FILE, one --output after each --format at most',
        received: value,
      });
    }
    previous = token.name;
  }
  if (outputs.length === 0) outputs.push({ format: 'text' });
  const toStdout = outputs.filter((o) => o.file === undefined);
  if (toStdout.length > 1) problems.push({ path: '--format', message: 'more than one report would go to stdout', expected: 'an --output FILE after all --format options but one', received: toStdout.map((o) => o.format).join(', ') });
  const files = new Set<string>();
  for (const o of outputs) {
    if (o.file === undefined) continue;
    if (files.has(o.file)) problems.push({ path: '--output', message: 'two reports to the same file', received: o.file });
    files.add(o.file);
  }
  return outputs;
}

/** `--lang` as a report language: zh-CN (the default) or en. */
function parseLanguage(lang: string | undefined, problems: Problem[]): Language {
  const language = (lang ?? DEFAULT_LANGUAGE) as Language;
  if (!LANGUAGES.includes(language)) problems.push({ path: '--lang', message: 'unknown language', expected: LANGUAGES.join(' | '), received: lang });
  return language;
}

/** `--fail-on` and `--max-warnings` as the policy exitCodeFor applies. */
function parseExitPolicy(failOn: string | undefined, maxWarnings: string | undefined, problems: Problem[]): ExitPolicy {
  const policy: ExitPolicy = {};
  if (failOn !== undefined) {
    if ((FAIL_ON as readonly string[]).includes(failOn)) policy.failOn = failOn as FailOn;
    else problems.push({ path: '--fail-on', message: 'unknown level', expected: FAIL_ON.join(' | '), received: failOn });
  }
  if (maxWarnings !== undefined) {
    if (/^\d+$/.test(maxWarnings)) policy.maxWarnings = Number(maxWarnings);
    else problems.push({ path: '--max-warnings', message: 'not a whole number', expected: 'an integer >= 0', received: maxWarnings });
  }
  return policy;
}

/**
 * Checks the files, formats every requested report, then writes them: files atomically, all or
 * none, then stdout. Returns the exit code of the exit policy.
 */
async function runCheck(command: CheckCommand, io: CliIO, timings: PhaseTimings | undefined): Promise<number> {
  const configFile = command.configFile ?? (existsSync(`${io.cwd}/${DEFAULT_CONFIG_FILE}`) ? DEFAULT_CONFIG_FILE : undefined);
  // No output may replace a file the run reads (a typo in CI must not destroy the roster).
  const refused = await outputProblems(
    [...command.outputs.flatMap((o) => (o.file !== undefined ? [{ file: o.file, option: '--output' }] : [])), ...ciOutputFiles(command.ci, io.cwd)],
    [
      { file: resolve(io.cwd, command.dataset), option: 'the dataset' },
      ...command.rosters.map((r) => ({ file: resolve(io.cwd, r), option: '--roster' })),
      ...(configFile !== undefined ? [{ file: resolve(io.cwd, configFile), option: '--config' }] : []),
      ...ciInputFiles(command.ci, io.cwd),
    ],
  );
  if (refused.length > 0) throw new DutyComplianceError('USAGE', refused);
  const registry = await createRuleRegistry(command.rulePacks);
  const progress = io.stderrIsTTY && !command.quiet ? createProgressLine(io.stderr, io.clock ?? (() => performance.now())) : undefined;
  const onProgress = progressHandler(progress, timings);
  const onPhase = phaseHandler(progress, timings);
  // The waivers and baseline are read beside the check, so that one run names the problems of
  // every file it was given.
  const [ciRead, checkedRead] = await Promise.allSettled([
    readCiInputs(command.ci),
    checkFiles(
      { dataset: command.dataset, rosters: command.rosters },
      {
        ...(configFile !== undefined ? { configFile } : {}),
        ...(command.encoding !== undefined ? { encoding: command.encoding } : {}),
        ...(command.quiet ? {} : { onNote: (note: string) => (progress ? progress.print : io.stderr)(`duty-compliance: note: ${note}\n`) }),
        ...(onProgress ? { onProgress } : {}),
        ...(onPhase ? { onPhase } : {}),
        language: command.language,
        evaluator: command.evaluator,
        registry,
        // The second thread makes its own registry of the same packs.
        rulePacks: command.rulePacks,
        threads: threadsFor(command),
        include: command.include,
      },
    ),
  ]);
  // Cleared before anything else reaches the terminal: errors, the report, the notes.
  progress?.finish();
  if (ciRead.status === 'rejected' || checkedRead.status === 'rejected') {
    throw combineErrors([checkedRead, ciRead].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])));
  }
  const [ciInputs, checked] = [ciRead.value, checkedRead.value];
  const report = applyCiInputs(checked, ciInputs, command.ci, io.now?.() ?? new Date());
  const context: FormatContext = { language: command.language, color: false, cwd: io.cwd };
  const rendered = renderedOutputs(command.outputs, report, context, io);
  await writeFilesAtomically([
    ...rendered.flatMap((o) => (o.file !== undefined ? [{ file: o.file, option: '--output', what: 'the report', text: o.text }] : [])),
    ...ciFileOutputs(report, ciInputs, command.ci, io.cwd),
  ]);
  await writeToStdout(rendered, io);
  timings?.mark('report written');
  const notes = ciNotes(report, command.ci);
  if (notes) io.stderr(notes);
  if (!command.quiet && command.outputs.some((o) => o.format === 'html') && !command.include.includes('subjects')) {
    io.stderr('duty-compliance: the html report draws its charts only with --include subjects\n');
  }
  if (timings) io.stderr(timings.format());
  return exitCodeFor(report, command.exitPolicy);
}

/** What the roster reader's progress goes to: the progress line, the first-byte mark; none when neither is wanted. */
function progressHandler(progress: ProgressLine | undefined, timings: PhaseTimings | undefined): CheckOptions['onProgress'] {
  if (!progress && !timings) return undefined;
  return (p) => {
    // The reader tells once when a file's first chunk arrives, before parsing it: the first roster byte, to a chunk.
    timings?.markOnce('first roster byte read');
    progress?.progress(p);
  };
}

/** What the check's phases go to: the progress line's next phase, the timings' marks. */
function phaseHandler(progress: ProgressLine | undefined, timings: PhaseTimings | undefined): CheckOptions['onPhase'] {
  if (!progress && !timings) return undefined;
  return (event) => {
    if (event.phase === 'ingested') {
      timings?.mark('ingest done');
      progress?.phase('checking rules…');
    } else if (event.phase === 'rule') {
      timings?.rule(event.ruleId, event.milliseconds);
    } else if (event.phase === 'part') {
      timings?.mark(`second thread: ${event.file} from line ${event.line} ${event.adopted ? 'read there' : 'read here (it answered nothing)'}`);
    } else if (event.phase === 'shared') {
      timings?.mark(`second thread: officers ${event.from + 1}–${event.officers} ${event.adopted ? 'judged there' : 'judged here (it answered nothing)'}`);
    } else {
      timings?.mark('rules done');
      progress?.phase('building the report…');
    }
  };
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

/** How many problems of one file stderr shows; the rest are counted ("… and N more in FILE"). */
export const PROBLEMS_PRINTED_PER_FILE = 100;

/**
 * An unusable-input error for a terminal: a heading with the number of problems, then each
 * problem on its own line, at most {@link PROBLEMS_PRINTED_PER_FILE} per file.
 */
export function describeError(error: DutyComplianceError): string {
  const n = error.problems.length;
  const lines = [`duty-compliance: ${HEADINGS[error.code]} (${n} problem${n === 1 ? '' : 's'}):`];
  // Every problem is counted, but a terminal gets the first ones of each file, then a count.
  const printed = new Map<string | undefined, number>();
  for (const p of error.problems) {
    const count = (printed.get(p.file) ?? 0) + 1;
    printed.set(p.file, count);
    if (count <= PROBLEMS_PRINTED_PER_FILE) lines.push(`  ${formatProblem(p)}`);
  }
  for (const [file, count] of printed) {
    if (count > PROBLEMS_PRINTED_PER_FILE) lines.push(`  … and ${count - PROBLEMS_PRINTED_PER_FILE} more ${file !== undefined ? `in ${file}` : 'without a file'}`);
  }
  if (error.code === 'USAGE') lines.push('', 'Run duty-compliance --help for usage.');
  return `${lines.join('\n')}\n`;
}

/**
 * Rosters this large (all files together, in NDJSON bytes) are worth a second thread's start-up
 * (~0.3 s, most of a CI-sized check's whole time). No upper bound: the second thread reads the
 * roster's columns on shared memory (the 10× city's peak with two threads: docs/performance.md).
 */
const SECOND_THREAD_BYTES = 32 * 1024 * 1024;


/**
 * `--threads`: as given, or with `auto` two where the machine has at least two cores, the rosters
 * reach {@link SECOND_THREAD_BYTES} and the report does not include subjects (they are judged in
 * one thread).
 */
function threadsFor(command: CheckCommand): 1 | 2 {
  if (command.threads !== 'auto') return command.threads;
  if (availableParallelism() < 2 || command.include.length > 0) return 1;
  let bytes = 0;
  for (const file of command.rosters) {
    try {
      // A spreadsheet's rows each keep their cell, which a second thread would be sent one by one:
      // it does not pay (docs/performance.md), and the check declines it for such a roster anyway.
      const { path } = workbookSheet(file);
      if (rosterFileKind(path) !== 'xlsx') bytes += statSync(path).size;
    } catch {
      // A file that cannot be read: its problem is reported by the check itself.
    }
  }
  return bytes >= SECOND_THREAD_BYTES ? 2 : 1;
}
