import { community, dataset, officer, ruleTester } from '../_lib/rule-tester.js';

ruleTester('community-policing/coverage', {
  valid: [
    { name: 'one officer for an ordinary community, every day', dataset: dataset() },
    {
      name: 'a heavy-load community with two officers',
      dataset: dataset({
        communities: [community('C1', { heavyLoad: true })],
        officers: [officer('O1', [{ community: 'C1', from: '2017-01-01' }]), officer('O2', [{ community: 'C1', from: '2017-01-01' }])],
      }),
    },
    {
      name: 'back-to-back officers: one leaves on the 5th, the next arrives on the 6th',
      dataset: dataset({
        officers: [officer('O1', [{ community: 'C1', from: '2017-01-01', to: '2017-04-05' }]), officer('O2', [{ community: 'C1', from: '2017-04-06' }])],
      }),
    },
    {
      name: 'a gap outside the check period is not reported',
      dataset: dataset({ officers: [officer('O1', [{ community: 'C1', from: '2017-04-03' }])] }),
    },
    {
      name: 'heavyLoadMinimum lowered to 1',
      dataset: dataset({ communities: [community('C1', { heavyLoad: true })] }),
      options: { heavyLoadMinimum: 1 },
    },
  ],
  invalid: [
    {
      name: 'no officer at all: one run over the whole period',
      dataset: dataset({ officers: [] }),
      errors: [{ messageId: 'understaffed', subject: { type: 'community', id: 'C1' }, period: { start: '2017-04-03', end: '2017-04-09' }, expected: 1, actual: 0, severity: 'error', messageIncludes: 'C1 (云南中路居委)' }],
    },
    {
      name: 'an assignment ending mid-period: the run starts the day after, clipped to the period end',
      dataset: dataset({ officers: [officer('O1', [{ community: 'C1', from: '2017-01-01', to: '2017-04-05' }])] }),
      errors: [{ messageId: 'understaffed', period: { start: '2017-04-06', end: '2017-04-09' }, expected: 1, actual: 0 }],
    },
    {
      name: 'a run clipped to the period start',
      dataset: dataset({ officers: [officer('O1', [{ community: 'C1', from: '2017-04-07' }])] }),
      errors: [{ messageId: 'understaffed', period: { start: '2017-04-03', end: '2017-04-06' }, expected: 1, actual: 0 }],
    },
    {
      name: 'heavy load: the shortfall changes, so the runs split',
      dataset: dataset({
        communities: [community('C1', { heavyLoad: true })],
        officers: [officer('O1', [{ community: 'C1', from: '2017-01-01', to: '2017-04-04' }]), officer('O2', [{ community: 'C1', from: '2017-04-06' }])],
      }),
      errors: [
        { messageId: 'understaffed', period: { start: '2017-04-03', end: '2017-04-04' }, expected: 2, actual: 1 },
        { messageId: 'understaffed', period: { start: '2017-04-05', end: '2017-04-05' }, expected: 2, actual: 0 },
        { messageId: 'understaffed', period: { start: '2017-04-06', end: '2017-04-09' }, expected: 2, actual: 1 },
      ],
    },
    {
      name: 'requiredOfficers wins over heavyLoad; one officer with two overlapping assignments counts once',
      dataset: dataset({
        communities: [community('C1', { heavyLoad: true, requiredOfficers: 3 })],
        officers: [officer('O1', [{ community: 'C1', from: '2017-01-01' }, { community: 'C1', from: '2017-04-01' }]), officer('O2', [{ community: 'C1', from: '2017-01-01' }])],
      }),
      errors: [{ messageId: 'understaffed', period: { start: '2017-04-03', end: '2017-04-09' }, expected: 3, actual: 2 }],
    },
    {
      name: 'heavyLoadMinimum raised to 3',
      dataset: dataset({ communities: [community('C1', { heavyLoad: true })] }),
      options: { heavyLoadMinimum: 3 },
      errors: [{ messageId: 'understaffed', expected: 3, actual: 1, evidence: [{ source: 'assignment', officer: 'O1', path: 'officers[0].assignments[0]' }] }],
    },
    {
      name: 'each community separately, in id order',
      dataset: dataset({ communities: [community('C2'), community('C1')], officers: [] }),
      errors: [
        { messageId: 'understaffed', subject: { type: 'community', id: 'C1' } },
        { messageId: 'understaffed', subject: { type: 'community', id: 'C2' } },
      ],
    },
  ],
});
