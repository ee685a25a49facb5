import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { newToken, sha256Hex } from "../auth/token-hash.ts";
import { insertToken, listTokens, revokeToken, type Role } from "../db/tokens.ts";
import { NewTokenSchema, RevokedTokenSchema, TokensSchema } from "../../ledger/api/tokens.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { findUnitByName } from "../db/units.ts";
import { ApiError, validationHook } from "../errors.ts";
import { nowIso } from "../../ledger/clock.ts";




function info(t: { id: number; role: Role; unit: string | null; label: string | null; createdAt: string; revokedAt: string | null }) {
  return { id: t.id, role: t.role, unit: t.unit, label: t.label, createdAt: t.createdAt, revokedAt: t.revokedAt };
}

export const tokenRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

tokenRoutes.openapi(
  apiRoute({
    operationId: "createToken",
    tags: ["access"],
    method: "post",
    path: "/api/tokens",
    summary: "Issue an access token 签发令牌 (admin)",
    middleware: [requireRole("admin")] as const,
    request: { body: { required: true, content: { "application/json": { schema: NewTokenSchema } } } },
    responses: {
      201: { description: "Created; the token is shown only here", content: { "application/json": { schema: Named.CreatedToken } } },
      404: errorResponse(404, "Unknown unit"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    let unitId: number | null = null;
    if (body.unit !== undefined) {
      const unit = await findUnitByName(c.env.DB, body.unit);
      if (!unit) throw new ApiError(404, "not_found", `没有单位“${body.unit}” No such unit: ${body.unit}`);
      unitId = unit.id;
    }
    const token = newToken();
    const rec = await insertToken(c.env.DB, { hash: await sha256Hex(token), role: body.role, unitId, label: body.label ?? null });
    return c.json({ id: rec.id, role: rec.role, unit: rec.unit, label: rec.label, createdAt: rec.createdAt, token }, 201);
  },
);

tokenRoutes.openapi(
  apiRoute({
    operationId: "listTokens",
    tags: ["access"],
    method: "get",
    path: "/api/tokens",
    summary: "List access tokens 令牌列表 (admin)",
    middleware: [requireRole("admin")] as const,
    responses: {
      200: { description: "Tokens (never their values)", content: { "application/json": { schema: TokensSchema } } },
    },
  }),
  async (c) => c.json({ tokens: (await listTokens(c.env.DB)).map(info) }, 200),
);

tokenRoutes.openapi(
  apiRoute({
    operationId: "revokeToken",
    tags: ["access"],
    method: "delete",
    path: "/api/tokens/{id}",
    summary: "Revoke an access token 吊销令牌 (admin)",
    middleware: [requireRole("admin")] as const,
    request: { params: z.object({ id: z.coerce.number().int().min(1) }) },
    responses: {
      200: { description: "Revoked", content: { "application/json": { schema: RevokedTokenSchema } } },
      404: errorResponse(404, "Unknown token"),
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const revoked = await revokeToken(c.env.DB, id, nowIso());
    if (!revoked) throw new ApiError(404, "not_found", `没有编号为 ${id} 的令牌 No token with id ${id}`);
    return c.json(revoked, 200);
  },
);
