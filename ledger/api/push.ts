/** A push as the API takes it (chunks of raw rows) and answers it (receipts); docs/API.md § Pushes. */
import { z } from "zod";
import { COLUMN_KEYS } from "../columns.ts";
import { IssueSchema } from "../schema.ts";
import { FlagSchema } from "./flags.ts";
import { AssignmentViewSchema } from "./mentors.ts";
import { columnLettersSchema, firstDuplicateRow, sheetRowSchema, sheetRowsSchema } from "./sheet-rows.ts";

/** What one chunk may carry. Clients aim for ≤ 1,000 rows and ≤ 1 MB; the server allows JSON overhead on top. */
export const MAX_ROWS_PER_CHUNK = 1_000;
export const MAX_CHUNK_BYTES = 1_572_864;
export const CLIENT_CHUNK_BYTES = 1_000_000;
export const MAX_CHUNKS_PER_PUSH = 10_000;
/** Longest text in one cell the server keeps (a case number is shorter: ledger/validate.ts too_long). */
export const MAX_CELL_CHARS = 20_000;

/** A push id is made by the client (a UUID) and names the push in every chunk's URL. */
export const PUSH_ID = /^[A-Za-z0-9_-]{8,64}$/;
/** Printable ASCII, 8–128 characters: the client's key for one chunk, the same on every retry. */
export const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,128}$/;
export const IDEMPOTENCY_KEY_MESSAGE = "缺少或无效的 Idempotency-Key（8–128 个可见 ASCII 字符） Missing or invalid Idempotency-Key (8–128 printable ASCII characters)";

/** The Idempotency-Key request header of a push chunk and of a transfer: required, refused with 400 bad_request. */
export const IdempotencyKeyHeaders = z.object({
  "Idempotency-Key": z.string({ error: IDEMPOTENCY_KEY_MESSAGE }).regex(IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_MESSAGE).meta({
    description: "The client's key for this request, the same on every retry of it: the same key with the same body answers the stored receipt and writes nothing again",
    example: "3f0c9a52-7d1e-4d6b-9d7e-2a51c1e0b4aa/0",
  }),
});

/** A cell as JSON carries it: dates as YYYY-MM-DD text or Excel serials, blanks as null. */
export const CellSchema = z.union([z.string().max(MAX_CELL_CHARS), z.number(), z.boolean(), z.null()]);
export type Cell = z.infer<typeof CellSchema>;

export const PushRowSchema = sheetRowSchema(COLUMN_KEYS, CellSchema);
export type PushRow = z.infer<typeof PushRowSchema>;

export const PushChunkSchema = z
  .object({
    unit: z.string().trim().min(1).max(100).optional(),
    wholeLedger: z.boolean().default(false),
    chunkIndex: z.number().int().min(0),
    chunkCount: z.number().int().min(1).max(MAX_CHUNKS_PER_PUSH),
    locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
    columns: columnLettersSchema(COLUMN_KEYS).optional(),
    /**
     * A whole-ledger push only: the clerk confirmed that up to this many stored cases are no longer in the ledger (the
     * `marking.missing` of an earlier receipt that asked). Without it, a push that would mark more than a fifth of the
     * unit's live cases marks none. Part of the push's terms, like wholeLedger: every chunk carries the same value.
     */
    confirmMissing: z.number().int().min(1).optional(),
    rows: sheetRowsSchema(PushRowSchema, MAX_ROWS_PER_CHUNK),
  })
  .refine((b) => b.chunkIndex < b.chunkCount, { message: "chunkIndex must be below chunkCount", path: ["chunkIndex"] })
  .refine((b) => b.confirmMissing === undefined || b.wholeLedger, {
    message: "只有整本台账的推送（wholeLedger: true）才能带 confirmMissing，部分推送不标记任何案件 confirmMissing goes only with wholeLedger: true; a partial push marks nothing",
    path: ["confirmMissing"],
  });
export type PushChunk = z.infer<typeof PushChunkSchema>;

const COLUMN_KEY_SET: ReadonlySet<string> = new Set(COLUMN_KEYS);
const MAX_SHEET_ROW = 1_048_576;

/** A row exactly as PushRowSchema gives it back: only `row` and `values`, every cell a CellSchema value. */
function isPlainRow(r: unknown): r is PushRow {
  if (typeof r !== "object" || r === null || Array.isArray(r)) return false;
  const o = r as Record<string, unknown>;
  let keys = 0;
  for (const _ in o) keys++;
  if (keys !== 2 || !Object.hasOwn(o, "row") || !Object.hasOwn(o, "values")) return false;
  const n = o.row;
  if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_SHEET_ROW) return false;
  const values = o.values;
  if (typeof values !== "object" || values === null || Array.isArray(values)) return false;
  for (const key in values) {
    if (!Object.hasOwn(values, key) || !COLUMN_KEY_SET.has(key)) return false;
    const v = (values as Record<string, unknown>)[key];
    if (v === null || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v))) continue;
    if (typeof v === "string" && v.length <= MAX_CELL_CHARS) continue;
    return false;
  }
  return true;
}

/**
 * PushChunkSchema.safeParse with the rows checked by hand: the same answer, several times cheaper for the rows that
 * pass (a chunk's 1,000 rows × 26 cells through zod cost more Worker CPU than the ledger's own rules). A body whose
 * rows are not plainly what the schema takes goes through the schema whole, so every refusal is the schema's own.
 */
export function parsePushChunk(value: unknown): ReturnType<typeof PushChunkSchema.safeParse> {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    const rows = (value as { rows?: unknown }).rows;
    // A row number sent twice goes through the schema, whose refusal names it.
    if (Array.isArray(rows) && rows.length <= MAX_ROWS_PER_CHUNK && rows.every(isPlainRow) && !firstDuplicateRow(rows)) {
      const head = PushChunkSchema.safeParse({ ...value, rows: [] });
      if (head.success) return { success: true, data: { ...head.data, rows } };
    }
  }
  return PushChunkSchema.safeParse(value);
}

export const PushCountsSchema = z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() });
export type PushCounts = z.infer<typeof PushCountsSchema>;

/**
 * A whole-ledger push marks the unit's stored cases that it did not carry "not in ledger" only when every row landed
 * and it carried at least one of them; more than this share of the unit's live cases only with `confirmMissing`.
 */
export const ASK_BEFORE_MARKING_OVER = { num: 1, den: 5 } as const;

export const MARKING_OUTCOMES = ["marked", "nothing_missing", "rows_rejected", "no_stored_case", "needs_confirmation"] as const;

/** What the push that completes a whole ledger did about the stored cases it did not carry. */
export const MarkingSchema = z.object({
  /**
   * marked: `marked` cases are now "not in ledger" (still live, still counted); nothing_missing: the push carried every
   * case; rows_rejected: rows were refused, so nothing was marked; no_stored_case: the push carried none of the unit's
   * stored cases (another unit's ledger, an empty sheet), so nothing was marked; needs_confirmation: `missing` is more
   * than a fifth of `liveCases` and the push had no `confirmMissing` covering it, so nothing was marked.
   */
  outcome: z.enum(MARKING_OUTCOMES),
  /** Live cases still in the ledger as stored whose number no chunk of the push carried. */
  missing: z.number().int(),
  marked: z.number().int(),
  /** The unit's live cases before the push (ledger/live-case.ts): "a fifth" is of these. */
  liveCases: z.number().int(),
  /** The push's confirmMissing, or null. */
  confirmed: z.number().int().nullable(),
  /** Up to 10 of the missing case numbers when the outcome is needs_confirmation, so the clerk can tell; else []. */
  examples: z.array(z.string()),
});
export type Marking = z.infer<typeof MarkingSchema>;

/** The share of the unit's live cases a push would mark, as a whole percent (what the pane and the CLI show). */
export const missingPercent = (m: Pick<Marking, "missing" | "liveCases">): number => Math.round((100 * m.missing) / Math.max(1, m.liveCases));

export const ReceiptSchema = z.object({
  pushId: z.string(),
  chunkIndex: z.number().int(),
  chunkCount: z.number().int(),
  unit: z.string(),
  wholeLedger: z.boolean(),
  receivedAt: z.string(),
  counts: PushCountsSchema,
  issues: z.array(IssueSchema),
  rejectedRows: z.array(z.number().int()),
  complete: z.boolean(),
  notInLedger: z.array(z.string()).nullable(),
  /** On the chunk that completes a whole-ledger push: what it did about the cases it did not carry; else null. */
  marking: MarkingSchema.nullable(),
  /** Cases of this chunk that were marked "not in ledger" and are back in it now (counted in `updated`). */
  restored: z.number().int(),
  flags: z.array(FlagSchema),
  assignments: z.array(AssignmentViewSchema),
});
export type Receipt = z.infer<typeof ReceiptSchema>;

/** GET /api/pushes/{pushId}: a push's totals over the chunks received. */
export const PushSummarySchema = z.object({
  pushId: z.string(),
  unit: z.string(),
  wholeLedger: z.boolean(),
  chunkCount: z.number().int(),
  chunksReceived: z.number().int(),
  complete: z.boolean(),
  startedAt: z.string(),
  completedAt: z.string().nullable(),
  counts: PushCountsSchema,
  notInLedger: z.array(z.string()),
  /** The completing chunk's `marking` (null for a partial or incomplete push). */
  marking: MarkingSchema.nullable(),
  restored: z.number().int(),
});
