import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Evidence, RosterEvidence, Violation } from '../../report/types.js';

/** A roster entry that came from a roster file, so it has a place a CI tool can point at. */
export type RosterFileEvidence = RosterEvidence & { file: string };

/**
 * The roster rows behind a violation that came from roster files, in evidence order: the first
 * is where CI formats put the finding.
 */
export function rosterFileEvidence(violation: Violation): RosterFileEvidence[] {
  return violation.evidence.filter((e): e is RosterFileEvidence => e.source === 'roster' && e.file !== undefined);
}

/**
 * Where a piece of evidence sits inside the dataset document, as a JSON path: its own `path`,
 * or `roster[i]` for an entry of the dataset's own roster (those come first in the combined
 * roster, so the combined index is their index there). Undefined for roster-file rows (they
 * have a file and line instead) and for evidence that is no element of the input (half-days).
 *
 * @example
 * evidenceJsonPath({ source: 'roster', index: 2, officer: 'O1', start: '…', end: '…', type: '所内值班' }) //=> 'roster[2]'
 */
export function evidenceJsonPath(evidence: Evidence): string | undefined {
  if (evidence.source === 'roster') return evidence.file === undefined ? `roster[${evidence.index}]` : undefined;
  return 'path' in evidence && evidence.path !== '' ? evidence.path : undefined;
}

/** The JSON path of the first evidence of a violation that has one. */
export function firstJsonPath(violation: Violation): string | undefined {
  for (const e of violation.evidence) {
    const path = evidenceJsonPath(e);
    if (path !== undefined) return path;
  }
  return undefined;
}

/**
 * `file` relative to `cwd`, with forward slashes whatever the platform, as CI tools expect.
 * Stays absolute (forward slashes) when no relative path exists (another Windows drive).
 *
 * @example
 * pathFromCwd('/repo/data/roster.csv', '/repo') //=> 'data/roster.csv'
 */
export function pathFromCwd(file: string, cwd: string): string {
  const absolute = resolve(cwd, file);
  const fromCwd = relative(cwd, absolute);
  return (isAbsolute(fromCwd) ? absolute : fromCwd).split(sep).join('/');
}
