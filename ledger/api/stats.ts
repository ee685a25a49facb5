/**
 * GET /api/stats?period=&group=: 诉源分析 cross-tables, the month-by-month trend and the figures of the 月报
 * (docs/API.md § Statistics). Every count uses the assessment's definition of "counted in a period"
 * (ledger/counting.ts): received by receivedOn, concluded and their outcomes by closedOn, so the tables' totals
 * equal the rankings' counts for the same period and units.
 */
import { z } from "zod";
import { PeriodQuery } from "./assessment.ts";

/**
 * Which units: the whole district (omitted), towns/streets ("town"), departments ("department") or one 片区
 * ("zone:东片"). A clerk always gets their own unit, whatever is asked.
 */
export const StatsGroupQuery = z
  .string()
  .trim()
  .min(1)
  .max(110)
  .regex(/^(town|department|zone:.+)$/, "town | department | zone:<片区名>")
  .meta({ example: "town", description: "town | department | zone:<片区名>; omitted: the whole district" });

export const StatsQuery = z.object({ period: PeriodQuery, group: StatsGroupQuery.optional() });

/** Outcomes of concluded cases (the final statuses), in the order the tables show them. */
export const STATS_OUTCOMES = ["调解成功", "调解不成", "终止", "撤回", "移送裁判"] as const;
/** A case whose domain, source, stage or respondent is blank is counted under this label, never dropped. */
export const BLANK_LABEL = "（未填）";

/**
 * A cross-table: cells[r][c] counts the cases of row label r and column label c; totals are the sums. `measure`
 * says which cases: "received" (收案, by receivedOn) or "concluded" (办结, by closedOn).
 */
export const CrossTableSchema = z.object({
  measure: z.enum(["received", "concluded"]),
  rows: z.array(z.string()),
  cols: z.array(z.string()),
  cells: z.array(z.array(z.number().int())),
  rowTotals: z.array(z.number().int()),
  colTotals: z.array(z.number().int()),
  total: z.number().int(),
});
export type CrossTable = z.infer<typeof CrossTableSchema>;

/** The month's (or period's) figures of one row of the 月报. 在办: accepted, received before the period ended, not concluded by then. */
export const StatsFiguresSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int(),
  concluded: z.number().int(),
  successes: z.number().int(),
  /** 调解不成 + 终止: the success rate's denominator less the successes (撤回 and 移送裁判 are neither). */
  failures: z.number().int(),
  open: z.number().int(),
  /** successes ÷ (successes + failures), null when nothing counted. */
  successRate: z.number().nullable(),
});
export type StatsFigures = z.infer<typeof StatsFiguresSchema>;

export const StatsLineSchema = StatsFiguresSchema.extend({ label: z.string() });
export type StatsLine = z.infer<typeof StatsLineSchema>;

export const StatsSchema = z.object({
  period: z.string(),
  /** The group asked for and the units it covers (towns/streets and departments, as the rankings). */
  group: z.object({ kind: z.enum(["district", "town", "department", "zone", "unit"]), name: z.string().nullable() }),
  units: z.array(z.string()),
  /**
   * Which of `units` are towns/streets (镇/街道); the others are departments (区直部门). The domain × unit table prints
   * towns and departments as separate sheets, as the rankings rank them separately.
   */
  towns: z.array(z.string()),
  totals: StatsFiguresSchema,
  tables: z.object({
    domainByUnit: CrossTableSchema,
    respondentByDomain: CrossTableSchema,
    sourceByOutcome: CrossTableSchema,
    stageByOutcome: CrossTableSchema,
  }),
  /** One point per month: the period's months (a month: it and the 11 before it, for context). */
  trend: z.array(StatsFiguresSchema.extend({ month: z.string() })),
  /** The 月报's rows: by source and by domain, each row with the same figures as the totals. */
  bySource: z.array(StatsLineSchema),
  byDomain: z.array(StatsLineSchema),
});
export type Stats = z.infer<typeof StatsSchema>;
