import { dataset, officer, ruleTester } from '../../_lib/rule-tester.js';

/**
 * working-time/consecutive-workdays (working-time.md): a workday is a date on which one of the
 * officer's work entries starts; a run of consecutive workdays inside the check period is at most
 * maxConsecutiveDays (6) long; one violation per longer maximal run, with the work entries that
 * start on its first and last dates. The check period is 2017-04-01 – 04-14 unless a case says
 * otherwise.
 */
const entry = (start: string, end: string, type = '社区工作', officerId = 'O1') => ({ officer: officerId, start, end, type });
const date = (d: number) => `2017-04-${String(d).padStart(2, '0')}`;
/** A day of community work 08:30–16:30 on each April date from `first` to `last`. */
const workdays = (first: number, last: number, type = '社区工作', officerId = 'O1') =>
  Array.from({ length: last - first + 1 }, (_, i) => entry(`${date(first + i)}T08:30`, `${date(first + i)}T16:30`, type, officerId));
const at = (...roster: unknown[]) => dataset({ period: { start: '2017-04-01', end: '2017-04-14' }, roster: roster.flat() });

ruleTester('working-time/consecutive-workdays', {
  valid: [
    { name: 'a run of exactly the maximum (6 days)', dataset: at(workdays(3, 8)) },
    {
      name: 'the 下夜班 morning is not a workday: it breaks the run',
      dataset: at(workdays(1, 4), entry('2017-04-05T18:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-06T08:00', '2017-04-06T12:00', '补休'), workdays(7, 12)),
    },
    { name: 'a leave day is not a workday', dataset: at(workdays(1, 5), workdays(6, 6, '休假'), workdays(7, 12)) },
    { name: 'training is not work when countsAsWork is []', dataset: at(workdays(1, 5), workdays(6, 6, '培训'), workdays(7, 12)), settings: { workingTime: { countsAsWork: [] } } },
    {
      name: 'a run clipped by the check period counts only its dates inside it',
      dataset: dataset({ period: { start: '2017-04-05', end: '2017-04-14' }, roster: workdays(1, 10) }),
    },
    { name: 'a higher maximum in the options', dataset: at(workdays(1, 14)), options: { maxConsecutiveDays: 14 } },
  ],
  invalid: [
    {
      name: 'one day more than the maximum: the entries starting on the first and last dates are the evidence',
      dataset: at(workdays(3, 9)),
      errors: [
        {
          messageId: 'tooManyDays',
          severity: 'error',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-03', end: '2017-04-09' },
          expected: 6,
          actual: 7,
          evidence: [{ index: 0, start: '2017-04-03T08:30' }, { index: 6, start: '2017-04-09T08:30' }],
          messageIncludes: '连续工作 7 天',
        },
      ],
    },
    {
      name: 'a night duty counts on the date it starts, and work starting on the 下夜班 date makes it a workday',
      dataset: at(workdays(1, 4), entry('2017-04-05T18:00', '2017-04-06T08:00', '所内值班'), entry('2017-04-06T13:30', '2017-04-06T16:30'), workdays(7, 7)),
      errors: [{ messageId: 'tooManyDays', period: { start: '2017-04-01', end: '2017-04-07' }, actual: 7, evidence: [{ index: 0 }, { index: 6 }] }],
    },
    {
      name: 'training is work by default',
      dataset: at(workdays(1, 5), workdays(6, 6, '培训'), workdays(7, 7)),
      errors: [{ messageId: 'tooManyDays', period: { start: '2017-04-01', end: '2017-04-07' }, actual: 7, evidence: [{ index: 0 }, { index: 6 }] }],
    },
    {
      name: 'two entries on the last date are both evidence',
      dataset: at(workdays(1, 7), entry('2017-04-07T18:00', '2017-04-07T22:00', '所内值班')),
      errors: [{ messageId: 'tooManyDays', period: { start: '2017-04-01', end: '2017-04-07' }, actual: 7, evidence: [{ index: 0 }, { index: 6 }, { index: 7 }] }],
    },
    {
      name: 'a run clipped by the check period: its period and length are the part inside it',
      dataset: dataset({ period: { start: '2017-04-05', end: '2017-04-11' }, roster: workdays(1, 14) }),
      errors: [{ messageId: 'tooManyDays', period: { start: '2017-04-05', end: '2017-04-11' }, actual: 7, evidence: [{ index: 4 }, { index: 10 }] }],
    },
    {
      name: 'one violation per maximal run that is longer, for every officer',
      dataset: dataset({
        period: { start: '2017-04-01', end: '2017-04-20' },
        officers: [officer('O1', [{ community: 'C1', from: '2015-01-01' }]), officer('S1')],
        roster: [...workdays(1, 7, '所内值班', 'S1'), ...workdays(9, 16, '所内值班', 'S1')],
      }),
      errors: [
        { messageId: 'tooManyDays', subject: { type: 'officer', id: 'S1' }, period: { start: '2017-04-01', end: '2017-04-07' }, actual: 7 },
        { messageId: 'tooManyDays', subject: { type: 'officer', id: 'S1' }, period: { start: '2017-04-09', end: '2017-04-16' }, actual: 8 },
      ],
    },
  ],
});
