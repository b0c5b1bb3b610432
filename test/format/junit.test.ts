import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { junitFormatter } from '../../src/format/junit.js';
import type { Report, Subject } from '../../src/report/types.js';
import { checkTempFiles, contextFor, COVERAGE, DAYTIME_DUTY, withSuppressions, type CheckedFiles } from './_lib/reports.js';

interface Attributes {
  name: string;
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
}
interface TestCase {
  classname: string;
  name: string;
  file?: string;
  line?: string;
  failure?: { type: string; message: string; '#text': string }[];
  skipped?: { message: string }[];
  'system-out'?: string[];
}
interface Suite extends Attributes {
  testcase?: TestCase[];
}
interface Parsed {
  testsuites: Attributes & { testsuite?: Suite[] };
}

const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'skipped', 'system-out', 'property']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, htmlEntities: true, isArray: (name) => ARRAYS.has(name) });

/** Parses the output, after checking it is well-formed and holds no character XML 1.0 forbids. */
function parse(xml: string): Parsed {
  expect(XMLValidator.validate(xml)).toBe(true);
  // eslint-disable-next-line no-control-regex
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
  return parser.parse(xml) as Parsed;
}

/** Every count on every suite and on <testsuites> is what its testcases say. */
function expectCountsAddUp(doc: Parsed): void {
  const suites = doc.testsuites.testsuite ?? [];
  const sum = { tests: 0, failures: 0, skipped: 0 };
  for (const suite of suites) {
    const cases = suite.testcase ?? [];
    const failures = cases.filter((c) => c.failure).length;
    const skipped = cases.filter((c) => c.skipped).length;
    expect(cases.every((c) => (c.failure?.length ?? 0) <= 1 && !(c.failure && c.skipped))).toBe(true);
    expect([suite.tests, suite.failures, suite.errors, suite.skipped].map(Number)).toEqual([cases.length, failures, 0, skipped]);
    sum.tests += cases.length;
    sum.failures += failures;
    sum.skipped += skipped;
  }
  const total = doc.testsuites;
  expect([total.tests, total.failures, total.errors, total.skipped].map(Number)).toEqual([sum.tests, sum.failures, 0, sum.skipped]);
}

let files: CheckedFiles;

beforeAll(async () => {
  files = await checkTempFiles();
});

describe('junit formatter', () => {
  it('has one suite per rule that ran, one testcase per violation and per passing subject, counts that add up', () => {
    const doc = parse(junitFormatter.format(files.report, contextFor(files)));
    expectCountsAddUp(doc);
    const suites = doc.testsuites.testsuite!;
    expect(suites.map((s) => s.name)).toEqual([COVERAGE, DAYTIME_DUTY]);
    // C1 is the one subject judged without a violation (coverage); O1 has daytime-duty violations.
    expect(Number(doc.testsuites.tests)).toBe(files.report.violations.length + 1);
    expect(Number(doc.testsuites.failures)).toBe(files.report.summary.errors);
  });

  it('makes an error a failure, located at its roster row', () => {
    const daytime = parse(junitFormatter.format(files.report, contextFor(files))).testsuites.testsuite!.find((s) => s.name === DAYTIME_DUTY)!;
    const [first] = daytime.testcase!;
    const violation = files.report.violations.find((v) => v.ruleId === DAYTIME_DUTY)!;
    expect(first).toMatchObject({ classname: DAYTIME_DUTY, name: 'officer O1 2017-04-05', file: 'roster.csv', line: '2' });
    expect(first!.failure![0]).toMatchObject({ type: 'error', message: violation.message });
    expect(first!.failure![0]!['#text']).toContain(`fingerprint: ${violation.fingerprint}`);
  });

  it('shows a warning in system-out of a passing testcase, so only errors turn a CI red', () => {
    const coverage = parse(junitFormatter.format(files.report, contextFor(files))).testsuites.testsuite!.find((s) => s.name === COVERAGE)!;
    const warning = coverage.testcase!.find((c) => c['system-out']);
    expect(warning).toMatchObject({ name: 'community C2 2017-04-03..2017-04-09', file: 'dataset.json' });
    expect(warning!.failure).toBeUndefined();
    expect(warning!['system-out']![0]).toMatch(/^warning: C2 \(宁波路居委\)/);
    expect(warning!['system-out']![0]).toContain('at: communities[1]');
  });

  it('skips waived violations, and the counts still add up', () => {
    const waived = withSuppressions(files.report, (v) => v.ruleId === DAYTIME_DUTY && v.period?.start === '2017-04-07', 'night shift swap & <approved>');
    const doc = parse(junitFormatter.format(waived, contextFor(files)));
    expectCountsAddUp(doc);
    const skipped = doc.testsuites.testsuite!.flatMap((s) => s.testcase!).filter((c) => c.skipped);
    expect(skipped.map((c) => [c.name, c.skipped![0]!.message])).toEqual([['officer O1 2017-04-07', 'suppressed: night shift swap & <approved>']]);
    expect(Number(doc.testsuites.skipped)).toBe(1);
    expect(Number(doc.testsuites.failures)).toBe(files.report.summary.errors - 1);
  });

  it('from the subjects each rule of the report judged: passing testcases, suites for rules that found nothing', () => {
    const described = (id: string, subjects: Subject[]) => ({ ...files.report.rules.find((r) => r.id === COVERAGE)!, id, subjects });
    const report: Report = {
      ...files.report,
      rules: [
        described(COVERAGE, [{ type: 'community', id: 'C1' }, { type: 'community', id: 'C2' }, { type: 'community', id: 'C1' }]),
        described(DAYTIME_DUTY, [{ type: 'officer', id: 'O1' }]),
        described('community-policing/mobile-terminal', [{ type: 'officer', id: 'O1' }]),
      ],
    };
    const doc = parse(junitFormatter.format(report, contextFor(files)));
    expectCountsAddUp(doc);
    const suites = doc.testsuites.testsuite!;
    expect(suites.map((s) => s.name)).toEqual([COVERAGE, 'community-policing/mobile-terminal', DAYTIME_DUTY]);
    // C1 passes (once, though listed twice); C2 is its violation; O1 is its two violations.
    expect(suites[0]!.testcase!.map((c) => c.name)).toEqual(['community C1', 'community C2 2017-04-03..2017-04-09']);
    expect(suites[1]!.testcase!.map((c) => [c.name, c.failure])).toEqual([['officer O1', undefined]]);
    expect(suites[2]!.testcase!.map((c) => c.name)).toEqual(['officer O1 2017-04-05', 'officer O1 2017-04-07']);
    expect(Number(doc.testsuites.tests)).toBe(5);
  });

  it('a clean report is all green: a passing testcase per subject judged; with no rules, an empty, valid <testsuites>', () => {
    const clean: Report = { ...files.report, violations: [], summary: { errors: 0, warnings: 0, byRule: {} } };
    const doc = parse(junitFormatter.format(clean, contextFor(files)));
    expectCountsAddUp(doc);
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(['3', '0']);
    const empty = parse(junitFormatter.format({ ...clean, rules: [] }, contextFor(files)));
    expect(empty.testsuites.tests).toBe('0');
  });

  describe('escapes what XML cannot hold as written', () => {
    const cases: [name: string, message: string, parsedBack: string][] = [
      ['markup characters', `a < b && c > d "quoted" 'single'`, `a < b && c > d "quoted" 'single'`],
      ['entity look-alikes stay text', '&amp; &#10; &lt;', '&amp; &#10; &lt;'],
      ['Chinese text, full-width punctuation and an emoji', '社区民警 O1 (张伟)：日间值班，共 600 分钟 👮', '社区民警 O1 (张伟)：日间值班，共 600 分钟 👮'],
      ['newline, CR and tab survive', 'line one\nline two\r\nthree\tfour', 'line one\nline two\r\nthree\tfour'],
      ['control characters become U+FFFD', 'bell\u0007 vt\u000B ff\u000C nul\u0000 esc\u001B', 'bell\uFFFD vt\uFFFD ff\uFFFD nul\uFFFD esc\uFFFD'],
      ['lone surrogates and non-characters become U+FFFD', 'a\uD800b\uDC00c\uFFFE', 'a\uFFFDb\uFFFDc\uFFFD'],
      ['CDATA terminator', 'x ]]> y', 'x ]]> y'],
    ];
    for (const [name, message, parsedBack] of cases) {
      it(name, () => {
        const report: Report = { ...files.report, violations: files.report.violations.map((v) => ({ ...v, message, subject: { ...v.subject, id: `${v.subject.id}<&>` } })) };
        const doc = parse(junitFormatter.format(report, contextFor(files)));
        const failure = doc.testsuites.testsuite!.find((s) => s.name === DAYTIME_DUTY)!.testcase!.find((c) => c.failure)!;
        expect(failure.failure![0]!.message).toBe(parsedBack);
        expect(failure.failure![0]!['#text'].startsWith(`${parsedBack}\n`)).toBe(true);
        expect(failure.name).toBe('officer O1<&> 2017-04-05');
        const warning = doc.testsuites.testsuite!.find((s) => s.name === COVERAGE)!.testcase!.find((c) => c['system-out'])!;
        expect(warning['system-out']![0]!.startsWith(`warning: ${parsedBack}\n`)).toBe(true);
      });
    }
  });
});
