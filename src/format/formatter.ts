import type { RuleRegistry } from '../engine/registry.js';
import type { Language, Report } from '../report/types.js';

/** What a formatter may know beyond the report. */
export interface FormatContext {
  language: Language;
  /** ANSI colour (the CLI sets it only when writing to a TTY). */
  color: boolean;
  /** The rules, for titles, docs and default severities. */
  registry: RuleRegistry;
  /** Directory that file paths in the output are relative to. */
  cwd: string;
}

/** One output format: a report in, the whole text out (never written in pieces). */
export interface Formatter {
  readonly name: string;
  format(report: Report, context: FormatContext): string;
}
