import { DutyComplianceError } from '../errors.js';
import { locateProblems, parseJsonOrThrow } from '../io/_lib/json-location.js';
import { readTextFileOrThrow } from '../io/_lib/read-text.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { BASELINE_FORMAT_VERSION, BaselineFileSchema } from '../model/baseline-schema.js';
import { annotate, countBaselineStates } from './_lib/report-counts.js';
import { compareViolations } from './build-report.js';
import type { BaselineEntry, Report, Violation } from './types.js';

/**
 * The baseline of a report: every violation no waiver suppresses, by fingerprint, with its rule,
 * subject and period for humans; in report order, each fingerprint once. A suppressed violation
 * is left out, so that it fails as new when its waiver expires.
 *
 * @example
 * createBaseline(report)[0] //=> { fingerprint: '9f2c1e4a7b3d5e60', ruleId: '…', subject: { type: 'officer', id: 'O001' }, period: { … } }
 */
export function createBaseline(report: Pick<Report, 'violations'>): BaselineEntry[] {
  const seen = new Set<string>();
  const entries: BaselineEntry[] = [];
  for (const v of [...report.violations].sort(compareViolations)) {
    if (v.suppression || seen.has(v.fingerprint)) continue;
    seen.add(v.fingerprint);
    entries.push(baselineEntry(v));
  }
  return entries;
}

function baselineEntry(v: Pick<Violation, 'fingerprint' | 'ruleId' | 'subject' | 'period'>): BaselineEntry {
  return {
    fingerprint: v.fingerprint,
    ruleId: v.ruleId,
    subject: { type: v.subject.type, id: v.subject.id },
    ...(v.period ? { period: { start: v.period.start, end: v.period.end } } : {}),
  };
}

/**
 * A baseline file's text: the same entries give the same bytes (no date, no tool version, keys
 * in a fixed order, two-space JSON, a final newline), so a baseline kept in git changes only
 * when the violations do.
 *
 * @example
 * await writeFileAtomic('compliance/baseline.json', formatBaseline(createBaseline(report)))
 */
export function formatBaseline(entries: readonly BaselineEntry[]): string {
  const file = { tool: 'duty-compliance', version: BASELINE_FORMAT_VERSION, violations: entries.map(baselineEntry) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/**
 * Reads a baseline file; its problems are located (file, line, column, JSON path) and thrown
 * together as one `CONFIG_INVALID` error.
 *
 * @example
 * const baseline = await readBaselineFile('compliance/baseline.json')
 */
export async function readBaselineFile(file: string): Promise<BaselineEntry[]> {
  return parseBaseline(await readTextFileOrThrow(file, 'CONFIG_INVALID'), file);
}

/** Parses a baseline text (see {@link readBaselineFile}). */
export function parseBaseline(text: string, file?: string): BaselineEntry[] {
  const { value, text: body } = parseJsonOrThrow(text, file, 'CONFIG_INVALID');
  const result = BaselineFileSchema.safeParse(value);
  if (!result.success) {
    const problems = problemsFromZod(result.error, value, [], file === undefined ? {} : { file });
    locateProblems(problems, body);
    throw new DutyComplianceError('CONFIG_INVALID', problems);
  }
  return result.data.violations.map(baselineEntry);
}

/**
 * A new report compared with a baseline: each violation gets `baselineState` (`new` when its
 * fingerprint is not in the baseline, else `unchanged`), and `report.baseline` counts the new
 * and unchanged unsuppressed violations by severity and lists the baseline entries no violation
 * matches any more (`fixed`, in baseline order). The summary is left as it is: known violations
 * are still violations; only the exit code looks at `baseline.new`.
 *
 * @example
 * applyBaseline(report, await readBaselineFile('baseline.json')).baseline.new.errors //=> 0
 */
export function applyBaseline(report: Report, baseline: readonly BaselineEntry[]): Report {
  const known = new Set(baseline.map((e) => e.fingerprint));
  const present = new Set(report.violations.map((v) => v.fingerprint));
  const violations = report.violations.map((v) => annotate(v, { baselineState: known.has(v.fingerprint) ? 'unchanged' : 'new' }));
  const fixed: BaselineEntry[] = [];
  const listed = new Set<string>();
  for (const entry of baseline) {
    if (present.has(entry.fingerprint) || listed.has(entry.fingerprint)) continue;
    listed.add(entry.fingerprint);
    fixed.push(baselineEntry(entry));
  }
  const { baseline: _previous, ...rest } = report;
  return { ...rest, violations, baseline: { ...countBaselineStates(violations), fixed } };
}
