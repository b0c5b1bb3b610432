import { dataset, officer, ruleTester } from '../_lib/rule-tester.js';

const communities = [
  { id: 'C1', name: '云南中路居委', kind: 'residential', unit: 'PS1' },
  { id: 'C2', name: '宁波路居委', kind: 'residential', unit: 'PS1' },
];
const transfer = (extra: Record<string, unknown> = {}) => ({ id: 'T1', officer: 'O1', effectiveDate: '2017-06-01', to: 'PS2', ...extra });
/** O1 with the given assignments and one transfer request. */
const withTransfer = (assignments: unknown[], request: Record<string, unknown> = {}) =>
  dataset({ communities, officers: [officer('O1', assignments)], transfers: [transfer(request)] });
const exception = { approvedBy: '黄浦分局', reference: '沪公黄人〔2017〕12号' };

ruleTester('community-policing/five-year-tenure', {
  valid: [
    { name: 'no transfer requests', dataset: dataset() },
    { name: 'more than five years in the post', dataset: withTransfer([{ community: 'C1', from: '2010-01-01' }]) },
    { name: 'tenure exactly at the anniversary', dataset: withTransfer([{ community: 'C1', from: '2012-06-01' }]) },
    {
      name: 'a 29 February start reaches its anniversary on 28 February: a transfer on 28 February of the fifth year is fine',
      dataset: withTransfer([{ community: 'C1', from: '2012-02-29' }], { effectiveDate: '2017-02-28' }),
    },
    {
      name: 'back-to-back assignments to one community are one tenure',
      dataset: withTransfer([
        { community: 'C1', from: '2010-01-01', to: '2013-12-31' },
        { community: 'C1', from: '2014-01-01', to: '2015-12-31' },
        { community: 'C1', from: '2016-01-01' },
      ]),
    },
    {
      name: 'overlapping assignments to one community are one tenure, whatever their order in the list',
      dataset: withTransfer([
        { community: 'C1', from: '2014-01-01' },
        { community: 'C1', from: '2011-01-01', to: '2014-06-30' },
      ]),
    },
    {
      name: 'fromCommunity picks the long-held post over a newer one',
      dataset: withTransfer([{ community: 'C1', from: '2010-01-01' }, { community: 'C2', from: '2016-01-01' }], { fromCommunity: 'C1' }),
    },
    {
      name: 'not a community officer’s request: no assignment holds on the day before the effective date',
      dataset: withTransfer([{ community: 'C1', from: '2016-01-01', to: '2017-05-30' }]),
    },
    {
      name: 'not a community officer’s request: the assignment starts on the effective date',
      dataset: withTransfer([{ community: 'C1', from: '2017-06-01' }]),
    },
    {
      name: 'not a community officer’s request: fromCommunity names a community the officer does not hold',
      dataset: withTransfer([{ community: 'C1', from: '2016-01-01' }], { fromCommunity: 'C2' }),
    },
    {
      name: 'minYears lowered to 2',
      dataset: withTransfer([{ community: 'C1', from: '2015-01-01' }]),
      options: { minYears: 2 },
    },
  ],
  invalid: [
    {
      name: 'less than five years, outside the check period: subject the request, period its effective date',
      dataset: withTransfer([{ community: 'C1', from: '2015-01-01' }]),
      errors: [
        {
          messageId: 'earlyTransfer',
          subject: { type: 'transfer', id: 'T1' },
          period: { start: '2017-06-01', end: '2017-06-01' },
          expected: '2020-01-01',
          actual: 882,
          severity: 'error',
          details: { community: 'C1', tenureStart: '2015-01-01' },
          evidence: [
            { source: 'transfer', id: 'T1', index: 0, path: 'transfers[0]' },
            { source: 'assignment', officer: 'O1', index: 0, community: 'C1', from: '2015-01-01', path: 'officers[0].assignments[0]' },
          ],
          messageIncludes: '调动申请 T1：社区民警 O1 (警员O1) 自 2015-01-01 起在 C1 (云南中路居委) 任职，至 2017-06-01 调动时仅 882 天，未满 5 年(满 5 年之日为 2020-01-01)',
        },
      ],
    },
    {
      name: 'a 29 February start: a transfer on 27 February of the fifth year is one day early',
      dataset: withTransfer([{ community: 'C1', from: '2012-02-29' }], { effectiveDate: '2017-02-27' }),
      errors: [{ messageId: 'earlyTransfer', period: { start: '2017-02-27', end: '2017-02-27' }, expected: '2017-02-28', actual: 1825 }],
    },
    {
      name: 'the day before the anniversary',
      dataset: withTransfer([{ community: 'C1', from: '2012-06-02' }]),
      errors: [{ messageId: 'earlyTransfer', expected: '2017-06-02' }],
    },
    {
      name: 'with an exception: reported as a warning',
      dataset: withTransfer([{ community: 'C1', from: '2015-01-01' }], { exception }),
      errors: [
        {
          messageId: 'earlyTransferApproved',
          severity: 'warning',
          expected: '2020-01-01',
          actual: 882,
          messageIncludes: '已由 黄浦分局 批准确需调动(沪公黄人〔2017〕12号)',
        },
      ],
    },
    {
      name: 'a one-day gap breaks the chain: the tenure starts again',
      dataset: withTransfer([
        { community: 'C1', from: '2010-01-01', to: '2013-12-30' },
        { community: 'C1', from: '2014-01-01' },
      ]),
      errors: [{ messageId: 'earlyTransfer', expected: '2019-01-01', actual: 1247, details: { community: 'C1', tenureStart: '2014-01-01' }, evidence: [{ source: 'assignment', index: 1 }] }],
    },
    {
      name: 'back-to-back assignments to another community do not join the post',
      dataset: withTransfer([
        { community: 'C2', from: '2010-01-01', to: '2013-12-31' },
        { community: 'C1', from: '2014-01-01' },
      ]),
      errors: [{ messageId: 'earlyTransfer', expected: '2019-01-01', details: { community: 'C1', tenureStart: '2014-01-01' } }],
    },
    {
      name: 'the evidence is the whole chain of the post',
      dataset: withTransfer([
        { community: 'C1', from: '2013-01-01', to: '2014-12-31' },
        { community: 'C1', from: '2015-01-01' },
      ]),
      errors: [
        {
          messageId: 'earlyTransfer',
          expected: '2018-01-01',
          actual: 1612,
          evidence: [{ source: 'transfer', id: 'T1' }, { source: 'assignment', index: 0 }, { source: 'assignment', index: 1 }],
        },
      ],
    },
    {
      name: 'without fromCommunity, of several assignments the one with the latest from is the post',
      dataset: withTransfer([{ community: 'C1', from: '2010-01-01' }, { community: 'C2', from: '2016-01-01' }]),
      errors: [{ messageId: 'earlyTransfer', expected: '2021-01-01', actual: 517, details: { community: 'C2', tenureStart: '2016-01-01' } }],
    },
    {
      name: 'fromCommunity picks the newer post',
      dataset: withTransfer([{ community: 'C2', from: '2016-01-01' }, { community: 'C1', from: '2010-01-01' }], { fromCommunity: 'C2' }),
      errors: [{ messageId: 'earlyTransfer', details: { community: 'C2', tenureStart: '2016-01-01' } }],
    },
    {
      name: 'an assignment ending the day before the effective date is still the post',
      dataset: withTransfer([{ community: 'C1', from: '2015-01-01', to: '2017-05-31' }]),
      errors: [{ messageId: 'earlyTransfer', expected: '2020-01-01' }],
    },
    {
      name: 'minYears raised to 10',
      dataset: withTransfer([{ community: 'C1', from: '2010-01-01' }]),
      options: { minYears: 10 },
      errors: [{ messageId: 'earlyTransfer', expected: '2020-01-01', actual: 2708, messageIncludes: '未满 10 年' }],
    },
    {
      name: 'each request on its own; one of an officer who is not a community officer is left out',
      dataset: dataset({
        communities,
        officers: [officer('O1', [{ community: 'C1', from: '2015-01-01' }]), officer('O2', [{ community: 'C2', from: '2016-01-01' }]), officer('O3', [])],
        transfers: [
          transfer({ id: 'T3', officer: 'O3' }),
          transfer({ id: 'T2', officer: 'O2', effectiveDate: '2017-03-01', exception }),
          transfer({ id: 'T1' }),
        ],
      }),
      errors: [
        { messageId: 'earlyTransfer', subject: { type: 'transfer', id: 'T1' }, severity: 'error', evidence: [{ source: 'transfer', index: 2, path: 'transfers[2]' }] },
        { messageId: 'earlyTransferApproved', subject: { type: 'transfer', id: 'T2' }, severity: 'warning', evidence: [{ source: 'transfer', index: 1 }] },
      ],
    },
  ],
});
