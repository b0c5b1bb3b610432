import * as z from 'zod';
import { CalendarDateSchema } from './dataset-schema.js';

/** What a violation can be about (README, "The report": `subject.type`). */
export const SUBJECT_TYPES = ['community', 'officer', 'unit', 'transfer', 'policeRoom'] as const;

/** A violation's fingerprint as reports print it. */
export const FingerprintSchema = z.string().regex(/^[0-9a-f]{16}$/, 'a fingerprint of 16 lower-case hex digits, as the report prints it');

/** A subject: one of the built-in kinds, or a pack's own kind (a rule file's `subjectType`). */
export const SubjectSchema = z.strictObject({
  type: z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, `a subject kind: ${SUBJECT_TYPES.join(', ')}, or a pack's own`),
  id: z.string().min(1),
});

const NonBlankSchema = z.string().trim().min(1);

/**
 * One accepted violation. It names the violation by `fingerprint`, or by `ruleId` + `subject`
 * (+ `period.start`); every field given must match, so both forms may be combined. Without
 * `period`, the identity form covers every period of that rule and subject. `reason`, `owner`
 * and `expires` (the last day it holds) are mandatory, so no waiver is anonymous or forever.
 */
export const WaiverSchema = z
  .strictObject({
    fingerprint: FingerprintSchema.optional(),
    ruleId: z.string().min(1).optional(),
    subject: SubjectSchema.optional(),
    period: z.strictObject({ start: CalendarDateSchema, end: CalendarDateSchema.optional() }).optional(),
    reason: NonBlankSchema,
    owner: NonBlankSchema,
    expires: CalendarDateSchema,
  })
  .refine((waiver) => waiver.fingerprint !== undefined || (waiver.ruleId !== undefined && waiver.subject !== undefined), {
    message: 'a `fingerprint`, or a `ruleId` and a `subject` (with `period.start` for one period)',
    // Checked whenever the waiver is an object, even with other fields wrong: every problem at once.
    when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
  });
export type WaiverInput = z.infer<typeof WaiverSchema>;

/** A waivers file (JSON or YAML). Unknown keys are errors, so a misspelt `expires` never waives forever. */
export const WaiversFileSchema = z.strictObject({
  $schema: z.string().optional(),
  waivers: z.array(WaiverSchema),
});
export type WaiversFile = z.infer<typeof WaiversFileSchema>;
