import { dataset, ruleTester } from '../_lib/rule-tester.js';

const entry = (start: string, end: string, type = '专项行动', officer = 'O1') => ({ officer, start, end, type });
const nonCommunityOfficer = { id: 'O9', name: '李强', unit: 'PS1' };

ruleTester('community-policing/no-diversion', {
  valid: [
    { name: 'community work, station duty and leave are not other duty', dataset: dataset({ roster: [entry('2017-04-05T08:00', '2017-04-05T12:00', '社区工作'), entry('2017-04-05T18:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-07T08:00', '2017-04-07T17:00', '休假')] }) },
    {
      name: 'an officer who is not a community officer has no subjects',
      dataset: dataset({ officers: [nonCommunityOfficer], roster: [entry('2017-04-05T08:00', '2017-04-05T17:00', '专项行动', 'O9')] }),
    },
    {
      name: 'other duty on a date before the officer becomes a community officer',
      dataset: dataset({ officers: [{ id: 'O1', unit: 'PS1', assignments: [{ community: 'C1', from: '2017-04-06' }] }], roster: [entry('2017-04-05T08:00', '2017-04-05T17:00')] }),
    },
    { name: 'other duty outside the check period', dataset: dataset({ roster: [entry('2017-04-02T08:00', '2017-04-02T17:00'), entry('2017-04-10T00:00', '2017-04-10T08:00')] }) },
    { name: 'exactly the weekly allowance', dataset: dataset({ roster: [entry('2017-04-05T08:00', '2017-04-05T08:30'), entry('2017-04-08T20:00', '2017-04-08T20:30')] }), options: { allowedMinutesPerWeek: 60 } },
    {
      name: 'non-normal duty left out when exemptNonNormalDuty is true (non-normal duty of an ancestor unit)',
      dataset: dataset({
        nonNormalDuty: [{ start: '2017-04-05', end: '2017-04-06', reason: 'major event security', units: ['HP'] }],
        roster: [entry('2017-04-05T08:00', '2017-04-06T20:00')],
      }),
      options: { exemptNonNormalDuty: true },
    },
    {
      name: 'a user duty type moved into community work',
      dataset: dataset({ roster: [entry('2017-04-05T08:00', '2017-04-05T12:00', '网格巡逻')] }),
      settings: { dutyTypes: { community: ['网格巡逻'] } },
    },
  ],
  invalid: [
    {
      name: 'two hours of other duty: the week is the period, the entry the evidence',
      dataset: dataset({ roster: [entry('2017-04-05T14:00', '2017-04-05T16:00')] }),
      errors: [
        {
          messageId: 'diverted',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-03', end: '2017-04-09' },
          expected: 0,
          actual: 120,
          severity: 'error',
          evidence: [{ source: 'roster', index: 0, officer: 'O1', start: '2017-04-05T14:00', end: '2017-04-05T16:00', type: '专项行动', minutes: 120 }],
          messageIncludes: 'O1 (张伟)',
        },
      ],
    },
    {
      name: 'overlapping entries count once',
      dataset: dataset({ roster: [entry('2017-04-05T09:00', '2017-04-05T11:00'), entry('2017-04-05T10:00', '2017-04-05T12:00')] }),
      errors: [{ messageId: 'diverted', actual: 180, evidence: [{ index: 0, minutes: 120 }, { index: 1, minutes: 120 }] }],
    },
    {
      name: 'an entry crossing midnight into the next week gives each date its own minutes',
      dataset: dataset({ period: { start: '2017-04-03', end: '2017-04-16' }, roster: [entry('2017-04-09T22:00', '2017-04-10T03:00')] }),
      errors: [
        { messageId: 'diverted', period: { start: '2017-04-03', end: '2017-04-09' }, actual: 120, evidence: [{ index: 0, minutes: 120 }] },
        { messageId: 'diverted', period: { start: '2017-04-10', end: '2017-04-16' }, actual: 180, evidence: [{ index: 0, minutes: 180 }] },
      ],
    },
    {
      name: 'an entry crossing the end of the check period counts only the dates inside it; the period stays Monday to Sunday',
      dataset: dataset({ period: { start: '2017-04-05', end: '2017-04-07' }, roster: [entry('2017-04-04T20:00', '2017-04-05T02:00'), entry('2017-04-07T23:00', '2017-04-08T05:00')] }),
      errors: [{ messageId: 'diverted', period: { start: '2017-04-03', end: '2017-04-09' }, actual: 180, evidence: [{ index: 0, minutes: 120 }, { index: 1, minutes: 60 }] }],
    },
    {
      name: 'non-normal duty still counts by default (the source bans diversion without exception)',
      dataset: dataset({ nonNormalDuty: [{ start: '2017-04-05', end: '2017-04-05', reason: 'major event security' }], roster: [entry('2017-04-05T08:00', '2017-04-05T12:00')] }),
      errors: [{ messageId: 'diverted', actual: 240 }],
    },
    {
      name: 'exemptNonNormalDuty leaves out only the non-normal dates',
      dataset: dataset({
        nonNormalDuty: [{ start: '2017-04-05', end: '2017-04-05', reason: 'major event security', units: ['PS1'] }],
        roster: [entry('2017-04-05T08:00', '2017-04-05T12:00'), entry('2017-04-06T08:00', '2017-04-06T09:00')],
      }),
      options: { exemptNonNormalDuty: true },
      errors: [{ messageId: 'diverted', actual: 60, evidence: [{ index: 1, minutes: 60 }] }],
    },
    {
      name: 'non-normal duty of another unit does not exempt',
      dataset: dataset({
        units: [{ id: 'HP', name: '黄浦分局' }, { id: 'PS1', name: '外滩派出所', parent: 'HP' }, { id: 'PS2', name: '南京东路派出所', parent: 'HP' }],
        nonNormalDuty: [{ start: '2017-04-05', end: '2017-04-05', reason: 'major event security', units: ['PS2'] }],
        roster: [entry('2017-04-05T08:00', '2017-04-05T12:00')],
      }),
      options: { exemptNonNormalDuty: true },
      errors: [{ messageId: 'diverted', actual: 240 }],
    },
    {
      name: 'one minute over a raised allowance',
      dataset: dataset({ roster: [entry('2017-04-05T08:00', '2017-04-05T09:01')] }),
      options: { allowedMinutesPerWeek: 60 },
      errors: [{ messageId: 'diverted', expected: 60, actual: 61, messageIncludes: '60' }],
    },
    {
      name: 'only the dates the officer is a community officer count; officers who are not have no subjects',
      dataset: dataset({
        officers: [{ id: 'O1', name: '张伟', unit: 'PS1', assignments: [{ community: 'C1', from: '2015-01-01', to: '2017-04-05' }] }, nonCommunityOfficer],
        roster: [entry('2017-04-05T08:00', '2017-04-05T09:00'), entry('2017-04-06T08:00', '2017-04-06T17:00'), entry('2017-04-05T08:00', '2017-04-05T17:00', '专项行动', 'O9')],
      }),
      errors: [{ messageId: 'diverted', subject: { type: 'officer', id: 'O1' }, actual: 60, evidence: [{ index: 0, minutes: 60 }] }],
    },
  ],
});
