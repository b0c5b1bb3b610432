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

/**
 * One output format: a report in, its text out, whole (`format`) or in pieces (`chunks`, which
 * the CLI writes as they are made, so that a report of hundreds of MB is never one string).
 * The chunks joined are the text of `format`, byte for byte.
 */
export interface Formatter {
  readonly name: string;
  format(report: Report, context: FormatContext): string;
  /** The text of {@link Formatter.format} in pieces (of about 64 K characters), made as they are asked for. */
  chunks(report: Report, context: FormatContext): Iterable<string>;
}

/**
 * A formatter from its chunks: `format` is their join, so the two can never differ.
 *
 * @example
 * const f = chunkedFormatter('lines', function* (report) { yield `${report.violations.length}\n` })
 * f.format(report, context) //=> '3\n'
 */
export function chunkedFormatter(name: string, chunks: (report: Report, context: FormatContext) => Iterable<string>): Formatter {
  return { name, chunks, format: (report, context) => [...chunks(report, context)].join('') };
}
