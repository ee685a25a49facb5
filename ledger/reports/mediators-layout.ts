/**
 * Results per mediator (调解员考评) as one sheet to print: tier by tier, each in rank order, with cases, the success
 * rate beside its counts and 95 % interval and its judgment against the target (ledger/target-judgment.ts, the one
 * rule every report uses), on time, the review score, and the mediator standard's own conclusion (达金牌标准 /
 * 落后) with the figures behind it. Rates are numbers. CLI and pane write this layout.
 */
import type { MediatorResult, MediatorResults } from "../api/mediator-results.ts";
import { judge, JUDGMENT_NOTE, JUDGMENT_TEXT } from "../target-judgment.ts";
import { dayText, periodText } from "./form-text.ts";
import { fitWidths, pct, printScale, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import { FILL_IN, filedByLine, type FormOptions } from "./office-lines.ts";

type Locale = "zh-CN" | "en";
const SIGN = FILL_IN;
/** The roster's tiers in the order the policy names them; any other tier after them. */
const TIER_ORDER = ["金牌调解员", "星牌调解员", "普通调解员", "特邀调解员"];
const TIER_EN: Record<string, string> = { 金牌调解员: "Gold", 星牌调解员: "Star", 普通调解员: "Regular", 特邀调解员: "Specially invited" };
const tierIndex = (t: string) => (TIER_ORDER.includes(t) ? TIER_ORDER.indexOf(t) : TIER_ORDER.length);

export function mediatorSheetName(period: string, locale: Locale = "zh-CN"): string {
  return locale === "en" ? `Mediator results ${periodText(period, "en")}` : `调解员考评 ${periodText(period)}`;
}

export type MediatorsLayoutOptions = FormOptions;

export function mediatorsLayout(r: MediatorResults, locale: Locale, o: MediatorsLayoutOptions): Grid {
  const en = locale === "en";
  const t = (zh: string, eng: string) => (en ? eng : zh);
  const colon = en ? ": " : "：";
  const header = [
    t("级别", "Tier"), t("级别内\n名次", "Rank in\ntier"), t("调解员", "Mediator"), t("单位", "Unit"), t("收案", "Cases"), t("办结", "Con-\ncluded"),
    t("调解\n成功率", "Success\nrate"), t("成功\n分子/分母", "Success\nn/N"), t("95%区间\n下限", "95% CI\nlow"), t("95%区间\n上限", "95% CI\nhigh"),
    t("成功率\n判定", "Success\njudgment"), t("按期\n办结率", "On time"), t("按期\n分子/分母", "On time\nn/N"), t("评查\n平均分", "Review\nmean"), t("评查\n份数", "Reviews"),
    t("考评结论", "Standing"), t("依据", "Why"),
  ];
  // No review this period: the two review columns would be blank, so they are left out and a note says so.
  const reviewed = r.mediators.some((m) => m.review.den > 0);
  if (!reviewed) header.splice(13, 2);
  const cols = header.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"], align?: "center") => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols });
    rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  };
  const rate = (x: number | null, style: GridCell["style"] = "cell"): GridCell => (x === null ? { v: null, style } : { v: x, format: "0.0%", shown: pct(x), style });
  const counts = (v: MediatorResult["success"]): GridCell => ({ v: v.den > 0 ? `${v.num}/${v.den}` : null, style: "cell" });
  const standing = (m: MediatorResult) => (m.standing === "gold" ? t("达金牌标准", "Meets gold standard") : m.standing === "behind" ? t("落后", "Falling behind") : null);

  line(t(`调解员考评（${periodText(r.period)}）`, `Mediator results, ${periodText(r.period, "en")}`), "title", "center");
  line(filedByLine(o, locale), "subtitle");
  line(`${t("考评期间", "Period")}${colon}${periodText(r.period, locale)}　　${t("统计截至", "As of")}${colon}${dayText(r.asOf, locale)}　　${t("单位：件", "Counts: cases")}`, "subtitle");
  const headerRow = rows.length;
  rows.push(header.map((v) => ({ v, style: "header" as const })));
  const sorted = [...r.mediators].sort((a, b) => tierIndex(a.tier) - tierIndex(b.tier) || a.tier.localeCompare(b.tier, "zh-CN")
    || (a.rankInTier ?? Infinity) - (b.rankInTier ?? Infinity) || a.name.localeCompare(b.name, "zh-CN"));
  for (const m of sorted) {
    const j = judge(m.success, m.success.target);
    rows.push([
      { v: en && Object.hasOwn(TIER_EN, m.tier) ? TIER_EN[m.tier] : m.tier, style: "cell" }, { v: m.rankInTier ?? t("未排名", "not ranked"), style: "cell" },
      { v: m.name, style: "cell", align: "left" }, { v: m.unit, style: "cell", align: "left" }, { v: m.cases, style: "cell" }, { v: m.concluded, style: "cell" },
      rate(m.success.rate, j === "missed" ? "miss" : "cell"), counts(m.success), rate(m.success.low), rate(m.success.high),
      { v: j === "none" ? null : en ? JUDGMENT_TEXT[j].en : JUDGMENT_TEXT[j].zh, style: j === "missed" ? "miss" : "cell" },
      rate(m.onTime.rate), counts(m.onTime),
      ...(reviewed ? [
        m.review.rate === null ? { v: null, style: "cell" as const } : { v: Math.round(m.review.rate * 1000) / 10, format: "0.0", shown: (m.review.rate * 100).toFixed(1), style: "cell" as const },
        { v: m.review.den > 0 ? m.review.den / 100 : null, style: "cell" as const },
      ] : []),
      { v: standing(m), style: "cell" },
      { v: m.standing ? m.reasons.map((x) => (en ? x.en : x.zh)).join(t("；", "; ")) || null : null, style: "cell", align: "left" },
    ]);
  }
  if (sorted.length === 0) line(t("本期没有可考评的调解员。", "No mediators to assess in this period."), "note");
  line(t("调解成功率、按期办结率为数值；分子/分母为计算比率所用件数；评查平均分满分 100。“考评结论”按调解员考评标准得出（达金牌标准 / 落后），依据列出所用数字。",
    "Rates are numbers; n/N are the counts behind each rate; the review mean is out of 100. The standing follows the mediator standard (meets gold standard / falling behind), with the figures behind it."), "note");
  if (!reviewed) line(t("本期没有案件质量评查结果，评查平均分和评查份数两列未列出。", "No case-file reviews this period: the review columns are left out."), "note");
  line(en ? JUDGMENT_NOTE.en : JUDGMENT_NOTE.zh, "note");
  rows.push([]);
  line(t(`单位负责人：${SIGN}　　审核人：${SIGN}　　填表人：${SIGN}　　联系电话：${o.office?.phone || SIGN}　　（盖章）`,
    `Head of office: ${SIGN}　　Reviewed by: ${SIGN}　　Prepared by: ${SIGN}　　Phone: ${o.office?.phone || SIGN}　　(seal)`), "subtitle");

  const widths = fitWidths(rows, merges, { min: 5, max: 14, padding: 2 });
  // The reasons take what A4 landscape leaves at full size, wrapping within it (at least 24 characters).
  const why = cols - 1;
  widths[why] = 24;
  for (let w = 24; w <= 50; w++) {
    widths[why] = w;
    if (printScale(widths, "landscape") < 1) {
      widths[why] = Math.max(24, w - 1);
      break;
    }
  }
  return {
    name: mediatorSheetName(r.period, locale), rows, merges, widths, page: { orientation: "landscape" },
    headerRows: { first: headerRow, last: headerRow }, frozenCols: 3,
  };
}
