import { z } from 'zod';
import { TopLevelConditionSchema } from './conditions-schema.js';

const LocalizedSchema = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

/**
 * A rule option, declared in a small JSON-Schema-like form so that a rule file stays data.
 * The config's value for it is validated against this before the rule runs.
 */
export const OptionDeclarationSchema = z.strictObject({
  type: z.enum(['integer', 'number', 'boolean']),
  default: z.union([z.number(), z.boolean()]),
  minimum: z.number().optional(),
  maximum: z.number().optional(),
  description: LocalizedSchema,
});

export type OptionDeclaration = z.infer<typeof OptionDeclarationSchema>;

/**
 * One check of a rule: json-rules-engine conditions over the subject's facts, and the event
 * that describes the violation when they hold. A rule's checks are tried in order; the first
 * that holds gives the violation (so `replacement-first` reports the first failing reason).
 */
export const RuleCheckSchema = z.strictObject({
  conditions: TopLevelConditionSchema,
  event: z.strictObject({
    type: z.literal('violation'),
    params: z.strictObject({
      messageId: z.string().min(1),
      /** Reported severity instead of the configured one (e.g. a justified exception is a warning). */
      severity: z.enum(['error', 'warning']).optional(),
      /** Added to the violation's `details`. */
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    }),
  }),
});

export type RuleCheck = z.infer<typeof RuleCheckSchema>;

/** The rule file `rules/<pack>/<name>.json`. */
export const RuleDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'pack/rule-name in kebab case'),
  title: LocalizedSchema,
  /** The passage of the source document the rule comes from, and its English gloss. */
  source: z.strictObject({ document: z.string(), passage: z.string().min(1), gloss: z.string().min(1) }),
  description: LocalizedSchema,
  /** Severity in the pack's `recommended` preset. */
  severity: z.enum(['error', 'warn']),
  subjectType: z.enum(['community', 'officer', 'unit', 'transfer', 'policeRoom']),
  options: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), OptionDeclarationSchema).default({}),
  /** The facts the subjects offer, with what each means; conditions may name only these and `options`. */
  facts: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string()),
  /** Which facts become the violation's `expected` and `actual`. */
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** Merge violations of one subject on consecutive dates with equal expected and actual into one run. */
  mergeConsecutiveDates: z.boolean().default(false),
  checks: z.array(RuleCheckSchema).min(1),
  /** Message templates by id; `{{name}}` placeholders are filled from the violation's data. */
  messages: z.record(z.string(), LocalizedSchema),
});

export type RuleDefinition = z.infer<typeof RuleDefinitionSchema>;
