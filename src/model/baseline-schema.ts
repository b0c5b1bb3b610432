import * as z from 'zod';
import { CalendarDateSchema } from './dataset-schema.js';
import { FingerprintSchema, SubjectSchema } from './waiver-schema.js';

/** The format version a baseline file says it is written in. */
export const BASELINE_FORMAT_VERSION = 1;

/** One known violation: its fingerprint, and its identity for the people reading the file. */
export const BaselineEntrySchema = z.strictObject({
  fingerprint: FingerprintSchema,
  ruleId: z.string().min(1),
  subject: SubjectSchema,
  period: z.strictObject({ start: CalendarDateSchema, end: CalendarDateSchema }).optional(),
});

/** A baseline file as `--write-baseline` writes it. */
export const BaselineFileSchema = z.strictObject({
  $schema: z.string().optional(),
  tool: z.literal('duty-compliance'),
  version: z.literal(BASELINE_FORMAT_VERSION),
  violations: z.array(BaselineEntrySchema),
});
export type BaselineFile = z.infer<typeof BaselineFileSchema>;
