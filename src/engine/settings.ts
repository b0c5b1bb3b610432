import type { DutyCategory, Settings } from '../model/config-schema.js';

/** A wall-clock window in minutes after midnight, `[start, end)`. */
export interface ClockWindow {
  name: string;
  start: number;
  end: number;
}

/** An entry a shift code stands for: minutes after midnight of the cell's date; an end at or before the start is the next day. */
export interface ResolvedShiftEntry {
  start: number;
  end: number;
  type: string;
  community?: string;
}

/** Settings every rule shares, after defaults are applied. */
export interface ResolvedSettings {
  /** Shift codes of wide rosters (排班表) → the entries each stands for; empty without `settings.shiftCodes`. */
  shiftCodes: ReadonlyMap<string, readonly ResolvedShiftEntry[]>;
  /** Normalised duty type (trimmed, lower case) → its category. */
  dutyTypes: ReadonlyMap<string, DutyCategory>;
  halfDayWindows: readonly ClockWindow[];
  daytime: ClockWindow;
  /** docs/rules/working-time/: types that are work whatever their category (normalised), and the longest break inside a duty period. */
  workingTime: { countsAsWork: readonly string[]; breakMinutes: number };
}

/** docs/rules/working-time/: training is work for working time, though `excused` for the community rules. */
export const DEFAULT_COUNTS_AS_WORK: readonly string[] = ['training', '培训'];
export const DEFAULT_BREAK_MINUTES = 120;

/** The duty-type table of docs/rules/README.md. */
export const DEFAULT_DUTY_TYPES: Readonly<Record<Exclude<DutyCategory, 'other'>, readonly string[]>> = {
  community: ['community', '社区工作', '社区巡查', '入户走访', '社区警务'],
  'station-duty': ['station-duty', '所内值班', '值班'],
  excused: ['leave', 'rest', 'training', '休假', '请假', '病假', '轮休', '补休', '培训'],
};

export const DEFAULT_HALF_DAY_WINDOWS: Readonly<Record<string, readonly [string, string]>> = {
  am: ['08:00', '12:00'],
  pm: ['13:00', '17:00'],
};

export const DEFAULT_DAYTIME: readonly [string, string] = ['08:00', '18:00'];

/**
 * A duty type as the table compares it: trimmed and case-folded.
 *
 * @example
 * normalizeDutyType('  Station-Duty ') //=> 'station-duty'
 */
export function normalizeDutyType(type: string): string {
  return type.trim().toLowerCase();
}

/**
 * The category of a duty type; anything not in the table is `other`.
 *
 * @example
 * dutyCategoryOf(resolveSettings({}), '所内值班') //=> 'station-duty'
 */
export function dutyCategoryOf(settings: ResolvedSettings, type: string): DutyCategory {
  return settings.dutyTypes.get(normalizeDutyType(type)) ?? 'other';
}

/**
 * Applies config settings over the defaults: duty types add to (or move between) categories;
 * windows and daytime replace the defaults. Settings are assumed schema-valid.
 *
 * @example
 * resolveSettings({ dutyTypes: { community: ['网格巡逻'] } }).dutyTypes.get('网格巡逻') //=> 'community'
 */
export function resolveSettings(settings: Settings | undefined): ResolvedSettings {
  const dutyTypes = new Map<string, DutyCategory>();
  for (const [category, types] of Object.entries(DEFAULT_DUTY_TYPES) as [DutyCategory, readonly string[]][]) {
    for (const t of types) dutyTypes.set(normalizeDutyType(t), category);
  }
  for (const [category, types] of Object.entries(settings?.dutyTypes ?? {}) as [DutyCategory, string[]][]) {
    for (const t of types) dutyTypes.set(normalizeDutyType(t), category);
  }
  const windows = settings?.halfDayWindows ?? DEFAULT_HALF_DAY_WINDOWS;
  return {
    shiftCodes: new Map(
      Object.entries(settings?.shiftCodes ?? {}).map(([code, entries]) => [
        code,
        entries.map((e) => ({ start: minutesOf(e.start), end: minutesOf(e.end), type: e.type, ...(e.community !== undefined ? { community: e.community } : {}) })),
      ]),
    ),
    dutyTypes,
    halfDayWindows: Object.entries(windows).map(([name, w]) => toWindow(name, w)),
    daytime: toWindow('daytime', settings?.daytime ?? DEFAULT_DAYTIME),
    workingTime: {
      countsAsWork: (settings?.workingTime?.countsAsWork ?? DEFAULT_COUNTS_AS_WORK).map(normalizeDutyType),
      breakMinutes: settings?.workingTime?.breakMinutes ?? DEFAULT_BREAK_MINUTES,
    },
  };
}

function toWindow(name: string, [start, end]: readonly [string, string]): ClockWindow {
  return { name, start: minutesOf(start), end: minutesOf(end) };
}

function minutesOf(clock: string): number {
  const [h, m] = clock.split(':');
  return Number(h) * 60 + Number(m);
}
