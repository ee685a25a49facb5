import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { DigestQuerySchema } from "../../ledger/api/digest.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { jointMeetingDigest } from "../assessment/digest-service.ts";
import { validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute } from "../openapi-route.ts";
import { periodFromQuery } from "./period-query.ts";

/**
 * The joint-meeting digest (府院联席会议材料): district-wide figures for the centre and 区法院. The court liaison gets the
 * same figures, but its lists name only the cases in its scope (court-referred, 司法确认); a clerk never reads it (it
 * counts every unit's cases).
 */
export const digestRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

digestRoutes.openapi(
  apiRoute({
    operationId: "getDigest",
    tags: ["court"],
    method: "get",
    path: "/api/digest",
    summary: "The joint-meeting digest for a period 府院联席会议材料 (coordinator, court liaison, assessor)",
    middleware: [requireRole("coordinator", "court", "assessor")] as const,
    request: { query: DigestQuerySchema },
    responses: {
      200: { description: "Seven sections: court-referred cases, success rates, 司法确认, overdue cases, commitments, repeat disputes, respondent agencies", content: { "application/json": { schema: Named.Digest } } },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const caseLists = c.get("principal").role === "court" ? "court" : "district";
    return c.json(await jointMeetingDigest(c.env.DB, periodFromQuery(q.period), q.asOf ?? todayInChina(), caseLists), 200);
  },
);
