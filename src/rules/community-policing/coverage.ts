import type { CheckContext, IndexedAssignment } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { Community } from '../../model/dataset-schema.js';
import { isDateWithin } from '../../time/calendar-date.js';
import { communityEvidence } from './_lib/dataset-records.js';

/**
 * Officers a community requires (rules.md, `coverage`): `requiredOfficers`, else
 * `heavyLoadMinimum` for a heavy-load community, else 1. Shared with `replacement-first`.
 *
 * @example
 * requiredOfficers({ heavyLoad: true } as Community, 2) //=> 2
 */
export function requiredOfficers(community: Community, heavyLoadMinimum: number): number {
  return community.requiredOfficers ?? (community.heavyLoad ? heavyLoadMinimum : 1);
}

/** `coverage`: one subject per community and date of the check period. */
export const coverage: RuleFacts = {
  *subjects(context: CheckContext, options): Iterable<JudgedSubject> {
    const heavyLoadMinimum = options.heavyLoadMinimum as number;
    const byCommunity = new Map<string, IndexedAssignment[]>();
    for (const officer of context.officers.keys()) {
      for (const a of context.assignmentsOf(officer)) {
        let list = byCommunity.get(a.community);
        if (!list) byCommunity.set(a.community, (list = []));
        list.push(a);
      }
    }
    const communities = context.input.dataset.communities;
    for (let index = 0; index < communities.length; index++) {
      const community = communities[index]!;
      const required = requiredOfficers(community, heavyLoadMinimum);
      const assignments = byCommunity.get(community.id) ?? [];
      for (const date of context.periodDates) {
        const holding = assignments.filter((a) => isDateWithin(date, a.from, a.to));
        const officers = new Set(holding.map((a) => a.officer));
        yield {
          subject: { type: 'community', id: community.id },
          period: { start: date, end: date },
          facts: { assignedOfficers: officers.size, requiredOfficers: required },
          evidence: [
            communityEvidence(community, index),
            ...holding.map((a) => context.assignmentEvidence(a)),
          ],
          messageData: { community: context.label('community', community.id) },
        };
      }
    }
  },
};
