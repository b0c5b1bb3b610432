import { dataset, ruleTester } from '../_lib/rule-tester.js';

const room = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  communities: ['C1'],
  independentRoom: true,
  signage: true,
  serviceFunctions: true,
  governanceTheme: true,
  ...extra,
});

ruleTester('community-policing/police-room-standard', {
  valid: [
    { name: 'no police rooms in the dataset', dataset: dataset() },
    { name: 'a room meeting all four marks', dataset: dataset({ policeRooms: [room('R001')] }) },
    { name: 'a room serving no listed community but meeting the standard', dataset: dataset({ policeRooms: [room('R001', { communities: [] })] }) },
  ],
  invalid: [
    {
      name: 'one mark missing',
      dataset: dataset({ policeRooms: [room('R001', { governanceTheme: false })] }),
      errors: [
        {
          messageId: 'belowStandard',
          subject: { type: 'policeRoom', id: 'R001' },
          period: undefined,
          severity: 'error',
          details: { missing: ['governanceTheme'] },
          evidence: [{ source: 'policeRoom', id: 'R001', index: 0, path: 'policeRooms[0]' }],
          messageIncludes: '社区警务室 R001 [C1 (云南中路居委)] 未达到规范化标准，缺少：社区治理主题',
        },
      ],
    },
    {
      name: 'several marks missing are listed in the standard order, whatever the field order',
      dataset: dataset({ policeRooms: [{ id: 'R001', communities: ['C1'], governanceTheme: false, serviceFunctions: true, signage: false, independentRoom: false }] }),
      errors: [{ messageId: 'belowStandard', details: { missing: ['independentRoom', 'signage', 'governanceTheme'] }, messageIncludes: '缺少：独立成间、鲜明标识、社区治理主题' }],
    },
    {
      name: 'all four missing',
      dataset: dataset({ policeRooms: [room('R001', { independentRoom: false, signage: false, serviceFunctions: false, governanceTheme: false })] }),
      errors: [{ messageId: 'belowStandard', details: { missing: ['independentRoom', 'signage', 'serviceFunctions', 'governanceTheme'] } }],
    },
    {
      name: 'each room separately, in id order; a room without communities is named by its id alone',
      dataset: dataset({
        policeRooms: [room('R002', { signage: false, communities: [] }), room('R001'), room('R000', { serviceFunctions: false })],
      }),
      errors: [
        { messageId: 'belowStandard', subject: { type: 'policeRoom', id: 'R000' }, details: { missing: ['serviceFunctions'] }, evidence: [{ path: 'policeRooms[2]' }] },
        { messageId: 'belowStandard', subject: { type: 'policeRoom', id: 'R002' }, details: { missing: ['signage'] }, evidence: [{ path: 'policeRooms[0]' }], messageIncludes: '社区警务室 R002 未达到' },
      ],
    },
  ],
});
