import type { IndexedAssignment } from '../check-context.js';
import { normalizeDutyType, type ClockWindow } from '../settings.js';
import type { RosterEntry } from '../../model/roster-entry.js';
import { addCalendarDays, isDateWithin, type CalendarDate } from '../../time/calendar-date.js';
import { overlapMinutes, type Interval } from '../../time/intervals.js';
import { instantOnDate, localDateOf, localDatesTouched, localDayBounds, parseClockTime } from '../../time/wall-time.js';
import { RecordRef, plainValue, readField, type EntryMinutes, type WindowCell, type Witness } from './_lib/values.js';
import { asArray, compileExpr, DAY_FLAGS, dayFlag, invalid, isPlainObject, keyPath, listOf, num, truthy, type CompileEnv, type DayFlag } from './compile-expr.js';
import { DateTracker, type CheckScope, type ExprFn, type Scope } from './scope.js';
import { dependenciesOf, dependsOnlyOn, entryFieldsRead } from './_lib/dependencies.js';
import { unionEntryMinutesWithin } from './_lib/entry-minutes.js';
import { unchangedThrough } from './_lib/unchanged-through.js';
import { OfficerCache } from './_lib/officer-cache.js';
import { RecentCache } from './_lib/recent-cache.js';

/** Where a measure's value may be kept with what it found behind it (a `let` named in `evidence`). */
export interface MeasureEnv extends CompileEnv {
  readonly witnessKey?: string;
}

type CompileMeasure = (arg: unknown, path: string, env: MeasureEnv) => ExprFn;

const CATEGORIES = ['community', 'station-duty', 'excused', 'other'];

/** Checks that a measure's argument object has only the keys it knows, and the ones it needs. */
function params(arg: unknown, path: string, env: CompileEnv, known: readonly string[], required: readonly string[]): Record<string, unknown> | undefined {
  if (!isPlainObject(arg)) {
    invalid(env, path, 'wrong argument', `an object with ${required.length ? required.join(', ') : 'any of ' + known.join(', ')}`, arg);
    return undefined;
  }
  let ok = true;
  for (const key of Object.keys(arg)) {
    if (!known.includes(key)) {
      invalid(env, keyPath(path, key), 'unknown key', known.join(', '), key);
      ok = false;
    }
  }
  for (const key of required) {
    if (!(key in arg)) {
      invalid(env, path, `missing "${key}"`, known.join(', '), Object.keys(arg));
      ok = false;
    }
  }
  return ok ? arg : undefined;
}

function stringList(value: unknown, path: string, env: CompileEnv, allowed?: readonly string[]): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string' || (allowed && !allowed.includes(v)))) {
    invalid(env, path, 'wrong list', allowed ? `an array of ${allowed.join(' | ')}` : 'an array of strings', value);
    return undefined;
  }
  return value as string[];
}

/** The local start date of an entry, computed once per entry and shared by every measure and dimension of a run. */
export function startDateOf(s: Scope, entry: RosterEntry): CalendarDate {
  // By instant: a city-year's millions of entries start at a few thousand of them.
  let dates = s.run.shared.get('startDates') as Map<number, CalendarDate> | undefined;
  if (!dates) s.run.shared.set('startDates', (dates = new Map()));
  let date = dates.get(entry.startInstant);
  if (date === undefined) dates.set(entry.startInstant, (date = localDateOf(entry.startInstant, s.run.context.zone)));
  return date;
}

/** Every entry of the roster, by start then input order. */
function allEntries(s: Scope): readonly RosterEntry[] {
  let all = s.run.shared.get('allEntries') as RosterEntry[] | undefined;
  if (!all) {
    all = [...s.run.context.roster].sort((a, b) => a.startInstant - b.startInstant || a.index - b.index);
    s.run.shared.set('allEntries', all);
  }
  return all;
}

/** An officer's (or all) entries in start order, their local start dates, and where each date of the check period starts among them. */
interface EntriesWithStartDates {
  entries: readonly RosterEntry[];
  dates: readonly CalendarDate[];
  /** For the check period's date i, the index of the first entry starting on it or later; one more slot for the end. */
  firstOnDay: Int32Array;
}

/**
 * Entries (of one officer, or of all when `officer` is undefined) in start order, and their
 * local start dates beside them: the entries starting on a date are one stretch of the list,
 * found by the date's place in the check period (a map of dates per officer was millions of
 * objects at city scale, and a binary search over date strings a sixth of a rule's time).
 */
function entriesWithStartDates(s: Scope, officer: string | undefined): EntriesWithStartDates {
  // Kept for the officers asked last, as their entries are (and made again with them).
  let byOfficer = s.run.shared.get('entriesWithStartDates') as RecentCache<string | undefined, EntriesWithStartDates> | undefined;
  if (!byOfficer) s.run.shared.set('entriesWithStartDates', (byOfficer = new RecentCache(16)));
  const entries = officer === undefined ? allEntries(s) : s.run.context.entriesOf(officer);
  let found = byOfficer.peek(officer);
  if (found?.entries !== entries) {
    const dates = startDatesInOrder(s, entries);
    const periodDates = s.run.context.periodDates;
    const firstOnDay = new Int32Array(periodDates.length + 1);
    let e = 0;
    for (let i = 0; i < periodDates.length; i++) {
      while (e < dates.length && dates[e]! < periodDates[i]!) e++;
      firstOnDay[i] = e;
    }
    while (e < dates.length && dates[e]! <= periodDates[periodDates.length - 1]!) e++;
    firstOnDay[periodDates.length] = e;
    found = byOfficer.set(officer, { entries, dates, firstOnDay });
  }
  return found;
}

/** Off: every entry's start date is looked up by its instant ({@link startDateOf}), as before 2026-12. */
export const startDatesByDay = { enabled: true };

/** The instants each date of the check period spans (localDayBounds), made once per check. */
function periodDayBoundsOf(s: CheckScope): { starts: Float64Array; ends: Float64Array } {
  let bounds = s.run.shared.get('periodDayBounds') as { starts: Float64Array; ends: Float64Array } | undefined;
  if (!bounds) {
    const { periodDates, zone } = s.run.context;
    const starts = new Float64Array(periodDates.length);
    const ends = new Float64Array(periodDates.length);
    periodDates.forEach((date, j) => {
      const day = localDayBounds(date, zone);
      starts[j] = day.start;
      ends[j] = day.end;
    });
    s.run.shared.set('periodDayBounds', (bounds = { starts, ends }));
  }
  return bounds;
}

/**
 * The local start dates of entries in start order: a pointer moved along the check period's days
 * gives the date of each entry starting inside it (a city-year's millions of entries were each a
 * map lookup); any other entry's is {@link startDateOf}'s.
 */
function startDatesInOrder(s: Scope, entries: readonly RosterEntry[]): CalendarDate[] {
  if (!startDatesByDay.enabled) return entries.map((e) => startDateOf(s, e));
  const { periodDates } = s.run.context;
  const { starts, ends } = periodDayBoundsOf(s);
  const n = periodDates.length;
  const dates: CalendarDate[] = new Array(entries.length);
  let j = 0;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    const t = e.startInstant;
    // The pointer only moves forward (entries come in start order); an entry before its day, or
    // outside the period, is looked up: the date is exact either way.
    while (j < n && ends[j]! <= t) j++;
    dates[i] = j < n && starts[j]! <= t ? periodDates[j]! : startDateOf(s, e);
  }
  return dates;
}

/** Each date of the check period by its place in it. */
function periodIndexOf(s: CheckScope): Map<CalendarDate, number> {
  let index = s.run.shared.get('periodIndex') as Map<CalendarDate, number> | undefined;
  if (!index) s.run.shared.set('periodIndex', (index = new Map(s.run.context.periodDates.map((d, i) => [d, i]))));
  return index;
}

/** The entries (of one officer, or of all) starting on `date`, in start order. */
function entriesStartingOn(s: Scope, officer: string | undefined, date: CalendarDate): readonly RosterEntry[] {
  const { entries, dates, firstOnDay } = entriesWithStartDates(s, officer);
  const day = periodIndexOf(s).get(date);
  // A date outside the check period is found by binary search.
  const from = day !== undefined ? firstOnDay[day]! : firstIndexAfter(dates, date, true);
  const to = day !== undefined ? firstOnDay[day + 1]! : firstIndexAfter(dates, date, false);
  return from === to ? NO_ENTRIES : entries.slice(from, to);
}

const NO_ENTRIES: readonly RosterEntry[] = Object.freeze([]);

/** Nothing on `date` stays nothing until the next of the sorted `dates` that has something: the tracker is told so. */
function noneUntilNext(tracker: DateTracker, dates: readonly CalendarDate[], date: CalendarDate): void {
  const next = dates[firstIndexAfter(dates, date, false)];
  if (next !== undefined) tracker.holdsUntil(addCalendarDays(next, -1));
}

/** The first index of sorted `dates` at or after `date` (`orEqual`), or after it. */
function firstIndexAfter(dates: readonly CalendarDate[], date: CalendarDate, orEqual: boolean): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (orEqual ? dates[mid]! < date : dates[mid]! <= date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const boundOfficerId = (s: Scope): string | undefined => {
  const o = s.vars.get('officer');
  return o instanceof RecordRef ? (o.value.id as string) : undefined;
};

// A records list bound as `officer` may repeat an id with other fields: what is kept per officer
// (its rests, cells, filtered entries) is kept by the record, not the id, but for the dataset's
// own officers, whose ids are unique (reference-problems.ts).
const boundOfficerKey = (s: Scope): string => {
  const o = s.vars.get('officer');
  if (!(o instanceof RecordRef)) return '';
  return o.list === 'officers' ? String(o.value.id) : `${o.list}\u0000${o.index}`;
};

/**
 * `{ "entries": { officer?, categories?, types?, startsOn?, where? } }`: roster entries, by start.
 * `officer`: an id expression, or `"any"`; default the bound officer (all officers where none is
 * bound). `startsOn`: `"subject"` (a date of the subject's dates) or a date expression.
 * `where` sees the entry as `entry`.
 */
const entriesMeasure: CompileMeasure = (arg, path, env) => {
  const p = params(arg, path, env, ['officer', 'categories', 'alsoTypes', 'types', 'startsOn', 'where'], []);
  if (!p) return () => [];
  const categories = p.categories === undefined ? undefined : stringList(p.categories, keyPath(path, 'categories'), env, CATEGORIES);
  // Types taken whatever their category (working time: training is work), matched as duty types are.
  const alsoTypes = p.alsoTypes === undefined ? undefined : compileExpr(p.alsoTypes, keyPath(path, 'alsoTypes'), env);
  const types = p.types === undefined ? undefined : stringList(p.types, keyPath(path, 'types'), env);
  const officerExpr = p.officer === undefined || p.officer === 'any' ? undefined : compileExpr(p.officer, keyPath(path, 'officer'), env);
  const anyOfficer = p.officer === 'any' || (p.officer === undefined && !env.vars.has('officer'));
  const startsOn = p.startsOn === undefined || p.startsOn === 'subject' ? p.startsOn : compileExpr(p.startsOn, keyPath(path, 'startsOn'), env);
  const where = p.where === undefined ? undefined : compileExpr(p.where, keyPath(path, 'where'), { ...env, vars: new Set([...env.vars, 'entry']) });
  const typeSet = types ? new Set(types) : undefined;
  // Without startsOn, and with filters that read nothing of the subject but the entry and the
  // officer, the result is the officer's: computed once per officer and shared by all their
  // subjects (a year judged week by week, or day by day, is not filtered 52 or 365 times).
  const whereDeps = p.where === undefined ? new Set<string>() : dependenciesOf(p.where, env.lets);
  const perOfficer =
    startsOn === undefined &&
    dependsOnlyOn(whereDeps, ['entry', 'officer', 'checkPeriod']) &&
    (p.alsoTypes === undefined || dependsOnlyOn(dependenciesOf(p.alsoTypes, env.lets), ['checkPeriod']));
  const readsBoundOfficer = whereDeps.has('officer');
  const cacheKey = `entries:${path}`;
  // What a filter's result is kept by: the officer, and the bound officer's record where `where` reads it.
  const filterKey = (s: Scope, officer: string | undefined): string => (readsBoundOfficer ? `${officer}\u0000${boundOfficerKey(s)}` : `${officer}`);
  // Whether alsoTypes can change within a run: without dates or bindings it cannot, and the type
  // part of the filter is made once per run, not once per subject.
  const alsoIsRunConstant = p.alsoTypes === undefined || dependsOnlyOn(dependenciesOf(p.alsoTypes, env.lets), ['checkPeriod']);
  const typeFilterKey = `entryTypes:${path}`;
  /**
   * Which types pass the categories, alsoTypes and types: all three are of the type alone, so each
   * of a roster's few types is decided once (millions of entries, a handful of types).
   */
  const typeFilterOf = (s: Scope): ((type: string) => boolean) => {
    const kept = alsoIsRunConstant && typeFilterMemo.enabled ? (s.run.cache.get(typeFilterKey) as ((type: string) => boolean) | undefined) : undefined;
    if (kept) return kept;
    const { context } = s.run;
    const also = alsoTypes ? new Set(asArray(alsoTypes(s)).map((t) => normalizeDutyType(String(t)))) : undefined;
    const decided = new Map<string, boolean>();
    const passes = (type: string): boolean => {
      let v = decided.get(type);
      if (v === undefined) {
        const inCategory = (!categories && !also) || (categories !== undefined && categories.includes(context.categoryOfType(type)));
        v = (inCategory || (also !== undefined && also.has(normalizeDutyType(type)))) && (!typeSet || typeSet.has(type));
        decided.set(type, v);
      }
      return v;
    };
    if (alsoIsRunConstant && typeFilterMemo.enabled) s.run.cache.set(typeFilterKey, passes);
    return passes;
  };
  // The entries' filter: which categories, types and `where` they pass.
  const filterOf = (s: Scope): ((e: RosterEntry) => boolean) => {
    const typePasses = typeFilterOf(s);
    if (!where) return (e) => typePasses(e.type);
    return (e) => typePasses(e.type) && truthy(where(s.withOne('entry', e)));
  };
  // Starting on the judged subject's date, with a filter that reads nothing of the date: no
  // entry today is no entry until the next date one of the officer's entries passes the filter.
  const filterIsDateFree = dependsOnlyOn(whereDeps, ['entry', 'officer', 'checkPeriod']) && (p.alsoTypes === undefined || dependsOnlyOn(dependenciesOf(p.alsoTypes, env.lets), ['checkPeriod']));
  const passingKey = `entryDates:${path}`;
  /** The officer's entries that pass the filter, by the check period's date they start on (the filter run once per entry). */
  const passingOf = (s: Scope, officer: string | undefined): PassingByDay => {
    let byOfficer = s.run.cache.get(passingKey) as OfficerCache<PassingByDay> | undefined;
    if (!byOfficer) s.run.cache.set(passingKey, (byOfficer = new OfficerCache()));
    return byOfficer.get(filterKey(s, officer), () => passingByDay(s, entriesWithStartDates(s, officer), filterOf(s)));
  };
  const select = (s: Scope, officer: string | undefined): readonly RosterEntry[] => {
    let entries: readonly RosterEntry[];
    if (startsOn === undefined) entries = officer === undefined ? allEntries(s) : s.run.context.entriesOf(officer);
    else {
      if (startsOn === 'subject' && filterIsDateFree) {
        const tracker = s.datesTracker;
        const dates = s.datesUnnoted;
        if (tracker?.active && dates.length === 1) {
          const d = dates[0]!;
          const passing = passingOf(s, officer);
          const day = periodIndexOf(s).get(d);
          if (day !== undefined && entriesByDay.enabled) return onTrackedDay(s, tracker, passing, day, NO_ENTRIES);
          const found = entriesStartingOn(s, officer, d).filter(filterOf(s));
          if (found.length > 0) tracker.readDate();
          else noneUntilNext(tracker, passing.dates, d);
          return found;
        }
      }
      const dates = startsOn === 'subject' ? s.dates : [startsOn(s) as CalendarDate];
      entries = dates.length === 1 ? entriesStartingOn(s, officer, dates[0]!) : dates.flatMap((d) => entriesStartingOn(s, officer, d));
    }
    return entries.filter(filterOf(s));
  };
  const measure: ExprFn = (s) => {
    const officer = anyOfficer ? undefined : officerExpr ? String(plainValue(officerExpr(s))) : boundOfficerId(s);
    if (!perOfficer) return select(s, officer);
    let byOfficer = s.run.cache.get(cacheKey) as OfficerCache<readonly RosterEntry[]> | undefined;
    if (!byOfficer) s.run.cache.set(cacheKey, (byOfficer = new OfficerCache()));
    return byOfficer.get(filterKey(s, officer), () => select(s, officer));
  };
  // On a judged date (the bound officer's entries), the value is the date's list in passingOf's byDay.
  if (startsOn === 'subject' && filterIsDateFree && !anyOfficer && !officerExpr) BY_DAY_SOURCES.set(measure, (s) => passingOf(s, boundOfficerId(s)));
  return measure;
};

/** Off: a judged date's entries are filtered subject by subject (the general path), for tests that compare both. */
export const entriesByDay = { enabled: true };

/** Off: an `entries` measure's type filter is made again for each subject, not once per run (tests compare both). */
export const typeFilterMemo = { enabled: true };

/**
 * Measures whose value on a judged subject's own date is that date's list in an officer's
 * {@link ByDay} (entries or rests starting on it), with the function that gives the officer's
 * ByDay: what {@link filterOnTrackedDay} filters once per officer.
 */
const BY_DAY_SOURCES = new WeakMap<ExprFn, (s: Scope) => ByDay<unknown>>();

/** Off: a filter of such a measure's value is made subject by subject (the general path), for tests that compare both. */
export const filterByDay = { enabled: true };

const NO_ITEMS: readonly unknown[] = Object.freeze([]);

/**
 * `{ "filter": [{ "var": letName }, predicate] }` on a judged subject's own date, where the let
 * is a measure of the officer's records starting on the date (see {@link BY_DAY_SOURCES}) and
 * the predicate reads nothing but the item and constants: the officer's records
 * are filtered once, by date, and the tracker told that a date without passing records stays
 * so until the next date with one. daily-rest's short rests are few: a city-year's 2 million
 * officer-dates were filtered one by one, and each pinned to its date by the rests it read.
 * Undefined where this does not apply (the caller filters as usual).
 */
export function filterOnTrackedDay(s: Scope, letName: string, cacheKey: string, passes: (item: unknown) => boolean): readonly unknown[] | undefined {
  if (!filterByDay.enabled || !entriesByDay.enabled) return undefined;
  const tracker = s.datesTracker;
  if (!tracker?.active || s.datesUnnoted.length !== 1) return undefined;
  const source = s.letSource(letName);
  const byDayOf = source === undefined ? undefined : BY_DAY_SOURCES.get(source);
  if (byDayOf === undefined) return undefined;
  const day = periodIndexOf(s).get(s.datesUnnoted[0]!);
  if (day === undefined) return undefined;
  const all = byDayOf(s);
  let filtered = s.run.cache.get(cacheKey) as WeakMap<ByDay<unknown>, ByDay<unknown>> | undefined;
  if (!filtered) s.run.cache.set(cacheKey, (filtered = new WeakMap()));
  let passing = filtered.get(all);
  if (passing === undefined) {
    const byDay = all.byDay.map((list) => {
      const kept = list?.filter(passes);
      return kept !== undefined && kept.length > 0 ? Object.freeze(kept) : undefined;
    });
    filtered.set(all, (passing = { byDay, nextDay: nextDays(byDay) }));
  }
  return onTrackedDay(s, tracker, passing, day, NO_ITEMS);
}

/** An officer's records (entries, rests) by the check period's date, for a rule judged date by date. */
interface ByDay<T> {
  /** For the period's date j, its records in order (shared by every subject of the date: not to be changed); undefined for none. */
  byDay: (readonly T[] | undefined)[];
  /** For the period's date j, the first date index ≥ j with records (the period's length where none): one slot more, for the end. */
  nextDay: Int32Array;
}

/** The `nextDay` of a {@link ByDay}. */
function nextDays(byDay: readonly (readonly unknown[] | undefined)[]): Int32Array {
  const n = byDay.length;
  const nextDay = new Int32Array(n + 1).fill(n);
  for (let j = n - 1; j >= 0; j--) nextDay[j] = byDay[j] !== undefined ? j : nextDay[j + 1]!;
  return nextDay;
}

/**
 * The records of the judged date (the period's date `day`), telling the tracker what holds:
 * records today pin the subject to today; none today is none until the next date with some (one
 * after the period holds through its end).
 */
function onTrackedDay<T>(s: Scope, tracker: DateTracker, index: ByDay<T>, day: number, none: readonly T[]): readonly T[] {
  const found = index.byDay[day];
  if (found !== undefined) {
    tracker.readDate();
    return found;
  }
  const next = index.nextDay[day + 1]!;
  if (next < index.byDay.length) tracker.holdsUntil(s.run.context.periodDates[next - 1]!);
  return none;
}

/** An officer's entries that pass an `entries` measure's filter, by start date, found once per officer. */
interface PassingByDay extends ByDay<RosterEntry> {
  /** The sorted start dates of the passing entries, those outside the check period too. */
  dates: readonly CalendarDate[];
}

/**
 * The passing entries of an officer by start date, in one pass over the officer's entries in
 * start order: a rule judged date by date (2 million officer-dates a city-year) then finds a
 * date's entries, and the next date with some, by index, where it filtered the date's entries
 * (and made the filter's sets anew) for every subject.
 */
function passingByDay(s: Scope, all: EntriesWithStartDates, passes: (e: RosterEntry) => boolean): PassingByDay {
  const n = s.run.context.periodDates.length;
  const dates: CalendarDate[] = [];
  const byDay: (readonly RosterEntry[] | undefined)[] = new Array(n).fill(undefined);
  let day = 0;
  all.entries.forEach((e, i) => {
    if (!passes(e)) return;
    const d = all.dates[i]!;
    // Start dates do not decrease along the list: each is added once, in order.
    if (dates[dates.length - 1] !== d) dates.push(d);
    while (day < n && all.firstOnDay[day + 1]! <= i) day++;
    if (day < n && all.firstOnDay[day]! <= i) ((byDay[day] ??= []) as RosterEntry[]).push(e);
  });
  for (const list of byDay) if (list !== undefined) Object.freeze(list);
  return { dates, byDay, nextDay: nextDays(byDay) };
}

/** A rest between two duty periods of an officer (the `rests` measure). */
export interface Rest {
  source: 'rest';
  /** Elapsed minutes from the end of the earlier period to the start of the later one. */
  minutes: number;
  /** The entry that ends the earlier period last, and the one that starts the later period first. */
  before: RosterEntry;
  after: RosterEntry;
  /** The local date the later period starts on. */
  date: CalendarDate;
}

/**
 * `{ "rests": { of, breakMinutes, startsOn? } }`: the officer's entries merged into duty periods
 * (entries that overlap, touch, or are less than `breakMinutes` apart are one period), and the
 * rests between consecutive periods; with `startsOn: "subject"` only those whose later period
 * starts on one of the subject's dates. `of` is evaluated once per officer, over the whole
 * roster: entries outside the check period still bound a rest.
 */
const restsMeasure: CompileMeasure = (arg, path, env) => {
  const p = params(arg, path, env, ['of', 'breakMinutes', 'startsOn'], ['of', 'breakMinutes']);
  if (!p) return () => [];
  if (!env.vars.has('officer')) return invalid(env, path, 'rests are an officer\'s', 'the "officer" dimension', arg);
  if (p.startsOn !== undefined && p.startsOn !== 'subject') return invalid(env, keyPath(path, 'startsOn'), 'wrong value', '"subject"', p.startsOn);
  // What the periods are made of may not depend on the date: they are the officer's, computed once.
  const of = compileExpr(p.of, keyPath(path, 'of'), { ...env, vars: new Set(['officer']), lets: new Set() });
  const breakMinutes = compileExpr(p.breakMinutes, keyPath(path, 'breakMinutes'), { ...env, vars: new Set(['officer']), lets: new Set() });
  const cacheKey = `rests:${path}`;
  const onSubjectDates = p.startsOn === 'subject';
  const restsOfOfficer = (s: Scope): OfficerRests => {
    let byOfficer = s.run.cache.get(cacheKey) as OfficerCache<OfficerRests> | undefined;
    if (!byOfficer) s.run.cache.set(cacheKey, (byOfficer = new OfficerCache()));
    return byOfficer.get(boundOfficerKey(s), () => officerRests(s, restsOf(s, asArray(of(s)) as RosterEntry[], num(breakMinutes(s)))));
  };
  const measure: ExprFn = (s) => {
    const rests = restsOfOfficer(s);
    if (!onSubjectDates) return rests.all;
    // In order of the rests, as a filter of all of them by date would give.
    const tracker = s.datesTracker;
    if (tracker?.active && s.datesUnnoted.length === 1) {
      // The judged subject's own date: no rest ends on it, none until the next date one does.
      const date = s.datesUnnoted[0]!;
      const day = periodIndexOf(s).get(date);
      if (day !== undefined && entriesByDay.enabled) return onTrackedDay(s, tracker, rests, day, NO_RESTS);
      const found = rests.byDate.get(date);
      if (found) tracker.readDate();
      else noneUntilNext(tracker, rests.dates, date);
      return found ?? [];
    }
    if (s.dates.length === 1) return rests.byDate.get(s.dates[0]!) ?? [];
    const dates = new Set(s.dates);
    return rests.all.filter((r) => dates.has(r.date));
  };
  // On a judged date, the value is the date's list of rests in byDay.
  if (onSubjectDates) BY_DAY_SOURCES.set(measure, restsOfOfficer);
  return measure;
};

/** An officer's rests: all of them, and by the date they end on (a map for any date, a {@link ByDay} for the check period's). */
interface OfficerRests extends ByDay<Rest> {
  all: Rest[];
  byDate: Map<CalendarDate, Rest[]>;
  /** The dates rests end on, sorted. */
  dates: CalendarDate[];
}

const NO_RESTS: readonly Rest[] = Object.freeze([]);

function officerRests(s: Scope, all: Rest[]): OfficerRests {
  const byDate = new Map<CalendarDate, Rest[]>();
  const dates: CalendarDate[] = [];
  // Rests come in date order (restsOf): a date's are one stretch, each date met once, in order.
  let inDateOrder = true;
  for (const r of all) {
    const last = dates.length > 0 ? dates[dates.length - 1]! : undefined;
    if (last === r.date) byDate.get(last)!.push(r);
    else {
      if (last !== undefined && r.date < last) inDateOrder = false;
      let list = byDate.get(r.date);
      if (!list) {
        byDate.set(r.date, (list = []));
        dates.push(r.date);
      }
      list.push(r);
    }
  }
  if (!inDateOrder) dates.sort();
  const n = s.run.context.periodDates.length;
  const byDay: (Rest[] | undefined)[] = new Array(n).fill(undefined);
  const index = periodIndexOf(s);
  for (const date of dates) {
    const j = index.get(date);
    if (j !== undefined) byDay[j] = byDate.get(date);
  }
  return { all, byDate, dates, byDay, nextDay: nextDays(byDay) };
}

function restsOf(s: Scope, entries: readonly RosterEntry[], breakMinutes: number): Rest[] {
  let inOrder = true;
  for (let i = 1; i < entries.length && inOrder; i++) {
    const a = entries[i - 1]!;
    const b = entries[i]!;
    if (a.startInstant > b.startInstant || (a.startInstant === b.startInstant && a.index > b.index)) inOrder = false;
  }
  const sorted = inOrder ? entries : [...entries].sort((a, b) => a.startInstant - b.startInstant || a.index - b.index);
  const rests: Rest[] = [];
  const gap = breakMinutes * 60_000;
  let lastEnd = -Infinity;
  let lastEnding: RosterEntry | undefined;
  for (const e of sorted) {
    // Touching entries are one period even when breakMinutes is 0: a rest has a length.
    if (lastEnding && e.startInstant > lastEnd && e.startInstant - lastEnd >= gap) {
      rests.push({ source: 'rest', minutes: (e.startInstant - lastEnd) / 60_000, before: lastEnding, after: e, date: '' as CalendarDate });
      lastEnding = undefined;
    }
    if (!lastEnding || e.endInstant > lastEnd) {
      lastEnd = e.endInstant;
      lastEnding = e;
    }
  }
  // A rest's date is its next duty's start date; those duties are in start order.
  const dates = startDatesInOrder(s, rests.map((r) => r.after));
  for (let i = 0; i < rests.length; i++) rests[i]!.date = dates[i]!;
  return rests;
}

/** Every officer's assignments in officer order, indexed by community. */
function assignmentsByCommunity(s: Scope): Map<string, IndexedAssignment[]> {
  let map = s.run.shared.get('assignmentsByCommunity') as Map<string, IndexedAssignment[]> | undefined;
  if (!map) {
    map = new Map();
    for (const officer of s.run.context.officers.keys()) {
      for (const a of s.run.context.assignmentsOf(officer)) {
        let list = map.get(a.community);
        if (!list) map.set(a.community, (list = []));
        list.push(a);
      }
    }
    s.run.shared.set('assignmentsByCommunity', map);
  }
  return map;
}

/**
 * `{ "assignments": { officer?, community?, on? } }`: assignments (`officers[].assignments[]`) of an
 * officer or to a community, holding on a date; in officer order, then their own order.
 */
const assignmentsMeasure: CompileMeasure = (arg, path, env) => {
  const p = params(arg, path, env, ['officer', 'community', 'on'], []);
  if (!p) return () => [];
  if (p.officer === undefined && p.community === undefined) return invalid(env, path, 'assignments of whom?', 'officer and/or community', arg);
  const officer = p.officer === undefined ? undefined : compileExpr(p.officer, keyPath(path, 'officer'), env);
  const community = p.community === undefined ? undefined : compileExpr(p.community, keyPath(path, 'community'), env);
  const on = p.on === undefined ? undefined : compileExpr(p.on, keyPath(path, 'on'), env);
  // On the judged subject's own date, the answer is the same until one of the candidates starts or ends.
  const onSubjectDate = isPlainObject(p.on) && Object.keys(p.on).length === 1 && p.on.var === 'date';
  return (s) => {
    const o = officer ? plainValue(officer(s)) : undefined;
    const c = community ? plainValue(community(s)) : undefined;
    let date: unknown;
    const base = o !== undefined ? s.run.context.assignmentsOf(String(o)) : (assignmentsByCommunity(s).get(String(c)) ?? []);
    if (onSubjectDate) {
      const tracker = s.vars.trackerOf('date');
      date = s.vars.peek('date');
      if (tracker?.active && typeof date === 'string') {
        const candidates = c === undefined ? base : base.filter((a) => a.community === c);
        const last = unchangedThrough(date, candidates, (a) => a.from, (a) => a.to);
        if (last !== undefined) tracker.holdsUntil(last);
      }
    } else date = on ? on(s) : undefined;
    // One pass, one list: asked per entry and date (is the entry's community the officer's that day?).
    const out: IndexedAssignment[] = [];
    for (const a of base) if ((c === undefined || a.community === c) && (typeof date !== 'string' || isDateWithin(date, a.from, a.to))) out.push(a);
    return out;
  };
};

/** `{ "list": "policeRooms" }`: every record of a dataset list or a `records` list. */
const listMeasure: CompileMeasure = (arg, path, env) => {
  if (typeof arg !== 'string' || arg === '') return invalid(env, path, 'wrong argument', 'a list name', arg);
  return (s) => listOf(s, arg);
};

function collector(apply: (items: unknown[]) => unknown): CompileMeasure {
  return (arg, path, env) => {
    const coll = compileExpr(arg, path, env);
    return (s) => apply(asArray(coll(s)));
  };
}

/** `{ "distinct": [collection, "field"] }`: how many different values the field has among the items. */
const distinctMeasure: CompileMeasure = (arg, path, env) => {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[1] !== 'string') return invalid(env, path, 'wrong arguments', '[collection, field name]', arg);
  const coll = compileExpr(arg[0], keyPath(path, 0), env);
  const field = arg[1];
  return (s) => {
    // Values compared as their JSON text; strings, finite numbers and booleans by themselves
    // (their JSON texts differ exactly when they do), which saves a stringify per item.
    const plain = new Set<unknown>();
    let other: Set<string> | undefined;
    for (const item of asArray(coll(s))) {
      const v = plainValue(readField(item, field)) ?? null;
      if (typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v))) plain.add(v);
      else (other ??= new Set()).add(JSON.stringify(v));
    }
    return plain.size + (other?.size ?? 0);
  };
};

/** `{ "maxOf": [collection, expr] }`, `minOf`, `sumOf`: over the items, each bound as `item` (max and min of nothing: null). */
function aggregate(apply: (values: number[]) => unknown): CompileMeasure {
  return (arg, path, env) => {
    if (!Array.isArray(arg) || arg.length !== 2) return invalid(env, path, 'wrong arguments', '[collection, expression of item]', arg);
    const coll = compileExpr(arg[0], keyPath(path, 0), env);
    const value = compileExpr(arg[1], keyPath(path, 1), { ...env, vars: new Set([...env.vars, 'item']) });
    return (s) => apply(asArray(coll(s)).map((item) => num(value(s.withOne('item', item)))));
  };
}

const MIDNIGHT: ClockWindow = { name: 'day', start: 0, end: 0 };
/** One list for every run: the officer's cells are kept by the list of windows they are of. */
const DAY: readonly ClockWindow[] = [MIDNIGHT];

/** The windows a measure counts in, on each date. */
type Windows = (s: Scope) => readonly ClockWindow[];

/**
 * `"day"` (midnight to midnight: 23 or 25 hours across a DST change), `{ "setting": "daytime" |
 * "halfDayWindows" }`, or `{ "clock": { "am": ["08:00", "12:00"], … } }` (an end at or before
 * its start is on the next day).
 */
function compileWindows(arg: unknown, path: string, env: CompileEnv): Windows | undefined {
  if (arg === 'day') return () => DAY;
  if (isPlainObject(arg) && Object.keys(arg).length === 1 && 'setting' in arg) {
    if (arg.setting === 'daytime') return (s) => [s.run.context.settings.daytime];
    if (arg.setting === 'halfDayWindows') return (s) => s.run.context.settings.halfDayWindows;
    invalid(env, keyPath(path, 'setting'), 'unknown window setting', 'daytime | halfDayWindows', arg.setting);
    return undefined;
  }
  if (isPlainObject(arg) && Object.keys(arg).length === 1 && isPlainObject(arg.clock)) {
    const windows: ClockWindow[] = [];
    for (const [name, pair] of Object.entries(arg.clock)) {
      const [a, b] = Array.isArray(pair) && pair.length === 2 ? pair.map((t) => (typeof t === 'string' ? parseClockTime(t) : undefined)) : [undefined, undefined];
      if (a === undefined || b === undefined) {
        invalid(env, keyPath(keyPath(path, 'clock'), name), 'not a window', '["HH:mm", "HH:mm"]', pair);
        return undefined;
      }
      windows.push({ name, start: a, end: b });
    }
    return () => windows;
  }
  invalid(env, path, 'unknown window', '"day", { "setting": "daytime" | "halfDayWindows" } or { "clock": { name: ["HH:mm", "HH:mm"] } }', arg);
  return undefined;
}

/** The instants of a window on a local date. */
function windowOn(s: Scope, date: CalendarDate, w: ClockWindow): Interval {
  const { context } = s.run;
  if (w.end > w.start) return context.windowOn(date, w);
  // Midnight to midnight, or a window across midnight: it ends on the next date.
  if (w === MIDNIGHT) return { start: context.windowOn(date, MIDNIGHT).start, end: context.windowOn(addCalendarDays(date, 1), MIDNIGHT).start };
  return { start: instantOnDate(date, w.start, context.zone), end: instantOnDate(addCalendarDays(date, 1), w.end, context.zone) };
}

interface CellsSpec {
  of: ExprFn;
  windows: Windows;
  days: ExprFn | undefined;
  entryWhere: ExprFn | undefined;
  /**
   * Whether `of`, `days` and `entryWhere` read nothing of the subject but the officer (and, for
   * the last two, the date and the entry): then a cell's minutes are the officer's, whichever
   * subject asks, and are computed for the whole check period at once ({@link CellTable}).
   */
  officerCells: boolean;
  /** The run cache's key of the officer's cells. */
  tableKey: string;
  /** `days` read from the officer's day flags, where it is made of them (and constants) only. */
  dayMask: DayMask | undefined;
  /** Where `entryWhere` reads at most one field of the entry: its name ('' for none), so a date's entries that agree on it are asked once. */
  entryWhereField: string | undefined;
}

/**
 * An officer's day flags over the whole check period, each made once per check (every rule and
 * measure asks them): `communityOfficer` and `nonNormalDuty` a stretch at a time (they change
 * only where an assignment or a non-normal duty period starts or ends, as the date tracker knows),
 * the calendar's flags once for every officer.
 */
class OfficerDays {
  private readonly flags: (Uint8Array | undefined)[] = [];
  /** What each mask gives for this officer, made once: every week of the officer asks it. */
  private readonly masks = new Map<DayMask, Uint8Array>();

  /**
   * The dates of the period `mask` admits (1) for this officer. Shared: not to be changed. `s` is
   * the asking rule's scope: a mask's constants may read its options (a mask is one rule's).
   */
  masked(mask: DayMask, s: Scope): Uint8Array {
    let on = this.masks.get(mask);
    if (!on) this.masks.set(mask, (on = mask(this, s)));
    return on;
  }

  /**
   * Kept for the whole check: it holds the check's run (its context and shared caches), never
   * the asking subject's scope, whose values (the officer's entries) must not outlive it.
   */
  private readonly s: CheckScope;

  constructor(
    s: Scope,
    private readonly officer: string,
  ) {
    this.s = { run: { context: s.run.context, shared: s.run.shared } };
  }

  /** The flag (its index in DAY_FLAGS) on each date of the period: 1 where it holds. Shared: not to be changed. */
  flag(flag: number): Uint8Array {
    let on = this.flags[flag];
    if (on) return on;
    const { s, officer } = this;
    const name = DAY_FLAGS[flag]!;
    const { context } = s.run;
    const dates = context.periodDates;
    const n = dates.length;
    if (name === 'communityOfficer' || name === 'nonNormalDuty') {
      on = new Uint8Array(n);
      const index = periodIndexOf(s);
      const spans = name === 'communityOfficer' ? undefined : (context.input.dataset.nonNormalDuty ?? []);
      for (let j = 0; j < n; ) {
        const date = dates[j]!;
        const value = dayFlag(s, name, () => officer, date) ? 1 : 0;
        const last = spans ? unchangedThrough(date, spans, (p) => p.start, (p) => p.end) : unchangedThrough(date, context.assignmentsOf(officer), (a) => a.from, (a) => a.to);
        const through = last === undefined ? n - 1 : (index.get(last) ?? n - 1);
        on.fill(value, j, through + 1);
        j = through + 1;
      }
    } else {
      let calendar = s.run.shared.get(`calendarFlag:${name}`) as Uint8Array | undefined;
      if (!calendar) {
        calendar = new Uint8Array(n);
        for (let j = 0; j < n; j++) calendar[j] = dayFlag(s, name, () => officer, dates[j]!) ? 1 : 0;
        s.run.shared.set(`calendarFlag:${name}`, calendar);
      }
      on = calendar;
    }
    this.flags[flag] = on;
    return on;
  }
}

function officerDaysOf(s: Scope, officer: string): OfficerDays {
  let all = s.run.shared.get('officerDays') as Map<string, OfficerDays> | undefined;
  if (!all) s.run.shared.set('officerDays', (all = new Map()));
  let days = all.get(officer);
  if (!days) all.set(officer, (days = new OfficerDays(s, officer)));
  return days;
}

/** Which dates of the check period are admitted (1), read from the officer's day flags; a new array or a shared flag's, not to be changed. */
export type DayMask = (days: OfficerDays, s: Scope) => Uint8Array;

/** Off: `countDays` and `someDay` ask their predicate date by date (the general path), for tests that compare both. */
export const daysFromFlags = { enabled: true };

/**
 * How many of a subject's dates a {@link DayMask} admits, read from the officer's day flags: for
 * `countDays` and `someDay`. Undefined where the flags cannot say (no officer bound, dates that
 * are not a stretch of the check period, a date tracker noting what is read): the predicate is
 * then asked date by date.
 */
export function admittedDays(s: Scope, mask: DayMask): number | undefined {
  if (!daysFromFlags.enabled || s.datesTracker?.active) return undefined;
  const officer = boundOfficerId(s);
  if (officer === undefined) return undefined;
  const dates = s.dates;
  const from = periodStretchOf(s, dates);
  if (from < 0) return undefined;
  const on = officerDaysOf(s, officer).masked(mask, s);
  let count = 0;
  for (let j = from; j < from + dates.length; j++) count += on[j]!;
  return count;
}

/**
 * `days` as a function of the officer's day flags, where it is `and`, `or`, `not` of `day`
 * flags of the bound date and of constants (options, settings, literals): as `and`, `or` and
 * `not` evaluate them, over the whole check period at once, without binding each date and
 * walking the bindings for each flag. Undefined for anything else (the expression is then
 * evaluated as it is, date by date).
 */
export function compileDayMask(expr: unknown, env: CompileEnv): DayMask | undefined {
  if (dependsOnlyOn(dependenciesOf(expr, env.lets), ['checkPeriod'])) {
    const scratch: CompileEnv = { ...env, problems: [] };
    const constant = compileExpr(expr, '', scratch);
    return scratch.problems.length === 0 ? (_days, s) => new Uint8Array(s.run.context.periodDates.length).fill(truthy(constant(s)) ? 1 : 0) : undefined;
  }
  if (!isPlainObject(expr) || Object.keys(expr).length !== 1) return undefined;
  const [op, arg] = Object.entries(expr)[0]!;
  if (op === 'day') {
    const flag = typeof arg === 'string' ? DAY_FLAGS.indexOf(arg as DayFlag) : -1;
    return flag < 0 ? undefined : (days) => days.flag(flag);
  }
  if (op === 'not') {
    const inner = Array.isArray(arg) ? undefined : compileDayMask(arg, env);
    return (
      inner &&
      ((days, s) => {
        const on = inner(days, s);
        const out = new Uint8Array(on.length);
        for (let j = 0; j < on.length; j++) out[j] = on[j]! ^ 1;
        return out;
      })
    );
  }
  if ((op === 'and' || op === 'or') && Array.isArray(arg) && arg.length > 0) {
    const parts = arg.map((a) => compileDayMask(a, env));
    if (parts.some((p) => p === undefined)) return undefined;
    const masks = parts as DayMask[];
    const and = op === 'and';
    return (days, s) => {
      const out = Uint8Array.from(masks[0]!(days, s));
      for (let m = 1; m < masks.length; m++) {
        const on = masks[m]!(days, s);
        for (let j = 0; j < out.length; j++) out[j] = and ? out[j]! & on[j]! : out[j]! | on[j]!;
      }
      return out;
    };
  }
  return undefined;
}

function compileCells(p: Record<string, unknown>, path: string, env: CompileEnv): CellsSpec | undefined {
  const of = compileExpr(p.of, keyPath(path, 'of'), env);
  const windows = compileWindows(p.within, keyPath(path, 'within'), env);
  const dayEnv = { ...env, vars: new Set([...env.vars, 'date']) };
  const days = p.days === undefined ? undefined : compileExpr(p.days, keyPath(path, 'days'), dayEnv);
  const entryWhere = p.entryWhere === undefined ? undefined : compileExpr(p.entryWhere, keyPath(path, 'entryWhere'), { ...dayEnv, vars: new Set([...dayEnv.vars, 'entry']) });
  const officerCells =
    dependsOnlyOn(dependenciesOf(p.of, env.lets), ['officer', 'checkPeriod']) &&
    (p.days === undefined || dependsOnlyOn(dependenciesOf(p.days, env.lets), ['officer', 'date', 'checkPeriod'])) &&
    (p.entryWhere === undefined || dependsOnlyOn(dependenciesOf(p.entryWhere, env.lets), ['officer', 'date', 'entry', 'checkPeriod']));
  const dayMask = p.days === undefined || !days ? undefined : compileDayMask(p.days, dayEnv);
  const fields = p.entryWhere === undefined ? undefined : entryFieldsRead(p.entryWhere);
  const entryWhereField = fields !== undefined && fields.length <= 1 ? (fields[0] ?? '') : undefined;
  return windows ? { of, windows, days, entryWhere, officerCells, tableKey: `cells:${path}`, dayMask, entryWhereField } : undefined;
}

const intervalOf = (e: RosterEntry): Interval => ({ start: e.startInstant, end: e.endInstant });

/**
 * Calls `visit` for each (date, window) of the subject's dates that `days` admits, with the
 * entries that count there (`entryWhere`, with `date` and `entry` bound) and their union minutes.
 * The general path, for cells that depend on more of the subject than its officer.
 */
function eachCell(
  s: Scope,
  spec: CellsSpec,
  dates: readonly CalendarDate[],
  visit: (date: CalendarDate, w: ClockWindow, interval: Interval, entries: RosterEntry[], minutes: number) => void,
  /** Cells without minutes count for nothing: a date no entry meets is not even asked `days`. */
  onlyWithMinutes = false,
): void {
  const byStart = entriesByStart(s, asArray(spec.of(s)) as RosterEntry[]);
  const windows = spec.windows(s);
  const intervals: Interval[] = new Array(windows.length);
  for (const date of dates) {
    let from = Infinity;
    let to = -Infinity;
    for (let i = 0; i < windows.length; i++) {
      const interval = (intervals[i] = windowOn(s, date, windows[i]!));
      if (interval.start < from) from = interval.start;
      if (interval.end > to) to = interval.end;
    }
    // Only entries that meet one of the date's windows can add minutes: the rest are not even
    // asked `entryWhere` (a year of an officer's roster, judged week by week, stays linear).
    const near = byStart.overlapping(from, to);
    if (onlyWithMinutes && near.length === 0) continue;
    const dated = spec.days || spec.entryWhere ? s.withOne('date', date, [date]) : s;
    if (spec.days && !truthy(spec.days(dated))) continue;
    const entries = spec.entryWhere && near.length > 0 ? near.filter((entry) => truthy(spec.entryWhere!(dated.withOne('entry', entry)))) : near;
    for (let i = 0; i < windows.length; i++) visit(date, windows[i]!, intervals[i]!, entries, unionEntryMinutesWithin(entries, intervals[i]!));
  }
}

/** The instants of a list of windows on every date of the check period, made once per check. */
interface WindowGrid {
  readonly windows: readonly ClockWindow[];
  /** Start and end of window w on the period's date j, at j × windows + w. */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  /** Midnight starting each date of the period. */
  readonly dayStarts: Float64Array;
}

function windowGridOf(s: Scope, windows: readonly ClockWindow[]): WindowGrid {
  let grids = s.run.shared.get('windowGrids') as WeakMap<readonly ClockWindow[], WindowGrid> | undefined;
  if (!grids) s.run.shared.set('windowGrids', (grids = new WeakMap()));
  let grid = grids.get(windows);
  if (!grid) {
    const dates = s.run.context.periodDates;
    const k = windows.length;
    const starts = new Float64Array(dates.length * k);
    const ends = new Float64Array(dates.length * k);
    const dayStarts = new Float64Array(dates.length);
    dates.forEach((date, j) => {
      dayStarts[j] = s.run.context.windowOn(date, MIDNIGHT).start;
      windows.forEach((w, i) => {
        const interval = windowOn(s, date, w);
        starts[j * k + i] = interval.start;
        ends[j * k + i] = interval.end;
      });
    });
    grids.set(windows, (grid = { windows, starts, ends, dayStarts }));
  }
  return grid;
}

/**
 * An officer's (date, window) cells over the whole check period: for each, the union minutes of
 * the entries that count there, found in one sweep of the officer's entries in start order
 * (each entry meets the windows of a date or two), instead of a search and a filter per subject
 * date. `days` is asked once per date, and only where a subject or an entry needs it.
 */
interface CellTable {
  readonly list: readonly RosterEntry[];
  readonly byStart: EntriesByStart;
  readonly grid: WindowGrid;
  /** Per period date: 1 where `days` admits it, 0 where not, -1 not asked yet. */
  readonly admitted: Int8Array;
  /** Union minutes at date j × windows + window w. */
  readonly minutes: Float64Array;
}

/** Off: `windows` and `minutes` take the general path (eachCell) for every subject, for tests that compare both. */
export const officerCellTables = { enabled: true };

/** The officer's cells, or undefined where `of` gives this subject another list than the officer's (the general path then). */
function cellTableOf(s: Scope, spec: CellsSpec): CellTable | undefined {
  if (!officerCellTables.enabled) return undefined;
  const list = asArray(spec.of(s)) as RosterEntry[];
  let tables = s.run.cache.get(spec.tableKey) as OfficerCache<CellTable> | undefined;
  if (!tables) s.run.cache.set(spec.tableKey, (tables = new OfficerCache()));
  const table = tables.get(boundOfficerKey(s), () => buildCellTable(s, spec, list));
  return table.list === list ? table : undefined;
}

function dayAdmitted(s: Scope, spec: CellsSpec, table: CellTable, j: number): boolean {
  let a = table.admitted[j]!;
  if (a < 0) {
    const date = s.run.context.periodDates[j]!;
    const admitted = !spec.days || truthy(spec.days(s.withOne('date', date, [date])));
    a = table.admitted[j] = admitted ? 1 : 0;
  }
  return a === 1;
}

/** Whether `entryWhere` lets the entry count on `date`; `dated`: the scope with `date` bound, if made already. */
function entryCounts(s: Scope, spec: CellsSpec, entry: RosterEntry, date: CalendarDate, dated?: Scope): boolean {
  return !spec.entryWhere || truthy(spec.entryWhere((dated ?? s.withOne('date', date, [date])).withOne('entry', entry)));
}

/** An `entryWhere` answer for one value of the field it reads, on the period's dates `from` through `until` (indexes). */
interface TrackedAnswer {
  answer: boolean;
  from: number;
  until: number;
}

/** Off: a cell table asks `entryWhere` again on every date (for tests that compare both). */
export const trackedEntryWhere = { enabled: true };

function buildCellTable(s: Scope, spec: CellsSpec, list: readonly RosterEntry[]): CellTable {
  const grid = windowGridOf(s, spec.windows(s));
  const { starts, ends, dayStarts } = grid;
  const n = dayStarts.length;
  const k = grid.windows.length;
  const byStart = entriesByStart(s, list);
  const officer = boundOfficerId(s);
  const officerDays = spec.dayMask && officer !== undefined ? officerDaysOf(s, officer) : undefined;
  const table: CellTable = { list, byStart, grid, admitted: new Int8Array(n).fill(-1), minutes: new Float64Array(n * k) };
  // Days read from the flags are known for the whole period at once; any other `days` is asked date by date, where needed.
  if (officerDays && spec.dayMask) table.admitted.set(spec.dayMask(officerDays, s));
  const { minutes } = table;
  // Each cell's union, swept as unionEntryMinutesWithin does: clipped to a window, entries in
  // start order stay in start order. The sums are the same additions in the same order.
  const runStart = new Float64Array(n * k);
  const runEnd = new Float64Array(n * k).fill(-Infinity);
  const dates = s.run.context.periodDates;
  let dated: Scope | undefined;
  let datedIndex = -1;
  // entryWhere's answers by the one entry field it reads, each asked with the date tracked: it
  // holds from the date it was asked on through the last date what it read stays the same (an
  // assignment's start or end), so a year of community work asks once per community and
  // assignment, not once per date.
  const field = spec.entryWhereField;
  const tracker = field !== undefined && spec.entryWhere && trackedEntryWhere.enabled ? new DateTracker() : undefined;
  const lastDate = dates[n - 1]!;
  const answers = new Map<unknown, TrackedAnswer>();
  const counted = (e: RosterEntry, j: number): boolean => {
    if (field === undefined) return entryCounts(s, spec, e, dates[j]!, dated);
    const key = field === '' ? undefined : readField(e, field);
    const known = answers.get(key);
    if (known !== undefined && known.from <= j && j <= known.until) return known.answer;
    if (!tracker) {
      const answer = entryCounts(s, spec, e, dates[j]!, dated);
      answers.set(key, { answer, from: j, until: j });
      return answer;
    }
    tracker.begin(dates[j]!, lastDate);
    const answer = entryCounts(s, spec, e, dates[j]!, dated);
    tracker.active = false;
    answers.set(key, { answer, from: j, until: tracker.until === dates[j] ? j : (periodIndexOf(s).get(tracker.until) ?? j) });
    return answer;
  };
  const sorted = byStart.sorted;
  // The last date starting at or before the entry (-1: none), moved on as the sorted starts grow: no search per entry.
  let startDay = -1;
  for (let i = 0; i < sorted.length; i++) {
    const entryStart = byStart.starts[i]!;
    const entryEnd = byStart.ends[i]!;
    while (startDay + 1 < n && dayStarts[startDay + 1]! <= entryStart) startDay++;
    // The date before the entry's start may have a window reaching past midnight.
    let j = startDay - 1;
    if (j < 0) j = 0;
    for (; j < n && dayStarts[j]! < entryEnd; j++) {
      let counts = 0;
      for (let w = 0; w < k; w++) {
        const c = j * k + w;
        const start = entryStart > starts[c]! ? entryStart : starts[c]!;
        const end = entryEnd < ends[c]! ? entryEnd : ends[c]!;
        if (end <= start) continue;
        if (counts === 0) {
          // Entries in start order ask about the same date in a row: one scope with it bound.
          if (spec.entryWhere && datedIndex !== j) {
            dated = tracker ? s.withTrackedDate(dates[j]!, tracker) : s.withOne('date', dates[j]!, [dates[j]!]);
            datedIndex = j;
          }
          counts = dayAdmitted(s, spec, table, j) && counted(sorted[i]!, j) ? 1 : -1;
        }
        if (counts < 0) break;
        if (start > runEnd[c]!) {
          if (runEnd[c]! > runStart[c]!) minutes[c]! += runEnd[c]! - runStart[c]!;
          runStart[c] = start;
          runEnd[c] = end;
        } else if (end > runEnd[c]!) runEnd[c] = end;
      }
    }
  }
  for (let c = 0; c < minutes.length; c++) {
    if (runEnd[c]! > runStart[c]!) minutes[c]! += runEnd[c]! - runStart[c]!;
    minutes[c] = minutes[c]! / 60_000;
  }
  return table;
}

/**
 * Where the subject's dates are in the check period: the first one's index, if they are a
 * stretch of it (a week, a run, a date), else -1 (the general path then).
 */
function periodStretchOf(s: Scope, dates: readonly CalendarDate[]): number {
  if (dates.length === 0) return 0;
  const j0 = periodIndexOf(s).get(dates[0]!);
  const period = s.run.context.periodDates;
  if (j0 === undefined || j0 + dates.length > period.length) return -1;
  for (let i = 1; i < dates.length; i++) if (period[j0 + i] !== dates[i]) return -1;
  return j0;
}

/** Whether any window of the period's date j has minutes. */
function dayHasMinutes(table: CellTable, j: number): boolean {
  const k = table.grid.windows.length;
  for (let c = j * k; c < j * k + k; c++) if (table.minutes[c]! > 0) return true;
  return false;
}

/**
 * What the cells of a stretch of an officer's table found behind a measure's value: the cells
 * that counted (`windows`: at least `limit` minutes; `minutes`: any), then the entries with
 * their minutes in them. Made only when evidence reads it: for the few subjects reported.
 */
class TableWitness implements Witness {
  private made: Witness | undefined;

  constructor(
    private readonly s: Scope,
    private readonly spec: CellsSpec,
    private readonly table: CellTable,
    private readonly from: number,
    private readonly days: number,
    /** A `windows` measure's threshold; undefined for `minutes`. */
    private readonly atLeast: number | undefined,
  ) {}

  get cells(): WindowCell[] {
    return (this.made ??= this.make()).cells;
  }

  get entryMinutes(): Map<number, EntryMinutes> {
    return (this.made ??= this.make()).entryMinutes;
  }

  private make(): Witness {
    const { s, spec, table, atLeast } = this;
    const witness: Witness = { cells: [], entryMinutes: new Map() };
    const { windows, starts, ends } = table.grid;
    const k = windows.length;
    for (let j = this.from; j < this.from + this.days; j++) {
      if (table.admitted[j] !== 1) continue;
      const date = s.run.context.periodDates[j]!;
      for (let w = 0; w < k; w++) {
        const c = j * k + w;
        const minutes = table.minutes[c]!;
        if (atLeast === undefined ? minutes <= 0 : minutes < atLeast) continue;
        if (atLeast !== undefined) witness.cells.push({ source: 'half-day', date, window: windows[w]!.name, minutes });
        const interval = { start: starts[c]!, end: ends[c]! };
        addEntryMinutes(witness, table.byStart.overlapping(interval.start, interval.end).filter((e) => entryCounts(s, spec, e, date)), interval);
      }
    }
    return witness;
  }
}

/** The index of a list of entries; one per list, so the subjects that share a list (the officer's, cached) share it. */
function entriesByStart(s: Scope, entries: readonly RosterEntry[]): EntriesByStart {
  // A short list (one entry, a day's) is indexed faster than it is looked up, and is made anew each time.
  if (entries.length <= 16) return new EntriesByStart(entries);
  let indexes = s.run.shared.get('entriesByStart') as WeakMap<readonly RosterEntry[], EntriesByStart> | undefined;
  if (!indexes) s.run.shared.set('entriesByStart', (indexes = new WeakMap()));
  let index = indexes.get(entries);
  if (!index) indexes.set(entries, (index = new EntriesByStart(entries)));
  return index;
}

/** Entries in start order, to find those overlapping a span by binary search. */
class EntriesByStart {
  /** In start order, then input order. */
  readonly sorted: readonly RosterEntry[];
  /** The sorted entries' start and end instants, side by side: the sweeps read these, not the entry objects (of several shapes). */
  readonly starts: Float64Array;
  readonly ends: Float64Array;
  private readonly longest: number;

  constructor(entries: readonly RosterEntry[]) {
    let inOrder = true;
    for (let i = 1; i < entries.length && inOrder; i++) if (entries[i - 1]!.startInstant > entries[i]!.startInstant) inOrder = false;
    const sorted = inOrder ? entries : [...entries].sort((a, b) => a.startInstant - b.startInstant || a.index - b.index);
    const starts = new Float64Array(sorted.length);
    const ends = new Float64Array(sorted.length);
    let longest = 0;
    for (let i = 0; i < sorted.length; i++) {
      const e = sorted[i]!;
      starts[i] = e.startInstant;
      ends[i] = e.endInstant;
      if (ends[i]! - starts[i]! > longest) longest = ends[i]! - starts[i]!;
    }
    this.sorted = sorted;
    this.starts = starts;
    this.ends = ends;
    this.longest = longest;
  }

  /** The entries overlapping `[start, end)`, in their order. */
  overlapping(start: number, end: number): RosterEntry[] {
    const { sorted, starts, ends } = this;
    // No entry starting before start − longest can reach start.
    let lo = 0;
    let hi = sorted.length;
    const from = start - this.longest;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (starts[mid]! < from) lo = mid + 1;
      else hi = mid;
    }
    const out: RosterEntry[] = [];
    for (let i = lo; i < sorted.length && starts[i]! < end; i++) if (ends[i]! > start) out.push(sorted[i]!);
    return out;
  }
}

function addEntryMinutes(witness: Witness, entries: readonly RosterEntry[], interval: Interval): void {
  for (const e of entries) {
    const m = overlapMinutes(intervalOf(e), interval);
    if (m <= 0) continue;
    const found = witness.entryMinutes.get(e.index);
    if (found) found.minutes += m;
    else witness.entryMinutes.set(e.index, { entry: e, minutes: m });
  }
}

/**
 * `{ "minutes": { of, within, dates?, days?, entryWhere? } }`: elapsed minutes of the entries
 * inside the windows, on each date of the subject (`dates: "touched"`: on each date any of the
 * entries touches), a window's overlapping entries counted once (their union).
 */
const minutesMeasure: CompileMeasure = (arg, path, env) => {
  const p = params(arg, path, env, ['of', 'within', 'dates', 'days', 'entryWhere'], ['of', 'within']);
  const spec = p && compileCells(p, path, env);
  if (!p || !spec) return () => 0;
  if (p.dates !== undefined && p.dates !== 'subject' && p.dates !== 'touched') return invalid(env, keyPath(path, 'dates'), 'unknown dates', '"subject" | "touched"', p.dates);
  const touched = p.dates === 'touched';
  const witnessKey = env.witnessKey;
  // One entry's minutes over the dates it touches (a shift's daytime overlap, item by item), without
  // the general path's sets and index; the same cells and sums as eachCell gives them.
  const oneEntryTouched = touched && !spec.days && !spec.entryWhere && !witnessKey;
  return (s) => {
    if (oneEntryTouched && singleEntryMinutes.enabled) {
      const list = asArray(spec.of(s)) as RosterEntry[];
      // As in the general path, the subject's dates are read: the date tracker is told.
      s.datesTracker?.readDate();
      if (list.length === 1) return touchedMinutesOfOne(s, spec.windows(s), list);
      if (list.length === 0) return 0;
    }
    const witness: Witness = { cells: [], entryMinutes: new Map() };
    let dates = s.dates;
    if (touched) {
      const set = new Set<CalendarDate>();
      for (const e of asArray(spec.of(s)) as RosterEntry[]) for (const d of localDatesTouched(e.startInstant, e.endInstant, s.run.context.zone)) set.add(d);
      dates = [...set].sort();
    }
    if (!touched && spec.officerCells) {
      const table = cellTableOf(s, spec);
      const from = table ? periodStretchOf(s, dates) : -1;
      if (table && from >= 0) {
        const k = table.grid.windows.length;
        let total = 0;
        for (let j = from; j < from + dates.length; j++) {
          if (!dayHasMinutes(table, j) || !dayAdmitted(s, spec, table, j)) continue;
          for (let c = j * k; c < j * k + k; c++) total += table.minutes[c]!;
        }
        if (witnessKey) s.witnesses.set(witnessKey, new TableWitness(s, spec, table, from, dates.length, undefined));
        return total;
      }
    }
    let total = 0;
    // One window counts once even where two dates' windows are the same instants.
    const seen = new Set<number>();
    eachCell(s, spec, dates, (_date, _w, interval, entries, minutes) => {
      if (touched) {
        if (seen.has(interval.start)) return;
        seen.add(interval.start);
      }
      total += minutes;
      if (witnessKey) addEntryMinutes(witness, entries, interval);
    }, true);
    if (witnessKey) s.witnesses.set(witnessKey, witness);
    return total;
  };
};

/** Off: one entry's `dates: "touched"` minutes go the general path (tests compare both). */
export const singleEntryMinutes = { enabled: true };

/**
 * The minutes of a one-entry list within the windows of each date the entry touches, each window
 * counted once (by its start), a date's windows only where the entry meets their span: eachCell's
 * cells and sums for that list (`onlyWithMinutes`), without its sets, sort and index.
 */
function touchedMinutesOfOne(s: Scope, windows: readonly ClockWindow[], list: readonly RosterEntry[]): number {
  const e = list[0]!;
  const dates = localDatesTouched(e.startInstant, e.endInstant, s.run.context.zone);
  const intervals: Interval[] = new Array(windows.length);
  const seen: number[] = [];
  let total = 0;
  for (const date of dates) {
    let from = Infinity;
    let to = -Infinity;
    for (let i = 0; i < windows.length; i++) {
      const interval = (intervals[i] = windowOn(s, date, windows[i]!));
      if (interval.start < from) from = interval.start;
      if (interval.end > to) to = interval.end;
    }
    // EntriesByStart.overlapping(from, to) of the one entry.
    if (!(e.startInstant < to && e.endInstant > from)) continue;
    for (let i = 0; i < windows.length; i++) {
      const interval = intervals[i]!;
      if (seen.includes(interval.start)) continue;
      seen.push(interval.start);
      total += unionEntryMinutesWithin(list, interval);
    }
  }
  return total;
}

/**
 * `{ "windows": { of, within, days?, entryWhere?, atLeast? | below? } }`: how many (date, window)
 * cells of the subject's dates have at least `atLeast` (or fewer than `below`) minutes of the
 * entries. With `atLeast`, the cells and the entries behind them are the measure's evidence.
 */
const windowsMeasure: CompileMeasure = (arg, path, env) => {
  const p = params(arg, path, env, ['of', 'within', 'days', 'entryWhere', 'atLeast', 'below'], ['of', 'within']);
  const spec = p && compileCells(p, path, env);
  if (!p || !spec) return () => 0;
  if ((p.atLeast === undefined) === (p.below === undefined)) return invalid(env, path, 'a threshold is needed', 'exactly one of atLeast, below', Object.keys(p));
  const threshold = compileExpr(p.atLeast ?? p.below, keyPath(path, p.atLeast !== undefined ? 'atLeast' : 'below'), env);
  const atLeast = p.atLeast !== undefined;
  const witnessKey = env.witnessKey;
  return (s) => {
    const limit = num(threshold(s));
    if (spec.officerCells) {
      const table = cellTableOf(s, spec);
      const dates = s.dates;
      const from = table ? periodStretchOf(s, dates) : -1;
      if (table && from >= 0) {
        const k = table.grid.windows.length;
        let count = 0;
        for (let j = from; j < from + dates.length; j++) {
          // At least a positive threshold: a date without minutes is not even asked `days`.
          if (atLeast && limit > 0 && !dayHasMinutes(table, j)) continue;
          if (!dayAdmitted(s, spec, table, j)) continue;
          for (let c = j * k; c < j * k + k; c++) if (atLeast ? table.minutes[c]! >= limit : table.minutes[c]! < limit) count++;
        }
        if (witnessKey) s.witnesses.set(witnessKey, atLeast ? new TableWitness(s, spec, table, from, dates.length, limit) : { cells: [], entryMinutes: new Map() });
        return count;
      }
    }
    const witness: Witness = { cells: [], entryMinutes: new Map() };
    let count = 0;
    eachCell(
      s,
      spec,
      s.dates,
      (date, w, interval, entries, minutes) => {
        if (atLeast ? minutes < limit : minutes >= limit) return;
        count++;
        if (witnessKey && atLeast) {
          const cell: WindowCell = { source: 'half-day', date, window: w.name, minutes };
          witness.cells.push(cell);
          addEntryMinutes(witness, entries, interval);
        }
      },
      // At least a positive threshold: a cell without minutes never counts.
      atLeast && limit > 0,
    );
    if (witnessKey) s.witnesses.set(witnessKey, witness);
    return count;
  };
};

/** The measures of the expression language: collections of records and what is counted over them. */
export const MEASURES: Readonly<Record<string, CompileMeasure>> = {
  entries: entriesMeasure,
  assignments: assignmentsMeasure,
  list: listMeasure,
  count: collector((items) => items.length),
  exists: collector((items) => items.length > 0),
  first: collector((items) => items[0] ?? null),
  distinct: distinctMeasure,
  maxOf: aggregate((values) => (values.length ? values.reduce((a, b) => (b > a ? b : a)) : null)),
  minOf: aggregate((values) => (values.length ? values.reduce((a, b) => (b < a ? b : a)) : null)),
  sumOf: aggregate((values) => values.reduce((a, b) => a + b, 0)),
  minutes: minutesMeasure,
  windows: windowsMeasure,
  rests: restsMeasure,
};

/** Compiles a measure; `env.witnessKey` is set only for the top of a `let` whose witnesses evidence reads. */
export function compileMeasure(op: string, arg: unknown, path: string, env: MeasureEnv): ExprFn {
  return MEASURES[op]!(arg, path, env);
}
