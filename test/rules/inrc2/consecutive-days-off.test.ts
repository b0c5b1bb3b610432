import { ruleTester } from '../../_lib/rule-tester.js';
import { date, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

// Contracts of the builder: FullTime is off (2,3) days in a row, PartTime (3,5).
const RULE = 'inrc2/consecutive-days-off';
/** Patrick (FullTime), off for the history's last `run` days. */
const after = (run: number, contract = 'FullTime') => [nurse('Patrick', { contract, history: { historyOffRun: run } })];
/** Patrick works on `list` (Day shifts) and is off on the other days. */
const working = (list: number[]) => list.map((d) => shift('Patrick', d, 'Day'));

ruleTester(RULE, {
  valid: [
    { name: 'off on days 3–4 between working days: exactly the minimum 2', dataset: inrc2Dataset({ roster: working([0, 1, 2, 5, 6]) }) },
    { name: 'off on days 2–4: exactly the maximum 3', dataset: inrc2Dataset({ roster: working([0, 1, 5, 6]) }) },
    { name: 'working every day: no runs of days off', dataset: inrc2Dataset({ roster: working([0, 1, 2, 3, 4, 5, 6]) }) },
    { name: "off on Sunday alone: reaching the horizon's end, not short", dataset: inrc2Dataset({ roster: working([0, 1, 2, 3, 4, 5]) }) },
    { name: 'history off 1 continued on day 0: 2 with the history', dataset: inrc2Dataset({ nurses: after(1), roster: working([1, 2, 3, 4, 5, 6]) }) },
    { name: 'history off 2 ending with the history (works on day 0): the minimum', dataset: inrc2Dataset({ nurses: after(2), roster: working([0, 1, 2, 3, 4, 5, 6]) }) },
    { name: 'history off 5 (already above 3) ending with the history: charged then, not now', dataset: inrc2Dataset({ nurses: after(5), roster: working([0, 1, 2, 3, 4, 5, 6]) }) },
  ],
  invalid: [
    {
      name: 'off on day 3 alone between working days: one short of 2, S3 costs 30',
      dataset: inrc2Dataset({ roster: working([0, 1, 2, 4, 5, 6]) }),
      errors: [
        {
          messageId: 'outOfBounds',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-04', end: '2024-01-04' },
          actual: 1,
          penalty: { amount: 1, weight: 30, cost: 30 },
          messageIncludes: '护士 Patrick 自 2024-01-04 起连续休息 1 天，应在 2 至 3 天之间',
        },
      ],
    },
    {
      name: 'off on days 1–4: one above the maximum 3',
      dataset: inrc2Dataset({ roster: working([0, 5, 6]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(1), end: date(4) }, actual: 4, penalty: { amount: 1, weight: 30, cost: 30 } }],
    },
    {
      name: "no roster and no history: off all 7 days, reaching the horizon's end does not excuse the 4 above 3",
      dataset: inrc2Dataset(),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(6) }, actual: 7, penalty: { amount: 4, weight: 30, cost: 120 } }],
    },
    {
      name: 'history off 3 continued on days 0–1: 5 in all, two above 3',
      dataset: inrc2Dataset({ nurses: after(3), roster: working([2, 3, 4, 5, 6]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(1) }, actual: 5, penalty: { amount: 2, weight: 30, cost: 60 } }],
    },
    {
      name: 'history off 4 (1 above 3, charged then) continued on day 0: max(0, 5−3) − max(0, 4−3) = 1',
      dataset: inrc2Dataset({ nurses: after(4), roster: working([1, 2, 3, 4, 5, 6]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(0) }, actual: 5, penalty: { amount: 1, weight: 30, cost: 30 } }],
    },
    {
      name: 'history off 1 ending with the history (works on day 0): the history run is checked against its minimum',
      dataset: inrc2Dataset({ nurses: after(1), roster: working([0, 1, 2, 3, 4, 5, 6]) }),
      errors: [
        {
          messageId: 'outOfBounds',
          period: { start: '2023-12-31', end: '2023-12-31' },
          actual: 1,
          penalty: { amount: 1, weight: 30, cost: 30 },
          messageIncludes: '自 2023-12-31 起连续休息 1 天',
        },
      ],
    },
    {
      name: "the limits are the contract's: PartTime (3,5) off on days 3–4 is one short",
      dataset: inrc2Dataset({ nurses: after(0, 'PartTime'), roster: working([0, 1, 2, 5, 6]) }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(3), end: date(4) }, actual: 2, penalty: { amount: 1, cost: 30 }, messageIncludes: '应在 3 至 5 天之间' }],
    },
    {
      name: 'the weight option sets the cost per day',
      dataset: inrc2Dataset({ roster: working([0, 2, 3, 4, 5, 6]) }),
      options: { weight: 9 },
      errors: [{ messageId: 'outOfBounds', actual: 1, penalty: { amount: 1, weight: 9, cost: 9 } }],
    },
    {
      name: 'each run separately',
      dataset: inrc2Dataset({ roster: working([1, 3, 4, 5]) }),
      errors: [
        { messageId: 'outOfBounds', period: { start: date(0), end: date(0) }, actual: 1, penalty: { amount: 1 } },
        { messageId: 'outOfBounds', period: { start: date(2), end: date(2) }, actual: 1, penalty: { amount: 1 } },
      ],
    },
  ],
});
