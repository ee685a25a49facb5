import { z } from "@hono/zod-openapi";
import { COLUMN_KEYS } from "../../ledger/columns.ts";
import { CaseRowSchema, IssueSchema } from "../../ledger/schema.ts";
import { FlagSchema } from "../assessment/api-schema.ts";
import { AssignmentViewSchema } from "../mentors/views.ts";
import { MAX_CHUNKS_PER_PUSH, MAX_ROWS_PER_CHUNK } from "./limits.ts";

const Cell = z.union([z.string().max(20_000), z.number(), z.boolean(), z.null()]);

export const PushRowSchema = z.object({
  row: z.number().int().min(1).max(1_048_576),
  values: z.partialRecord(z.enum(COLUMN_KEYS), Cell),
});

export const PushChunkSchema = z
  .object({
    unit: z.string().trim().min(1).max(100).optional(),
    wholeLedger: z.boolean().default(false),
    chunkIndex: z.number().int().min(0),
    chunkCount: z.number().int().min(1).max(MAX_CHUNKS_PER_PUSH),
    locale: z.enum(["zh-CN", "en"]).default("zh-CN"),
    /** Column letters of the clerk's sheet, so issues point at the right cells. */
    columns: z.partialRecord(z.enum(COLUMN_KEYS), z.string().regex(/^[A-Z]{1,3}$/)).optional(),
    rows: z.array(PushRowSchema).max(MAX_ROWS_PER_CHUNK),
  })
  .refine((b) => b.chunkIndex < b.chunkCount, { message: "chunkIndex must be below chunkCount", path: ["chunkIndex"] })
  .openapi("PushChunk");

export type PushChunk = z.infer<typeof PushChunkSchema>;

export const ReceiptSchema = z
  .object({
    pushId: z.string(),
    chunkIndex: z.number().int(),
    chunkCount: z.number().int(),
    unit: z.string(),
    wholeLedger: z.boolean(),
    receivedAt: z.string(),
    counts: z.object({ inserted: z.number().int(), updated: z.number().int(), unchanged: z.number().int(), rejected: z.number().int() }),
    issues: z.array(IssueSchema),
    rejectedRows: z.array(z.number().int()),
    complete: z.boolean(),
    notInLedger: z.array(z.string()).nullable(),
    flags: z.array(FlagSchema),
    assignments: z.array(AssignmentViewSchema),
  })
  .openapi("PushReceipt");

export type Receipt = z.infer<typeof ReceiptSchema>;

export const CaseViewSchema = z
  .object({
    unit: z.string(),
    caseNo: z.string(),
    data: CaseRowSchema,
    contentHash: z.string(),
    version: z.number().int(),
    inLedger: z.boolean(),
    notInLedgerSince: z.string().nullable(),
    pushId: z.string().nullable(),
    updatedAt: z.string(),
    createdAt: z.string(),
  })
  .openapi("Case");
