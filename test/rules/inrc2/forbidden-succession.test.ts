import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/forbidden-succession';
const afterHistory = (historyLastShift: string | null) => nurse('Patrick', { history: { historyLastShift, historyLastShiftRun: historyLastShift ? 1 : 0, historyWorkRun: historyLastShift ? 1 : 0, historyOffRun: historyLastShift ? 0 : 2 } });

ruleTester(RULE, {
  valid: [
    { name: 'no roster at all', dataset: inrc2Dataset() },
    { name: 'Early then Late (allowed)', dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Early'), shift('Patrick', 1, 'Late')] }) },
    { name: 'Late, a day off, then Early: not consecutive days', dataset: inrc2Dataset({ roster: [shift('Patrick', 1, 'Late'), shift('Patrick', 3, 'Early')] }) },
    { name: 'Night then Night (allowed)', dataset: inrc2Dataset({ roster: [shift('Patrick', 4, 'Night'), shift('Patrick', 5, 'Night')] }) },
    { name: "another nurse's Late before this nurse's Early", dataset: inrc2Dataset({ nurses: [nurse('Patrick'), nurse('Sara')], roster: [shift('Sara', 2, 'Late'), shift('Patrick', 3, 'Early')] }) },
    { name: "the history's last shift Late, then Day on day 0 (allowed)", dataset: inrc2Dataset({ nurses: [afterHistory('Late')], roster: [shift('Patrick', 0, 'Day')] }) },
    { name: 'the history ended with a day off (None), then Early on day 0', dataset: inrc2Dataset({ nurses: [afterHistory(null)], roster: [shift('Patrick', 0, 'Early')] }) },
    { name: "the history's last shift Night and day 0 off", dataset: inrc2Dataset({ nurses: [afterHistory('Night')], roster: [shift('Patrick', 1, 'Early')] }) },
  ],
  invalid: [
    {
      name: 'Late then Early the next day: H3 count 1, both entries as evidence',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 2, 'Late'), shift('Patrick', 3, 'Early')] }),
      errors: [
        {
          messageId: 'forbiddenSuccession',
          subject: { type: 'officer', id: 'Patrick' },
          period: { start: '2024-01-04', end: '2024-01-04' },
          penalty: { amount: 1, weight: 1, cost: 1 },
          evidence: [
            { source: 'roster', index: 0, type: 'Late', start: '2024-01-03T14:00' },
            { source: 'roster', index: 1, type: 'Early', start: '2024-01-04T06:00' },
          ],
          messageIncludes: '护士 Patrick 在 2024-01-04 的 Early 班不得接在前一天的 Late 班之后',
        },
      ],
    },
    {
      name: 'Night then Late, and Night then Early, each counted on the later day',
      dataset: inrc2Dataset({ roster: [shift('Patrick', 0, 'Night'), shift('Patrick', 1, 'Late'), shift('Patrick', 5, 'Night'), shift('Patrick', 6, 'Early')] }),
      errors: [
        { messageId: 'forbiddenSuccession', period: { start: date(1), end: date(1) }, penalty: { amount: 1 }, messageIncludes: 'Late 班不得接在前一天的 Night 班之后' },
        { messageId: 'forbiddenSuccession', period: { start: date(6), end: date(6) }, penalty: { amount: 1 }, messageIncludes: 'Early 班不得接在前一天的 Night 班之后' },
      ],
    },
    {
      name: "the history's last shift Night into an Early on day 0: the day-0 entry is the evidence",
      dataset: inrc2Dataset({ nurses: [afterHistory('Night')], roster: [shift('Patrick', 0, 'Early')] }),
      errors: [
        {
          messageId: 'forbiddenSuccession',
          period: { start: '2024-01-01', end: '2024-01-01' },
          penalty: { amount: 1, weight: 1, cost: 1 },
          evidence: [{ source: 'roster', index: 0, type: 'Early' }],
          messageIncludes: '护士 Patrick 在 2024-01-01 的 Early 班不得接在前一天的 Night 班之后',
        },
      ],
    },
    {
      name: 'the successions are the scenario\'s records: a custom Early → Day is forbidden, Late → Early no longer',
      dataset: inrc2Dataset({ forbiddenSuccessions: [{ from: 'Early', to: 'Day' }], roster: [shift('Patrick', 0, 'Early'), shift('Patrick', 1, 'Day'), shift('Patrick', 3, 'Late'), shift('Patrick', 4, 'Early')] }),
      errors: [{ messageId: 'forbiddenSuccession', period: { start: date(1), end: date(1) }, messageIncludes: 'Day 班不得接在前一天的 Early 班之后' }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is exactly the previous day's entry and this day's, or only this day's after the history", async () => {
    const roster = [shift('Patrick', 0, 'Early'), shift('Patrick', 2, 'Late'), shift('Patrick', 3, 'Early')];
    await expectEvidence(RULE, inrc2Dataset({ nurses: [afterHistory('Late')], roster }), [[entryEvidence(0, roster[0]!)], [entryEvidence(1, roster[1]!), entryEvidence(2, roster[2]!)]]);
  });
});
