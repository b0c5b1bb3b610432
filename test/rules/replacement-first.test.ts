import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { community, dataset, officer, ruleTester } from '../_lib/rule-tester.js';

const longServing = (id: string, community = 'C1') => officer(id, [{ community, from: '2010-01-01' }]);
const transfer = (id: string, officerId: string, extra: Record<string, unknown> = {}) => ({ id, officer: officerId, effectiveDate: '2017-06-01', ...extra });
const replacement = (officerId: string, arrivalDate?: string) => (arrivalDate ? { officer: officerId, arrivalDate } : { officer: officerId });

/** C1 (requires 1) with O1, who asks to leave on 2017-06-01; R1 and R2 are free to replace. */
const oneLeaving = (request: Record<string, unknown>, extra: { communities?: unknown[]; officers?: unknown[] } = {}) =>
  dataset({
    communities: extra.communities ?? [community('C1')],
    officers: [longServing('O1'), officer('R1'), officer('R2'), ...(extra.officers ?? [])],
    transfers: [transfer('T1', 'O1', request)],
  });

ruleTester('community-policing/replacement-first', {
  valid: [
    { name: 'no transfer requests', dataset: dataset() },
    { name: 'the replacement arrived before the effective date', dataset: oneLeaving({ replacement: replacement('R1', '2017-05-25') }) },
    { name: 'the replacement arrives exactly on the effective date', dataset: oneLeaving({ replacement: replacement('R1', '2017-06-01') }) },
    {
      name: 'no arrivalDate: the arrival is the from of its assignment to the community holding on the effective date',
      dataset: dataset({
        officers: [longServing('O1'), officer('R1', [{ community: 'C1', from: '2017-05-20' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1') })],
      }),
    },
    {
      name: 'an assignment starting on the effective date is an arrival on time',
      dataset: dataset({
        officers: [longServing('O1'), officer('R1', [{ community: 'C1', from: '2017-06-01' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1') })],
      }),
    },
    {
      name: 'not a community officer’s request (no assignment on the day before): neither rule applies',
      dataset: dataset({ officers: [longServing('O1'), officer('O3', [{ community: 'C1', from: '2016-01-01', to: '2017-05-30' }])], transfers: [transfer('T3', 'O3')] }),
    },
    {
      name: 'fromCommunity chooses the post: the replacement’s assignment to that community is its arrival',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [officer('O1', [{ community: 'C1', from: '2010-01-01' }, { community: 'C2', from: '2016-01-01' }]), officer('R1', [{ community: 'C1', from: '2017-05-20' }])],
        transfers: [transfer('T1', 'O1', { fromCommunity: 'C1', replacement: replacement('R1') })],
      }),
    },
    {
      name: 'heavy load (coverage’s default 2): a third officer keeps it staffed',
      dataset: dataset({
        communities: [community('C1', { heavyLoad: true })],
        officers: [longServing('O1'), longServing('O2'), longServing('O3'), officer('R1')],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') })],
      }),
    },
    {
      name: 'a departure effective after the effective date still counts; arrivals before it count',
      dataset: dataset({
        communities: [community('C1', { requiredOfficers: 2 })],
        officers: [longServing('O1'), longServing('O2'), officer('R1'), officer('R2')],
        transfers: [
          transfer('T2', 'O2', { effectiveDate: '2017-07-01', replacement: replacement('R2', '2017-06-20') }),
          transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') }),
        ],
      }),
    },
    {
      name: 'a replacement named earlier by a request that is not a community officer’s is not shared',
      dataset: dataset({
        officers: [longServing('O1'), officer('O3'), officer('R1')],
        transfers: [transfer('T0', 'O3', { effectiveDate: '2017-05-01', replacement: replacement('R1', '2017-04-25') }), transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') })],
      }),
    },
  ],
  invalid: [
    {
      name: 'no-replacement (it is understaffed too: the first reason is reported)',
      dataset: oneLeaving({}),
      errors: [
        {
          messageId: 'noReplacement',
          subject: { type: 'transfer', id: 'T1' },
          period: { start: '2017-06-01', end: '2017-06-01' },
          severity: 'error',
          details: { reason: 'no-replacement', community: 'C1', officersOnEffectiveDate: 0, requiredOfficers: 1 },
          evidence: [
            { source: 'transfer', id: 'T1', index: 0, path: 'transfers[0]' },
            { source: 'assignment', officer: 'O1', index: 0, community: 'C1', from: '2010-01-01', path: 'officers[0].assignments[0]' },
          ],
          messageIncludes: '调动申请 T1：社区民警 O1 (警员O1) 于 2017-06-01 调离 C1 (C1居委)，未指定补充警力',
        },
      ],
    },
    {
      name: 'late-replacement: arriving the day after',
      dataset: oneLeaving({ replacement: replacement('R1', '2017-06-02') }),
      errors: [
        {
          messageId: 'lateReplacement',
          details: { reason: 'late-replacement', community: 'C1', replacement: 'R1', replacementArrival: '2017-06-02', officersOnEffectiveDate: 0, requiredOfficers: 1 },
          messageIncludes: '补充民警 R1 (警员R1) 截至当日尚未到岗',
        },
      ],
    },
    {
      name: 'late-replacement: no arrivalDate and no assignment to the community on the effective date',
      dataset: oneLeaving({ replacement: replacement('R1') }, { communities: [community('C1'), community('C2')], officers: [officer('R3', [{ community: 'C2', from: '2017-05-01' }])] }),
      errors: [{ messageId: 'lateReplacement', details: { reason: 'late-replacement', community: 'C1', replacement: 'R1', officersOnEffectiveDate: 0, requiredOfficers: 1 } }],
    },
    {
      name: 'late-replacement: an assignment to another community is no arrival',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [longServing('O1'), officer('R1', [{ community: 'C2', from: '2017-05-01' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1') })],
      }),
      errors: [{ messageId: 'lateReplacement' }],
    },
    {
      name: 'late-replacement: arrivalDate wins over an assignment that already holds',
      dataset: dataset({
        officers: [longServing('O1'), officer('R1', [{ community: 'C1', from: '2017-05-20' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1', '2017-06-05') })],
      }),
      errors: [{ messageId: 'lateReplacement', details: expect.objectContaining({ replacementArrival: '2017-06-05' }) }],
    },
    {
      name: 'the replacement’s assignment its arrival is taken from is evidence',
      dataset: dataset({
        communities: [community('C1', { requiredOfficers: 2 })],
        officers: [longServing('O1'), officer('R1', [{ community: 'C1', from: '2017-05-20' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1') })],
      }),
      errors: [
        {
          messageId: 'understaffed',
          details: { reason: 'understaffed', community: 'C1', replacement: 'R1', replacementArrival: '2017-05-20', officersOnEffectiveDate: 1, requiredOfficers: 2 },
          evidence: [{ source: 'transfer', id: 'T1' }, { source: 'assignment', officer: 'O1' }, { source: 'assignment', officer: 'R1', from: '2017-05-20', path: 'officers[1].assignments[0]' }],
        },
      ],
    },
    {
      name: 'fromCommunity chooses the post: the replacement’s assignment to another community does not count',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [officer('O1', [{ community: 'C1', from: '2010-01-01' }, { community: 'C2', from: '2016-01-01' }]), officer('R1', [{ community: 'C1', from: '2017-05-20' }])],
        transfers: [transfer('T1', 'O1', { fromCommunity: 'C2', replacement: replacement('R1') })],
      }),
      errors: [{ messageId: 'lateReplacement', details: expect.objectContaining({ community: 'C2' }), messageIncludes: '调离 C2 (C2居委)' }],
    },
    {
      name: 'shared-replacement: named by an earlier request out of another community',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [longServing('O1'), longServing('O2', 'C2'), officer('R1')],
        transfers: [
          transfer('T2', 'O2', { effectiveDate: '2017-06-15', replacement: replacement('R1', '2017-05-25') }),
          transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') }),
        ],
      }),
      errors: [
        {
          messageId: 'sharedReplacement',
          subject: { type: 'transfer', id: 'T2' },
          details: { reason: 'shared-replacement', community: 'C2', replacement: 'R1', replacementArrival: '2017-05-25', sharedWith: 'T1', officersOnEffectiveDate: 1, requiredOfficers: 1 },
          evidence: [{ source: 'transfer', id: 'T2', index: 0 }, { source: 'transfer', id: 'T1', index: 1 }],
          messageIncludes: '补充民警 R1 (警员R1) 已是更早的调动申请 T1 的补充警力',
        },
      ],
    },
    {
      name: 'shared-replacement: on the same effective date the smaller id keeps the replacement',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [longServing('O1'), longServing('O2', 'C2'), officer('R1')],
        transfers: [transfer('T-B', 'O1', { replacement: replacement('R1', '2017-05-25') }), transfer('T-A', 'O2', { replacement: replacement('R1', '2017-05-25') })],
      }),
      errors: [{ messageId: 'sharedReplacement', subject: { type: 'transfer', id: 'T-B' }, details: expect.objectContaining({ sharedWith: 'T-A' }) }],
    },
    {
      name: 'a late replacement that is also shared reports late-replacement',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [longServing('O1'), longServing('O2', 'C2'), officer('R1')],
        transfers: [transfer('T1', 'O1', { effectiveDate: '2017-05-01', replacement: replacement('R1', '2017-05-25') }), transfer('T2', 'O2', { replacement: replacement('R1', '2017-06-10') })],
      }),
      errors: [
        { messageId: 'lateReplacement', subject: { type: 'transfer', id: 'T1' }, details: expect.objectContaining({ reason: 'late-replacement' }) },
        { messageId: 'lateReplacement', subject: { type: 'transfer', id: 'T2' }, details: expect.objectContaining({ reason: 'late-replacement', sharedWith: 'T1' }) },
      ],
    },
    {
      name: 'a shared replacement that also leaves the community understaffed reports shared-replacement',
      dataset: dataset({
        communities: [community('C1'), community('C2', { heavyLoad: true })],
        officers: [longServing('O1'), longServing('O2', 'C2'), officer('R1')],
        transfers: [transfer('T1', 'O1', { effectiveDate: '2017-05-01', replacement: replacement('R1', '2017-04-25') }), transfer('T2', 'O2', { replacement: replacement('R1', '2017-04-25') })],
      }),
      errors: [{ messageId: 'sharedReplacement', subject: { type: 'transfer', id: 'T2' }, details: expect.objectContaining({ reason: 'shared-replacement', officersOnEffectiveDate: 1, requiredOfficers: 2 }) }],
    },
    {
      name: 'understaffed: two officers leave a heavy-load community (requires 2) with only one replacement',
      dataset: dataset({
        communities: [community('C1', { heavyLoad: true })],
        officers: [longServing('O1'), longServing('O2'), officer('R1')],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') }), transfer('T2', 'O2')],
      }),
      errors: [
        {
          messageId: 'understaffed',
          subject: { type: 'transfer', id: 'T1' },
          details: { reason: 'understaffed', community: 'C1', replacement: 'R1', replacementArrival: '2017-05-25', officersOnEffectiveDate: 1, requiredOfficers: 2 },
          messageIncludes: '调离 C1 (C1居委) 后，当日该社区仅有 1 名社区民警，应不少于 2 名',
        },
        { messageId: 'noReplacement', subject: { type: 'transfer', id: 'T2' }, details: expect.objectContaining({ reason: 'no-replacement', officersOnEffectiveDate: 1 }) },
      ],
    },
    {
      name: 'understaffed: an earlier departure counts even though its assignment stays open',
      dataset: dataset({
        communities: [community('C1', { requiredOfficers: 2 })],
        officers: [longServing('O1'), longServing('O2'), officer('R1')],
        transfers: [transfer('T0', 'O2', { effectiveDate: '2017-05-01' }), transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-25') })],
      }),
      errors: [
        { messageId: 'noReplacement', subject: { type: 'transfer', id: 'T0' }, details: expect.objectContaining({ officersOnEffectiveDate: 1, requiredOfficers: 2 }) },
        { messageId: 'understaffed', subject: { type: 'transfer', id: 'T1' }, details: expect.objectContaining({ officersOnEffectiveDate: 1, requiredOfficers: 2 }) },
      ],
    },
    {
      name: 'understaffed: a replacement whose own assignment has ended before the effective date no longer counts',
      dataset: dataset({
        officers: [longServing('O1'), officer('R1', [{ community: 'C1', from: '2017-05-20', to: '2017-05-31' }])],
        transfers: [transfer('T1', 'O1', { replacement: replacement('R1', '2017-05-20') })],
      }),
      errors: [{ messageId: 'understaffed', details: expect.objectContaining({ reason: 'understaffed', officersOnEffectiveDate: 0, requiredOfficers: 1 }) }],
    },
  ],
});

describe('replacement-first: the requirement is coverage\'s, as configured', () => {
  const heavy = dataset({
    communities: [community('H', { heavyLoad: true })],
    officers: [longServing('H1', 'H'), longServing('H2', 'H'), longServing('H3', 'H')],
    transfers: [transfer('T', 'H1', { replacement: replacement('H2', '2017-05-01') })],
  });
  const run = (coverage: unknown) =>
    check(heavy, { config: { extends: [], rules: { 'community-policing/replacement-first': 'error', 'community-policing/coverage': coverage } } });

  it('with coverage off and its default heavyLoadMinimum (2), two remaining officers are enough', async () => {
    expect((await run('off')).violations).toEqual([]);
  });

  it('uses coverage\'s configured heavyLoadMinimum even when coverage is off', async () => {
    const report = await run(['off', { heavyLoadMinimum: 4 }]);
    expect(report.violations.map((v) => [v.subject.id, v.details.reason, v.details.requiredOfficers, v.details.officersOnEffectiveDate])).toEqual([['T', 'understaffed', 4, 2]]);
  });
});
