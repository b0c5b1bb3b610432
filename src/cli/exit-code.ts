import type { ReportDiff } from '../report/diff.js';
import type { Report, SeverityCounts } from '../report/types.js';

/** Exit codes (README, "The CLI"). */
export const EXIT = { ok: 0, violations: 1, unusable: 2 } as const;

/** The `--fail-on` levels: which findings fail the check. */
export const FAIL_ON = ['error', 'warning', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

export interface ExitPolicy {
  /**
   * Which findings fail the check (exit 1): `error` (default) errors only, `warning` errors and
   * warnings, `never` none (report only).
   */
  failOn?: FailOn;
  /**
   * Fail when there are more warnings than this (ESLint's --max-warnings); absent: no limit.
   * A limit the user set is kept under every `failOn`, `never` included.
   */
  maxWarnings?: number;
}

/**
 * The one place that decides the CLI's exit code from a report. Suppressed violations
 * (waivers) never fail a check; nor does an expired or unused waiver by itself (the violations
 * of an expired waiver count again at their own severity). Compared with a baseline
 * (`report.baseline`), only the new violations count.
 *
 * @example
 * exitCodeFor(report) //=> 1 when the report has an error
 * exitCodeFor(report, { failOn: 'warning' }) //=> 1 when it has an error or a warning
 * exitCodeFor(report, { maxWarnings: 0 }) //=> 1 when it has an error or a warning
 * exitCodeFor(report, { failOn: 'never' }) //=> 0
 */
export function exitCodeFor(report: Report, policy: ExitPolicy = {}): number {
  return exitCodeForCounts(report.baseline?.new ?? unsuppressedCounts(report), policy);
}

/**
 * The exit code of `diff`: the policy applied to the new report's new unsuppressed violations;
 * fixed and unchanged ones never fail.
 *
 * @example
 * exitCodeForDiff(diffReports(main, branch)) //=> 1 when the branch adds an error
 */
export function exitCodeForDiff(diff: ReportDiff, policy: ExitPolicy = {}): number {
  return exitCodeForCounts(diff.summary.new, policy);
}

function exitCodeForCounts({ errors, warnings }: SeverityCounts, policy: ExitPolicy): number {
  const failOn = policy.failOn ?? 'error';
  if (failOn !== 'never' && errors > 0) return EXIT.violations;
  if (failOn === 'warning' && warnings > 0) return EXIT.violations;
  if (policy.maxWarnings !== undefined && warnings > policy.maxWarnings) return EXIT.violations;
  return EXIT.ok;
}

/** Errors and warnings that no waiver covers. */
function unsuppressedCounts(report: Report): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const v of report.violations) {
    if (v.suppression) continue;
    if (v.severity === 'error') errors++;
    else warnings++;
  }
  return { errors, warnings };
}
