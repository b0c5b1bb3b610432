import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanCommonRosterLine, scanPlainRosterLine } from '../../src/io/_lib/ndjson-line-scanner.js';
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

// Lines of the order exporters write (officer, start, end, type, then community and note), with
// text that needs escapes, and the same lines broken: a character dropped, replaced or added.
const orderedLine = fc
  .record({ officer: text, start: text, end: text, type: text, community: text, note: text }, { requiredKeys: ['officer', 'start', 'end', 'type'] })
  .map((r) => JSON.stringify(r));
const mutated = fc
  .tuple(orderedLine, fc.nat(), fc.constantFrom('', '"', '\\', '}', ',', ' ', '\u0001', 'x', ':'), fc.nat({ max: 1 }))
  .map(([l, at, c, drop]) => {
    const i = at % (l.length + 1);
    return l.slice(0, i) + c + l.slice(i + drop);
  });
const someLine = fc.oneof(orderedLine, orderedLine, mutated, mutated, anyLine);

describe('scanCommonRosterLine agrees with JSON.parse and scanPlainRosterLine', () => {
  it('whatever it accepts (read inside a longer text), JSON.parse gives the same object, keys in the same order', () => {
    let accepted = 0;
    fc.assert(
      fc.property(someLine, fc.constantFrom('', 'x', '\n', '{"officer":"'), fc.constantFrom('', '"}', '\n', 'x'), (l, before, after) => {
        const scanned = scanCommonRosterLine(before + l + after, before.length, before.length + l.length);
        if (scanned === undefined) return;
        accepted++;
        const parsed = JSON.parse(l) as Record<string, unknown>;
        expect(scanned).toEqual(parsed);
        expect(Object.keys(scanned)).toEqual(Object.keys(parsed));
        // The generic path would have taken it too, with the same object.
        expect(scanPlainRosterLine(l)).toEqual(scanned);
      }),
      { numRuns: 20_000 },
    );
    expect(accepted).toBeGreaterThan(2000);
  });

  it('leaves other orders, escapes, whitespace and trailing text to the generic path', () => {
    const base = '{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"社区工作"';
    expect(scanCommonRosterLine(`${base}}`, 0, base.length + 1)).toEqual({ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社区工作' });
    for (const l of [
      `${base},"note":"n","community":"C1"}`,
      `${base},"id":"E1"}`,
      `${base} }`,
      `${base}}x`,
      `${base},"note":"a\\u0031"}`,
      '{"start":"2017-04-05T08:00","officer":"O1","end":"2017-04-05T12:00","type":"x"}',
      '{"officer":"O1","start":"2017-04-05T08:00","end":"2017-04-05T12:00"}',
    ]) {
      expect(scanCommonRosterLine(l, 0, l.length), l).toBeUndefined();
    }
  });
});
