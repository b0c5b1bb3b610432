import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

// FullTime asks for complete weekends, HalfTime does not.
const RULE = 'inrc2/complete-weekends';

ruleTester(RULE, {
  valid: [
    { name: 'off on both days of the weekend', dataset: inrc2Dataset({ roster: [shift('Patrick', 'Fri', 'Early')] }) },
    { name: 'working both Saturday and Sunday', dataset: inrc2Dataset({ roster: [shift('Patrick', 'Sat', 'Early'), shift('Patrick', 'Sun', 'Late')] }) },
    { name: 'a contract without complete weekends, Saturday only', dataset: inrc2Dataset({ nurses: [nurse('Patrick', { contract: 'HalfTime' })], roster: [shift('Patrick', 'Sat', 'Early')] }) },
    {
      name: "a Night on Friday runs into Saturday, but Saturday's assignments are those starting on Saturday",
      dataset: inrc2Dataset({ roster: [shift('Patrick', 'Fri', 'Night')] }),
    },
  ],
  invalid: [
    {
      name: 'Saturday only: S5 costs 30, the weekend as period, its entry as evidence',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 'Sat', 'Early')] }),
      errors: [
        {
          messageId: 'incompleteWeekend',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-06', end: '2024-01-07' },
          actual: 1,
          penalty: { amount: 1, weight: 30, cost: 30 },
          evidence: [{ source: 'roster', index: 0, officer: 'Patrick', type: 'Early', start: '2024-01-06T06:00' }],
          messageIncludes: '护士 Patrick 在 2024-01-06 至 2024-01-07 的周末只上了 1 天班',
        },
      ],
    },
    {
      name: 'Sunday only',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 'Sun', 'Night')] }),
      errors: [{ messageId: 'incompleteWeekend', period: { start: date('Sat'), end: date('Sun') }, actual: 1, penalty: { amount: 1, cost: 30 } }],
    },
    {
      name: 'two weeks: each weekend separately, the complete one not reported',
      dataset: inrc2Dataset({ weeks: 2, roster: [shift('Patrick', 5, 'Early'), shift('Patrick', 12, 'Late'), shift('Patrick', 13, 'Late')] }),
      errors: [{ messageId: 'incompleteWeekend', period: { start: '2024-01-06', end: '2024-01-07' } }],
    },
    {
      name: 'two weeks, both weekends incomplete: one violation each',
      dataset: inrc2Dataset({ weeks: 2, roster: [shift('Patrick', 6, 'Early'), shift('Patrick', 12, 'Early')] }),
      errors: [
        { messageId: 'incompleteWeekend', period: { start: '2024-01-06', end: '2024-01-07' }, penalty: { amount: 1 } },
        { messageId: 'incompleteWeekend', period: { start: '2024-01-13', end: '2024-01-14' }, penalty: { amount: 1 } },
      ],
    },
    {
      name: 'the weight option sets the cost per weekend',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 'Sat', 'Day')] }),
      options: { weight: 11 },
      errors: [{ messageId: 'incompleteWeekend', penalty: { amount: 1, weight: 11, cost: 11 } }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is exactly the weekend's entries of the nurse", async () => {
    const roster = [shift('Patrick', 'Fri', 'Night'), shift('Patrick', 'Sat', 'Early'), shift('Patrick', 'Sat', 'Late')];
    await expectEvidence(RULE, inrc2Dataset({ roster }), [[entryEvidence(1, roster[1]!), entryEvidence(2, roster[2]!)]]);
  });
});
