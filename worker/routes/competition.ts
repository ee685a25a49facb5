import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { AsOfQuery, PeriodQuery } from "../../ledger/api/assessment.ts";
import { ZonesBodySchema, ZonesSchema } from "../../ledger/api/competition.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { zoneRankings } from "../assessment/competition.ts";
import { DEFAULT_CONFIG } from "../assessment/config.ts";
import { rankUnits } from "../assessment/ranking.ts";
import { getWeights, loadUnitCounts } from "../db/assessment.ts";
import { listUnits } from "../db/units.ts";
import { getZones, setZones } from "../db/zones.ts";
import { ApiError, errorResponses, validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { periodFromQuery } from "./period-query.ts";

export const competitionRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

/** The zones as the API writes them. Object.fromEntries makes every name an own key, "__proto__" as much as "北片". */
const zonesJson = (zones: Map<string, string[]>) => ({ zones: Object.fromEntries(zones) });

competitionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/zones",
    summary: "片区: the towns/streets of each zone (assessor, coordinator)",
    security: [{ bearer: [] }],
    middleware: [requireRole("assessor", "coordinator")] as const,
    responses: { 200: { description: "Zone → towns", content: { "application/json": { schema: ZonesSchema } } }, ...errorResponses },
  }),
  async (c) => c.json(zonesJson(await getZones(c.env.DB)), 200),
);

competitionRoutes.openapi(
  createRoute({
    method: "put",
    path: "/api/zones",
    summary: "Set the 片区 of towns/streets, replacing the whole assignment (assessor, coordinator)",
    security: [{ bearer: [] }],
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: ZonesBodySchema } } } },
    responses: { 200: { description: "The zones now in force", content: { "application/json": { schema: ZonesSchema } } }, ...errorResponses },
  }),
  async (c) => {
    const { zones } = c.req.valid("json");
    const towns = new Set((await listUnits(c.env.DB)).filter((u) => u.kind === "town").map((u) => u.name));
    const seen = new Map<string, string>();
    const issues: { path: string; message: string; code: string }[] = [];
    for (const [zone, units] of Object.entries(zones)) {
      for (const unit of units) {
        if (!towns.has(unit)) issues.push({ path: `zones.${zone}`, code: "unknown_unit", message: `片区“${zone}”中的“${unit}”不是已配置的镇（街道）：请先添加该单位或改正名称 "${unit}" in zone "${zone}" is not a configured town/street` });
        else if (seen.has(unit) && seen.get(unit) !== zone) issues.push({ path: `zones.${zone}`, code: "duplicate_unit", message: `“${unit}”同时在片区“${seen.get(unit)}”和“${zone}”中：每个镇（街道）只能属于一个片区 "${unit}" is in zones "${seen.get(unit)}" and "${zone}": a town belongs to one zone` });
        seen.set(unit, zone);
      }
    }
    if (issues.length > 0) throw new ApiError(422, "invalid_request", issues[0].message, { issues });
    await setZones(c.env.DB, [...seen].map(([unit, zone]) => ({ unit, zone })), c.get("principal").tokenId, nowIso());
    return c.json(zonesJson(await getZones(c.env.DB)), 200);
  },
);

competitionRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/competition",
    summary: "分片竞赛: towns ranked inside each 片区 and across the district for a period (assessor, coordinator)",
    security: [{ bearer: [] }],
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery, asOf: AsOfQuery }) },
    responses: { 200: { description: "Each zone's ranking beside the district's", content: { "application/json": { schema: Named.Competition } } }, ...errorResponses },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    const asOf = q.asOf ?? todayInChina();
    const [{ weights }, units, zones] = await Promise.all([getWeights(c.env.DB, period.label), loadUnitCounts(c.env.DB, period, asOf), getZones(c.env.DB)]);
    const ranked = rankUnits(units, weights, DEFAULT_CONFIG);
    return c.json({ period: period.label, asOf, method: DEFAULT_CONFIG.ranking.method, weights, ...zoneRankings(ranked, zones) }, 200);
  },
);
