import type { Language, Report } from '../report/types.js';

/**
 * How to render a report, beyond the report itself. Everything a format says about the check
 * (rules and their titles, subjects judged, time zone, input files) comes from the report, so
 * a saved JSON report renders exactly as the check did (`duty-compliance report`).
 */
export interface FormatContext {
  /** The language of the format's own words and of rule titles (messages stay as the report has them). */
  language: Language;
  /** ANSI colour (the CLI sets it only when writing to a TTY). */
  color: boolean;
  /** Directory that file paths in the output are relative to. */
  cwd: string;
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
