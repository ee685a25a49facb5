import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { courtCase, courtCasePage } from "../court/court-cases-service.ts";
import { ApiError, ErrorBodySchema, errorResponses, validationHook } from "../errors.ts";
import { CourtCasesQuerySchema } from "../../ledger/api/court.ts";
import { Named } from "../openapi-names.ts";
import { periodFromQuery } from "./period-query.ts";

/**
 * The court liaison's routes (法院联络员): read-only, across all units, and only the court's cases, with no one
 * named (court/court-case-view.ts). Every other case route answers the court 403 by role, before anything is looked
 * up, so a status never tells it whether a case exists.
 */
export const courtRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const errorContent = { "application/json": { schema: ErrorBodySchema } };

courtRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/court/cases",
    summary: "The court's cases of every unit 法院案件 (court liaison)",
    security: [{ bearer: [] }],
    middleware: [requireRole("court")] as const,
    request: { query: CourtCasesQuerySchema },
    responses: {
      200: { description: "One page of court cases (法院委派/委托, 立案/审判/执行, 司法确认)", content: { "application/json": { schema: Named.CourtCasePage } } },
      ...errorResponses,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = q.period === undefined ? null : periodFromQuery(q.period);
    const page = await courtCasePage(c.env.DB, { period, after: q.after ?? 0, limit: q.limit });
    return c.json({ period: period?.label ?? null, ...page }, 200);
  },
);

courtRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/court/cases/{unit}/{caseNo}",
    summary: "One court case 法院案件 (court liaison)",
    security: [{ bearer: [] }],
    middleware: [requireRole("court")] as const,
    request: { params: z.object({ unit: z.string().min(1).max(100), caseNo: z.string().min(1).max(100) }) },
    responses: {
      200: { description: "The case as the court sees it", content: { "application/json": { schema: Named.CourtCase } } },
      ...errorResponses,
      404: { description: "No such court case (absent, deleted, or not the court's: alike)", content: errorContent },
    },
  }),
  async (c) => {
    const { unit, caseNo } = c.req.valid("param");
    const found = await courtCase(c.env.DB, unit, caseNo);
    if (!found) throw new ApiError(404, "not_found", `没有法院案件 ${unit} / ${caseNo} No such court case: ${unit} / ${caseNo}`);
    return c.json(found, 200);
  },
);
