import type { CheckContext, IndexedAssignment } from '../../engine/check-context.js';
import type { JudgedSubject, RuleFacts } from '../../engine/rule-module.js';
import type { Transfer } from '../../model/dataset-schema.js';
import type { Evidence } from '../../report/types.js';
import { addCalendarDays, type CalendarDate } from '../../time/calendar-date.js';
import { requiredOfficers } from './_lib/required-officers.js';
import { postOf, transferEvidence, transfersOf, type IndexedTransfer, type TransferPost } from './_lib/transfer-post.js';

/**
 * A community's requirement "as in `coverage`" (docs/rules/README.md): coverage's `heavyLoadMinimum` as
 * configured, whether or not coverage itself is switched on.
 */
function heavyLoadMinimumOf(context: CheckContext): number {
  return context.optionsOf('community-policing/coverage').heavyLoadMinimum as number;
}

/** A request out of a community post, with its replacement's arrival where it has one. */
interface RequestOut extends IndexedTransfer {
  post: TransferPost;
  arrival?: CalendarDate;
  /** The replacement's assignment the arrival was taken from (no `arrivalDate`). */
  arrivalAssignment?: IndexedAssignment;
}

/** An officer arriving at or leaving a community on a date, as the staffing replay sees it. */
interface Movement {
  date: CalendarDate;
  officer: string;
  arrives: boolean;
}

/** Every request that is a community officer's (it has a post), with its replacement's arrival. */
function requestsOut(context: CheckContext): RequestOut[] {
  const requests: RequestOut[] = [];
  for (const indexed of transfersOf(context)) {
    const post = postOf(context, indexed.transfer);
    if (post === undefined) continue;
    requests.push({ ...indexed, post, ...replacementArrival(context, indexed.transfer, post.community) });
  }
  return requests;
}

/**
 * The replacement's arrival: its `arrivalDate`, else the `from` of its assignment to the
 * community that holds on the effective date (of several, the latest). None: not arrived.
 */
function replacementArrival(context: CheckContext, transfer: Transfer, community: string): { arrival?: CalendarDate; arrivalAssignment?: IndexedAssignment } {
  const replacement = transfer.replacement;
  if (replacement === undefined) return {};
  if (replacement.arrivalDate !== undefined) return { arrival: replacement.arrivalDate };
  let assignment: IndexedAssignment | undefined;
  for (const a of context.assignmentsOn(replacement.officer, transfer.effectiveDate)) {
    if (a.community === community && (assignment === undefined || a.from > assignment.from)) assignment = a;
  }
  return assignment ? { arrival: assignment.from, arrivalAssignment: assignment } : {};
}

/** Whether `a` comes before `b`: an earlier effective date, or the same date and a smaller id. */
function isEarlier(a: Transfer, b: Transfer): boolean {
  return a.effectiveDate < b.effectiveDate || (a.effectiveDate === b.effectiveDate && a.id < b.id);
}

/** The first other request out of any community that names the same replacement before this one. */
function earlierRequestSharing(request: RequestOut, requests: readonly RequestOut[]): RequestOut | undefined {
  const replacement = request.transfer.replacement?.officer;
  if (replacement === undefined) return undefined;
  let first: RequestOut | undefined;
  for (const other of requests) {
    if (other === request || other.transfer.replacement?.officer !== replacement) continue;
    if (!isEarlier(other.transfer, request.transfer)) continue;
    if (first === undefined || isEarlier(other.transfer, first.transfer)) first = other;
  }
  return first;
}

/**
 * The community's staffing movements: each officer's assignments to it (back-to-back or
 * overlapping ones joined, so an officer is in from the first `from` to the day after the last
 * `to`), every request out of it (its officer leaves on the effective date) and every
 * replacement named by such a request (in from its arrival).
 */
function movementsOf(community: string, requests: readonly RequestOut[], assignedTo: AssignmentsByCommunity): Movement[] {
  const movements: Movement[] = [];
  for (const [officer, assignments] of assignedTo.get(community) ?? []) {
    for (const stint of joinedStints(assignments)) {
      movements.push({ date: stint.from, officer, arrives: true });
      if (stint.to !== undefined) movements.push({ date: addCalendarDays(stint.to, 1), officer, arrives: false });
    }
  }
  for (const r of requests) {
    if (r.post.community !== community) continue;
    movements.push({ date: r.transfer.effectiveDate, officer: r.transfer.officer, arrives: false });
    if (r.transfer.replacement && r.arrival !== undefined) movements.push({ date: r.arrival, officer: r.transfer.replacement.officer, arrives: true });
  }
  // Date order; on one date arrivals first, so a departure effective that date wins.
  return movements.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(b.arrives) - Number(a.arrives)));
}

/** Each community's officers (in the dataset's order) with their assignments to it (in theirs). */
type AssignmentsByCommunity = Map<string, [officer: string, assignments: IndexedAssignment[]][]>;

/**
 * The officers' assignments by community, made once per check: the staffing of each community
 * with a request was found by filtering every officer's assignments, which at national scale
 * (55,000 officers, 1,300 requests) was 85 s of the check.
 */
function assignmentsByCommunity(context: CheckContext): AssignmentsByCommunity {
  const byCommunity: AssignmentsByCommunity = new Map();
  for (const officer of context.officers.keys()) {
    const own = new Map<string, IndexedAssignment[]>();
    for (const a of context.assignmentsOf(officer)) {
      let list = own.get(a.community);
      if (!list) own.set(a.community, (list = []));
      list.push(a);
    }
    for (const [community, assignments] of own) {
      let officers = byCommunity.get(community);
      if (!officers) byCommunity.set(community, (officers = []));
      officers.push([officer, assignments]);
    }
  }
  return byCommunity;
}

/** Assignments to one community as continuous stints: overlapping or back-to-back ones joined. */
function joinedStints(assignments: readonly IndexedAssignment[]): { from: CalendarDate; to?: CalendarDate }[] {
  const sorted = [...assignments].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const stints: { from: CalendarDate; to?: CalendarDate }[] = [];
  for (const a of sorted) {
    const last = stints[stints.length - 1];
    if (last && (last.to === undefined || a.from <= addCalendarDays(last.to, 1))) {
      if (last.to !== undefined && (a.to === undefined || a.to > last.to)) last.to = a.to;
    } else {
      stints.push(a.to === undefined ? { from: a.from } : { from: a.from, to: a.to });
    }
  }
  return stints;
}

/** Officers in the community on `date` after replaying every movement on or before it (each once). */
function officersOn(movements: readonly Movement[], date: CalendarDate): number {
  const present = new Set<string>();
  for (const m of movements) {
    if (m.date > date) break;
    if (m.arrives) present.add(m.officer);
    else present.delete(m.officer);
  }
  return present.size;
}

/**
 * `replacement-first`: one subject per transfer request out of a community post, whatever its
 * date. The facts answer the four questions of docs/rules/README.md; the rule file's checks, in order,
 * report the first that fails.
 */
export const replacementFirst: RuleFacts = {
  *subjects(context): Iterable<JudgedSubject> {
    const requests = requestsOut(context);
    const movementsByCommunity = new Map<string, Movement[]>();
    const assignedTo = requests.length > 0 ? assignmentsByCommunity(context) : new Map();
    for (const request of requests) {
      const { transfer, post } = request;
      const community = post.community;
      let movements = movementsByCommunity.get(community);
      if (!movements) movementsByCommunity.set(community, (movements = movementsOf(community, requests, assignedTo)));
      const replacement = transfer.replacement?.officer;
      const sharing = earlierRequestSharing(request, requests);
      const officers = officersOn(movements, transfer.effectiveDate);
      const required = requiredOfficers(context.communities.get(community)!, heavyLoadMinimumOf(context));

      const details: Record<string, unknown> = { community };
      const messageData: Record<string, string> = {
        officer: context.label('officer', transfer.officer),
        community: context.label('community', community),
      };
      if (replacement !== undefined) {
        details.replacement = replacement;
        messageData.replacement = context.label('officer', replacement);
      }
      if (request.arrival !== undefined) details.replacementArrival = request.arrival;
      if (sharing) details.sharedWith = messageData.sharedWith = sharing.transfer.id;
      details.officersOnEffectiveDate = officers;
      details.requiredOfficers = required;

      const evidence: Evidence[] = [transferEvidence(request), context.assignmentEvidence(post.assignment)];
      if (request.arrivalAssignment) evidence.push(context.assignmentEvidence(request.arrivalAssignment));
      if (sharing) evidence.push(transferEvidence(sharing));

      yield {
        subject: { type: 'transfer', id: transfer.id },
        period: { start: transfer.effectiveDate, end: transfer.effectiveDate },
        facts: {
          hasReplacement: replacement !== undefined,
          replacementArrived: request.arrival !== undefined && request.arrival <= transfer.effectiveDate,
          sharedWithEarlierRequest: sharing !== undefined,
          officersOnEffectiveDate: officers,
          requiredOfficers: required,
        },
        evidence,
        details,
        messageData,
      };
    }
  },
};
