/**
 * duty-compliance: checks duty rosters, staffing data and transfer requests against
 * declarative compliance rules and returns structured violations.
 */
export { check, checkFiles, TOOL } from './check.js';
export type { CheckOptions, ReportInclude } from './check.js';

export { DutyComplianceError, isDutyComplianceError, formatProblem } from './errors.js';
export type { Problem, ErrorCode } from './errors.js';

export { DatasetSchema, datasetJsonSchema } from './model/dataset-schema.js';
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
export { loadInrc2Case } from './inrc2/load-case.js';
export type { Inrc2CaseInput } from './inrc2/load-case.js';
export type { DatasetDocument, RosterFile, RosterRecord, EntrySource, RosterReadOptions } from './io/types.js';

export { RuleDefinitionSchema } from './engine/rule-definition.js';
export type { RuleDefinition, RuleCheck, OptionDeclaration } from './engine/rule-definition.js';
export type { RuleRegistry } from './engine/registry.js';
export type { RuleModule, RuleOptions } from './engine/rule-module.js';
export { resolveConfig } from './engine/resolve-config.js';
export type { ResolvedConfig, EnabledRule } from './engine/resolve-config.js';
export { builtInRegistry, createRuleRegistry } from './rules/index.js';

export { FORMATTERS } from './format/index.js';
export type { Formatter, FormatContext } from './format/index.js';

export {
  applyWaivers,
  readWaiversFile,
  parseWaivers,
  pruneWaivers,
} from './report/waivers.js';
export type { WaiversDocument, WaiverClock } from './report/waivers.js';
export { applyBaseline, createBaseline, formatBaseline, readBaselineFile, parseBaseline } from './report/baseline.js';
export { diffReports, readReportFile, parseReport, formatDiffText, formatDiffJson } from './report/diff.js';
export type { ReportDiff, DiffCounts, DiffSide } from './report/diff.js';
export { exitCodeFor, exitCodeForDiff } from './cli/exit-code.js';
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
