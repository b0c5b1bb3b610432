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
 * A roster-file row's cell for a reader: `四月!D7` in a worksheet, `D7` in a CSV grid; undefined
 * for an entry that came from a whole row (the long format).
 *
 * @example
 * rosterCell({ source: 'roster', file: 'r.xlsx', sheet: '四月', line: 7, cell: 'D7', index: 0, officer: 'O1', start: '…', end: '…', type: '白' }) //=> '四月!D7'
 */
export function rosterCell(row: RosterFileEvidence): string | undefined {
  if (row.cell === undefined) return row.sheet;
  return row.sheet !== undefined ? `${row.sheet}!${row.cell}` : row.cell;
}

/**
 * Where a roster-file row is, as the text report shows it: `r.csv:7`, `r.xlsx#四月!D7`,
 * `r.xlsx#四月:7` (a whole row), `r.csv:7 D7` (a cell of a CSV grid).
 *
 * @example
 * rosterPlace({ source: 'roster', file: 'r.xlsx', sheet: '四月', line: 7, cell: 'D7', index: 0, officer: 'O1', start: '…', end: '…', type: '白' }) //=> 'r.xlsx#四月!D7'
 */
export function rosterPlace(row: RosterFileEvidence): string {
  if (row.sheet !== undefined) return row.cell !== undefined ? `${row.file}#${row.sheet}!${row.cell}` : `${row.file}#${row.sheet}:${row.line ?? ''}`;
  return `${row.file}:${row.line ?? ''}${row.cell !== undefined ? ` ${row.cell}` : ''}`;
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
