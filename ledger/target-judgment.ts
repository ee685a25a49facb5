/**
 * The one judgment of a rate against its target, used by every report, the flags and the CLI (DOMAIN §5: a unit is
 * below target "only when the data say so with confidence"). A rate that reaches the target is 达标; it is 未达标
 * only when the whole 95 % interval lies below the target; a rate under the target whose interval still reaches it
 * is 低于目标（差异不显著）— few cases cannot prove a shortfall. Wording apart from detection, as the issue codes.
 */
export type Judgment = "met" | "missed" | "below" | "none";

export interface JudgedRate {
  rate: number | null;
  /** Upper end of the rate's 95 % interval. */
  high: number | null;
}

export function judge(r: JudgedRate, target: number | null): Judgment {
  if (r.rate === null || target === null) return "none";
  if (r.rate >= target) return "met";
  return r.high !== null && r.high < target ? "missed" : "below";
}

export const JUDGMENT_TEXT: Record<Judgment, { zh: string; en: string }> = {
  met: { zh: "达标", en: "Meets target" },
  missed: { zh: "未达标", en: "Below target" },
  below: { zh: "低于目标（差异不显著）", en: "Under target (not significant)" },
  none: { zh: "—", en: "—" },
};

/** The note every sheet that shows a judgment carries, so a reader knows what 未达标 means. */
export const JUDGMENT_NOTE = {
  zh: "判定：比率达到目标为“达标”；95% 置信区间整体低于目标才判“未达标”；比率低于目标但区间仍覆盖目标的，为“低于目标（差异不显著）”，件数少时常见。",
  en: "Judgment: a rate reaching its target meets it; it is below target only when its whole 95 % interval lies below the target; a rate under the target whose interval still reaches it is under target (not significant), common with few cases.",
} as const;
