import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { RuleDefinitionSchema } from '../../src/engine/rule-definition.js';
import { createRegistry } from '../../src/engine/registry.js';
import { BUILT_IN_RULES, builtInRegistry } from '../../src/rules/index.js';
import { dataset } from '../_lib/rule-tester.js';

// builtInRegistry() trusts the built-in rule files (no zod, compiled on first run): these tests are
// what makes that sound.
describe('the built-in registry: validated by these tests, not at every start-up', () => {
  it('each built-in rule file is its own parsed definition, but for the two top-level defaults', () => {
    for (const source of BUILT_IN_RULES) expect(RuleDefinitionSchema.parse(source.definition), source.file).toEqual({ options: {}, mergeConsecutiveDates: false, ...(source.definition as object) });
  });

  it('holds what the validating registry holds: the same definitions and presets', () => {
    const validated = createRegistry(BUILT_IN_RULES);
    const trusted = builtInRegistry();
    expect([...trusted.rules.keys()]).toEqual([...validated.rules.keys()]);
    for (const [id, rule] of validated.rules) expect(trusted.rules.get(id)!.definition, id).toEqual(rule.definition);
    expect(trusted.presets).toEqual(validated.presets);
  });

  it('compiles every built-in rule when it is first asked for, once', () => {
    const trusted = createRegistry(BUILT_IN_RULES, { trusted: true });
    for (const [id, rule] of trusted.rules) {
      const facts = rule.facts;
      expect(typeof facts.subjects, id).toBe('function');
      expect(rule.facts, id).toBe(facts);
    }
  });

  it('says which file a trusted rule that cannot be compiled comes from, when it is first run', () => {
    const source = BUILT_IN_RULES.find((s) => s.file.endsWith('coverage.json'))!;
    const broken = { ...(source.definition as Record<string, unknown>), let: { x: { nonsense: true } } };
    const registry = createRegistry([{ file: 'broken.json', definition: broken }], { trusted: true });
    expect(() => registry.rules.get('community-policing/coverage')!.facts).toThrow(expect.objectContaining({ code: 'RULE_INVALID', problems: expect.arrayContaining([expect.objectContaining({ file: 'broken.json' })]) }));
  });

  it('makes the same report as the validating registry, every pack enabled', async () => {
    const config = { extends: ['community-policing/recommended', 'working-time/recommended', 'inrc2/recommended'] };
    const input = dataset();
    const viaValidated = await check(input, { config, registry: createRegistry(BUILT_IN_RULES) });
    const viaTrusted = await check(input, { config });
    expect(JSON.stringify(viaTrusted)).toBe(JSON.stringify(viaValidated));
    expect(viaTrusted.rules.length).toBe(BUILT_IN_RULES.length);
  });
});
