import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift, shifts } from './_lib/inrc2-dataset.js';

// Shift types of the builder: Early (2,5), Day (1,3), Late (2,3), Night (4,5).
const RULE = 'inrc2/consecutive-shifts';
/** Patrick, whose history ends with `run` days of `last` (and as many working days). */
const after = (last: string, run: number) => [nurse('Patrick', { history: { historyLastShift: last, historyLastShiftRun: run, historyWorkRun: run } })];

ruleTester(RULE, {
  valid: [
    { name: 'no roster and no history: no runs', dataset: inrc2Dataset() },
    { name: 'Late on days 0–2: exactly the maximum 3', dataset: inrc2Dataset({ roster: shifts('Patrick', [0, 1, 2], 'Late') }) },
    { name: 'Late on days 2–3: exactly the minimum 2', dataset: inrc2Dataset({ roster: shifts('Patrick', [2, 3], 'Late') }) },
    { name: 'one Day shift (minimum 1)', dataset: inrc2Dataset({ roster: [shift('Patrick', 3, 'Day')] }) },
    {
      name: 'a change of shift type ends a run: Early 0–1, Late 2–3, Early 4–5',
      dataset: inrc2Dataset({ roster: [...shifts('Patrick', [0, 1], 'Early'), ...shifts('Patrick', [2, 3], 'Late'), ...shifts('Patrick', [4, 5], 'Early')] }),
    },
    { name: "Night on Sat–Sun: shorter than 4 but reaching the horizon's end, so not short", dataset: inrc2Dataset({ roster: shifts('Patrick', ['Sat', 'Sun'], 'Night') }) },
    { name: 'history Early 3 continued on days 0–1: 5, exactly the maximum', dataset: inrc2Dataset({ nurses: after('Early', 3), roster: shifts('Patrick', [0, 1], 'Early') }) },
    { name: 'history Early 1 continued on day 0: 2 with the history, the minimum', dataset: inrc2Dataset({ nurses: after('Early', 1), roster: shifts('Patrick', [0], 'Early') }) },
    { name: 'history Late 2 ending with the history (day 0 off): 2, the minimum', dataset: inrc2Dataset({ nurses: after('Late', 2), roster: [shift('Patrick', 2, 'Day')] }) },
    { name: 'a shift type without a record in shiftTypes has no limits', dataset: inrc2Dataset({ roster: [shift('Patrick', 2, 'Twilight')] }) },
    {
      name: 'history Late 4 (already above 3) ending with the history: its excess was charged in the history',
      dataset: inrc2Dataset({ nurses: after('Late', 4) }),
    },
  ],
  invalid: [
    {
      name: 'Late on days 0–3: one day above the maximum 3, S2 costs 15',
      dataset: inrc2Dataset({ roster: shifts('Patrick', [0, 1, 2, 3], 'Late') }),
      errors: [
        {
          messageId: 'outOfBounds',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-01', end: '2024-01-04' },
          actual: 4,
          penalty: { amount: 1, weight: 15, cost: 15 },
          evidence: [0, 1, 2, 3].map((index) => ({ source: 'roster', index, type: 'Late' })),
          messageIncludes: '护士 Patrick 自 2024-01-01 起连续 4 天上 Late 班，应在 2 至 3 天之间',
        },
      ],
    },
    {
      name: 'one Late mid-week: one day short of the minimum 2',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 2, 'Late')] }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(2), end: date(2) }, actual: 1, penalty: { amount: 1, weight: 15, cost: 15 } }],
    },
    {
      name: 'Night on days 0–1, then off: two short of 4',
      dataset: inrc2Dataset({ roster: shifts('Patrick', [0, 1], 'Night') }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(1) }, actual: 2, penalty: { amount: 2, weight: 15, cost: 30 } }],
    },
    {
      name: "Early all 7 days: reaching the horizon's end does not excuse the 2 days above 5",
      dataset: inrc2Dataset({ roster: shifts('Patrick', [0, 1, 2, 3, 4, 5, 6], 'Early') }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(6) }, actual: 7, penalty: { amount: 2, cost: 30 } }],
    },
    {
      name: 'a run of another type in between: Early on day 0 alone is short, Late 1–2 is fine',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Early'), ...shifts('Patrick', [1, 2], 'Late')] }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(0) }, actual: 1, penalty: { amount: 1 }, messageIncludes: 'Early' }],
    },
    {
      name: 'history Early 4 continued on days 0–2: 7 in all, charged for the 2 beyond 5',
      dataset: inrc2Dataset({ nurses: after('Early', 4), roster: shifts('Patrick', [0, 1, 2], 'Early') }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(2) }, actual: 7, penalty: { amount: 2, weight: 15, cost: 30 } }],
    },
    {
      name: 'history Early 6 (1 above 5, charged then) continued on days 0–1: only the 2 new days cost, max(0, 8−5) − max(0, 6−5)',
      dataset: inrc2Dataset({ nurses: after('Early', 6), roster: shifts('Patrick', [0, 1], 'Early') }),
      errors: [{ messageId: 'outOfBounds', period: { start: date(0), end: date(1) }, actual: 8, penalty: { amount: 2, weight: 15, cost: 30 } }],
    },
    {
      name: 'history Late 1 ending with the history (Day on day 0): the history run is checked against its minimum',
      dataset: inrc2Dataset({ nurses: after('Late', 1), roster: [shift('Patrick', 0, 'Day')] }),
      errors: [
        {
          messageId: 'outOfBounds',
          // The run lies wholly in the history: its period is the day before the horizon.
          period: { start: '2023-12-31', end: '2023-12-31' },
          actual: 1,
          penalty: { amount: 1, weight: 15, cost: 15 },
          messageIncludes: '自 2023-12-31 起连续 1 天上 Late 班，应在 2 至 3 天之间',
        },
      ],
    },
    {
      name: 'the weight option sets the cost per day',
      dataset: inrc2Dataset({ roster: shifts('Patrick', [0, 1, 2, 3, 4], 'Late') }),
      options: { weight: 4 },
      errors: [{ messageId: 'outOfBounds', actual: 5, penalty: { amount: 2, weight: 4, cost: 8 } }],
    },
    {
      name: 'the limits are the shift type records: Late made (1,2)',
      dataset: inrc2Dataset({ shiftTypes: [{ id: 'Late', minConsecutive: 1, maxConsecutive: 2 }], roster: shifts('Patrick', [0, 1, 2], 'Late') }),
      errors: [{ messageId: 'outOfBounds', actual: 3, penalty: { amount: 1 }, messageIncludes: '应在 1 至 2 天之间' }],
    },
    {
      name: 'each nurse separately',
      dataset: inrc2Dataset({ nurses: [nurse('Patrick'), nurse('Sara')], roster: [shift('Sara', 1, 'Late'), shift('Patrick', 3, 'Late')] }),
      errors: [
        { messageId: 'outOfBounds', subject: { type: 'officer', id: 'Patrick' }, period: { start: date(3), end: date(3) } },
        { messageId: 'outOfBounds', subject: { type: 'officer', id: 'Sara' }, period: { start: date(1), end: date(1) } },
      ],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is exactly the run's entries inside the horizon", async () => {
    const roster = [shift('Patrick', 0, 'Early'), ...shifts('Patrick', [1, 2, 3, 4], 'Late')];
    // The nurse's record first (a run of days off, or one wholly in the history, has no entries to show), then the run's entries.
    const nurse = { source: 'officer', id: 'Patrick', index: 0, path: 'officers[0]' };
    await expectEvidence(RULE, inrc2Dataset({ roster }), [[nurse, entryEvidence(0, roster[0]!)], [nurse, ...roster.slice(1).map((e, i) => entryEvidence(i + 1, e))]]);
  });
});
