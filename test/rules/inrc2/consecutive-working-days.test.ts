import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift, shifts } from './_lib/inrc2-dataset.js';

// Contracts of the builder: FullTime works (3,5) days in a row, HalfTime (1,7).
const RULE = 'inrc2/consecutive-working-days';
/** Patrick (FullTime), whose history ends with `run` working days (of Day shifts). */
const after = (run: number) => [nurse('Patrick', { history: { historyLastShift: 'Day', historyLastShiftRun: 1, historyWorkRun: run } })];
const days = (list: number[]) => list.map((d) => shift('Patrick', d, 'Day'));

ruleTester(RULE, {
  valid: [
    { name: 'no roster and no history: no working runs', dataset: inrc2Dataset() },
    { name: 'days 0–2: exactly the minimum 3', dataset: inrc2Dataset({ roster: days([0, 1, 2]) }) },
    { name: 'days 1–5: exactly the maximum 5', dataset: inrc2Dataset({ roster: days([1, 2, 3, 4, 5]) }) },
    {
      name: 'shift types change, the working run goes on: Early, Late, Night, Night',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Early'), shift('Patrick', 1, 'Late'), ...shifts('Patrick', [2, 3], 'Night')] }),
    },
    { name: "one working day on Sunday: reaching the horizon's end, not short", dataset: inrc2Dataset({ roster: days([6]) }) },
    { name: 'history 2 continued on day 0: 3 with the history', dataset: inrc2Dataset({ nurses: after(2), roster: days([0]) }) },
    { name: 'history 3 continued on days 0–1: 5, the maximum', dataset: inrc2Dataset({ nurses: after(3), roster: days([0, 1]) }) },
    { name: 'history 3 ending with the history (day 0 off): the minimum', dataset: inrc2Dataset({ nurses: after(3), roster: days([4, 5, 6]) }) },
    { name: 'history 6 (already above 5) ending with the history: charged then, not now', dataset: inrc2Dataset({ nurses: after(6) }) },
    { name: 'the limits are the contract\'s: HalfTime (1,7) works all 7 days', dataset: inrc2Dataset({ nurses: [nurse('Patrick', { contract: 'HalfTime' })], roster: days([0, 1, 2, 3, 4, 5, 6]) }) },
  ],
  invalid: [
    {
      name: 'days 0–5: one day above the maximum 5, S2 costs 30',
      dataset: inrc2Dataset({ roster: days([0, 1, 2, 3, 4, 5]) }),
      errors: [
        {
          messageId: 'outOfBounds',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-01', end: '2024-01-06' },
          actual: 6,
          penalty: { amount: 1, weight: 30, cost: 30 },
          evidence: [0, 1, 2, 3, 4, 5].map((index) => ({ source: 'roster', index })),
          messageIncludes: '护士 Patrick 自 2024-01-01 起连续工作 6 天，应在 3 至 5 天之间',
        },
      ],
    },
    {
      name: 'days 2–3 between days off: one short of 3',
      dataset: inrc2Dataset({ roster: days([2, 3]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(2), end: date(3) }, actual: 2, penalty: { amount: 1, weight: 30, cost: 30 } }],
    },
    {
      name: "all 7 days: reaching the horizon's end does not excuse the 2 days above 5",
      dataset: inrc2Dataset({ roster: days([0, 1, 2, 3, 4, 5, 6]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(6) }, actual: 7, penalty: { amount: 2, cost: 60 } }],
    },
    {
      name: 'history 4 continued on days 0–1: 6 in all, one above 5',
      dataset: inrc2Dataset({ nurses: after(4), roster: days([0, 1]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(1) }, actual: 6, penalty: { amount: 1, weight: 30, cost: 30 } }],
    },
    {
      name: 'history 6 (1 above 5, charged then) continued on days 0–1: max(0, 8−5) − max(0, 6−5) = 2',
      dataset: inrc2Dataset({ nurses: after(6), roster: days([0, 1]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(1) }, actual: 8, penalty: { amount: 2, weight: 30, cost: 60 } }],
    },
    {
      name: 'history 2 ending with the history (day 0 off): the history run is checked against its minimum',
      dataset: inrc2Dataset({ nurses: after(2), roster: days([3, 4, 5]) }),
      errors: [
        {
          messageId: 'outOfBounds',
          period: { start: '2023-12-31', end: '2023-12-31' },
          actual: 2,
          penalty: { amount: 1, weight: 30, cost: 30 },
          messageIncludes: '自 2023-12-31 起连续工作 2 天',
        },
      ],
    },
    {
      name: 'the weight option sets the cost per day',
      dataset: inrc2Dataset({ roster: days([1]) }),
      options: { weight: 12 },
      errors: [{ messageId: 'outOfBounds', actual: 1, penalty: { amount: 2, weight: 12, cost: 24 } }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is exactly the run's entries inside the horizon, whatever their shift types", async () => {
    const roster = [shift('Patrick', 2, 'Early'), shift('Patrick', 3, 'Night')];
    const nurse = { source: 'officer', id: 'Patrick', index: 0, path: 'officers[0]' };
    await expectEvidence(RULE, inrc2Dataset({ roster }), [[nurse, entryEvidence(0, roster[0]!), entryEvidence(1, roster[1]!)]]);
  });
});
