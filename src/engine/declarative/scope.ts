import type { CheckContext } from '../check-context.js';
import type { RuleOptions } from '../rule-module.js';
import type { CalendarDate } from '../../time/calendar-date.js';
import type { Witness } from './_lib/values.js';

/** Everything a rule's expressions may read while it runs: the check, its options, shared caches. */
export interface RuleRun {
  readonly context: CheckContext;
  readonly options: RuleOptions;
  /** Caches shared by every subject of the run (an officer's entries that pass a filter…). */
  readonly cache: Map<string, unknown>;
  /**
   * Caches of what depends on the check alone, not on the rule or its options (entries' local
   * start dates, assignments by community, lists' records): shared by every rule of the check.
   */
  readonly shared: Map<string, unknown>;
}

/** What of a scope reads the check alone: its context and shared caches, never a rule's caches or a subject's values. */
export interface CheckScope {
  readonly run: Pick<RuleRun, 'context' | 'shared'>;
}

const SHARED = new WeakMap<CheckContext, Map<string, unknown>>();

/** The {@link RuleRun.shared} cache of a check. */
export function sharedCacheOf(context: CheckContext): Map<string, unknown> {
  let cache = SHARED.get(context);
  if (!cache) SHARED.set(context, (cache = new Map()));
  return cache;
}

/**
 * How far forward the subject being judged stays the same: the engine judges an officer's (or a
 * community's) dates in order, and a date whose facts read nothing that differs from the date
 * before — no entry starts on it, the same assignments hold, the same day flags — need not be
 * judged again. Every read of the subject's date (`date`, its dates) narrows `until` to what it
 * read: a plain read to the date itself; a measure that knows when its answer changes (the
 * assignments holding, the entries starting, a day flag) to the last date it stays the same.
 * Conservative by construction: a read nobody taught to say more pins the subject to its date.
 */
export class DateTracker {
  /** Off: every measure pins to the date, so no date is skipped (for tests that compare both). */
  static skipping = true;

  /** Whether a subject is being judged (its where, let values and id), not yet its evidence. */
  active = false;
  /** The subject's date. */
  date: CalendarDate = '';
  /** The last date (≥ date) through which everything read so far stays the same. */
  until: CalendarDate = '';

  /** Starts judging a subject of `date`: nothing read yet, so it could hold through `until`. */
  begin(date: CalendarDate, until: CalendarDate): void {
    this.date = date;
    this.until = until;
    this.active = true;
  }

  /** What was read holds on the date itself only. */
  readDate(): void {
    if (this.active) this.until = this.date;
  }

  /** What was read stays the same through `last` (a date after the subject's, or the same). */
  holdsUntil(last: CalendarDate): void {
    if (!DateTracker.skipping) last = this.date;
    if (this.active && last < this.until) this.until = last < this.date ? this.date : last;
  }
}

/**
 * A subject's bindings: its own, then its parent's. A nested evaluation (each item, each date)
 * adds one or two names; sharing the rest instead of copying it keeps a run of millions of such
 * evaluations cheap.
 */
export class Bindings {
  // Names and values side by side: a lookup compares a few interned names, where reading
  // differently shaped objects was a megamorphic property access per step.
  private readonly names: readonly string[];
  private readonly values: readonly unknown[];
  /** Set on the binding of a judged subject's `date`: its reads are noted. */
  tracker: DateTracker | undefined = undefined;

  constructor(
    private readonly parent: Bindings | undefined,
    own: Readonly<Record<string, unknown>>,
  ) {
    const names: string[] = [];
    const values: unknown[] = [];
    for (const k in own) {
      names.push(k);
      values.push(own[k]);
    }
    this.names = names;
    this.values = values;
  }

  /** One more name on top of `parent`: the common case (an item, an entry, a date). */
  static one(parent: Bindings, name: string, value: unknown): Bindings {
    const b = Object.create(Bindings.prototype) as { parent: Bindings; names: string[]; values: unknown[] };
    b.parent = parent;
    b.names = [name];
    b.values = [value];
    (b as unknown as Bindings).tracker = undefined;
    return b as unknown as Bindings;
  }

  get(name: string): unknown {
    for (let b: Bindings | undefined = this; b; b = b.parent) {
      const { names } = b;
      for (let i = 0; i < names.length; i++) {
        if (names[i] === name) {
          b.tracker?.readDate();
          return b.values[i];
        }
      }
    }
    return undefined;
  }

  /** The value bound to `name`, without noting the read: for a measure that tells the tracker itself how long its answer holds. */
  peek(name: string): unknown {
    for (let b: Bindings | undefined = this; b; b = b.parent) {
      const { names } = b;
      for (let i = 0; i < names.length; i++) if (names[i] === name) return b.values[i];
    }
    return undefined;
  }

  /** The tracker of the binding `name` comes from, if it is a judged subject's date. */
  trackerOf(name: string): DateTracker | undefined {
    for (let b: Bindings | undefined = this; b; b = b.parent) {
      const { names } = b;
      for (let i = 0; i < names.length; i++) if (names[i] === name) return b.tracker;
    }
    return undefined;
  }
}

export const NO_BINDINGS = new Bindings(undefined, {});

const NOT_YET: unique symbol = Symbol('not computed yet');

const LET_INDEXES = new WeakMap<ReadonlyMap<string, ExprFn>, Map<string, number>>();

/** Each let name's place, made once per rule (its map of compiled let values). */
function letIndexOf(lets: ReadonlyMap<string, ExprFn>): Map<string, number> {
  let index = LET_INDEXES.get(lets);
  if (!index) {
    index = new Map();
    for (const name of lets.keys()) index.set(name, index.size);
    LET_INDEXES.set(lets, index);
  }
  return index;
}

/** A compiled expression. */
export type ExprFn = (scope: Scope) => unknown;

/**
 * One subject being judged: its dimension bindings (`officer`, `date`, `week`, `run`, `record`…),
 * the dates its measures count (a week's dates inside the check period…), and its `let` values,
 * computed on first use. A nested evaluation (an item of `map`, a date of `countDays`) gets a
 * child scope with more bindings that shares the subject's `let` values and witnesses.
 */
export class Scope {
  /** The subject's let values by their place in the rule's `let` (NOT_YET until computed). */
  private readonly letValues: unknown[];
  private readonly letIndex: Map<string, number>;
  /** The subject's own scope: `let` values are computed there, never with a child's bindings. */
  private readonly root: Scope;
  private witnessMap: Map<string, Witness> | undefined;

  constructor(
    readonly run: RuleRun,
    readonly vars: Bindings,
    private readonly dateList: readonly CalendarDate[],
    private readonly lets: ReadonlyMap<string, ExprFn>,
    parent?: Scope,
    /** Set when `dateList` is a judged subject's own date: reading it is noted. */
    private readonly dateTracker?: DateTracker,
  ) {
    this.root = parent ? parent.root : this;
    // An array per subject, not a Map: millions of subjects each computing a few let values.
    this.letIndex = parent ? parent.letIndex : letIndexOf(lets);
    this.letValues = this.root.letValues ?? new Array<unknown>(this.letIndex.size).fill(NOT_YET);
  }

  /** The dates the subject's measures count (a week's dates inside the check period…). */
  get dates(): readonly CalendarDate[] {
    this.dateTracker?.readDate();
    return this.dateList;
  }

  /** The dates without noting the read: see {@link Bindings.peek}. */
  get datesUnnoted(): readonly CalendarDate[] {
    return this.dateList;
  }

  /** The tracker of the dates, if they are a judged subject's own. */
  get datesTracker(): DateTracker | undefined {
    return this.dateTracker;
  }

  /** What each measure named in `evidence` found behind its value (made on first use: most subjects keep none). */
  get witnesses(): Map<string, Witness> {
    return (this.root.witnessMap ??= new Map());
  }

  /** A `let` value, computed once per subject. */
  letValue(name: string): unknown {
    const i = this.letIndex.get(name)!;
    const known = this.letValues[i];
    if (known !== NOT_YET) return known;
    const value = this.lets.get(name)!(this.root);
    this.letValues[i] = value;
    return value;
  }

  /** The compiled expression of a `let` value (undefined for another name): measures ask what it is. */
  letSource(name: string): ExprFn | undefined {
    return this.lets.get(name);
  }

  /** The same subject with one more binding, and optionally other dates. */
  withOne(name: string, value: unknown, dates?: readonly CalendarDate[]): Scope {
    return new Scope(this.run, Bindings.one(this.vars, name, value), dates ?? this.dateList, this.lets, this, dates ? undefined : this.dateTracker);
  }

  /** The same subject with `date` bound, its reads noted by `tracker`, and it as the dates. */
  withTrackedDate(date: CalendarDate, tracker: DateTracker): Scope {
    const vars = Bindings.one(this.vars, 'date', date);
    vars.tracker = tracker;
    return new Scope(this.run, vars, [date], this.lets, this, tracker);
  }

  /** The same subject with more bindings, and optionally other dates. */
  with(bindings: Readonly<Record<string, unknown>>, dates?: readonly CalendarDate[]): Scope {
    return new Scope(this.run, new Bindings(this.vars, bindings), dates ?? this.dateList, this.lets, this, dates ? undefined : this.dateTracker);
  }
}
