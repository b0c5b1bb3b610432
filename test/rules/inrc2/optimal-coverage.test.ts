import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, demand, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/optimal-coverage';
const nurses = [nurse('Patrick'), nurse('Andrea'), nurse('Sara', { contract: 'PartTime', skills: ['Nurse'] })];

ruleTester(RULE, {
  valid: [
    { name: 'no demands at all', dataset: inrc2Dataset({ nurses }) },
    { name: 'an optimal of 0 with nobody on it', dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'HeadNurse', 0, 0)] }) },
    {
      name: 'exactly the optimal',
      dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 1, 2)], roster: [shift('Patrick', 0, 'Early'), shift('Sara', 0, 'Early')] }),
    },
    {
      name: 'above the optimal costs nothing',
      dataset: inrc2Dataset({ nurses, demands: [demand(5, 'Late', 'Nurse', 0, 1)], roster: [shift('Patrick', 5, 'Late'), shift('Andrea', 5, 'Late'), shift('Sara', 5, 'Late')] }),
    },
  ],
  invalid: [
    {
      name: 'one nurse short of the optimal (the minimum met): S1 costs 30',
      dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 1, 2, 4)], roster: [shift('Sara', 0, 'Early')] }),
      errors: [
        {
          messageId: 'understaffed',
          subject: { type: 'demand', id: 'Early/Nurse' },
          period: { start: '2024-01-01', end: '2024-01-01' },
          expected: 2,
          actual: 1,
          penalty: { amount: 1, weight: 30, cost: 30 },
          evidence: [
            { source: 'record', list: 'demands', file: 'WD-n005w4-0.txt', line: 4, date: '2024-01-01', shift: 'Early', skill: 'Nurse', minimum: 1, optimal: 2, index: 0, path: 'records.demands[0]' },
            { source: 'roster', index: 0, officer: 'Sara', type: 'Early' },
          ],
          messageIncludes: '2024-01-01 的 Early 班次需要 2 名具备 Nurse 技能的护士（最优），实际 1 名',
        },
      ],
    },
    {
      name: 'below the minimum too: every nurse missing from the optimal costs (H2 counts the minimum separately)',
      dataset: inrc2Dataset({ nurses, demands: [demand(2, 'Night', 'Nurse', 1, 3)] }),
      errors: [{ messageId: 'understaffed', subject: { type: 'demand', id: 'Night/Nurse' }, period: { start: date(2), end: date(2) }, expected: 3, actual: 0, penalty: { amount: 3, weight: 30, cost: 90 } }],
    },
    {
      name: 'the weight option sets the cost per missing nurse',
      dataset: inrc2Dataset({ nurses, demands: [demand(1, 'Late', 'HeadNurse', 0, 2)], roster: [shift('Andrea', 1, 'Late', 'HeadNurse')] }),
      options: { weight: 7 },
      errors: [{ messageId: 'understaffed', actual: 1, penalty: { amount: 1, weight: 7, cost: 7 } }],
    },
    {
      name: 'a nurse with another skill on the shift does not count toward the skill',
      dataset: inrc2Dataset({ nurses, demands: [demand(6, 'Early', 'HeadNurse', 0, 1)], roster: [shift('Patrick', 6, 'Early', 'Nurse')] }),
      errors: [{ messageId: 'understaffed', subject: { type: 'demand', id: 'Early/HeadNurse' }, actual: 0, penalty: { amount: 1, cost: 30 } }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it('is the demand record, then exactly the entries that count toward it', async () => {
    const roster = [shift('Patrick', 3, 'Late'), shift('Andrea', 3, 'Late', 'HeadNurse'), shift('Sara', 3, 'Early')];
    await expectEvidence(RULE, inrc2Dataset({ nurses, demands: [demand(3, 'Late', 'Nurse', 1, 2, 9)], roster }), [
      [
        { source: 'record', list: 'demands', file: 'WD-n005w4-0.txt', line: 9, date: '2024-01-04', shift: 'Late', skill: 'Nurse', minimum: 1, optimal: 2, index: 0, path: 'records.demands[0]' },
        entryEvidence(0, roster[0]!),
      ],
    ]);
  });
});
