import * as z from 'zod';
import { DutyComplianceError, pushAll, type Problem } from '../errors.js';
import { ConfigSchema, RuleEntrySchema, type Config, type RuleSeverity } from '../model/config-schema.js';
import { problemsFromZod } from '../model/_lib/zod-problems.js';
import { valueShapeProblems } from '../model/_lib/value-shape.js';
import type { Severity } from '../report/types.js';
import type { RuleRegistry } from './registry.js';
import type { OptionDeclaration } from './rule-definition.js';
import type { RuleOptions } from './rule-module.js';
import { resolveSettings, type ResolvedSettings } from './settings.js';

/** A rule switched on, with its severity and its options (defaults merged with the config's). */
export interface EnabledRule {
  id: string;
  severity: Severity;
  options: RuleOptions;
}

export interface ResolvedConfig {
  /** Enabled rules, in id order. */
  rules: EnabledRule[];
  /**
   * Every registered rule's options, switched on or off: a rule may share another's definition
   * (`replacement-first` uses `coverage`'s requirement, heavyLoadMinimum included).
   */
  optionsByRule: ReadonlyMap<string, RuleOptions>;
  settings: ResolvedSettings;
}

/** The preset a config without `extends` starts from. */
export const DEFAULT_PRESET = 'community-policing/recommended';

/**
 * Resolves a config (README "Config") against a registry: presets in order, then `rules` on top;
 * options merged over each rule's defaults and validated. Throws `CONFIG_INVALID` with every
 * problem (unknown keys, unknown rule ids or presets, bad options, bad windows).
 *
 * @example
 * resolveConfig({ rules: { 'community-policing/mobile-terminal': 'off' } }, registry).rules.length
 */
export function resolveConfig(config: unknown, registry: RuleRegistry, file?: string): ResolvedConfig {
  // A `__proto__` rule id, option or window name would vanish in parsing: an error, not a no-op.
  const problems: Problem[] = valueShapeProblems(config, file);
  const parsed = ConfigSchema.safeParse(config ?? {});
  if (!parsed.success) pushAll(problems, problemsFromZod(parsed.error, config, [], { file }));
  // Schema errors do not hide the rest: what could be read is still checked (rule ids, options).
  const c: Config = parsed.success && problems.length === 0 ? parsed.data : readableParts(config);

  const severities = new Map<string, RuleSeverity>();
  const options = new Map<string, Record<string, number | boolean>>();
  (c.extends ?? [DEFAULT_PRESET]).forEach((name, i) => {
    const preset = registry.presets.get(name);
    if (!preset) {
      problems.push({ file, path: `extends[${i}]`, message: 'unknown preset', expected: [...registry.presets.keys()].join(' | '), received: JSON.stringify(name) });
      return;
    }
    for (const [id, severity] of preset) severities.set(id, severity);
  });

  for (const [id, entry] of Object.entries(c.rules ?? {})) {
    const path = `rules[${JSON.stringify(id)}]`;
    const rule = registry.rules.get(id);
    if (!rule) {
      problems.push({ file, path, message: 'unknown rule id', expected: 'a rule id such as community-policing/coverage', received: JSON.stringify(id) });
      continue;
    }
    const [severity, given] = typeof entry === 'string' ? [entry, undefined] : entry;
    severities.set(id, severity);
    if (given === undefined) continue;
    const schema = optionsSchema(rule.definition.options);
    const r = schema.safeParse(given);
    if (!r.success) problems.push(...problemsFromZod(r.error, given, ['rules', id, 1], { file }));
    else options.set(id, { ...(options.get(id) ?? {}), ...(r.data as Record<string, number | boolean>) });
  }

  const windows: [string, readonly [string, string]][] = Object.entries(c.settings?.halfDayWindows ?? {}).map(([k, w]) => [`settings.halfDayWindows.${k}`, w]);
  if (c.settings?.daytime) windows.push(['settings.daytime', c.settings.daytime]);
  for (const [path, [start, end]] of windows) {
    // Lexical order is time order for HH:mm; windows do not cross midnight.
    if (end.padStart(5, '0') <= start.padStart(5, '0')) {
      problems.push({ file, path, message: 'the window ends before or when it starts', expected: `an end after ${start}`, received: JSON.stringify(end) });
    }
  }
  if (problems.length > 0) throw new DutyComplianceError('CONFIG_INVALID', problems);

  const optionsByRule = new Map<string, RuleOptions>();
  for (const [id, rule] of registry.rules) {
    const defaults = Object.fromEntries(Object.entries(rule.definition.options).map(([k, d]) => [k, d.default]));
    optionsByRule.set(id, Object.freeze({ ...defaults, ...options.get(id) }));
  }
  const rules: EnabledRule[] = [];
  for (const id of [...severities.keys()].sort()) {
    const severity = severities.get(id)!;
    if (severity === 'off') continue;
    rules.push({ id, severity: severity === 'warn' ? 'warning' : 'error', options: optionsByRule.get(id)! });
  }
  return { rules, optionsByRule, settings: resolveSettings(c.settings) };
}

/** The parts of a config that pass their schema, to check further when the whole does not. */
function readableParts(config: unknown): Config {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return {};
  const raw = config as Record<string, unknown>;
  const parts: Config = {};
  const presets = ConfigSchema.shape.extends.safeParse(raw.extends);
  if (presets.success && presets.data) parts.extends = presets.data;
  const settings = ConfigSchema.shape.settings.safeParse(raw.settings);
  if (settings.success && settings.data) parts.settings = settings.data;
  if (raw.rules !== null && typeof raw.rules === 'object' && !Array.isArray(raw.rules)) {
    const rules: NonNullable<Config['rules']> = {};
    for (const [id, entry] of Object.entries(raw.rules)) {
      if (id === '__proto__') continue;
      const r = RuleEntrySchema.safeParse(entry);
      // An entry of the wrong shape has its problem already; its id is still checked.
      rules[id] = r.success ? r.data : 'off';
    }
    parts.rules = rules;
  }
  return parts;
}

/** A strict zod schema for a rule's options, from its declarations: unknown options are errors. */
function optionsSchema(declared: Record<string, OptionDeclaration>): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, d] of Object.entries(declared)) {
    if (d.type === 'boolean') shape[name] = z.boolean().optional();
    else {
      let n = d.type === 'integer' ? z.number().int() : z.number();
      if (d.minimum !== undefined) n = n.min(d.minimum);
      if (d.maximum !== undefined) n = n.max(d.maximum);
      shape[name] = n.optional();
    }
  }
  return z.strictObject(shape);
}
