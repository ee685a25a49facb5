import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { requireRole } from "../auth/middleware.ts";
import { flagsCompareAcrossUnits, unitInScope } from "../auth/unit-access.ts";
import { AsOfQuery, PeriodQuery } from "../../ledger/api/assessment.ts";
import { DueWithinDaysQuery, LISTED_PER_DISPUTE, flagsStoodFor } from "../../ledger/api/flags.ts";
import { Named } from "../openapi-names.ts";
import { apiRoute, errorResponse } from "../openapi-route.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { FLAG_CODES, FLAG_SEVERITIES, type FlagCode, type FlagSeverity } from "../../ledger/api/flags.ts";
import { periodContaining } from "../../ledger/period.ts";
import { caseFlags, transferFlagsFor, unitFlagsFor } from "../assessment/flags/flag-service.ts";
import { filterFlags } from "../assessment/flags/filter.ts";
import { configWith } from "../assessment/limit-settings.ts";
import { limitsInForce } from "../assessment/limits-service.ts";
import { validationHook } from "../errors.ts";
import { periodFromQuery } from "./period-query.ts";

export const flagRoutes = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });


flagRoutes.openapi(
  apiRoute({
    operationId: "listFlags",
    tags: ["flags"],
    method: "get",
    path: "/api/flags",
    summary: "Case and unit flags 预警 (clerk: own unit; coordinator: all)",
    middleware: [requireRole("clerk", "coordinator")] as const,
    request: {
      query: z.object({
        unit: z.string().min(1).max(100).optional(),
        severity: z.enum(FLAG_SEVERITIES as [FlagSeverity, ...FlagSeverity[]]).optional(),
        code: z.enum(FLAG_CODES as [FlagCode, ...FlagCode[]]).optional(),
        scope: z.enum(["case", "unit"]).optional(),
        dueWithinDays: DueWithinDaysQuery.optional(),
        period: PeriodQuery.optional().openapi({ description: "Period of the unit flags' rates (default: the quarter containing asOf)" }),
        asOf: AsOfQuery,
      }),
    },
    responses: {
      200: { description: "Most severe first; of one dispute's repeat and same-dispute flags, the latest few and how many more", content: { "application/json": { schema: Named.Flags } } },
      404: errorResponse(404, "No such unit"),
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const p = c.get("principal");
    // A clerk always sees their own unit; a coordinator sees every unit unless they name one.
    const unit = p.role === "clerk" || q.unit !== undefined ? await unitInScope(c.env.DB, p, q.unit) : null;
    const asOf = q.asOf ?? todayInChina();
    const period = q.period ? periodFromQuery(q.period) : periodContaining(asOf, "quarter");
    const unitId = unit?.id ?? null;
    // One read of the coordinator's settings for the case, unit and transfer flags alike.
    const limits = (await limitsInForce(c.env.DB, c.env.TRANSFER_RECEIPT_DAYS)).current;
    const config = configWith(limits);
    const [cases, units, transfers] = await Promise.all([
      q.scope === "unit" ? [] : caseFlags(c.env.DB, {
        today: asOf, unitId, config, acrossUnits: flagsCompareAcrossUnits(p), dueWithinDays: q.dueWithinDays, listPerDispute: LISTED_PER_DISPUTE,
      }),
      q.scope === "case" || q.dueWithinDays !== undefined ? [] : unitFlagsFor(c.env.DB, { today: asOf, period, unitId, config }),
      // Scoped to the receiving unit: another unit's clerk never learns of the transfer. No time limit runs out on a
      // transfer, so "due within N days" leaves them out.
      q.scope === "unit" || q.dueWithinDays !== undefined ? [] : transferFlagsFor(c.env.DB, { today: asOf, unitId, limitDays: limits.flags.transferReceiptDays }),
    ]);
    const flags = filterFlags([...units, ...cases, ...transfers], { severity: q.severity, code: q.code, scope: q.scope, dueWithinDays: q.dueWithinDays });
    const counts = { high: 0, medium: 0, low: 0 };
    for (const f of flags) counts[f.severity] += flagsStoodFor(f);
    return c.json({ asOf, period: period.label, counts, flags }, 200);
  },
);
