/** Case-file quality reviews (案件质量评查表) as the API takes and returns them (docs/API.md § Case-file reviews). */
import { z } from "zod";
import { REVIEW_DIMENSION_KEYS, REVIEW_ISSUE_SEVERITY, REVIEW_KEYS, type ReviewIssueCode } from "../review-sheet.ts";
import { columnLettersSchema, sheetRowSchema, sheetRowsSchema } from "./sheet-rows.ts";

export const MAX_REVIEW_ROWS = 2_000;
const Cell = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** POST /api/reviews: a 案件质量评查表's rows, raw cells by key; the Worker reads them again. */
export const ReviewPushSchema = z.object({
  locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
  columns: columnLettersSchema(REVIEW_KEYS).optional(),
  rows: sheetRowsSchema(sheetRowSchema(REVIEW_KEYS, Cell), MAX_REVIEW_ROWS),
});
export type ReviewPush = z.infer<typeof ReviewPushSchema>;

const CODES = Object.keys(REVIEW_ISSUE_SEVERITY) as [ReviewIssueCode, ...ReviewIssueCode[]];

export const ReviewIssueSchema = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  key: z.enum(REVIEW_KEYS),
  code: z.enum(CODES),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});

export const ReviewReceiptSchema = z.object({
  /** reviews: rows read cleanly; a changed review of the same case and day is `updated` and keeps its previous version. */
  counts: z.object({ reviews: z.number().int(), inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
  issues: z.array(ReviewIssueSchema),
  rejectedRows: z.array(z.number().int()),
});
export type ReviewReceipt = z.infer<typeof ReviewReceiptSchema>;

const perDimension = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(REVIEW_DIMENSION_KEYS.map((k) => [k, schema])) as Record<(typeof REVIEW_DIMENSION_KEYS)[number], T>);

/** One dimension of one unit: the mean score, the most it could score, and the points lost on average. */
export const DimensionResultSchema = z.object({ mean: z.number().nullable(), max: z.number(), lost: z.number().nullable() });

export const UnitReviewResultSchema = z.object({
  unit: z.string(),
  kind: z.enum(["town", "department"]),
  /** Reviews in the period; the 评查得分 is the mean of their totals, with a 95 % interval. */
  reviews: z.number().int(),
  meanTotal: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** Reviews that carry all eight dimension scores (reviews recorded before the sheet may not). */
  scoredReviews: z.number().int(),
  meanDeduction: z.number().nullable(),
  dimensions: perDimension(DimensionResultSchema),
  /** Reviews below the pass mark. */
  failed: z.number().int(),
});
export type UnitReviewResult = z.infer<typeof UnitReviewResultSchema>;

/** GET /api/reviews/dimensions?period=: where each unit loses points. */
export const ReviewDimensionsSchema = z.object({
  period: z.string(),
  passMark: z.number(),
  dimensions: z.array(z.object({ key: z.enum(REVIEW_DIMENSION_KEYS), zh: z.string(), en: z.string(), max: z.number() })),
  units: z.array(UnitReviewResultSchema),
});
export type ReviewDimensions = z.infer<typeof ReviewDimensionsSchema>;
