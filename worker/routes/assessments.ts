import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { AsOfQuery, PeriodQuery, ReviewSchema } from "../../ledger/api/assessment.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { DEFAULT_CONFIG } from "../assessment/config.ts";
import { INDICATORS } from "../../ledger/api/indicators.ts";
import { rankUnits } from "../assessment/ranking.ts";
import { getWeights, loadUnitCounts, upsertReview } from "../db/assessment.ts";
import { ApiError, validationHook } from "../errors.ts";
import { PathSegment } from "./path-params.ts";
import { periodFromQuery } from "./period-query.ts";

export const assessmentRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });


assessmentRoutes.openapi(
  apiRoute({
    operationId: "getAssessment",
    tags: ["assessment"],
    method: "get",
    path: "/api/assessments/{unit}",
    summary: "One unit's assessment for a period 单位考评 (clerk: own unit; assessor, coordinator: any)",
    middleware: [requireRole("clerk", "assessor", "coordinator")] as const,
    request: { params: z.object({ unit: PathSegment }), query: z.object({ period: PeriodQuery, asOf: AsOfQuery }) },
    responses: {
      200: { description: "Indicators with intervals, points and rank", content: { "application/json": { schema: Named.Assessment } } },
      404: errorResponse(404, "No such unit, or not an assessed town or department"),
    },
  }),
  async (c) => {
    const { unit: name } = c.req.valid("param");
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    const unit = await unitInScope(c.env.DB, c.get("principal"), name);
    const asOf = q.asOf ?? todayInChina();
    const [{ weights }, units] = await Promise.all([getWeights(c.env.DB, period.label), loadUnitCounts(c.env.DB, period, asOf)]);
    const ranked = rankUnits(units, weights, DEFAULT_CONFIG);
    const mine = ranked.find((u) => u.unit === unit.name);
    if (!mine) throw new ApiError(404, "not_found", `“${unit.name}”不是参与考评的镇街或部门 ${unit.name} is not an assessed town or department`);
    const rankedInKind = ranked.filter((u) => u.kind === mine.kind && u.rank != null).length;
    return c.json({ period: period.label, asOf, method: DEFAULT_CONFIG.ranking.method, weights, rankedInKind, assessment: mine, definitions: INDICATORS }, 200);
  },
);


assessmentRoutes.openapi(
  apiRoute({
    operationId: "recordReview",
    tags: ["assessment"],
    method: "post",
    path: "/api/assessments/reviews",
    summary: "Record a case-file review score 案件质量评查 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: ReviewSchema } } } },
    responses: {
      200: { description: "Stored (a second review of the case on the same day replaces the first)", content: { "application/json": { schema: ReviewSchema } } },
      404: errorResponse(404, "No such unit"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const unit = await unitInScope(c.env.DB, c.get("principal"), body.unit);
    await upsertReview(c.env.DB, { unitId: unit.id, caseNo: body.caseNo, reviewedOn: body.reviewedOn, score: body.score, dimensions: body.dimensions ?? null, reviewer: body.reviewer ?? null }, c.get("principal").tokenId);
    return c.json(body, 200);
  },
);
