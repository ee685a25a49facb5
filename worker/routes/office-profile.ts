import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ANY_ROLE, requireRole } from "../auth/middleware.ts";
import { loadOfficeProfile, saveOfficeProfile } from "../db/office-profile.ts";
import { ApiError, validationHook } from "../errors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";

export const officeProfileRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

officeProfileRoutes.openapi(
  apiRoute({
    operationId: "getOfficeProfile",
    tags: ["access"],
    method: "get",
    path: "/api/office-profile",
    // Every role: it is the district office's letterhead, printed on every form it hands in, and says nothing of a case.
    summary: "The office's letterhead for report forms 报表落款（填报单位、联系人、联系电话） (every role)",
    middleware: [requireRole(...ANY_ROLE)] as const,
    responses: { 200: { description: "The current letterhead (version 0 and empty fields when never set), who saved it and when", content: { "application/json": { schema: Named.OfficeProfile } } } },
  }),
  async (c) => c.json(await loadOfficeProfile(c.env.DB), 200),
);

officeProfileRoutes.openapi(
  apiRoute({
    operationId: "saveOfficeProfile",
    tags: ["access"],
    method: "put",
    path: "/api/office-profile",
    summary: "Save the office's letterhead as a new version 保存报表落款 (coordinator, admin)",
    // The admin too: whoever sets up the district's Worker may fill in its letterhead before the first coordinator.
    middleware: [requireRole("coordinator", "admin")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.OfficeProfileBody } } } },
    responses: {
      200: { description: "The letterhead now in force; earlier versions are kept (the same three fields again store nothing)", content: { "application/json": { schema: Named.OfficeProfile } } },
      409: errorResponse(409, "Another version was saved after `baseVersion`"),
    },
  }),
  async (c) => {
    const { baseVersion, ...letterhead } = c.req.valid("json");
    const outcome = await saveOfficeProfile(c.env.DB, letterhead, c.get("principal").tokenId, baseVersion);
    if (outcome.kind === "changed") {
      throw new ApiError(409, "conflict", "报表落款已被他人修改，请重新读取后再保存 The letterhead was changed by someone else since you read it; load it again and redo your change");
    }
    return c.json(outcome.profile, 200);
  },
);
