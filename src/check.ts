import { version } from '../package.json';
import { combineErrors, DutyComplianceError } from './errors.js';
import { readDatasetFile } from './io/read-dataset.js';
import { readRosterFile } from './io/read-roster-file.js';
import { locateProblems, parseJsonOrThrow } from './io/_lib/json-location.js';
import { readTextFileOrThrow } from './io/_lib/read-text.js';
import type { DatasetDocument, RosterFile } from './io/types.js';
import { validateInput, type ValidatedInput } from './model/validate-input.js';
import { describeValue } from './model/_lib/zod-problems.js';
import { createCheckContext } from './engine/check-context.js';
import { compileConditions } from './engine/_lib/compile-conditions.js';
import { createReferenceEvaluator } from './engine/_lib/reference-evaluator.js';
import type { RuleRegistry } from './engine/registry.js';
import { resolveConfig, type ResolvedConfig } from './engine/resolve-config.js';
import { runRules, type ConditionEvaluatorFactory } from './engine/run-rules.js';
import { builtInRegistry } from './rules/index.js';
import { buildReport } from './report/build-report.js';
import { DEFAULT_LANGUAGE } from './report/messages.js';
import type { Language, Report, Subject } from './report/types.js';

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
  /** The rules to run; default: the built-in packs. */
  registry?: RuleRegistry;
  /** Told, per rule that ran, every distinct subject it judged (JUnit lists the passing ones). */
  onSubjectsChecked?: (ruleId: string, subjects: readonly Subject[]) => void;
}

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
  return runCheck(document!, (rosters as RosterFile[]).splice(0), options, true);
}

async function runCheck(document: DatasetDocument, rosters: readonly RosterFile[], options: CheckOptions, rostersOwned = false): Promise<Report> {
  const registry = options.registry ?? builtInRegistry();
  // The config and the input are validated apart (neither needs the other), and the problems of
  // both are thrown together: a bad config does not hide the dataset's problems.
  const [config, input] = await Promise.allSettled([
    options.configFile !== undefined ? readConfigFile(options.configFile, registry) : Promise.resolve().then(() => resolveConfig(options.config, registry)),
    Promise.resolve().then(() => validateInput(document, rosters, { releaseRows: rostersOwned })),
  ]);
  rosters = []; // the raw rows are no longer needed: a large roster's memory is freed for the rules
  if (config.status === 'rejected' || input.status === 'rejected') {
    throw combineErrors([config, input].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])));
  }
  return runRulesAndReport(config.value, input.value, registry, options);
}

async function runRulesAndReport(config: ResolvedConfig, input: ValidatedInput, registry: RuleRegistry, options: CheckOptions): Promise<Report> {
  const context = createCheckContext(input, config.settings, config.optionsByRule);
  const factory: ConditionEvaluatorFactory = options.evaluator === 'json-rules-engine' ? createReferenceEvaluator : compileConditions;
  const violations = await runRules(context, registry, config.rules, {
    language: options.language ?? DEFAULT_LANGUAGE,
    evaluatorFactory: factory,
    ...(options.onSubjectsChecked ? { onSubjectsChecked: options.onSubjectsChecked } : {}),
  });
  const { dataset } = input;
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
  );
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
