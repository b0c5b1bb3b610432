import { z } from 'zod';
import { CalendarDateSchema } from './dataset-schema.js';
import { FingerprintSchema, SubjectSchema } from './waiver-schema.js';

const PeriodSchema = z.looseObject({ start: CalendarDateSchema, end: CalendarDateSchema });
const CountSchema = z.int().min(0);

/**
 * A violation of a JSON report, as far as comparing reports needs it. Other fields (messageId,
 * details, evidence, baselineState…) are kept as they are, so newer reports still compare.
 */
export const ReportViolationSchema = z.looseObject({
  ruleId: z.string().min(1),
  severity: z.enum(['error', 'warning']),
  subject: SubjectSchema.loose(),
  period: PeriodSchema.optional(),
  message: z.string(),
  evidence: z.array(z.unknown()),
  fingerprint: FingerprintSchema,
  suppression: z.looseObject({ justification: z.string(), status: z.literal('accepted').optional() }).optional(),
});

/** A duty-compliance JSON report (`check --format json`; README, "The report"). */
export const ReportSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal('duty-compliance'), version: z.string() }),
  period: PeriodSchema,
  checked: z.record(z.string(), z.unknown()),
  violations: z.array(ReportViolationSchema),
  summary: z.looseObject({ errors: CountSchema, warnings: CountSchema, byRule: z.record(z.string(), CountSchema) }),
});
