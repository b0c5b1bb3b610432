import { describe, expect, it } from 'vitest';
import { formatInrc2Score, reportScore } from '../../src/inrc2/score-text.js';
import type { Report } from '../../src/report/types.js';

const REPORT: Report = {
  tool: { name: 'duty-compliance', version: '0.0.0' },
  period: { start: '2024-01-01', end: '2024-01-28' },
  checked: { units: 1, communities: 0, officers: 5, rosterEntries: 103, transfers: 0 },
  violations: [],
  summary: { errors: 0, warnings: 0 } as Report['summary'],
  language: 'en',
  timezone: 'UTC',
  rules: [],
};
const SCORE = {
  hard: { H1: 0, H2: 0, H3: 0, H4: 0 },
  soft: { S1: 240, S2: 465, S3: 330, S4: 70, S5: 60, S6: 320, S7: 210 },
  total: 1695,
};

describe('reportScore', () => {
  it('reads the score a pack added to the report', () => {
    expect(reportScore({ ...REPORT, score: SCORE } as Report)).toEqual(SCORE);
  });

  it('is undefined without a score or with one of another shape', () => {
    expect(reportScore(REPORT)).toBeUndefined();
    expect(reportScore({ ...REPORT, score: { hard: { H1: '0' }, soft: {}, total: 0 } } as unknown as Report)).toBeUndefined();
    expect(reportScore({ ...REPORT, score: { hard: {}, soft: [], total: 0 } } as unknown as Report)).toBeUndefined();
    expect(reportScore({ ...REPORT, score: 3 } as unknown as Report)).toBeUndefined();
  });
});

describe('formatInrc2Score', () => {
  it('gives the hard counts, the soft costs and the total on one line', () => {
    expect(formatInrc2Score(SCORE)).toBe('Hard: H1 0, H2 0, H3 0, H4 0  Soft: S1 240, S2 465, S3 330, S4 70, S5 60, S6 320, S7 210  Total 1695\n');
  });

  it('lists codes in code order whatever the order they come in', () => {
    expect(formatInrc2Score({ hard: { H4: 1, H10: 2, H2: 3 }, soft: { S7: 30, S1: 60 }, total: 90 })).toBe('Hard: H2 3, H4 1, H10 2  Soft: S1 60, S7 30  Total 90\n');
  });
});
