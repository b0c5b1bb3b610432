import type { Report, Subject, Violation } from '../report/types.js';
import { ruleTitle } from './_lib/rule-docs.js';
import { chunkedFormatter, type FormatContext, type Formatter } from './formatter.js';
import { chunkedLines } from './_lib/chunked-lines.js';
import { firstJsonPath, pathFromCwd, rosterFileEvidence } from './_lib/locations.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from './_lib/xml.js';

/** One `<testcase>`: a violation, or a subject a rule judged and found nothing wrong with. */
interface TestCase {
  subject: Subject;
  /** The violation's period start; '' for a passing subject (sorts first). */
  periodStart: string;
  violation?: Violation;
}

interface Counts {
  tests: number;
  failures: number;
  skipped: number;
}

/**
 * The report as JUnit XML, for CI test views (GitLab, Jenkins, Azure, test-reporter actions).
 *
 * - One `<testsuite>` per rule (name = rule id): every rule the report says ran (`rules`; one that
 *   found nothing is a green suite), and every other rule a violation names.
 * - One `<testcase>` per violation identity (rule, subject, period start), named
 *   `<subject type> <subject id> <period>`; plus one passing `<testcase>` (`<type> <id>`) per
 *   subject the rule judged (the report's `rules[].subjects`) without a violation.
 * - An `error` violation is a `<failure type="error">` (red). A `warning` is a passing testcase
 *   whose `<system-out>` says `warning: …`: CI views show it, and a CI that turns failures red
 *   stays as green as the exit code (which fails on warnings only with --fail-on warning or
 *   --max-warnings). A suppressed violation (a waiver) is `<skipped message="suppressed: …">`.
 * - `tests`, `failures`, `errors` (always 0: a finding is a failed check, not a broken test) and
 *   `skipped` on each suite count its testcases; on `<testsuites>` they are the suites' sums.
 * - No `time`/`timestamp`: the same report gives the same bytes.
 */
export const junitFormatter: Formatter = chunkedFormatter('junit', (report, context) => chunkedLines(junitLines(report, context)));

/** The XML line by line, each suite's made as it is written. */
function* junitLines(report: Report, context: FormatContext): Generator<string> {
  const suites = [...testSuites(report)].map(([ruleId, cases]) => ({ ruleId, cases, counts: countCases(cases) }));
  const total: Counts = { tests: 0, failures: 0, skipped: 0 };
  for (const { counts } of suites) {
    total.tests += counts.tests;
    total.failures += counts.failures;
    total.skipped += counts.skipped;
  }
  yield '<?xml version="1.0" encoding="UTF-8"?>';
  yield `<testsuites name="${attr(report.tool.name)}" tests="${total.tests}" failures="${total.failures}" errors="0" skipped="${total.skipped}">`;
  for (const { ruleId, cases, counts } of suites) yield* suiteXml(ruleId, cases, counts, report, context);
  yield '</testsuites>';
}

/** Testcases by rule id, rules in id order, cases by subject id, then period, then subject type. */
function testSuites(report: Report): Map<string, TestCase[]> {
  const suites = new Map<string, TestCase[]>();
  const suite = (ruleId: string) => {
    let cases = suites.get(ruleId);
    if (!cases) suites.set(ruleId, (cases = []));
    return cases;
  };
  const failing = new Set<string>();
  for (const v of report.violations) {
    suite(v.ruleId).push({ subject: v.subject, periodStart: v.period?.start ?? '', violation: v });
    failing.add(JSON.stringify([v.ruleId, v.subject.type, v.subject.id]));
  }
  for (const { id: ruleId, subjects } of report.rules) {
    const cases = suite(ruleId);
    const seen = new Set<string>();
    for (const subject of subjects) {
      const key = JSON.stringify([ruleId, subject.type, subject.id]);
      if (failing.has(key) || seen.has(key)) continue;
      seen.add(key);
      cases.push({ subject: { type: subject.type, id: subject.id }, periodStart: '' });
    }
  }
  for (const cases of suites.values()) cases.sort(compareCases);
  return new Map([...suites].sort(([a], [b]) => compareText(a, b)));
}

function countCases(cases: readonly TestCase[]): Counts {
  let failures = 0;
  let skipped = 0;
  for (const c of cases) {
    if (c.violation?.suppression) skipped++;
    else if (c.violation?.severity === 'error') failures++;
  }
  return { tests: cases.length, failures, skipped };
}

function* suiteXml(ruleId: string, cases: readonly TestCase[], counts: Counts, report: Report, context: FormatContext): Generator<string> {
  const title = ruleTitle(report, ruleId, context.language);
  yield `  <testsuite name="${attr(ruleId)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}">`;
  if (title !== undefined) yield* ['    <properties>', `      <property name="title" value="${attr(title)}"/>`, '    </properties>'];
  for (const c of cases) yield* caseXml(ruleId, c, report, context);
  yield '  </testsuite>';
}

function caseXml(ruleId: string, c: TestCase, report: Report, context: FormatContext): string[] {
  const v = c.violation;
  const subject = `${c.subject.type} ${c.subject.id}`;
  if (!v) return [`    <testcase classname="${attr(ruleId)}" name="${attr(subject)}"/>`];
  const place = placeAttributes(v, report, context);
  const lines = [`    <testcase classname="${attr(ruleId)}" name="${attr(`${subject}${v.period ? ` ${periodText(v.period)}` : ''}`)}"${place}>`];
  const details = text(violationDetails(v, context));
  if (v.suppression) {
    lines.push(`      <skipped message="${attr(`suppressed: ${v.suppression.justification}`)}"/>`);
    lines.push(`      <system-out>${text(`${v.severity}: `)}${details}</system-out>`);
  } else if (v.severity === 'error') {
    lines.push(`      <failure type="error" message="${attr(v.message)}">${details}</failure>`);
  } else {
    lines.push(`      <system-out>warning: ${details}</system-out>`);
  }
  lines.push('    </testcase>');
  return lines;
}

/** `file` and `line` of the first roster row from a file, else `file` of the dataset (when known). */
function placeAttributes(v: Violation, report: Report, context: FormatContext): string {
  const row = rosterFileEvidence(v)[0];
  if (row) return ` file="${attr(pathFromCwd(row.file, context.cwd))}"${row.line !== undefined ? ` line="${row.line}"` : ''}`;
  const dataset = report.source?.dataset;
  return dataset !== undefined ? ` file="${attr(pathFromCwd(dataset, context.cwd))}"` : '';
}

/** The violation for a reader: its message, then the fields that place it. */
function violationDetails(v: Violation, context: FormatContext): string {
  const lines = [v.message, `rule: ${v.ruleId}`, `subject: ${v.subject.type} ${v.subject.id}`];
  if (v.period) lines.push(`period: ${periodText(v.period)}`);
  if (v.expected !== undefined) lines.push(`expected: ${JSON.stringify(v.expected)}`);
  if (v.actual !== undefined) lines.push(`actual: ${JSON.stringify(v.actual)}`);
  const rows = rosterFileEvidence(v).map((e) => `${pathFromCwd(e.file, context.cwd)}${e.line !== undefined ? `:${e.line}` : ''}`);
  const at = rows.length > 0 ? rows.join(', ') : firstJsonPath(v);
  if (at !== undefined) lines.push(`at: ${at}`);
  lines.push(`fingerprint: ${v.fingerprint}`);
  return lines.join('\n');
}

function periodText(period: { start: string; end: string }): string {
  return period.start === period.end ? period.start : `${period.start}..${period.end}`;
}

function compareCases(a: TestCase, b: TestCase): number {
  return compareText(a.subject.id, b.subject.id) || compareText(a.periodStart, b.periodStart) || compareText(a.subject.type, b.subject.type);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
