import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { validationHook } from "../errors.ts";
import { IdempotencyKeyHeaders } from "../../ledger/api/push.ts";
import type { TransferReceipt } from "../../ledger/api/routing.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { incomingFor, receive } from "../routing/incoming-service.ts";
import { pushRuleSheet, routingRulesInForce } from "../routing/rule-sheet-service.ts";
import { confirmTransfers } from "../routing/transfer-service.ts";

/** Routing (分流), transfer and receipt (签收): ledger/api/routing.ts. Coordinators route; clerks receive. */
export const routingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });


routingRoutes.openapi(
  apiRoute({
    operationId: "getRoutingRules",
    tags: ["routing"],
    method: "get",
    path: "/api/routing/rules",
    summary: "The routing rules in force 分流规则 (coordinator)",
    middleware: [requireRole("coordinator")] as const,
    responses: { 200: { description: "Units by kind, the domain map and its source, the villages", content: { "application/json": { schema: Named.RoutingRules } } } },
  }),
  async (c) => c.json(await routingRulesInForce(c.env.DB), 200),
);

const sheetResponses = {
  200: { description: "What was read and whether it was stored (a sheet with an error stores nothing)", content: { "application/json": { schema: Named.RuleSheetReceipt } } },
} as const;

routingRoutes.openapi(
  apiRoute({
    operationId: "pushDomainSheet",
    tags: ["routing"],
    method: "put",
    path: "/api/routing/domains",
    summary: "Push the domain sheet 领域—主管部门表 (coordinator); replaces the map whole as its next version",
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.DomainSheetPush } } } },
    responses: sheetResponses,
  }),
  async (c) => c.json(await pushRuleSheet(c.env.DB, { kind: "domains", body: c.req.valid("json") }, c.get("principal").tokenId), 200),
);

routingRoutes.openapi(
  apiRoute({
    operationId: "pushPlaceSheet",
    tags: ["routing"],
    method: "put",
    path: "/api/routing/places",
    summary: "Push the place sheet 村（社区）—镇街表 (coordinator); replaces the list whole as its next version",
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.PlaceSheetPush } } } },
    responses: sheetResponses,
  }),
  async (c) => c.json(await pushRuleSheet(c.env.DB, { kind: "places", body: c.req.valid("json") }, c.get("principal").tokenId), 200),
);

routingRoutes.openapi(
  apiRoute({
    operationId: "confirmTransfers",
    tags: ["routing"],
    method: "post",
    path: "/api/transfers",
    summary: "Confirm transfers 确认分流 (coordinator): each case goes to its lead unit",
    middleware: [requireRole("coordinator")] as const,
    request: {
      // A missing or invalid key is the same 400 bad_request as on a push chunk (errors.ts validationHook).
      headers: IdempotencyKeyHeaders,
      body: { required: true, content: { "application/json": { schema: Named.TransferRequest } } },
    },
    responses: {
      200: { description: "Per case: transferred, unchanged or refused (the same receipt on a retry with the same key)", content: { "application/json": { schema: Named.TransferReceipt } } },
      409: errorResponse(409, "Idempotency-Key used for another request"),
      503: errorResponse(503, "The same cases were changed meanwhile; nothing written, retry with the same key"),
    },
  }),
  async (c) => {
    const key = c.req.valid("header")["Idempotency-Key"];
    const receipt = await confirmTransfers({ db: c.env.DB, key, body: c.req.valid("json"), tokenId: c.get("principal").tokenId });
    return c.json(JSON.parse(receipt) as TransferReceipt, 200);
  },
);

routingRoutes.openapi(
  apiRoute({
    operationId: "listIncomingTransfers",
    tags: ["routing"],
    method: "get",
    path: "/api/transfers/incoming",
    summary: "Cases transferred to the caller's unit 转入案件 (clerk)",
    middleware: [requireRole("clerk")] as const,
    request: { query: z.object({ pending: z.enum(["true", "false"]).optional() }) },
    responses: { 200: { description: "Oldest transfer first, with each case's cells by column key", content: { "application/json": { schema: Named.Incoming } } } },
  }),
  async (c) => {
    const unit = await unitInScope(c.env.DB, c.get("principal"), undefined);
    return c.json(await incomingFor(c.env.DB, unit.id, c.req.valid("query").pending === "true"), 200);
  },
);

routingRoutes.openapi(
  apiRoute({
    operationId: "receiveTransfers",
    tags: ["routing"],
    method: "post",
    path: "/api/transfers/receive",
    summary: "Sign for transferred cases 签收 (clerk); idempotent",
    middleware: [requireRole("clerk")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.ReceiveRequest } } } },
    responses: { 200: { description: "Per case: received now or earlier, or refused with its reason (still waiting); numbers with no transfer to this unit in notFound", content: { "application/json": { schema: Named.ReceiveReceipt } } } },
  }),
  async (c) => {
    const p = c.get("principal");
    const unit = await unitInScope(c.env.DB, p, undefined);
    const body = c.req.valid("json");
    return c.json(await receive(c.env.DB, { unitId: unit.id, caseNos: body.caseNos, tokenId: p.tokenId, locale: body.locale }), 200);
  },
);
