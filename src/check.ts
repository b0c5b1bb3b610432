import { version } from '../package.json';
import { combineErrors, DutyComplianceError } from './errors.js';
import { readDatasetFile } from './io/read-dataset.js';
import { csvSplit, ndjsonSplit, streamNdjsonRange, streamRosterFile, type StreamRosterOptions } from './io/stream-roster-file.js';
import { locateProblems, parseJsonOrThrow } from './io/_lib/json-location.js';
import { readTextFile, readTextFileOrThrow } from './io/_lib/read-text.js';
import type { DatasetDocument, RosterFile, RosterReadOptions, RosterSink } from './io/types.js';
import { SettingsSchema } from './model/config-schema.js';
import { resolveSettings, type ResolvedSettings } from './engine/settings.js';
import { createInputBuilder, validatedInputFromParts, validateInput, type RosterFilePart, type ValidatedInput, type ValidatedInputParts } from './model/validate-input.js';
import { UNKNOWN_SHIFT_CODE } from './io/_lib/wide-roster.js';
import { describeValue } from './model/_lib/zod-problems.js';
import { createCheckContext } from './engine/check-context.js';
import { compileConditions } from './engine/_lib/compile-conditions.js';
import type { RuleRegistry } from './engine/registry.js';
import { resolveConfig, type ResolvedConfig } from './engine/resolve-config.js';
import { judgeOfficerShare, runRules, secondShareStart, type ConditionEvaluatorFactory, type OfficerShare, type RunRulesOptions } from './engine/run-rules.js';
import { startSecondThread, type SecondThread } from './threads/second-thread.js';
import { createRuleRegistry } from './rules/index.js';
import { buildReport } from './report/build-report.js';
import { withScore, type ScoredRule } from './report/score.js';
import { DEFAULT_LANGUAGE } from './report/messages.js';
import type { Language, Report, ReportRule, ReportSource } from './report/types.js';

/** The tool's name and version, as reports carry them. */
export const TOOL = Object.freeze({ name: 'duty-compliance', version });

export interface CheckOptions {
  /** A config object (README, "Config"). Without it and without `configFile`: the defaults. */
  config?: unknown;
  /** A config file to read instead of `config`; its problems are located in it. */
  configFile?: string;
  /** The report's language: `zh-CN` (default) or `en`. */
  language?: Language;
  /**
   * How conditions are evaluated: `compiled` (default, a synchronous fast path proven equal to
   * json-rules-engine by property tests) or `json-rules-engine` (the reference itself).
   */
  evaluator?: 'compiled' | 'json-rules-engine';
  /** The rules to run; default: the built-in packs, plus `rulePacks`. */
  registry?: RuleRegistry;
  /** Folders of rule files (user packs, data only: docs/packs.md) added to the built-in rules. */
  rulePacks?: readonly string[];
  /** The text encoding of CSV roster files (`gb18030`, `big5`, `utf-16le` …); default: detected (README "The input"). */
  encoding?: string;
  /** Told what the user should know that is no problem: e.g. that a CSV was read as GB18030 (the library never prints). */
  onNote?: (note: string) => void;
  /**
   * What the report holds beyond its violations: `subjects` adds, per rule, every subject it
   * judged with its measures (compliant ones too), which the HTML report's heatmaps draw.
   * A city-year report with them is large (hundreds of thousands of subjects).
   */
  include?: readonly ReportInclude[];
  /** Told, after each chunk of a roster file read by {@link checkFiles}, how far reading it has come (a progress bar). */
  onProgress?: (progress: { file: string; bytesRead: number; bytesTotal: number; rows: number }) => void;
  /**
   * Told as the check passes its phases (a progress line, a phase-timing report): `ingested` once
   * the input is read and validated, `rule` after each rule with its own time, `rules` once every
   * rule has run (the report is built next); with {@link CheckOptions.threads} `2`, `part` once
   * the second thread's rows of a file from `line` on came back (`adopted`: taken; else this
   * thread read them), and `shared` once its findings came back (`adopted`: taken; else this thread judged its
   * officers).
   */
  onPhase?: (
    event:
      | { phase: 'ingested' }
      | { phase: 'rule'; ruleId: string; milliseconds: number }
      | { phase: 'part'; file: string; line: number; adopted: boolean }
      | { phase: 'shared'; from: number; officers: number; adopted: boolean }
      | { phase: 'rules' },
  ) => void;
  /**
   * `2`: {@link checkFiles} has a second thread (a worker) read the second half of a large
   * NDJSON roster and, given the roster's columns on shared memory, judge the second half of
   * the officers of the rules judged officer by officer (docs/performance.md); the report is the
   * same, byte for byte. Default `1`. Not with `include`, nor with a `registry` unless
   * `rulePacks` names the packs it was made of (the second thread makes its own); not for
   * {@link check}, whose dataset may hold values (class instances, `toJSON`) that a copy to
   * another thread would not keep. Where a second thread cannot start (the library's CommonJS
   * build, tests of the sources), or fails, this thread does all the work.
   */
  threads?: 1 | 2;
}

/** Optional parts of a report (`--include`). */
export const REPORT_INCLUDES = ['subjects'] as const;
export type ReportInclude = (typeof REPORT_INCLUDES)[number];

/**
 * Checks an in-memory dataset (README, "The input") against the configured rules.
 * Violations are returned in the report; unusable input or config throws one
 * {@link DutyComplianceError} listing every problem.
 *
 * @example
 * const report = await check(dataset, { config: { rules: { 'community-policing/mobile-terminal': 'off' } } })
 * report.summary.errors //=> 0
 */
export async function check(dataset: unknown, options: CheckOptions = {}, rosters: readonly RosterFile[] = []): Promise<Report> {
  // One thread: an in-memory dataset's values need not survive a copy to another thread.
  return runCheck(() => validateInput({ value: dataset, problems: [] }, rosters), { ...options, threads: 1 });
}

/**
 * Reads a dataset file and roster files (CSV, NDJSON) and checks them. Problems of every
 * file are reported together, each with its file, line and JSON path.
 *
 * @example
 * const report = await checkFiles({ dataset: 'dataset.json', rosters: ['roster.csv'] }, { language: 'en' })
 */
export async function checkFiles(files: { dataset: string; rosters?: readonly string[] }, options: CheckOptions = {}): Promise<Report> {
  const source: ReportSource = { dataset: files.dataset, rosters: [...(files.rosters ?? [])] };
  return runCheck((second) => readFilesInput(files, options, second), options, source);
}

/** What a second thread is told of the options: the data of them (no registry, no callbacks). */
function secondThreadOptions(options: CheckOptions): CheckOptions {
  const out: CheckOptions = {};
  if (options.config !== undefined) out.config = options.config;
  if (options.configFile !== undefined) out.configFile = options.configFile;
  if (options.language !== undefined) out.language = options.language;
  if (options.evaluator !== undefined) out.evaluator = options.evaluator;
  if (options.rulePacks !== undefined) out.rulePacks = [...options.rulePacks];
  if (options.encoding !== undefined) out.encoding = options.encoding;
  return out;
}

/**
 * The second thread's part (src/threads/judge-worker.ts): given the first thread's validated
 * input (its roster's columns shared) and resolved config, judges the officers from
 * {@link secondShareStart} on of the rules judged officer by officer.
 */
export async function judgeSharedInput(registry: RuleRegistry, parts: ValidatedInputParts, config: ResolvedConfig, options: CheckOptions): Promise<OfficerShare> {
  const input = validatedInputFromParts(parts);
  const context = createCheckContext(input, config.settings, config.optionsByRule);
  return judgeOfficerShare(context, registry, config.rules, await runRulesOptions(options), secondShareStart(input.dataset.officers.length));
}

/**
 * Reads and validates {@link checkFiles}' files. With a second thread, the second half of a
 * large NDJSON or UTF-8 CSV roster is read there while this thread reads the first; its rows come after.
 */
async function readFilesInput(files: { dataset: string; rosters?: readonly string[] }, options: CheckOptions, second: SecondThread | undefined): Promise<ValidatedInput> {
  // A wide roster (排班表) is read through the config's shift codes; its text dates take their year from the dataset's period.
  const [document, shiftCodes] = await Promise.all([readDatasetFile(files.dataset), shiftCodesOf(options)]);
  const readOptions: RosterReadOptions = { shiftCodes: shiftCodes ?? new Map(), ...(options.encoding !== undefined ? { encoding: options.encoding } : {}), ...periodOf(document) };
  // Rows are validated as they are read, file after file, and never kept: a city-year's rows
  // would otherwise stay alive beside its entries.
  const streamOptions: StreamRosterOptions = { ...readOptions, ...(options.onProgress ? { onProgress: options.onProgress } : {}) };
  const builder = createInputBuilder(document);
  // Codes read without the config's table (it cannot be used: runCheck names its problems) are
  // not unknown; saying so would blame the roster for the config.
  const sink: RosterSink = shiftCodes !== undefined ? builder : { ...builder, problem: (p) => p.message !== UNKNOWN_SHIFT_CODE && builder.problem(p) };
  const { dataset } = builder;
  for (const file of files.rosters ?? []) {
    const split = second && dataset ? await ndjsonSplit(file) : undefined;
    if (split && second && dataset) {
      const part = second.readPart({ dataset, ...(document.file !== undefined ? { datasetFile: document.file } : {}), file, start: split.at });
      const { lines } = await streamNdjsonRange(file, { start: 0, end: split.at, linesBefore: 0 }, streamOptions, sink);
      const read = await part;
      options.onPhase?.({ phase: 'part', file, line: lines + 1, adopted: read !== undefined });
      if (read) {
        builder.adopt(read, lines);
        options.onProgress?.({ file, bytesRead: split.size, bytesTotal: split.size, rows: lines + read.lines });
      } else await streamNdjsonRange(file, { start: split.at, linesBefore: lines }, streamOptions, sink);
      continue;
    }
    const cut = second && dataset ? await csvSplit(file, readOptions) : undefined;
    let part: Promise<RosterFilePart | undefined> | undefined;
    if (cut && second && dataset) {
      part = second.readPart({ dataset, ...(document.file !== undefined ? { datasetFile: document.file } : {}), file, kind: 'csv', start: cut.at });
    }
    const adoptRest = async (lineShift: number): Promise<boolean> => {
      const read = await part;
      options.onPhase?.({ phase: 'part', file, line: lineShift + 1, adopted: read !== undefined });
      if (!read) return false;
      builder.adopt(read, lineShift);
      options.onProgress?.({ file, bytesRead: cut!.size, bytesTotal: cut!.size, rows: lineShift + read.lines });
      return true;
    };
    const { notes } = await streamRosterFile(file, streamOptions, sink, cut ? { at: cut.at, adoptRest } : undefined);
    // Asked or not (bytes before the cut that are not UTF-8, a row open at it), the second
    // thread's answer is waited for: it answers one question at a time.
    await part;
    for (const note of notes) options.onNote?.(note);
  }
  return builder.finish();
}

/**
 * The config's `settings.shiftCodes`, for reading wide rosters; undefined when the config cannot
 * be used (runCheck then reports the config's problems).
 */
async function shiftCodesOf(options: CheckOptions): Promise<ResolvedSettings['shiftCodes'] | undefined> {
  let config = options.config;
  if (options.configFile !== undefined) {
    const read = await readTextFile(options.configFile);
    if ('problem' in read) return undefined;
    try {
      config = parseJsonOrThrow(read.text, options.configFile, 'CONFIG_INVALID').value;
    } catch {
      return undefined;
    }
  }
  const parsed = SettingsSchema.shape.shiftCodes.safeParse((config as { settings?: { shiftCodes?: unknown } } | null | undefined)?.settings?.shiftCodes);
  return parsed.success ? resolveSettings({ shiftCodes: parsed.data }).shiftCodes : undefined;
}

/** The dataset's own `period`, when it is two strings (validation judges it later). */
function periodOf(document: DatasetDocument): { period?: { start: string; end: string } } {
  const period = (document.value as { period?: unknown } | null | undefined)?.period as { start?: unknown; end?: unknown } | undefined;
  return typeof period?.start === 'string' && typeof period.end === 'string' ? { period: { start: period.start, end: period.end } } : {};
}

async function runCheck(readInput: (second: SecondThread | undefined) => ValidatedInput | Promise<ValidatedInput>, options: CheckOptions, source?: ReportSource): Promise<Report> {
  // Started first: it loads its modules and rules while this thread reads the input.
  const second = options.threads === 2 && !options.include?.includes('subjects') && (options.registry === undefined || options.rulePacks !== undefined) ? startSecondThread(secondThreadOptions(options)) : undefined;
  try {
    return await checkInput(readInput, options, source, second);
  } finally {
    second?.stop();
  }
}

async function checkInput(readInput: (second: SecondThread | undefined) => ValidatedInput | Promise<ValidatedInput>, options: CheckOptions, source: ReportSource | undefined, second: SecondThread | undefined): Promise<Report> {
  const registry = options.registry ?? (await createRuleRegistry(options.rulePacks));
  // The config and the input are validated apart (neither needs the other), and the problems of
  // both are thrown together: a bad config does not hide the dataset's problems.
  const [config, input] = await Promise.allSettled([
    options.configFile !== undefined ? readConfigFile(options.configFile, registry) : Promise.resolve().then(() => resolveConfig(options.config, registry)),
    Promise.resolve().then(() => readInput(second)),
  ]);
  if (config.status === 'rejected' || input.status === 'rejected') {
    throw combineErrors([config, input].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])));
  }
  options.onPhase?.({ phase: 'ingested' });
  return runRulesAndReport(config.value, input.value, registry, options, source, second);
}

/** The evaluator, language and what else {@link runRules} is told, from the check's options. */
async function runRulesOptions(options: CheckOptions): Promise<RunRulesOptions> {
  // json-rules-engine itself is loaded only when asked for: a check with the compiled form does not pay for it at start-up.
  const factory: ConditionEvaluatorFactory =
    options.evaluator === 'json-rules-engine' ? (await import('./engine/_lib/reference-evaluator.js')).createReferenceEvaluator : compileConditions;
  return {
    language: options.language ?? DEFAULT_LANGUAGE,
    evaluatorFactory: factory,
    collectMeasures: options.include?.includes('subjects') ?? false,
    ...(options.onPhase ? { onRuleTimed: (ruleId: string, milliseconds: number) => options.onPhase?.({ phase: 'rule', ruleId, milliseconds }) } : {}),
  };
}

async function runRulesAndReport(config: ResolvedConfig, input: ValidatedInput, registry: RuleRegistry, options: CheckOptions, source: ReportSource | undefined, second?: SecondThread): Promise<Report> {
  const context = createCheckContext(input, config.settings, config.optionsByRule);
  const rulesOptions = await runRulesOptions(options);
  const { language } = rulesOptions;
  const share = second?.share(input, config);
  const { violations, runs } = await runRules(context, registry, config.rules, {
    ...rulesOptions,
    ...(share ? { share } : {}),
    ...(share && options.onPhase ? { onShared: (event: { from: number; officers: number; adopted: boolean }) => options.onPhase?.({ phase: 'shared', ...event }) } : {}),
  });
  options.onPhase?.({ phase: 'rules' });
  const { dataset } = input;
  const scored = new Map<string, ScoredRule>();
  for (const rule of config.rules) {
    const score = registry.rules.get(rule.id)!.definition.score;
    if (score) scored.set(rule.id, score);
  }
  const rules = runs.map((run, i): ReportRule => {
    const { definition } = registry.rules.get(run.ruleId)!;
    return {
      id: definition.id,
      title: { 'zh-CN': definition.title['zh-CN'], en: definition.title.en },
      description: { 'zh-CN': definition.description['zh-CN'], en: definition.description.en },
      ...(definition.source ? { source: { document: definition.source.document, passage: definition.source.passage, gloss: definition.source.gloss } } : {}),
      severity: config.rules[i]!.severity,
      subjectType: definition.subjectType,
      subjects: run.subjects,
      ...(run.judged ? { judged: run.judged } : {}),
    };
  });
  const report = buildReport(
    { ...TOOL },
    input.period,
    {
      units: dataset.units.length,
      communities: dataset.communities.length,
      officers: dataset.officers.length,
      rosterEntries: context.rosterLength,
      transfers: dataset.transfers?.length ?? 0,
    },
    violations,
    { language, timezone: dataset.timezone, rules, ...(source ? { source } : {}) },
  );
  return withScore(report, scored);
}

async function readConfigFile(file: string, registry: RuleRegistry) {
  const { value, text } = parseJsonOrThrow(await readTextFileOrThrow(file, 'CONFIG_INVALID'), file, 'CONFIG_INVALID');
  // In a file, `null` or `[]` is not "no config" (as `config: undefined` is for the library).
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const problem = { file, path: '', message: 'wrong type', expected: 'object', received: describeValue(value) };
    locateProblems([problem], text);
    throw new DutyComplianceError('CONFIG_INVALID', [problem]);
  }
  try {
    return resolveConfig(value, registry, file);
  } catch (error) {
    if (error instanceof DutyComplianceError) locateProblems(error.problems, text);
    throw error;
  }
}
