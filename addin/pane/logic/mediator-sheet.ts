/** The Rankings page's mediator results (调解员考评) as a sheet we own. */
import type { MediatorResult, MediatorResults } from "../../../ledger/api/mediator-results.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { CellValue, ReportSheet } from "../../hosts/ledger-workbook.ts";

export function mediatorSheetName(period: string): string {
  return `调解员考评 ${period}`;
}

const GOLD_FILL = "#FFEB9C";
const BEHIND_FILL = "#FFC7CE";
/** The roster's tiers in the order the policy names them; any other tier after them. */
const TIER_ORDER = ["金牌调解员", "星牌调解员", "普通调解员", "特邀调解员"];
const tierIndex = (t: string) => (TIER_ORDER.includes(t) ? TIER_ORDER.indexOf(t) : TIER_ORDER.length);
const pct = (x: number | null) => (x == null ? "" : `${(x * 100).toFixed(1)}%`);
const counts = (v: MediatorResult["success"]) => (v.den > 0 ? `${v.num}/${v.den}` : "");

/**
 * One row per mediator, tier by tier, each tier in rank order: cases, concluded, success rate with n/N and its 95 %
 * interval, on time with n/N, mean 评查 score with the number of reviews, rank in tier, and the standing (达金牌标准
 * / 落后) with the figures behind it. The standing cell is filled gold or red, so the two lists read at a glance.
 */
export function mediatorReport(r: MediatorResults, locale: Locale): ReportSheet {
  const en = locale === "en";
  const headers = en
    ? ["Tier", "Rank in tier", "Mediator", "Unit", "Cases", "Concluded", "Success rate", "Success n/N", "Success 95% CI", "On time", "On time n/N", "Review mean", "Reviews", "Standing", "Why"]
    : ["级别", "级别内名次", "调解员", "单位", "收案", "办结", "调解成功率", "成功 分子/分母", "成功率 95%区间", "按期办结率", "按期 分子/分母", "评查平均分", "评查份数", "考评结论", "依据"];
  const sorted = [...r.mediators].sort((a, b) => tierIndex(a.tier) - tierIndex(b.tier) || a.tier.localeCompare(b.tier, "zh-CN")
    || (a.rankInTier ?? Infinity) - (b.rankInTier ?? Infinity) || a.name.localeCompare(b.name, "zh-CN"));
  const fills: [number, number, string][] = [];
  const rows: CellValue[][] = sorted.map((m, i) => {
    if (m.standing) fills.push([i, 13, m.standing === "gold" ? GOLD_FILL : BEHIND_FILL]);
    const standing = m.standing === "gold" ? (en ? "Meets gold standard" : "达金牌标准") : m.standing === "behind" ? (en ? "Falling behind" : "落后") : "";
    return [
      m.tier, m.rankInTier, m.name, m.unit, m.cases, m.concluded,
      m.success.rate, counts(m.success), m.success.low == null || m.success.high == null ? "" : `${pct(m.success.low)}–${pct(m.success.high)}`,
      m.onTime.rate, counts(m.onTime),
      m.review.rate == null ? null : Math.round(m.review.rate * 1000) / 10, m.review.den > 0 ? m.review.den / 100 : null,
      standing, m.standing ? m.reasons.map((x) => (en ? x.en : x.zh)).join("；") : "",
    ];
  });
  return {
    name: mediatorSheetName(r.period),
    tableName: `TiaojieMediators_${r.period.replace(/-/g, "_")}`,
    headers,
    rows,
    fills,
    numberFormats: { 6: "0.0%", 9: "0.0%", 11: "0.0" },
  };
}
