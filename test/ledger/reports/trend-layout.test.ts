import { describe, expect, it } from "vitest";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { periodHeader, trendLayout, trendSheetName } from "../../../ledger/reports/trend-layout.ts";
import { sampleTrend } from "../../fixtures/trend.ts";

const months = (from: [number, number], n: number) => Array.from({ length: n }, (_, i) => {
  const k = from[0] * 12 + from[1] - 1 + i;
  return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
});
const texts = (g: Grid) => g.rows.flatMap((r) => r.map((c) => c.v)).filter((v): v is string => typeof v === "string");
const opts = { filedOn: "2026-07-02", office: { filingUnit: "泉港区司法局", contact: "郑敏", phone: "0595-1234567" } };

describe("the trend sheets", () => {
  const grids = trendLayout(sampleTrend(), "zh-CN", opts);
  const [scores, ranks, indicators] = grids;

  it("names the sheets and the periods as forms write them, in Chinese only", () => {
    expect(grids.map((g) => g.name)).toEqual(["考评趋势 2026年1月至6月", "各期名次 2026年1月至6月", "各期指标 2026年1月至6月"]);
    expect(trendSheetName({ from: "2025-Q1", to: "2025-Q4" })).toBe("考评趋势 2025年第一季度至第四季度");
    expect(trendSheetName({ from: "2026-01", to: "2026-01" })).toBe("考评趋势 2026年1月");
    expect(texts(scores)).toContain("填报单位：泉港区司法局　　填报日期：2026年7月2日");
    expect(texts(scores)).toContain("考评期间：2026年1月至6月（按月）　　统计截至：2026年7月1日");
    for (const g of grids) for (const t of texts(g)) expect(t).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("labels every period, with the year where it starts or changes", () => {
    expect(scores.rows[scores.headerRows!.first].map((c) => c.v)).toEqual(["单位", "2026年\n1月", "2月", "3月", "4月", "5月", "6月"]);
    expect(periodHeader("2027-01", "2026-12", "zh-CN")).toBe("2027年\n1月");
    expect(periodHeader("2026-Q2", "2026-Q1", "zh-CN")).toBe("第二季度");
    expect(periodHeader("2026-Q1", undefined, "en")).toBe("Q1\n2026");
  });

  it("stores scores as numbers, and a period without one as an empty cell the chart shows as a gap", () => {
    const zhujian = scores.rows.find((r) => r[0]?.v === "区住建局")!;
    expect(zhujian.slice(1).map((c) => typeof c.v)).toEqual(["number", "object", "number", "number", "number", "number"]);
    expect(zhujian[2].v).toBeNull();
    expect(zhujian[1].format).toBe("0.0");
  });

  it("draws a line per unit with data, per kind, over number cells only, against the labelled period header", () => {
    expect(scores.charts!.map((c) => [c.kind, c.seriesIn, c.lastRow - c.firstRow + 1])).toEqual([["line", "rows", 4], ["line", "rows", 2]]);
    for (const c of scores.charts!) {
      expect(c.headerRow).toBe(scores.headerRows!.first);
      for (let r = c.firstRow; r <= c.lastRow; r++) for (let col = c.firstValueCol; col <= c.lastValueCol; col++) expect(typeof (scores.rows[r][col].v ?? 0)).toBe("number");
      for (let col = c.firstValueCol; col <= c.lastValueCol; col++) expect(scores.rows[c.headerRow][col].v).toBeTruthy();
      expect(c.at.row).toBeGreaterThan(scores.rows.findIndex((r) => r[0]?.style === "note"));
    }
  });

  it("leaves a unit with nothing to score in any period out of the table and charts, and names it", () => {
    const t = sampleTrend();
    const none = t.units.find((u) => u.unit === "区住建局")!;
    const empty = { ...none, unit: "区侨联", points: none.points.map((p) => ({ ...p, score: null, rank: null })) };
    const [s] = trendLayout({ ...t, units: [...t.units, empty] }, "zh-CN", opts);
    expect(s.rows.some((r) => r[0]?.v === "区侨联")).toBe(false);
    expect(texts(s)).toContain("以下单位各期均无可计分的数据，未列入表和图：区侨联。");
    expect(s.charts![1].lastRow - s.charts![1].firstRow).toBe(1);
  });

  it("gives ranks as numbers with how many units were ranked, and every indicator's rate as a number beside its counts", () => {
    const shanyao = ranks.rows.find((r) => r[0]?.v === "山腰街道")!;
    expect(shanyao.slice(1).every((c) => typeof c.v === "number")).toBe(true);
    expect(ranks.rows.filter((r) => r[0]?.v === "参评单位数").map((r) => r[1].v)).toEqual([4, 2]);
    const row = indicators.rows.find((r) => r[0]?.v === "山腰街道" && r[1]?.v === "2026年1月")!;
    expect(row[4]).toMatchObject({ format: "0.0%" });
    expect(typeof row[4].v).toBe("number");
    expect(row[5].v).toMatch(/^\d+\/\d+$/);
    // No unit had commitments, pre-suit, ledger or review data: those columns are left out and a note says so.
    expect(indicators.rows[indicators.headerRows!.first].map((c) => c.v).filter(Boolean)).toEqual(["单位", "期间", "综合得分", "名次", "受理率", "调解成功率", "按期办结率"]);
    expect(texts(indicators).some((t) => t.startsWith("承诺兑现率、诉前化解率、台账规范率、评查得分：所选期间各单位均无数据"))).toBe(true);
  });

  it("repeats each table's header on every printed page and fits A4 landscape at a readable scale", () => {
    for (const g of grids) {
      const { first, last } = g.headerRows!;
      for (let r = first; r <= last; r++) expect(g.rows[r].every((c) => c.style === "header")).toBe(true);
      expect(g.page!.orientation).toBe("landscape");
      expect(printScale(g.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      expect(g.frozenCols).toBe(1);
    }
  });

  it("keeps 24 months on one set of sheets when they fit, and splits them in two when full-mark scores and a long name make them too wide", () => {
    const long = trendLayout(sampleTrend(months([2024, 12], 24)), "zh-CN", opts);
    expect(long.map((g) => g.name)).toEqual(["考评趋势 2024年12月至2026年11月", "各期名次 2024年12月至2026年11月", "各期指标 2024年12月至2026年11月"]);
    expect(printScale(long[0].widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    const t = sampleTrend(months([2024, 12], 24));
    t.units[0].unit = "泉港区山腰街道办事处综合治理和矛盾纠纷多元化解中心";
    // 100.0 in every column widens each to seven characters: 24 of them and a wrapped 20-character name pass A4.
    for (const u of t.units) for (const p of u.points) if (p.score !== null) p.score = 100;
    const wide = trendLayout(t, "zh-CN", opts);
    expect(wide.map((g) => g.name)).toEqual([
      "考评趋势 2024年12月至2025年11月", "各期名次 2024年12月至2025年11月", "各期指标 2024年12月至2025年11月",
      "考评趋势 2025年12月至2026年11月", "各期名次 2025年12月至2026年11月", "各期指标 2025年12月至2026年11月",
    ]);
    for (const g of wide) expect(printScale(g.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });

  it("writes English sheets when asked", () => {
    const en = trendLayout(sampleTrend(), "en", opts);
    expect(en.map((g) => g.name)).toEqual(["Trend Jan 2026 to Jun 2026", "Ranks Jan 2026 to Jun 2026", "Indicators Jan 2026 to Jun 2026"]);
    expect(texts(en[0])).toContain("Period: Jan 2026 to Jun 2026 (by month)　　As of: 1 Jul 2026");
    // English only, apart from what users typed (unit names, the office's name).
    const typed = /泉港区司法局|山腰街道|南埔镇|界山镇|后龙镇|区人社局|区住建局/g;
    for (const g of en) for (const t of texts(g)) expect(t.replace(typed, "")).not.toMatch(/[\u4e00-\u9fff]/);
  });
});
