/**
 * The case-file review results sheet (评查得分): one table, one row per unit — its reviews, the mean total with its
 * 95 % interval, the failed reviews, the mean deduction, and the mean of each of the eight dimensions under a header
 * that gives the dimension's maximum; the dimension where the unit loses most (maximum less mean) is red. One table
 * so its header repeats on every printed A4 page. The same sheet from the task pane and from `tiaojie reviews --out`.
 */
import type { ReviewDimensions } from "../api/reviews.ts";
import type { Locale } from "../messages.ts";
import { periodText } from "./form-text.ts";
import { fitWidths, type Grid, type GridCell, type GridMerge } from "./grid.ts";

export function reviewSheetName(period: string, locale: Locale = "zh-CN"): string {
  return (locale === "en" ? `Reviews ${periodText(period, "en")}` : `评查得分 ${periodText(period)}`).slice(0, 31);
}

const KIND = { town: ["镇街", "Town"], department: ["部门", "Dept."] } as const;
const LEAD = 9;
/** A long Chinese dimension name on two lines at a word's end (证据审查 / 和采信), so its narrow column stays narrow. */
const splitName = (zh: string) => (zh.length > 5 ? `${zh.slice(0, 4)}\n${zh.slice(4)}` : zh);
const DIMENSION_WIDTH: Record<Locale, number> = { "zh-CN": 11, en: 12 };

export function reviewDimensionsLayout(r: ReviewDimensions, locale: Locale): Grid {
  const en = locale === "en";
  const t = (zh: string, e: string) => (en ? e : zh);
  const dims = r.dimensions;
  const width = LEAD + dims.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"], align?: GridCell["align"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  };
  const num = (x: number | null | undefined): GridCell => (x == null ? { v: "—", style: "cell" } : { v: x, style: "cell", format: "0.0", shown: x.toFixed(1) });
  const period = periodText(r.period, locale);

  line(t(`${period}案件质量评查得分`, `Case-file review results, ${period}`), "title", "center");
  line(t(`评查得分为各案总分（八项得分减扣分）的平均；低于 ${r.passMark} 分为不合格。红色为该单位失分（满分减平均得分）最多的一项。`,
    `Mean of the reviews' totals (eight dimensions less deductions); below ${r.passMark} fails. Red: the dimension where the unit loses most (max less mean).`), "subtitle");
  rows.push([]);
  const top = rows.length;
  const lead = [t("单位", "Unit"), t("类别", "Kind"), t("评查件数", "Reviews"), t("平均得分", "Mean\ntotal"), t("95% 区间", "95% interval"), "",
    t("不合格", "Failed"), t("分项评分\n件数", "With\ndimension\nscores"), t("平均\n扣分", "Mean\ndeduction")];
  rows.push([
    ...lead.map((v) => ({ v: v === "" ? null : v, style: "header" as const })),
    ...dims.map((_, i) => ({ v: i === 0 ? t("各项平均得分（按分项评分的评查计）", "Mean per dimension (reviews with dimension scores)") : null, style: "header" as const })),
  ]);
  rows.push([
    ...lead.map((_, c) => ({ v: c === 4 ? t("下限", "Low") : c === 5 ? t("上限", "High") : null, style: "header" as const })),
    ...dims.map((d) => ({ v: `${en ? d.en : splitName(d.zh)}\n${t(`（满分${d.max}）`, `(max ${d.max})`)}`, style: "header" as const })),
  ]);
  lead.forEach((_, c) => {
    if (c === 4) merges.push({ row: top, col: 4, rows: 1, cols: 2 });
    else if (c !== 5) merges.push({ row: top, col: c, rows: 2, cols: 1 });
  });
  if (dims.length > 0) merges.push({ row: top, col: LEAD, rows: 1, cols: dims.length });

  for (const u of r.units) {
    const lost = dims.map((d) => u.dimensions[d.key].lost);
    const known = lost.filter((x): x is number => x != null);
    const worst = known.length ? Math.max(...known) : 0;
    rows.push([
      { v: u.unit, style: "cell", align: "left" }, { v: t(KIND[u.kind][0], KIND[u.kind][1]), style: "cell" }, { v: u.reviews, style: "cell", format: "0" },
      num(u.meanTotal), num(u.low), num(u.high),
      { v: u.failed, style: u.failed > 0 ? "miss" : "cell", format: "0" }, { v: u.scoredReviews, style: "cell", format: "0" }, num(u.meanDeduction),
      ...dims.map((d, i) => {
        const cell = num(u.dimensions[d.key].mean);
        return lost[i] != null && worst > 0 && lost[i] === worst ? { ...cell, style: "miss" as const } : cell;
      }),
    ]);
  }
  if (r.units.length === 0) line(t("本期没有评查记录。", "No reviews in this period."), "note");
  return {
    name: reviewSheetName(r.period, locale),
    rows,
    merges,
    // The eight dimension columns hold figures like 12.5; their names wrap in the header rather than widen the page.
    widths: fitWidths(rows, merges, { min: 6, max: 22, padding: 1.5 }).map((w, c) => (c >= LEAD ? DIMENSION_WIDTH[locale] : w)),
    page: { orientation: "landscape" },
    headerRows: { first: top, last: top + 1 },
    frozenCols: 1,
  };
}
