import * as z from 'zod';

/**
 * The operators a rule file may use: json-rules-engine's built-in ones. Decorated and custom
 * operators are refused when a rule file is loaded, so every condition has one meaning, the
 * reference engine's, whichever evaluator runs it.
 */
export const OPERATORS = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

export type OperatorName = (typeof OPERATORS)[number];

/** A JSONPath into a fact, limited to dotted names and array indexes (`$.a.b[0]`). */
export const FactPathSchema = z
  .string()
  .regex(/^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/, 'a path like $.name or $.list[0]');

/** A comparison value that reads another fact instead of a literal. */
export const FactReferenceSchema = z.strictObject({
  fact: z.string().min(1),
  path: FactPathSchema.optional(),
});

const JsonValueSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(JsonValueSchema)]),
);

export const ConditionPropertiesSchema = z
  .strictObject({
    fact: z.string().min(1),
    operator: z.enum(OPERATORS),
    value: z.union([FactReferenceSchema, JsonValueSchema]),
    path: FactPathSchema.optional(),
  })
  .refine((c) => (c.operator !== 'in' && c.operator !== 'notIn') || Array.isArray(c.value) || typeof c.value === 'string' || (typeof c.value === 'object' && c.value !== null), {
    // json-rules-engine fails the whole run when `in`/`notIn` gets a literal that is not a list or text.
    message: '`in` and `notIn` compare with an array, a string or a fact reference',
    path: ['value'],
  });

export type ConditionProperties = z.infer<typeof ConditionPropertiesSchema>;

export type NestedCondition =
  | ConditionProperties
  | { all: NestedCondition[] }
  | { any: NestedCondition[] }
  | { not: NestedCondition };

export type TopLevelCondition = { all: NestedCondition[] } | { any: NestedCondition[] } | { not: NestedCondition };

export const NestedConditionSchema: z.ZodType<NestedCondition> = z.lazy(() =>
  z.union([
    ConditionPropertiesSchema,
    z.strictObject({ all: z.array(NestedConditionSchema) }),
    z.strictObject({ any: z.array(NestedConditionSchema) }),
    z.strictObject({ not: NestedConditionSchema }),
  ]),
);

/** json-rules-engine's top-level condition: `all`, `any` or `not` (named conditions are not used). */
export const TopLevelConditionSchema: z.ZodType<TopLevelCondition> = z.union([
  z.strictObject({ all: z.array(NestedConditionSchema) }),
  z.strictObject({ any: z.array(NestedConditionSchema) }),
  z.strictObject({ not: NestedConditionSchema }),
]);

/** The facts one subject offers its conditions, by name. */
export type FactMap = Readonly<Record<string, unknown>>;
