import type { Problem } from '../../errors.js';
import { addCalendarDays, isoDayOfWeek, type CalendarDate } from '../../time/calendar-date.js';
import { RecordRef, isRosterEntry, plainValue, readField } from './_lib/values.js';
import { admittedDays, compileDayMask, compileMeasure, filterOnTrackedDay, MEASURES } from './measures.js';
import { dependenciesOf, dependsOnlyOn } from './_lib/dependencies.js';
import { unchangedThrough } from './_lib/unchanged-through.js';
import type { CheckScope, ExprFn, Scope } from './scope.js';

/** What an expression may name where it stands: `let` values, options, dimension bindings. */
export interface CompileEnv {
  readonly lets: ReadonlySet<string>;
  readonly options: ReadonlySet<string>;
  readonly vars: ReadonlySet<string>;
  readonly problems: Problem[];
}

/** Bindings every rule has: the check period's first and last date. */
export const ALWAYS_BOUND = ['checkPeriod'] as const;

type Compile = (arg: unknown, path: string, env: CompileEnv) => ExprFn;

/** A JSON path segment for a key, as problems print it (`let.total["+"]`). */
export const keyPath = (path: string, key: string | number): string =>
  typeof key === 'number' ? `${path}[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;

/** Records a problem and stands in for the expression that had it (it is never run). */
export function invalid(env: CompileEnv, path: string, message: string, expected?: string, received?: unknown): ExprFn {
  env.problems.push({ path, message, ...(expected !== undefined ? { expected } : {}), ...(received !== undefined ? { received: describe(received) } : {}) });
  return () => undefined;
}

function describe(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const num = (v: unknown): number => (typeof v === 'number' ? v : v === null || v === undefined ? NaN : Number(v));
const truthy = (v: unknown): boolean => v !== null && v !== undefined && v !== false && v !== 0 && v !== '' && !(typeof v === 'number' && Number.isNaN(v));

/** Compiles each element of an argument list, which must be an array of `min`…`max` elements. */
function compileList(arg: unknown, path: string, env: CompileEnv, min: number, max = Infinity): ExprFn[] {
  if (!Array.isArray(arg) || arg.length < min || arg.length > max) {
    const count = max === Infinity ? `at least ${min}` : min === max ? `exactly ${min}` : `${min} to ${max}`;
    invalid(env, path, 'wrong arguments', `an array of ${count} expressions`, arg);
    return [];
  }
  return arg.map((a, i) => compileExpr(a, keyPath(path, i), env));
}

function variadic(reduce: (values: number[]) => number, min = 1): Compile {
  return (arg, path, env) => {
    const parts = compileList(arg, path, env, min);
    return (s) => reduce(parts.map((p) => num(p(s))));
  };
}

function unary(apply: (value: unknown) => unknown): Compile {
  return (arg, path, env) => {
    const inner = compileExpr(arg, path, env);
    return (s) => apply(inner(s));
  };
}

function binary(apply: (a: unknown, b: unknown) => unknown): Compile {
  return (arg, path, env) => {
    const [a, b] = compileList(arg, path, env, 2, 2);
    if (!a || !b) return () => undefined;
    return (s) => apply(a(s), b(s));
  };
}

/** Equality of JSON values: primitives by value, records by identity, roster entries by their `index`, arrays element-wise. */
function same(a: unknown, b: unknown): boolean {
  const x = plainValue(a ?? null);
  const y = plainValue(b ?? null);
  if (x === y) return true;
  // Entries are made per officer from the roster's columns: one row may be two objects.
  if (isRosterEntry(x) && isRosterEntry(y)) return x.index === y.index;
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => same(v, y[i]));
  return false;
}

/** Compiles `{ "var": "officer.attributes.contract" }`: a binding or `let` value, then a path into it. */
const compileVar: Compile = (arg, path, env) => {
  if (typeof arg !== 'string' || arg === '') return invalid(env, path, 'wrong argument', 'a name, optionally followed by .field steps', arg);
  const [head, ...steps] = arg.split('.');
  const name = head!;
  if (steps.some((s) => s === '')) return invalid(env, path, 'an empty step in a path', 'name.field.field', arg);
  const fromLet = env.lets.has(name);
  if (!fromLet && !env.vars.has(name) && !(ALWAYS_BOUND as readonly string[]).includes(name)) {
    return invalid(env, path, 'unknown name', [...env.vars, ...ALWAYS_BOUND, ...env.lets].join(', '), name);
  }
  const base: ExprFn = fromLet
    ? (s) => s.letValue(name)
    : name === 'checkPeriod'
      ? (s) => s.run.context.period
      : (s) => s.vars.get(name);
  if (steps.length === 0) return base;
  return (s) => {
    let v = base(s);
    for (const step of steps) {
      v = readField(v, step);
      if (v === undefined) return null;
    }
    return v;
  };
};

const compileOption: Compile = (arg, path, env) => {
  if (typeof arg !== 'string' || !env.options.has(arg)) return invalid(env, path, 'unknown option', [...env.options].join(', ') || 'the rule declares no options', arg);
  return (s) => s.run.options[arg];
};

/** `{ "if": [condition, then, else] }`. */
const compileIf: Compile = (arg, path, env) => {
  const [c, t, e] = compileList(arg, path, env, 3, 3);
  if (!c || !t || !e) return () => undefined;
  return (s) => (truthy(c(s)) ? t(s) : e(s));
};

const compileCoalesce: Compile = (arg, path, env) => {
  const parts = compileList(arg, path, env, 1);
  return (s) => {
    for (const p of parts) {
      const v = p(s);
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
};

const compileAnd: Compile = (arg, path, env) => {
  const parts = compileList(arg, path, env, 1);
  return (s) => parts.every((p) => truthy(p(s)));
};

const compileOr: Compile = (arg, path, env) => {
  const parts = compileList(arg, path, env, 1);
  return (s) => parts.some((p) => truthy(p(s)));
};

const asArray = (v: unknown): unknown[] => {
  const x = plainValue(v);
  return Array.isArray(x) ? x : [];
};

/** `{ "map": [list, expr] }`, `{ "filter": [list, predicate] }`: the item is bound as `item`. */
function itemwise(apply: (items: unknown[], each: (s: Scope, item: unknown) => unknown, s: Scope) => unknown): Compile {
  return (arg, path, env) => {
    if (!Array.isArray(arg) || arg.length !== 2) return invalid(env, path, 'wrong arguments', '[list, expression of item]', arg);
    const list = compileExpr(arg[0], keyPath(path, 0), env);
    const inner = compileExpr(arg[1], keyPath(path, 1), { ...env, vars: new Set([...env.vars, 'item']) });
    return (s) => apply(asArray(list(s)), (scope, item) => inner(scope.withOne('item', item)), s);
  };
}

/**
 * `{ "filter": [list, predicate of item] }`. Where the list is a let value and the predicate
 * reads only the item and constants, a judged date's filter may be the officer's filtered once
 * ({@link filterOnTrackedDay}).
 */
function compileFilter(arg: unknown, path: string, env: CompileEnv): ExprFn {
  if (!Array.isArray(arg) || arg.length !== 2) return invalid(env, path, 'wrong arguments', '[list, expression of item]', arg);
  const list = compileExpr(arg[0], keyPath(path, 0), env);
  const inner = compileExpr(arg[1], keyPath(path, 1), { ...env, vars: new Set([...env.vars, 'item']) });
  const passes = (s: Scope, item: unknown): boolean => truthy(inner(s.withOne('item', item)));
  const general: ExprFn = (s) => asArray(list(s)).filter((item) => passes(s, item));
  const source = arg[0];
  const letName = isPlainObject(source) && Object.keys(source).length === 1 && typeof source.var === 'string' && env.lets.has(source.var) ? source.var : undefined;
  // Not the officer either: the filtered lists are kept by the officer's id, and a records list bound as `officer` may repeat an id.
  if (letName === undefined || !dependsOnlyOn(dependenciesOf(arg[1], env.lets), ['item', 'checkPeriod'])) return general;
  const cacheKey = `filterByDay:${path}`;
  return (s) => filterOnTrackedDay(s, letName, cacheKey, (item) => passes(s, item)) ?? general(s);
}

/** `{ "countDays": predicate }` / `{ "someDay": predicate }`: over the subject's dates, each bound as `date`. */
function overDays(
  apply: (dates: readonly CalendarDate[], test: (date: CalendarDate) => boolean) => unknown,
  fromFlags: (admitted: number) => unknown,
): Compile {
  return (arg, path, env) => {
    const dayEnv = { ...env, vars: new Set([...env.vars, 'date']) };
    const test = compileExpr(arg, path, dayEnv);
    // A predicate of day flags (a week's "is a community officer on some day") is read from the
    // officer's flags for the whole period, not asked of each date through its scope.
    const mask = env.vars.has('officer') ? compileDayMask(arg, dayEnv) : undefined;
    return (s) => {
      const admitted = mask && admittedDays(s, mask);
      if (admitted !== undefined) return fromFlags(admitted);
      return apply(s.dates, (date) => truthy(test(s.withOne('date', date, [date]))));
    };
  };
}

/** `{ "onDate": [date, expr] }`: the expression with `date` bound to another date (and it as the subject's dates). */
const compileOnDate: Compile = (arg, path, env) => {
  if (!Array.isArray(arg) || arg.length !== 2) return invalid(env, path, 'wrong arguments', '[date, expression]', arg);
  const date = compileExpr(arg[0], keyPath(path, 0), env);
  const inner = compileExpr(arg[1], keyPath(path, 1), { ...env, vars: new Set([...env.vars, 'date']) });
  return (s) => {
    const d = date(s);
    if (typeof d !== 'string') return null;
    return inner(s.withOne('date', d, [d]));
  };
};

export const DAY_FLAGS = ['communityOfficer', 'workingDay', 'nonNormalDuty', 'weekend'] as const;

/**
 * `{ "day": "workingDay" }` (of the bound `date`) or `{ "day": ["workingDay", date] }`:
 * what the calendar and the organisation say of a date, for the bound officer where it is theirs.
 */
const compileDay: Compile = (arg, path, env) => {
  const [flag, dateArg] = Array.isArray(arg) ? arg : [arg, undefined];
  if (typeof flag !== 'string' || !(DAY_FLAGS as readonly string[]).includes(flag)) return invalid(env, path, 'unknown day flag', DAY_FLAGS.join(', '), flag);
  if (dateArg === undefined && !env.vars.has('date')) return invalid(env, path, 'no date is bound here', 'a "date" dimension, countDays/someDay/onDate, or ["flag", date]', arg);
  if ((flag === 'communityOfficer' || flag === 'nonNormalDuty') && !env.vars.has('officer')) return invalid(env, path, `"${flag}" needs an officer`, 'the "officer" dimension', arg);
  const date: ExprFn = dateArg === undefined ? (s) => s.vars.get('date') : compileExpr(dateArg, keyPath(path, 1), env);
  return (s) => {
    const officer = () => (s.vars.get('officer') as RecordRef).value.id as string;
    if (dateArg === undefined) {
      // Of the judged subject's own date: the flag says how long it keeps its value.
      const tracker = s.vars.trackerOf('date');
      const value = tracker?.active ? s.vars.peek('date') : undefined;
      if (tracker?.active && typeof value === 'string') {
        const flagOn = (d: CalendarDate) => dayFlag(s, flag as DayFlag, officer, d);
        const today = flagOn(value);
        tracker.holdsUntil(dayFlagUnchangedThrough(s, flag as DayFlag, officer, value, today, tracker.until, flagOn));
        return today;
      }
    }
    const d = date(s);
    if (typeof d !== 'string') return false;
    return dayFlag(s, flag as DayFlag, officer, d);
  };
};

export type DayFlag = (typeof DAY_FLAGS)[number];

export function dayFlag(s: CheckScope, flag: DayFlag, officer: () => string, d: CalendarDate): boolean {
  const { context } = s.run;
  switch (flag) {
    case 'communityOfficer':
      return context.isCommunityOfficer(officer(), d);
    case 'workingDay':
      return context.isWorkingDay(d);
    case 'nonNormalDuty':
      return context.isNonNormalDuty(officer(), d);
    default:
      return isoDayOfWeek(d) >= 6;
  }
}

/**
 * The last date through which a day flag keeps `today`'s value, looking no further than `limit`:
 * an officer's assignments or the non-normal duty periods say where they change; the calendar's
 * flags are stepped through (a few days at most).
 */
function dayFlagUnchangedThrough(
  s: Scope,
  flag: DayFlag,
  officer: () => string,
  date: CalendarDate,
  today: boolean,
  limit: CalendarDate,
  flagOn: (d: CalendarDate) => boolean,
): CalendarDate {
  const { context } = s.run;
  if (flag === 'communityOfficer') return unchangedThrough(date, context.assignmentsOf(officer()), (a) => a.from, (a) => a.to) ?? limit;
  if (flag === 'nonNormalDuty') return unchangedThrough(date, context.input.dataset.nonNormalDuty ?? [], (n) => n.start, (n) => n.end) ?? limit;
  let last = date;
  while (last < limit) {
    const next = addCalendarDays(last, 1);
    if (flagOn(next) !== today) break;
    last = next;
  }
  return last;
}


/** `{ "label": ["officer", id] }`: `id (name)` of an officer, community or unit, for messages. */
const compileLabel: Compile = (arg, path, env) => {
  if (!Array.isArray(arg) || arg.length !== 2 || !['officer', 'community', 'unit'].includes(arg[0] as string)) {
    return invalid(env, path, 'wrong arguments', '["officer" | "community" | "unit", id]', arg);
  }
  const kind = arg[0] as 'officer' | 'community' | 'unit';
  const id = compileExpr(arg[1], keyPath(path, 1), env);
  return (s) => s.run.context.label(kind, String(plainValue(id(s))));
};

/** The settings an expression may read (README "Config"), by path. */
export const SETTING_PATHS: readonly string[] = ['daytime', 'halfDayWindows', 'workingTime.countsAsWork', 'workingTime.breakMinutes'];

/** `{ "setting": "workingTime.breakMinutes" }`: a setting as configured (defaults where the config says nothing). */
const compileSetting: Compile = (arg, path, env) => {
  if (typeof arg !== 'string' || !SETTING_PATHS.includes(arg)) return invalid(env, path, 'unknown setting', SETTING_PATHS.join(', '), arg);
  const steps = arg.split('.');
  return (s) => {
    let v: unknown = s.run.context.settings;
    for (const step of steps) v = readField(v, step);
    return v ?? null;
  };
};

/** The dataset's own lists, and the `records` lists, by the name a rule uses. */
export function listOf(s: Scope, name: string): readonly RecordRef[] {
  const key = `list:${name}`;
  let refs = s.run.shared.get(key) as RecordRef[] | undefined;
  if (!refs) {
    const { dataset } = s.run.context.input;
    const own = (dataset as unknown as Record<string, unknown>)[name];
    const list = DATASET_LISTS.includes(name) ? (Array.isArray(own) ? own : []) : (dataset.records?.[name] ?? []);
    refs = list.map((value, i) => new RecordRef(name, i, value as Record<string, unknown>));
    s.run.shared.set(key, refs);
  }
  return refs;
}

export const DATASET_LISTS: readonly string[] = ['units', 'communities', 'officers', 'establishment', 'transfers', 'policeRooms', 'nonNormalDuty'];

/** `{ "lookup": ["contracts", id] }`: the record of a list whose `id` is the value, or null. */
const compileLookup: Compile = (arg, path, env) => {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return invalid(env, path, 'wrong arguments', '[list name, id]', arg);
  const list = arg[0];
  const id = compileExpr(arg[1], keyPath(path, 1), env);
  return (s) => {
    const key = `lookup:${list}`;
    let byId = s.run.shared.get(key) as Map<unknown, RecordRef> | undefined;
    if (!byId) {
      byId = new Map();
      for (const r of listOf(s, list)) if (!byId.has(r.value.id)) byId.set(r.value.id, r);
      s.run.shared.set(key, byId);
    }
    return byId.get(plainValue(id(s))) ?? null;
  };
};

/** `{ "find": ["forbiddenSuccessions", { "from": expr, "to": expr }] }`: the first record whose fields equal the values, or null. */
const compileFind: Compile = (arg, path, env) => {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string' || !isPlainObject(arg[1])) {
    return invalid(env, path, 'wrong arguments', '[list name, { field: expression, … }]', arg);
  }
  const list = arg[0];
  const fields = Object.entries(arg[1]).map(([k, v]) => [k, compileExpr(v, keyPath(keyPath(path, 1), k), env)] as const);
  return (s) => {
    const wanted = fields.map(([k, f]) => [k, plainValue(f(s))] as const);
    return listOf(s, list).find((r) => wanted.every(([k, v]) => same(readField(r, k), v))) ?? null;
  };
};

export const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The operators of the expression language, by name. Measures over the roster are in measures.ts. */
const OPERATORS: Readonly<Record<string, Compile>> = {
  var: compileVar,
  option: compileOption,
  setting: compileSetting,
  '+': variadic((v) => v.reduce((a, b) => a + b, 0)),
  '-': variadic((v) => (v.length === 1 ? -v[0]! : v.slice(1).reduce((a, b) => a - b, v[0]!))),
  '*': variadic((v) => v.reduce((a, b) => a * b, 1)),
  '/': variadic((v) => v.slice(1).reduce((a, b) => a / b, v[0]!), 2),
  max: variadic((v) => Math.max(...v)),
  min: variadic((v) => Math.min(...v)),
  ceil: unary((v) => Math.ceil(num(v))),
  floor: unary((v) => Math.floor(num(v))),
  '==': binary(same),
  '!=': binary((a, b) => !same(a, b)),
  '<': binary((a, b) => num(a) < num(b)),
  '<=': binary((a, b) => num(a) <= num(b)),
  '>': binary((a, b) => num(a) > num(b)),
  '>=': binary((a, b) => num(a) >= num(b)),
  and: compileAnd,
  or: compileOr,
  not: unary((v) => !truthy(v)),
  if: compileIf,
  coalesce: compileCoalesce,
  in: binary((a, list) => asArray(list).some((x) => same(a, x))),
  size: unary((v) => asArray(v).length),
  concat: (arg, path, env) => {
    const parts = compileList(arg, path, env, 1);
    return (s) => parts.map((p) => String(plainValue(p(s)) ?? '')).join('');
  },
  join: (arg, path, env) => {
    const [list, separator] = compileList(arg, path, env, 2, 2);
    if (!list || !separator) return () => undefined;
    return (s) => asArray(list(s)).map((v) => String(plainValue(v))).join(String(separator(s)));
  },
  unique: unary((v) => {
    // Roster entries once per row (see `same`), everything else once per value.
    const values = new Set<unknown>();
    const rows = new Set<number>();
    const out: unknown[] = [];
    for (const item of asArray(v).map(plainValue)) {
      if (isRosterEntry(item) ? rows.has(item.index) : values.has(item)) continue;
      if (isRosterEntry(item)) rows.add(item.index);
      else values.add(item);
      out.push(item);
    }
    return out;
  }),
  compact: (arg, path, env) => {
    const parts = compileList(arg, path, env, 0);
    return (s) => parts.map((p) => p(s)).filter((v) => v !== null && v !== undefined);
  },
  map: itemwise((items, each, s) => items.map((item) => each(s, item))),
  filter: compileFilter,
  countDays: overDays((dates, test) => dates.filter(test).length, (admitted) => admitted),
  someDay: overDays((dates, test) => dates.some(test), (admitted) => admitted > 0),
  onDate: compileOnDate,
  addDays: binary((d, n) => (typeof d === 'string' ? addCalendarDays(d, num(n)) : null)),
  weekday: unary((d) => (typeof d === 'string' ? isoDayOfWeek(d) : null)),
  day: compileDay,
  label: compileLabel,
  lookup: compileLookup,
  find: compileFind,
};

/** Every operator name, for documentation and errors (a function: measures.ts and this module import each other). */
export const operatorNames = (): string[] => [...Object.keys(OPERATORS), ...Object.keys(MEASURES)].sort();

/**
 * Compiles an expression of a rule file into a closure. Problems (unknown operators, names,
 * options, wrong arguments) are pushed onto `env.problems` with their JSON path; the rule file
 * is data, so nothing in it is ever turned into code: the closures are the engine's own.
 *
 * @example
 * const env = { lets: new Set(), options: new Set(['minHalfDays']), vars: new Set(), problems: [] }
 * compileExpr({ ceil: { '/': [{ '*': [{ option: 'minHalfDays' }, 8] }, 10] } }, 'let.required', env)
 */
export function compileExpr(expr: unknown, path: string, outer: CompileEnv): ExprFn {
  // Only the top of a `let` keeps witnesses (compileLetExpr): nothing nested inherits the key.
  const env: CompileEnv = 'witnessKey' in outer ? { lets: outer.lets, options: outer.options, vars: outer.vars, problems: outer.problems } : outer;
  if (expr === null || typeof expr === 'number' || typeof expr === 'string' || typeof expr === 'boolean') {
    if (typeof expr === 'number' && !Number.isFinite(expr)) return invalid(env, path, 'not a finite number', 'a number', expr);
    return () => expr;
  }
  if (Array.isArray(expr)) {
    const parts = expr.map((e, i) => compileExpr(e, keyPath(path, i), env));
    return (s) => parts.map((p) => p(s));
  }
  if (!isPlainObject(expr)) return invalid(env, path, 'not an expression', 'a number, string, boolean, null, array or { operator: arguments }', expr);
  const keys = Object.keys(expr);
  if (keys.length !== 1) return invalid(env, path, 'an expression object has exactly one operator key', operatorNames().join(', '), keys);
  const op = keys[0]!;
  const arg = expr[op];
  const opPath = keyPath(path, op);
  if (Object.prototype.hasOwnProperty.call(OPERATORS, op)) return OPERATORS[op]!(arg, opPath, env);
  if (Object.prototype.hasOwnProperty.call(MEASURES, op)) return compileMeasure(op, arg, opPath, env);
  return invalid(env, path, 'unknown operator', operatorNames().join(', '), op);
}

/**
 * Compiles a `let` value. When evidence reads what its measure found (`{ "from": name }`), the
 * measure at its top keeps its witnesses under that name.
 */
export function compileLetExpr(expr: unknown, path: string, env: CompileEnv, witnessKey: string | undefined): ExprFn {
  if (witnessKey !== undefined && isPlainObject(expr) && Object.keys(expr).length === 1) {
    const op = Object.keys(expr)[0]!;
    if (op === 'minutes' || op === 'windows') return compileMeasure(op, expr[op], keyPath(path, op), { ...env, witnessKey });
  }
  return compileExpr(expr, path, env);
}

export { truthy, num, asArray, same };
