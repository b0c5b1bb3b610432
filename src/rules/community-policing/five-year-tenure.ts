import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import { addCalendarYears, daysBetween } from '../../time/calendar-date.js';
import { postOf, transferEvidence, transfersOf } from './_lib/transfer-post.js';

/**
 * `five-year-tenure`: one subject per transfer request out of a community post, whatever its
 * date. The conditions compare the tenure with its `minYears`-th anniversary; an exception
 * turns the finding into a warning (the rule file's first check).
 */
export const fiveYearTenure: RuleFacts = {
  *subjects(context, options): Iterable<JudgedSubject> {
    const minYears = options.minYears as number;
    for (const indexed of transfersOf(context)) {
      const { transfer } = indexed;
      const post = postOf(context, transfer);
      if (post === undefined) continue;
      // addCalendarYears puts a 29 February start's anniversary on 28 February.
      const anniversary = addCalendarYears(post.tenureStart, minYears);
      const messageData: Record<string, string> = {
        officer: context.label('officer', transfer.officer),
        community: context.label('community', post.community),
      };
      if (transfer.exception) {
        messageData.approvedBy = transfer.exception.approvedBy;
        messageData.reference = transfer.exception.reference;
      }
      yield {
        subject: { type: 'transfer', id: transfer.id },
        period: { start: transfer.effectiveDate, end: transfer.effectiveDate },
        facts: {
          tenureStart: post.tenureStart,
          anniversary,
          tenureDays: daysBetween(post.tenureStart, transfer.effectiveDate),
          anniversaryTenureDays: daysBetween(post.tenureStart, anniversary),
          hasException: transfer.exception !== undefined,
        },
        evidence: [transferEvidence(indexed), ...post.chain.map((a) => context.assignmentEvidence(a))],
        details: { community: post.community, tenureStart: post.tenureStart },
        messageData,
      };
    }
  },
};
