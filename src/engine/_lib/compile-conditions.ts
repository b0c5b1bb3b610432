import {
  FactPathSchema,
  OPERATORS,
  type ConditionProperties,
  type FactMap,
  type NestedCondition,
  type OperatorName,
  type TopLevelCondition,
} from '../conditions-schema.js';

type Evaluate = (facts: FactMap) => boolean;
type Resolve = (facts: FactMap) => unknown;
type Compare = (factValue: unknown, value: unknown) => boolean;
/** What json-rules-engine's `in`/`notIn` call on the comparison value. */
type Searchable = { indexOf(searched: unknown): number };

/** json-rules-engine's number validator: anything `parseFloat` reads a number from, e.g. "12abc" or [3]. */
const isNumberLike = (value: unknown): boolean => !Number.isNaN(Number.parseFloat(value as string));

/**
 * The built-in operators, written as json-rules-engine writes them. The casts only quiet the
 * type checker: JavaScript's own coercions (`"5" < 10`, `"abc".indexOf(1)`) are the semantics.
 */
const COMPARE: Readonly<Record<OperatorName, Compare>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Searchable).indexOf(a) > -1,
  notIn: (a, b) => (b as Searchable).indexOf(a) === -1,
  // The fact must be an array; `doesNotContain` on a non-array is false, not true (as in the engine).
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  // Only the fact side is validated; the value side is compared as it is.
  lessThan: (a, b) => isNumberLike(a) && (a as number) < (b as number),
  lessThanInclusive: (a, b) => isNumberLike(a) && (a as number) <= (b as number),
  greaterThan: (a, b) => isNumberLike(a) && (a as number) > (b as number),
  greaterThanInclusive: (a, b) => isNumberLike(a) && (a as number) >= (b as number),
};

const KNOWN_OPERATORS: ReadonlySet<string> = new Set(OPERATORS);
const PATH_SEGMENT = /\.([A-Za-z_][A-Za-z0-9_]*)|\[(\d+)\]/g;

/**
 * Compiles json-rules-engine conditions (the subset in `conditions-schema.ts`) into a synchronous
 * predicate over a fact map. Compile once, call many times: the tree is turned into closures here,
 * so a call only reads facts and compares. Rule files stay data: nothing is turned into source code.
 *
 * The predicate gives json-rules-engine's answer (`allowUndefinedFacts: true`) for fact maps whose
 * values are JSON-like data. Where the engine's run would fail, it throws instead: a fact named `""`,
 * or `in`/`notIn` against something that is not an array or a string. A literal such value fails
 * every run, so it is refused here, when compiling; as are operators and paths outside the subset.
 *
 * @example
 * ```ts
 * const overLimit = compileConditions({
 *   all: [
 *     { fact: 'shift', path: '$.hours', operator: 'greaterThan', value: { fact: 'limits', path: '$.maxHours' } },
 *     { fact: 'role', operator: 'in', value: ['patrol', 'community'] },
 *   ],
 * });
 * overLimit({ shift: { hours: 13 }, limits: { maxHours: 12 }, role: 'patrol' }); // true
 * ```
 */
export function compileConditions(conditions: TopLevelCondition): (facts: FactMap) => boolean {
  if (!('any' in conditions || 'all' in conditions || 'not' in conditions)) {
    throw new TypeError('conditions: the root must be "all", "any" or "not"');
  }
  // The engine evaluates every condition of a rule, without short-circuiting, so a runtime failure
  // anywhere fails the whole run. These checks find such failures before the short-circuiting pass.
  const checks: Array<(facts: FactMap) => void> = [];
  const evaluate = compileNode(conditions, checks);
  return (facts) => {
    // The engine refuses a fact with an empty name even when no condition reads it.
    if (Object.hasOwn(facts, '')) throw new Error('factId required');
    for (const check of checks) check(facts);
    return evaluate(facts);
  };
}

const always = (): boolean => true;

function compileNode(condition: NestedCondition, checks: Array<(facts: FactMap) => void>): Evaluate {
  // Same order as the engine's Condition.booleanOperator: any, all, not.
  if ('any' in condition) {
    const children = condition.any.map((child) => compileNode(child, checks));
    // An empty `any` is true, not false: json-rules-engine treats empty `any` like empty `all`.
    if (children.length === 0) return always;
    if (children.length === 1) return children[0]!;
    return (facts) => {
      for (const child of children) if (child(facts)) return true;
      return false;
    };
  }
  if ('all' in condition) {
    const children = condition.all.map((child) => compileNode(child, checks));
    if (children.length === 0) return always;
    if (children.length === 1) return children[0]!;
    return (facts) => {
      for (const child of children) if (!child(facts)) return false;
      return true;
    };
  }
  if ('not' in condition) {
    const child = compileNode(condition.not, checks);
    return (facts) => !child(facts);
  }
  return compileComparison(condition, checks);
}

function compileComparison(
  condition: ConditionProperties,
  checks: Array<(facts: FactMap) => void>,
): Evaluate {
  const { operator } = condition;
  if (!KNOWN_OPERATORS.has(operator)) {
    throw new TypeError(`condition on "${condition.fact}": unsupported operator "${String(operator)}"`);
  }
  const compare = COMPARE[operator];
  const readFact = compileFactRead(condition.fact, condition.path);
  const searched = operator === 'in' || operator === 'notIn';
  const { value } = condition;

  if (isFactReference(value)) {
    const readValue = compileFactRead(value.fact, value.path);
    if (searched) {
      checks.push((facts) => {
        const list = readValue(facts);
        if (!isSearchable(list)) {
          throw new TypeError(
            `condition on "${condition.fact}": "${operator}" needs an array or a string, ` +
              `fact "${value.fact}" gave ${describe(list)}`,
          );
        }
      });
    }
    return (facts) => compare(readFact(facts), readValue(facts));
  }

  if (searched && !isSearchable(value)) {
    throw new TypeError(
      `condition on "${condition.fact}": "${operator}" needs an array or a string, got ${describe(value)}`,
    );
  }
  // The engine deep-clones conditions on each run, so a literal array is never identical (===) to
  // anything in the facts; a private copy keeps that true here, and later edits to the rule out.
  const literal = typeof value === 'object' && value !== null ? structuredClone(value) : value;
  return (facts) => compare(readFact(facts), literal);
}

/** Same test as the engine's `Almanac.getValue`: an object with its own `fact` reads that fact. */
function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return typeof value === 'object' && value !== null && Object.hasOwn(value, 'fact');
}

/** Whether `value.indexOf(…)` can be called, as the engine's `in`/`notIn` do. */
function isSearchable(value: unknown): boolean {
  return value != null && typeof (value as Partial<Searchable>).indexOf === 'function';
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function compileFactRead(name: string, path: string | undefined): Resolve {
  // Own properties only: the engine reads facts from a Map filled from the map's keys.
  const readFact: Resolve = (facts) => (Object.hasOwn(facts, name) ? facts[name] : undefined);
  // The engine ignores an empty path.
  if (path === undefined || path === '') return readFact;
  const segments = parsePath(path);
  return (facts) => {
    const root = readFact(facts);
    // A path on a fact that is not an object gives the fact itself, not undefined (as in the engine).
    if (root === null || typeof root !== 'object') return root;
    let current: unknown = root;
    for (const segment of segments) {
      // jsonpath-plus follows only own properties of truthy values, so inside a fact a string's
      // `length` and `[0]` resolve, while `[01]` is not an index (own keys are compared as text).
      if (!current || !Object.hasOwn(current as object, segment)) return undefined;
      current = (current as Record<string, unknown>)[segment];
    }
    return current;
  };
}

/** `$.a.b[0]` → `['a', 'b', '0']`; index digits stay text, as jsonpath-plus keeps them. */
function parsePath(path: string): string[] {
  if (!FactPathSchema.safeParse(path).success) {
    throw new TypeError(`unsupported path "${path}": only paths like $.name or $.list[0] are allowed`);
  }
  return Array.from(path.matchAll(PATH_SEGMENT), (match) => (match[1] ?? match[2])!);
}
