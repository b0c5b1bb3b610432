import { ruleTester } from '../../_lib/rule-tester.js';
import { inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

// Contracts of the builder: HalfTime (3,5) assignments in all, FullTime (15,22).
const RULE = 'inrc2/total-assignments';
const halfTime = (historyAssignments = 0) => [nurse('Nguyen', { contract: 'HalfTime', history: { historyAssignments } })];
const working = (officer: string, days: number[]) => days.map((d) => shift(officer, d, 'Day'));

ruleTester(RULE, {
  valid: [
    { name: 'exactly the minimum 3', dataset: inrc2Dataset({ nurses: halfTime(), roster: working('Nguyen', [0, 2, 4]) }) },
    { name: 'exactly the maximum 5', dataset: inrc2Dataset({ nurses: halfTime(), roster: working('Nguyen', [0, 1, 2, 3, 4]) }) },
    { name: 'the history counts: 12 before + 3 = 15, the FullTime minimum', dataset: inrc2Dataset({ nurses: [nurse('Patrick', { history: { historyAssignments: 12 } })], roster: working('Patrick', [0, 1, 2]) }) },
  ],
  invalid: [
    {
      name: 'one short of the minimum: S6 costs 20, the nurse record as evidence',
      dataset: inrc2Dataset({ nurses: halfTime(), roster: working('Nguyen', [0, 1]) }),
      errors: [
        {
          messageId: 'totalOutOfBounds',
          subject: { type: 'officer', id: 'Nguyen' },
          period: { start: '2024-01-01', end: '2024-01-07' },
          actual: 2,
          penalty: { amount: 1, weight: 20, cost: 20 },
          evidence: [{ source: 'officer', id: 'Nguyen', index: 0, path: 'officers[0]' }],
          messageIncludes: '护士 Nguyen 在 2024-01-01 至 2024-01-07 共 2 个班次（含历史），应在 3 至 5 之间',
        },
      ],
    },
    {
      name: 'one above the maximum',
      dataset: inrc2Dataset({ nurses: halfTime(), roster: working('Nguyen', [0, 1, 2, 3, 4, 5]) }),
      errors: [{ messageId: 'totalOutOfBounds', actual: 6, penalty: { amount: 1, weight: 20, cost: 20 } }],
    },
    {
      name: 'no assignments at all: the whole minimum is short',
      dataset: inrc2Dataset({ nurses: halfTime() }),
      errors: [{ messageId: 'totalOutOfBounds', actual: 0, penalty: { amount: 3, cost: 60 } }],
    },
    {
      name: 'the history counts: 4 before + 3 = 7, two above 5',
      dataset: inrc2Dataset({ nurses: halfTime(4), roster: working('Nguyen', [4, 5, 6]) }),
      errors: [{ messageId: 'totalOutOfBounds', actual: 7, penalty: { amount: 2, cost: 40 }, messageIncludes: '共 7 个班次（含历史）' }],
    },
    {
      name: 'two weeks: the whole horizon counts',
      dataset: inrc2Dataset({ weeks: 2, nurses: halfTime(), roster: working('Nguyen', [0, 3, 6, 9, 12, 13]) }),
      errors: [{ messageId: 'totalOutOfBounds', period: { start: '2024-01-01', end: '2024-01-14' }, actual: 6, penalty: { amount: 1 } }],
    },
    {
      name: 'the weight option sets the cost per assignment',
      dataset: inrc2Dataset({ nurses: halfTime(), roster: working('Nguyen', [3]) }),
      options: { weight: 5 },
      errors: [{ messageId: 'totalOutOfBounds', actual: 1, penalty: { amount: 2, weight: 5, cost: 10 } }],
    },
    {
      name: 'each nurse separately, with its own contract',
      dataset: inrc2Dataset({ nurses: [nurse('Patrick', { history: { historyAssignments: 10 } }), ...halfTime()], roster: [...working('Patrick', [0, 1]), ...working('Nguyen', [0, 1, 2])] }),
      errors: [{ messageId: 'totalOutOfBounds', subject: { type: 'officer', id: 'Patrick' }, actual: 12, penalty: { amount: 3, cost: 60 }, evidence: [{ source: 'officer', id: 'Patrick', path: 'officers[0]' }] }],
    },
  ],
});
