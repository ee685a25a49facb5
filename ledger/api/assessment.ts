/** Assessment and rankings as the API takes and returns them (docs/API.md § Assessments; docs/ASSESSMENT.md). */
import { z } from "zod";
import { parsePeriod, PeriodError } from "../period.ts";
import { todayInChina } from "../clock.ts";
import { INDICATOR_KEYS, type IndicatorKey } from "./indicators.ts";
import { refusingProtoKey } from "./json-keys.ts";

/**
 * Years a period or an as-of day may name. Nothing was assessed before 2000 (the ledgers start far later); a year
 * ahead lets a coordinator prepare the next period. Anything else is a typo (1970, 2206), not a question.
 */
export const FIRST_YEAR = 2000;
function lastYear(): number {
  return Number(todayInChina().slice(0, 4)) + 1;
}

function yearIssue(year: number): string | null {
  const last = lastYear();
  if (year >= FIRST_YEAR && year <= last) return null;
  return `年份须在 ${FIRST_YEAR}–${last} 之间 Year must be between ${FIRST_YEAR} and ${last}`;
}

/** ?period=: "2026-05" (month), "2026-Q2" (quarter), "2026" (year); parsed with ledger/period.ts. */
export const PeriodQuery = z
  .string()
  .min(4)
  .max(10)
  .superRefine((label, ctx) => {
    let message: string | null;
    try {
      message = yearIssue(Number(parsePeriod(label).start.slice(0, 4)));
    } catch (e) {
      if (!(e instanceof PeriodError)) throw e;
      message = e.message;
    }
    if (message) ctx.addIssue({ code: "custom", message });
  })
  .meta({ example: "2026-Q3", description: `2026-05 | 2026-Q2 | 2026 (years ${FIRST_YEAR} to next year)` });

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
  .meta({ description: "Evaluate as of this day (default: today, China time)", example: "2026-10-01" });

export const RANKING_METHODS = ["wilson-lower", "shrinkage"] as const;
export type RankingMethod = (typeof RANKING_METHODS)[number];

const rate = z.number().nullable();
/** One indicator of one unit: its counts, rate, 95 % Wilson interval, target, weight and the points it earned. */
export const ScoredIndicatorSchema = z.object({
  num: z.number(), den: z.number(), rate, low: rate, high: rate,
  target: z.number().nullable(), meetsTarget: z.boolean().nullable(),
  weight: z.number(), effectiveWeight: z.number(), basis: rate, points: z.number(),
});
export type ScoredIndicator = z.infer<typeof ScoredIndicatorSchema>;

const perIndicator = <T extends z.ZodType>(schema: T) =>
  z.object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, schema])) as Record<IndicatorKey, T>);

export const RankedUnitSchema = z.object({
  unit: z.string(),
  kind: z.enum(["town", "department"]),
  rank: z.number().int().nullable(),
  score: z.number().nullable(),
  indicators: perIndicator(ScoredIndicatorSchema),
  missing: z.array(z.enum(INDICATOR_KEYS)),
});
export type RankedUnit = z.infer<typeof RankedUnitSchema>;

export const WeightsSchema = perIndicator(z.number().min(0).max(100));
export type Weights = z.infer<typeof WeightsSchema>;
export const WEIGHT_SOURCES = ["period", "default"] as const;

export const RankingsSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  method: z.enum(RANKING_METHODS),
  weights: WeightsSchema,
  weightsSource: z.enum(WEIGHT_SOURCES),
  units: z.array(RankedUnitSchema),
});
export type Rankings = z.infer<typeof RankingsSchema>;

export const WeightsResponseSchema = z.object({ period: z.string(), weights: WeightsSchema, source: z.enum(WEIGHT_SOURCES) });
export type WeightsResponse = z.infer<typeof WeightsResponseSchema>;
/** PUT /api/weights: checked by the Worker (worker/assessment/config.ts parseWeights) for a message naming the key. */
export const WeightsBodySchema = z.object({
  weights: refusingProtoKey(z.record(z.string(), z.unknown()), `权重无效：未知指标 unknown indicator "__proto__"（可用 allowed: ${INDICATOR_KEYS.join(", ")}）`),
});

export const AssessmentSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  method: z.enum(RANKING_METHODS),
  weights: WeightsSchema,
  /** Units of the same kind that were ranked (so "rank 3 of 7" can be said). */
  rankedInKind: z.number().int(),
  assessment: RankedUnitSchema,
  definitions: z.record(z.string(), z.object({ zh: z.string(), en: z.string(), definitionZh: z.string(), definitionEn: z.string() })),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

/** POST /api/assessments/reviews: a case-file review (案件质量评查) score. */
export const ReviewSchema = z.object({
  unit: z.string().min(1).max(100),
  caseNo: z.string().min(1).max(100),
  reviewedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
  score: z.number().min(0).max(100),
  dimensions: z.record(z.string().max(50), z.number().min(0).max(100)).nullable().optional(),
  reviewer: z.string().max(100).nullable().optional(),
});
export type Review = z.infer<typeof ReviewSchema>;
