import type { Problem } from '../../errors.js';
import type { Dataset } from '../dataset-schema.js';

/** Partly-read data: an element that failed its schema keeps only its well-formed fields. */
type Partly<T> = T extends readonly (infer E)[] ? readonly (Partly<E> | undefined)[] : T extends object ? { readonly [K in keyof T]?: Partly<T[K]> } : T;

/** The dataset as far as it could be read. */
export type PartlyReadDataset = Partly<Omit<Dataset, 'roster'>>;

/**
 * Problems of references between the dataset's records: duplicate ids, unknown ids, ranges that
 * end before they start, a unit that is its own ancestor. Elements that failed their schema are
 * `undefined` here and skipped (their problems are already reported).
 */
export function findReferenceProblems(dataset: PartlyReadDataset, file: string | undefined): Problem[] {
  const problems: Problem[] = [];
  // A field that could not be read has its own problem already: nothing to resolve.
  const unknown = (path: string, what: string, list: string, value: string | undefined) =>
    value !== undefined &&
    problems.push({ file, path, message: `unknown ${what}`, expected: `the id of a ${what} in ${list}`, received: JSON.stringify(value) });

  const unitIds = idsOf(dataset.units ?? [], 'units', 'unit', file, problems);
  const communityIds = idsOf(dataset.communities ?? [], 'communities', 'community', file, problems);
  const officerIds = idsOf(dataset.officers ?? [], 'officers', 'officer', file, problems);
  const units = dataset.units ?? [];
  idsOf(dataset.transfers ?? [], 'transfers', 'transfer', file, problems);
  idsOf(dataset.policeRooms ?? [], 'policeRooms', 'police room', file, problems);

  units.forEach((u, i) => {
    if (u?.parent !== undefined && !unitIds.has(u.parent)) unknown(`units[${i}].parent`, 'unit', 'units[]', u.parent);
  });
  const parents = new Map(units.map((u) => [u?.id, u?.parent]));
  units.forEach((u, i) => {
    if (u?.id === undefined) return;
    const seen = new Set<string>([u.id]);
    for (let p = u.parent; p !== undefined; p = parents.get(p)) {
      if (seen.has(p)) {
        problems.push({ file, path: `units[${i}].parent`, message: 'the unit is its own ancestor through parent', expected: 'a parent chain that ends', received: JSON.stringify(u.parent) });
        break;
      }
      seen.add(p);
    }
  });

  (dataset.communities ?? []).forEach((c, i) => {
    if (c?.unit !== undefined && !unitIds.has(c.unit)) unknown(`communities[${i}].unit`, 'unit', 'units[]', c.unit);
  });

  const badges = new Map<string, number>();
  (dataset.officers ?? []).forEach((o, i) => {
    if (!o) return;
    if (o.unit !== undefined && !unitIds.has(o.unit)) unknown(`officers[${i}].unit`, 'unit', 'units[]', o.unit);
    if (o.badge !== undefined) {
      const first = badges.get(o.badge);
      if (first !== undefined) {
        problems.push({ file, path: `officers[${i}].badge`, message: `duplicate badge (also officers[${first}])`, expected: 'a badge no other officer has', received: JSON.stringify(o.badge) });
      } else badges.set(o.badge, i);
    }
    o.assignments?.forEach((a, j) => {
      if (!a) return;
      const path = `officers[${i}].assignments[${j}]`;
      if (a.community !== undefined && !communityIds.has(a.community)) unknown(`${path}.community`, 'community', 'communities[]', a.community);
      if (a.to !== undefined && a.from !== undefined && a.to < a.from) {
        problems.push({ file, path: `${path}.to`, message: 'the assignment ends before it starts', expected: `a date on or after ${a.from}`, received: JSON.stringify(a.to) });
      }
    });
  });

  const snapshots = new Map<string, number>();
  (dataset.establishment ?? []).forEach((s, i) => {
    if (!s) return;
    if (s.unit !== undefined && !unitIds.has(s.unit)) unknown(`establishment[${i}].unit`, 'unit', 'units[]', s.unit);
    if (s.unit === undefined || s.date === undefined) return;
    const key = `${s.unit}\u0000${s.date}`;
    const first = snapshots.get(key);
    if (first !== undefined) {
      problems.push({ file, path: `establishment[${i}]`, message: `a second snapshot of unit ${s.unit} on ${s.date} (also establishment[${first}])`, expected: 'one snapshot per unit and date', received: `communityPosts ${s.communityPosts}` });
    } else snapshots.set(key, i);
  });

  (dataset.transfers ?? []).forEach((t, i) => {
    if (!t) return;
    if (t.officer !== undefined && !officerIds.has(t.officer)) unknown(`transfers[${i}].officer`, 'officer', 'officers[]', t.officer);
    if (t.fromCommunity !== undefined && !communityIds.has(t.fromCommunity)) unknown(`transfers[${i}].fromCommunity`, 'community', 'communities[]', t.fromCommunity);
    if (t.replacement?.officer !== undefined && !officerIds.has(t.replacement.officer)) unknown(`transfers[${i}].replacement.officer`, 'officer', 'officers[]', t.replacement.officer);
  });

  (dataset.policeRooms ?? []).forEach((r, i) => {
    r?.communities?.forEach((c, j) => {
      if (c !== undefined && !communityIds.has(c)) unknown(`policeRooms[${i}].communities[${j}]`, 'community', 'communities[]', c);
    });
  });

  (dataset.nonNormalDuty ?? []).forEach((n, i) => {
    if (!n) return;
    if (n.start !== undefined && n.end !== undefined && n.end < n.start) problems.push({ file, path: `nonNormalDuty[${i}].end`, message: 'the period ends before it starts', expected: `a date on or after ${n.start}`, received: JSON.stringify(n.end) });
    n.units?.forEach((u, j) => {
      if (u !== undefined && !unitIds.has(u)) unknown(`nonNormalDuty[${i}].units[${j}]`, 'unit', 'units[]', u);
    });
  });

  if (dataset.period?.start !== undefined && dataset.period.end !== undefined && dataset.period.end < dataset.period.start) {
    problems.push({ file, path: 'period.end', message: 'the period ends before it starts', expected: `a date on or after ${dataset.period.start}`, received: JSON.stringify(dataset.period.end) });
  }
  return problems;
}

function idsOf(
  list: readonly ({ readonly id?: string } | undefined)[],
  key: string,
  what: string,
  file: string | undefined,
  problems: Problem[],
): Set<string> {
  const first = new Map<string, number>();
  list.forEach((item, i) => {
    if (item?.id === undefined) return;
    const seen = first.get(item.id);
    if (seen !== undefined) {
      problems.push({ file, path: `${key}[${i}].id`, message: `duplicate ${what} id (also ${key}[${seen}])`, expected: `an id no other ${what} has`, received: JSON.stringify(item.id) });
    } else first.set(item.id, i);
  });
  return new Set(first.keys());
}
