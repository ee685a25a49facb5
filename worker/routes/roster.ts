import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { unitInScope } from "../auth/unit-access.ts";
import { listMediators, writeRoster } from "../db/mediators.ts";
import { listUnits } from "../db/units.ts";
import { validationHook } from "../errors.ts";
import { checkRoster } from "../mentors/roster-push.ts";
import { RosterSchema } from "../../ledger/api/mentors.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { nowIso } from "../../ledger/clock.ts";

export const rosterRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });



const sameStored = (a: { tier: string; background: string | null; expertise: string[]; capacity: number; active: boolean; phone: string | null }, b: typeof a) =>
  a.tier === b.tier && a.background === b.background && JSON.stringify(a.expertise) === JSON.stringify(b.expertise) &&
  a.capacity === b.capacity && a.active === b.active && a.phone === b.phone;

rosterRoutes.openapi(
  apiRoute({
    operationId: "pushRoster",
    tags: ["mediators"],
    method: "put",
    path: "/api/roster",
    summary: "Push the mediator roster 推送调解员名册 (coordinator: whole district; clerk: own unit's mediators)",
    middleware: [requireRole("clerk", "coordinator")] as const,
    request: { body: { required: true, content: { "application/json": { schema: Named.RosterPush } } } },
    responses: {
      200: { description: "What was stored; rows with errors were not", content: { "application/json": { schema: Named.RosterReceipt } } },
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const p = c.get("principal");
    const ownUnit = p.role === "clerk" ? await unitInScope(c.env.DB, p, undefined) : null;
    const [units, stored] = await Promise.all([listUnits(c.env.DB), listMediators(c.env.DB, ownUnit?.id ?? null)]);
    const checked = checkRoster(body, { units: new Map(units.map((u) => [u.name, u.id])), ownUnit, locale: body.locale });

    const byKey = new Map(stored.map((m) => [`${m.unitId}\u0000${m.name}`, m]));
    const counts = { inserted: 0, updated: 0, unchanged: 0, deactivated: 0, rejected: checked.rejectedRows.length };
    const carried = new Set<string>();
    const writes = [];
    for (const a of checked.accepted) {
      const key = `${a.unitId}\u0000${a.mediator.name}`;
      carried.add(key);
      const old = byKey.get(key);
      if (old && sameStored(old, a.mediator)) {
        counts.unchanged++;
        continue;
      }
      if (old) counts.updated++;
      else counts.inserted++;
      writes.push({ unitId: a.unitId, row: a.mediator });
    }
    const dropped = body.wholeRoster
      ? stored.filter((m) => m.active && !carried.has(`${m.unitId}\u0000${m.name}`) && !checked.rejectedNames.has(m.name))
      : [];
    counts.deactivated = dropped.length;
    await writeRoster(c.env.DB, { rows: writes, deactivateIds: dropped.map((m) => m.id), tokenId: p.tokenId, now: nowIso() });
    return c.json({
      wholeRoster: body.wholeRoster,
      scope: ownUnit?.name ?? null,
      counts,
      issues: checked.issues,
      rejectedRows: checked.rejectedRows,
      deactivated: dropped.map((m) => ({ name: m.name, unit: m.unit })),
    }, 200);
  },
);

rosterRoutes.openapi(
  apiRoute({
    operationId: "getRoster",
    tags: ["mediators"],
    method: "get",
    path: "/api/roster",
    summary: "The mediator roster 调解员名册 (coordinator: all or ?unit=; clerk: own unit)",
    middleware: [requireRole("clerk", "coordinator")] as const,
    request: { query: z.object({ unit: z.string().min(1).max(100).optional() }) },
    responses: {
      200: { description: "Mediators, active and inactive", content: { "application/json": { schema: RosterSchema } } },
      404: errorResponse(404, "No such unit"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const p = c.get("principal");
    const unit = p.role === "clerk" || q.unit !== undefined ? await unitInScope(c.env.DB, p, q.unit) : null;
    const mediators = await listMediators(c.env.DB, unit?.id ?? null);
    return c.json({ mediators: mediators.map(({ unitId: _u, unitKind: _k, ...m }) => m) }, 200);
  },
);
