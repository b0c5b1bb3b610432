import { version } from '../package.json';
import { DutyComplianceError } from './errors.js';
import { readDatasetFile } from './io/read-dataset.js';
import { readRosterFile } from './io/read-roster-file.js';
import { locateProblems, parseJsonOrThrow } from './io/_lib/json-location.js';
import { readTextFileOrThrow } from './io/_lib/read-text.js';
import type { DatasetDocument, RosterFile } from './io/types.js';
import { validateInput } from './model/validate-input.js';
import { createCheckContext } from './engine/check-context.js';
import { compileConditions } from './engine/_lib/compile-conditions.js';
import { createReferenceEvaluator } from './engine/_lib/reference-evaluator.js';
import type { RuleRegistry } from './engine/registry.js';
import { resolveConfig } from './engine/resolve-config.js';
import { runRules, type ConditionEvaluatorFactory } from './engine/run-rules.js';
import { builtInRegistry } from './rules/index.js';
import { buildReport } from './report/build-report.js';
import { DEFAULT_LANGUAGE } from './report/messages.js';
import type { Language, Report, ReportRule, ReportSource } from './report/types.js';

/** The tool's name and version, as reports carry them. */
export const TOOL = Object.freeze({ name: 'duty-compliance', version });

export interface CheckOptions {
  /** A config object (config.md). Without it and without `configFile`: the defaults. */
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
  /** The rules to run; default: the built-in packs. */
  registry?: RuleRegistry;
  /**
   * What the report holds beyond its violations: `subjects` adds, per rule, every subject it
   * judged with its measures (compliant ones too), which the HTML report's heatmaps draw.
   * A city-year report with them is large (hundreds of thousands of subjects).
   */
  include?: readonly ReportInclude[];
}

/** Optional parts of a report (`--include`). */
export const REPORT_INCLUDES = ['subjects'] as const;
export type ReportInclude = (typeof REPORT_INCLUDES)[number];

/**
 * Checks an in-memory dataset (data.md) against the configured rules.
 * Violations are returned in the report; unusable input or config throws one
 * {@link DutyComplianceError} listing every problem.
 *
 * @example
 * const report = await check(dataset, { config: { rules: { 'community-policing/mobile-terminal': 'off' } } })
 * report.summary.errors //=> 0
 */
export async function check(dataset: unknown, options: CheckOptions = {}, rosters: readonly RosterFile[] = []): Promise<Report> {
  return runCheck({ value: dataset, problems: [] }, rosters, options);
}

/**
 * Reads a dataset file and roster files (CSV, NDJSON) and checks them. Problems of every
 * file are reported together, each with its file, line and JSON path.
 *
 * @example
 * const report = await checkFiles({ dataset: 'dataset.json', rosters: ['roster.csv'] }, { language: 'en' })
 */
export async function checkFiles(files: { dataset: string; rosters?: readonly string[] }, options: CheckOptions = {}): Promise<Report> {
  const [document, ...rosters] = await Promise.all([readDatasetFile(files.dataset), ...(files.rosters ?? []).map(readRosterFile)]);
  // splice: runCheck gets the only reference, so the rows can be freed once validated.
  const source: ReportSource = { dataset: files.dataset, rosters: [...(files.rosters ?? [])] };
  return runCheck(document!, (rosters as RosterFile[]).splice(0), options, true, source);
}

async function runCheck(document: DatasetDocument, rostersRead: readonly RosterFile[], options: CheckOptions, rostersOwned = false, source?: ReportSource): Promise<Report> {
  let rosters: readonly RosterFile[] = rostersRead;
  const registry = options.registry ?? builtInRegistry();
  // Config problems come first: with a bad config, input problems would be judged by the wrong rules.
  const config = options.configFile !== undefined ? await readConfigFile(options.configFile, registry) : resolveConfig(options.config, registry);
  const input = validateInput(document, rosters, { releaseRows: rostersOwned });
  rosters = []; // the raw rows are no longer needed: a large roster's memory is freed for the rules
  const context = createCheckContext(input, config.settings, config.optionsByRule);
  const factory: ConditionEvaluatorFactory = options.evaluator === 'json-rules-engine' ? createReferenceEvaluator : compileConditions;
  const language = options.language ?? DEFAULT_LANGUAGE;
  const { violations, runs } = await runRules(context, registry, config.rules, {
    language,
    evaluatorFactory: factory,
    collectMeasures: options.include?.includes('subjects') ?? false,
  });
  const { dataset } = input;
  const rules = runs.map((run, i): ReportRule => {
    const { definition } = registry.rules.get(run.ruleId)!;
    return {
      id: definition.id,
      title: { 'zh-CN': definition.title['zh-CN'], en: definition.title.en },
      description: { 'zh-CN': definition.description['zh-CN'], en: definition.description.en },
      source: { document: definition.source.document, passage: definition.source.passage, gloss: definition.source.gloss },
      severity: config.rules[i]!.severity,
      subjectType: definition.subjectType,
      subjects: run.subjects,
      ...(run.judged ? { judged: run.judged } : {}),
    };
  });
  return buildReport(
    { ...TOOL },
    input.period,
    {
      units: dataset.units.length,
      communities: dataset.communities.length,
      officers: dataset.officers.length,
      rosterEntries: input.roster.length,
      transfers: dataset.transfers?.length ?? 0,
    },
    violations,
    { language, timezone: dataset.timezone, rules, ...(source ? { source } : {}) },
  );
}

async function readConfigFile(file: string, registry: RuleRegistry) {
  const { value, text } = parseJsonOrThrow(await readTextFileOrThrow(file, 'CONFIG_INVALID'), file, 'CONFIG_INVALID');
  try {
    return resolveConfig(value, registry, file);
  } catch (error) {
    if (error instanceof DutyComplianceError) locateProblems(error.problems, text);
    throw error;
  }
}
