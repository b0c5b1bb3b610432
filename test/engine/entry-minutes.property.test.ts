import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unionEntryMinutesWithin } from '../../src/engine/declarative/_lib/entry-minutes.js';
import { unionMinutesWithin } from '../../src/time/intervals.js';

const MINUTE = 60_000;
// Entries of whole minutes in a 2-day span, some overlapping, touching, equal, or outside the window.
const entry = fc.tuple(fc.integer({ min: 0, max: 2880 }), fc.integer({ min: 1, max: 900 })).map(([start, length]) => ({ startInstant: start * MINUTE, endInstant: (start + length) * MINUTE }));
const window = fc.tuple(fc.integer({ min: 0, max: 2880 }), fc.integer({ min: 0, max: 1440 })).map(([start, length]) => ({ start: start * MINUTE, end: (start + length) * MINUTE }));

describe('unionEntryMinutesWithin (the windows measure’s sweep) agrees with unionMinutesWithin', () => {
  it('on entries in start order, whatever their ends', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), window, (entries, w) => {
        const sorted = [...entries].sort((a, b) => a.startInstant - b.startInstant);
        const reference = unionMinutesWithin(sorted.map((e) => ({ start: e.startInstant, end: e.endInstant })), w);
        expect(unionEntryMinutesWithin(sorted, w)).toBe(reference);
      }),
      { numRuns: 3000 },
    );
  });
});
