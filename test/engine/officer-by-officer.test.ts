import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOptions } from '../../src/check.js';
import { officerByOfficer } from '../../src/engine/run-rules.js';
import { cityReport, generateCity } from '../_lib/generated-city.js';

/**
 * The rules whose subjects come officer by officer are run together, officer by officer (each
 * officer's entries made once for all of them). The report must be the one of running every rule
 * on its own, one after the other: the same violations in the same order, the same evidence,
 * the same judged subjects. A generated city has planted violations of every rule of both packs.
 */
let dir: string;
beforeAll(() => {
  dir = generateCity('officer-by-officer-', 40, 70, '11');
});
afterEach(() => {
  officerByOfficer.enabled = true;
});

const report = (options: CheckOptions): Promise<string> => cityReport(dir, options);

describe('rules run officer by officer', () => {
  for (const evaluator of ['compiled', 'json-rules-engine'] as const) {
    it(`report what running each rule on its own reports (${evaluator})`, async () => {
      const together = await report({ evaluator });
      officerByOfficer.enabled = false;
      const apart = await report({ evaluator });
      expect(together).toBe(apart);
      const violations = (JSON.parse(together) as { violations: { ruleId: string }[] }).violations;
      // Several officer-by-officer rules must have found something for the comparison to mean much.
      const rules = new Set(violations.map((v) => v.ruleId));
      for (const id of ['community-policing/five-half-days', 'working-time/daily-rest', 'working-time/consecutive-workdays', 'working-time/weekly-hours']) expect(rules).toContain(id);
    });
  }
});
