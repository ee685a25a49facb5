/** The mediator roster and the mentor programme as the API takes and returns them (docs/API.md § Mentors). */
import { z } from "zod";
import { DOMAINS } from "../choices.ts";
import { BACKGROUNDS, ROSTER_KEYS, TIERS } from "../roster.ts";
import { columnLettersSchema, sheetRowSchema, sheetRowsSchema } from "./sheet-rows.ts";

const BilingualSchema = z.object({ zh: z.string(), en: z.string() });

export const MAX_ROSTER_ROWS = 2_000;
const Cell = z.union([z.string().max(2_000), z.number(), z.boolean(), z.null()]);

/** PUT /api/roster: a 调解员名册 sheet's rows, raw cells by roster key; the Worker reads them again. */
export const RosterPushSchema = z.object({
  /** Whole roster (default): mediators in the caller's scope that the push does not carry become inactive. */
  wholeRoster: z.boolean().default(true),
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(ROSTER_KEYS).optional(),
  rows: sheetRowsSchema(sheetRowSchema(ROSTER_KEYS, Cell), MAX_ROSTER_ROWS),
});
export type RosterPush = z.infer<typeof RosterPushSchema>;

export const RosterIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  key: z.enum(ROSTER_KEYS),
  code: z.string(),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});

export const RosterReceiptSchema = z.object({
  wholeRoster: z.boolean(),
  scope: z.string().nullable(),
  counts: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), deactivated: z.number().int(), rejected: z.number().int() }),
  issues: z.array(RosterIssueSchema),
  rejectedRows: z.array(z.number().int()),
  deactivated: z.array(z.object({ name: z.string(), unit: z.string() })),
});
export type RosterReceipt = z.infer<typeof RosterReceiptSchema>;

export const MediatorSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  unit: z.string(),
  tier: z.enum(TIERS),
  background: z.enum(BACKGROUNDS).nullable(),
  expertise: z.array(z.enum(DOMAINS)),
  capacity: z.number().int(),
  active: z.boolean(),
  phone: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Mediator = z.infer<typeof MediatorSchema>;
export const RosterSchema = z.object({ mediators: z.array(MediatorSchema) });
export type RosterList = z.infer<typeof RosterSchema>;

export const ASSIGNMENT_KINDS = ["case", "visit", "pairing"] as const;
const TargetSchema = z.object({
  id: z.string().describe("star: mediator id; case: unit/caseNo; visit: town name"),
  name: z.string().describe("star name, case number or town"),
  unit: z.string().nullable(),
  caseNo: z.string().nullable(),
});

export const AssignmentViewSchema = z.object({
  period: z.string(),
  kind: z.enum(ASSIGNMENT_KINDS),
  mentor: z.object({ id: z.number().int(), name: z.string(), unit: z.string().nullable() }),
  target: TargetSchema,
  slot: z.number().int(),
  cost: z.number().int(),
  terms: z.array(z.object({ name: z.string(), value: z.number() })),
  reason: BilingualSchema,
});
export type AssignmentView = z.infer<typeof AssignmentViewSchema>;

export const UnassignedViewSchema = z.object({ period: z.string(), kind: z.enum(ASSIGNMENT_KINDS), target: TargetSchema, reason: BilingualSchema });
export type UnassignedView = z.infer<typeof UnassignedViewSchema>;

/** GET/POST /api/mentors/assignments */
export const MentorAssignmentsSchema = z.object({
  period: z.string(),
  computedAt: z.string(),
  asOf: z.string(),
  objective: z.number().int(),
  summary: z.record(z.string(), z.number()),
  scope: z.string().nullable().describe("The clerk's unit the lines are narrowed to; null = the whole district"),
  assignments: z.array(AssignmentViewSchema),
  unassigned: z.array(UnassignedViewSchema),
});
export type MentorAssignments = z.infer<typeof MentorAssignmentsSchema>;
