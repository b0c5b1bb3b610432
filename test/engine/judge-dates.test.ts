import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckOptions } from '../../src/check.js';
import { judgeDatesPath } from '../../src/engine/declarative/compile-rule.js';
import { officerByOfficer } from '../../src/engine/run-rules.js';
import { cityReport, generateCity } from '../_lib/generated-city.js';

/**
 * The rules whose subjects are an officer's or a community's dates (`[officer, date]`,
 * `[community, date]`) are judged in a plain loop over the dates, not through the nested levels'
 * iterators. The report must be the one of the general path: the same violations, evidence and
 * judged subjects, date skipping included. A generated city has planted violations of each.
 */
let dir: string;
beforeAll(() => {
  dir = generateCity('judge-dates-', 40, 70, '12');
});
afterEach(() => {
  judgeDatesPath.enabled = true;
  officerByOfficer.enabled = true;
});

const report = (options: CheckOptions): Promise<string> => cityReport(dir, options);

describe('an officer\'s or a community\'s dates judged in a plain loop', () => {
  for (const evaluator of ['compiled', 'json-rules-engine'] as const) {
    for (const together of [true, false]) {
      it(`reports what the general path reports (${evaluator}, rules ${together ? 'officer by officer' : 'one by one'})`, async () => {
        officerByOfficer.enabled = together;
        const loop = await report({ evaluator });
        judgeDatesPath.enabled = false;
        const general = await report({ evaluator });
        expect(loop).toBe(general);
        const rules = new Set((JSON.parse(loop) as { violations: { ruleId: string }[] }).violations.map((v) => v.ruleId));
        // Each kind of date rule must have found something for the comparison to mean much.
        for (const id of ['working-time/daily-rest', 'community-policing/no-daytime-station-duty', 'community-policing/coverage']) expect(rules).toContain(id);
      });
    }
  }
});
