import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanPlainRosterLine } from '../../src/io/_lib/ndjson-line-scanner.js';
import { parseJsonLine } from '../../src/io/_lib/json-location.js';

/**
 * The NDJSON fast path must never accept a line differently from the generic path: whatever
 * the scanner accepts, JSON.parse and parseJsonLine (with its checks) give the same object, with
 * the same keys in the same order. Lines are drawn from a grammar close to roster lines, with
 * the mistakes and the JSON the scanner must leave to the generic path.
 */
const KEYS = ['officer', 'start', 'end', 'type', 'community', 'id', 'note', 'attributes', '__proto__', 'constructor', 'Officer', 'officer '];
const space = fc.constantFrom('', '', '', ' ', '  ', '\t', '\r', ' \t ');
const text = fc.oneof(
  fc.constantFrom('O1', '2017-04-05T08:30', '社区工作', '', 'C 1', '所内值班', '年休假', '𠀀', '\u00e9'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
// A JSON string literal: mostly as JSON.stringify writes it (escapes included), sometimes raw text.
const stringLiteral = fc.oneof(
  text.map((t) => JSON.stringify(t)),
  text.map((t) => JSON.stringify(t)),
  text.map((t) => `"${t}"`),
  fc.constantFrom('"a\\u0031"', '"\\n"', '"\\"q\\""', '"\\/"'),
);
const value = fc.oneof(
  { weight: 8, arbitrary: stringLiteral },
  { weight: 1, arbitrary: fc.constantFrom('1', '-0', '1e400', 'true', 'false', 'null', '[]', '{}', '{"a":"b"}', '["x"]', '"unterminated', '01') },
);
const member = fc.tuple(space, fc.oneof(fc.constantFrom(...KEYS).map((k) => JSON.stringify(k)), stringLiteral), space, fc.constantFrom(':', ':', ':', ''), space, value, space);
const line = fc
  .tuple(space, fc.constantFrom('{', '{', '{', '[', ''), fc.array(member, { maxLength: 8 }), fc.constantFrom(',', ',', ',', ', ', ''), fc.constantFrom('}', '}', '}', '},', '', '}}'), fc.constantFrom('', '', ',', ' ', 'x', ','))
  .map(([lead, open, members, sep, close, tail]) => `${lead}${open}${members.map((m) => m.join('')).join(sep)}${close}${tail}`);

// Well-formed roster lines as exporters write them (JSON.stringify of string fields), escapes included.
const plainLine = fc
  .uniqueArray(fc.tuple(fc.constantFrom('officer', 'start', 'end', 'type', 'community', 'id', 'note'), text), { selector: ([k]) => k, maxLength: 7 })
  .map((pairs) => JSON.stringify(Object.fromEntries(pairs)));
const anyLine = fc.oneof(line, plainLine);

describe('scanPlainRosterLine agrees with JSON.parse and parseJsonLine', () => {
  it('whatever it accepts, both give the same object, keys in the same order', () => {
    let accepted = 0;
    fc.assert(
      fc.property(anyLine, (l) => {
        const scanned = scanPlainRosterLine(l);
        if (scanned === undefined) return;
        accepted++;
        const parsed = JSON.parse(l) as Record<string, unknown>;
        expect(scanned).toEqual(parsed);
        expect(Object.keys(scanned)).toEqual(Object.keys(parsed));
        const checked = parseJsonLine(l, 'r.ndjson', 1);
        expect('problems' in checked).toBe(false);
        if ('value' in checked) expect(scanned).toEqual(checked.value);
      }),
      { numRuns: 20_000 },
    );
    // The grammar must reach the fast path often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('leaves to the generic path what it must judge: duplicates, __proto__, escapes, other values, unknown keys', () => {
    for (const l of [
      '{"officer":"O1","officer":"O2"}',
      '{"__proto__":"x"}',
      '{"officer":"O\\u0031"}',
      '{"officer":1}',
      '{"officer":"O1","attributes":{"a":"b"}}',
      '{"officer":"O1","extra":"x"}',
      '{"officer":"O1",}',
      '{"officer":"O1"} x',
      '{"officer":"O1","type":"a","type":"b"}',
      '{"id":"aaaa","id":""}',
      '["officer"]',
      '{"officer":"O\u0001"}',
    ]) {
      expect(scanPlainRosterLine(l), l).toBeUndefined();
    }
    // Whitespace between tokens is left to the generic path too (exporters write none).
    expect(scanPlainRosterLine(' {"officer" : "O1" ,"type":"社区工作"}')).toBeUndefined();
    expect(scanPlainRosterLine('{"officer":"O1","type":"社区工作"}')).toEqual({ officer: 'O1', type: '社区工作' });
    expect(scanPlainRosterLine('{}')).toEqual({});
  });
});
