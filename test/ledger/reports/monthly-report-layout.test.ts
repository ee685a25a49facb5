import { describe, expect, it } from "vitest";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { monthlyReportLayout, monthlyReportSheetName, yearOnYear } from "../../../ledger/reports/monthly-report-layout.ts";
import { sampleReportData, sampleStats } from "../../fixtures/stats.ts";

const text = (g: Grid) => g.rows.map((r) => r.map((c) => c.v ?? "").join("|")).join("\n");
/** A row's values without the blanks of merged cells. */
const row = (g: Grid, first: string) => g.rows.find((r) => r[0]?.v === first)?.map((c) => c.v).filter((v) => v !== null);
const rows = (g: Grid, first: string) => g.rows.filter((r) => r[0]?.v === first).map((r) => r.map((c) => c.v).filter((v) => v !== null));
const cellOf = (g: Grid, first: string, index: number) => g.rows.find((r) => r[0]?.v === first)!.filter((c) => c.v !== null)[index];
const OFFICE = { filingUnit: "泉港区司法局", contact: "陈美华", phone: "0595-87771234" };
const report = (o: { locale?: "zh-CN" | "en"; filer?: string; office?: typeof OFFICE } = {}) =>
  monthlyReportLayout(sampleReportData(), o.locale ?? "zh-CN", { filedOn: "2026-06-03", filer: o.filer, office: o.office });

describe("月报", () => {
  it("is an A4 portrait form as 统计报表 are printed: the title centred, 填报单位（盖章）, 填报日期, 统计期间, 单位：件", () => {
    const g = report();
    expect(g.page).toEqual({ orientation: "portrait" });
    expect(g.name).toBe("月报 2026年5月");
    expect(g.rows[0][0]).toMatchObject({ v: "行政争议调解工作统计月报", style: "title", align: "center" });
    expect(g.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: g.widths.length });
    const all = text(g);
    expect(all).toContain("填报单位：____________（盖章）");
    expect(all).toContain("填报日期：2026年6月3日");
    expect(all).toContain("统计期间：2026年5月");
    expect(all).toContain("统计范围：全区");
    expect(all).toContain("单位：件");
    expect(all).toContain("本年累计为2026年1月至5月。");
  });

  it("prints on A4 portrait at full size, its head the rows a second page would repeat", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const g = report({ locale });
      expect(printScale(g.widths, "portrait")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
      expect(printScale(g.widths, "portrait")).toBe(1);
      expect(Math.max(...g.rows.map((r) => r.length))).toBeLessThanOrEqual(g.widths.length);
      expect(g.headerRows).toEqual({ first: 0, last: 2 });
      expect(String(g.rows[2].filter((c) => c.v !== null).at(-1)!.v)).toMatch(/^(单位：件|Unit: cases)$/);
      expect(g.charts ?? []).toEqual([]);
    }
  });

  it("gives each main figure 本期, 上年同期, 同比 and 本年累计 from the three spans' stats", () => {
    const g = report();
    expect(row(g, "一、主要指标")).toEqual(["一、主要指标", "本期", "上年同期", "同比", "本年累计"]);
    // 6 received this May, 4 last May (+50 %), 30 since January.
    expect(row(g, "收案数")).toEqual(["收案数", 6, 4, 0.5, 30]);
    expect(row(g, "办结数")).toEqual(["办结数", 3, 2, 0.5, 16]);
    expect(row(g, "调解成功数")).toEqual(["调解成功数", 2, 1, 1, 12]);
    expect(cellOf(g, "收案数", 3)).toMatchObject({ format: "+0.0%;-0.0%;0.0%", shown: "+50.0%" });
    // The success rate: 2/3 against 1/2 is 16.7 percentage points up, a number in its own format.
    expect(row(g, "调解成功率")).toEqual(["调解成功率", 2 / 3, 0.5, 16.7, 0.75]);
    expect(cellOf(g, "调解成功率", 3)).toMatchObject({ shown: "+16.7个百分点", format: '+0.0"个百分点";-0.0"个百分点";0.0"个百分点"' });
  });

  it("writes 同比 as “—” where last year counted nothing, never Infinity, and a fall as a negative change", () => {
    expect(yearOnYear(6, 0)).toBeNull();
    expect(yearOnYear(0, 4)).toBe(-1);
    const g = report();
    // 当事人申请: 6 now, none last May; 信访转办: none now, 4 last May.
    expect(row(g, "当事人申请")).toEqual(["当事人申请", 6, 30, "—", 3, 16, 2, 12, 2 / 3]);
    expect(row(g, "信访转办")).toEqual(["信访转办", 0, 0, -1, 0, 0, 0, 0, "—"]);
    expect(text(g)).not.toMatch(/Infinity|NaN/);
  });

  it("gives a row per source and per domain under two header rows, each section with its 合计", () => {
    const g = report();
    expect(rows(g, "二、按案件来源")).toEqual([["二、按案件来源", "收案数", "办结数", "调解成功数", "成功率"]]);
    const sub = g.rows[g.rows.findIndex((r) => r[0]?.v === "二、按案件来源") + 1].map((c) => c.v).filter((v) => v !== null);
    expect(sub).toEqual(["本期", "本年累计", "同比", "本期", "本年累计", "本期", "本年累计", "本期"]);
    expect(rows(g, "合计")).toEqual([["合计", 6, 30, 0.5, 3, 16, 2, 12, 2 / 3], ["合计", 6, 30, 0.5, 3, 16, 2, 12, 2 / 3]]);
    expect(row(g, "征地拆迁")).toEqual(["征地拆迁", 6, 30, "—", 0, 16, 0, 12, "—"]);
    expect(text(g)).toContain("二、按案件来源");
    expect(text(g)).toContain("三、按纠纷领域");
  });

  it("holds numbers as numbers: every figure is a number with its format, or “—” where there is none", () => {
    const g = report();
    const start = g.rows.findIndex((r) => r[0]?.v === "收案数");
    const end = g.rows.findIndex((r) => String(r[0]?.v ?? "").startsWith("说明"));
    for (const r of g.rows.slice(start, end)) {
      if (r[0]?.style !== "cell" && r[0]?.v !== "合计") continue;
      for (const c of r.slice(1)) if (c.v !== null) expect(typeof c.v === "number" || c.v === "—").toBe(true);
      for (const c of r.slice(1)) if (typeof c.v === "number" && !Number.isInteger(c.v)) expect(c.format).toBeDefined();
    }
  });

  it("ends with the lines to sign: 单位负责人, 审核人, 填表人, 联系电话, blank to fill by hand", () => {
    const g = report();
    expect(g.rows.at(-1)!.map((c) => c.v).filter(Boolean)).toEqual(["单位负责人：________", "审核人：________", "填表人：________", "联系电话：________"]);
  });

  it("fills 填报单位, 填表人 and 联系电话 from the office's profile, keeps （盖章）, and prefers a filer typed for this report", () => {
    const g = report({ office: OFFICE });
    expect(text(g)).toContain("填报单位：泉港区司法局（盖章）");
    expect(g.rows.at(-1)!.map((c) => c.v).filter(Boolean)).toEqual(["单位负责人：________", "审核人：________", "填表人：陈美华", "联系电话：0595-87771234"]);
    expect(text(report({ office: OFFICE, filer: "泉港区人民政府" }))).toContain("填报单位：泉港区人民政府（盖章）");
    expect(text(report({ filer: "区司法局" }))).toContain("填报单位：区司法局（盖章）");
    const clerk = monthlyReportLayout({ ...sampleReportData(), stats: { ...sampleStats(), group: { kind: "unit", name: "山腰街道" } } }, "zh-CN", { filedOn: "2026-06-03" });
    expect(text(clerk)).toContain("填报单位：山腰街道（盖章）");
  });

  it("calls a quarter a 季报 with 本年累计, and a year a 年报 without it (the year is its own total)", () => {
    expect(monthlyReportSheetName("2026-Q2")).toBe("季报 2026年第二季度");
    const q = monthlyReportLayout({ ...sampleReportData(), stats: { ...sampleStats(), period: "2026-Q3" } }, "zh-CN", { filedOn: "2026-10-09" });
    expect(q.rows[0][0].v).toBe("行政争议调解工作统计季报");
    expect(text(q)).toContain("统计期间：2026年第三季度");
    expect(text(q)).toContain("本年累计为2026年1月至9月。");
    const y = monthlyReportLayout({ ...sampleReportData(), stats: { ...sampleStats(), period: "2025" } }, "zh-CN", { filedOn: "2026-01-09" });
    expect(y.name).toBe("年报 2025年");
    expect(row(y, "一、主要指标")).toEqual(["一、主要指标", "本期", "上年同期", "同比"]);
    expect(text(y)).not.toContain("本年累计");
    expect(printScale(y.widths, "portrait")).toBe(1);
  });

  it("writes Chinese only in Chinese, and English only in English but for the ledger's own words", () => {
    const zh = text(report({ office: { ...OFFICE, phone: "0595 87771234" } }));
    expect(zh.match(/[A-Za-z]+/g)).toBeNull();
    const en = report({ locale: "en", office: OFFICE });
    expect(en.name).toBe("Monthly report May 2026");
    const all = text(en);
    expect(all).toContain("Administrative dispute mediation: monthly statistics");
    expect(all).toContain("Filed by: 泉港区司法局 (seal)");
    expect(all).toContain("Period: May 2026");
    expect(all).toContain("Preparer: 陈美华");
    // Outside the sources' and domains' names (the ledger's words), the filer and the note's 调解不成 + 终止, no Chinese.
    const own = en.rows.filter((r) => r[0]?.style !== "cell").map((r) => r.map((c) => c.v ?? "").join(" ")).join("\n")
      .replace(/泉港区司法局|陈美华|调解不成|终止/g, "");
    expect(own.match(/[\u4e00-\u9fff]+/g)).toBeNull();
  });
});
