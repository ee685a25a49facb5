/** A push as the API takes it (chunks of raw rows) and answers it (receipts); docs/API.md § Pushes. */
import { z } from "zod";
import { COLUMN_KEYS } from "../columns.ts";
import { IssueSchema } from "../schema.ts";
import { FlagSchema } from "./flags.ts";
import { AssignmentViewSchema } from "./mentors.ts";
import { columnLettersSchema, sheetRowSchema } from "./sheet-rows.ts";

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
    rows: z.array(PushRowSchema).max(MAX_ROWS_PER_CHUNK),
  })
  .refine((b) => b.chunkIndex < b.chunkCount, { message: "chunkIndex must be below chunkCount", path: ["chunkIndex"] });
export type PushChunk = z.infer<typeof PushChunkSchema>;

export const PushCountsSchema = z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() });
export type PushCounts = z.infer<typeof PushCountsSchema>;

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
});
