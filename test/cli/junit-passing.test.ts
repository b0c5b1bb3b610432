import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { dataset } from '../_lib/rule-tester.js';
import { COVERAGE, DAYTIME_DUTY, ROSTER_CSV, TWO_COMMUNITIES } from '../format/_lib/reports.js';

const DEDICATED = 'community-policing/dedicated-officer';

interface Counts {
  tests: string;
  failures: string;
  errors: string;
  skipped: string;
}
interface TestCase {
  name: string;
  failure?: unknown[];
  skipped?: unknown[];
  'system-out'?: string[];
}
interface Suite extends Counts {
  name: string;
  testcase?: TestCase[];
}
interface Parsed {
  testsuites: Counts & { testsuite?: Suite[] };
}

const ARRAYS = new Set(['testsuite', 'testcase', 'failure', 'skipped', 'system-out', 'property']);
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ARRAYS.has(name) });

let dir: string;

beforeEach(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-junit-')));
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset({ communities: TWO_COMMUNITIES })));
  writeFileSync(join(dir, 'roster.csv'), ROSTER_CSV);
  // dedicated-officer judges O1 (one assignment) and finds nothing: a green suite.
  writeFileSync(join(dir, 'config.json'), JSON.stringify({ extends: [], rules: { [COVERAGE]: 'warn', [DAYTIME_DUTY]: 'error', [DEDICATED]: 'error' } }));
});

async function checkToJunit(...extra: string[]): Promise<{ code: number; doc: Parsed; xml: string }> {
  const args = ['check', join(dir, 'dataset.json'), '--roster', join(dir, 'roster.csv'), '--config', join(dir, 'config.json'), ...extra];
  const code = await runCli(args, { stdout: () => {}, stderr: () => {}, cwd: dir, isTTY: false });
  const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
  expect(XMLValidator.validate(xml)).toBe(true);
  return { code, doc: parser.parse(xml) as Parsed, xml };
}

/** Each suite's counts are its testcases'; the root's are the suites' sums. */
function expectCountsAddUp(doc: Parsed): void {
  const sum = { tests: 0, failures: 0, skipped: 0 };
  for (const suite of doc.testsuites.testsuite ?? []) {
    const cases = suite.testcase ?? [];
    const counts = { tests: cases.length, failures: cases.filter((c) => c.failure).length, skipped: cases.filter((c) => c.skipped).length };
    expect([suite.tests, suite.failures, suite.errors, suite.skipped].map(Number)).toEqual([counts.tests, counts.failures, 0, counts.skipped]);
    sum.tests += counts.tests;
    sum.failures += counts.failures;
    sum.skipped += counts.skipped;
  }
  const root = doc.testsuites;
  expect([root.tests, root.failures, root.errors, root.skipped].map(Number)).toEqual([sum.tests, sum.failures, 0, sum.skipped]);
}

describe('check --format junit: passing testcases', () => {
  it('lists rules that found nothing as green suites and subjects without violations as passing testcases', async () => {
    const { code, doc } = await checkToJunit('--format', 'junit', '--output', 'junit.xml');
    expect(code).toBe(1);
    expectCountsAddUp(doc);
    const suites = new Map((doc.testsuites.testsuite ?? []).map((s) => [s.name, s]));
    expect([...suites.keys()]).toEqual([COVERAGE, DEDICATED, DAYTIME_DUTY]);
    // The rule that found nothing: one passing testcase per subject it judged.
    const dedicated = suites.get(DEDICATED)!;
    expect(dedicated.testcase!.map((c) => [c.name, c.failure, c.skipped])).toEqual([['officer O1', undefined, undefined]]);
    expect([dedicated.tests, dedicated.failures]).toEqual(['1', '0']);
    // C1 passes; C2 is its warning (a passing testcase that says so).
    const coverage = suites.get(COVERAGE)!.testcase!;
    expect(coverage.map((c) => c.name)).toEqual(['community C1', 'community C2 2017-04-03..2017-04-09']);
    expect(coverage[0]).toEqual({ classname: COVERAGE, name: 'community C1' });
    // O1 has violations of this rule, so it is no passing testcase here.
    expect(suites.get(DAYTIME_DUTY)!.testcase!.map((c) => [c.name, c.failure !== undefined])).toEqual([
      ['officer O1 2017-04-05', true],
      ['officer O1 2017-04-07', true],
    ]);
    expect([doc.testsuites.tests, doc.testsuites.failures]).toEqual(['5', '2']);
  });

  it('the same bytes when JUnit is one output among others', async () => {
    const { xml } = await checkToJunit('--format', 'junit', '--output', 'junit.xml');
    const again = await checkToJunit('--format', 'json', '--output', 'r.json', '--format', 'junit', '--output', 'junit.xml', '--format', 'text');
    expect(again.xml).toBe(xml);
  });
});
