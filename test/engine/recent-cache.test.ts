import { describe, expect, it } from 'vitest';
import { RecentCache } from '../../src/engine/declarative/_lib/recent-cache.js';

/** What a check keeps of the officers asked last: bounded while officers come one by one, never thrashing when they interleave. */
describe('RecentCache', () => {
  it('keeps the last few keys while keys come one after another, each value made once', () => {
    const cache = new RecentCache<number, number[]>(2);
    const made: number[] = [];
    const get = (k: number) => cache.get(k, () => (made.push(k), [k]));
    for (const k of [1, 1, 2, 2, 3, 3, 4]) get(k);
    expect(made).toEqual([1, 2, 3, 4]);
    // The same value while its key is kept.
    expect(get(4)).toBe(get(4));
    expect(cache.peek(1)).toBeUndefined();
    expect(cache.peek(3)).toEqual([3]);
  });

  it('makes no value more than twice when keys interleave (a roster in date order)', () => {
    const cache = new RecentCache<number, number[]>(2);
    const made = new Map<number, number>();
    for (let round = 0; round < 50; round++) {
      for (let k = 0; k < 10; k++) cache.get(k, () => (made.set(k, (made.get(k) ?? 0) + 1), [k]));
    }
    expect(Math.max(...made.values())).toBeLessThanOrEqual(2);
  });

  it('takes a value set in place of the one a key had', () => {
    const cache = new RecentCache<string, string>(1);
    cache.get('a', () => 'first');
    cache.set('a', 'second');
    expect(cache.get('a', () => 'made')).toBe('second');
  });
});
