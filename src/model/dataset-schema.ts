import * as z from 'zod';
import { isCalendarDate } from '../time/calendar-date.js';
import { DATE_TIME_PATTERN, isTimeZone } from '../time/wall-time.js';

/**
 * The dataset contract (README, "The input"; schema/dataset.schema.json) as zod schemas. Types are inferred from them, and the JSON
 * Schema shipped in `schema/dataset.schema.json` is generated from them. Unknown fields are
 * accepted and ignored (zod strips them), so exporting systems may add their own columns.
 */

const DATE_FORMAT = 'a date YYYY-MM-DD';
const DATE_TIME_FORMAT = 'a date-time YYYY-MM-DDTHH:mm[:ss], local or with an offset (+08:00, Z)';

export const CalendarDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: DATE_FORMAT, abort: true })
  .refine(isCalendarDate, { message: `${DATE_FORMAT} that exists in the calendar` })
  .meta({ description: 'A calendar date, YYYY-MM-DD.', format: 'date' });

export const DateTimeSchema = z
  .string()
  .regex(DATE_TIME_PATTERN, DATE_TIME_FORMAT)
  .meta({ description: 'Local wall time in the dataset timezone, or with an explicit offset.' });

const IdSchema = z.string().min(1, 'a non-empty id');

export const UnitSchema = z.object({
  id: IdSchema,
  name: z.string(),
  parent: IdSchema.optional(),
});

export const SecurityDirectorSchema = z.object({
  name: z.string().optional(),
  fullTime: z.boolean().optional(),
});

export const CommunitySchema = z.object({
  id: IdSchema,
  name: z.string(),
  kind: z.enum(['residential', 'village']),
  unit: IdSchema,
  heavyLoad: z.boolean().optional(),
  requiredOfficers: z.number().int().min(1).optional(),
  securityDirector: SecurityDirectorSchema.optional(),
});

export const AssignmentSchema = z.object({
  community: IdSchema,
  from: CalendarDateSchema,
  to: CalendarDateSchema.optional(),
});

export const CommunityRoleSchema = z.enum(['deputy-party-secretary', 'deputy-station-head']);

export const OfficerSchema = z.object({
  id: IdSchema,
  unit: IdSchema,
  badge: z.string().min(1).optional(),
  name: z.string().optional(),
  partyMember: z.boolean().optional(),
  communityRoles: z.array(CommunityRoleSchema).optional(),
  mobileTerminal: z.boolean().optional(),
  assignments: z.array(AssignmentSchema).optional(),
  /** Free-form facts a rule pack reads (an INRC-II nurse's contract, skills and history). */
  attributes: z.record(z.string(), z.unknown()).optional(),
});

export const RosterEntrySchema = z.object({
  officer: IdSchema.meta({ description: "The officer's id, or badge (an id wins)." }),
  start: DateTimeSchema,
  end: DateTimeSchema,
  type: z.string().min(1, 'a duty type'),
  community: IdSchema.optional(),
  id: z.string().optional(),
  note: z.string().optional(),
  /** Free-form scalar facts of the entry a rule pack reads (an INRC-II assignment's skill). */
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export const EstablishmentSnapshotSchema = z.object({
  unit: IdSchema,
  date: CalendarDateSchema,
  communityPosts: z.number().int().min(0),
});

export const TransferSchema = z.object({
  id: IdSchema,
  officer: IdSchema,
  effectiveDate: CalendarDateSchema,
  fromCommunity: IdSchema.optional(),
  to: z.string().optional(),
  reason: z.string().optional(),
  replacement: z
    .object({
      officer: IdSchema,
      arrivalDate: CalendarDateSchema.optional(),
    })
    .optional(),
  exception: z
    .object({
      approvedBy: z.string().min(1),
      reference: z.string().min(1),
      reason: z.string().optional(),
    })
    .optional(),
});

export const PoliceRoomSchema = z.object({
  id: IdSchema,
  communities: z.array(IdSchema),
  independentRoom: z.boolean(),
  signage: z.boolean(),
  serviceFunctions: z.boolean(),
  governanceTheme: z.boolean(),
});

export const NonNormalDutySchema = z.object({
  start: CalendarDateSchema,
  end: CalendarDateSchema,
  reason: z.string(),
  units: z.array(IdSchema).optional(),
});

export const DatasetSchema = z
  .object({
    timezone: z
      .string()
      .refine(isTimeZone, { message: 'an IANA time zone such as Asia/Shanghai' })
      .default('Asia/Shanghai'),
    period: z.object({ start: CalendarDateSchema, end: CalendarDateSchema }).optional(),
    calendar: z
      .object({
        holidays: z.array(CalendarDateSchema).optional(),
        workdays: z.array(CalendarDateSchema).optional(),
      })
      .optional(),
    nonNormalDuty: z.array(NonNormalDutySchema).optional(),
    units: z.array(UnitSchema),
    communities: z.array(CommunitySchema),
    officers: z.array(OfficerSchema),
    roster: z.array(RosterEntrySchema).optional(),
    establishment: z.array(EstablishmentSnapshotSchema).optional(),
    transfers: z.array(TransferSchema).optional(),
    policeRooms: z.array(PoliceRoomSchema).optional(),
    /**
     * Named lists of records a rule pack iterates or looks up (INRC-II: demands, off requests,
     * contracts, shift types, forbidden successions). Each record is a JSON object.
     */
    records: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]*$/, 'a list name: a letter, then letters or digits'), z.array(z.record(z.string(), z.unknown()))).optional(),
  })
  .meta({ title: 'duty-compliance dataset', description: 'Organisation, roster and requests checked by duty-compliance.' });

/** The dataset as validated (roster entries not yet resolved to officers and instants). */
export type Dataset = z.output<typeof DatasetSchema>;
/** The dataset as a caller writes it. */
export type DatasetInput = z.input<typeof DatasetSchema>;
export type Unit = z.output<typeof UnitSchema>;
export type Community = z.output<typeof CommunitySchema>;
export type Officer = z.output<typeof OfficerSchema>;
export type Assignment = z.output<typeof AssignmentSchema>;
export type RosterEntryInput = z.output<typeof RosterEntrySchema>;
export type EstablishmentSnapshot = z.output<typeof EstablishmentSnapshotSchema>;
export type Transfer = z.output<typeof TransferSchema>;
export type PoliceRoom = z.output<typeof PoliceRoomSchema>;
export type NonNormalDuty = z.output<typeof NonNormalDutySchema>;

/**
 * The JSON Schema (draft 2020-12) of the dataset, generated from the zod schemas.
 *
 * @example
 * const schema = datasetJsonSchema(); schema.properties.officers.type //=> 'array'
 */
export function datasetJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(DatasetSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}
