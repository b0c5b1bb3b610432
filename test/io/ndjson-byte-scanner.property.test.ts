import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { byteHash, RosterLineBytes } from '../../src/io/_lib/ndjson-byte-scanner.js';
import { scanCommonRosterLine } from '../../src/io/_lib/ndjson-line-scanner.js';

/**
 * The byte scanner must read a line exactly as decoding it and scanning the text does: the same
 * object (keys in the same order) for a line of the common shape, nothing for any other. Lines are
 * roster lines as exporters write them, then broken: bytes dropped, replaced or added, among them
 * bytes that are no UTF-8 (a GBK export mislabelled, a sequence cut short).
 */
const text = fc.oneof(
  fc.constantFrom('O1', 'O00001', '2017-04-05T08:30', '社区工作', '', 'C 1', '所内值班', '𠀀', '\u00e9', 'a"b', 'a\\b', '\u0001', '\u2028'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'grapheme', maxLength: 4 }),
);
const orderedLine = fc
  .record({ officer: text, start: text, end: text, type: text, community: text, note: text }, { requiredKeys: ['officer', 'start', 'end', 'type'] })
  .map((r) => Buffer.from(JSON.stringify(r)));
// Single bytes that matter to the scanner, and ones no UTF-8 text has.
const oddByte = fc.constantFrom(0x22, 0x5c, 0x7d, 0x2c, 0x20, 0x01, 0x1f, 0x0d, 0x80, 0xbf, 0xc3, 0xe4, 0xf0, 0xff, 0x61);
const mutated = fc.tuple(orderedLine, fc.array(fc.tuple(fc.nat(), oddByte, fc.nat({ max: 2 })), { minLength: 1, maxLength: 3 })).map(([line, edits]) => {
  let bytes = line;
  for (const [at, byte, drop] of edits) {
    const i = at % (bytes.length + 1);
    bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from([byte]), bytes.subarray(Math.min(bytes.length, i + drop))]);
  }
  return bytes;
});
const someLine = fc.oneof(orderedLine, orderedLine, mutated, mutated, mutated);

describe('RosterLineBytes.scan agrees with decoding the line and scanCommonRosterLine', () => {
  it('gives the same object, keys in the same order, or nothing where the text scanner gives nothing (read inside a longer buffer)', () => {
    let accepted = 0;
    let rejected = 0;
    // One scanner for every run: its shared texts must never give one line's text to another.
    const scanner = new RosterLineBytes();
    fc.assert(
      fc.property(someLine, fc.constantFrom('', 'x', '\n', '{"officer":"'), fc.constantFrom('', '"}', '\n', 'x'), (line, before, after) => {
        const bytes = Buffer.concat([Buffer.from(before), line, Buffer.from(after)]);
        const scanned = scanner.scan(bytes, before.length, before.length + line.length);
        const decoded = line.toString('utf8');
        const expected = scanCommonRosterLine(decoded, 0, decoded.length);
        if (expected === undefined) {
          rejected++;
          expect(scanned).toBeUndefined();
          return;
        }
        accepted++;
        expect(scanned).toEqual(expected);
        expect(Object.keys(scanned!)).toEqual(Object.keys(expected));
      }),
      { numRuns: 20_000, seed: 20261203 },
    );
    // The grammar must reach both outcomes often enough for the property to mean something.
    expect(accepted).toBeGreaterThan(3000);
    expect(rejected).toBeGreaterThan(3000);
  });

  it('hands the same string object for the same text on every line, and U+FFFD for bytes that are no UTF-8', () => {
    const scanner = new RosterLineBytes();
    const line = (officer: string, type: Buffer) =>
      Buffer.concat([Buffer.from(`{"officer":"${officer}","start":"2017-04-05T08:00","end":"2017-04-05T12:00","type":"`), type, Buffer.from('"}')]);
    const a = line('O1', Buffer.from('社区工作'));
    const b = line('O1', Buffer.from('社区工作'));
    const first = scanner.scan(a, 0, a.length)!;
    const second = scanner.scan(b, 0, b.length)!;
    expect(second).toEqual(first);
    expect(second.type).toBe(first.type);
    expect(second.start).toBe(first.start);
    const broken = line('O2', Buffer.from([0xe7, 0xa4, 0xbe, 0xe5, 0x8c]));
    expect(scanner.scan(broken, 0, broken.length)).toEqual({ officer: 'O2', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: '社\uFFFD' });
  });

  it('still reads lines right once it keeps no more texts (a unique note on every line)', () => {
    const scanner = new RosterLineBytes();
    for (let i = 0; i < 70_000; i++) {
      const note = `n${i}`;
      const bytes = Buffer.from(JSON.stringify({ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: 'x', note }));
      const row = scanner.scan(bytes, 0, bytes.length);
      if (row?.note !== note) expect(row).toEqual({ officer: 'O1', start: '2017-04-05T08:00', end: '2017-04-05T12:00', type: 'x', note });
    }
  });

  it('gives each text its own string when two texts share a hash', () => {
    // Officer ids of the same 32-bit hash, found by the birthday paradox: a pair of one length, and one of two.
    const seen = new Map<number, string>();
    let sameLength: [string, string] | undefined;
    let otherLength: [string, string] | undefined;
    let seed = 1;
    const letter = () => String.fromCharCode(97 + ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 16) % 26);
    for (let i = 0; i < 600_000 && !(sameLength && otherLength); i++) {
      let id = 'K';
      for (let k = i % 2 === 0 ? 6 : 7; k > 0; k--) id += letter();
      const bytes = Buffer.from(id);
      const h = byteHash(bytes, 0, bytes.length);
      const other = seen.get(h);
      if (other === undefined) seen.set(h, id);
      else if (other === id) continue;
      else if (other.length === id.length) sameLength ??= [other, id];
      else otherLength ??= [other, id];
    }
    expect(sameLength).toBeDefined();
    expect(otherLength).toBeDefined();
    const scanner = new RosterLineBytes();
    for (const officer of [...sameLength!, ...otherLength!, ...sameLength!, ...otherLength!]) {
      const bytes = Buffer.from(`{"officer":"${officer}","start":"s","end":"e","type":"t"}`);
      expect(scanner.scan(bytes, 0, bytes.length)?.officer).toBe(officer);
    }
  });
});
