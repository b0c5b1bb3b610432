import type { CheckContext } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import { communityOfficersOnLastDate, officerEvidence } from './_lib/dataset-records.js';

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
