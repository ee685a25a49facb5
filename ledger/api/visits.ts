/** Circuit visits (巡回指导记录) as the API takes and returns them (docs/API.md § Circuit visits). */
import { z } from "zod";
import { VISIT_ISSUE_SEVERITY, VISIT_KEYS, type VisitIssueCode } from "../visits.ts";
import { columnLettersSchema, sheetRowSchema, sheetRowsSchema } from "./sheet-rows.ts";

export const MAX_VISIT_ROWS = 2_000;
const Cell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** PUT /api/visits: a 巡回指导记录 sheet's rows, raw cells by key; the Worker reads them again. */
export const VisitPushSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(VISIT_KEYS).optional(),
  rows: sheetRowsSchema(sheetRowSchema(VISIT_KEYS, Cell), MAX_VISIT_ROWS),
});
export type VisitPush = z.infer<typeof VisitPushSchema>;

const CODES = Object.keys(VISIT_ISSUE_SEVERITY) as [VisitIssueCode, ...VisitIssueCode[]];

export const VisitIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  key: z.enum(VISIT_KEYS),
  code: z.enum(CODES),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});

export const VisitReceiptSchema = z.object({
  /** Visits the sheet carried that were read (a cell naming two mentors is two visits). */
  counts: z.object({ visits: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
  issues: z.array(VisitIssueSchema),
  rejectedRows: z.array(z.number().int()),
});
export type VisitReceipt = z.infer<typeof VisitReceiptSchema>;

export const StoredVisitSchema = z.object({
  visitedOn: z.string(),
  mentor: z.string(),
  town: z.string(),
  content: z.string().nullable(),
  problems: z.string().nullable(),
  version: z.number().int(),
});

/** GET /api/visits?period=: the period's visits and, per town, how many and the last one. */
export const VisitsSchema = z.object({
  period: z.string(),
  visits: z.array(StoredVisitSchema),
  towns: z.array(z.object({ town: z.string(), visits: z.number().int(), lastVisitOn: z.string().nullable() })),
});
export type Visits = z.infer<typeof VisitsSchema>;
