import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayOf, jsonChunks } from '../../src/format/_lib/json-chunks.js';

const joined = (value: unknown) => [...jsonChunks(value)].join('');

/** JSON-like values with the shapes the streaming takes apart: long arrays, arrays in objects, nesting. */
const jsonish = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 2 }), tie('array'), tie('object'), fc.constant(undefined), fc.date({ noInvalidDate: true })),
  array: fc.oneof(fc.array(tie('value'), { maxLength: 8 }), fc.array(fc.oneof(fc.jsonValue({ maxDepth: 1 }), tie('object')), { minLength: 65, maxLength: 150 })),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 6 }),
}));

describe('jsonChunks: JSON.stringify(value, null, 2) in pieces', () => {
  it('joined, the chunks are exactly JSON.stringify with two-space indentation', () => {
    fc.assert(
      fc.property(jsonish.value, (value) => {
        expect(joined(value)).toBe(JSON.stringify(value, null, 2) ?? 'null');
      }),
      { numRuns: 100 },
    );
  });

  it('a report-shaped value: large arrays inside objects inside arrays, strings with line breaks', () => {
    const subject = (i: number) => ({ type: 'officer', id: `O${i}\n"x"`, facts: { n: i, ok: i % 2 === 0, none: null, gone: undefined } });
    const report = {
      tool: { name: 't', version: '1' },
      rules: [
        { id: 'a', subjects: Array.from({ length: 1000 }, (_, i) => subject(i)), judged: [] },
        { id: 'b', subjects: [subject(1)] },
      ],
      violations: Array.from({ length: 3000 }, (_, i) => ({ ruleId: 'a', details: {}, evidence: [{ line: i }, { path: `officers[${i}]` }] })),
      empty: {},
    };
    const chunks = [...jsonChunks(report)];
    expect(chunks.join('')).toBe(JSON.stringify(report, null, 2));
    // Written in pieces, none far above the chunk size.
    expect(chunks.length).toBeGreaterThanOrEqual(Math.floor(chunks.join('').length / (2 * 65_536)));
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * 65_536);
  });

  it('a JsonArrayOf is written as the array of its items, made one at a time', () => {
    let made = 0;
    const items = function* () {
      for (let i = 0; i < 5000; i++) {
        made++;
        yield { i, tags: [String(i)] };
      }
    };
    const chunks = jsonChunks({ results: new JsonArrayOf(items()), after: [new JsonArrayOf([])] });
    const first = chunks.next();
    expect(first.done).toBe(false);
    // The first chunk came before every item was made.
    expect(made).toBeLessThan(5000);
    const rest = [...chunks];
    const expected = { results: Array.from({ length: 5000 }, (_, i) => ({ i, tags: [String(i)] })), after: [[]] };
    expect([first.value, ...rest].join('')).toBe(JSON.stringify(expected, null, 2));
    expect(JSON.stringify({ r: new JsonArrayOf([1, 2]) })).toBe('{"r":[1,2]}');
  });
});
