import type { CheckContext } from '../check-context.js';
import type { RuleOptions } from '../rule-module.js';
import type { CalendarDate } from '../../time/calendar-date.js';
import type { Witness } from './_lib/values.js';

/** Everything a rule's expressions may read while it runs: the check, its options, shared caches. */
export interface RuleRun {
  readonly context: CheckContext;
  readonly options: RuleOptions;
  /** Caches shared by every subject of the run (an officer's entries by start date…). */
  readonly cache: Map<string, unknown>;
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
    return b as unknown as Bindings;
  }

  get(name: string): unknown {
    for (let b: Bindings | undefined = this; b; b = b.parent) {
      const { names } = b;
      for (let i = 0; i < names.length; i++) if (names[i] === name) return b.values[i];
    }
    return undefined;
  }
}

export const NO_BINDINGS = new Bindings(undefined, {});

/** A compiled expression. */
export type ExprFn = (scope: Scope) => unknown;

/**
 * One subject being judged: its dimension bindings (`officer`, `date`, `week`, `run`, `record`…),
 * the dates its measures count (a week's dates inside the check period…), and its `let` values,
 * computed on first use. A nested evaluation (an item of `map`, a date of `countDays`) gets a
 * child scope with more bindings that shares the subject's `let` values and witnesses.
 */
export class Scope {
  private readonly letValues: Map<string, unknown>;
  /** The subject's own scope: `let` values are computed there, never with a child's bindings. */
  private readonly root: Scope;
  private witnessMap: Map<string, Witness> | undefined;

  constructor(
    readonly run: RuleRun,
    readonly vars: Bindings,
    readonly dates: readonly CalendarDate[],
    private readonly lets: ReadonlyMap<string, ExprFn>,
    parent?: Scope,
  ) {
    this.root = parent ? parent.root : this;
    this.letValues = this.root.letValues ?? new Map();
  }

  /** What each measure named in `evidence` found behind its value (made on first use: most subjects keep none). */
  get witnesses(): Map<string, Witness> {
    return (this.root.witnessMap ??= new Map());
  }

  /** A `let` value, computed once per subject. */
  letValue(name: string): unknown {
    if (this.letValues.has(name)) return this.letValues.get(name);
    const value = this.lets.get(name)!(this.root);
    this.letValues.set(name, value);
    return value;
  }

  /** The same subject with one more binding, and optionally other dates. */
  withOne(name: string, value: unknown, dates: readonly CalendarDate[] = this.dates): Scope {
    return new Scope(this.run, Bindings.one(this.vars, name, value), dates, this.lets, this);
  }

  /** The same subject with more bindings, and optionally other dates. */
  with(bindings: Readonly<Record<string, unknown>>, dates: readonly CalendarDate[] = this.dates): Scope {
    return new Scope(this.run, new Bindings(this.vars, bindings), dates, this.lets, this);
  }
}
