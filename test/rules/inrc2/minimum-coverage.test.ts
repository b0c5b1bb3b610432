import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, demand, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/minimum-coverage';
const nurses = [nurse('Patrick'), nurse('Andrea'), nurse('Sara', { contract: 'PartTime', skills: ['Nurse'] })];

ruleTester(RULE, {
  valid: [
    { name: 'no demands at all', dataset: inrc2Dataset({ nurses }) },
    { name: 'a demand of minimum 0 with nobody on it', dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 0, 1)] }) },
    {
      name: 'exactly the minimum (optimal not reached does not matter here)',
      dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 2, 3)], roster: [shift('Patrick', 0, 'Early'), shift('Sara', 0, 'Early')] }),
    },
    {
      name: 'above the minimum',
      dataset: inrc2Dataset({ nurses, demands: [demand(2, 'Late', 'HeadNurse', 1, 1)], roster: [shift('Patrick', 2, 'Late', 'HeadNurse'), shift('Andrea', 2, 'Late', 'HeadNurse')] }),
    },
    {
      name: 'a Night shift counts on the day it starts',
      dataset: inrc2Dataset({ nurses, demands: [demand(6, 'Night', 'Nurse', 1, 1)], roster: [shift('Sara', 6, 'Night')] }),
    },
  ],
  invalid: [
    {
      name: 'one nurse short of the minimum: H2 count 1, with the demand record and the nurse on it as evidence',
      dataset: inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 2, 3, 4)], roster: [shift('Sara', 0, 'Early')] }),
      errors: [
        {
          messageId: 'understaffed',
          subject: { type: 'demand', id: 'Early/Nurse' },
          period: { start: '2024-01-01', end: '2024-01-01' },
          expected: 2,
          actual: 1,
          penalty: { amount: 1, weight: 1, cost: 1 },
          evidence: [
            { source: 'record', list: 'demands', file: 'WD-n005w4-0.txt', line: 4, date: '2024-01-01', shift: 'Early', skill: 'Nurse', minimum: 2, optimal: 3, index: 0, path: 'records.demands[0]' },
            { source: 'roster', index: 0, officer: 'Sara', type: 'Early' },
          ],
          messageIncludes: '2024-01-01 的 Early 班次需要 2 名具备 Nurse 技能的护士（最低），实际 1 名',
        },
      ],
    },
    {
      name: 'nobody on a demand of minimum 2: count 2',
      dataset: inrc2Dataset({ nurses, demands: [demand(4, 'Night', 'HeadNurse', 2, 2)] }),
      errors: [{ messageId: 'understaffed', subject: { type: 'demand', id: 'Night/HeadNurse' }, period: { start: date(4), end: date(4) }, expected: 2, actual: 0, penalty: { amount: 2, weight: 1, cost: 2 } }],
    },
    {
      name: 'a nurse on the shift with another skill, another shift, or the day before does not count',
      dataset: inrc2Dataset({
        nurses,
        demands: [demand(3, 'Late', 'Nurse', 1, 1)],
        roster: [shift('Patrick', 3, 'Late', 'HeadNurse'), shift('Andrea', 3, 'Early', 'Nurse'), shift('Sara', 2, 'Late', 'Nurse')],
      }),
      errors: [{ messageId: 'understaffed', subject: { type: 'demand', id: 'Late/Nurse' }, period: { start: date(3), end: date(3) }, actual: 0, penalty: { amount: 1 } }],
    },
    {
      name: 'each demand separately, in the report\'s order (subject id "shift/skill", then date)',
      dataset: inrc2Dataset({ nurses, demands: [demand(1, 'Late', 'Nurse', 1, 1), demand(1, 'Early', 'Nurse', 1, 1), demand(1, 'Early', 'HeadNurse', 1, 1)], roster: [shift('Patrick', 1, 'Early', 'HeadNurse')] }),
      errors: [
        { messageId: 'understaffed', subject: { type: 'demand', id: 'Early/Nurse' }, evidence: [{ source: 'record', path: 'records.demands[1]' }] },
        { messageId: 'understaffed', subject: { type: 'demand', id: 'Late/Nurse' }, evidence: [{ source: 'record', path: 'records.demands[0]' }] },
      ],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it('is the demand record, then exactly the entries that count toward it', async () => {
    const roster = [shift('Patrick', 0, 'Early', 'HeadNurse'), shift('Sara', 0, 'Early'), shift('Andrea', 1, 'Early')];
    await expectEvidence(RULE, inrc2Dataset({ nurses, demands: [demand(0, 'Early', 'Nurse', 2, 2, 7)], roster }), [
      [
        { source: 'record', list: 'demands', file: 'WD-n005w4-0.txt', line: 7, date: '2024-01-01', shift: 'Early', skill: 'Nurse', minimum: 2, optimal: 2, index: 0, path: 'records.demands[0]' },
        entryEvidence(1, roster[1]!),
      ],
    ]);
  });
});
