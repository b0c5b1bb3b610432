import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import { communityOfficersOnLastDate, officerEvidence } from './_lib/dataset-records.js';

/**
 * `mobile-terminal`: one subject per community officer on the period's last date. An absent
 * `mobileTerminal` becomes null, which the check (`equal false`) does not match: not checked.
 */
export const mobileTerminal: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    for (const indexed of communityOfficersOnLastDate(context)) {
      const { officer } = indexed;
      yield {
        subject: { type: 'officer', id: officer.id },
        facts: { mobileTerminal: officer.mobileTerminal ?? null },
        evidence: [officerEvidence(indexed)],
        messageData: { officer: context.label('officer', officer.id) },
      };
    }
  },
};
