import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ANY_ROLE, requireRole } from "../auth/middleware.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute } from "../openapi-route.ts";
import { validationHook } from "../errors.ts";
import { configuredBudgetMs, rowsPerChunk } from "../push/chunk-budget.ts";

export const meRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

meRoutes.openapi(
  apiRoute({
    operationId: "getMe",
    tags: ["access"],
    method: "get",
    path: "/api/me",
    summary: "Who this token is 当前令牌",
    middleware: [requireRole(...ANY_ROLE)] as const,
    responses: {
      200: {
        description: "The caller",
        content: { "application/json": { schema: Named.Me } },
      },
    },
  }),
  (c) => {
    const p = c.get("principal");
    return c.json({
      role: p.role, unit: p.unit, tokenId: p.tokenId, label: p.label,
      pushRowsPerChunk: rowsPerChunk(configuredBudgetMs(c.env.PUSH_CPU_BUDGET_MS)),
    }, 200);
  },
);
