import { DutyComplianceError } from '../errors.js';
import { locateProblems, parseJsonOrThrow } from '../io/_lib/json-location.js';
import { readTextFileOrThrow } from '../io/_lib/read-text.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { ReportSchema } from '../model/report-schema.js';
import { compareViolations } from './build-report.js';
import type { DatePeriod, Language, Report, Violation } from './types.js';

/** Violations of one kind of change, by severity; `errors` and `warnings` leave out suppressed ones. */
export interface DiffCounts {
  errors: number;
  warnings: number;
  suppressed: number;
}

/** One side of a comparison. */
export interface DiffSide {
  file?: string;
  tool: { name: string; version: string };
  period: DatePeriod;
}

/** Two reports compared by fingerprint. */
export interface ReportDiff {
  old: DiffSide;
  new: DiffSide;
  summary: { new: DiffCounts; fixed: DiffCounts; unchanged: DiffCounts };
  violations: {
    /** In the new report, not in the old. */
    new: Violation[];
    /** In the old report, not in the new (as the old report has them). */
    fixed: Violation[];
    /** In both (as the new report has them). */
    unchanged: Violation[];
  };
}

/**
 * Reads a JSON report (`check --format json`) for {@link diffReports}. A file that is not one
 * gives one `INPUT_INVALID` error listing every problem with its file, line, column and path.
 *
 * @example
 * const before = await readReportFile('main.json')
 */
export async function readReportFile(file: string): Promise<Report> {
  return parseReport(await readTextFileOrThrow(file, 'INPUT_INVALID'), file);
}

/** Parses and validates a JSON report text (see {@link readReportFile}). */
export function parseReport(text: string, file?: string): Report {
  const { value, text: body } = parseJsonOrThrow(text, file, 'INPUT_INVALID');
  const result = ReportSchema.safeParse(value);
  if (!result.success) {
    const problems = problemsFromZod(result.error, value, [], file === undefined ? {} : { file });
    if (value === null || typeof value !== 'object' || !('violations' in value)) {
      problems.unshift({ ...(file !== undefined ? { file } : {}), path: '', message: 'not a duty-compliance JSON report', expected: 'the output of duty-compliance check --format json' });
    }
    locateProblems(problems, body);
    throw new DutyComplianceError('INPUT_INVALID', problems);
  }
  // Validated for every field the formats and the comparison read; the parsed JSON itself is
  // returned (the schema's output may order keys differently), so a report renders as it was.
  return value as Report;
}

/**
 * Compares two reports by fingerprint: violations only in `after` are new, only in `before`
 * fixed, in both unchanged. Line numbers and messages play no part, so moving rows around a
 * roster changes nothing. Each list is in report order.
 *
 * @example
 * diffReports(before, after).summary.new.errors //=> 1
 */
export function diffReports(before: Report, after: Report, files: { old?: string; new?: string } = {}): ReportDiff {
  // Grouped with their multiplicity, should two violations ever share a fingerprint.
  const waiting = new Map<string, Violation[]>();
  for (const v of before.violations) {
    const group = waiting.get(v.fingerprint);
    if (group) group.push(v);
    else waiting.set(v.fingerprint, [v]);
  }
  const added: Violation[] = [];
  const unchanged: Violation[] = [];
  for (const v of after.violations) {
    const match = waiting.get(v.fingerprint)?.shift();
    (match ? unchanged : added).push(v);
  }
  const fixed = [...waiting.values()].flat();
  const violations = { new: added.sort(compareViolations), fixed: fixed.sort(compareViolations), unchanged: unchanged.sort(compareViolations) };
  return {
    old: diffSide(before, files.old),
    new: diffSide(after, files.new),
    summary: { new: countOf(violations.new), fixed: countOf(violations.fixed), unchanged: countOf(violations.unchanged) },
    violations,
  };
}

function diffSide(report: Report, file: string | undefined): DiffSide {
  return {
    ...(file !== undefined ? { file } : {}),
    tool: { name: report.tool.name, version: report.tool.version },
    period: { start: report.period.start, end: report.period.end },
  };
}

function countOf(violations: readonly Violation[]): DiffCounts {
  const counts: DiffCounts = { errors: 0, warnings: 0, suppressed: 0 };
  for (const v of violations) {
    if (v.suppression) counts.suppressed++;
    else if (v.severity === 'error') counts.errors++;
    else counts.warnings++;
  }
  return counts;
}

/**
 * The comparison as JSON: deterministic (same reports, same bytes).
 *
 * @example
 * formatDiffJson(diffReports(before, after))
 */
export function formatDiffJson(diff: ReportDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

const WORDS = {
  'zh-CN': {
    heading: '对比',
    new: '新增',
    fixed: '已修复',
    unchanged: '未变',
    error: '错误',
    warning: '警告',
    suppressed: '已豁免',
    counts: (c: DiffCounts) => `${c.errors} 个错误，${c.warnings} 个警告${c.suppressed ? `，${c.suppressed} 个已豁免` : ''}`,
    noChange: '无新增违规',
  },
  en: {
    heading: 'diff',
    new: 'new',
    fixed: 'fixed',
    unchanged: 'unchanged',
    error: 'error',
    warning: 'warning',
    suppressed: 'waived',
    counts: (c: DiffCounts) => `${c.errors} error${c.errors === 1 ? '' : 's'}, ${c.warnings} warning${c.warnings === 1 ? '' : 's'}${c.suppressed ? `, ${c.suppressed} waived` : ''}`,
    noChange: 'no new violations',
  },
} as const;

const ANSI = { red: '\u001b[31m', green: '\u001b[32m', yellow: '\u001b[33m', dim: '\u001b[2m', bold: '\u001b[1m', reset: '\u001b[0m' };

/**
 * The comparison for a terminal: the new violations, then the fixed ones, one line each
 * (`+`/`-`, severity, rule, subject, period, message), then how many are unchanged. Headings in
 * `language`; messages as the reports wrote them.
 *
 * @example
 * formatDiffText(diffReports(before, after), { language: 'en' })
 */
export function formatDiffText(diff: ReportDiff, options: { language: Language; color?: boolean }): string {
  const w = WORDS[options.language];
  const paint = (code: keyof typeof ANSI, text: string) => (options.color ? `${ANSI[code]}${text}${ANSI.reset}` : text);
  const side = (s: DiffSide) => `${s.file ?? ''}${s.file ? ' ' : ''}(${s.period.start} – ${s.period.end})`;
  const line = (mark: string, v: Violation) => {
    const severity = v.severity === 'error' ? w.error : w.warning;
    const period = v.period ? (v.period.start === v.period.end ? v.period.start : `${v.period.start}..${v.period.end}`) : '';
    const waived = v.suppression ? ` ${paint('dim', `[${w.suppressed}]`)}` : '';
    return `  ${mark} ${severity}  ${v.ruleId}  ${v.subject.type} ${v.subject.id}${period ? `  ${period}` : ''}  ${v.message}${waived}`;
  };
  const { summary, violations } = diff;
  const lines = [paint('bold', `duty-compliance ${w.heading}: ${side(diff.old)} → ${side(diff.new)}`), ''];
  lines.push(paint('bold', `${w.new} ${violations.new.length} (${w.counts(summary.new)})`));
  for (const v of violations.new) lines.push(paint(v.suppression ? 'dim' : v.severity === 'error' ? 'red' : 'yellow', line('+', v)));
  lines.push(paint('bold', `${w.fixed} ${violations.fixed.length} (${w.counts(summary.fixed)})`));
  for (const v of violations.fixed) lines.push(paint('green', line('-', v)));
  lines.push(paint('bold', `${w.unchanged} ${violations.unchanged.length} (${w.counts(summary.unchanged)})`), '');
  const failing = summary.new.errors + summary.new.warnings;
  lines.push(failing === 0 ? paint('bold', `✔ ${w.noChange}`) : paint(summary.new.errors > 0 ? 'red' : 'yellow', paint('bold', `✖ ${w.new} ${w.counts(summary.new)}`)));
  return `${lines.join('\n')}\n`;
}
