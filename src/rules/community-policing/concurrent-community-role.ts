import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { Officer } from '../../model/dataset-schema.js';
import type { RecordEvidence } from '../../report/types.js';

/** An officer with its place in the dataset's `officers[]`. */
export interface IndexedOfficer {
  officer: Officer;
  index: number;
}

/**
 * The officers who are community officers on the check period's last date, in input order:
 * the organisation rules judge the state on that date (rules.md). Shared with `mobile-terminal`.
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

/** Labels of the communities the officer is assigned to on `date`, each once, in assignment order. */
function assignedCommunities(context: CheckContext, officer: string, date: string): string {
  const ids = [...new Set(context.assignmentsOn(officer, date).map((a) => a.community))];
  return ids.map((id) => context.label('community', id)).join(', ');
}

/**
 * `concurrent-community-role`: one subject per community officer on the period's last date.
 * An absent `partyMember` becomes null, which neither check matches: such officers are not checked.
 */
export const concurrentCommunityRole: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    for (const indexed of communityOfficersOnLastDate(context)) {
      const { officer } = indexed;
      yield {
        subject: { type: 'officer', id: officer.id },
        facts: { partyMember: officer.partyMember ?? null, communityRoles: officer.communityRoles ?? [] },
        evidence: [officerEvidence(indexed)],
        messageData: {
          officer: context.label('officer', officer.id),
          communities: assignedCommunities(context, officer.id, context.period.end),
        },
      };
    }
  },
};
