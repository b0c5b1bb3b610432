import { community, dataset, ruleTester } from '../_lib/rule-tester.js';

ruleTester('community-policing/full-time-security-director', {
  valid: [
    { name: 'securityDirector absent: not checked', dataset: dataset() },
    { name: 'fullTime absent: not checked', dataset: dataset({ communities: [community('C1', { securityDirector: { name: '王芳' } })] }) },
    { name: 'a full-time director', dataset: dataset({ communities: [community('C1', { securityDirector: { name: '王芳', fullTime: true } })] }) },
    {
      name: 'a community without any officer is still fine when its director is full-time',
      dataset: dataset({ communities: [community('C1', { securityDirector: { fullTime: true } })], officers: [] }),
    },
  ],
  invalid: [
    {
      name: 'a part-time director, named',
      dataset: dataset({ communities: [{ id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1', securityDirector: { name: '王芳', fullTime: false } }] }),
      errors: [
        {
          messageId: 'notFullTime',
          subject: { type: 'community', id: 'C1' },
          period: undefined,
          severity: 'error',
          details: { securityDirector: '王芳' },
          evidence: [{ source: 'community', id: 'C1', index: 0, path: 'communities[0]' }],
          messageIncludes: 'C1 (云南中路居委) 的治保主任非专职',
        },
      ],
    },
    {
      name: 'a part-time director without a name; a village committee too',
      dataset: dataset({ communities: [community('C1', { kind: 'village', securityDirector: { fullTime: false } })] }),
      errors: [{ messageId: 'notFullTime', subject: { type: 'community', id: 'C1' }, details: {} }],
    },
    {
      name: 'each community separately, in id order, whether or not it has officers',
      dataset: dataset({
        communities: [
          community('C3', { securityDirector: { fullTime: false } }),
          community('C1', { securityDirector: { fullTime: true } }),
          community('C2', { securityDirector: { fullTime: false } }),
        ],
        officers: [],
      }),
      errors: [
        { messageId: 'notFullTime', subject: { type: 'community', id: 'C2' }, evidence: [{ path: 'communities[2]' }] },
        { messageId: 'notFullTime', subject: { type: 'community', id: 'C3' }, evidence: [{ path: 'communities[0]' }] },
      ],
    },
  ],
});
