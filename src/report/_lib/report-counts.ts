import type { BaselineOutcome, ReportSummary, SeverityCounts, Violation } from '../types.js';

/**
 * A report's summary: errors, warnings and per-rule counts of the violations no waiver
 * suppresses, and (when waivers were applied) how many are suppressed.
 *
 * @example
 * summarize(violations, true) //=> { errors: 2, warnings: 0, suppressed: 1, byRule: { … } }
 */
export function summarize(violations: readonly Violation[], withSuppressed: boolean): ReportSummary {
  const byRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  for (const v of violations) {
    if (v.suppression) {
      suppressed++;
      continue;
    }
    if (v.severity === 'error') errors++;
    else warnings++;
    byRule[v.ruleId] = (byRule[v.ruleId] ?? 0) + 1;
  }
  return withSuppressed ? { errors, warnings, suppressed, byRule } : { errors, warnings, byRule };
}

/**
 * The new and unchanged counts of a baseline comparison, over unsuppressed violations only:
 * an accepted (waived) violation fails nothing, new or not.
 */
export function countBaselineStates(violations: readonly Violation[]): Pick<BaselineOutcome, 'new' | 'unchanged'> {
  const counts = { new: { errors: 0, warnings: 0 }, unchanged: { errors: 0, warnings: 0 } };
  for (const v of violations) {
    if (v.suppression || v.baselineState === undefined) continue;
    const bucket: SeverityCounts = counts[v.baselineState];
    if (v.severity === 'error') bucket.errors++;
    else bucket.warnings++;
  }
  return counts;
}

/**
 * A copy of `violation` with its waiver and baseline annotations replaced (a key given as
 * `undefined` removes it). They are always written last and in this order, whichever was
 * applied first, so that the same report gives the same bytes.
 */
export function annotate(violation: Violation, change: Partial<Pick<Violation, 'suppression' | 'baselineState'>>): Violation {
  const { suppression, baselineState, ...rest } = violation;
  const next = { suppression, baselineState, ...change };
  return {
    ...rest,
    ...(next.suppression ? { suppression: next.suppression } : {}),
    ...(next.baselineState ? { baselineState: next.baselineState } : {}),
  };
}
