import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/engine/check-context.js';
import { DateTracker } from '../../src/engine/declarative/scope.js';
import { daysFromFlags, entriesByDay, filterByDay, officerCellTables, trackedEntryWhere } from '../../src/engine/declarative/measures.js';
import { compileConditions } from '../../src/engine/_lib/compile-conditions.js';
import { resolveConfig } from '../../src/engine/resolve-config.js';
import { runRules } from '../../src/engine/run-rules.js';
import { readDatasetFile } from '../../src/io/read-dataset.js';
import { streamRosterFile } from '../../src/io/stream-roster-file.js';
import { createInputBuilder } from '../../src/model/validate-input.js';
import { createRuleRegistry } from '../../src/rules/index.js';

/**
 * A rule judged date by date skips the dates whose facts read nothing that differs from the date
 * before (DateTracker). Skipping must change nothing: on generated cities — transfers, leave,
 * holidays, planted violations of every rule — every rule finds the same violations, with the
 * same evidence, as when every date is judged: with skipping turned off (DateTracker.skipping),
 * and through the path `--include subjects` takes (every subject made). The same cities check the
 * officers' cell tables of the windows and minutes measures (and their entryWhere asked once for
 * the dates its answer holds: trackedEntryWhere), and the officers' entries by day of
 * the `entries` measure (entriesByDay), and a date's filter of them filtered once per officer
 * (filterByDay), against the general path.
 */
const root = mkdtempSync(join(tmpdir(), 'duty-skipped-dates-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('skipping dates that judge the same', () => {
  for (const [officers, days, seed] of [
    ['60', '70', 'skip-a'],
    ['45', '120', 'skip-b'],
    ['80', '40', 'skip-c'],
  ] as const) {
    it(`finds what judging every date finds (${officers} officers × ${days} days, seed ${seed})`, async () => {
      const dir = join(root, seed);
      execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', officers, '--days', days, '--seed', seed, '--out', dir, '--quiet']);
      const builder = createInputBuilder(await readDatasetFile(join(dir, 'dataset.json')));
      await streamRosterFile(join(dir, 'roster.ndjson'), { shiftCodes: new Map() }, builder);
      const input = builder.finish();
      const registry = await createRuleRegistry();
      const config = resolveConfig(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')), registry);
      let found = 0;
      for (const rule of config.rules) {
        const context = () => createCheckContext(input, config.settings, config.optionsByRule);
        const skipping = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions });
        const everySubject = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions, collectMeasures: true });
        DateTracker.skipping = false;
        const everyDate = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions }).finally(() => (DateTracker.skipping = true));
        // And with the windows and minutes measures judged subject by subject, not from the officer's cells.
        officerCellTables.enabled = false;
        const everyCell = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions }).finally(() => (officerCellTables.enabled = true));
        // And with the cells' entryWhere asked on every date, not once for the dates its answer holds.
        trackedEntryWhere.enabled = false;
        const everyEntryWhere = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions }).finally(() => (trackedEntryWhere.enabled = true));
        // And with a judged date's entries filtered subject by subject, not read from the officer's by-day index.
        // (and countDays / someDay asked date by date, not read from the officer's day flags).
        entriesByDay.enabled = false;
        daysFromFlags.enabled = false;
        const everyFilter = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions }).finally(() => {
          entriesByDay.enabled = true;
          daysFromFlags.enabled = true;
        });
        // And with a filter of a judged date's rests or entries made subject by subject, not the officer's filtered once.
        filterByDay.enabled = false;
        const everyFilterOfDate = await runRules(context(), registry, [rule], { language: 'en', evaluatorFactory: compileConditions }).finally(() => (filterByDay.enabled = true));
        for (const other of [everySubject, everyDate, everyCell, everyEntryWhere, everyFilter, everyFilterOfDate]) {
          expect(JSON.stringify(skipping.violations), rule.id).toBe(JSON.stringify(other.violations));
          expect(skipping.runs[0]!.subjects, rule.id).toEqual(other.runs[0]!.subjects);
        }
        found += skipping.violations.length;
      }
      expect(found).toBeGreaterThan(0);
    }, 60_000);
  }
});
