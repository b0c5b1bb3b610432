import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { EstablishmentSnapshot } from '../../model/dataset-schema.js';
import type { EstablishmentEvidence } from '../../report/types.js';

/** A snapshot with its place in `establishment[]`. */
interface IndexedSnapshot {
  snapshot: EstablishmentSnapshot;
  index: number;
}

/** Each unit's snapshots in date order (one per unit and date: the input guarantees it). */
function snapshotsByUnit(context: CheckContext): Map<string, IndexedSnapshot[]> {
  const byUnit = new Map<string, IndexedSnapshot[]>();
  (context.input.dataset.establishment ?? []).forEach((snapshot, index) => {
    let list = byUnit.get(snapshot.unit);
    if (!list) byUnit.set(snapshot.unit, (list = []));
    list.push({ snapshot, index });
  });
  for (const list of byUnit.values()) list.sort((a, b) => (a.snapshot.date < b.snapshot.date ? -1 : a.snapshot.date > b.snapshot.date ? 1 : 0));
  return byUnit;
}

/** A snapshot as evidence. */
function establishmentEvidence({ snapshot, index }: IndexedSnapshot): EstablishmentEvidence {
  return { source: 'establishment', unit: snapshot.unit, date: snapshot.date, communityPosts: snapshot.communityPosts, index, path: `establishment[${index}]` };
}

/**
 * `no-post-cuts`: one subject per pair of consecutive snapshots of a unit, whatever their dates
 * (the rule is not clipped to the check period).
 */
export const noPostCuts: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    for (const [unit, snapshots] of snapshotsByUnit(context)) {
      for (let i = 1; i < snapshots.length; i++) {
        const earlier = snapshots[i - 1]!;
        const later = snapshots[i]!;
        yield {
          subject: { type: 'unit', id: unit },
          period: { start: earlier.snapshot.date, end: later.snapshot.date },
          facts: { previousPosts: earlier.snapshot.communityPosts, communityPosts: later.snapshot.communityPosts },
          evidence: [establishmentEvidence(earlier), establishmentEvidence(later)],
          messageData: { unit: context.label('unit', unit) },
        };
      }
    }
  },
};
