import * as z from 'zod';
import { CalendarDateSchema } from './dataset-schema.js';
import { LANGUAGES } from '../report/messages.js';
import type { Language } from '../report/types.js';
import { isTimeZone } from '../time/wall-time.js';
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

const LocalizedSchema = z.looseObject({ 'zh-CN': z.string(), en: z.string() });
const PlainValuesSchema = z.record(z.string(), z.union([z.number(), z.boolean(), z.string(), z.null()]));

/** A subject judged, with its measures (`--include subjects`). */
export const JudgedSubjectMeasuresSchema = z.looseObject({
  subject: SubjectSchema.loose(),
  period: PeriodSchema.optional(),
  facts: PlainValuesSchema,
  details: PlainValuesSchema.optional(),
});

/** A rule that ran, as the report describes it (what every format shows of a rule comes from here). */
export const ReportRuleSchema = z.looseObject({
  id: z.string().min(1),
  title: LocalizedSchema,
  description: LocalizedSchema,
  source: z.looseObject({ document: z.string(), passage: z.string(), gloss: z.string() }).optional(),
  severity: z.enum(['error', 'warning']),
  subjectType: SubjectSchema.shape.type,
  subjects: z.array(SubjectSchema.loose()),
  judged: z.array(JudgedSubjectMeasuresSchema).optional(),
});

/** A duty-compliance JSON report (`check --format json`; README, "The report"). */
export const ReportSchema = z.looseObject({
  tool: z.looseObject({ name: z.literal('duty-compliance'), version: z.string() }),
  language: z.enum(LANGUAGES as readonly [Language, ...Language[]]),
  timezone: z.string().refine(isTimeZone, 'an IANA time zone such as Asia/Shanghai'),
  period: PeriodSchema,
  source: z.looseObject({ dataset: z.string(), rosters: z.array(z.string()) }).optional(),
  rules: z.array(ReportRuleSchema),
  checked: z.record(z.string(), z.unknown()),
  violations: z.array(ReportViolationSchema),
  summary: z.looseObject({ errors: CountSchema, warnings: CountSchema, byRule: z.record(z.string(), CountSchema) }),
});
