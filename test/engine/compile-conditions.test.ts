import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileConditions } from '../../src/engine/_lib/compile-conditions.js';
import {
  createReferenceEvaluator,
  evaluateWithJsonRulesEngine,
} from '../../src/engine/_lib/reference-evaluator.js';
import {
  OPERATORS,
  TopLevelConditionSchema,
  type ConditionProperties,
  type FactMap,
  type NestedCondition,
  type OperatorName,
  type TopLevelCondition,
} from '../../src/engine/conditions-schema.js';

/** A run either decides, or fails (the engine rejects; the compiled form throws). */
type Outcome = boolean | 'error';

function compiledOutcome(conditions: TopLevelCondition, facts: FactMap): Outcome {
  try {
    return compileConditions(conditions)(facts);
  } catch {
    return 'error';
  }
}

async function referenceOutcome(conditions: TopLevelCondition, facts: FactMap): Promise<Outcome> {
  try {
    return await evaluateWithJsonRulesEngine(conditions, facts);
  } catch {
    return 'error';
  }
}

const one = (condition: NestedCondition): TopLevelCondition => ({ all: [condition] });
const shared = [1];

interface Case {
  name: string;
  conditions: TopLevelCondition;
  facts: FactMap;
  expected: Outcome;
}

const CASES: Case[] = [
  // equal / notEqual: strict ===
  { name: 'equal, same number', conditions: one({ fact: 'a', operator: 'equal', value: 1 }), facts: { a: 1 }, expected: true },
  { name: 'equal is strict: "1" is not 1', conditions: one({ fact: 'a', operator: 'equal', value: 1 }), facts: { a: '1' }, expected: false },
  { name: 'equal: a missing fact is not null', conditions: one({ fact: 'a', operator: 'equal', value: null }), facts: {}, expected: false },
  { name: 'equal: null fact', conditions: one({ fact: 'a', operator: 'equal', value: null }), facts: { a: null }, expected: true },
  { name: 'equal: arrays compare by identity', conditions: one({ fact: 'a', operator: 'equal', value: [1] }), facts: { a: [1] }, expected: false },
  { name: 'equal: even the very same array is not equal (the engine clones conditions)', conditions: one({ fact: 'a', operator: 'equal', value: shared }), facts: { a: shared }, expected: false },
  { name: 'notEqual: missing fact vs null', conditions: one({ fact: 'a', operator: 'notEqual', value: null }), facts: {}, expected: true },
  { name: 'notEqual: same string', conditions: one({ fact: 'a', operator: 'notEqual', value: 'x' }), facts: { a: 'x' }, expected: false },
  // numeric operators: the fact must read as a number (parseFloat), the value is not checked
  { name: 'lessThan', conditions: one({ fact: 'a', operator: 'lessThan', value: 2 }), facts: { a: 1 }, expected: true },
  { name: 'lessThan, equal values', conditions: one({ fact: 'a', operator: 'lessThan', value: 2 }), facts: { a: 2 }, expected: false },
  { name: 'lessThanInclusive', conditions: one({ fact: 'a', operator: 'lessThanInclusive', value: 2 }), facts: { a: 2 }, expected: true },
  { name: 'greaterThan', conditions: one({ fact: 'a', operator: 'greaterThan', value: 2 }), facts: { a: 3 }, expected: true },
  { name: 'greaterThanInclusive', conditions: one({ fact: 'a', operator: 'greaterThanInclusive', value: 2 }), facts: { a: 1 }, expected: false },
  { name: 'lessThan: a word is no number', conditions: one({ fact: 'a', operator: 'lessThan', value: 100 }), facts: { a: 'abc' }, expected: false },
  { name: 'greaterThan: nor is a word', conditions: one({ fact: 'a', operator: 'greaterThan', value: -100 }), facts: { a: 'abc' }, expected: false },
  { name: 'lessThan: a numeric string passes and is coerced', conditions: one({ fact: 'a', operator: 'lessThan', value: 2 }), facts: { a: '1' }, expected: true },
  { name: 'lessThan: "12abc" passes the check, then compares as NaN', conditions: one({ fact: 'a', operator: 'lessThan', value: 100 }), facts: { a: '12abc' }, expected: false },
  { name: 'lessThan: a one-number array passes and is coerced', conditions: one({ fact: 'a', operator: 'lessThan', value: 5 }), facts: { a: [3] }, expected: true },
  { name: 'lessThan: a string value is coerced', conditions: one({ fact: 'a', operator: 'lessThan', value: '10' }), facts: { a: 5 }, expected: true },
  { name: 'greaterThanInclusive: true is no number', conditions: one({ fact: 'a', operator: 'greaterThanInclusive', value: 0 }), facts: { a: true }, expected: false },
  { name: 'lessThan: null is no number', conditions: one({ fact: 'a', operator: 'lessThan', value: 1 }), facts: { a: null }, expected: false },
  { name: 'lessThan: a missing fact', conditions: one({ fact: 'a', operator: 'lessThan', value: 1 }), facts: {}, expected: false },
  { name: 'greaterThan: a missing fact', conditions: one({ fact: 'a', operator: 'greaterThan', value: 1 }), facts: {}, expected: false },
  // in / notIn: value.indexOf(fact)
  { name: 'in an array', conditions: one({ fact: 'a', operator: 'in', value: ['x', 'y'] }), facts: { a: 'y' }, expected: true },
  { name: 'in an array, absent', conditions: one({ fact: 'a', operator: 'in', value: ['x', 'y'] }), facts: { a: 'z' }, expected: false },
  { name: 'in a string is a substring test', conditions: one({ fact: 'a', operator: 'in', value: 'cabd' }), facts: { a: 'ab' }, expected: true },
  { name: 'in a string: a missing fact searches "undefined"', conditions: one({ fact: 'a', operator: 'in', value: 'is undefined' }), facts: {}, expected: true },
  { name: 'notIn an array', conditions: one({ fact: 'a', operator: 'notIn', value: ['x'] }), facts: { a: 'z' }, expected: true },
  { name: 'notIn: a missing fact', conditions: one({ fact: 'a', operator: 'notIn', value: ['x'] }), facts: {}, expected: true },
  { name: 'in a referenced array', conditions: one({ fact: 'a', operator: 'in', value: { fact: 'b' } }), facts: { a: 2, b: [1, 2] }, expected: true },
  { name: 'in a missing referenced fact fails the run', conditions: one({ fact: 'a', operator: 'in', value: { fact: 'b' } }), facts: { a: 2 }, expected: 'error' },
  {
    name: 'a failing condition fails the run even after any is decided',
    conditions: { any: [{ fact: 'a', operator: 'equal', value: 1 }, { not: { fact: 'a', operator: 'notIn', value: { fact: 'b' } } }] },
    facts: { a: 1, b: 7 },
    expected: 'error',
  },
  // contains / doesNotContain: the fact must be an array
  { name: 'contains', conditions: one({ fact: 'a', operator: 'contains', value: 2 }), facts: { a: [1, 2] }, expected: true },
  { name: 'contains: a string fact is not searched', conditions: one({ fact: 'a', operator: 'contains', value: 'a' }), facts: { a: 'abc' }, expected: false },
  { name: 'doesNotContain', conditions: one({ fact: 'a', operator: 'doesNotContain', value: 3 }), facts: { a: [1, 2] }, expected: true },
  { name: 'doesNotContain: a missing fact is false', conditions: one({ fact: 'a', operator: 'doesNotContain', value: 3 }), facts: {}, expected: false },
  // fact references and paths
  { name: 'fact reference', conditions: one({ fact: 'a', operator: 'equal', value: { fact: 'b' } }), facts: { a: 3, b: 3 }, expected: true },
  { name: 'fact reference with a path', conditions: one({ fact: 'a', operator: 'lessThan', value: { fact: 'limits', path: '$.max' } }), facts: { a: 3, limits: { max: 4 } }, expected: true },
  { name: 'missing fact reference', conditions: one({ fact: 'a', operator: 'equal', value: { fact: 'b' } }), facts: {}, expected: true },
  { name: 'path into objects and arrays', conditions: one({ fact: 'o', path: '$.list[1].x', operator: 'equal', value: 'hit' }), facts: { o: { list: [{}, { x: 'hit' }] } }, expected: true },
  { name: 'path to nowhere is undefined', conditions: one({ fact: 'o', path: '$.a.b', operator: 'notEqual', value: null }), facts: { o: { a: null } }, expected: true },
  { name: 'path to nowhere is not null', conditions: one({ fact: 'o', path: '$.a.b', operator: 'equal', value: null }), facts: { o: { a: 1 } }, expected: false },
  { name: 'path on a missing fact', conditions: one({ fact: 'o', path: '$.a', operator: 'equal', value: null }), facts: {}, expected: false },
  { name: 'path on a number gives the number itself', conditions: one({ fact: 'o', path: '$.a', operator: 'equal', value: 5 }), facts: { o: 5 }, expected: true },
  { name: 'path on a string fact gives the string itself', conditions: one({ fact: 'o', path: '$.length', operator: 'equal', value: 'abc' }), facts: { o: 'abc' }, expected: true },
  { name: 'path into a string inside a fact does resolve', conditions: one({ fact: 'o', path: '$.s.length', operator: 'equal', value: 3 }), facts: { o: { s: 'abc' } }, expected: true },
  { name: 'path into an empty string does not resolve (jsonpath-plus skips falsy values)', conditions: one({ fact: 'o', path: '$.s.length', operator: 'equal', value: 0 }), facts: { o: { s: '' } }, expected: false },
  { name: 'path $ is the whole fact', conditions: one({ fact: 'o', path: '$', operator: 'contains', value: 1 }), facts: { o: [1] }, expected: true },
  { name: 'path [01] is not index 1', conditions: one({ fact: 'o', path: '$[01]', operator: 'equal', value: 'b' }), facts: { o: ['a', 'b'] }, expected: false },
  { name: 'path reads own properties only', conditions: one({ fact: 'o', path: '$.constructor', operator: 'equal', value: null }), facts: { o: {} }, expected: false },
  { name: 'facts are own properties only', conditions: one({ fact: 'toString', operator: 'notEqual', value: null }), facts: {}, expected: true },
  { name: 'a fact named "" fails the run', conditions: { all: [] }, facts: { '': 1 }, expected: 'error' },
  // all / any / not
  { name: 'empty all is true', conditions: { all: [] }, facts: {}, expected: true },
  { name: 'empty any is true too (json-rules-engine)', conditions: { any: [] }, facts: {}, expected: true },
  { name: 'not of empty any is false', conditions: { not: { any: [] } }, facts: {}, expected: false },
  { name: 'not', conditions: { not: { fact: 'a', operator: 'equal', value: 1 } }, facts: { a: 1 }, expected: false },
  {
    name: 'nested all / any / not',
    conditions: {
      all: [
        { any: [{ fact: 'a', operator: 'equal', value: 9 }, { fact: 'b', operator: 'in', value: ['x'] }] },
        { not: { all: [{ fact: 'a', operator: 'greaterThan', value: 0 }, { fact: 'c', operator: 'equal', value: true }] } },
      ],
    },
    facts: { a: 1, b: 'x', c: false },
    expected: true,
  },
  {
    name: 'nested any, none true',
    conditions: { any: [{ all: [{ fact: 'a', operator: 'equal', value: 1 }, { fact: 'b', operator: 'equal', value: 2 }] }, { not: { any: [] } }] },
    facts: { a: 1, b: 3 },
    expected: false,
  },
];

describe('compileConditions: hand-written cases', () => {
  it.each(CASES)('$name', async ({ conditions, facts, expected }) => {
    expect(TopLevelConditionSchema.safeParse(conditions).success).toBe(true);
    expect(await referenceOutcome(conditions, facts)).toBe(expected);
    expect(compiledOutcome(conditions, facts)).toBe(expected);
  });

  it('refuses, when compiling, what would fail every run or lies outside the subset', () => {
    expect(() => compileConditions(one({ fact: 'a', operator: 'in', value: 5 }))).toThrow(/needs an array or a string/);
    expect(() => compileConditions(one({ fact: 'a', operator: 'equal', value: 1, path: '$..a' }))).toThrow(/unsupported path/);
    const unknown = { all: [{ fact: 'a', operator: 'everyFact:equal', value: 1 }] } as unknown as TopLevelCondition;
    expect(() => compileConditions(unknown)).toThrow(/unsupported operator/);
  });

  it('is not affected by later edits to the conditions', () => {
    const conditions = { all: [{ fact: 'a', operator: 'in', value: ['x'] }] } satisfies TopLevelCondition;
    const evaluate = compileConditions(conditions);
    conditions.all[0]!.value.push('y');
    expect(evaluate({ a: 'y' })).toBe(false);
  });
});

// --- property test --------------------------------------------------------------------------------

const FACT_NAMES = ['a', 'b', 'obj', 'list'] as const;
const factName = fc.constantFrom(...FACT_NAMES, 'missing');
const path = fc
  .array(fc.constantFrom('.x', '.y', '.length', '.fact', '[0]', '[1]', '[00]'), { maxLength: 3 })
  .map((segments) => `$${segments.join('')}`);

// Literal values are JSON (the schema allows no NaN or Infinity); few distinct values, so they meet.
const scalar = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.double({ min: -20, max: 20, noNaN: true }),
  fc.constantFrom('', 'a', 'b', 'ab', '1', '2', '10', '2x', 'undefined', 'null', '1,2'),
  fc.boolean(),
  fc.constant(null),
);
const array = fc.array(fc.oneof({ arbitrary: scalar, weight: 4 }, fc.array(scalar, { maxLength: 2 })), { maxLength: 3 });
const literal = fc.oneof({ arbitrary: scalar, weight: 3 }, array);
const factReference = fc.record({ fact: factName, path }, { requiredKeys: ['fact'] });

// Fact values are JSON-like data (plain objects: a null-prototype object is no JSON and breaks the
// engine's own coercions), plus what computed facts can hold: NaN, ±Infinity, -0, undefined.
const { factValue } = fc.letrec((tie) => ({
  factValue: fc.oneof(
    { maxDepth: 3 },
    scalar,
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, undefined),
    fc.array(tie('factValue'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('x', 'y', 'length', 'fact', '0', '1'), tie('factValue'), { maxKeys: 3, noNullPrototype: true }),
  ),
}));
const facts: fc.Arbitrary<FactMap> = fc.record(
  {
    a: factValue,
    b: factValue,
    obj: fc.dictionary(fc.constantFrom('x', 'y', 'length', 'fact'), factValue, { maxKeys: 3, noNullPrototype: true }),
    list: fc.array(factValue, { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

const SEARCHING: readonly OperatorName[] = ['in', 'notIn'];
const comparison: fc.Arbitrary<ConditionProperties> = fc.oneof(
  fc.record(
    {
      fact: factName,
      operator: fc.constantFrom(...OPERATORS.filter((operator) => !SEARCHING.includes(operator))),
      value: fc.oneof({ arbitrary: literal, weight: 3 }, factReference),
      path,
    },
    { requiredKeys: ['fact', 'operator', 'value'] },
  ),
  // in/notIn fail the run unless the value is an array or a string; the rule-file schema refuses
  // other literals, so only fact references (which may still be missing) can fail here.
  fc.record(
    {
      fact: factName,
      operator: fc.constantFrom(...SEARCHING),
      value: fc.oneof(
        { arbitrary: array, weight: 6 },
        { arbitrary: fc.constantFrom('', 'a', 'ab', '1,2', 'undefined'), weight: 2 },
        { arbitrary: factReference.map((reference) => ({ ...reference, fact: 'list' })), weight: 2 },
        { arbitrary: factReference, weight: 1 },
      ),
      path,
    },
    { requiredKeys: ['fact', 'operator', 'value'] },
  ),
);

function nested(depth: number): fc.Arbitrary<NestedCondition> {
  if (depth === 0) return comparison;
  const inner = nested(depth - 1);
  return fc.oneof(
    { arbitrary: comparison, weight: 3 },
    fc.record({ all: fc.array(inner, { maxLength: 3 }) }),
    fc.record({ any: fc.array(inner, { maxLength: 3 }) }),
    fc.record({ not: inner }),
  );
}

// The root and at most three levels of all/any/not below it.
const conditions: fc.Arbitrary<TopLevelCondition> = fc.oneof(
  fc.record({ all: fc.array(nested(2), { maxLength: 4 }) }),
  fc.record({ any: fc.array(nested(2), { maxLength: 4 }) }),
  fc.record({ not: nested(2) }),
);

describe('compileConditions agrees with json-rules-engine', () => {
  it('on arbitrary conditions and fact maps', async () => {
    const seen: Record<string, number> = { true: 0, false: 0, error: 0 };
    await fc.assert(
      fc.asyncProperty(conditions, facts, async (c, f) => {
        expect(TopLevelConditionSchema.safeParse(c).success).toBe(true);
        const expected = await referenceOutcome(c, f);
        expect(compiledOutcome(c, f)).toBe(expected);
        seen[String(expected)]! += 1;
      }),
      { numRuns: 1000 },
    );
    // Guard against a vacuous property: every outcome must actually be exercised.
    expect(seen.true).toBeGreaterThan(100);
    expect(seen.false).toBeGreaterThan(100);
    expect(seen.error).toBeGreaterThan(10);
  });

  it('with one compiled predicate and one reusable engine over many fact maps, called at once', async () => {
    await fc.assert(
      fc.asyncProperty(conditions, fc.array(facts, { minLength: 1, maxLength: 6 }), async (c, factMaps) => {
        let evaluate: ((f: FactMap) => boolean) | undefined;
        try {
          evaluate = compileConditions(c);
        } catch {
          evaluate = undefined;
        }
        const reference = createReferenceEvaluator(c);
        const expected = await Promise.all(
          factMaps.map((f) => reference(f).then((result): Outcome => result, (): Outcome => 'error')),
        );
        const actual = factMaps.map((f): Outcome => {
          if (!evaluate) return 'error';
          try {
            return evaluate(f);
          } catch {
            return 'error';
          }
        });
        expect(actual).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('createReferenceEvaluator', () => {
  it('gives the right answer when calls overlap (one Engine, shared run status)', async () => {
    const evaluate = createReferenceEvaluator(one({ fact: 'a', operator: 'equal', value: 1 }));
    for (let delay = 0; delay < 60; delay += 1) {
      const first = evaluate({ a: 1 });
      for (let tick = 0; tick < delay; tick += 1) await null;
      expect(await evaluate({ a: 1 })).toBe(true);
      expect(await first).toBe(true);
    }
  });

  it('keeps working after a failed run', async () => {
    const evaluate = createReferenceEvaluator(one({ fact: 'a', operator: 'in', value: { fact: 'b' } }));
    await expect(evaluate({ a: 1 })).rejects.toThrow();
    expect(await evaluate({ a: 1, b: [1] })).toBe(true);
  });
});

describe('the rule-file schema', () => {
  it('refuses in/notIn with a literal that is not an array or a string (json-rules-engine would fail every run)', () => {
    expect(TopLevelConditionSchema.safeParse(one({ fact: 'a', operator: 'in', value: 5 })).success).toBe(false);
    expect(TopLevelConditionSchema.safeParse(one({ fact: 'a', operator: 'notIn', value: null })).success).toBe(false);
    expect(TopLevelConditionSchema.safeParse(one({ fact: 'a', operator: 'in', value: { fact: 'b' } })).success).toBe(true);
  });
});
