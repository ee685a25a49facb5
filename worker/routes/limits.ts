import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { defaultLimitSettings } from "../assessment/limit-settings.ts";
import { limitsInForce, saveLimits } from "../assessment/limits-service.ts";
import { ApiError, validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";

export const limitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

limitRoutes.openapi(
  apiRoute({
    operationId: "getLimits",
    tags: ["flags"],
    method: "get",
    path: "/api/settings/limits",
    // A clerk reads them too: they are the district's rules for the clerk's own cases (when one is overdue or due
    // soon) and say nothing about another unit.
    summary: "Time limits and flag thresholds in force 时限与预警设置 (clerk, coordinator, assessor)",
    middleware: [requireRole("clerk", "coordinator", "assessor")] as const,
    responses: { 200: { description: "Current values, the defaults, and who saved the current version when", content: { "application/json": { schema: Named.Limits } } } },
  }),
  async (c) => c.json(await limitsInForce(c.env.DB, c.env.TRANSFER_RECEIPT_DAYS), 200),
);

limitRoutes.openapi(
  apiRoute({
    operationId: "saveLimits",
    tags: ["flags"],
    method: "put",
    path: "/api/settings/limits",
    summary: "Save time limits and flag thresholds as a new version 保存时限与预警设置 (coordinator)",
    middleware: [requireRole("coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.LimitsBody } } } },
    responses: {
      200: { description: "The settings now in force; earlier versions are kept", content: { "application/json": { schema: Named.Limits } } },
      409: errorResponse(409, "Another version was saved after `baseVersion`"),
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const outcome = await saveLimits(c.env.DB, body.settings, c.get("principal").tokenId, body.baseVersion);
    if (outcome.kind === "changed") {
      throw new ApiError(409, "conflict", "时限与预警设置已被他人修改，请重新读取后再保存 The settings were changed by someone else since you read them; load them again and redo your change");
    }
    const p = c.get("principal");
    return c.json({
      version: outcome.version, current: body.settings, defaults: defaultLimitSettings(c.env.TRANSFER_RECEIPT_DAYS),
      changedBy: p.tokenId === null ? null : { tokenId: p.tokenId, label: p.label }, changedAt: outcome.createdAt,
    }, 200);
  },
);
