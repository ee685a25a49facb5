import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { flagsCompareAcrossUnits, unitInScope } from "../auth/unit-access.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { findPushSummary } from "../db/pushes.ts";
import { ApiError, invalidRequestBody, validationHook } from "../errors.ts";
import { processChunk } from "../push/process-chunk.ts";
import { readJsonBody } from "../push/read-json-body.ts";
import { IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_MESSAGE, IdempotencyKeyHeaders, MAX_CHUNK_BYTES, MAX_ROWS_PER_CHUNK, PUSH_ID, parsePushChunk, type Marking, type Receipt } from "../../ledger/api/push.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { receiptExtraReads, receiptExtras } from "../push/receipt-extras.ts";

const PushIdSchema = z.string().regex(PUSH_ID).openapi({ example: "3f0c9a52-7d1e-4d6b-9d7e-2a51c1e0b4aa" });

export const pushRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const pushChunkGuard = requireRole("clerk", "coordinator");

// Documented from the zod schemas but parsed by hand: the body is read once under a byte limit and parsed once.
const { middleware: _guard, ...pushChunkDoc } = apiRoute({
  operationId: "pushChunk",
  tags: ["ledger"],
  method: "post",
  path: "/api/pushes/{pushId}/chunks",
  summary: "Push one chunk of a ledger 推送台账的一块 (clerk: own unit; coordinator: any unit)",
  middleware: [pushChunkGuard],
  request: {
    params: z.object({ pushId: PushIdSchema }),
    headers: IdempotencyKeyHeaders,
    body: { required: true, content: { "application/json": { schema: Named.PushChunk } } },
  },
  responses: {
    200: {
      description: "The chunk's receipt (the same bytes on a retry with the same key)",
      headers: { "Idempotent-Replayed": { $ref: "#/components/headers/IdempotentReplayed" } },
      content: { "application/json": { schema: Named.PushReceipt } },
    },
    400: errorResponse(400, "pushId or Idempotency-Key missing or invalid (bad_request), or a body that is not JSON or not sent as application/json"),
    404: errorResponse(404, "Unknown unit"),
    409: errorResponse(409, "Idempotency-Key reused with another body, or chunk disagrees with its push"),
    413: errorResponse(413, "Body over 1.5 MiB or more than 1,000 rows"),
    503: errorResponse(503, "Other pushes kept changing the same cases; nothing was written, retry with the same key (Retry-After)"),
  },
});
pushRoutes.openAPIRegistry.registerPath(pushChunkDoc);

pushRoutes.post("/api/pushes/:pushId/chunks", pushChunkGuard, async (c) => {
  const pushId = c.req.param("pushId");
  if (!PushIdSchema.safeParse(pushId).success) {
    throw new ApiError(400, "bad_request", "pushId 须为 8–64 位字母、数字、- 或 _ pushId must be 8–64 letters, digits, - or _");
  }
  const idempotencyKey = c.req.header("Idempotency-Key") ?? "";
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) throw new ApiError(400, "bad_request", IDEMPOTENCY_KEY_MESSAGE);
  const { text, value } = await readJsonBody(c, MAX_CHUNK_BYTES);
  const rows = (value as { rows?: unknown } | null)?.rows;
  if (Array.isArray(rows) && rows.length > MAX_ROWS_PER_CHUNK) {
    throw new ApiError(413, "too_many_rows", `每块最多 ${MAX_ROWS_PER_CHUNK} 行，收到 ${rows.length} 行 At most ${MAX_ROWS_PER_CHUNK} rows per chunk; got ${rows.length}`, { maxRows: MAX_ROWS_PER_CHUNK, rows: rows.length });
  }
  const parsed = parsePushChunk(value);
  if (!parsed.success) return c.json(invalidRequestBody(parsed.error), 422);
  const principal = c.get("principal");
  const unit = await unitInScope(c.env.DB, principal, parsed.data.unit);
  // Flags and assignments describe the present, not the moment the chunk landed: they are added on every delivery
  // (a replay too) and are not part of the stored receipt, which stays byte-for-byte what was first returned. A chunk
  // written now reads them in its own write batch.
  const extras = { unitId: unit.id, today: todayInChina(), acrossUnits: flagsCompareAcrossUnits(principal) };
  let reads: ReturnType<typeof receiptExtraReads> | null = null;
  const outcome = await processChunk({
    db: c.env.DB, pushId, idempotencyKey, rawBody: text, body: parsed.data, unit, tokenId: principal.tokenId,
    afterWrite: (caseNos) => (reads = receiptExtraReads(c.env.DB, { ...extras, caseNos })).statements,
  });
  const { flags, assignments } = outcome.afterResults && reads
    ? (reads as ReturnType<typeof receiptExtraReads>).extras(outcome.afterResults)
    : await receiptExtras(c.env.DB, { ...extras, caseNos: outcome.caseNos });
  const receipt = JSON.parse(outcome.receiptJson) as Receipt;
  // A receipt stored before migration 0037 has neither field: a retry of such a chunk answers with the same shape.
  receipt.marking ??= null;
  receipt.restored ??= 0;
  receipt.flags = flags;
  receipt.assignments = assignments;
  return c.body(JSON.stringify(receipt), 200, {
    "Content-Type": "application/json; charset=UTF-8",
    "Idempotent-Replayed": outcome.replayed ? "true" : "false",
  });
});


pushRoutes.openapi(
  apiRoute({
    operationId: "getPush",
    tags: ["ledger"],
    method: "get",
    path: "/api/pushes/{pushId}",
    summary: "A push's totals so far 推送汇总",
    middleware: [requireRole("clerk", "coordinator")] as const,
    request: { params: z.object({ pushId: PushIdSchema }) },
    responses: {
      200: { description: "Totals over the chunks received", content: { "application/json": { schema: Named.PushSummary } } },
      404: errorResponse(404, "No such push (or another unit's)"),
    },
  }),
  async (c) => {
    const { pushId } = c.req.valid("param");
    const p = c.get("principal");
    const s = await findPushSummary(c.env.DB, pushId);
    if (!s || (p.role === "clerk" && s.unitId !== p.unitId)) {
      throw new ApiError(404, "not_found", `没有这次推送 No such push: ${pushId}`);
    }
    return c.json({
      pushId: s.pushId, unit: s.unit, wholeLedger: Boolean(s.wholeLedger), chunkCount: s.chunkCount,
      chunksReceived: s.chunksReceived, complete: s.completedAt !== null, startedAt: s.startedAt, completedAt: s.completedAt,
      counts: { inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected },
      notInLedger: s.notInLedger ? (JSON.parse(s.notInLedger) as string[]) : [],
      marking: s.marking ? (JSON.parse(s.marking) as Marking) : null,
      restored: s.restored,
    }, 200);
  },
);
