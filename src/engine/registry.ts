import { DutyComplianceError, type Problem } from '../errors.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import type { NestedCondition, TopLevelCondition } from './conditions-schema.js';
import { RuleDefinitionSchema, type RuleDefinition } from './rule-definition.js';
import type { RuleFacts, RuleModule } from './rule-module.js';
import { compileDeclarativeRule } from './declarative/compile-rule.js';

/** The rules a check can run, by id, and the presets config `extends` can name. */
export interface RuleRegistry {
  readonly rules: ReadonlyMap<string, RuleModule>;
  /** Preset name → rule id → severity. */
  readonly presets: ReadonlyMap<string, ReadonlyMap<string, 'warn' | 'error'>>;
}

/**
 * A rule file's content (already parsed JSON). A declarative rule (with `for`) carries its logic
 * itself; only a built-in rule without `for` comes with a facts module of its own.
 */
export interface RuleSource {
  /** Where the definition came from, for errors (`rules/community-policing/coverage.json`). */
  file: string;
  definition: unknown;
  facts?: RuleFacts;
}

/**
 * Validates rule files and builds a registry with one `<pack>/recommended` preset per pack
 * (every rule of the pack at its file's severity). A rule file is data: it is validated, never run.
 * Throws `RULE_INVALID` listing every problem of every file.
 *
 * @example
 * const registry = createRegistry([{ file: 'coverage.json', definition: json, facts: coverageFacts }])
 */
export function createRegistry(sources: readonly RuleSource[], options: { trusted?: boolean } = {}): RuleRegistry {
  const problems: Problem[] = [];
  const rules = new Map<string, RuleModule>();
  for (const source of sources) {
    if (options.trusted) {
      const module = trustedModule(source);
      rules.set(module.definition.id, module);
      continue;
    }
    const parsed = RuleDefinitionSchema.safeParse(source.definition);
    if (!parsed.success) {
      problems.push(...problemsFromZod(parsed.error, source.definition, [], { file: source.file }));
      continue;
    }
    const definition = parsed.data;
    const own = checkDefinition(definition);
    let facts = source.facts;
    if (definition.for !== undefined) {
      if (facts) own.push({ path: 'for', message: 'a rule is either declarative (for) or has a facts module, not both', received: source.file });
      const compiled = compileDeclarativeRule(definition);
      for (const p of compiled.problems) own.push(p);
      facts = compiled.facts;
    } else if (!facts) {
      own.push({ path: 'for', message: 'the rule has no logic', expected: 'a "for" with the subjects it judges (docs/packs.md)', received: 'nothing' });
    }
    if (rules.has(definition.id)) own.push({ path: 'id', message: 'a second rule with this id', received: JSON.stringify(definition.id) });
    for (const p of own) problems.push({ file: source.file, ...p });
    if (own.length === 0 && facts) rules.set(definition.id, { definition, facts });
  }
  if (problems.length > 0) throw new DutyComplianceError('RULE_INVALID', problems);

  const presets = new Map<string, Map<string, 'warn' | 'error'>>();
  for (const [id, rule] of rules) {
    const pack = id.split('/')[0]!;
    const name = `${pack}/recommended`;
    let preset = presets.get(name);
    if (!preset) presets.set(name, (preset = new Map()));
    preset.set(id, rule.definition.severity);
  }
  return { rules, presets };
}

/**
 * A built-in rule as it is, without its validation, compiled only when it first runs: a CI-sized
 * check spent ~40 ms at start-up on zod and the compiler for 27 rule files, most of them never
 * enabled. Sound only because the tests validate every built-in file, prove it equal to its
 * parsed form with the two top-level defaults below, and compile each (test/engine/built-in-registry.test.ts).
 */
function trustedModule(source: RuleSource): RuleModule {
  const raw = source.definition as RuleDefinition;
  const definition: RuleDefinition = { ...raw, options: raw.options ?? {}, mergeConsecutiveDates: raw.mergeConsecutiveDates ?? false };
  let facts = source.facts;
  return {
    definition,
    get facts() {
      if (facts) return facts;
      const compiled = compileDeclarativeRule(definition);
      if (compiled.problems.length > 0) throw new DutyComplianceError('RULE_INVALID', compiled.problems.map((p) => ({ file: source.file, ...p })));
      facts = compiled.facts;
      return facts;
    },
  };
}

/** Cross-field checks zod cannot express: names used by conditions and events must exist. */
function checkDefinition(definition: RuleDefinition): Problem[] {
  const problems: Problem[] = [];
  const facts = new Set(Object.keys(definition.facts));
  const options = new Set(Object.keys(definition.options));
  const factUse = (fact: string, path: string | undefined, where: string) => {
    if (fact === 'options') {
      const name = path?.replace(/^\$\./, '').split(/[.[]/)[0];
      if (!name || !options.has(name)) problems.push({ path: where, message: 'the condition reads an option the rule does not declare', expected: [...options].join(', ') || 'no options', received: JSON.stringify(path ?? '') });
    } else if (!facts.has(fact)) {
      problems.push({ path: where, message: 'the condition reads a fact the rule does not declare', expected: [...facts].join(', '), received: JSON.stringify(fact) });
    }
  };
  const walk = (c: NestedCondition | TopLevelCondition, where: string): void => {
    if ('all' in c) c.all.forEach((n, i) => walk(n, `${where}.all[${i}]`));
    else if ('any' in c) c.any.forEach((n, i) => walk(n, `${where}.any[${i}]`));
    else if ('not' in c) walk(c.not, `${where}.not`);
    else {
      factUse(c.fact, c.path, `${where}.fact`);
      const v = c.value;
      if (isFactReference(v)) factUse(v.fact, v.path, `${where}.value.fact`);
    }
  };
  definition.checks.forEach((check, i) => {
    walk(check.conditions, `checks[${i}].conditions`);
    const id = check.event.params.messageId;
    if (!(id in definition.messages)) problems.push({ path: `checks[${i}].event.params.messageId`, message: 'no message with this id', expected: Object.keys(definition.messages).join(', '), received: JSON.stringify(id) });
  });
  for (const key of ['expected', 'actual'] as const) {
    const fact = definition[key];
    if (fact !== undefined && !facts.has(fact)) problems.push({ path: key, message: 'names a fact the rule does not declare', expected: [...facts].join(', '), received: JSON.stringify(fact) });
  }
  for (const [name, option] of Object.entries(definition.options)) {
    const bad =
      (option.type === 'boolean') !== (typeof option.default === 'boolean') ||
      (option.type === 'integer' && !Number.isInteger(option.default)) ||
      (typeof option.default === 'number' && ((option.minimum !== undefined && option.default < option.minimum) || (option.maximum !== undefined && option.default > option.maximum)));
    if (bad) problems.push({ path: `options.${name}.default`, message: 'the default does not fit the declared type and bounds', received: JSON.stringify(option.default) });
  }
  return problems;
}

function isFactReference(value: unknown): value is { fact: string; path?: string } {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof (value as { fact?: unknown }).fact === 'string';
}
