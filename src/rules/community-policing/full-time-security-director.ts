import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import { communityEvidence } from './_lib/dataset-records.js';

/**
 * `full-time-security-director`: one subject per community. An absent `securityDirector` or
 * `fullTime` becomes null, which the check (`equal false`) does not match: not checked.
 * The director's name, where given, goes to `details.securityDirector`.
 */
export const fullTimeSecurityDirector: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    const communities = context.input.dataset.communities;
    for (let index = 0; index < communities.length; index++) {
      const community = communities[index]!;
      const director = community.securityDirector;
      yield {
        subject: { type: 'community', id: community.id },
        facts: { securityDirectorFullTime: director?.fullTime ?? null },
        evidence: [communityEvidence(community, index)],
        ...(director?.name !== undefined ? { details: { securityDirector: director.name } } : {}),
        messageData: { community: context.label('community', community.id) },
      };
    }
  },
};
