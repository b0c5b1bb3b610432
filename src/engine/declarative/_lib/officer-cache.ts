/**
 * What a measure computes once per officer (their rests, their entries that pass a filter),
 * kept for the officer being judged only while the subjects come officer by officer, as they
 * do with `officer` as the first dimension: a city's officers' values all kept for the whole
 * rule were hundreds of megabytes. An officer asked for again after another keeps every
 * officer's value from then on: whatever the order of subjects, no officer is computed more than twice.
 *
 * @example
 * const rests = new OfficerCache<Rest[]>()
 * rests.get('O1', () => restsOf('O1'))
 */
export class OfficerCache<T> {
  private lastOfficer: string | undefined;
  private lastValue: T | undefined;
  private readonly left = new Set<string>();
  private all: Map<string, T> | undefined;

  get(officer: string, make: () => T): T {
    if (this.all) {
      let value = this.all.get(officer);
      if (value === undefined) this.all.set(officer, (value = make()));
      return value;
    }
    if (officer === this.lastOfficer) return this.lastValue as T;
    if (this.left.has(officer)) {
      // Subjects that interleave officers: keep every officer's value.
      this.all = new Map();
      if (this.lastOfficer !== undefined) this.all.set(this.lastOfficer, this.lastValue as T);
      return this.get(officer, make);
    }
    if (this.lastOfficer !== undefined) this.left.add(this.lastOfficer);
    this.lastOfficer = officer;
    this.lastValue = make();
    return this.lastValue;
  }
}
