import * as z from 'zod';

/** Duty categories (docs/rules/README.md): what a roster entry's `type` means for the rules. */
export const DUTY_CATEGORIES = ['community', 'station-duty', 'excused', 'other'] as const;
export type DutyCategory = (typeof DUTY_CATEGORIES)[number];

const ClockTimeSchema = z
  .string()
  .regex(/^([01]?\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time HH:mm')
  .meta({ description: 'Wall-clock time HH:mm.' });

/** A wall-clock window `[start, end]` as two `HH:mm` times; it must end after it starts. */
export const ClockWindowSchema = z.tuple([ClockTimeSchema, ClockTimeSchema]);

export const RuleSeveritySchema = z.enum(['off', 'warn', 'error']);
export type RuleSeverity = z.infer<typeof RuleSeveritySchema>;

/** A rule's config entry, as in ESLint: a severity, or `[severity, options]`. */
export const RuleEntrySchema = z.union([
  RuleSeveritySchema,
  z.tuple([RuleSeveritySchema]),
  z.tuple([RuleSeveritySchema, z.record(z.string(), z.unknown())]),
]);
export type RuleEntry = z.infer<typeof RuleEntrySchema>;

/** One roster entry a shift code stands for, on the cell's date (README "The input", "the wide format"). */
export const ShiftCodeEntrySchema = z.strictObject({
  /** `HH:mm` on the cell's date. */
  start: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'a time HH:mm'),
  /** `HH:mm`; at or before `start`, the next day. */
  end: ClockTimeSchema,
  type: z.string().trim().min(1, 'a duty type'),
  community: z.string().trim().min(1, 'a community id').optional(),
});
export type ShiftCodeEntry = z.infer<typeof ShiftCodeEntrySchema>;

export const SettingsSchema = z.strictObject({
  /**
   * What each code of a wide roster (排班表) stands for: the entries it puts on its cell's date;
   * `[]` for a code that rosters nothing. A cell's codes are separated by `/`, `、` or spaces,
   * so a code cannot contain them.
   */
  shiftCodes: z
    .record(z.string(), z.array(ShiftCodeEntrySchema))
    .superRefine((codes, ctx) => {
      for (const code of Object.keys(codes)) {
        if (!/^[^\s/、]+$/.test(code)) ctx.addIssue({ code: 'custom', path: [code], message: 'a shift code without spaces, "/" or "、" (they separate the codes of a cell)' });
      }
    })
    .optional(),
  /** Duty types added to (or moved between) the default categories (docs/rules/README.md). */
  dutyTypes: z.partialRecord(z.enum(DUTY_CATEGORIES), z.array(z.string().min(1))).optional(),
  /** Replace the default half-day windows (`am` 08:00–12:00, `pm` 13:00–17:00). */
  halfDayWindows: z.record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'a window name'), ClockWindowSchema).optional(),
  /** Replace the default daytime (08:00–18:00). */
  daytime: ClockWindowSchema.optional(),
  /** What the working-time pack counts as work and as a rest (docs/rules/working-time/). */
  workingTime: z
    .strictObject({
      /** Duty types that are work although their category is `excused` (default: training, 培训); replaces the default. */
      countsAsWork: z.array(z.string().trim().min(1, 'a duty type')).optional(),
      /** Entries closer than this many minutes form one duty period (default 120). */
      breakMinutes: z.number().int().min(0).optional(),
    })
    .optional(),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** The config file (README, "Config"). Unknown keys are errors, so a typo never silently does nothing. */
export const ConfigSchema = z.strictObject({
  $schema: z.string().optional(),
  extends: z.array(z.string()).optional(),
  settings: SettingsSchema.optional(),
  rules: z.record(z.string(), RuleEntrySchema).optional(),
});
export type Config = z.infer<typeof ConfigSchema>;
