import type { CheckedCounts, DatePeriod, Language, Report, ReportRule, ReportSource, Violation } from './types.js';

/**
 * The one place that orders a report: by ruleId, then subject.id, then period.start (then
 * subject type and fingerprint, so that no two violations ever tie). Same input, same bytes.
 *
 * @example
 * violations.sort(compareViolations)
 */
export function compareViolations(a: Violation, b: Violation): number {
  return (
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.subject.id, b.subject.id) ||
    compareText(a.period?.start ?? '', b.period?.start ?? '') ||
    compareText(a.subject.type, b.subject.type) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

/** Code-unit order: the same everywhere, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** What a report says about itself besides its findings: enough for every format to be a function of the report alone. */
export interface ReportDescription {
  language: Language;
  timezone: string;
  rules: ReportRule[];
  source?: ReportSource;
}

/**
 * Assembles the report of the README from the violations found, in its stable order.
 *
 * @example
 * buildReport({ name: 'duty-compliance', version: '0.1.0' }, period, checked, violations, { language: 'zh-CN', timezone: 'Asia/Shanghai', rules }).summary.errors
 */
export function buildReport(
  tool: { name: string; version: string },
  period: DatePeriod,
  checked: CheckedCounts,
  violations: Violation[],
  about: ReportDescription,
): Report {
  const ordered = [...violations].sort(compareViolations);
  const byRule: Record<string, number> = {};
  let errors = 0;
  let warnings = 0;
  for (const v of ordered) {
    if (v.severity === 'error') errors++;
    else warnings++;
    byRule[v.ruleId] = (byRule[v.ruleId] ?? 0) + 1;
  }
  const rules = [...about.rules].sort((a, b) => compareText(a.id, b.id));
  return {
    tool,
    language: about.language,
    timezone: about.timezone,
    period,
    checked,
    ...(about.source ? { source: about.source } : {}),
    rules,
    violations: ordered,
    summary: { errors, warnings, byRule },
  };
}
