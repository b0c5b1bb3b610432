import type { Report } from '../report/types.js';

/**
 * The INRC-II score the `inrc2` pack adds to a report: hard constraint violations as counts,
 * soft ones as weighted costs grouped as the official validator groups them, and their total.
 */
export interface Inrc2Score {
  hard: Record<string, number>;
  soft: Record<string, number>;
  total: number;
}

/**
 * The report's `score`, when the rules that ran gave it one of the INRC-II shape.
 *
 * @example
 * reportScore({ ...report, score: { hard: { H1: 0 }, soft: { S1: 30 }, total: 30 } })?.total //=> 30
 * reportScore(report) //=> undefined (no inrc2 rules ran)
 */
export function reportScore(report: Report): Inrc2Score | undefined {
  const score = (report as Report & { score?: unknown }).score;
  if (score === null || typeof score !== 'object') return undefined;
  const { hard, soft, total } = score as unknown as Record<string, unknown>;
  if (!isCounts(hard) || !isCounts(soft) || typeof total !== 'number') return undefined;
  return { hard, soft, total };
}

/**
 * The score as one line for the text report: `Hard: H1 0, H2 0  Soft: S1 240, S2 465  Total 705`.
 * The constraint codes are the competition's (they read the same in every language); they are
 * listed in code order (H1…H4, S1…S7), whatever order the report holds them in.
 *
 * @example
 * formatInrc2Score({ hard: { H2: 1, H1: 0 }, soft: { S1: 30 }, total: 30 }) //=> 'Hard: H1 0, H2 1  Soft: S1 30  Total 30\n'
 */
export function formatInrc2Score(score: Inrc2Score): string {
  const list = (counts: Record<string, number>) =>
    Object.keys(counts)
      .sort(compareCodes)
      .map((code) => `${code} ${counts[code]}`)
      .join(', ');
  return `Hard: ${list(score.hard)}  Soft: ${list(score.soft)}  Total ${score.total}\n`;
}

function isCounts(value: unknown): value is Record<string, number> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((v) => typeof v === 'number');
}

/** `S2` before `S10`: letters, then the number. */
function compareCodes(a: string, b: string): number {
  const [, la = a, na = ''] = /^(\D*)(\d*)$/.exec(a) ?? [];
  const [, lb = b, nb = ''] = /^(\D*)(\d*)$/.exec(b) ?? [];
  if (la !== lb) return la < lb ? -1 : 1;
  if (na !== nb) return Number(na) - Number(nb);
  return a < b ? -1 : a > b ? 1 : 0;
}
