/**
 * How the programme's priorities become integer costs (minimised; a negative cost is a reward).
 *
 * Priority order, enforced by the size of the weights (defaults below):
 * 1. coverage — every open 复杂/重大 case gets a mentor and every town gets its required visits:
 *    coverReward (1,000,000) dwarfs every other term, so no amount of weakness or stability can trade a
 *    covered case or town away;
 * 2. stability — an existing pairing / case mentor that still breaks no rule earns stabilityBonus (5,000);
 * 3. stars — each pairing earns starBaseReward (10,000) plus the star's weakness, so weaker stars win
 *    when capacity is short; extra town visits earn weakness × extraVisitScale / visit number, which is
 *    at most 10,000 for the 2nd visit and 0 for a town with no weak spots (it gets its required visits only);
 * 4. rotation — the mentor who visited the same town in the previous period costs rotationPenalty (3,000).
 *
 * weakness(rate, overdue) = round(weaknessScale × (1 − successes / closed)) + overduePoint × min(overdue, overdueCap),
 * i.e. 0..2,000 with the defaults: a success rate 10 points lower counts as much as one more overdue case.
 */
import type { ComplexCase, CostConfig, CostTerm, Ratio, StarMediator, TownNeed } from "./types.ts";

export const DEFAULT_COSTS: Readonly<CostConfig> = Object.freeze({
  coverReward: 1_000_000,
  majorCaseBonus: 50_000,
  starBaseReward: 10_000,
  weaknessScale: 1_000,
  overduePoint: 100,
  overdueCap: 10,
  extraVisitScale: 10,
  stabilityBonus: 5_000,
  rotationPenalty: 3_000,
  weakRatePercent: 80,
});

export function resolveCosts(partial: Partial<CostConfig> | undefined): CostConfig {
  const config: CostConfig = { ...DEFAULT_COSTS, ...partial };
  for (const [name, value] of Object.entries(config)) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new Error(`成本参数 ${name} 必须是非负整数 / cost setting ${name} must be a non-negative integer, got ${value}`);
    }
  }
  return config;
}

/** A rate with no closed cases counts as not weak: nothing is known against it. */
export function failureShare(rate: Ratio): number {
  return rate.den === 0 ? 0 : (rate.den - rate.num) / rate.den;
}

export function weakness(rate: Ratio, overdue: number, config: CostConfig): number {
  return Math.round(config.weaknessScale * failureShare(rate)) + config.overduePoint * Math.min(overdue, config.overdueCap);
}

/** Terms that do not depend on the mentor. */
export function caseTerms(c: ComplexCase, config: CostConfig): CostTerm[] {
  const terms: CostTerm[] = [{ name: "cover", value: -config.coverReward }];
  if (c.complexity === "重大") terms.push({ name: "major", value: -config.majorCaseBonus });
  return terms;
}

export function starTerms(s: StarMediator, config: CostConfig): CostTerm[] {
  return [
    { name: "pairing", value: -config.starBaseReward },
    { name: "weakness", value: -weakness(s.successRate, s.overdueCases, config) },
  ];
}

/** slot = visit number within the period (1-based). Required visits are coverage; extra ones shrink with the number. */
export function visitTerms(t: TownNeed, slot: number, config: CostConfig): CostTerm[] {
  const w = weakness(t.successRate, t.overdueCases, config);
  if (slot <= t.minVisits) return [{ name: "cover", value: -config.coverReward }, { name: "weakness", value: -w }];
  return [{ name: "extraVisit", value: -Math.floor((w * config.extraVisitScale) / slot) }];
}

/** Terms that depend on the mentor: stability for a kept pairing/case, rotation for a repeated visit. */
export function mentorTerms(kept: boolean, repeatedVisit: boolean, config: CostConfig): CostTerm[] {
  const terms: CostTerm[] = [];
  if (kept) terms.push({ name: "stability", value: -config.stabilityBonus });
  if (repeatedVisit) terms.push({ name: "rotation", value: config.rotationPenalty });
  return terms;
}

export function sumTerms(terms: readonly CostTerm[]): number {
  let sum = 0;
  for (const t of terms) sum += t.value;
  return sum;
}
