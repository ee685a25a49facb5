import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { PeriodQuery } from "../../ledger/api/assessment.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { pushReviews, reviewDimensions } from "../assessment/review-service.ts";
import { validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";

export const reviewRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

reviewRoutes.openapi(
  apiRoute({
    operationId: "pushReviews",
    tags: ["assessment"],
    method: "post",
    path: "/api/reviews",
    summary: "Push a case-file quality review sheet 推送案件质量评查表 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.ReviewPush } } } },
    responses: {
      200: {
        description: "What was stored; rows with errors (including a case not in that unit's ledger) were not. The same sheet pushed again writes nothing; a changed review keeps its previous version.",
        content: { "application/json": { schema: Named.ReviewReceipt } },
      },
      409: errorResponse(409, "The reviewed cases changed while the sheet was stored; nothing was written, push it again"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const receipt = await pushReviews(c.env.DB, body, { tokenId: c.get("principal").tokenId, today: todayInChina(), now: nowIso() });
    return c.json(receipt, 200);
  },
);

reviewRoutes.openapi(
  apiRoute({
    operationId: "getReviewDimensions",
    tags: ["assessment"],
    method: "get",
    path: "/api/reviews/dimensions",
    summary: "Case-file review results per unit and dimension 评查得分及分项失分 (clerk: own unit; assessor, coordinator: all)",
    middleware: [requireRole("clerk", "assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: { 200: { description: "Per unit: reviews, mean total with interval, and per dimension the mean, the max and the points lost", content: { "application/json": { schema: Named.ReviewDimensions } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const p = c.get("principal");
    // A clerk learns only their own unit's figures; the others see the district.
    const unitId = p.role === "clerk" ? p.unitId : null;
    if (p.role === "clerk" && unitId === null) throw new Error("clerk token without unit");
    return c.json(await reviewDimensions(c.env.DB, period, unitId), 200);
  },
);
