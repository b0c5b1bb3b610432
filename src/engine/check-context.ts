import type { Assignment, Community, Officer, Unit } from '../model/dataset-schema.js';
import type { DutyCategory } from '../model/config-schema.js';
import type { RosterEntry } from '../model/roster-entry.js';
import type { RosterTable } from '../model/roster-table.js';
import { RecentCache } from './declarative/_lib/recent-cache.js';
import { rosterTableOf, type ValidatedInput } from '../model/validate-input.js';
import type { AssignmentEvidence, RosterEvidence } from '../report/types.js';
import { eachCalendarDate, isDateWithin, isoDayOfWeek, type CalendarDate } from '../time/calendar-date.js';
import type { Interval } from '../time/intervals.js';
import { instantOnDate } from '../time/wall-time.js';
import type { RuleOptions } from './rule-module.js';
import { dutyCategoryOf, type ClockWindow, type ResolvedSettings } from './settings.js';

/** An assignment with its place in the officer's `assignments[]`. */
export interface IndexedAssignment extends Assignment {
  officer: string;
  index: number;
}

/**
 * The derived view every rule reads: indexes over the validated input, and the shared
 * definitions of docs/rules/README.md (community officer on a date, duty category, working day,
 * non-normal duty, windows on a date). Built once per check.
 */
export interface CheckContext {
  readonly zone: string;
  readonly period: { start: CalendarDate; end: CalendarDate };
  /** Every date of the check period, in order. */
  readonly periodDates: readonly CalendarDate[];
  readonly input: ValidatedInput;
  readonly settings: ResolvedSettings;
  /** A rule's options as configured (defaults where the config says nothing), on or off. */
  optionsOf(ruleId: string): RuleOptions;
  readonly units: ReadonlyMap<string, Unit>;
  readonly communities: ReadonlyMap<string, Community>;
  readonly officers: ReadonlyMap<string, Officer>;
  /** The combined roster, in input order (made on first read: rules that need every entry at once are few). */
  readonly roster: readonly RosterEntry[];
  /** How many entries the roster has. */
  readonly rosterLength: number;
  /**
   * Each officer's roster entries, by start then input order. Made from the roster's columns
   * when asked and kept for the few officers asked last: the same list (and entry objects) while
   * an officer is being judged, not a city's millions of objects for the whole check.
   */
  entriesOf(officer: string): readonly RosterEntry[];
  /** The officer's assignments that hold on `date`. */
  assignmentsOn(officer: string, date: CalendarDate): IndexedAssignment[];
  /** Whether the officer holds at least one assignment on `date` (docs/rules/README.md: community officer on a date). */
  isCommunityOfficer(officer: string, date: CalendarDate): boolean;
  /** Every officer's assignments, indexed. */
  assignmentsOf(officer: string): readonly IndexedAssignment[];
  /** The duty category of a duty type, with the settings' dutyTypes (an entry's is its type's). */
  categoryOfType(type: string): DutyCategory;
  /** Monday–Friday, minus holidays, plus make-up workdays. */
  isWorkingDay(date: CalendarDate): boolean;
  /** A non-normal duty period covers the officer's unit (or an ancestor) on `date`. */
  isNonNormalDuty(officer: string, date: CalendarDate): boolean;
  /** The instants of a wall-clock window on a local date. */
  windowOn(date: CalendarDate, window: ClockWindow): Interval;
  /** `id (name)` of an officer, community or unit, for messages. */
  label(kind: 'officer' | 'community' | 'unit', id: string): string;
  rosterEvidence(entry: RosterEntry, minutes?: number): RosterEvidence;
  assignmentEvidence(assignment: IndexedAssignment): AssignmentEvidence;
}

/**
 * Builds the check context of a validated input.
 *
 * @example
 * const context = createCheckContext(validateInput(doc), config.settings, config.optionsByRule)
 */
export function createCheckContext(input: ValidatedInput, settings: ResolvedSettings, optionsByRule: ReadonlyMap<string, RuleOptions> = new Map()): CheckContext {
  const { dataset, period } = input;
  const table = rosterTableOf(input);
  const zone = dataset.timezone;
  const units = new Map(dataset.units.map((u) => [u.id, u]));
  const communities = new Map(dataset.communities.map((c) => [c.id, c]));
  const officers = new Map(dataset.officers.map((o) => [o.id, o]));

  const assignments = new Map<string, IndexedAssignment[]>();
  // Each officer's place in `officers[]`, for evidence paths (ids are unique once validated).
  const officerIndex = new Map<string, number>();
  dataset.officers.forEach((o, i) => {
    assignments.set(o.id, (o.assignments ?? []).map((a, index) => ({ ...a, officer: o.id, index })));
    if (!officerIndex.has(o.id)) officerIndex.set(o.id, i);
  });

  const rows = rowsByOfficer(table);
  const officerNumbers = new Map<string, number>();
  table.officerIds.forEach((id, n) => {
    if (!officerNumbers.has(id)) officerNumbers.set(id, n);
  });
  const recentLists = new RecentCache<number, readonly RosterEntry[]>(RECENT_OFFICERS);

  const holidays = new Set(dataset.calendar?.holidays ?? []);
  const workdays = new Set(dataset.calendar?.workdays ?? []);

  const ancestors = new Map<string, Set<string>>();
  const ancestorsOf = (unit: string): Set<string> => {
    let set = ancestors.get(unit);
    if (set) return set;
    set = new Set<string>();
    for (let u: string | undefined = unit; u !== undefined && !set.has(u); u = units.get(u)?.parent) set.add(u);
    ancestors.set(unit, set);
    return set;
  };

  // Rules ask these per entry and per date many times over: answer each once.
  const categoryOfType = new Map<string, DutyCategory>();
  const workingDays = new Map<CalendarDate, boolean>();
  const windowCache = new Map<ClockWindow, Map<CalendarDate, Interval>>();

  const context: CheckContext = {
    zone,
    period,
    periodDates: eachCalendarDate(period.start, period.end),
    input,
    settings,
    optionsOf: (ruleId) => optionsByRule.get(ruleId) ?? {},
    units,
    communities,
    officers,
    get roster() {
      return input.roster;
    },
    rosterLength: table.length,
    entriesOf(officer) {
      const n = officerNumbers.get(officer);
      if (n === undefined) return NO_ENTRIES;
      return recentLists.get(n, () => {
        const from = rows.officerFrom[n]!;
        const to = rows.officerFrom[n + 1]!;
        const made = new Array<RosterEntry>(to - from);
        for (let i = from; i < to; i++) made[i - from] = table.entryAt(rows.order[i]!);
        return made;
      });
    },
    assignmentsOf: (officer) => assignments.get(officer) ?? [],
    assignmentsOn: (officer, date) => (assignments.get(officer) ?? []).filter((a) => isDateWithin(date, a.from, a.to)),
    isCommunityOfficer: (officer, date) => (assignments.get(officer) ?? []).some((a) => isDateWithin(date, a.from, a.to)),
    categoryOfType(type) {
      let c = categoryOfType.get(type);
      if (c === undefined) categoryOfType.set(type, (c = dutyCategoryOf(settings, type)));
      return c;
    },
    isWorkingDay(date) {
      let working = workingDays.get(date);
      if (working === undefined) {
        working = workdays.has(date) || (!holidays.has(date) && isoDayOfWeek(date) <= 5);
        workingDays.set(date, working);
      }
      return working;
    },
    isNonNormalDuty(officer, date) {
      const unit = officers.get(officer)?.unit;
      return (dataset.nonNormalDuty ?? []).some(
        (n) => isDateWithin(date, n.start, n.end) && (n.units === undefined || (unit !== undefined && n.units.some((u) => ancestorsOf(unit).has(u)))),
      );
    },
    windowOn(date, window) {
      let byDate = windowCache.get(window);
      if (!byDate) windowCache.set(window, (byDate = new Map()));
      let interval = byDate.get(date);
      if (!interval) {
        interval = { start: instantOnDate(date, window.start, zone), end: instantOnDate(date, window.end, zone) };
        byDate.set(date, interval);
      }
      return interval;
    },
    label(kind, id) {
      const name = (kind === 'officer' ? officers : kind === 'community' ? communities : units).get(id)?.name;
      return name && name !== id ? `${id} (${name})` : id;
    },
    rosterEvidence(entry, minutes) {
      // Key order is the report's: where to find it first, then what it is.
      const evidence = { source: 'roster' } as RosterEvidence;
      if (entry.file !== undefined) evidence.file = entry.file;
      if (entry.sheet !== undefined) evidence.sheet = entry.sheet;
      if (entry.line !== undefined) evidence.line = entry.line;
      if (entry.cell !== undefined) evidence.cell = entry.cell;
      evidence.index = entry.index;
      if (entry.id !== undefined) evidence.id = entry.id;
      evidence.officer = entry.officer;
      evidence.start = entry.start;
      evidence.end = entry.end;
      evidence.type = entry.type;
      if (minutes !== undefined) evidence.minutes = minutes;
      return evidence;
    },
    assignmentEvidence(a) {
      const evidence: AssignmentEvidence = {
        source: 'assignment',
        officer: a.officer,
        index: a.index,
        community: a.community,
        from: a.from,
        path: `officers[${officerIndex.get(a.officer) ?? -1}].assignments[${a.index}]`,
      };
      if (a.to !== undefined) evidence.to = a.to;
      return evidence;
    },
  };
  return context;
}

/** How many officers' entry lists are kept made: enough for a community's officers judged together. */
const RECENT_OFFICERS = 16;

const NO_ENTRIES: readonly RosterEntry[] = Object.freeze([]);

/** A roster's rows officer by officer, each officer's by start then input order. */
interface RowsByOfficer {
  order: Int32Array;
  /** Officer n's rows are `order[officerFrom[n], officerFrom[n + 1])`. */
  officerFrom: Int32Array;
}

function rowsByOfficer(table: RosterTable): RowsByOfficer {
  const officers = table.officerIds.length;
  const officerFrom = new Int32Array(officers + 1);
  const pieces = table.pieces();
  pieces.forEach(({ officer }, k) => {
    for (let i = 0, n = table.rowsIn(k); i < n; i++) officerFrom[officer[i]! + 1]!++;
  });
  for (let n = 0; n < officers; n++) officerFrom[n + 1]! += officerFrom[n]!;
  // A counting sort: each officer's rows in input order, then sorted by start where they are not.
  const next = officerFrom.slice(0, officers);
  const order = new Int32Array(table.length);
  let row = 0;
  pieces.forEach(({ officer }, k) => {
    for (let i = 0, n = table.rowsIn(k); i < n; i++) order[next[officer[i]!]!++] = row++;
  });
  const before = (a: number, b: number) => table.startOf(a) - table.startOf(b) || table.indexOf(a) - table.indexOf(b);
  for (let n = 0; n < officers; n++) {
    const from = officerFrom[n]!;
    const to = officerFrom[n + 1]!;
    let sorted = true;
    for (let i = from + 1; i < to && sorted; i++) if (before(order[i - 1]!, order[i]!) > 0) sorted = false;
    if (!sorted) order.subarray(from, to).sort(before);
  }
  return { order, officerFrom };
}
