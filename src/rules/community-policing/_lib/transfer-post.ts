import type { CheckContext, IndexedAssignment } from '../../../engine/check-context.js';
import type { Transfer } from '../../../model/dataset-schema.js';
import type { TransferEvidence } from '../../../report/types.js';
import { addCalendarDays, type CalendarDate } from '../../../time/calendar-date.js';

/**
 * The community post a transfer request takes an officer out of (docs/rules/README.md, `five-year-tenure`,
 * shared with `replacement-first`).
 */
export interface TransferPost {
  community: string;
  /** The assignment that holds on the day before the effective date. */
  assignment: IndexedAssignment;
  /** The unbroken chain of assignments to the community that ends in `assignment`, earliest first. */
  chain: IndexedAssignment[];
  /** The start of that chain: when the tenure began. */
  tenureStart: CalendarDate;
}

/** A transfer request with its place in `transfers[]`. */
export interface IndexedTransfer {
  transfer: Transfer;
  index: number;
}

/** Every transfer request of the dataset, with its index. */
export function transfersOf(context: CheckContext): IndexedTransfer[] {
  return (context.input.dataset.transfers ?? []).map((transfer, index) => ({ transfer, index }));
}

/**
 * The post a request leaves: the officer's assignment holding on the day before `effectiveDate`
 * (to `fromCommunity` where given; of several, the latest `from`, then the first listed). With
 * none, the request is not a community officer's and the transfer rules do not apply to it.
 *
 * @example
 * postOf(context, { id: 'T1', officer: 'O1', effectiveDate: '2017-06-01' })?.tenureStart //=> '2013-09-01'
 */
export function postOf(context: CheckContext, transfer: Transfer): TransferPost | undefined {
  const dayBefore = addCalendarDays(transfer.effectiveDate, -1);
  let assignment: IndexedAssignment | undefined;
  for (const a of context.assignmentsOn(transfer.officer, dayBefore)) {
    if (transfer.fromCommunity !== undefined && a.community !== transfer.fromCommunity) continue;
    if (assignment === undefined || a.from > assignment.from) assignment = a;
  }
  if (assignment === undefined) return undefined;
  const chain = chainEndingIn(context.assignmentsOf(transfer.officer), assignment);
  return { community: assignment.community, assignment, chain, tenureStart: chain[0]!.from };
}

/**
 * The assignments to the same community that join `last` without a gap, going back in time:
 * back-to-back (the next `from` is the day after the previous `to`) or overlapping ones are one
 * post. Earliest first; `last` is always in it.
 */
function chainEndingIn(assignments: readonly IndexedAssignment[], last: IndexedAssignment): IndexedAssignment[] {
  const sameCommunity = assignments.filter((a) => a.community === last.community && a !== last);
  const chain = [last];
  let start = last.from;
  // Repeat until no earlier assignment reaches the chain's start: each one found moves it back.
  for (let grown = true; grown; ) {
    grown = false;
    for (const a of sameCommunity) {
      if (chain.includes(a) || a.from >= start) continue;
      if (a.to === undefined || a.to >= addCalendarDays(start, -1)) {
        chain.push(a);
        start = a.from;
        grown = true;
      }
    }
  }
  return chain.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.index - b.index));
}

/**
 * A request as evidence: its id and its place in `transfers[]`.
 *
 * @example
 * transferEvidence({ transfer, index: 0 }) //=> { source: 'transfer', id: 'T1', index: 0, path: 'transfers[0]' }
 */
export function transferEvidence({ transfer, index }: IndexedTransfer): TransferEvidence {
  return { source: 'transfer', id: transfer.id, index, path: `transfers[${index}]` };
}
