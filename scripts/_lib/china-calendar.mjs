// China's public holidays (放假) and weekend make-up workdays (调休上班), as the State Council's
// General Office announced them for 2016–2019 (国办发明电〔2015〕18号, 〔2016〕14号, 〔2017〕12号,
// 〔2018〕15号). Each holiday is listed with all its days, weekend days too; a year outside the
// table gets only its fixed-date holidays (1 January, 1 May, 1–7 October) and no make-up days.

const range = (from, to) => {
  const out = [];
  for (let t = Date.parse(`${from}T00:00Z`); t <= Date.parse(`${to}T00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};

/** Per year: [holiday ranges [from, to]], [make-up workdays]. */
const TABLE = {
  2016: [
    [['2016-01-01', '2016-01-03'], ['2016-02-07', '2016-02-13'], ['2016-04-02', '2016-04-04'], ['2016-04-30', '2016-05-02'], ['2016-06-09', '2016-06-11'], ['2016-09-15', '2016-09-17'], ['2016-10-01', '2016-10-07'], ['2016-12-31', '2016-12-31']],
    ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09'],
  ],
  2017: [
    [['2017-01-01', '2017-01-02'], ['2017-01-27', '2017-02-02'], ['2017-04-02', '2017-04-04'], ['2017-04-29', '2017-05-01'], ['2017-05-28', '2017-05-30'], ['2017-10-01', '2017-10-08'], ['2017-12-30', '2017-12-31']],
    ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
  ],
  2018: [
    [['2018-01-01', '2018-01-01'], ['2018-02-15', '2018-02-21'], ['2018-04-05', '2018-04-07'], ['2018-04-29', '2018-05-01'], ['2018-06-16', '2018-06-18'], ['2018-09-22', '2018-09-24'], ['2018-10-01', '2018-10-07'], ['2018-12-30', '2018-12-31']],
    ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29'],
  ],
  2019: [
    [['2019-01-01', '2019-01-01'], ['2019-02-04', '2019-02-10'], ['2019-04-05', '2019-04-07'], ['2019-05-01', '2019-05-04'], ['2019-06-07', '2019-06-09'], ['2019-09-13', '2019-09-15'], ['2019-10-01', '2019-10-07']],
    ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
  ],
};

/** The first and last year the table covers; other years get the fixed-date holidays only. */
export const CALENDAR_YEARS = [2016, 2019];

/**
 * The holidays and make-up workdays of one year, sorted ISO dates.
 *
 * @example
 * chinaCalendar(2017).workdays // ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30']
 */
export function chinaCalendar(year) {
  const known = TABLE[year];
  if (known) return { holidays: known[0].flatMap(([from, to]) => range(from, to)), workdays: [...known[1]] };
  return { holidays: [`${year}-01-01`, `${year}-05-01`, ...range(`${year}-10-01`, `${year}-10-07`)], workdays: [] };
}
