/**
 * The values of the last few keys asked, the least recently asked forgotten first: what a check
 * keeps of an officer (their entries made from the roster's columns) while the officer is
 * judged, without keeping every officer's for the whole check.
 *
 * @example
 * const lists = new RecentCache<string, number[]>(2)
 * lists.get('O1', () => [1]) //=> [1]
 */
export class RecentCache<K, V> {
  private readonly values = new Map<K, V>();
  private lastKey: K | undefined;
  private lastValue: V | undefined;

  constructor(private readonly size: number) {}

  get(key: K, make: () => V): V {
    // The same key as the last call (a subject after another of one officer): no map touched.
    if (key === this.lastKey && this.lastValue !== undefined) return this.lastValue;
    let value = this.values.get(key);
    if (value !== undefined) {
      // Most recently asked last: the first key is the one to forget.
      this.values.delete(key);
      this.values.set(key, value);
    } else {
      value = make();
      this.values.set(key, value);
      if (this.values.size > this.size) this.values.delete(this.values.keys().next().value as K);
    }
    this.lastKey = key;
    this.lastValue = value;
    return value;
  }
}
