import { describe, expect, it } from 'vitest';
import { check } from '../../../src/check.js';
import { dataset, officer, ruleTester } from '../../_lib/rule-tester.js';

/**
 * working-time/daily-rest (working-time.md): at least minRestMinutes (660) between two duty
 * periods; entries less than settings.workingTime.breakMinutes (120) apart are one period; one
 * violation per officer and date on which the later period starts, the shortest rest as actual.
 * The check period is 2017-04-03 – 04-09 (Asia/Shanghai) unless a case says otherwise.
 */
const entry = (start: string, end: string, type = '社区工作', officerId = 'O1') => ({ officer: officerId, start, end, type });
const night = entry('2017-04-05T18:00', '2017-04-06T02:00', '所内值班');
const at = (...roster: unknown[]) => dataset({ roster });

ruleTester('working-time/daily-rest', {
  valid: [
    { name: 'a rest of exactly the minimum (660 minutes)', dataset: at(night, entry('2017-04-06T13:00', '2017-04-06T17:00')) },
    {
      name: 'a split shift with a 90-minute lunch is one duty period, not a rest',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T11:30'), entry('2017-04-05T13:00', '2017-04-05T17:00')),
    },
    {
      name: 'a gap of one minute less than breakMinutes merges the entries into one period',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T12:00'), entry('2017-04-05T13:59', '2017-04-05T17:00')),
    },
    {
      name: 'entries that touch or overlap are one period',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T12:00'), entry('2017-04-05T12:00', '2017-04-05T16:00', '所内值班'), entry('2017-04-05T15:00', '2017-04-05T19:00', '专案协查')),
    },
    {
      name: 'touching entries are one period even with breakMinutes 0',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T12:00'), entry('2017-04-05T12:00', '2017-04-05T16:00')),
      settings: { workingTime: { breakMinutes: 0 } },
    },
    {
      name: 'leave between two duties is not work: the rest runs from the end of the night to the afternoon',
      dataset: at(night, entry('2017-04-06T08:00', '2017-04-06T12:00', '休假'), entry('2017-04-06T13:00', '2017-04-06T17:00')),
    },
    {
      name: 'training is not work when countsAsWork is []',
      dataset: at(night, entry('2017-04-06T08:00', '2017-04-06T12:00', '培训'), entry('2017-04-06T13:00', '2017-04-06T17:00')),
      settings: { workingTime: { countsAsWork: [] } },
    },
    {
      name: 'a type moved to excused in settings.dutyTypes is no longer work',
      dataset: at(night, entry('2017-04-06T08:00', '2017-04-06T12:00', '会议'), entry('2017-04-06T13:00', '2017-04-06T17:00')),
      settings: { dutyTypes: { excused: ['会议'] } },
    },
    {
      name: 'a rest whose later period starts after the check period is not checked',
      dataset: at(entry('2017-04-09T18:00', '2017-04-09T23:00', '所内值班'), entry('2017-04-10T06:00', '2017-04-10T12:00')),
    },
    {
      name: 'the morning after a night duty ending 08:00 with the next duty 19:00 (exactly 11 hours)',
      dataset: at(entry('2017-04-05T18:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-06T08:00', '2017-04-06T12:00', '补休'), entry('2017-04-06T19:00', '2017-04-06T23:00', '所内值班')),
    },
    {
      name: 'a shorter minimum in the options',
      dataset: at(night, entry('2017-04-06T12:00', '2017-04-06T17:00')),
      options: { minRestMinutes: 600 },
    },
    {
      name: 'DST in Europe/Berlin: 20:00 to 08:00 across the spring change is 11 elapsed hours',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-03-20', end: '2017-03-26' },
        roster: [entry('2017-03-25T14:00', '2017-03-25T20:00', '所内值班'), entry('2017-03-26T08:00', '2017-03-26T12:00')],
      }),
    },
    {
      name: 'DST in Europe/Berlin: 21:00 to 07:00 across the autumn change is 660 elapsed minutes, enough although the clock says 10 hours',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-10-23', end: '2017-10-29' },
        roster: [entry('2017-10-28T14:00', '2017-10-28T21:00', '所内值班'), entry('2017-10-29T07:00', '2017-10-29T12:00')],
      }),
    },
  ],
  invalid: [
    {
      name: 'one minute less than the minimum: the entries around the rest are the evidence',
      dataset: at(night, entry('2017-04-06T12:59', '2017-04-06T17:00')),
      errors: [
        {
          messageId: 'shortRest',
          severity: 'error',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-06', end: '2017-04-06' },
          expected: 660,
          actual: 659,
          evidence: [{ source: 'roster', index: 0, start: '2017-04-05T18:00', end: '2017-04-06T02:00' }, { source: 'roster', index: 1 }],
          messageIncludes: '仅休息 659 分钟',
        },
      ],
    },
    {
      name: 'a gap of exactly breakMinutes is a rest, not a break',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T12:00'), entry('2017-04-05T14:00', '2017-04-05T17:00')),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-05', end: '2017-04-05' }, actual: 120, evidence: [{ index: 0 }, { index: 1 }] }],
    },
    {
      name: 'several short rests ending on one date give one violation, the shortest as actual',
      dataset: at(
        night,
        entry('2017-04-06T06:00', '2017-04-06T08:00', '所内值班'),
        entry('2017-04-06T10:00', '2017-04-06T12:00'),
        entry('2017-04-06T15:00', '2017-04-06T16:00'),
      ),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 120, evidence: [{ index: 0 }, { index: 1 }, { index: 2 }, { index: 3 }] }],
    },
    {
      name: 'training between two duties is work by default',
      dataset: at(night, entry('2017-04-06T08:00', '2017-04-06T12:00', '培训'), entry('2017-04-06T13:00', '2017-04-06T17:00')),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 360, evidence: [{ index: 0 }, { index: 1, type: '培训' }] }],
    },
    {
      name: 'a configured countsAsWork replaces the default and matches trimmed and case-folded',
      dataset: at(night, entry('2017-04-06T08:00', '2017-04-06T12:00', ' Firearms-Drill '), entry('2017-04-06T13:00', '2017-04-06T17:00', '培训')),
      settings: { dutyTypes: { excused: ['firearms-drill'] }, workingTime: { countsAsWork: ['FIREARMS-DRILL'] } },
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 360, evidence: [{ index: 0 }, { index: 1 }] }],
    },
    {
      name: 'night duty across midnight, then community work on the 下夜班 afternoon',
      dataset: at(entry('2017-04-05T18:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-06T08:00', '2017-04-06T12:00', '补休'), entry('2017-04-06T13:30', '2017-04-06T16:30')),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 330, evidence: [{ index: 0 }, { index: 2 }] }],
    },
    {
      name: 'a rest that begins before the check period and ends inside it is checked',
      dataset: at(entry('2017-04-02T18:00', '2017-04-03T02:00', '所内值班'), entry('2017-04-03T08:00', '2017-04-03T12:00')),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-03', end: '2017-04-03' }, actual: 360, evidence: [{ index: 0 }, { index: 1 }] }],
    },
    {
      name: 'the evidence is the entry ending the earlier period last and the one starting the later period first',
      dataset: at(
        entry('2017-04-05T08:00', '2017-04-05T20:00', '所内值班'),
        entry('2017-04-05T10:00', '2017-04-05T12:00'),
        entry('2017-04-06T06:30', '2017-04-06T09:00'),
        entry('2017-04-06T06:00', '2017-04-06T10:00', '所内值班'),
      ),
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 600, evidence: [{ index: 0 }, { index: 3 }] }],
    },
    {
      name: 'every officer is checked, not only community officers',
      dataset: dataset({
        officers: [officer('O1', [{ community: 'C1', from: '2015-01-01' }]), officer('S1')],
        roster: [entry('2017-04-05T08:00', '2017-04-05T18:00', '所内值班', 'S1'), entry('2017-04-06T02:00', '2017-04-06T08:00', '所内值班', 'S1')],
      }),
      errors: [{ messageId: 'shortRest', subject: { type: 'officer', id: 'S1' }, period: { start: '2017-04-06', end: '2017-04-06' }, actual: 480 }],
    },
    {
      name: 'breakMinutes 180 merges a 150-minute lunch and a 179-minute gap: only the night between the two days is a rest',
      dataset: at(entry('2017-04-05T08:00', '2017-04-05T11:30'), entry('2017-04-05T14:00', '2017-04-05T17:00'), entry('2017-04-06T08:00', '2017-04-06T10:00'), entry('2017-04-06T12:59', '2017-04-06T17:00')),
      settings: { workingTime: { breakMinutes: 180 } },
      errors: [{ messageId: 'shortRest', period: { start: '2017-04-06', end: '2017-04-06' }, actual: 900 }],
      options: { minRestMinutes: 901 },
    },
    {
      name: 'DST in Europe/Berlin: 20:00 to 07:00 across the spring change is 600 elapsed minutes, not 660',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-03-20', end: '2017-03-26' },
        roster: [entry('2017-03-25T14:00', '2017-03-25T20:00', '所内值班'), entry('2017-03-26T07:00', '2017-03-26T12:00')],
      }),
      errors: [{ messageId: 'shortRest', period: { start: '2017-03-26', end: '2017-03-26' }, actual: 600 }],
    },
    {
      name: 'DST in Europe/Berlin: 21:00 to 07:00 across the autumn change is 660 elapsed minutes (600 on the clock)',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-10-23', end: '2017-10-29' },
        roster: [entry('2017-10-28T14:00', '2017-10-28T21:00', '所内值班'), entry('2017-10-29T07:00', '2017-10-29T12:00')],
      }),
      options: { minRestMinutes: 661 },
      errors: [{ messageId: 'shortRest', period: { start: '2017-10-29', end: '2017-10-29' }, actual: 660 }],
    },
  ],
});

describe('working-time/daily-rest evidence', () => {
  it('lists each short rest\'s two entries once, in rest order', async () => {
    const report = await check(
      at(night, entry('2017-04-06T06:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-06T10:00', '2017-04-06T12:00'), entry('2017-04-06T15:00', '2017-04-06T16:00')),
      { config: { extends: ['working-time/recommended'] }, language: 'en' },
    );
    const [v] = report.violations;
    expect(report.violations).toHaveLength(1);
    expect(v!.evidence.map((e) => (e as { index: number }).index)).toEqual([0, 1, 2, 3]);
    expect(v!.message).toBe('Officer O1 (张伟) rested only 120 minutes before the duty starting on 2017-04-06; at least 660 are required');
  });
});
