// The review results sheet as the pane and the CLI both write it: figures per unit, and where each unit loses points.
import { describe, expect, it } from "vitest";
import { reviewDimensionsLayout } from "../../../ledger/reports/review-dimensions-layout.ts";
import { MIN_PRINT_SCALE, printScale } from "../../../ledger/reports/grid.ts";
import { reviewReport } from "../../fixtures/review-dimensions.ts";

const texts = (cells: { v: unknown }[]) => cells.map((c) => c.v);

describe("the review results sheet", () => {
  it("lists each unit's reviews, mean total with its interval, failed reviews and the mean of every dimension in one table", () => {
    const g = reviewDimensionsLayout(reviewReport(), "zh-CN");
    expect(g.name).toBe("评查得分 2026年第三季度");
    expect(g.rows[0][0].v).toBe("2026年第三季度案件质量评查得分");
    expect(String(g.rows[1][0].v)).toContain("低于 60 分为不合格");
    const { first, last } = g.headerRows!;
    expect(texts(g.rows[first]).slice(0, 9)).toEqual(["单位", "类别", "评查件数", "平均得分", "95% 区间", null, "不合格", "分项评分\n件数", "平均\n扣分"]);
    expect(texts(g.rows[last]).slice(4, 6)).toEqual(["下限", "上限"]);
    expect(String(g.rows[last][9].v)).toBe("证据审查\n和采信\n（满分15）");
    for (let r = first; r <= last; r++) expect(g.rows[r].every((c) => c.style === "header")).toBe(true);
    expect(texts(g.rows[last + 1])).toEqual(["山腰街道", "镇街", 2, 76, 34.18, 95.21, 0, 2, 1, 12, 12, 12, 12, 8, 7, 7, 7]);
    expect(texts(g.rows[last + 2]).slice(0, 7)).toEqual(["区人社局", "部门", 1, 50, 9.45, 90.55, 1]);
    // Figures are numbers shown to one decimal, never text.
    expect(g.rows[last + 1][4]).toMatchObject({ format: "0.0", shown: "34.2" });
    // A unit with a failed review shows it in red.
    expect(g.rows[last + 2][6].style).toBe("miss");
    expect(g.rows[last + 1][6].style).toBe("cell");
  });

  it("marks each unit's largest loss among the eight dimensions, ties included", () => {
    const g = reviewDimensionsLayout(reviewReport(), "zh-CN");
    const [shanyao, renshe] = [g.rows[g.headerRows!.last + 1], g.rows[g.headerRows!.last + 2]];
    // 山腰街道 loses 3 of 15 in each of the first four and 3 of 10 in three of the other four: those tie at 3.
    expect(shanyao.slice(9).map((c) => c.style)).toEqual(["miss", "miss", "miss", "miss", "cell", "miss", "miss", "miss"]);
    // 区人社局: 法律适用 15 − 6 = 9 is the largest.
    expect(renshe.slice(9).map((c) => c.style)).toEqual(["cell", "cell", "miss", "cell", "cell", "cell", "cell", "cell"]);
  });

  it("prints on A4 at a readable scale, Chinese only in Chinese and English only in English", () => {
    const many = { ...reviewReport(), units: Array.from({ length: 32 }, (_, i) => ({ ...reviewReport().units[i % 2], unit: i === 5 ? "泉港区市场监督管理局南埔镇分局" : `单位${i}` })) };
    for (const locale of ["zh-CN", "en"] as const) {
      const g = reviewDimensionsLayout(many, locale);
      expect(printScale(g.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      const cells = g.rows.flat().map((c) => String(c.v ?? "")).filter((v) => !v.startsWith("单位") && !v.startsWith("泉港区"));
      for (const v of cells) expect(v).not.toMatch(locale === "en" ? /[\u4e00-\u9fff]/ : /[A-Za-z]/);
    }
  });

  it("says so when the period has no reviews, in the pane's English too", () => {
    const g = reviewDimensionsLayout({ ...reviewReport(), units: [] }, "en");
    expect(g.rows.some((r) => r[0]?.v === "No reviews in this period.")).toBe(true);
    expect(g.rows[0][0].v).toBe("Case-file review results, Q3 2026");
    expect(g.name).toBe("Reviews Q3 2026");
  });
});
