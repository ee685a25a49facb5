/** GET /api/rankings/trend: each unit's composite score, rank and indicators per month or quarter (docs/API.md § Trend). */
import { z } from "zod";
import { INDICATOR_KEYS, type IndicatorKey } from "./indicators.ts";
import { AsOfQuery, RANKING_METHODS, WeightsSchema, WEIGHT_SOURCES } from "./assessment.ts";
import { TREND_GRANULARITIES } from "../period-span.ts";

/** A month or a quarter of 2000–2099 (q as Q); the trend refuses a year outside 2000–next year with a 400. */
const SpanEnd = z.string().regex(/^20\d{2}-(0[1-9]|1[0-2]|[Qq][1-4])$/, "2026-01 | 2026-Q1").meta({ example: "2026-01" });

/** ?from=2026-01&to=2026-06[&by=month|quarter][&asOf=]: by defaults to quarter when both ends are quarters, else month. */
export const TrendQuery = z.object({
  from: SpanEnd,
  to: SpanEnd.meta({ example: "2026-06" }),
  by: z.enum(TREND_GRANULARITIES).optional(),
  asOf: AsOfQuery,
});

const rate = z.number().nullable();
/** One indicator of one unit in one period: counts and rate (rankings carry the interval, weight and points). */
export const TrendIndicatorSchema = z.object({ num: z.number(), den: z.number(), rate });

export const TrendPointSchema = z.object({
  period: z.string(),
  /** Rank within the unit's kind that period (1, 2, 2, 4); null without scored data. */
  rank: z.number().int().nullable(),
  /** Units of the same kind ranked that period, so "3rd of 7" can be said. */
  ranked: z.number().int(),
  score: z.number().nullable(),
  indicators: z.object(Object.fromEntries(INDICATOR_KEYS.map((k) => [k, TrendIndicatorSchema])) as Record<IndicatorKey, typeof TrendIndicatorSchema>),
});
export type TrendPoint = z.infer<typeof TrendPointSchema>;

export const TrendSchema = z.object({
  from: z.string(),
  to: z.string(),
  by: z.enum(TREND_GRANULARITIES),
  asOf: z.string(),
  method: z.enum(RANKING_METHODS),
  /** The periods in order, each with the weights its scores were computed with. */
  periods: z.array(z.object({ period: z.string(), weights: WeightsSchema, weightsSource: z.enum(WEIGHT_SOURCES) })),
  /** Towns/streets first, then departments; within each, by the last period's rank. A clerk gets their own unit only. */
  units: z.array(z.object({ unit: z.string(), kind: z.enum(["town", "department"]), points: z.array(TrendPointSchema) })),
});
export type Trend = z.infer<typeof TrendSchema>;
