import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, parseJson, parseJsonLine } from '../../src/io/_lib/json-location.js';
import { createLineIndex } from '../../src/io/_lib/line-index.js';
import { parseNdjsonRoster } from '../../src/io/read-ndjson-roster.js';
import { parseWaivers } from '../../src/report/waivers.js';
import { isDutyComplianceError } from '../../src/errors.js';

const problemsOf = (text: string) => {
  const parsed = parseJson(text, 'x.json');
  return 'problems' in parsed ? parsed.problems : [];
};

describe('JSON nested deeper than the limit', () => {
  it.each([10_000, 100_000])('%i levels of arrays: one located problem, no stack overflow', (depth) => {
    const text = `{"a":\n${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expect(problemsOf(text)).toEqual([
      { file: 'x.json', line: 2, column: MAX_JSON_DEPTH, message: `nested deeper than ${MAX_JSON_DEPTH} levels`, expected: `at most ${MAX_JSON_DEPTH} arrays and objects inside each other`, received: 'more' },
    ]);
  });

  it('an invalid text that is also too deep (unclosed): still the depth, located', () => {
    expect(problemsOf(`{"a":${'{"b":'.repeat(20_000)}`)).toMatchObject([{ line: 1, message: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('brackets inside strings do not count; the limit itself is fine', () => {
    expect(problemsOf(JSON.stringify({ note: '['.repeat(1000) }))).toEqual([]);
    expect(problemsOf(`${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`)).toEqual([]);
  });

  it('a roster line too deep: located in its line', () => {
    const r = parseNdjsonRoster(`{"officer":"O1"}\n{"attributes":${'['.repeat(5000)}${']'.repeat(5000)}}\n`, 'r.ndjson');
    expect(r.problems).toMatchObject([{ file: 'r.ndjson', line: 2, column: 15 + MAX_JSON_DEPTH - 1, message: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });

  it('JSON waivers 5,000 deep: a located config error, not a crash', () => {
    let error: unknown;
    try {
      parseWaivers(`{"waivers":${'['.repeat(5000)}${']'.repeat(5000)}}`, 'w.json');
    } catch (e) {
      error = e;
    }
    expect(isDutyComplianceError(error)).toBe(true);
    expect((error as { problems: unknown[] }).problems).toMatchObject([{ file: 'w.json', line: 1, message: `nested deeper than ${MAX_JSON_DEPTH} levels` }]);
  });
});

describe('keys that are not data', () => {
  it('a duplicate key: located at the second one, naming the first', () => {
    const text = '{\n  "waivers": [\n    { "expires": "2000-01-01",\n      "expires": "2099-12-31" }\n  ]\n}';
    expect(problemsOf(text)).toEqual([
      { file: 'x.json', line: 4, column: 7, path: 'waivers[0].expires', message: 'duplicate key (also on line 3)', expected: 'each key once in an object', received: '"expires"' },
    ]);
  });

  it('every duplicate and every __proto__ key, in text order', () => {
    const text = '{"a":1,"__proto__":{"x":1},"b":{"c":1,"c":2},"a":3}';
    expect(problemsOf(text).map((p) => [p.column, p.path, p.message])).toEqual([
      [8, '__proto__', 'a key named "__proto__" is not data'],
      [39, 'b.c', 'duplicate key (also on line 1)'],
      [46, 'a', 'duplicate key (also on line 1)'],
    ]);
  });

  it('a roster line with a duplicate key', () => {
    expect(parseJsonLine('{"officer":"O1","officer":"O2"}', 'r.ndjson', 7)).toEqual({
      problems: [{ file: 'r.ndjson', line: 7, column: 17, path: 'officer', message: 'duplicate key (also in this line)', expected: 'each key once in an object', received: '"officer"' }],
    });
  });
});

describe('messages that say what was found', () => {
  it('1e400 is a number out of range, not "null"', () => {
    expect(problemsOf('{"rules": {"x": ["error", {"minHalfDays": 1e400}]}}')).toEqual([
      { file: 'x.json', line: 1, column: 43, path: 'rules.x[1].minHalfDays', message: 'number out of range', expected: 'a number a double can hold (at most 1.7976931348623157e308 in size)', received: '1e400' },
    ]);
  });

  it('a null roster line is "null", not "object"', () => {
    expect(parseNdjsonRoster('null\n', 'r.ndjson').problems).toEqual([{ file: 'r.ndjson', line: 1, message: 'a roster line must be one JSON object', expected: 'an object', received: 'null' }]);
  });
});

describe('createLineIndex', () => {
  it('counts LF, CRLF and lone CR as one line break each', () => {
    const index = createLineIndex('a\nb\r\nc\rd');
    expect([0, 2, 3, 5, 7].map((o) => index.locate(o))).toEqual([
      { line: 1, column: 1 },
      { line: 2, column: 1 },
      { line: 2, column: 2 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
    ]);
  });
});
