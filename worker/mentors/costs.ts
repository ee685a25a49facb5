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
 * 4. rotation — the mentor who visited the same town in the previous period costs rotationPenalty (3,000); "visited"
 *    is what was planned for that period or what the 巡回指导记录 recorded, either one (counted once);
 * 5. unvisited towns first — a town with no recorded visit in the previous period (when the district keeps a visit
 *    record) earns unvisitedBonus (20,000) on its required visit: when capacity is short it is covered before a
 *    town that was visited, and before any pairing;
 * 6. teams (多带一) — a 重大 case or a struggling star may take a second, different gold mentor, worth teamReward
 *    (6,000): after every case, required visit and first pairing (≥ 10,000), before nothing else is gained.
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
  teamReward: 6_000,
  teamStarRatePercent: 60,
  teamStarMinClosed: 3,
  teamStarOverdue: 3,
  unvisitedBonus: 20_000,
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

/** A struggling star (DOMAIN §3 "多带一、团队帮带"): a low success rate over enough cases, or many overdue ones. */
export function isStruggling(s: StarMediator, config: CostConfig): boolean {
  const r = s.successRate;
  const lowRate = r.den >= config.teamStarMinClosed && r.den > 0 && 100 * r.num < config.teamStarRatePercent * r.den;
  return lowRate || s.overdueCases >= config.teamStarOverdue;
}

/**
 * The terms of a team's second mentor that hold whichever mentor it is, or null when the target takes one mentor.
 * Never worth more than the first mentor (base), so the second unit never costs less than the first.
 */
export function teamTerms(kind: "case" | "pairing", target: ComplexCase | StarMediator, base: number, config: CostConfig): CostTerm[] | null {
  if (config.teamReward === 0) return null;
  const team = kind === "case" ? (target as ComplexCase).complexity === "重大" : isStruggling(target as StarMediator, config);
  if (!team) return null;
  return [{ name: "team", value: -Math.min(config.teamReward, -base) }];
}

/** slot = visit number within the period (1-based). Required visits are coverage; extra ones shrink with the number. */
export function visitTerms(t: TownNeed, slot: number, config: CostConfig, unvisited = false): CostTerm[] {
  const w = weakness(t.successRate, t.overdueCases, config);
  if (slot <= t.minVisits) {
    const terms = [{ name: "cover", value: -config.coverReward }, { name: "weakness", value: -w }];
    if (unvisited && slot === 1) terms.push({ name: "unvisited", value: -config.unvisitedBonus });
    return terms;
  }
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
