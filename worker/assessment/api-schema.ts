import { z } from "@hono/zod-openapi";
import { INDICATOR_KEYS } from "./config.ts";
import { FLAG_CODES, FLAG_SEVERITIES } from "./flags/codes.ts";
import { parsePeriod, PeriodError, type Period } from "./period.ts";
import { todayInChina } from "../../ledger/today.ts";

/**
 * Years a period or an as-of day may name. Nothing was assessed before 2000 (the ledgers start far later); a year
 * ahead lets a coordinator prepare the next period. Anything else is a typo (1970, 2206), not a question.
 */
const FIRST_YEAR = 2000;
function lastYear(): number {
  return Number(todayInChina().slice(0, 4)) + 1;
}

function yearIssue(year: number): string | null {
  const last = lastYear();
  if (year >= FIRST_YEAR && year <= last) return null;
  return `年份须在 ${FIRST_YEAR}–${last} 之间 Year must be between ${FIRST_YEAR} and ${last}`;
}

/** Request/response schemas of the assessment routes (also the OpenAPI description). */
export const PeriodQuery = z
  .string()
  .min(4)
  .max(10)
  .superRefine((label, ctx) => {
    const r = periodOrIssue(label);
    const message = "message" in r ? r.message : yearIssue(Number(r.period.start.slice(0, 4)));
    if (message) ctx.addIssue({ code: "custom", message });
  })
  .openapi({ example: "2026-Q3", description: `2026-05 | 2026-Q2 | 2026 (years ${FIRST_YEAR} to next year)` });

export const AsOfQuery = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
  .superRefine((day, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return; // the regex has said so
    // A real calendar day: Date.UTC rolls 2026-02-30 over to March, so the round trip tells.
    const [y, m, d] = day.split("-").map(Number);
    const real = new Date(Date.UTC(y, m - 1, d)).toISOString().slice(0, 10) === day;
    const message = real ? yearIssue(y) : `不是真实的日期：${day} Not a real calendar day: ${day}`;
    if (message) ctx.addIssue({ code: "custom", message });
  })
  .optional()
  .openapi({ description: "Evaluate as of this day (default: today, China time)", example: "2026-10-01" });

/** Parses a period or says why not, in the API's 422 shape. */
export function periodOrIssue(label: string): { period: Period } | { message: string } {
  try {
    return { period: parsePeriod(label) };
  } catch (e) {
    if (e instanceof PeriodError) return { message: e.message };
    throw e;
  }
}

const rate = z.number().nullable();
export const IndicatorSchema = z
  .object({
    num: z.number(), den: z.number(), rate, low: rate, high: rate,
    target: z.number().nullable(), meetsTarget: z.boolean().nullable(),
    weight: z.number(), effectiveWeight: z.number(), basis: rate, points: z.number(),
  })
  .openapi("ScoredIndicator");

export const RankedUnitSchema = z
  .object({
    unit: z.string(),
    kind: z.enum(["town", "department"]),
    rank: z.number().int().nullable(),
    score: z.number().nullable(),
    indicators: z.object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, IndicatorSchema])) as Record<(typeof INDICATOR_KEYS)[number], typeof IndicatorSchema>),
    missing: z.array(z.enum(INDICATOR_KEYS)),
  })
  .openapi("RankedUnit");

export const WeightsSchema = z
  .object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, z.number().min(0).max(100)])) as Record<(typeof INDICATOR_KEYS)[number], z.ZodNumber>)
  .openapi("Weights");

export const FlagSchema = z
  .object({
    code: z.enum(FLAG_CODES as [string, ...string[]]),
    severity: z.enum(FLAG_SEVERITIES as [string, ...string[]]),
    scope: z.enum(["case", "unit"]),
    unit: z.string(),
    caseNo: z.string().nullable(),
    facts: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    message: z.object({ zh: z.string(), en: z.string() }),
  })
  .openapi("Flag");
