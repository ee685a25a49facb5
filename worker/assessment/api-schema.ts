import { z } from "@hono/zod-openapi";
import { INDICATOR_KEYS } from "./config.ts";
import { FLAG_CODES, FLAG_SEVERITIES } from "./flags/codes.ts";
import { parsePeriod, PeriodError, type Period } from "./period.ts";

/** Request/response schemas of the assessment routes (also the OpenAPI description). */
export const PeriodQuery = z.string().min(4).max(10).openapi({ example: "2026-Q3", description: "2026-05 | 2026-Q2 | 2026" });
export const AsOfQuery = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD")
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
