import { isPlainObject } from '../compile-expr.js';

/** Operators that read the subject's dates, or a bound `date`/`officer`, without naming them in a `var`. */
const IMPLICIT_READS: Readonly<Record<string, readonly string[]>> = {
  countDays: ['dates'],
  someDay: ['dates'],
  windows: ['dates'],
  minutes: ['dates'],
  day: ['date', 'officer'],
  entries: ['officer'],
  rests: ['officer'],
};

/** Operators that read the subject's dates only with `startsOn` (without it: the officer's, whatever the dates). */
const READS_DATES_WITH_STARTS_ON: ReadonlySet<string> = new Set(['entries', 'rests']);

/**
 * What an expression's value may depend on besides the run's constants (options, settings,
 * the dataset): the names of the bindings its `var`s read, `let` for a `let` value, and what its
 * operators read implicitly (`dates`: the subject's dates). Conservative: a name an inner
 * operator binds itself (`item`, `entry`, `date`) is counted as read from outside, so a value
 * judged constant is constant. Measures use it to compute once what every subject would
 * compute again.
 *
 * @example
 * dependenciesOf({ '==': [{ var: 'entry.community' }, null] }, new Set()) //=> Set { 'entry' }
 */
export function dependenciesOf(expr: unknown, lets: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  eachOperator(expr, (key, value) => {
    if (key === 'var' && typeof value === 'string') {
      const head = value.split('.')[0]!;
      out.add(lets.has(head) ? 'let' : head);
    }
    for (const name of IMPLICIT_READS[key] ?? []) out.add(name);
    if (READS_DATES_WITH_STARTS_ON.has(key) && !(isPlainObject(value) && value.startsOn === undefined)) out.add('dates');
    return true;
  });
  return out;
}

/**
 * Calls `visit` with each key and value of every object in an expression, nested ones too,
 * until it returns false; whether it went through all of them. An explicit stack: a rule file's
 * nesting depth never becomes the engine's recursion depth.
 */
function eachOperator(expr: unknown, visit: (key: string, value: unknown) => boolean): boolean {
  const stack: unknown[] = [expr];
  while (stack.length) {
    const e = stack.pop();
    if (Array.isArray(e)) {
      for (const x of e) stack.push(x);
      continue;
    }
    if (!isPlainObject(e)) continue;
    for (const [key, value] of Object.entries(e)) {
      if (!visit(key, value)) return false;
      stack.push(value);
    }
  }
  return true;
}

/** Whether every dependency is one of `allowed`. */
export function dependsOnlyOn(deps: ReadonlySet<string>, allowed: readonly string[]): boolean {
  for (const d of deps) if (!allowed.includes(d)) return false;
  return true;
}

/**
 * The fields of the bound `entry` an expression reads (`{ "var": "entry.community" }` reads
 * `community`), or undefined where it may read the entry some other way (`{ "var": "entry" }`).
 * Conservative: an inner operator's own `entry` counts as this one's. A filter that reads one
 * field of an entry (and the date) gives the same answer for entries of the same date that agree
 * on it, so it is asked once for them.
 *
 * @example
 * entryFieldsRead({ '==': [{ var: 'entry.community' }, null] }) //=> ['community']
 * entryFieldsRead({ minutes: { of: [{ var: 'entry' }], within: 'day' } }) //=> undefined
 */
export function entryFieldsRead(expr: unknown): string[] | undefined {
  const fields = new Set<string>();
  const whole = !eachOperator(expr, (key, value) => {
    if (key !== 'var') return true;
    if (typeof value !== 'string') return false; // a computed name may be "entry"
    const [head, field] = value.split('.');
    if (head !== 'entry') return true;
    if (field === undefined || field === '') return false;
    fields.add(field);
    return true;
  });
  return whole ? undefined : [...fields].sort();
}
