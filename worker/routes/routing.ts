import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { ApiError, ErrorBodySchema, errorResponses, validationHook } from "../errors.ts";
import { IDEMPOTENCY_KEY } from "../../ledger/api/push.ts";
import type { TransferReceipt } from "../../ledger/api/routing.ts";
import { Named } from "../openapi-names.ts";
import { incomingFor, receive } from "../routing/incoming-service.ts";
import { pushRuleSheet, routingRulesInForce } from "../routing/rule-sheet-service.ts";
import { confirmTransfers } from "../routing/transfer-service.ts";

/** Routing (分流), transfer and receipt (签收): ledger/api/routing.ts. Coordinators route; clerks receive. */
export const routingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const errorContent = { "application/json": { schema: ErrorBodySchema } };

routingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/routing/rules",
    summary: "The routing rules in force 分流规则 (coordinator)",
    security: [{ bearer: [] }],
    middleware: [requireRole("coordinator")] as const,
    responses: { 200: { description: "Units by kind, the domain map and its source, the villages", content: { "application/json": { schema: Named.RoutingRules } } }, ...errorResponses },
  }),
  async (c) => c.json(await routingRulesInForce(c.env.DB), 200),
);

const sheetResponses = {
  200: { description: "What was read and whether it was stored (a sheet with an error stores nothing)", content: { "application/json": { schema: Named.RuleSheetReceipt } } },
  ...errorResponses,
} as const;

routingRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/routing/domains",
    summary: "Push the domain sheet 领域—主管部门表 (coordinator); replaces the map whole as its next version",
    security: [{ bearer: [] }],
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.DomainSheetPush } } } },
    responses: sheetResponses,
  }),
  async (c) => c.json(await pushRuleSheet(c.env.DB, { kind: "domains", body: c.req.valid("json") }, c.get("principal").tokenId), 200),
);

routingRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/routing/places",
    summary: "Push the place sheet 村（社区）—镇街表 (coordinator); replaces the list whole as its next version",
    security: [{ bearer: [] }],
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.PlaceSheetPush } } } },
    responses: sheetResponses,
  }),
  async (c) => c.json(await pushRuleSheet(c.env.DB, { kind: "places", body: c.req.valid("json") }, c.get("principal").tokenId), 200),
);

routingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/transfers",
    summary: "Confirm transfers 确认分流 (coordinator): each case goes to its lead unit",
    security: [{ bearer: [] }],
    middleware: [requireRole("coordinator")] as const,
    request: {
      // Checked in the handler, so a missing key is the same 400 bad_request as on a push chunk.
      headers: z.object({ "Idempotency-Key": z.string().optional().openapi({ description: "Required: 8–128 printable ASCII characters, the same on a retry" }) }),
      body: { required: true, content: { "application/json": { schema: Named.TransferRequest } } },
    },
    responses: {
      200: { description: "Per case: transferred, unchanged or refused (the same receipt on a retry with the same key)", content: { "application/json": { schema: Named.TransferReceipt } } },
      ...errorResponses,
      409: { description: "Idempotency-Key used for another request", content: errorContent },
      503: { description: "The same cases were changed meanwhile; nothing written, retry with the same key", content: errorContent },
    },
  }),
  async (c) => {
    const key = c.req.header("Idempotency-Key") ?? "";
    if (!IDEMPOTENCY_KEY.test(key)) {
      throw new ApiError(400, "bad_request", "缺少或无效的 Idempotency-Key（8–128 个可见 ASCII 字符） Missing or invalid Idempotency-Key (8–128 printable ASCII characters)");
    }
    const receipt = await confirmTransfers({ db: c.env.DB, key, body: c.req.valid("json"), tokenId: c.get("principal").tokenId });
    return c.json(JSON.parse(receipt) as TransferReceipt, 200);
  },
);

routingRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/transfers/incoming",
    summary: "Cases transferred to the caller's unit 转入案件 (clerk)",
    security: [{ bearer: [] }],
    middleware: [requireRole("clerk")] as const,
    request: { query: z.object({ pending: z.enum(["true", "false"]).optional() }) },
    responses: { 200: { description: "Oldest transfer first, with each case's cells by column key", content: { "application/json": { schema: Named.Incoming } } }, ...errorResponses },
  }),
  async (c) => {
    const unit = await unitInScope(c.env.DB, c.get("principal"), undefined);
    return c.json(await incomingFor(c.env.DB, unit.id, c.req.valid("query").pending === "true"), 200);
  },
);

routingRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/transfers/receive",
    summary: "Sign for transferred cases 签收 (clerk); idempotent",
    security: [{ bearer: [] }],
    middleware: [requireRole("clerk")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.ReceiveRequest } } } },
    responses: { 200: { description: "Per case: received now or earlier, or refused with its reason (still waiting); numbers with no transfer to this unit in notFound", content: { "application/json": { schema: Named.ReceiveReceipt } } }, ...errorResponses },
  }),
  async (c) => {
    const p = c.get("principal");
    const unit = await unitInScope(c.env.DB, p, undefined);
    const body = c.req.valid("json");
    return c.json(await receive(c.env.DB, { unitId: unit.id, caseNos: body.caseNos, tokenId: p.tokenId, locale: body.locale }), 200);
  },
);
