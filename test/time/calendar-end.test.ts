import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { DutyComplianceError, formatProblem } from '../../src/errors.js';
import { parseDatasetText } from '../../src/io/read-dataset.js';
import { validateInput } from '../../src/model/validate-input.js';
import { addCalendarDays, daysBetween, eachCalendarDate, isCalendarDate, isoWeekOf } from '../../src/time/calendar-date.js';
import { community, dataset, officer } from '../_lib/rule-tester.js';

describe('9999-12-31, the last date, and the days after it', () => {
  it('the day after 9999-12-31 sorts after every date, and back again', () => {
    const next = addCalendarDays('9999-12-31', 1);
    expect(next > '9999-12-31').toBe(true);
    expect(addCalendarDays(next, 9) > addCalendarDays(next, 1)).toBe(true);
    expect(addCalendarDays(next, -1)).toBe('9999-12-31');
    expect(daysBetween('9999-12-31', addCalendarDays(next, 30))).toBe(31);
    expect(isCalendarDate(next)).toBe(false);
    expect(isoWeekOf('9999-12-31')).toEqual({ start: '9999-12-27', end: addCalendarDays('9999-12-31', 2) });
  });

  it('eachCalendarDate ends on 9999-12-31', () => {
    expect(eachCalendarDate('9999-12-30', '9999-12-31')).toEqual(['9999-12-30', '9999-12-31']);
  });

  it('years 0–99 are those years, not 1900–1999', () => {
    expect(isCalendarDate('0050-03-01')).toBe(true);
    expect(addCalendarDays('0100-01-01', -1)).toBe('0099-12-31');
  });

  it('assignments "to 9999-12-31" are open-ended: the same violations as with no end', async () => {
    const withEnd = (to?: string) =>
      dataset({
        communities: [community('C1')],
        officers: [officer('O1', [{ community: 'C1', from: '2010-01-01', ...(to ? { to } : {}) }]), officer('R1', [{ community: 'C1', from: '2017-01-01', ...(to ? { to } : {}) }])],
        transfers: [{ id: 'T1', officer: 'O1', effectiveDate: '2017-04-05', replacement: { officer: 'R1' } }],
      });
    const strip = (r: Awaited<ReturnType<typeof check>>) => r.violations.map((v) => [v.ruleId, v.subject.id, v.period?.start, v.period?.end]);
    expect(strip(await check(withEnd('9999-12-31')))).toEqual(strip(await check(withEnd())));
  });

  it('a check period ending 9999-12-31 is a located error saying the limit, not "Invalid time value"', () => {
    const text = JSON.stringify({ ...dataset(), period: { start: '2017-04-03', end: '9999-12-31' } }, null, 2);
    let problems: string[] = [];
    try {
      validateInput(parseDatasetText(text, 'd.json'));
    } catch (error) {
      problems = (error as DutyComplianceError).problems.map(formatProblem);
    }
    expect(problems).toEqual(['d.json:5:12 period.end: the check period is longer than 100 years (expected an end on or before 2117-04-02, found "9999-12-31")']);
  });
});
