import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unchangedThrough } from '../../src/engine/declarative/_lib/unchanged-through.js';
import { addCalendarDays } from '../../src/time/calendar-date.js';

const day = (n: number) => addCalendarDays('2017-01-01', n);
const span = fc.tuple(fc.integer({ min: 0, max: 60 }), fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined })).map(([start, length]) => ({
  start: day(start),
  ...(length === undefined ? {} : { end: day(start + length) }),
}));

/** Which spans hold on a date, as a string to compare. */
const holding = (spans: readonly { start: string; end?: string }[], date: string) => spans.map((s) => (date >= s.start && (s.end === undefined || date <= s.end) ? '1' : '0')).join('');

describe('unchangedThrough', () => {
  it('is the last date on which the same spans hold, by brute force', () => {
    fc.assert(
      fc.property(fc.array(span, { maxLength: 6 }), fc.integer({ min: 0, max: 90 }), (spans, from) => {
        const date = day(from);
        const last = unchangedThrough(date, spans, (x) => x.start, (x) => x.end);
        const today = holding(spans, date);
        // Through `last` (or the horizon of the test when nothing changes) the same spans hold…
        const through = last ?? day(120);
        expect(through >= date).toBe(true);
        for (let d = date; d <= through; d = addCalendarDays(d, 1)) expect(holding(spans, d)).toBe(today);
        // …and the day after, something has changed.
        if (last !== undefined) expect(holding(spans, addCalendarDays(last, 1))).not.toBe(today);
      }),
    );
  });

  it('says the day before a span starts, or the last day of one that holds', () => {
    const from = (a: { from: string; to?: string }) => a.from;
    const to = (a: { from: string; to?: string }) => a.to;
    expect(unchangedThrough('2017-03-01', [{ from: '2017-01-01', to: '2017-03-10' }, { from: '2017-03-20' }], from, to)).toBe('2017-03-10');
    expect(unchangedThrough('2017-03-01', [{ from: '2017-03-05' }], from, to)).toBe('2017-03-04');
    expect(unchangedThrough('2017-03-01', [{ from: '2017-01-01' }, { from: '2016-01-01', to: '2016-02-01' }], from, to)).toBeUndefined();
  });
});
