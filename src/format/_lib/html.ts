import { getISOWeek, getISOWeekYear } from 'date-fns';
import { isoWeekOf, toUTCDate } from '../../time/calendar-date.js';

/**
 * Text for HTML content and attribute values: `&`, `<`, `>`, `"` and `'` as entities.
 *
 * @example
 * escapeHtml('<b title="x">&</b>') //=> '&lt;b title=&quot;x&quot;&gt;&amp;&lt;/b&gt;'
 */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!);
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** An ISO week: its Monday (the key that sorts) and its label. */
export interface IsoWeek {
  monday: string;
  label: string;
}

/**
 * The ISO week a date falls in, as `2017-W14` with its Monday.
 *
 * @example
 * isoWeekLabel('2017-04-05') //=> { monday: '2017-04-03', label: '2017-W14' }
 * isoWeekLabel('2021-01-01') //=> { monday: '2020-12-28', label: '2020-W53' }
 */
export function isoWeekLabel(date: string): IsoWeek {
  // Memoised: a city-year's heatmaps ask for the same few hundred dates a million times.
  let week = weeks.get(date);
  if (week === undefined) {
    const d = toUTCDate(date);
    week = { monday: isoWeekOf(date).start, label: `${getISOWeekYear(d)}-W${String(getISOWeek(d)).padStart(2, '0')}` };
    if (weeks.size >= 10_000) weeks.clear();
    weeks.set(date, week);
  }
  return week;
}

const weeks = new Map<string, IsoWeek>();

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
