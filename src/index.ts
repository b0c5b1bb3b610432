/**
 * duty-compliance: checks duty rosters, staffing data and transfer requests against
 * declarative compliance rules and returns structured violations.
 */
export { check, checkFiles, TOOL } from './check.js';
export type { CheckOptions, ReportInclude } from './check.js';

export { DutyComplianceError, isDutyComplianceError, formatProblem } from './errors.js';
export type { Problem, ErrorCode } from './errors.js';

export { DatasetSchema, RosterEntrySchema, datasetJsonSchema } from './model/dataset-schema.js';
export type {
  Dataset,
  DatasetInput,
  Unit,
  Community,
  Officer,
  Assignment,
  RosterEntryInput,
  EstablishmentSnapshot,
  Transfer,
  PoliceRoom,
  NonNormalDuty,
} from './model/dataset-schema.js';
export { ConfigSchema, DUTY_CATEGORIES } from './model/config-schema.js';
export type { Config, DutyCategory, RuleEntry, RuleSeverity, Settings, ShiftCodeEntry } from './model/config-schema.js';
export { validateInput } from './model/validate-input.js';
export type { ValidatedInput } from './model/validate-input.js';
export type { RosterEntry } from './model/roster-entry.js';

export { parseDatasetText, readDatasetFile } from './io/read-dataset.js';
export { readRosterFile } from './io/read-roster-file.js';
export { parseCsvRoster } from './io/read-csv-roster.js';
export { parseNdjsonRoster } from './io/read-ndjson-roster.js';
export { loadInrc2Case } from './inrc2/load-case.js';
export type { Inrc2CaseInput } from './inrc2/load-case.js';
export type { DatasetDocument, RosterFile, RosterRecord, EntrySource, RosterReadOptions } from './io/types.js';

export { RuleDefinitionSchema } from './engine/rule-definition.js';
export type { RuleDefinition, RuleCheck, OptionDeclaration } from './engine/rule-definition.js';
export { createRegistry } from './engine/registry.js';
export type { RuleRegistry, RuleSource } from './engine/registry.js';
export type { RuleFacts, RuleModule, RuleOptions, JudgedSubject } from './engine/rule-module.js';
export type { CheckContext } from './engine/check-context.js';
export { resolveConfig, DEFAULT_PRESET } from './engine/resolve-config.js';
export type { ResolvedConfig, EnabledRule } from './engine/resolve-config.js';
export { BUILT_IN_RULES, builtInRegistry } from './rules/index.js';

export { FORMATTERS } from './format/index.js';
export type { Formatter, FormatContext } from './format/index.js';
export { textFormatter } from './format/text.js';
export { jsonFormatter } from './format/json.js';
export { sarifFormatter, SARIF_SCHEMA_URI } from './format/sarif.js';
export { junitFormatter } from './format/junit.js';
export { githubFormatter } from './format/github.js';
export { htmlFormatter } from './format/html.js';
export { compareViolations } from './report/build-report.js';
export { violationFingerprint } from './report/fingerprint.js';

export {
  applyWaivers,
  readWaiversFile,
  parseWaivers,
  pruneWaivers,
  waiverMatches,
  waiverToday,
  isWaiverExpired,
  DEFAULT_WAIVER_TIMEZONE,
} from './report/waivers.js';
export type { WaiversDocument, WaiverClock } from './report/waivers.js';
export { applyBaseline, createBaseline, formatBaseline, readBaselineFile, parseBaseline } from './report/baseline.js';
export { diffReports, readReportFile, parseReport, formatDiffText, formatDiffJson } from './report/diff.js';
export type { ReportDiff, DiffCounts, DiffSide } from './report/diff.js';
export { exitCodeFor, exitCodeForDiff, EXIT, FAIL_ON } from './cli/exit-code.js';
export type { ExitPolicy, FailOn } from './cli/exit-code.js';
export type {
  Report,
  Violation,
  Evidence,
  RosterEvidence,
  AssignmentEvidence,
  TransferEvidence,
  EstablishmentEvidence,
  HalfDayEvidence,
  RecordEvidence,
  Severity,
  Language,
  Subject,
  SubjectType,
  DatePeriod,
  CheckedCounts,
  ReportSummary,
  Suppression,
  WaiverReference,
  WaiverEntry,
  ExpiredWaiver,
  WaiverOutcome,
  BaselineState,
  BaselineEntry,
  BaselineOutcome,
  SeverityCounts,
  ReportRule,
  ReportSource,
  JudgedSubjectMeasures,
  Localized,
} from './report/types.js';
