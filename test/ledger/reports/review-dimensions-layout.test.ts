// The review results sheet as the pane and the CLI both write it: figures per unit, and where each unit loses points.
import { describe, expect, it } from "vitest";
import { reviewDimensionsLayout } from "../../../ledger/reports/review-dimensions-layout.ts";
import { reviewReport } from "../../fixtures/review-dimensions.ts";

const texts = (cells: { v: unknown }[]) => cells.map((c) => c.v);

describe("the review results sheet", () => {
  it("lists each unit's reviews, mean total with its interval, failed reviews and the mean of every dimension", () => {
    const g = reviewDimensionsLayout(reviewReport(), "zh-CN");
    expect(g.name).toBe("评查得分 2026-Q3");
    expect(g.rows[0][0].v).toBe("案件质量评查得分（2026-Q3）");
    expect(String(g.rows[1][0].v)).toContain("低于 60 分为不合格");
    expect(texts(g.rows[3]).slice(0, 6)).toEqual(["单位", "类别", "评查件数", "平均得分", "95% 区间", "不合格"]);
    expect(String(g.rows[3][6].v)).toBe("证据审查和采信\n（满分 15）");
    expect(texts(g.rows[4])).toEqual(["山腰街道", "镇街", 2, 76, "34.2–95.2", 0, 12, 12, 12, 12, 8, 7, 7, 7]);
    expect(texts(g.rows[5]).slice(0, 6)).toEqual(["区人社局", "部门", 1, 50, "9.4–90.5", 1]);
    // A unit with a failed review shows it in red.
    expect(g.rows[5][5].style).toBe("miss");
    expect(g.rows[4][5].style).toBe("cell");
  });

  it("marks each unit's largest loss among the eight dimensions, ties included", () => {
    const g = reviewDimensionsLayout(reviewReport(), "zh-CN");
    const start = g.rows.findIndex((r) => String(r[0]?.v ?? "").startsWith("各项平均失分"));
    const shanyao = g.rows[start + 2];
    const renshe = g.rows[start + 3];
    // 山腰街道 loses 3 of 15 in each of the first four and 3 of 10 in the other four: every dimension ties at 3.
    expect(texts(shanyao).slice(6)).toEqual([3, 3, 3, 3, 2, 3, 3, 3]);
    expect(shanyao.slice(6).map((c) => c.style)).toEqual(["miss", "miss", "miss", "miss", "cell", "miss", "miss", "miss"]);
    // 区人社局: 法律适用 15 − 6 = 9 is the largest.
    expect(texts(renshe).slice(6)).toEqual([7, 8, 9, 6, 5, 5, 5, 5]);
    expect(renshe.slice(6).map((c) => c.style)).toEqual(["cell", "cell", "miss", "cell", "cell", "cell", "cell", "cell"]);
  });

  it("says so when the period has no reviews, in the pane's English too", () => {
    const g = reviewDimensionsLayout({ ...reviewReport(), units: [] }, "en");
    expect(g.rows.some((r) => r[0]?.v === "No reviews in this period.")).toBe(true);
    expect(g.rows[0][0].v).toBe("Case-file review results 2026-Q3");
  });
});
