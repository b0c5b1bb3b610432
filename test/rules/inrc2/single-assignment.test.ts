import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/single-assignment';

ruleTester(RULE, {
  valid: [
    { name: 'no roster at all', dataset: inrc2Dataset() },
    {
      name: 'one shift a day, every day of the week',
      dataset: inrc2Dataset({ roster: [0, 1, 2, 3, 4, 5, 6].map((d) => shift('Patrick', d, 'Early')) }),
    },
    {
      name: 'a Night shift that ends on the next day, then an Early that day: one assignment each day (by start date)',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Night'), shift('Patrick', 1, 'Early')] }),
    },
    {
      name: 'two nurses on the same shift the same day',
      dataset: inrc2Dataset({ nurses: [nurse('Patrick'), nurse('Sara')], roster: [shift('Patrick', 2, 'Late'), shift('Sara', 2, 'Late')] }),
    },
  ],
  invalid: [
    {
      name: 'two shifts on one day: one extra assignment, H1 count 1',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Early'), shift('Patrick', 0, 'Late')] }),
      errors: [
        {
          messageId: 'doubleAssignment',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-01', end: '2024-01-01' },
          actual: 2,
          penalty: { amount: 1, weight: 1, cost: 1 },
          evidence: [
            { source: 'roster', index: 0, type: 'Early' },
            { source: 'roster', index: 1, type: 'Late' },
          ],
          messageIncludes: '护士 Patrick 在 2024-01-01 有 2 个班次',
        },
      ],
    },
    {
      name: 'the same shift twice on one day counts too',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 3, 'Day', 'Nurse'), shift('Patrick', 3, 'Day', 'HeadNurse')] }),
      errors: [{ messageId: 'doubleAssignment', period: { start: date(3), end: date(3) }, actual: 2, penalty: { amount: 1, cost: 1 } }],
    },
    {
      name: 'three shifts on one day: two extra assignments',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 6, 'Early'), shift('Patrick', 6, 'Late'), shift('Patrick', 6, 'Night')] }),
      errors: [{ messageId: 'doubleAssignment', period: { start: '2024-01-07', end: '2024-01-07' }, actual: 3, penalty: { amount: 2, weight: 1, cost: 2 } }],
    },
    {
      name: 'each day and each nurse separately, nurse by nurse',
      dataset: inrc2Dataset({
        nurses: [nurse('Patrick'), nurse('Sara')],
        roster: [shift('Sara', 1, 'Early'), shift('Sara', 1, 'Late'), shift('Patrick', 4, 'Early'), shift('Patrick', 4, 'Night'), shift('Patrick', 5, 'Early'), shift('Patrick', 5, 'Late')],
      }),
      errors: [
        { messageId: 'doubleAssignment', subject: { type: 'officer', id: 'Patrick' }, period: { start: date(4), end: date(4) }, penalty: { amount: 1 } },
        { messageId: 'doubleAssignment', subject: { type: 'officer', id: 'Patrick' }, period: { start: date(5), end: date(5) }, penalty: { amount: 1 } },
        { messageId: 'doubleAssignment', subject: { type: 'officer', id: 'Sara' }, period: { start: date(1), end: date(1) }, penalty: { amount: 1 } },
      ],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is exactly the day's entries of the nurse, not another nurse's nor another day's", async () => {
    const roster = [shift('Patrick', 0, 'Early'), shift('Sara', 0, 'Early'), shift('Patrick', 0, 'Late'), shift('Patrick', 1, 'Early')];
    await expectEvidence(RULE, inrc2Dataset({ nurses: [nurse('Patrick'), nurse('Sara')], roster }), [[entryEvidence(0, roster[0]!), entryEvidence(2, roster[2]!)]]);
  });
});
