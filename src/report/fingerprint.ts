import { createHash } from 'node:crypto';
import type { DatePeriod, Subject } from './types.js';

/**
 * The stable hash of a violation's identity (ruleId, subject.type, subject.id, period.start):
 * never of a line number or message, so it survives edits elsewhere in the input.
 *
 * @example
 * violationFingerprint('community-policing/coverage', { type: 'community', id: 'C001' }, { start: '2017-04-03', end: '2017-04-09' })
 * //=> a 16-hex-digit string, the same on every run and machine
 */
export function violationFingerprint(ruleId: string, subject: Subject, period: DatePeriod | undefined): string {
  // A JSON array cannot be ambiguous the way joined strings can (ids may contain any separator).
  const identity = JSON.stringify([ruleId, subject.type, subject.id, period?.start ?? null]);
  return createHash('sha256').update(identity).digest('hex').slice(0, 16);
}
