import { countsForSuccess, isCommitmentKept, isConcluded, isPreSuitSuccess, isSuccess } from "../../ledger/counting.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { DEFAULT_CONFIG, INDICATOR_KEYS, timeLimitFor, type AssessmentConfig, type IndicatorKey } from "./config.ts";
import { daysBetween, inPeriod, type Period } from "../../ledger/period.ts";
import { wilson } from "./wilson.ts";

/** Raw counts behind one indicator. For `review`, num is points scored and den is points possible (100 per review). */
export interface Count {
  num: number;
  den: number;
}

export type IndicatorCounts = Record<IndicatorKey, Count>;

export interface IndicatorValue extends Count {
  /** num ÷ den, or null when den is 0 (nothing to measure, never shown as 0 %). */
  rate: number | null;
  /** 95 % Wilson interval; null when den is 0. */
  low: number | null;
  high: number | null;
  /** The policy target, when there is one. */
  target: number | null;
  /** rate ≥ target; null when there is no target or no data. */
  meetsTarget: boolean | null;
}

export type Indicators = Record<IndicatorKey, IndicatorValue>;

export const emptyCounts = (): IndicatorCounts =>
  Object.fromEntries(INDICATOR_KEYS.map((k) => [k, { num: 0, den: 0 }])) as IndicatorCounts;

export function targetOf(key: IndicatorKey, config: AssessmentConfig = DEFAULT_CONFIG): number | null {
  if (key === "acceptance") return config.targets.acceptance;
  if (key === "success") return config.targets.success;
  return null;
}

/** Turns counts into reported values: rate, Wilson interval, target. */
export function indicatorValue(key: IndicatorKey, c: Count, config: AssessmentConfig = DEFAULT_CONFIG): IndicatorValue {
  const target = targetOf(key, config);
  if (c.den <= 0) return { num: c.num, den: c.den, rate: null, low: null, high: null, target, meetsTarget: null };
  const rate = c.num / c.den;
  // A review score bounded in [0, 100] has variance at most p(1−p), so Wilson over the number of reviews is a
  // conservative interval for the mean score.
  const iv = key === "review" ? wilson(c.num / 100, c.den / 100) : wilson(c.num, c.den);
  return { num: c.num, den: c.den, rate, low: iv!.low, high: iv!.high, target, meetsTarget: target == null ? null : rate >= target };
}

export function indicatorValues(counts: IndicatorCounts, config: AssessmentConfig = DEFAULT_CONFIG): Indicators {
  return Object.fromEntries(INDICATOR_KEYS.map((k) => [k, indicatorValue(k, counts[k], config)])) as Indicators;
}

export type AssessedCase = Pick<
  CaseRow,
  "receivedOn" | "accepted" | "status" | "closedOn" | "stage" | "mediationType" | "commitmentDue" | "commitmentMetOn"
>;


/**
 * The reference implementation of the case-based indicators for one unit and period (the SQL in
 * worker/db/assessment.ts computes the same counts; tests hold the two together). `asOf` is today: a commitment
 * counts once its due date has passed, so a current period does not count promises that still have time.
 */
export function countCaseIndicators(cases: readonly AssessedCase[], period: Period, asOf: string, config: AssessmentConfig = DEFAULT_CONFIG): IndicatorCounts {
  const c = emptyCounts();
  for (const r of cases) {
    if (inPeriod(r.receivedOn, period)) {
      c.acceptance.den++;
      if (r.accepted) c.acceptance.num++;
    }
    if (isConcluded(r) && inPeriod(r.closedOn, period)) {
      c.onTime.den++;
      if (daysBetween(r.receivedOn, r.closedOn!) <= timeLimitFor(r.stage, r.mediationType, config.timeLimits)) c.onTime.num++;
      if (countsForSuccess(r)) c.success.den++;
      if (isSuccess(r)) {
        c.success.num++;
        c.preSuit.den++;
        if (isPreSuitSuccess(r)) c.preSuit.num++;
      }
    }
    if (r.commitmentDue != null && inPeriod(r.commitmentDue, period) && r.commitmentDue < asOf) {
      c.commitments.den++;
      if (isCommitmentKept(r)) c.commitments.num++;
    }
  }
  return c;
}
