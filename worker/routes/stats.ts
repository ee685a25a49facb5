import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { StatsQuery } from "../../ledger/api/stats.ts";
import { ApiError, validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { periodStats, StatsGroupError } from "../stats/stats-service.ts";
import { periodFromQuery } from "./period-query.ts";

export const statsRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

statsRoutes.openapi(
  apiRoute({
    operationId: "getStats",
    tags: ["statistics"],
    method: "get",
    path: "/api/stats",
    summary: "诉源分析 and 月报 figures: cross-tables, monthly trend (assessor, coordinator: any group; clerk: own unit)",
    // A clerk gets the same tables for their own unit only; the court liaison has its own cases route and no statistics.
    middleware: [requireRole("clerk", "assessor", "coordinator")] as const,
    request: { query: StatsQuery },
    responses: {
      200: { description: "Cross-tables whose totals equal the rankings' counts for the same period and units", content: { "application/json": { schema: Named.Stats } } },
      404: errorResponse(404, "group=zone:NAME names no zone (details.zones lists them)"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    try {
      return c.json(await periodStats(c.env.DB, c.get("principal"), period, q.group), 200);
    } catch (e) {
      if (e instanceof StatsGroupError) throw new ApiError(404, "not_found", e.message, { zones: e.zones });
      throw e;
    }
  },
);
