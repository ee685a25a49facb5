import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { AsOfQuery, PeriodQuery } from "../../ledger/api/assessment.ts";
import { nowIso, todayInChina } from "../../ledger/clock.ts";
import { readAssignments, storeAssignments } from "../db/assignments.ts";
import { ApiError, validationHook } from "../errors.ts";
import { computeAssignments } from "../mentors/assignment-service.ts";
import { splitLines } from "../mentors/views.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";

export const mentorRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });



mentorRoutes.openapi(
  apiRoute({
    operationId: "computeMentorAssignments",
    tags: ["mediators"],
    method: "post",
    path: "/api/mentors/assignments",
    summary: "Compute and store a period's mentor assignments 计算导师安排 (coordinator)",
    middleware: [requireRole("coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery, asOf: AsOfQuery }) },
    responses: { 200: { description: "The stored computation (replaces the period's previous one)", content: { "application/json": { schema: Named.MentorAssignments } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const period = periodFromQuery(q.period);
    const computed = await computeAssignments(c.env.DB, period.label, q.asOf ?? todayInChina());
    const { input, result, lines, asOf } = computed;
    const run = {
      period: period.label,
      computedAt: nowIso(),
      asOf,
      objective: result.objective,
      summary: { mentors: input.mentors.length, stars: input.stars.length, cases: lines.filter((l) => l.kind === "case" && l.slot === 1).length, towns: input.towns.length, assigned: result.assignments.length, unassigned: lines.length - result.assignments.length },
    };
    await storeAssignments(c.env.DB, run, lines, c.get("principal").tokenId);
    return c.json({ ...run, scope: null, ...splitLines(period.label, lines) }, 200);
  },
);

mentorRoutes.openapi(
  apiRoute({
    operationId: "getMentorAssignments",
    tags: ["mediators"],
    method: "get",
    path: "/api/mentors/assignments",
    summary: "A period's stored mentor assignments 导师安排 (coordinator: all; clerk: own unit's cases, visits, mediators)",
    middleware: [requireRole("clerk", "coordinator")] as const,
    request: { query: z.object({ period: PeriodQuery }) },
    responses: {
      200: { description: "Cases first, then visits, then pairings", content: { "application/json": { schema: Named.MentorAssignments } } },
      404: errorResponse(404, "Not computed for this period yet"),
    },
  }),
  async (c) => {
    const period = periodFromQuery(c.req.valid("query").period);
    const p = c.get("principal");
    const unit = p.role === "clerk" ? await unitInScope(c.env.DB, p, undefined) : null;
    const stored = await readAssignments(c.env.DB, period.label, unit?.id ?? null);
    if (!stored) {
      throw new ApiError(404, "not_found", `${period.label} 的导师安排尚未计算：请协调员先计算（tiaojie mentors --period ${period.label} --compute） No mentor assignments computed for ${period.label} yet: a coordinator computes them first (tiaojie mentors --period ${period.label} --compute)`);
    }
    return c.json({ ...stored.run, scope: unit?.name ?? null, ...splitLines(period.label, stored.lines) }, 200);
  },
);
