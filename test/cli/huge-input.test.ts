import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { PROBLEMS_PRINTED_PER_FILE } from '../../src/cli/run-cli.js';
import { isDutyComplianceError } from '../../src/errors.js';
import { runCliCapturing } from '../_lib/cli.js';
import { dataset } from '../_lib/rule-tester.js';

/**
 * One systematic mistake in a huge export: every problem is counted and kept, each is located,
 * stderr shows the first ones of each file and a count of the rest. (Speed is the benchmark's;
 * a quadratic locator would not finish within the test timeout.)
 */
let dir: string;
beforeAll(() => {
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'duty-huge-')));
  writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCliCapturing(args, { cwd: dir });

function expectBounded(stderr: string, total: number, file: string): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(`duty-compliance: the input cannot be used (${total} problems):`);
  expect(lines.filter((l) => l.startsWith(`  ${file}:`))).toHaveLength(PROBLEMS_PRINTED_PER_FILE);
  expect(lines.at(-1)).toBe(`  … and ${total - PROBLEMS_PRINTED_PER_FILE} more in ${file}`);
}

describe('huge numbers of problems', () => {
  it('200,000 bad CSV rows: exit 2, every one counted, 100 printed', async () => {
    const csv = join(dir, 'bad.csv');
    const rows = Array.from({ length: 200_000 }, (_, i) => `O1,2017-04-${String((i % 28) + 1).padStart(2, '0')},25:00,9:00,社区工作`);
    writeFileSync(csv, `officer,date,startTime,endTime,type\n${rows.join('\n')}\n`);
    const { code, stdout, stderr } = await cli('check', join(dir, 'dataset.json'), '--roster', csv);
    expect([code, stdout]).toEqual([2, '']);
    expectBounded(stderr, 200_000, csv);
    expect(stderr).toContain(`  ${csv}:101:3 startTime: invalid value (expected a time H:mm or HH:mm, found "25:00")\n  … and`);
    expect(stderr).not.toContain('internal error');
  });

  it('150,000 bad NDJSON lines and 40,000 located dataset problems together', async () => {
    const ndjson = join(dir, 'bad.ndjson');
    writeFileSync(ndjson, `${Array.from({ length: 150_000 }, () => '{"officer":"NOBODY","start":"2017-04-05T08:00","end":"2017-04-05T09:00","type":"x"}').join('\n')}\n`);
    const data = dataset();
    const big = join(dir, 'big.json');
    writeFileSync(big, JSON.stringify({ ...data, officers: [...(data.officers as unknown[]), ...Array.from({ length: 40_000 }, (_, i) => ({ id: `X${i}`, unit: 'NO-SUCH-UNIT' }))] }, null, 1));
    const { code, stdout, stderr } = await cli('check', big, '--roster', ndjson);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr.split('\n')[0]).toBe('duty-compliance: the input cannot be used (190000 problems):');
    expect(stderr).toContain(`  … and ${150_000 - PROBLEMS_PRINTED_PER_FILE} more in ${ndjson}`);
    expect(stderr).toContain(`  … and ${40_000 - PROBLEMS_PRINTED_PER_FILE} more in ${big}`);
    expect(stderr).toMatch(new RegExp(`  ${big.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+:\\d+ officers\\[\\d+\\]\\.unit: unknown unit`));
  });

  it('check() with 1,000,000 null officers: one DutyComplianceError with every problem', async () => {
    const data = { ...dataset(), officers: Array.from({ length: 1_000_000 }, () => null) };
    const error = await check(data).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isDutyComplianceError(error)).toBe(true);
    const { problems, message } = error as { problems: unknown[]; message: string };
    expect(problems).toHaveLength(1_000_000);
    expect(message.length).toBeLessThan(5_000);
    expect(message).toMatch(/^1000000 problems: .*; and 999990 more$/);
  });
});

describe('a huge value in a problem', () => {
  it('is shortened when printed, and kept whole in the error', async () => {
    const { formatProblem } = await import('../../src/errors.js');
    const received = JSON.stringify('x'.repeat(1_000_000));
    const line = formatProblem({ file: 'r.csv', line: 2, path: 'date', message: 'invalid value', received });
    expect(line.length).toBeLessThan(300);
    expect(line).toMatch(/^r\.csv:2 date: invalid value \(found "x{198}… \(1000002 characters\)\)$/);
  });
});
