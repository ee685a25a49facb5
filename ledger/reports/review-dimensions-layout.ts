/**
 * The case-file review results sheet (评查得分): per unit the reviews, the mean total with its interval and the failed
 * reviews, and the mean of each of the eight dimensions; below, the points lost per dimension with the unit's largest
 * loss marked — where each unit loses points. The same sheet from the task pane and from `tiaojie reviews --out`.
 */
import type { ReviewDimensions } from "../api/reviews.ts";
import { fitWidths, say, type Grid, type GridCell, type GridMerge, type SheetLocale } from "./grid.ts";

export function reviewSheetName(period: string): string {
  return `评查得分 ${period}`;
}

const KIND = { town: ["镇街", "Town"], department: ["部门", "Dept."] } as const;

export function reviewDimensionsLayout(r: ReviewDimensions, locale: SheetLocale): Grid {
  const t = (zh: string, en: string) => say(locale, zh, en);
  // Header cells put the English under the Chinese: a column is as wide as its longest line.
  const h = (zh: string, en: string) => say(locale, zh, en, "\n");
  const dims = r.dimensions;
  const width = 6 + dims.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };
  const header = (lead: string[]) => rows.push([...lead, ...dims.map((d) => `${h(d.zh, d.en)}\n${t(`（满分 ${d.max}）`, `(max ${d.max})`)}`)].map((v) => ({ v, style: "header" as const })));
  const kind = (k: keyof typeof KIND) => t(KIND[k][0], KIND[k][1]);
  const num = (x: number | null): GridCell => (x === null ? { v: "—", style: "cell" } : { v: x, style: "cell", format: "0.0", shown: x.toFixed(1) });

  line(t(`案件质量评查得分（${r.period}）`, `Case-file review results ${r.period}`), "title");
  line(t(`评查得分为各案总分（八项得分减扣分）的平均；低于 ${r.passMark} 分为不合格。`, `Mean of the reviews' totals (eight dimensions less deductions); below ${r.passMark} fails.`), "subtitle");
  rows.push([]);
  header([h("单位", "Unit"), h("类别", "Kind"), h("评查件数", "Reviews"), h("平均得分", "Mean total"), h("95% 区间", "Interval"), h("不合格", "Failed")]);
  for (const u of r.units) {
    rows.push([
      { v: u.unit, style: "cell", align: "left" }, { v: kind(u.kind), style: "cell" }, { v: u.reviews, style: "cell" }, num(u.meanTotal),
      { v: u.low == null || u.high == null ? "—" : `${u.low.toFixed(1)}–${u.high.toFixed(1)}`, style: "cell" },
      { v: u.failed, style: u.failed > 0 ? "miss" : "cell" },
      ...dims.map((d) => num(u.dimensions[d.key].mean)),
    ]);
  }
  if (r.units.length === 0) line(t("本期没有评查记录。", "No reviews in this period."), "note");
  rows.push([]);
  line(t("各项平均失分（满分减平均得分；红色为该单位失分最多的一项）", "Points lost per dimension (max less mean; red: the unit's largest loss)"), "heading");
  header([h("单位", "Unit"), h("类别", "Kind"), h("评查件数", "Reviews"), h("平均扣分", "Mean deduction"), "", ""]);
  for (const u of r.units) {
    const lost = dims.map((d) => u.dimensions[d.key].lost);
    const known = lost.filter((x): x is number => x != null);
    const worst = known.length ? Math.max(...known) : 0;
    rows.push([
      { v: u.unit, style: "cell", align: "left" }, { v: kind(u.kind), style: "cell" }, { v: u.scoredReviews, style: "cell" }, num(u.meanDeduction),
      { v: null, style: "cell" }, { v: null, style: "cell" },
      ...lost.map((x) => (x != null && worst > 0 && x === worst ? { ...num(x), style: "miss" as const } : num(x))),
    ]);
  }
  return { name: reviewSheetName(r.period), rows, merges, widths: fitWidths(rows, merges, { min: 8, max: 22, padding: 1.5 }) };
}
