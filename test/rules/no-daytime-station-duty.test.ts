import { dataset, ruleTester } from '../_lib/rule-tester.js';

const duty = (start: string, end: string, type = '所内值班', officer = 'O1') => ({ officer, start, end, type });

ruleTester('community-policing/no-daytime-station-duty', {
  valid: [
    { name: 'night duty 18:00 to 08:00 next morning', dataset: dataset({ roster: [duty('2017-04-05T18:00', '2017-04-06T08:00')] }) },
    { name: 'night duty ending exactly at 08:00', dataset: dataset({ roster: [duty('2017-04-05T00:00', '2017-04-05T08:00')] }) },
    {
      name: 'an officer who is not a community officer that date',
      dataset: dataset({
        officers: [{ id: 'O1', unit: 'PS1', assignments: [{ community: 'C1', from: '2017-04-06' }] }],
        roster: [duty('2017-04-05T09:00', '2017-04-05T17:00')],
      }),
    },
    { name: 'daytime community work is not station duty', dataset: dataset({ roster: [duty('2017-04-05T09:00', '2017-04-05T12:00', '社区工作')] }) },
    { name: 'within the tolerance', dataset: dataset({ roster: [duty('2017-04-05T17:30', '2017-04-06T08:00')] }), options: { toleranceMinutes: 30 } },
    { name: 'starting before the check period', dataset: dataset({ roster: [duty('2017-04-02T09:00', '2017-04-02T17:00')] }) },
    {
      name: 'a user duty type moved out of station-duty',
      dataset: dataset({ roster: [duty('2017-04-05T09:00', '2017-04-05T12:00', '值班')] }),
      settings: { dutyTypes: { other: ['值班'] } },
    },
  ],
  invalid: [
    {
      name: 'a daytime shift',
      dataset: dataset({ roster: [duty('2017-04-05T08:00', '2017-04-05T18:00')] }),
      errors: [{ messageId: 'daytimeStationDuty', subject: { type: 'officer', id: 'O1' }, period: { start: '2017-04-05', end: '2017-04-05' }, expected: 0, actual: 600, messageIncludes: 'O1 (张伟)' }],
    },
    {
      name: 'a night shift ending at 09:00 overlaps the next morning, reported on its start date',
      dataset: dataset({ roster: [duty('2017-04-05T17:00', '2017-04-06T09:00', ' Station-Duty ')] }),
      errors: [{ messageId: 'daytimeStationDuty', period: { start: '2017-04-05', end: '2017-04-05' }, actual: 120, evidence: [{ source: 'roster', index: 0, minutes: 120 }] }],
    },
    {
      name: 'two breaking entries on one date are one violation; overlapping minutes count once',
      dataset: dataset({ roster: [duty('2017-04-05T09:00', '2017-04-05T11:00'), duty('2017-04-05T10:00', '2017-04-05T12:00'), duty('2017-04-06T20:00', '2017-04-06T23:00')] }),
      errors: [{ messageId: 'daytimeStationDuty', period: { start: '2017-04-05', end: '2017-04-05' }, actual: 180 }],
    },
    {
      name: 'over the tolerance: only the breaking entries are counted',
      dataset: dataset({ roster: [duty('2017-04-05T07:00', '2017-04-05T08:20'), duty('2017-04-05T13:00', '2017-04-05T15:00')] }),
      options: { toleranceMinutes: 30 },
      errors: [{ messageId: 'daytimeStationDuty', expected: 30, actual: 120 }],
    },
    {
      name: 'daytime setting replaced',
      dataset: dataset({ roster: [duty('2017-04-05T18:00', '2017-04-05T20:00')] }),
      settings: { daytime: ['07:00', '19:00'] },
      errors: [{ messageId: 'daytimeStationDuty', actual: 60 }],
    },
    {
      name: 'daytime is wall-clock time on a DST-change day (Berlin springs forward on 2024-03-31)',
      dataset: dataset({ timezone: 'Europe/Berlin', period: { start: '2024-03-30', end: '2024-03-31' }, roster: [duty('2024-03-30T23:00', '2024-03-31T10:00')] }),
      errors: [{ messageId: 'daytimeStationDuty', period: { start: '2024-03-30', end: '2024-03-30' }, actual: 120 }],
    },
    {
      name: 'an entry with an explicit UTC offset is converted to local time',
      dataset: dataset({ roster: [duty('2017-04-05T01:00Z', '2017-04-05T03:00Z')] }),
      errors: [{ messageId: 'daytimeStationDuty', period: { start: '2017-04-05', end: '2017-04-05' }, actual: 120, evidence: [{ start: '2017-04-05T09:00', end: '2017-04-05T11:00' }] }],
    },
  ],
});
