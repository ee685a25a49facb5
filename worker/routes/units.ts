import { OpenAPIHono, createRoute } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ANY_ROLE, requireRole } from "../auth/middleware.ts";
import { insertUnit, listUnits } from "../db/units.ts";
import { ApiError, errorResponses, validationHook } from "../errors.ts";
import { NewUnitSchema, UnitsSchema } from "../../ledger/api/units.ts";
import { Named } from "../openapi-names.ts";
import { cleanText } from "../../ledger/text.ts";



export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

unitRoutes.openapi(
  createRoute({
    method: "get",
    path: "/api/units",
    summary: "List configured units 单位列表",
    security: [{ bearer: [] }],
    middleware: [requireRole(...ANY_ROLE)] as const,
    responses: {
      200: { description: "Units", content: { "application/json": { schema: UnitsSchema } } },
      401: errorResponses[401],
    },
  }),
  async (c) => c.json({ units: await listUnits(c.env.DB) }, 200),
);

unitRoutes.openapi(
  createRoute({
    method: "post",
    path: "/api/units",
    summary: "Add a unit 添加单位 (admin)",
    security: [{ bearer: [] }],
    middleware: [requireRole("admin")] as const,
    request: { body: { required: true, content: { "application/json": { schema: NewUnitSchema } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: Named.Unit } } },
      ...errorResponses,
      409: { description: "Name taken", content: errorResponses[400].content },
    },
  }),
  async (c) => {
    const { name, kind } = c.req.valid("json");
    // Units made before names were cleaned may still carry invisible characters: compare them cleaned too.
    const taken = (await listUnits(c.env.DB)).find((u) => cleanText(u.name) === name);
    const unit = taken ? null : await insertUnit(c.env.DB, name, kind);
    if (!unit) throw new ApiError(409, "conflict", `单位“${name}”已存在 Unit already exists: ${name}`, taken ? { existing: taken.name } : undefined);
    return c.json(unit, 201);
  },
);
