import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { AsOfQuery, PeriodQuery } from "../../ledger/api/assessment.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { configInForce } from "../assessment/limits-service.ts";
import { MEDIATOR_STANDARD, mediatorResults } from "../assessment/mediator-results.ts";
import { loadMediatorInputs } from "../db/mediator-results.ts";
import { validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";

export const mediatorResultRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

mediatorResultRoutes.openapi(
  apiRoute({
    operationId: "getMediatorResults",
    tags: ["mediators"],
    method: "get",
    path: "/api/mediators/results",
    summary: "Results per mediator for a period, ranked within each tier 调解员考评 (assessor, coordinator)",
    middleware: [requireRole("assessor", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery, asOf: AsOfQuery }) },
    responses: { 200: { description: "Each active mediator's cases, success, on time and review mean, with gold / falling-behind standing", content: { "application/json": { schema: Named.MediatorResults } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    const asOf = q.asOf ?? todayInChina();
    const [inputs, config] = await Promise.all([loadMediatorInputs(c.env.DB, period), configInForce(c.env.DB)]);
    const mediators = mediatorResults(inputs.roster, inputs.cases, inputs.reviews, period, asOf, config);
    return c.json({ period: period.label, asOf, standard: MEDIATOR_STANDARD as unknown as Record<string, Record<string, number>>, mediators }, 200);
  },
);
