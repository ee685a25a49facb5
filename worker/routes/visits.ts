import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { PeriodQuery } from "../../ledger/api/assessment.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { validationHook } from "../errors.ts";
import { pushVisits, visitsForPeriod } from "../mentors/visit-push.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";

export const visitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

visitRoutes.openapi(
  apiRoute({
    operationId: "pushVisits",
    tags: ["mediators"],
    method: "put",
    path: "/api/visits",
    summary: "Push the circuit visit record 推送巡回指导记录 (coordinator)",
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.VisitPush } } } },
    responses: {
      200: { description: "What was stored; rows with errors were not. The same sheet pushed again writes nothing.", content: { "application/json": { schema: Named.VisitReceipt } } },
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const receipt = await pushVisits(c.env.DB, body, { tokenId: c.get("principal").tokenId, today: todayInChina(), now: nowIso() });
    return c.json(receipt, 200);
  },
);

visitRoutes.openapi(
  apiRoute({
    operationId: "listVisits",
    tags: ["mediators"],
    method: "get",
    path: "/api/visits",
    summary: "A period's circuit visits and the count per town 巡回指导记录 (coordinator)",
    middleware: [requireRole("coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: { 200: { description: "Visits by day, and per town how many and the last one", content: { "application/json": { schema: Named.Visits } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    return c.json(await visitsForPeriod(c.env.DB, period), 200);
  },
);
