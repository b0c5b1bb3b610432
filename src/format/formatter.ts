import type { RuleRegistry } from '../engine/registry.js';
import type { Language, Report, Subject } from '../report/types.js';

/** What a formatter may know beyond the report. */
export interface FormatContext {
  language: Language;
  /** ANSI colour (the CLI sets it only when writing to a TTY). */
  color: boolean;
  /** The rules, for titles, docs and default severities. */
  registry: RuleRegistry;
  /** Directory that file paths in the output are relative to. */
  cwd: string;
  /**
   * The input files as the check read them (relative to `cwd`, or absolute): where a finding
   * with no roster row is located (the dataset file). Absent for an in-memory check.
   */
  source?: { dataset?: string; rosters?: string[] };
  /**
   * Every subject each rule that ran judged, by rule id: lets JUnit count passing testcases.
   * Absent: only the subjects with violations are known (and only the rules that found any).
   */
  subjectsChecked?: ReadonlyMap<string, readonly Subject[]>;
  /**
   * `github` only: the token that pauses workflow commands around the text of the input it prints
   * (`::stop-commands::TOKEN`). It must be unguessable, so by default it is random, and only this
   * format's output differs from run to run; give one to make it reproducible (tests).
   */
  stopCommandsToken?: string;
}

/** One output format: a report in, the whole text out (never written in pieces). */
export interface Formatter {
  readonly name: string;
  format(report: Report, context: FormatContext): string;
}
