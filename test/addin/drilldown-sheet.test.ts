import { describe, expect, it } from "vitest";
import { drilldownSummary, drilldownUnits } from "../../addin/pane/logic/drilldown-sheet.ts";
import { isProductSheet } from "../../addin/pane/logic/validate-all.ts";
import { drilldownLayout, drilldownSheetName } from "../../ledger/reports/drilldown-layout.ts";
import type { Unit } from "../../ledger/api/units.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { MIN_PRINT_SCALE, printScale } from "../../ledger/reports/grid.ts";

const UNITS: Unit[] = [
  { id: 1, name: "区调解中心", kind: "centre", createdAt: "" },
  { id: 2, name: "区人社局", kind: "department", createdAt: "" },
  { id: 3, name: "山腰街道", kind: "town", createdAt: "" },
  { id: 4, name: "南埔镇", kind: "town", createdAt: "" },
];

describe("the drill-down on the Rankings page", () => {
  it("gives a clerk their own unit and nothing to pick", () => {
    expect(drilldownUnits({ role: "clerk", unit: "南埔镇", tokenId: 1, label: null }, UNITS)).toEqual({ fixed: "南埔镇" });
  });

  it("lets the assessment office and coordinators pick an assessed unit, towns first, never the centre", () => {
    for (const role of ["assessor", "coordinator"] as const) {
      expect(drilldownUnits({ role, unit: null, tokenId: 1, label: null }, UNITS)).toEqual({ options: ["山腰街道", "南埔镇", "区人社局"] });
    }
    expect(drilldownUnits({ role: "assessor", unit: null, tokenId: 1, label: null }, undefined)).toEqual({ options: [] });
  });

  it("says in the pane what the sheet found: cases not accepted, late, commitments missed, rejected rows", () => {
    expect(drilldownSummary(drilldownFixture(), "考评明细 山腰街道 2026-Q3", "zh-CN"))
      .toBe("已生成工作表“考评明细 山腰街道 2026-Q3”：未受理 1、调解未成功 1、超期办结 1、承诺未按期兑现 2、被退回的行 1。");
    expect(drilldownSummary(drilldownFixture(), "x", "en")).toBe("Created the sheet “x”: not accepted 1, not successful 1, concluded late 1, commitments not kept on time 2, rejected rows 1.");
  });

  it("lays out a section per indicator: heading with n/N, its header, its cases, the costly ones marked red", () => {
    const grid = drilldownLayout(drilldownFixture(), "zh-CN");
    expect(grid.name).toBe("考评明细 山腰街道 2026年第三季度");
    expect(grid.rows[0][0].v).toBe("考评明细：山腰街道（2026年第三季度，统计截至2026年10月1日）");
    const headings = grid.rows.filter((r) => r[0]?.style === "heading").map((r) => String(r[0].v).split("　")[0]);
    expect(headings).toEqual(["受理率 2/3 = 66.7%", "调解成功率 1/2 = 50.0%", "按期办结率 2/3 = 66.7%", "承诺兑现率 1/3 = 33.3%", "诉前化解率 0/1 = 0.0%", "台账规范率 40/41 = 97.6%", "评查得分 147/200 = 73.5"]);
    const onTime = grid.rows.findIndex((r) => String(r[0]?.v).startsWith("按期办结率"));
    expect(grid.rows[onTime + 1].map((c) => c.v)).toEqual(["案件编号", "收案日期", "结案日期", "办理状态", "用时（天）", "期限（天）", "按期办结"]);
    expect(grid.rows[onTime + 2].map((c) => c.v)).toEqual(["SY-2026-001", "2026-07-02", "2026-08-20", "调解成功", 49, 30, "否，超期 19 天"]);
    expect(grid.rows[onTime + 2][6].style).toBe("miss");
    const overdue = grid.rows.find((r) => r[0]?.v === "SY-2026-090")!;
    expect(overdue.map((c) => c.v)).toEqual(["SY-2026-090", "区人社局于九月底前补发拖欠工资 12,400 元", "2026-09-30", null, "逾期未兑现", "否", null]);
    expect(overdue[4].style).toBe("miss");
    // The problem in words; the code (invalid_date) is nowhere on the sheet.
    expect(grid.rows.find((r) => r[0]?.v === 17)!.map((c) => c.v)).toEqual([17, "B（收案日期）", "收案日期“2026年13月1日”不是有效日期，请写成 2026-05-26"]);
    expect(grid.rows.some((r) => r.some((c) => String(c.v).includes("行号为本期最后一次上报（2026年9月28日 10:15）")))).toBe(true);
    expect(grid.rows.at(-1)![0].v).toBe("时间均为北京时间。");
    // A case no longer in the ledger still counts, and the sheet says so.
    expect(grid.rows.some((r) => r.some((c) => c.v === "已不在台账中（仍计入）"))).toBe(true);
    expect(grid.widths.every((w) => w >= 8 && w <= 26)).toBe(true);
  });

  it("prints on A4 at a readable scale, the title on every page, each section starting where it fits, in one language", () => {
    const d = drilldownFixture();
    // A unit with a long quarter: 60 accepted cases push the later sections onto later pages.
    d.indicators.acceptance.cases = Array.from({ length: 60 }, (_, i) => ({ ...d.indicators.acceptance.cases[1], caseNo: `SY-2026-${String(100 + i)}` }));
    for (const locale of ["zh-CN", "en"] as const) {
      const grid = drilldownLayout(d, locale);
      expect(grid.page?.orientation).toBe("landscape");
      expect(printScale(grid.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      expect(grid.headerRows).toEqual({ first: 0, last: 0 });
      expect(grid.rows[0][0].style).toBe("title");
      // Every break falls on a section heading, never inside a section's first rows.
      expect(grid.breaksBefore!.length).toBeGreaterThan(0);
      for (const b of grid.breaksBefore!) expect(grid.rows[b][0].style, `row ${b}`).toBe("heading");
      const typed = new Set(["山腰街道", "林志强", "陈评查"]);
      for (const row of grid.rows) for (const c of row) {
        const v = String(c.v ?? "");
        if (typed.has(v) || /^SY-/.test(v)) continue;
        if (locale === "zh-CN") expect(v).not.toMatch(/[A-Za-z]{2,}/);
      }
    }
    expect(drilldownLayout(d, "en").rows[0][0].v).toBe("Assessment detail: 山腰街道 (Q3 2026, as of 1 Oct 2026)");
  });

  it("says so when a section has nothing to list", () => {
    const d = drilldownFixture();
    d.indicators.review = { num: 0, den: 0, cases: [] };
    d.indicators.ledgerQuality = { num: 0, den: 0, push: null, rows: [] };
    const texts = drilldownLayout(d, "zh-CN").rows.map((r) => r[0]?.v);
    expect(texts).toContain("本期没有评查");
    expect(texts).toContain("本期没有完成的上报");
  });

  it("keeps the sheet name within Excel's 31 characters and never validates it as a ledger", () => {
    expect(drilldownSheetName("泉港区市场监督管理局南埔镇分局第一执法大队", "2026-Q3").length).toBeLessThanOrEqual(31);
    expect(drilldownSheetName("县[一]局:*?/", "2026-Q3")).toBe("考评明细 县-一-局---- 2026年第三季度");
    expect(isProductSheet({ sheetName: "考评明细 山腰街道 2026年第三季度", values: [], rowCount: 0, columnCount: 0, chunks: 0 })).toBe(true);
  });
});
