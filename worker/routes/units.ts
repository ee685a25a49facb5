import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ANY_ROLE, requireRole } from "../auth/middleware.ts";
import { insertUnit, listUnits } from "../db/units.ts";
import { ApiError, validationHook } from "../errors.ts";
import { NewUnitSchema, UnitsSchema } from "../../ledger/api/units.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { cleanText } from "../../ledger/text.ts";



export const unitRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

unitRoutes.openapi(
  apiRoute({
    operationId: "listUnits",
    tags: ["access"],
    method: "get",
    path: "/api/units",
    summary: "List configured units 单位列表",
    middleware: [requireRole(...ANY_ROLE)] as const,
    responses: {
      200: { description: "Units", content: { "application/json": { schema: UnitsSchema } } },
    },
  }),
  async (c) => c.json({ units: await listUnits(c.env.DB) }, 200),
);

unitRoutes.openapi(
  apiRoute({
    operationId: "createUnit",
    tags: ["access"],
    method: "post",
    path: "/api/units",
    summary: "Add a unit 添加单位 (admin)",
    middleware: [requireRole("admin")] as const,
    request: { body: { required: true, content: { "application/json": { schema: NewUnitSchema } } } },
    responses: {
      201: { description: "Created", content: { "application/json": { schema: Named.Unit } } },
      409: errorResponse(409, "Name taken"),
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
