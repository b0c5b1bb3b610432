import { community, dataset, ruleTester } from '../_lib/rule-tester.js';

/** A community-work entry; `community` only when given. */
const work = (start: string, end: string, extra: Record<string, unknown> = {}) => ({ officer: 'O1', start, end, type: '社区工作', ...extra });
const leave = (start: string, end: string) => ({ officer: 'O1', start, end, type: '休假' });
/** The morning (08:00–12:00) of each date. */
const mornings = (...dates: string[]) => dates.map((d) => work(`${d}T08:00`, `${d}T12:00`));
const weekdays = ['2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06', '2017-04-07'];

ruleTester('community-policing/five-half-days', {
  valid: [
    { name: 'five mornings in the community', dataset: dataset({ roster: mornings(...weekdays) }) },
    {
      name: 'a half-day at exactly minMinutesPerHalfDay counts',
      dataset: dataset({ roster: weekdays.map((d) => work(`${d}T09:00`, `${d}T11:00`)) }),
    },
    {
      name: 'a week shortened by leave: three days of leave leave 4 available half-days, so 2 are required',
      dataset: dataset({ roster: [leave('2017-04-03T08:00', '2017-04-05T17:00'), ...mornings('2017-04-06', '2017-04-07')] }),
    },
    {
      name: 'a week shortened by a public holiday: 8 available, 4 required',
      dataset: dataset({ calendar: { holidays: ['2017-04-04'] }, roster: mornings('2017-04-03', '2017-04-05', '2017-04-06', '2017-04-07') }),
    },
    {
      name: 'half-days on a weekend count',
      dataset: dataset({ roster: [...mornings('2017-04-03', '2017-04-04', '2017-04-05'), work('2017-04-08T08:00', '2017-04-08T17:00')] }),
    },
    {
      name: 'a whole week of non-normal duty makes nothing available, so nothing is required',
      dataset: dataset({ nonNormalDuty: [{ start: '2017-04-01', end: '2017-04-10', reason: 'major event security', units: ['HP'] }] }),
    },
    {
      name: 'a whole week of leave requires nothing',
      dataset: dataset({ roster: [leave('2017-04-03T00:00', '2017-04-10T00:00')] }),
    },
    {
      name: 'an officer who is not a community officer has no subjects',
      dataset: dataset({ officers: [{ id: 'O1', name: '张伟', unit: 'PS1' }] }),
    },
    {
      name: 'an entry crossing midnight counts on the next morning',
      dataset: dataset({ roster: [...mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06'), work('2017-04-06T22:00', '2017-04-07T10:00')] }),
    },
    {
      name: 'an entry naming the officer\'s own community counts',
      dataset: dataset({ roster: weekdays.map((d) => work(`${d}T08:00`, `${d}T12:00`, { community: 'C1' })) }),
    },
    {
      name: 'options lowered: 3 half-days of 60 minutes',
      dataset: dataset({ roster: ['2017-04-03', '2017-04-04', '2017-04-05'].map((d) => work(`${d}T13:00`, `${d}T14:00`)) }),
      options: { minHalfDays: 3, minMinutesPerHalfDay: 60 },
    },
    {
      name: 'half-day windows replaced in the settings',
      dataset: dataset({ roster: weekdays.map((d) => work(`${d}T19:00`, `${d}T21:00`)) }),
      settings: { halfDayWindows: { day: ['09:00', '17:00'], evening: ['18:00', '22:00'] } },
    },
  ],
  invalid: [
    {
      name: 'no community work at all',
      dataset: dataset(),
      errors: [
        {
          messageId: 'tooFewHalfDays',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-03', end: '2017-04-09' },
          expected: 5,
          actual: 0,
          severity: 'error',
          messageIncludes: 'O1 (张伟)',
        },
      ],
    },
    {
      name: 'one minute less than minMinutesPerHalfDay does not count; the evidence is the counted half-days and their entries',
      dataset: dataset({ roster: [...mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06'), work('2017-04-07T09:00', '2017-04-07T10:59')] }),
      errors: [
        {
          messageId: 'tooFewHalfDays',
          expected: 5,
          actual: 4,
          evidence: [
            { source: 'half-day', date: '2017-04-03', window: 'am', minutes: 240 },
            { source: 'half-day', date: '2017-04-06', window: 'am', minutes: 240 },
            { source: 'roster', index: 0, start: '2017-04-03T08:00', end: '2017-04-03T12:00', minutes: 240 },
            { source: 'roster', index: 3, minutes: 240 },
          ],
        },
      ],
    },
    {
      name: 'overlapping entries count once',
      dataset: dataset({ roster: [...mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06'), work('2017-04-07T09:00', '2017-04-07T10:00'), work('2017-04-07T09:30', '2017-04-07T10:59')] }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 5, actual: 4 }],
    },
    {
      name: 'two entries that add up in one window count together',
      dataset: dataset({ roster: [work('2017-04-03T08:00', '2017-04-03T09:00'), work('2017-04-03T11:00', '2017-04-03T12:00'), work('2017-04-03T12:00', '2017-04-03T16:00')] }),
      errors: [
        {
          messageId: 'tooFewHalfDays',
          actual: 2,
          evidence: [
            { source: 'half-day', date: '2017-04-03', window: 'am', minutes: 120 },
            { source: 'half-day', date: '2017-04-03', window: 'pm', minutes: 180 },
            { source: 'roster', index: 0, minutes: 60 },
            { source: 'roster', index: 1, minutes: 60 },
            { source: 'roster', index: 2, minutes: 180 },
          ],
        },
      ],
    },
    {
      name: 'an entry for another community does not count',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        roster: [...mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06'), work('2017-04-07T08:00', '2017-04-07T12:00', { community: 'C2' })],
      }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 5, actual: 4 }],
    },
    {
      name: 'an entry for a community the officer joins only later does not count',
      dataset: dataset({
        communities: [community('C1'), community('C2')],
        officers: [{ id: 'O1', name: '张伟', unit: 'PS1', assignments: [{ community: 'C1', from: '2015-01-01', to: '2017-04-06' }, { community: 'C2', from: '2017-04-07' }] }],
        roster: [...weekdays.map((d) => work(`${d}T08:00`, `${d}T12:00`, { community: 'C2' })), ...mornings('2017-04-04')],
      }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 5, actual: 2 }],
    },
    {
      name: 'leave covering a window for minMinutesPerHalfDay makes it unavailable; less does not',
      dataset: dataset({
        roster: [
          leave('2017-04-03T08:00', '2017-04-03T10:00'),
          leave('2017-04-03T15:00', '2017-04-03T17:00'),
          leave('2017-04-04T08:00', '2017-04-04T09:59'),
          leave('2017-04-04T15:01', '2017-04-04T17:00'),
        ],
      }),
      // Monday's two half-days are taken, Tuesday's are not: 8 available, 4 required.
      errors: [{ messageId: 'tooFewHalfDays', expected: 4, actual: 0 }],
    },
    {
      name: 'leave shortens the week: 6 available, 3 required',
      dataset: dataset({ roster: [leave('2017-04-03T08:00', '2017-04-04T17:00'), ...mornings('2017-04-05', '2017-04-06')] }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 3, actual: 2 }],
    },
    {
      name: 'a public holiday and a make-up workday on the Saturday: the Saturday is available',
      dataset: dataset({ calendar: { holidays: ['2017-04-04'], workdays: ['2017-04-08'] }, roster: mornings('2017-04-03', '2017-04-05', '2017-04-06', '2017-04-07') }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 5, actual: 4 }],
    },
    {
      name: 'a make-up workday adds to a full week: 12 available, 6 required',
      dataset: dataset({ calendar: { workdays: ['2017-04-08'] }, roster: mornings(...weekdays) }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 6, actual: 5 }],
    },
    {
      name: 'non-normal duty makes its dates unavailable',
      dataset: dataset({ nonNormalDuty: [{ start: '2017-04-06', end: '2017-04-07', reason: 'major event security', units: ['PS1'] }], roster: mornings('2017-04-03', '2017-04-04') }),
      errors: [{ messageId: 'tooFewHalfDays', expected: 3, actual: 2 }],
    },
    {
      name: 'weeks clipped by the check period require less, but are reported Monday to Sunday',
      dataset: dataset({ period: { start: '2017-04-06', end: '2017-04-12' }, roster: mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06') }),
      errors: [
        { messageId: 'tooFewHalfDays', period: { start: '2017-04-03', end: '2017-04-09' }, expected: 2, actual: 1, evidence: [{ source: 'half-day', date: '2017-04-06' }] },
        { messageId: 'tooFewHalfDays', period: { start: '2017-04-10', end: '2017-04-16' }, expected: 3, actual: 0 },
      ],
    },
    {
      name: 'an entry crossing midnight gives each date its own minutes',
      dataset: dataset({ roster: [work('2017-04-03T10:00', '2017-04-04T10:00')] }),
      errors: [
        {
          messageId: 'tooFewHalfDays',
          actual: 3,
          evidence: [
            { source: 'half-day', date: '2017-04-03', window: 'am', minutes: 120 },
            { source: 'half-day', date: '2017-04-03', window: 'pm', minutes: 240 },
            { source: 'half-day', date: '2017-04-04', window: 'am', minutes: 120 },
            { source: 'roster', index: 0, minutes: 480 },
          ],
        },
      ],
    },
    {
      name: 'dates before the officer becomes a community officer count for neither',
      dataset: dataset({ officers: [{ id: 'O1', name: '张伟', unit: 'PS1', assignments: [{ community: 'C1', from: '2017-04-06' }] }], roster: mornings('2017-04-03', '2017-04-04', '2017-04-05', '2017-04-06') }),
      // Thursday and Friday: 4 available, 2 required; only Thursday's morning counts.
      errors: [{ messageId: 'tooFewHalfDays', expected: 2, actual: 1 }],
    },
    {
      name: 'options raised: 6 of 10 half-days of 180 minutes',
      dataset: dataset({ roster: weekdays.map((d) => work(`${d}T08:00`, `${d}T11:00`)) }),
      options: { minHalfDays: 6, minMinutesPerHalfDay: 180 },
      errors: [{ messageId: 'tooFewHalfDays', expected: 6, actual: 5 }],
    },
    {
      name: 'standardHalfDays changed: 10 available of a standard 8 require ceil(5 × 10 ÷ 8) = 7',
      dataset: dataset({ roster: mornings(...weekdays) }),
      options: { standardHalfDays: 8 },
      errors: [{ messageId: 'tooFewHalfDays', expected: 7, actual: 5 }],
    },
    {
      name: 'half-day windows replaced: the window names appear in the evidence',
      dataset: dataset({ roster: [work('2017-04-03T19:00', '2017-04-03T21:00')] }),
      settings: { halfDayWindows: { day: ['09:00', '17:00'], evening: ['18:00', '22:00'] } },
      errors: [{ messageId: 'tooFewHalfDays', expected: 5, actual: 1, evidence: [{ source: 'half-day', date: '2017-04-03', window: 'evening', minutes: 120 }] }],
    },
  ],
});
