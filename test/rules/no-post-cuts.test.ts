import { dataset, ruleTester } from '../_lib/rule-tester.js';

const snapshot = (unit: string, date: string, communityPosts: number) => ({ unit, date, communityPosts });
const units = [
  { id: 'HP', name: '黄浦分局' },
  { id: 'PS1', name: '外滩派出所', parent: 'HP' },
  { id: 'PS2', name: '南京东路派出所', parent: 'HP' },
];

ruleTester('community-policing/no-post-cuts', {
  valid: [
    { name: 'no snapshots', dataset: dataset() },
    { name: 'a single snapshot', dataset: dataset({ establishment: [snapshot('PS1', '2017-03-31', 12)] }) },
    {
      name: 'equal numbers, then an increase',
      dataset: dataset({ establishment: [snapshot('PS1', '2016-12-31', 12), snapshot('PS1', '2017-03-31', 12), snapshot('PS1', '2017-06-30', 14)] }),
    },
    {
      name: 'two units are never compared with each other',
      dataset: dataset({ units, establishment: [snapshot('PS1', '2016-12-31', 12), snapshot('PS2', '2017-03-31', 8)] }),
    },
    {
      name: 'given out of order, the snapshots only grow in date order',
      dataset: dataset({ establishment: [snapshot('PS1', '2017-06-30', 14), snapshot('PS1', '2016-12-31', 10), snapshot('PS1', '2017-03-31', 12)] }),
    },
  ],
  invalid: [
    {
      name: 'a cut: subject the unit, period from the earlier snapshot to this one, both snapshots as evidence',
      dataset: dataset({ establishment: [snapshot('PS1', '2016-12-31', 12), snapshot('PS1', '2017-03-31', 11)] }),
      errors: [
        {
          messageId: 'postsCut',
          subject: { type: 'unit', id: 'PS1' },
          period: { start: '2016-12-31', end: '2017-03-31' },
          expected: 12,
          actual: 11,
          severity: 'error',
          details: {},
          evidence: [
            { source: 'establishment', unit: 'PS1', date: '2016-12-31', communityPosts: 12, index: 0, path: 'establishment[0]' },
            { source: 'establishment', unit: 'PS1', date: '2017-03-31', communityPosts: 11, index: 1, path: 'establishment[1]' },
          ],
          messageIncludes: 'PS1 (外滩派出所) 的社区民警在编岗位由 2016-12-31 的 12 个减少为 2017-03-31 的 11 个',
        },
      ],
    },
    {
      name: 'snapshots out of order are compared in date order',
      dataset: dataset({ establishment: [snapshot('PS1', '2017-06-30', 9), snapshot('PS1', '2016-12-31', 12), snapshot('PS1', '2017-03-31', 10)] }),
      errors: [
        { messageId: 'postsCut', period: { start: '2016-12-31', end: '2017-03-31' }, expected: 12, actual: 10, evidence: [{ index: 1 }, { index: 2 }] },
        { messageId: 'postsCut', period: { start: '2017-03-31', end: '2017-06-30' }, expected: 10, actual: 9, evidence: [{ index: 2 }, { index: 0 }] },
      ],
    },
    {
      name: 'each snapshot is compared with the one just before it, not the highest',
      dataset: dataset({ establishment: [snapshot('PS1', '2016-06-30', 12), snapshot('PS1', '2016-12-31', 10), snapshot('PS1', '2017-03-31', 11), snapshot('PS1', '2017-06-30', 11)] }),
      errors: [{ messageId: 'postsCut', period: { start: '2016-06-30', end: '2016-12-31' }, expected: 12, actual: 10 }],
    },
    {
      name: 'snapshots far outside the check period are still checked',
      dataset: dataset({ establishment: [snapshot('PS1', '2010-01-01', 5), snapshot('PS1', '2011-01-01', 0)] }),
      errors: [{ messageId: 'postsCut', period: { start: '2010-01-01', end: '2011-01-01' }, expected: 5, actual: 0 }],
    },
    {
      name: 'two units, each on its own, in unit order',
      dataset: dataset({
        units,
        establishment: [snapshot('PS2', '2016-12-31', 8), snapshot('PS1', '2016-12-31', 12), snapshot('PS2', '2017-03-31', 7), snapshot('PS1', '2017-03-31', 11)],
      }),
      errors: [
        { messageId: 'postsCut', subject: { type: 'unit', id: 'PS1' }, expected: 12, actual: 11 },
        { messageId: 'postsCut', subject: { type: 'unit', id: 'PS2' }, expected: 8, actual: 7, messageIncludes: 'PS2 (南京东路派出所)' },
      ],
    },
  ],
});
