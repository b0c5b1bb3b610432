import type { Report } from '../report/types.js';

/** Exit codes of violations.md. */
export const EXIT = { ok: 0, violations: 1, unusable: 2 } as const;

export interface ExitPolicy {
  /** Fail when there are more warnings than this (ESLint's --max-warnings); absent: no limit. */
  maxWarnings?: number;
}

/**
 * The one place that decides the CLI's exit code from a report.
 *
 * @example
 * exitCodeFor(report, { maxWarnings: 0 }) //=> 1 when the report has any warning
 */
export function exitCodeFor(report: Report, policy: ExitPolicy = {}): number {
  if (report.summary.errors > 0) return EXIT.violations;
  if (policy.maxWarnings !== undefined && report.summary.warnings > policy.maxWarnings) return EXIT.violations;
  return EXIT.ok;
}
