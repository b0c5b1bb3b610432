import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCheckContext } from '../../src/engine/check-context.js';
import { compileConditions } from '../../src/engine/_lib/compile-conditions.js';
import { resolveConfig, type ResolvedConfig } from '../../src/engine/resolve-config.js';
import type { RuleRegistry } from '../../src/engine/registry.js';
import { judgeOfficerShare, runRules, secondShareStart, type OfficerShare } from '../../src/engine/run-rules.js';
import { readDatasetFile } from '../../src/io/read-dataset.js';
import { streamRosterFile } from '../../src/io/stream-roster-file.js';
import { createInputBuilder, type ValidatedInput } from '../../src/model/validate-input.js';
import { createRuleRegistry } from '../../src/rules/index.js';

/**
 * The officers from some place on judged elsewhere (a second thread: src/threads/), their
 * findings sent back as plain data (structuredClone stands in for postMessage here): the rules'
 * violations and judged subjects must be those of judging every officer in one place, wherever
 * the officers are split, and when the other side answers nothing (this side judges them then).
 */
const root = mkdtempSync(join(tmpdir(), 'duty-officer-share-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let input: ValidatedInput;
let registry: RuleRegistry;
let config: ResolvedConfig;
beforeAll(async () => {
  execFileSync(process.execPath, ['scripts/generate.mjs', '--officers', '50', '--days', '60', '--seed', 'share', '--out', root, '--quiet']);
  const builder = createInputBuilder(await readDatasetFile(join(root, 'dataset.json')));
  await streamRosterFile(join(root, 'roster.ndjson'), { shiftCodes: new Map() }, builder);
  input = builder.finish();
  registry = await createRuleRegistry();
  config = resolveConfig(JSON.parse(readFileSync(join(root, 'config.json'), 'utf8')), registry);
});

const context = () => createCheckContext(input, config.settings, config.optionsByRule);
const options = { language: 'en' as const, evaluatorFactory: compileConditions };

describe('officers judged in two places', () => {
  it('find what judging every officer in one place finds, wherever the split', async () => {
    const whole = await runRules(context(), registry, config.rules, options);
    const officers = input.dataset.officers.length;
    expect(whole.violations.length).toBeGreaterThan(0);
    for (const from of [0, 1, 17, secondShareStart(officers), officers - 1, officers, officers + 3]) {
      const remote = structuredClone(await judgeOfficerShare(context(), registry, config.rules, options, from)) as OfficerShare;
      const split = await runRules(context(), registry, config.rules, { ...options, share: { from, remote: Promise.resolve(remote) } });
      expect(JSON.stringify(split.violations), `from ${from}`).toBe(JSON.stringify(whole.violations));
      expect(split.runs, `from ${from}`).toEqual(whole.runs);
    }
  }, 60_000);

  it('judges the other officers itself when the other side answers nothing, or other rules', async () => {
    const whole = await runRules(context(), registry, config.rules, options);
    const from = secondShareStart(input.dataset.officers.length);
    const none = await runRules(context(), registry, config.rules, { ...options, share: { from, remote: Promise.resolve(undefined) } });
    expect(JSON.stringify(none.violations)).toBe(JSON.stringify(whole.violations));
    // A share of another set of rules (a config that differs) is not taken.
    const fewer = config.rules.filter((r) => r.id !== 'working-time/daily-rest');
    const other = await judgeOfficerShare(context(), registry, fewer, options, from);
    const mismatched = await runRules(context(), registry, config.rules, { ...options, share: { from, remote: Promise.resolve(other) } });
    expect(JSON.stringify(mismatched.violations)).toBe(JSON.stringify(whole.violations));
    expect(mismatched.runs).toEqual(whole.runs);
  }, 60_000);
});
