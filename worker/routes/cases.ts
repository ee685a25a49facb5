import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope, unitVisible } from "../auth/unit-access.ts";
import { deleteCase, findCase, listCases, listRevisions } from "../db/cases.ts";
import { ApiError, validationHook } from "../errors.ts";
import { CasePageSchema, CaseRevisionsSchema, DeletedCaseSchema } from "../../ledger/api/cases.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { nowIso } from "../../ledger/clock.ts";
import { CaseParams } from "./path-params.ts";

export const caseRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const caseNotFound = (unit: string, caseNo: string) => () =>
  new ApiError(404, "not_found", `没有案件 ${unit} / ${caseNo} No such case: ${unit} / ${caseNo}`);
const CASE_ROLES = ["clerk", "coordinator"] as const;

caseRoutes.openapi(
  apiRoute({
    operationId: "listCases",
    tags: ["ledger"],
    method: "get",
    path: "/api/cases",
    summary: "A unit's live cases 案件列表 (clerk: own unit)",
    middleware: [requireRole(...CASE_ROLES)] as const,
    request: {
      query: z.object({
        unit: z.string().min(1).max(100).optional(),
        inLedger: z.enum(["true", "false"]).optional(),
        after: z.string().max(100).optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      }),
    },
    responses: {
      200: { description: "One page of cases, by case number", content: { "application/json": { schema: CasePageSchema } } },
      404: errorResponse(404, "No such unit"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const unit = await unitInScope(c.env.DB, c.get("principal"), q.unit);
    const page = await listCases(c.env.DB, {
      unitId: unit.id, limit: q.limit, after: q.after, inLedger: q.inLedger === undefined ? undefined : q.inLedger === "true",
    });
    return c.json(page, 200);
  },
);

caseRoutes.openapi(
  apiRoute({
    operationId: "getCase",
    tags: ["ledger"],
    method: "get",
    path: "/api/cases/{unit}/{caseNo}",
    summary: "One case 案件 (clerk: own unit)",
    middleware: [requireRole(...CASE_ROLES)] as const,
    request: { params: CaseParams },
    responses: {
      200: { description: "The case's current version", content: { "application/json": { schema: Named.Case } } },
      404: errorResponse(404, "No such case (or another unit's)"),
    },
  }),
  async (c) => {
    const { unit: unitName, caseNo } = c.req.valid("param");
    const notFound = caseNotFound(unitName, caseNo);
    const unit = await unitVisible(c.env.DB, c.get("principal"), unitName, notFound);
    const found = await findCase(c.env.DB, unit.id, caseNo);
    if (!found) throw notFound();
    return c.json(found, 200);
  },
);


caseRoutes.openapi(
  apiRoute({
    operationId: "listCaseRevisions",
    tags: ["ledger"],
    method: "get",
    path: "/api/cases/{unit}/{caseNo}/revisions",
    summary: "Earlier versions of a case 历史版本 (clerk: own unit)",
    middleware: [requireRole(...CASE_ROLES)] as const,
    request: { params: CaseParams },
    responses: {
      200: { description: "Newest first", content: { "application/json": { schema: CaseRevisionsSchema } } },
      404: errorResponse(404, "No such case (or another unit's)"),
    },
  }),
  async (c) => {
    const { unit: unitName, caseNo } = c.req.valid("param");
    const notFound = caseNotFound(unitName, caseNo);
    const unit = await unitVisible(c.env.DB, c.get("principal"), unitName, notFound);
    const revisions = await listRevisions(c.env.DB, unit.id, caseNo);
    if (!revisions) throw notFound();
    return c.json({ revisions }, 200);
  },
);

caseRoutes.openapi(
  apiRoute({
    operationId: "deleteCase",
    tags: ["ledger"],
    method: "delete",
    path: "/api/cases/{unit}/{caseNo}",
    summary: "Delete a case (versioned) 删除案件 (clerk: own unit)",
    middleware: [requireRole(...CASE_ROLES)] as const,
    request: { params: CaseParams },
    responses: {
      200: { description: "Deleted; the previous version is kept in revisions", content: { "application/json": { schema: DeletedCaseSchema } } },
      404: errorResponse(404, "No such live case (or another unit's)"),
    },
  }),
  async (c) => {
    const { unit: unitName, caseNo } = c.req.valid("param");
    const notFound = caseNotFound(unitName, caseNo);
    const p = c.get("principal");
    const unit = await unitVisible(c.env.DB, p, unitName, notFound);
    const deleted = await deleteCase(c.env.DB, { unitId: unit.id, caseNo, tokenId: p.tokenId, now: nowIso() });
    if (!deleted) throw notFound();
    return c.json({ unit: unit.name, caseNo, ...deleted }, 200);
  },
);
