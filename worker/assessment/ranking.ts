import { DEFAULT_CONFIG, INDICATOR_KEYS, type AssessmentConfig, type IndicatorKey, type Weights } from "./config.ts";
import { indicatorValue, type IndicatorCounts, type IndicatorValue } from "./indicators.ts";

export type UnitKind = "town" | "department";

export interface UnitCounts {
  unit: string;
  kind: UnitKind;
  counts: IndicatorCounts;
}

export interface ScoredIndicator extends IndicatorValue {
  /** The weight the assessor set. */
  weight: number;
  /** The weight after re-normalising over the indicators this unit has data for (sums to 1 per unit). */
  effectiveWeight: number;
  /** The value scored: the small-sample-adjusted rate (Wilson lower bound or shrunk rate); null without data. */
  basis: number | null;
  /** effectiveWeight × basis × 100: this indicator's share of the score. */
  points: number;
}

export interface RankedUnit {
  unit: string;
  kind: UnitKind;
  /** Competition rank within the unit's kind (1, 2, 2, 4); null when the unit has no scored data. */
  rank: number | null;
  /** 0–100, rounded to 0.1; null when no weighted indicator has data. */
  score: number | null;
  indicators: Record<IndicatorKey, ScoredIndicator>;
  /** Weighted indicators left out because this unit has nothing to measure (their weight went to the others). */
  missing: IndicatorKey[];
}

/** Pooled district rate per indicator: the prior that "shrinkage" pulls small units toward. */
export function districtRates(units: readonly UnitCounts[]): Record<IndicatorKey, number | null> {
  const out = {} as Record<IndicatorKey, number | null>;
  for (const k of INDICATOR_KEYS) {
    let num = 0;
    let den = 0;
    for (const u of units) {
      num += u.counts[k].num;
      den += u.counts[k].den;
    }
    out[k] = den > 0 ? num / den : null;
  }
  return out;
}

/** The small-sample-adjusted value scored for one indicator. */
export function basisOf(key: IndicatorKey, v: IndicatorValue, config: AssessmentConfig, prior: number | null): number | null {
  if (v.rate == null) return null;
  if (config.ranking.method === "wilson-lower") return v.low;
  const scale = key === "review" ? 100 : 1; // review counts are points, out of 100 per review
  const n = v.den / scale;
  const x = v.num / scale;
  const k = config.ranking.priorStrength;
  const p0 = prior ?? v.rate;
  return (x + k * p0) / (n + k);
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** Scores one unit: weights re-normalised over the indicators it has data for. */
export function scoreUnit(u: UnitCounts, weights: Weights, config: AssessmentConfig = DEFAULT_CONFIG, priors?: Record<IndicatorKey, number | null>): Omit<RankedUnit, "rank"> {
  const values = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, indicatorValue(k, u.counts[k], config)])) as Record<IndicatorKey, IndicatorValue>;
  const available = INDICATOR_KEYS.filter((k) => weights[k] > 0 && values[k].rate != null);
  const missing = INDICATOR_KEYS.filter((k) => weights[k] > 0 && values[k].rate == null);
  const total = available.reduce((s, k) => s + weights[k], 0);
  let score = 0;
  const indicators = {} as Record<IndicatorKey, ScoredIndicator>;
  for (const k of INDICATOR_KEYS) {
    const basis = basisOf(k, values[k], config, priors?.[k] ?? null);
    const effectiveWeight = total > 0 && available.includes(k) ? weights[k] / total : 0;
    const points = basis == null ? 0 : effectiveWeight * basis * 100;
    score += points;
    indicators[k] = { ...values[k], weight: weights[k], effectiveWeight, basis, points: Math.round(points * 100) / 100 };
  }
  return { unit: u.unit, kind: u.kind, score: total > 0 ? round1(score) : null, indicators, missing };
}

const collator = new Intl.Collator("zh-CN");

/**
 * Ranks towns/streets and departments separately. Equal printed scores (0.1 precision) share a rank and the next
 * rank skips (1, 2, 2, 4); units without data come last, unranked. Output: towns first, then departments.
 */
export function rankUnits(units: readonly UnitCounts[], weights: Weights, config: AssessmentConfig = DEFAULT_CONFIG): RankedUnit[] {
  const priors = districtRates(units);
  const out: RankedUnit[] = [];
  for (const kind of ["town", "department"] as const) {
    const scored = units.filter((u) => u.kind === kind).map((u) => scoreUnit(u, weights, config, priors));
    scored.sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || collator.compare(a.unit, b.unit));
    let rank = 0;
    scored.forEach((s, i) => {
      if (s.score == null) {
        out.push({ ...s, rank: null });
        return;
      }
      if (i === 0 || s.score !== scored[i - 1].score) rank = i + 1;
      out.push({ ...s, rank });
    });
  }
  return out;
}
