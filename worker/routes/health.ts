import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { countUnits } from "../db/health.ts";
import { validationHook } from "../errors.ts";
import { apiRoute } from "../openapi-route.ts";

export const healthRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

const HealthSchema = z.object({
  ok: z.literal(true),
  /** Configured units: proves the database answers and its migrations ran. */
  units: z.number().int().min(0),
}).openapi("Health");

healthRoutes.openapi(
  apiRoute({
    operationId: "getHealth",
    tags: ["service"],
    method: "get",
    path: "/api/health",
    summary: "Whether the Worker and its database answer 服务状态 (public)",
    responses: { 200: { description: "Up, with the number of configured units", content: { "application/json": { schema: HealthSchema } } } },
  }),
  async (c) => c.json({ ok: true as const, units: await countUnits(c.env.DB) }, 200),
);
