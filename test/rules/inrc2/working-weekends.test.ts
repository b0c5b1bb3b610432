import { ruleTester } from '../../_lib/rule-tester.js';
import { inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

// Contracts of the builder: HalfTime works at most 1 weekend, FullTime 2.
const RULE = 'inrc2/working-weekends';
const halfTime = (historyWorkingWeekends = 0) => [nurse('Nguyen', { contract: 'HalfTime', history: { historyWorkingWeekends } })];
const working = (officer: string, days: number[]) => days.map((d) => shift(officer, d, 'Day'));

ruleTester(RULE, {
  valid: [
    { name: 'no weekend worked', dataset: inrc2Dataset({ weeks: 2, nurses: halfTime(), roster: working('Nguyen', [0, 1, 2, 3, 4, 7, 8]) }) },
    { name: 'exactly the maximum 1: Saturday and Sunday of one weekend count once', dataset: inrc2Dataset({ weeks: 2, nurses: halfTime(), roster: working('Nguyen', [5, 6]) }) },
    { name: 'the history counts: 1 before + 1 = 2, the FullTime maximum', dataset: inrc2Dataset({ nurses: [nurse('Patrick', { history: { historyWorkingWeekends: 1 } })], roster: working('Patrick', [6]) }) },
    { name: "a Friday Night runs into Saturday but is Friday's", dataset: inrc2Dataset({ nurses: halfTime(1), roster: [shift('Nguyen', 4, 'Night')] }) },
  ],
  invalid: [
    {
      name: 'two weekends over two weeks, one above the maximum: S7 costs 30, the nurse record as evidence',
      dataset: inrc2Dataset({ weeks: 2, nurses: halfTime(), roster: working('Nguyen', [5, 13]) }),
      errors: [
        {
          messageId: 'tooManyWeekends',
          subject: { type: 'officer', id: 'Nguyen' },
          period: { start: '2024-01-01', end: '2024-01-14' },
          expected: 1,
          actual: 2,
          penalty: { amount: 1, weight: 30, cost: 30 },
          evidence: [{ source: 'officer', id: 'Nguyen', index: 0, path: 'officers[0]' }],
          messageIncludes: '护士 Nguyen 在 2024-01-01 至 2024-01-14 上班的周末有 2 个（含历史），至多 1 个',
        },
      ],
    },
    {
      name: 'the history counts: 2 before + a Sunday = 3, one above the FullTime maximum 2',
      dataset: inrc2Dataset({ nurses: [nurse('Patrick', { history: { historyWorkingWeekends: 2 } })], roster: working('Patrick', [6]) }),
      errors: [{ messageId: 'tooManyWeekends', expected: 2, actual: 3, penalty: { amount: 1, cost: 30 } }],
    },
    {
      name: 'the history alone above the maximum, no weekend worked now: still above',
      dataset: inrc2Dataset({ nurses: halfTime(3) }),
      errors: [{ messageId: 'tooManyWeekends', expected: 1, actual: 3, penalty: { amount: 2, cost: 60 } }],
    },
    {
      name: 'the weight option sets the cost per weekend',
      dataset: inrc2Dataset({ nurses: halfTime(1), roster: working('Nguyen', [5]) }),
      options: { weight: 8 },
      errors: [{ messageId: 'tooManyWeekends', actual: 2, penalty: { amount: 1, weight: 8, cost: 8 } }],
    },
  ],
});
