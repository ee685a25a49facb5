/**
 * Results per mediator and period (#15: 调解员考评): cases, success rate and on-time rate with their intervals,
 * 评查 mean; ranked among mediators of the same tier; and the coordinator's two lists — who meets the gold (金牌)
 * standard and who is falling behind — each with the figures behind it. Pure: the service feeds it the roster,
 * the period's cases and reviews.
 *
 * A case counts for every mediator its cell names (林志强、王芳 counts for both), matched by name within the case's
 * unit — or in any unit when the roster has that name once. The gold standard and the falling-behind rule are
 * product decisions written down in MEDIATOR_STANDARD (the policy names the programme, not its thresholds).
 */
import type { Period } from "../../ledger/period.ts";
import { mediatorsOf } from "../../ledger/subsidies.ts";
import { DEFAULT_CONFIG, type AssessmentConfig } from "./config.ts";
import { countCaseIndicators, indicatorValue, type AssessedCase, type IndicatorValue } from "./indicators.ts";
import { judge } from "../../ledger/target-judgment.ts";

export const MEDIATOR_STANDARD = {
  gold: {
    /** Enough concluded cases in the period to judge at all. */
    minConcluded: 10,
    /** The success target, and an interval whose lower end is not far below it. */
    success: 0.8,
    successLow: 0.6,
    onTime: 0.9,
    /** Mean 评查 score, where the mediator's cases were reviewed. */
    review: 0.85,
  },
  behind: {
    /** The whole 95 % interval below the success target: not bad luck. */
    successHigh: 0.8,
    onTime: 0.6,
    /** Cases counted before a rate may put anyone behind (0 of 1 has an upper bound of 79 %: that is no verdict). */
    minCases: 5,
    review: 0.6,
  },
} as const;

export interface RosterMediator {
  name: string;
  unit: string;
  tier: string;
}

export interface MediatorCase extends AssessedCase {
  unit: string;
  caseNo: string;
  mediator: string | null;
}

export interface MediatorReview {
  unit: string;
  caseNo: string;
  score: number;
}

export type Standing = "gold" | "behind" | null;

export interface MediatorResult {
  name: string;
  unit: string;
  tier: string;
  /** Accepted cases received in the period. */
  cases: number;
  concluded: number;
  success: IndicatorValue;
  onTime: IndicatorValue;
  /** Mean 评查 score as a rate of 100 (num = points, den = 100 per review). */
  review: IndicatorValue;
  /** Rank within the tier by the success interval's lower end, then on time; null without a concluded case. */
  rankInTier: number | null;
  standing: Standing;
  /** Why the standing: the figures that decided it. */
  reasons: { zh: string; en: string }[];
}

const pct = (x: number | null) => (x == null ? "—" : `${Math.round(x * 100)}%`);

function standingOf(r: Omit<MediatorResult, "rankInTier" | "standing" | "reasons">): { standing: Standing; reasons: MediatorResult["reasons"] } {
  const g = MEDIATOR_STANDARD.gold;
  const b = MEDIATOR_STANDARD.behind;
  const behind: MediatorResult["reasons"] = [];
  if (r.success.den >= b.minCases && judge(r.success, b.successHigh) === "missed")
    behind.push({ zh: `调解成功率 ${pct(r.success.rate)}（${r.success.num}/${r.success.den}），95% 区间上限 ${pct(r.success.high)} 仍低于 80%`, en: `success ${pct(r.success.rate)} (${r.success.num}/${r.success.den}); even the 95 % upper bound ${pct(r.success.high)} is below 80 %` });
  if (r.onTime.den >= b.minCases && r.onTime.rate! < b.onTime)
    behind.push({ zh: `按期办结率 ${pct(r.onTime.rate)}（${r.onTime.num}/${r.onTime.den}）低于 60%`, en: `on time ${pct(r.onTime.rate)} (${r.onTime.num}/${r.onTime.den}) below 60 %` });
  if (r.review.rate != null && r.review.rate < b.review)
    behind.push({ zh: `评查平均分 ${Math.round(r.review.rate * 100)} 低于 60`, en: `review mean ${Math.round(r.review.rate * 100)} below 60` });
  if (behind.length > 0) return { standing: "behind", reasons: behind };

  const ok =
    r.concluded >= g.minConcluded && r.success.rate != null && r.success.rate >= g.success && r.success.low! >= g.successLow &&
    r.onTime.rate != null && r.onTime.rate >= g.onTime && (r.review.rate == null || r.review.rate >= g.review);
  if (!ok) return { standing: null, reasons: [] };
  const reasons = [
    { zh: `办结 ${r.concluded} 件；调解成功率 ${pct(r.success.rate)}（${r.success.num}/${r.success.den}，区间下限 ${pct(r.success.low)}）`, en: `${r.concluded} concluded; success ${pct(r.success.rate)} (${r.success.num}/${r.success.den}, lower bound ${pct(r.success.low)})` },
    { zh: `按期办结率 ${pct(r.onTime.rate)}（${r.onTime.num}/${r.onTime.den}）`, en: `on time ${pct(r.onTime.rate)} (${r.onTime.num}/${r.onTime.den})` },
  ];
  if (r.review.rate != null) reasons.push({ zh: `评查平均分 ${Math.round(r.review.rate * 100)}`, en: `review mean ${Math.round(r.review.rate * 100)}` });
  return { standing: "gold", reasons };
}

/** Each active roster mediator's results for the period, ranked within their tier. */
export function mediatorResults(
  roster: readonly RosterMediator[],
  cases: readonly MediatorCase[],
  reviews: readonly MediatorReview[],
  period: Period,
  asOf: string,
  config: AssessmentConfig = DEFAULT_CONFIG,
): MediatorResult[] {
  const nameCount = new Map<string, number>();
  for (const m of roster) nameCount.set(m.name, (nameCount.get(m.name) ?? 0) + 1);
  const key = (name: string, unit: string) => JSON.stringify([name, unit]);
  const owner = new Map<string, RosterMediator>();
  for (const m of roster) owner.set(key(m.name, m.unit), m);
  const onlyByName = new Map(roster.filter((m) => nameCount.get(m.name) === 1).map((m) => [m.name, m]));
  const whose = (name: string, unit: string) => owner.get(key(name, unit)) ?? onlyByName.get(name);

  const casesOf = new Map<RosterMediator, MediatorCase[]>();
  const caseOwners = new Map<string, RosterMediator[]>();
  for (const c of cases) {
    const named = mediatorsOf(c.mediator).map((n) => whose(n, c.unit)).filter((m): m is RosterMediator => m !== undefined);
    for (const m of new Set(named)) casesOf.set(m, [...(casesOf.get(m) ?? []), c]);
    caseOwners.set(key(c.caseNo, c.unit), [...new Set(named)]);
  }
  const reviewPoints = new Map<RosterMediator, { points: number; n: number }>();
  for (const r of reviews) {
    for (const m of caseOwners.get(key(r.caseNo, r.unit)) ?? []) {
      const e = reviewPoints.get(m) ?? { points: 0, n: 0 };
      e.points += r.score;
      e.n += 1;
      reviewPoints.set(m, e);
    }
  }

  const results = roster.map((m) => {
    const counts = countCaseIndicators(casesOf.get(m) ?? [], period, asOf, config);
    const rp = reviewPoints.get(m);
    const base = {
      name: m.name, unit: m.unit, tier: m.tier,
      cases: counts.acceptance.num,
      concluded: counts.onTime.den,
      success: indicatorValue("success", counts.success, config),
      onTime: indicatorValue("onTime", counts.onTime, config),
      review: indicatorValue("review", rp ? { num: rp.points, den: rp.n * 100 } : { num: 0, den: 0 }, config),
    };
    return { ...base, rankInTier: null as number | null, ...standingOf(base) };
  });

  for (const tier of new Set(results.map((r) => r.tier))) {
    const ranked = results.filter((r) => r.tier === tier && r.concluded > 0)
      .sort((a, b) => (b.success.low ?? -1) - (a.success.low ?? -1) || (b.onTime.low ?? -1) - (a.onTime.low ?? -1));
    let rank = 0;
    ranked.forEach((r, i) => {
      const prev = ranked[i - 1];
      if (!prev || prev.success.low !== r.success.low || prev.onTime.low !== r.onTime.low) rank = i + 1;
      r.rankInTier = rank;
    });
  }
  return results;
}
