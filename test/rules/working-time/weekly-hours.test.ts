import { dataset, officer, ruleTester } from '../../_lib/rule-tester.js';

/**
 * working-time/weekly-hours (working-time.md): per officer and ISO week, the work minutes (union
 * per local day) of the week's dates inside the check period are at most maxMinutesPerWeek
 * (2400). The check period is 2017-04-03 (Monday) – 04-09 (Sunday), Asia/Shanghai, unless a
 * case says otherwise.
 */
const entry = (start: string, end: string, type = '社区工作', officerId = 'O1') => ({ officer: officerId, start, end, type });
/** 08:00 + `minutes` on each of the given April dates. */
const days = (dates: number[], minutes: number, type = '社区工作') =>
  dates.map((d) => {
    const day = `2017-04-${String(d).padStart(2, '0')}`;
    const end = new Date(Date.UTC(2017, 3, d, 8, minutes)).toISOString().slice(0, 16);
    return entry(`${day}T08:00`, end, type);
  });
const at = (...roster: unknown[]) => dataset({ roster: roster.flat() });

ruleTester('working-time/weekly-hours', {
  valid: [
    { name: 'exactly the maximum: five days of 480 minutes', dataset: at(days([3, 4, 5, 6, 7], 480)) },
    {
      name: 'breaks are not work minutes: two half-days of 240 with a lunch between, five days',
      dataset: at(days([3, 4, 5, 6, 7], 240), [3, 4, 5, 6, 7].map((d) => entry(`2017-04-0${d}T13:00`, `2017-04-0${d}T17:00`))),
    },
    {
      name: 'overlapping entries count once (their union)',
      dataset: at(days([3, 4, 5, 6, 7], 480), days([3], 240, '所内值班')),
    },
    {
      name: 'leave is not work',
      dataset: at(days([3, 4, 5, 6, 7], 480), days([8], 480, '休假')),
    },
    {
      name: 'training is not work when countsAsWork is []',
      dataset: at(days([3, 4, 5, 6, 7], 480), days([8], 480, '培训')),
      settings: { workingTime: { countsAsWork: [] } },
    },
    {
      name: 'a week clipped by the check period counts only its dates inside the period',
      dataset: dataset({ period: { start: '2017-04-05', end: '2017-04-11' }, roster: days([3, 4, 5, 6, 7, 8], 480) }),
    },
    {
      name: 'an entry crossing into the next week counts only its minutes on this week\'s dates',
      dataset: at(days([3, 4, 5, 6], 480), entry('2017-04-09T20:00', '2017-04-10T08:00', '所内值班'), days([7], 240)),
    },
    {
      name: 'a higher maximum in the options',
      dataset: at(days([3, 4, 5, 6, 7, 8], 480)),
      options: { maxMinutesPerWeek: 2880 },
    },
    {
      name: 'DST in Europe/Berlin: a duty over the whole of 26 March is 1380 elapsed minutes, so the week has exactly 2400',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-03-20', end: '2017-03-26' },
        roster: [entry('2017-03-20T08:00', '2017-03-20T23:00'), entry('2017-03-22T08:00', '2017-03-22T10:00'), entry('2017-03-26T00:00', '2017-03-27T00:00', '所内值班')],
      }),
    },
  ],
  invalid: [
    {
      name: 'one minute more than the maximum: every work entry of the week with its minutes is the evidence',
      dataset: at(days([3, 4, 5, 6], 480), days([7], 481), days([8], 240, '休假')),
      errors: [
        {
          messageId: 'tooManyHours',
          severity: 'error',
          subject: { type: 'officer', id: 'O1' },
          period: { start: '2017-04-03', end: '2017-04-09' },
          expected: 2400,
          actual: 2401,
          evidence: [{ index: 0, minutes: 480 }, { index: 1, minutes: 480 }, { index: 2, minutes: 480 }, { index: 3, minutes: 480 }, { index: 4, minutes: 481 }],
          messageIncludes: '工作 2401 分钟',
        },
      ],
    },
    {
      name: 'training is work by default',
      dataset: at(days([3, 4, 5, 6, 7], 480), days([8], 60, '培训')),
      errors: [{ messageId: 'tooManyHours', actual: 2460, evidence: [{ index: 5, minutes: 60, type: '培训' }] }],
    },
    {
      name: 'a night duty crossing midnight counts on both dates, the 下夜班 补休 not at all',
      dataset: at(days([3, 4, 5, 6], 480), entry('2017-04-06T18:00', '2017-04-07T08:00', '所内值班'), days([7], 240, '补休')),
      errors: [{ messageId: 'tooManyHours', actual: 2760, evidence: [{ index: 4, minutes: 840 }] }],
    },
    {
      name: 'a week clipped by the check period: only the dates inside count, the period is still Monday to Sunday',
      dataset: dataset({ period: { start: '2017-04-05', end: '2017-04-11' }, roster: days([3, 4, 5, 6, 7, 8, 9], 500) }),
      errors: [
        {
          messageId: 'tooManyHours',
          period: { start: '2017-04-03', end: '2017-04-09' },
          actual: 2500,
          evidence: [{ index: 2, minutes: 500 }, { index: 3 }, { index: 4 }, { index: 5 }, { index: 6 }],
        },
      ],
    },
    {
      name: 'every officer and every week is checked, not only community officers',
      dataset: dataset({
        period: { start: '2017-04-03', end: '2017-04-16' },
        officers: [officer('O1', [{ community: 'C1', from: '2015-01-01' }]), officer('S1')],
        roster: [10, 11, 12, 13, 14].map((d) => entry(`2017-04-${d}T08:00`, `2017-04-${d}T17:00`, '窗口接待', 'S1')),
      }),
      errors: [{ messageId: 'tooManyHours', subject: { type: 'officer', id: 'S1' }, period: { start: '2017-04-10', end: '2017-04-16' }, actual: 2700 }],
    },
    {
      name: 'DST in Europe/Berlin: the 23-hour day is counted in elapsed minutes',
      dataset: dataset({
        timezone: 'Europe/Berlin',
        period: { start: '2017-03-20', end: '2017-03-26' },
        roster: [entry('2017-03-20T08:00', '2017-03-20T23:00'), entry('2017-03-22T08:00', '2017-03-22T10:00'), entry('2017-03-26T00:00', '2017-03-27T00:00', '所内值班')],
      }),
      options: { maxMinutesPerWeek: 2399 },
      errors: [{ messageId: 'tooManyHours', period: { start: '2017-03-20', end: '2017-03-26' }, expected: 2399, actual: 2400, evidence: [{ index: 2, minutes: 1380 }] }],
    },
  ],
});
