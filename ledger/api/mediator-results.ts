/** Results per mediator as the API returns them (GET /api/mediators/results; worker/assessment/mediator-results.ts). */
import { z } from "zod";

const rate = z.number().nullable();
/** Counts, rate and 95 % Wilson interval of one indicator; null rate when there is nothing to measure. */
export const IndicatorValueSchema = z.object({ num: z.number(), den: z.number(), rate, low: rate, high: rate, target: z.number().nullable(), meetsTarget: z.boolean().nullable() });

export const STANDINGS = ["gold", "behind"] as const;

export const MediatorResultSchema = z.object({
  name: z.string(),
  unit: z.string(),
  tier: z.string(),
  cases: z.number().int().describe("Accepted cases received in the period"),
  concluded: z.number().int(),
  success: IndicatorValueSchema,
  onTime: IndicatorValueSchema,
  review: IndicatorValueSchema.describe("Mean 评查 score as a rate of 100"),
  rankInTier: z.number().int().nullable(),
  standing: z.enum(STANDINGS).nullable().describe("gold: meets the 金牌 standard; behind: falling behind; null: neither"),
  reasons: z.array(z.object({ zh: z.string(), en: z.string() })),
});
export type MediatorResult = z.infer<typeof MediatorResultSchema>;

export const MediatorResultsSchema = z.object({
  period: z.string(),
  asOf: z.string(),
  /** The thresholds behind `standing`, so a reader can check them. */
  standard: z.record(z.string(), z.record(z.string(), z.number())),
  mediators: z.array(MediatorResultSchema),
});
export type MediatorResults = z.infer<typeof MediatorResultsSchema>;
