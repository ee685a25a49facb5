import type { MediationType, Stage } from "../../ledger/choices.ts";

import { INDICATOR_KEYS, type IndicatorKey } from "../../ledger/api/indicators.ts";
import { hasAtMostDecimals } from "../../ledger/api/decimals.ts";
import { REVIEW_PASS_MARK } from "../../ledger/review-sheet.ts";

export { INDICATOR_KEYS, type IndicatorKey };

export type Weights = Record<IndicatorKey, number>;

/** DOMAIN §4 default weights: 受理率 20, 成功率 30, 按期 15, 承诺兑现 15, 台账规范 10, 评查 10 (诉前化解率 is reported, not scored). */
export const DEFAULT_WEIGHTS: Weights = {
  acceptance: 20,
  success: 30,
  onTime: 15,
  commitments: 15,
  preSuit: 0,
  ledgerQuality: 10,
  review: 10,
};

export type SmallSampleMethod = "wilson-lower" | "shrinkage";

export interface TimeLimits {
  /** Days allowed by stage; checked first (行政复议 60 days, 诉前 court mediation 30). */
  byStage: Partial<Record<Stage, number>>;
  /** Days allowed by mediation type when the stage has no rule (人民调解 "一般在一个月内调结": 30). */
  byMediationType: Partial<Record<MediationType, number>>;
  /** Days when neither stage nor type has a rule. */
  fallback: number;
}

export interface AssessmentConfig {
  targets: { acceptance: number; success: number };
  timeLimits: TimeLimits;
  ranking: { method: SmallSampleMethod; /** pseudo-cases at the district rate, for "shrinkage" */ priorStrength: number };
  flags: {
    /** An open case is "due soon" when at most this many days remain. */
    dueSoonDays: number;
    /** 人民调解法 第33条: judicial confirmation within 30 days of the agreement taking effect. */
    confirmationWindowDays: number;
    /** Warn when at most this many days of the window remain. */
    confirmationWarnDays: number;
    /** "判后仍有上访": a new case within this many months of a concluded one between the same parties. */
    repeatWithinMonths: number;
    /** An open case whose row has not changed for this many days is stale. */
    staleAfterDays: number;
    /** A unit that has not pushed its ledger for this many days is flagged. */
    notPushedDays: number;
    /** A unit whose last push had a lower share of error-free rows is flagged. */
    minLedgerQuality: number;
    /** 结果转化: a case whose latest review totals less is flagged review_failed. */
    reviewPassMark: number;
  };
}

export const DEFAULT_CONFIG: AssessmentConfig = {
  targets: { acceptance: 0.97, success: 0.8 },
  timeLimits: {
    byStage: { 行政复议: 60, 诉前: 30 },
    byMediationType: { 人民调解: 30 },
    fallback: 30,
  },
  ranking: { method: "wilson-lower", priorStrength: 20 },
  flags: {
    dueSoonDays: 5,
    confirmationWindowDays: 30,
    confirmationWarnDays: 7,
    repeatWithinMonths: 12,
    staleAfterDays: 60,
    notPushedDays: 30,
    minLedgerQuality: 0.9,
    reviewPassMark: REVIEW_PASS_MARK,
  },
};

/** The time limit in days for a case, by stage first, then mediation type, then the fallback. */
export function timeLimitFor(stage: string | null, mediationType: string | null, limits: TimeLimits = DEFAULT_CONFIG.timeLimits): number {
  return daysFor(limits.byStage, stage) ?? daysFor(limits.byMediationType, mediationType) ?? limits.fallback;
}

/** Own entries only: a stage read as "constructor" must find no limit, not Object's constructor function. */
function daysFor(map: Partial<Record<string, number>>, key: string | null): number | undefined {
  return key != null && Object.hasOwn(map, key) ? (map[key] ?? undefined) : undefined;
}

export class WeightsError extends Error {
  constructor(detail: string) {
    super(`权重无效：${detail} Invalid weights: ${detail}`);
    this.name = "WeightsError";
  }
}

/** Checks weights an assessor sends: known keys, finite numbers 0–100, at least one positive. Missing keys get 0. */
export function parseWeights(input: unknown, o: { typed?: boolean } = {}): Weights {
  if (input == null || typeof input !== "object" || Array.isArray(input)) throw new WeightsError("需要一个对象 expected an object");
  const out = { ...DEFAULT_WEIGHTS };
  for (const k of INDICATOR_KEYS) out[k] = 0;
  for (const [k, v] of Object.entries(input)) {
    if (!(INDICATOR_KEYS as readonly string[]).includes(k)) throw new WeightsError(`未知指标 unknown indicator "${k}"（可用 allowed: ${INDICATOR_KEYS.join(", ")}）`);
    if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || v > 100) throw new WeightsError(`“${k}” 须为 0–100 的数 must be a number 0–100`);
    // Weights are set as the Rankings page shows them, to a tenth of a point; those stored before are read as they are.
    if (o.typed && !hasAtMostDecimals(v, 1)) {
      throw new WeightsError(`“${k}” 为 ${v}：权重最多保留一位小数（如 12.5） must have at most one decimal place (e.g. 12.5), not ${v}`);
    }
    out[k as IndicatorKey] = v;
  }
  if (INDICATOR_KEYS.every((k) => out[k] === 0)) throw new WeightsError("至少一项权重大于 0 at least one weight must be above 0");
  return out;
}
