import type { CheckContext } from '../../../engine/check-context.js';
import type { Officer } from '../../../model/dataset-schema.js';
import type { RecordEvidence } from '../../../report/types.js';

/** An officer with its place in the dataset's `officers[]`. */
export interface IndexedOfficer {
  officer: Officer;
  index: number;
}

/**
 * The officers who are community officers on the check period's last date, in input order:
 * the organisation rules judge the state on that date (rules.md).
 */
export function communityOfficersOnLastDate(context: CheckContext): IndexedOfficer[] {
  const lastDate = context.period.end;
  return context.input.dataset.officers
    .map((officer, index) => ({ officer, index }))
    .filter(({ officer }) => context.isCommunityOfficer(officer.id, lastDate));
}

/** The officer's record as evidence (`officers[3]`). */
export function officerEvidence({ officer, index }: IndexedOfficer): RecordEvidence {
  return { source: 'officer', id: officer.id, index, path: `officers[${index}]` };
}

/** A community's record as evidence (`communities[2]`). */
export function communityEvidence(community: { id: string }, index: number): RecordEvidence {
  return { source: 'community', id: community.id, index, path: `communities[${index}]` };
}
