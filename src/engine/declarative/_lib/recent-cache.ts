/**
 * The values of the last few keys asked, the least recently asked forgotten first: what a check
 * keeps of an officer (their entries made from the roster's columns) while the officer is
 * judged, without keeping every officer's for the whole check. A key asked again after it was
 * forgotten means the keys come interleaved (a rule over the roster in date order): from then on
 * every value is kept, so that none is made more than twice.
 *
 * @example
 * const lists = new RecentCache<string, number[]>(2)
 * lists.get('O1', () => [1]) //=> [1]
 */
export class RecentCache<K, V> {
  private values = new Map<K, V>();
  private readonly forgotten = new Set<K>();
  private keepAll = false;
  private lastKey: K | undefined;
  private lastValue: V | undefined;

  constructor(private readonly size: number) {}

  get(key: K, make: () => V): V {
    // The same key as the last call (a subject after another of one officer): no map touched.
    if (key === this.lastKey && this.lastValue !== undefined) return this.lastValue;
    let value = this.values.get(key);
    if (value === undefined) value = this.set(key, make());
    else if (!this.keepAll) {
      // Most recently asked last: the first key is the one to forget.
      this.values.delete(key);
      this.values.set(key, value);
    }
    this.lastKey = key;
    this.lastValue = value;
    return value;
  }

  /** Keeps `value` for `key` (in place of any value it had). */
  set(key: K, value: V): V {
    if (!this.keepAll && this.forgotten.has(key)) this.keepAll = true;
    this.values.delete(key);
    this.values.set(key, value);
    if (!this.keepAll && this.values.size > this.size) {
      const oldest = this.values.keys().next().value as K;
      this.values.delete(oldest);
      this.forgotten.add(oldest);
    }
    if (key === this.lastKey) this.lastValue = value;
    return value;
  }

  /** The value kept for `key`, if any (not counted as asked). */
  peek(key: K): V | undefined {
    return this.values.get(key);
  }
}
