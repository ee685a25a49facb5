import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { AsOfQuery, PeriodQuery, WeightsBodySchema, WeightsResponseSchema } from "../../ledger/api/assessment.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { DEFAULT_CONFIG, WeightsError, parseWeights } from "../assessment/config.ts";
import { rankUnits } from "../assessment/ranking.ts";
import { getWeights, loadPeriodsInputs, loadUnitCounts, setWeights } from "../db/assessment.ts";
import { trendLines } from "../assessment/trend.ts";
import { TrendQuery } from "../../ledger/api/trend.ts";
import { periodSpan, PeriodSpanError } from "../../ledger/period-span.ts";
import { FIRST_YEAR } from "../../ledger/api/assessment.ts";
import { ApiError, validationHook } from "../errors.ts";
import { DrilldownQuerySchema } from "../../ledger/api/drilldown.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { unitDrilldown } from "../assessment/drilldown-service.ts";

export const rankingRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });



rankingRoutes.openapi(
  apiRoute({
    operationId: "getRankings",
    tags: ["assessment"],
    method: "get",
    path: "/api/rankings",
    summary: "Rankings of towns/streets and departments for a period 考评排名 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery, asOf: AsOfQuery }) },
    responses: { 200: { description: "Towns first, then departments; each with its indicators and points", content: { "application/json": { schema: Named.Rankings } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    const asOf = q.asOf ?? todayInChina();
    const [{ weights, source }, units] = await Promise.all([getWeights(c.env.DB, period.label), loadUnitCounts(c.env.DB, period, asOf)]);
    const ranked = rankUnits(units, weights, DEFAULT_CONFIG);
    return c.json({ period: period.label, asOf, method: DEFAULT_CONFIG.ranking.method, weights, weightsSource: source, units: ranked }, 200);
  },
);

rankingRoutes.openapi(
  apiRoute({
    operationId: "getTrend",
    tags: ["assessment"],
    method: "get",
    path: "/api/rankings/trend",
    summary: "Trend 考评趋势: each unit's score, rank and indicators per month or quarter (assessor, coordinator: all; clerk: own unit)",
    middleware: [requireRole("clerk", "assessor", "coordinator")] as const,
    request: { query: TrendQuery },
    responses: {
      200: { description: "Towns first, then departments; one point per period, computed as GET /api/rankings computes that period", content: { "application/json": { schema: Named.Trend } } },
      400: errorResponse(400, "A span the trend does not draw (bad_request): more than 24 months, to before from, quarters not whole, quarters with by=month, or a year outside 2000–next year; details.issues names the parameter"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    let periods;
    try {
      periods = periodSpan(q.from.toUpperCase(), q.to.toUpperCase(), q.by);
    } catch (e) {
      if (!(e instanceof PeriodSpanError)) throw e;
      throw new ApiError(400, "bad_request", e.message, { issues: [{ path: e.field, message: e.message, code: "custom" }] });
    }
    const lastYear = Number(todayInChina().slice(0, 4)) + 1;
    const outside = [periods[0], periods.at(-1)!].find((p) => Number(p.start.slice(0, 4)) < FIRST_YEAR || Number(p.start.slice(0, 4)) > lastYear);
    if (outside) {
      const message = `年份须在 ${FIRST_YEAR}–${lastYear} 之间：${outside.label} Year must be between ${FIRST_YEAR} and ${lastYear}: ${outside.label}`;
      throw new ApiError(400, "bad_request", message, { issues: [{ path: outside === periods[0] ? "from" : "to", message, code: "custom" }] });
    }
    const asOf = q.asOf ?? todayInChina();
    const inputs = await loadPeriodsInputs(c.env.DB, periods, asOf);
    let units = trendLines(inputs.map((i) => ({ period: i.period.label, weights: i.weights, units: i.units })), DEFAULT_CONFIG);
    // A clerk sees their own unit's line (its score and rank among its kind, as GET /api/assessments tells them), never another's.
    const p = c.get("principal");
    if (p.role === "clerk") units = units.filter((u) => u.unit === p.unit);
    const by = periods[0].kind === "quarter" ? "quarter" as const : "month" as const;
    return c.json({
      from: periods[0].label, to: periods.at(-1)!.label, by, asOf, method: DEFAULT_CONFIG.ranking.method,
      periods: inputs.map((i) => ({ period: i.period.label, weights: i.weights, weightsSource: i.weightsSource })),
      units,
    }, 200);
  },
);

rankingRoutes.openapi(
  apiRoute({
    operationId: "getDrilldown",
    tags: ["assessment"],
    method: "get",
    path: "/api/rankings/drilldown",
    summary: "The cases behind one unit's indicators 考评明细 (clerk: own unit; assessor, coordinator: any)",
    middleware: [requireRole("clerk", "assessor", "coordinator")] as const,
    request: { query: DrilldownQuerySchema },
    responses: {
      200: { description: "Per indicator its num/den and the cases counted in them", content: { "application/json": { schema: Named.Drilldown } } },
      404: errorResponse(404, "No such unit, or not an assessed town or department"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    // A clerk naming any other unit, real or not, gets the same 403 that names only their own unit.
    const unit = await unitInScope(c.env.DB, c.get("principal"), q.unit);
    return c.json(await unitDrilldown(c.env.DB, unit, period, q.asOf ?? todayInChina()), 200);
  },
);

rankingRoutes.openapi(
  apiRoute({
    operationId: "getWeights",
    tags: ["assessment"],
    method: "get",
    path: "/api/rankings/weights",
    summary: "Composite-score weights for a period 考评权重 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: { 200: { description: "Weights and whether they were set for the period", content: { "application/json": { schema: WeightsResponseSchema } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const w = await getWeights(c.env.DB, period.label);
    return c.json({ period: period.label, weights: w.weights, source: w.source }, 200);
  },
);

rankingRoutes.openapi(
  apiRoute({
    operationId: "setWeights",
    tags: ["assessment"],
    method: "put",
    path: "/api/rankings/weights",
    summary: "Set the weights for a period 设置考评权重 (assessor)",
    middleware: [requireRole("assessor")] as const,
    request: {
      query: z.object({ period: PeriodQuery }),
      body: { required: true, content: { "application/json": { schema: WeightsBodySchema } } },
    },
    responses: { 200: { description: "The stored weights (indicators not named get 0)", content: { "application/json": { schema: WeightsResponseSchema } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    let weights;
    try {
      weights = parseWeights(c.req.valid("json").weights, { typed: true });
    } catch (e) {
      if (e instanceof WeightsError) throw new ApiError(422, "invalid_request", e.message, { issues: [{ path: "weights", message: e.message, code: "custom" }] });
      throw e;
    }
    await setWeights(c.env.DB, period.label, weights, c.get("principal").tokenId);
    return c.json({ period: period.label, weights, source: "period" as const }, 200);
  },
);
