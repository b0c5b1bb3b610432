import * as z from 'zod';
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

const NameSchema = z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a name: a letter, then letters or digits');

/**
 * A dimension a declarative rule iterates; several are nested in the order given
 * (`["officer", "isoWeek"]`: every officer's every ISO week). docs/packs.md gives each one's
 * bindings, dates and default period.
 */
export const DimensionSchema = z.union([
  z.enum(['officer', 'community', 'unit', 'date', 'isoWeek', 'weekend', 'horizon', 'entry']),
  z.strictObject({ list: NameSchema, as: NameSchema.optional() }),
  z.strictObject({ pairs: z.strictObject({ list: NameSchema, groupBy: NameSchema, orderBy: NameSchema }) }),
  z.strictObject({ runs: z.strictObject({ key: z.unknown(), carry: z.strictObject({ key: z.unknown(), length: z.unknown() }).optional() }) }),
]);

export type Dimension = z.infer<typeof DimensionSchema>;

/** What stands behind a violation: a record, each item of a collection, or what a measure found. */
export const EvidenceSpecSchema = z.union([
  z.strictObject({ record: z.unknown(), fields: z.array(NameSchema).optional(), source: NameSchema.optional() }),
  z.strictObject({ each: z.unknown(), minutes: z.unknown().optional() }),
  z.strictObject({ from: NameSchema }),
]);

export type EvidenceSpec = z.infer<typeof EvidenceSpecSchema>;

/** The rule file `rules/<pack>/<name>.json`. */
export const RuleDefinitionSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'pack/rule-name in kebab case'),
  title: LocalizedSchema,
  /** The passage of the source document the rule comes from, and its English gloss. */
  source: z.strictObject({ document: z.string(), passage: z.string().min(1), gloss: z.string().min(1) }).optional(),
  description: LocalizedSchema,
  /** Severity in the pack's `recommended` preset. */
  severity: z.enum(['error', 'warn']),
  /** What a violation is about: `officer`, `community`, `unit`, `transfer`, `policeRoom`, or a pack's own kind. */
  subjectType: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, 'a subject kind such as officer'),
  options: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), OptionDeclarationSchema).default({}),
  /** The facts the subjects offer, with what each means; conditions may name only these and `options`. */
  facts: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/), z.string()),
  /** Which facts become the violation's `expected` and `actual`. */
  expected: z.string().optional(),
  actual: z.string().optional(),
  /** Merge violations of one subject on consecutive dates with equal expected and actual into one run. */
  mergeConsecutiveDates: z.boolean().default(false),
  checks: z.array(RuleCheckSchema).min(1),
  /**
   * The rule's logic as data (docs/packs.md): the subjects it iterates, the measures it computes
   * (`let`), how each subject and its period are named, and what evidence stands behind a
   * violation. A rule without `for` is a built-in rule with a facts module of its own.
   */
  for: z.strictObject({ each: z.array(DimensionSchema).min(1), where: z.unknown().optional() }).optional(),
  let: z.record(NameSchema, z.unknown()).optional(),
  subject: z.strictObject({ id: z.unknown() }).optional(),
  period: z.strictObject({ start: z.unknown(), end: z.unknown() }).optional(),
  evidence: z.array(EvidenceSpecSchema).optional(),
  /** Added to a violation's `details` (a null value is left out). */
  details: z.record(NameSchema, z.unknown()).optional(),
  /** Values for the message placeholders, e.g. `officer` = `O001 (张伟)`. */
  messageData: z.record(NameSchema, z.unknown()).optional(),
  /** A soft constraint's cost: `weight` × `amount` per violation (the violation's `penalty`). */
  penalty: z.strictObject({ amount: z.unknown(), weight: z.unknown() }).optional(),
  /** Where the violations count in the report's `score`: hard groups add amounts, soft ones costs. */
  score: z.strictObject({ level: z.enum(['hard', 'soft']), group: z.string().regex(/^[A-Za-z0-9-]+$/) }).optional(),
  /** Message templates by id; `{{name}}` placeholders are filled from the violation's data. */
  messages: z.record(z.string(), LocalizedSchema),
});

export type RuleDefinition = z.infer<typeof RuleDefinitionSchema>;
