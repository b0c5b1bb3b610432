import { describe, it } from 'vitest';
import { ruleTester } from '../../_lib/rule-tester.js';
import { date, entryEvidence, expectEvidence, inrc2Dataset, nurse, offRequest, shift } from './_lib/inrc2-dataset.js';

const RULE = 'inrc2/shift-off-request';
const nurses = [nurse('Sara', { contract: 'PartTime', skills: ['Nurse'] }), nurse('Stefaan', { contract: 'PartTime' })];

ruleTester(RULE, {
  valid: [
    { name: 'no requests', dataset: inrc2Dataset({ nurses, roster: [shift('Sara', 3, 'Early')] }) },
    { name: 'Any (the whole day) off, and off that day', dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Thu', null)], roster: [shift('Sara', 'Wed', 'Early'), shift('Sara', 'Fri', 'Early')] }) },
    {
      name: 'Night off requested, Late worked that day: granted',
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Sat', 'Night')], roster: [shift('Sara', 'Sat', 'Late')] }),
    },
    {
      name: "the Night of the day before runs into the requested day, but starts the day before: granted",
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Thu', null)], roster: [shift('Sara', 'Wed', 'Night')] }),
    },
    { name: "another nurse works the requested shift", dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Stefaan', 'Sat', 'Late')], roster: [shift('Sara', 'Sat', 'Late')] }) },
  ],
  invalid: [
    {
      name: 'Any requested, a shift worked that day: S4 costs 10, the request record and the entry as evidence',
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Thu', null, 14)], roster: [shift('Sara', 'Thu', 'Early')] }),
      errors: [
        {
          messageId: 'requestNotGranted',
          subject: { type: 'offRequest', id: 'Sara/Any' },
          period: { start: '2024-01-04', end: '2024-01-04' },
          penalty: { amount: 1, weight: 10, cost: 10 },
          evidence: [
            { source: 'record', list: 'offRequests', file: 'WD-n005w4-0.txt', line: 14, officer: 'Sara', date: '2024-01-04', shift: null, index: 0, path: 'records.offRequests[0]' },
            { source: 'roster', index: 0, officer: 'Sara', type: 'Early' },
          ],
          messageIncludes: '护士 Sara 申请 2024-01-04 休 Any 班，却被排班',
        },
      ],
    },
    {
      name: 'a named shift requested off and worked',
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Stefaan', 'Sat', 'Late')], roster: [shift('Stefaan', 'Sat', 'Late', 'HeadNurse')] }),
      errors: [
        {
          messageId: 'requestNotGranted',
          subject: { type: 'offRequest', id: 'Stefaan/Late' },
          period: { start: date('Sat'), end: date('Sat') },
          penalty: { amount: 1, weight: 10, cost: 10 },
          evidence: [{ source: 'record', list: 'offRequests', officer: 'Stefaan', shift: 'Late' }, { source: 'roster', officer: 'Stefaan', type: 'Late' }],
          messageIncludes: '护士 Stefaan 申请 2024-01-06 休 Late 班',
        },
      ],
    },
    {
      name: 'each request counts once: Any and Night the same day, both not granted by one Night',
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Fri', 'Night'), offRequest('Sara', 'Fri', null)], roster: [shift('Sara', 'Fri', 'Night')] }),
      errors: [
        { messageId: 'requestNotGranted', subject: { type: 'offRequest', id: 'Sara/Any' }, penalty: { amount: 1, cost: 10 }, evidence: [{ source: 'record', path: 'records.offRequests[1]' }] },
        { messageId: 'requestNotGranted', subject: { type: 'offRequest', id: 'Sara/Night' }, penalty: { amount: 1, cost: 10 }, evidence: [{ source: 'record', path: 'records.offRequests[0]' }] },
      ],
    },
    {
      name: 'the weight option sets the cost per request',
      dataset: inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 0, null)], roster: [shift('Sara', 0, 'Day')] }),
      options: { weight: 3 },
      errors: [{ messageId: 'requestNotGranted', penalty: { amount: 1, weight: 3, cost: 3 } }],
    },
  ],
});

describe(`${RULE} evidence`, () => {
  it("is the request record, then exactly the nurse's entries that break it", async () => {
    const roster = [shift('Stefaan', 'Sat', 'Late'), shift('Sara', 'Sat', 'Early'), shift('Sara', 'Sat', 'Late'), shift('Sara', 'Sun', 'Early')];
    await expectEvidence(RULE, inrc2Dataset({ nurses, offRequests: [offRequest('Sara', 'Sat', null, 20)], roster }), [
      [
        { source: 'record', list: 'offRequests', file: 'WD-n005w4-0.txt', line: 20, officer: 'Sara', date: '2024-01-06', shift: null, index: 0, path: 'records.offRequests[0]' },
        entryEvidence(1, roster[1]!),
        entryEvidence(2, roster[2]!),
      ],
    ]);
  });
});
