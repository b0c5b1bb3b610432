import { describe, expect, it } from 'vitest';
import { OfficerCache } from '../../src/engine/declarative/_lib/officer-cache.js';

describe('OfficerCache', () => {
  const counting = () => {
    const made: string[] = [];
    const cache = new OfficerCache<string>();
    return { made, get: (o: string) => cache.get(o, () => (made.push(o), `value of ${o}`)) };
  };

  it('computes each officer once when the subjects come officer by officer', () => {
    const { made, get } = counting();
    for (const o of ['O1', 'O1', 'O1', 'O2', 'O2', 'O3']) expect(get(o)).toBe(`value of ${o}`);
    expect(made).toEqual(['O1', 'O2', 'O3']);
  });

  it('keeps every officer once an officer is asked for again after another', () => {
    const { made, get } = counting();
    for (const o of ['O1', 'O2', 'O1', 'O2', 'O3', 'O1', 'O3', 'O2']) expect(get(o)).toBe(`value of ${o}`);
    // O1 is made a second time when it comes back, then never again.
    expect(made).toEqual(['O1', 'O2', 'O1', 'O3']);
  });
});
