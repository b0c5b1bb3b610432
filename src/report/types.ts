/** Severity of a reported violation (config says `"warn"`, a report says `"warning"`, as ESLint does). */
export type Severity = 'error' | 'warning';

/** Languages a report's messages are written in. */
export type Language = 'zh-CN' | 'en';

/** What a violation is about. */
/** What a violation is about; a pack may add its own kinds (INRC-II: `demand`, `offRequest`). */
export type SubjectType = 'community' | 'officer' | 'unit' | 'transfer' | 'policeRoom' | (string & {});

export interface Subject {
  type: SubjectType;
  id: string;
}

/** Inclusive `YYYY-MM-DD` dates. */
export interface DatePeriod {
  start: string;
  end: string;
}

/** A roster entry behind a violation: where to find it. */
export interface RosterEvidence {
  source: 'roster';
  /** Position in the combined roster (dataset's `roster`, then each roster file in order). */
  index: number;
  /** The roster file, as given on the command line; absent for entries of the dataset itself. */
  file?: string;
  /** The worksheet, for an .xlsx roster file. */
  sheet?: string;
  /** 1-based line where the entry starts in `file` (in a worksheet, Excel's row number). */
  line?: number;
  /** The cell the entry was made from (`D7`): a shift code's cell in a wide roster. */
  cell?: string;
  /** The entry's own `id`, where it has one. */
  id?: string;
  officer: string;
  start: string;
  end: string;
  type: string;
  /** The minutes of this entry that counted toward the finding, where the rule counts minutes. */
  minutes?: number;
}

export interface AssignmentEvidence {
  source: 'assignment';
  officer: string;
  /** Position in the officer's `assignments[]`. */
  index: number;
  community: string;
  from: string;
  to?: string;
  path: string;
}

export interface TransferEvidence {
  source: 'transfer';
  id: string;
  index: number;
  path: string;
}

export interface EstablishmentEvidence {
  source: 'establishment';
  unit: string;
  date: string;
  communityPosts: number;
  index: number;
  path: string;
}

/** A counted half-day of `five-half-days`. */
export interface HalfDayEvidence {
  source: 'half-day';
  date: string;
  window: string;
  minutes: number;
}

/** An element of the dataset that is not a roster entry (a community, officer, police room…). */
export interface RecordEvidence {
  source: 'community' | 'officer' | 'policeRoom' | 'unit';
  id: string;
  index: number;
  path: string;
}

/**
 * A record of a pack's own list (`records.<list>` of the dataset, e.g. an INRC-II demand), with the
 * fields the rule names, and the file and line it was read from where the record says so.
 */
export interface ListRecordEvidence {
  source: 'record';
  list?: string;
  file?: string;
  line?: number;
  index: number;
  path: string;
  [field: string]: unknown;
}

export type Evidence =
  | RosterEvidence
  | ListRecordEvidence
  | AssignmentEvidence
  | TransferEvidence
  | EstablishmentEvidence
  | HalfDayEvidence
  | RecordEvidence;

/** One finding: plain data, never thrown. Its identity is (ruleId, subject.type, subject.id, period.start). */
export interface Violation {
  ruleId: string;
  severity: Severity;
  subject: Subject;
  period?: DatePeriod;
  expected?: unknown;
  actual?: unknown;
  message: string;
  /** The message's id in the rule's `messages`, and the values that fill its placeholders. */
  messageId: string;
  details: Record<string, unknown>;
  evidence: Evidence[];
  /** Stable hash of the identity; never of a line number. */
  fingerprint: string;
  /** A soft constraint's cost (rules with a `penalty`): `cost` = `weight` × `amount`. */
  penalty?: Penalty;
  /**
   * Present when a waiver covers this violation: it is still reported (and shown as suppressed
   * by the formats that can say so: SARIF `suppressions`, JUnit `<skipped>`), but it no longer
   * fails the check.
   */
  suppression?: Suppression;
  /**
   * Present when the report was compared with a baseline: `new` when the baseline does not list
   * this violation's fingerprint, `unchanged` when it does (SARIF's `baselineState`).
   */
  baselineState?: BaselineState;
}

/** What a violation of a weighted rule costs. */
export interface Penalty {
  amount: number;
  weight: number;
  cost: number;
}

/** Why a violation is accepted: a waiver kept outside the input (SARIF's `external` suppression). */
export interface Suppression {
  /** Who accepted it and why, in words. */
  justification: string;
  /** The review state of the waiver; absent means `accepted`. */
  status?: 'accepted';
  /** The waiver that accepted it, when it came from a waivers file. */
  waiver?: WaiverReference;
}

/** Where a suppressing waiver is, and until when it holds. */
export interface WaiverReference {
  /** Position in the waivers file's `waivers` list. */
  index: number;
  file?: string;
  /** 1-based line where the waiver starts in `file`. */
  line?: number;
  owner: string;
  /** Last date (`YYYY-MM-DD`, in the dataset's time zone) on which the waiver holds. */
  expires: string;
}

/** A waiver as a waivers file states it (see docs/ci.md), with where it is. */
export interface WaiverEntry extends WaiverReference {
  fingerprint?: string;
  ruleId?: string;
  subject?: Subject;
  /** Matches `period.start` of a violation; `end` is for the reader and is not compared. */
  period?: { start: string; end?: string };
  reason: string;
}

/** An expired waiver that still matches violations: they count again. */
export interface ExpiredWaiver extends WaiverEntry {
  /** Fingerprints of the violations it matches, in report order. */
  violations: string[];
}

/** What applying a waivers file found beyond the suppressions themselves. */
export interface WaiverOutcome {
  /** Waivers past their `expires` date that match at least one violation. */
  expired: ExpiredWaiver[];
  /** Waivers that match no violation (expired or not): `--prune-waivers` removes them. */
  unused: WaiverEntry[];
}

/** A violation's standing against a baseline (SARIF's `baselineState` values). */
export type BaselineState = 'new' | 'unchanged';

/** A violation as a baseline file records it: its identity, for machines and for humans. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  subject: Subject;
  period?: DatePeriod;
}

/** Counts of violations that are not suppressed, by severity. */
export interface SeverityCounts {
  errors: number;
  warnings: number;
}

/** The comparison of a report with a baseline; only `new` violations fail the check. */
export interface BaselineOutcome {
  /** Unsuppressed violations whose fingerprint the baseline does not list. */
  new: SeverityCounts;
  /** Unsuppressed violations the baseline lists. */
  unchanged: SeverityCounts;
  /** Baseline entries that no violation of the report matches any more, in baseline order. */
  fixed: BaselineEntry[];
}

export interface CheckedCounts {
  units: number;
  communities: number;
  officers: number;
  rosterEntries: number;
  transfers: number;
}

export interface ReportSummary {
  /** Violations of severity `error`, not counting suppressed ones. */
  errors: number;
  warnings: number;
  /** Violations a waiver suppresses; present once waivers were applied. */
  suppressed?: number;
  /** Unsuppressed violations per rule. */
  byRule: Record<string, number>;
}

/** Text in each report language (a rule's title and description, as its rule file has them). */
export type Localized = Record<Language, string>;

/**
 * One subject a rule judged, with its measures: the facts its conditions compared (and the
 * plain values of its details), whether or not it was found in violation. Only in reports made
 * with `include: ['subjects']` (`--include subjects`): the HTML report's heatmaps draw them.
 */
export interface JudgedSubjectMeasures {
  subject: Subject;
  period?: DatePeriod;
  /** Facts that are plain values (numbers, booleans, strings, null); objects and arrays are left out. */
  facts: Record<string, number | boolean | string | null>;
  /** Details that are plain values (e.g. `replacementArrival`), when there are any. */
  details?: Record<string, number | boolean | string | null>;
}

/** A rule that ran: what it is, at which severity, and what it judged. */
export interface ReportRule {
  id: string;
  /** Title and description in both report languages, so that any language can be rendered from the report. */
  title: Localized;
  description: Localized;
  /** The passage the rule comes from, where it quotes one. */
  source?: { document: string; passage: string; gloss: string };
  /** The severity it ran at (the config's, else its pack's recommended one). */
  severity: Severity;
  subjectType: SubjectType;
  /** Every distinct subject it judged, passing ones included, by id then type. */
  subjects: Subject[];
  /** Present with `include: ['subjects']`: every subject judged, with its measures, in judging order. */
  judged?: JudgedSubjectMeasures[];
}

/** The input files of a check made from files, as they were given (relative to the working directory, or absolute). */
export interface ReportSource {
  dataset: string;
  rosters: string[];
}

export interface Report {
  tool: { name: string; version: string };
  /** The language the messages are written in. */
  language: Language;
  /** The dataset's time zone (IANA): every date of the report is a local date there. */
  timezone: string;
  period: DatePeriod;
  checked: CheckedCounts;
  /** The input files, when the check read files (`checkFiles`, the CLI); absent for an in-memory dataset. */
  source?: ReportSource;
  /** The rules that ran, by id. */
  rules: ReportRule[];
  violations: Violation[];
  summary: ReportSummary;
  /** Present when a waivers file was applied (`--waivers`). */
  waivers?: WaiverOutcome;
  /** Present when the report was compared with a baseline (`--baseline`). */
  baseline?: BaselineOutcome;
  /** Present when the rules that ran declare score groups (the inrc2 pack): see {@link Score}. */
  score?: Score;
}

/**
 * A benchmark's score: hard groups count violations (their amounts), soft groups add costs;
 * `total` is the sum of the soft groups.
 */
export interface Score {
  hard: Record<string, number>;
  soft: Record<string, number>;
  total: number;
}
