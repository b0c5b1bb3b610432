import { community, dataset, officer, ruleTester } from '../_lib/rule-tester.js';

const communities = [community('C1'), community('C2'), community('C3')];
const assignment = (c: string, from: string, to?: string) => ({ community: c, from, ...(to ? { to } : {}) });

ruleTester('community-policing/dedicated-officer', {
  valid: [
    { name: 'one officer, one community', dataset: dataset() },
    {
      name: 'two overlapping assignments to the same community are one community',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C1', '2017-04-01', '2017-04-30')])] }),
    },
    {
      name: 'back-to-back assignments to two communities: one leaves on the 5th, the next starts on the 6th',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01', '2017-04-05'), assignment('C2', '2017-04-06')])] }),
    },
    {
      name: 'an overlap that ends before the check period is not reported',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-03-01', '2017-04-02')])] }),
    },
    {
      name: 'an overlap that starts after the check period is not reported',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-04-10')])] }),
    },
    {
      name: 'an officer with no assignment is not a community officer',
      dataset: dataset({ officers: [officer('O1', [])] }),
    },
  ],
  invalid: [
    {
      name: 'two communities over the whole period: one run, clipped to the period',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2016-01-01')])] }),
      errors: [
        {
          messageId: 'sharedOfficer',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-03', end: '2017-04-09' },
          expected: 1,
          actual: 2,
          severity: 'error',
          evidence: [
            { source: 'assignment', officer: 'O1', index: 0, community: 'C1', path: 'officers[0].assignments[0]' },
            { source: 'assignment', officer: 'O1', index: 1, community: 'C2', path: 'officers[0].assignments[1]' },
          ],
          messageIncludes: '警员O1',
        },
      ],
    },
    {
      name: 'an overlap of two dates inside the period',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-04-05', '2017-04-06')])] }),
      errors: [{ messageId: 'sharedOfficer', period: { start: '2017-04-05', end: '2017-04-06' }, expected: 1, actual: 2 }],
    },
    {
      name: 'an overlap clipped to the period start',
      dataset: dataset({ communities, officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-03-20', '2017-04-04')])] }),
      errors: [{ messageId: 'sharedOfficer', period: { start: '2017-04-03', end: '2017-04-04' }, actual: 2 }],
    },
    {
      name: 'the number of communities changes, so the runs split',
      dataset: dataset({
        communities,
        officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-04-04', '2017-04-07'), assignment('C3', '2017-04-06', '2017-04-08')])],
      }),
      errors: [
        { messageId: 'sharedOfficer', period: { start: '2017-04-04', end: '2017-04-05' }, actual: 2 },
        { messageId: 'sharedOfficer', period: { start: '2017-04-06', end: '2017-04-07' }, actual: 3, evidence: [{ community: 'C1' }, { community: 'C2' }, { community: 'C3' }] },
        { messageId: 'sharedOfficer', period: { start: '2017-04-08', end: '2017-04-08' }, actual: 2 },
      ],
    },
    {
      name: 'the same number of communities on consecutive dates is one run, even when the second community changes',
      dataset: dataset({
        communities,
        officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C2', '2017-04-01', '2017-04-05'), assignment('C3', '2017-04-06')])],
      }),
      errors: [
        {
          messageId: 'sharedOfficer',
          period: { start: '2017-04-03', end: '2017-04-09' },
          actual: 2,
          evidence: [{ community: 'C1' }, { community: 'C2' }, { community: 'C3' }],
        },
      ],
    },
    {
      name: 'three assignments, two of them to one community, are two communities',
      dataset: dataset({
        communities,
        officers: [officer('O1', [assignment('C1', '2015-01-01'), assignment('C1', '2017-01-01'), assignment('C2', '2017-04-09')])],
      }),
      errors: [{ messageId: 'sharedOfficer', period: { start: '2017-04-09', end: '2017-04-09' }, actual: 2 }],
    },
    {
      name: 'each officer separately, in id order',
      dataset: dataset({
        communities,
        officers: [
          officer('O2', [assignment('C1', '2015-01-01'), assignment('C3', '2017-04-08')]),
          officer('O1', [assignment('C2', '2015-01-01'), assignment('C3', '2015-01-01', '2017-04-03')]),
        ],
      }),
      errors: [
        { messageId: 'sharedOfficer', subject: { type: 'officer', id: 'O1' }, period: { start: '2017-04-03', end: '2017-04-03' } },
        { messageId: 'sharedOfficer', subject: { type: 'officer', id: 'O2' }, period: { start: '2017-04-08', end: '2017-04-09' } },
      ],
    },
  ],
});
