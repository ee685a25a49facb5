import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { PeriodQuery } from "../../ledger/api/assessment.ts";
import { SubsidyTiersBodySchema, SubsidyTiersResponseSchema } from "../../ledger/api/subsidies.ts";
import { subsidyStatement } from "../../ledger/subsidies.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";
import { getSubsidyTiers, loadSubsidyCases, setSubsidyTiers } from "../db/subsidies.ts";
import { validationHook } from "../errors.ts";

export const subsidyRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

subsidyRoutes.openapi(
  apiRoute({
    operationId: "getSubsidies",
    tags: ["subsidies"],
    method: "get",
    path: "/api/subsidies",
    summary: "A period's subsidy statement 办案补贴 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: { 200: { description: "Each mediator's payable cases and total, the district total, cases left unpriced", content: { "application/json": { schema: Named.Subsidies } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const [{ tiers, source }, cases] = await Promise.all([getSubsidyTiers(c.env.DB, period.label), loadSubsidyCases(c.env.DB, period.end)]);
    return c.json({ ...subsidyStatement(cases, period, tiers), tiersSource: source }, 200);
  },
);

subsidyRoutes.openapi(
  apiRoute({
    operationId: "getSubsidyTiers",
    tags: ["subsidies"],
    method: "get",
    path: "/api/subsidies/tiers",
    summary: "Subsidy amounts per 难易程度 for a period 补贴标准 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: { 200: { description: "The tiers and whether they were set for the period", content: { "application/json": { schema: SubsidyTiersResponseSchema } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const t = await getSubsidyTiers(c.env.DB, period.label);
    return c.json({ period: period.label, tiers: t.tiers, source: t.source }, 200);
  },
);

subsidyRoutes.openapi(
  apiRoute({
    operationId: "setSubsidyTiers",
    tags: ["subsidies"],
    method: "put",
    path: "/api/subsidies/tiers",
    summary: "Set the subsidy amounts for a period 设置补贴标准 (assessor)",
    middleware: [requireRole("assessor")] as const,
    request: {
      query: z.object({ period: PeriodQuery }),
      body: { required: true, content: { "application/json": { schema: SubsidyTiersBodySchema } } },
    },
    responses: { 200: { description: "The stored tiers", content: { "application/json": { schema: SubsidyTiersResponseSchema } } } },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const { tiers } = c.req.valid("json");
    await setSubsidyTiers(c.env.DB, period.label, tiers, c.get("principal").tokenId);
    return c.json({ period: period.label, tiers, source: "period" as const }, 200);
  },
);
