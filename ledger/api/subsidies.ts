/** Subsidy statements (以案定补 / 以奖代补, DOMAIN §7) as the API returns them; the rules are ledger/subsidies.ts. */
import { z } from "zod";
import { COMPLEXITIES, type Complexity } from "../choices.ts";
import { hasAtMostDecimals } from "./decimals.ts";

const Bilingual = z.object({ zh: z.string(), en: z.string() });
const Yuan = z.number().min(0).max(1_000_000);

/** 元 per case by 难易程度. */
export const SubsidyTiersSchema = z.object(Object.fromEntries(COMPLEXITIES.map((c) => [c, Yuan])) as Record<Complexity, typeof Yuan>);

export const TIER_SOURCES = ["period", "default"] as const;

/** GET /api/subsidies/tiers?period= and the answer to PUT. */
export const SubsidyTiersResponseSchema = z.object({ period: z.string(), tiers: SubsidyTiersSchema, source: z.enum(TIER_SOURCES) });
export type SubsidyTiersResponse = z.infer<typeof SubsidyTiersResponseSchema>;

/** The most one case may be paid (元): far above any office's tiers (a few hundred), far below a typing slip's. */
export const MAX_TIER_YUAN = 100_000;
const TIER_RULE = `须为 0–${MAX_TIER_YUAN.toLocaleString("en-US")} 元、精确到分（最多两位小数），如 150 或 150.5 must be 0–${MAX_TIER_YUAN.toLocaleString("en-US")} yuan to the fen (at most 2 decimals), e.g. 150 or 150.5`;
/** A tier as the office sets it: whole fen (元 with at most two decimals), 0 to MAX_TIER_YUAN. */
const TierYuan = z.number(TIER_RULE).min(0, TIER_RULE).max(MAX_TIER_YUAN, TIER_RULE).refine((v) => hasAtMostDecimals(v, 2), TIER_RULE);

/** PUT /api/subsidies/tiers?period=: every tier, in 元 to the fen, 0 to 100,000. */
export const SubsidyTiersBodySchema = z.object({
  tiers: z.object(Object.fromEntries(COMPLEXITIES.map((c) => [c, TierYuan])) as Record<Complexity, typeof TierYuan>),
});

export const SubsidyLineSchema = z.object({
  mediator: z.string(),
  unit: z.string(),
  caseNo: z.string(),
  tier: z.enum(COMPLEXITIES),
  amount: z.number().describe("This mediator's share in 元"),
  caseAmount: z.number().describe("The whole case's amount in 元"),
  sharedBy: z.number().int(),
  payableOn: z.string(),
});

/** GET /api/subsidies?period=: the district's statement (assessor, coordinator). */
export const SubsidiesSchema = z.object({
  period: z.string(),
  tiers: SubsidyTiersSchema,
  tiersSource: z.enum(TIER_SOURCES),
  mediators: z.array(z.object({ mediator: z.string(), unit: z.string(), cases: z.number().int(), amount: z.number() })),
  total: z.number(),
  lines: z.array(SubsidyLineSchema),
  unpriced: z.array(z.object({ unit: z.string(), caseNo: z.string(), payableOn: z.string(), reason: Bilingual })),
});
export type Subsidies = z.infer<typeof SubsidiesSchema>;
