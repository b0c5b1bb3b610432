import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';

/**
 * `dedicated-officer`: one subject per officer and date of the check period on which the
 * officer holds an assignment; the fact is how many distinct communities those assignments
 * name (two assignments to one community are still one community). The rule file merges
 * consecutive dates with the same number into one run.
 */
export const dedicatedOfficer: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    for (const officer of context.officers.keys()) {
      for (const date of context.periodDates) {
        const holding = context.assignmentsOn(officer, date);
        if (holding.length === 0) continue;
        yield {
          subject: { type: 'officer', id: officer },
          period: { start: date, end: date },
          facts: { assignedCommunities: new Set(holding.map((a) => a.community)).size, allowedCommunities: 1 },
          evidence: holding.map((a) => context.assignmentEvidence(a)),
          messageData: { officer: context.label('officer', officer) },
        };
      }
    }
  },
};
