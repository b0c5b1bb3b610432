import { dataset, officerO1, ruleTester } from '../_lib/rule-tester.js';

ruleTester('community-policing/mobile-terminal', {
  valid: [
    { name: 'mobileTerminal absent: not checked', dataset: dataset() },
    { name: 'an officer with a terminal', dataset: dataset({ officers: [officerO1({ mobileTerminal: true })] }) },
    {
      name: 'not a community officer on the last date',
      dataset: dataset({ officers: [officerO1({ mobileTerminal: false }, [{ community: 'C1', from: '2015-01-01', to: '2017-04-08' }])] }),
    },
    { name: 'an officer with no assignment at all', dataset: dataset({ officers: [officerO1({ mobileTerminal: false }, [])] }) },
  ],
  invalid: [
    {
      name: 'a community officer without a terminal',
      dataset: dataset({ officers: [officerO1({ mobileTerminal: false })] }),
      errors: [
        {
          messageId: 'noMobileTerminal',
          subject: { type: 'officer', id: 'O1' },
          period: undefined,
          severity: 'error',
          details: {},
          evidence: [{ source: 'officer', id: 'O1', index: 0, path: 'officers[0]' }],
          messageIncludes: '社区民警 O1 (张伟) 未配备移动警务终端',
        },
      ],
    },
    {
      name: 'only officers who are community officers on the last date, in id order',
      dataset: dataset({
        officers: [
          { id: 'O3', unit: 'PS1', mobileTerminal: false, assignments: [{ community: 'C1', from: '2017-04-09' }] },
          { id: 'O2', unit: 'PS1', mobileTerminal: false, assignments: [{ community: 'C1', from: '2015-01-01', to: '2017-04-05' }] },
          { id: 'O1', unit: 'PS1', mobileTerminal: false, assignments: [{ community: 'C1', from: '2015-01-01' }] },
        ],
      }),
      errors: [
        { messageId: 'noMobileTerminal', subject: { type: 'officer', id: 'O1' }, evidence: [{ path: 'officers[2]' }] },
        { messageId: 'noMobileTerminal', subject: { type: 'officer', id: 'O3' }, evidence: [{ path: 'officers[0]' }] },
      ],
    },
  ],
});
