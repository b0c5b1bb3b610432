import type { Report, Score, Violation } from './types.js';

/** Where a rule's violations count in a score: its level and group (a rule file's `score`). */
export interface ScoredRule {
  level: 'hard' | 'soft';
  group: string;
}

/**
 * The score of a check whose rules declare `score` groups, as a benchmark's validator prints it:
 * each hard group the sum of its violations' amounts (a count), each soft group the sum of their
 * costs (weight × amount), `total` the sum of the soft groups. Every group of a rule that ran is
 * present, 0 when nothing was found; groups in name order. Undefined when no rule is scored.
 * Waived and baselined violations still count: the score describes the roster, not the review.
 *
 * @example
 * scoreOf(report.violations, new Map([['inrc2/single-assignment', { level: 'hard', group: 'H1' }]]))?.hard.H1 //=> 0
 */
export function scoreOf(violations: readonly Violation[], scored: ReadonlyMap<string, ScoredRule>): Score | undefined {
  if (scored.size === 0) return undefined;
  const hard = new Map<string, number>();
  const soft = new Map<string, number>();
  for (const { level, group } of scored.values()) (level === 'hard' ? hard : soft).set(group, 0);
  for (const v of violations) {
    const rule = scored.get(v.ruleId);
    if (!rule || !v.penalty) continue;
    const groups = rule.level === 'hard' ? hard : soft;
    groups.set(rule.group, groups.get(rule.group)! + (rule.level === 'hard' ? v.penalty.amount : v.penalty.cost));
  }
  const ordered = (m: Map<string, number>) => Object.fromEntries([...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const softGroups = ordered(soft);
  return { hard: ordered(hard), soft: softGroups, total: Object.values(softGroups).reduce((a, b) => a + b, 0) };
}

/** The report with its score as the last field, where its rules declare one. */
export function withScore(report: Report, scored: ReadonlyMap<string, ScoredRule>): Report {
  const score = scoreOf(report.violations, scored);
  return score ? { ...report, score } : report;
}
