/** The assessment's indicators (DOMAIN §4): their keys in report order, and their names and definitions in words. */

export const INDICATOR_KEYS = ["acceptance", "success", "onTime", "commitments", "preSuit", "ledgerQuality", "review"] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface IndicatorName {
  key: IndicatorKey;
  zh: string;
  en: string;
  /** How num and den are counted, in words (shown in reports). */
  definitionZh: string;
  definitionEn: string;
}

export const INDICATORS: Record<IndicatorKey, IndicatorName> = {
  acceptance: { key: "acceptance", zh: "受理率", en: "Acceptance rate", definitionZh: "受理数 ÷ 收案数（按收案日期计入期间）", definitionEn: "accepted ÷ received (by date received)" },
  success: { key: "success", zh: "调解成功率", en: "Mediation success rate", definitionZh: "调解成功 ÷（调解成功＋调解不成＋终止），撤回、移送裁判不计（按结案日期）", definitionEn: "successes ÷ (successes + failures + terminated); withdrawn and referred excluded (by date closed)" },
  onTime: { key: "onTime", zh: "按期办结率", en: "Concluded on time", definitionZh: "期限内办结数 ÷ 办结数（按结案日期）", definitionEn: "concluded within the time limit ÷ concluded (by date closed)" },
  commitments: { key: "commitments", zh: "承诺兑现率", en: "Commitments kept", definitionZh: "按期兑现的承诺 ÷ 本期到期的承诺（按兑现期限）", definitionEn: "commitments met by their due date ÷ commitments due in the period (by due date)" },
  preSuit: { key: "preSuit", zh: "诉前化解率", en: "Resolved before suit", definitionZh: "诉前阶段调解成功 ÷ 调解成功（按结案日期）", definitionEn: "successes at stage 诉前 ÷ successes (by date closed)" },
  ledgerQuality: { key: "ledgerQuality", zh: "台账规范率", en: "Ledger quality", definitionZh: "无错误行 ÷ 上报行（本期最后一次上报）", definitionEn: "rows without errors ÷ rows (last push in the period)" },
  review: { key: "review", zh: "评查得分", en: "Case-file review score", definitionZh: "案件质量评查平均分（满分 100）", definitionEn: "mean case-file review score (out of 100)" },
};
