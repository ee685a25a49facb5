import { describe, expect, it } from "vitest";
import type { CrossTable, Stats, StatsFigures } from "../../../ledger/api/stats.ts";
import { DOMAINS, SOURCES } from "../../../ledger/choices.ts";
import { RESPONDENT_ROWS, statsLayouts } from "../../../ledger/reports/stats-layout.ts";
import { monthlyReportLayout, monthlyReportSheetName } from "../../../ledger/reports/monthly-report-layout.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";

const table = (measure: CrossTable["measure"], rows: string[], cols: string[], cells: number[][]): CrossTable => {
  const rowTotals = cells.map((r) => r.reduce((a, b) => a + b, 0));
  const colTotals = cols.map((_, j) => cells.reduce((a, r) => a + r[j], 0));
  return { measure, rows, cols, cells, rowTotals, colTotals, total: rowTotals.reduce((a, b) => a + b, 0) };
};
const fig = (received: number, successes = 0, failures = 0): StatsFigures => ({
  received, accepted: received, concluded: successes + failures, successes, failures, open: 1, successRate: successes + failures ? successes / (successes + failures) : null,
});
const OUTCOMES = ["调解成功", "调解不成", "终止", "撤回", "移送裁判"];

function sample(respondents = 3): Stats {
  return {
    period: "2026-05",
    group: { kind: "district", name: null },
    units: ["山腰街道", "南埔镇"],
    totals: fig(6, 2, 1),
    tables: {
      domainByUnit: table("received", ["征地拆迁", "教育"], ["山腰街道", "南埔镇"], [[3, 1], [0, 2]]),
      respondentByDomain: table("received", Array.from({ length: respondents }, (_, i) => `机关${i}`), ["征地拆迁", "教育"], Array.from({ length: respondents }, (_, i) => [i % 2, 1])),
      sourceByOutcome: table("concluded", ["当事人申请", "信访转办"], OUTCOMES, [[2, 0, 0, 1, 0], [0, 1, 0, 0, 0]]),
      stageByOutcome: table("concluded", ["诉前"], OUTCOMES, [[2, 1, 0, 1, 0]]),
    },
    trend: [{ month: "2026-04", ...fig(1) }, { month: "2026-05", ...fig(6, 2, 1) }],
    bySource: SOURCES.map((label, i) => ({ label, ...fig(i === 0 ? 6 : 0, i === 0 ? 2 : 0, i === 0 ? 1 : 0) })),
    byDomain: DOMAINS.map((label, i) => ({ label, ...fig(i === 3 ? 6 : 0) })),
  };
}

const text = (g: Grid) => g.rows.map((r) => r.map((c) => c.v ?? "").join("|")).join("\n");
const row = (g: Grid, first: string) => g.rows.find((r) => r[0]?.v === first)!.map((c) => c.v);

describe("诉源分析 sheets", () => {
  it("lays out each cross-table with its row totals, a 合计 row of column totals and a chart over its own cells", () => {
    const grids = statsLayouts(sample(), "zh-CN");
    expect(grids.map((g) => g.name)).toEqual(["领域×单位 2026-05", "被申请人×领域 2026-05", "来源×结果 2026-05", "阶段×结果 2026-05", "月度趋势 2026-05"]);
    const du = grids[0];
    expect(text(du)).toContain("纠纷领域 × 承办单位（2026-05，全区）");
    expect(row(du, "征地拆迁")).toEqual(["征地拆迁", 3, 1, 4]);
    expect(row(du, "合计")).toEqual(["合计", 3, 3, 6]);
    const [chart] = du.charts!;
    expect(chart.kind).toBe("bar");
    // The chart draws the totals column of the data rows, labelled by the first column, and sits right of the table.
    expect(du.rows[chart.headerRow][chart.firstValueCol].v).toBe("合计");
    expect(du.rows[chart.firstRow][chart.labelCol].v).toBe("征地拆迁");
    expect(du.rows[chart.lastRow][chart.labelCol].v).toBe("教育");
    expect(chart.at.col).toBeGreaterThan(3);

    const so = grids[2];
    expect(row(so, "合计")).toEqual(["合计", 2, 1, 0, 1, 0, 4]);
    const outcomes = so.charts![0];
    expect(outcomes.kind).toBe("column");
    expect([outcomes.firstValueCol, outcomes.lastValueCol].map((c) => so.rows[outcomes.headerRow][c].v)).toEqual(["调解成功", "移送裁判"]);
  });

  it("folds respondent agencies beyond the first twenty into one row, so the table still adds up", () => {
    const rd = statsLayouts(sample(25), "zh-CN")[1];
    const labels = rd.rows.map((r) => r[0]?.v);
    expect(labels).toContain(`机关${RESPONDENT_ROWS - 1}`);
    expect(labels).not.toContain(`机关${RESPONDENT_ROWS}`);
    expect(row(rd, "其余 5 个机关")).toEqual(["其余 5 个机关", 2, 5, 7]);
    expect(row(rd, "合计").at(-1)).toBe(25 + 12);
  });

  it("draws the trend as lines: the counts on one chart and the success rate as a percentage on another", () => {
    const trend = statsLayouts(sample(), "zh-CN")[4];
    expect(row(trend, "2026-05")).toEqual(["2026-05", 6, 6, 3, 2, 1, 1, 2 / 3]);
    expect(row(trend, "2026-04").at(-1)).toBe("—");
    expect(trend.charts!.map((c) => [c.kind, c.valueFormat])).toEqual([["line", undefined], ["line", "0%"]]);
    // The flows of each month are lines; 在办 (a stock) is left out of the chart.
    const [flows] = trend.charts!;
    expect(trend.rows[flows.headerRow].slice(flows.firstValueCol, flows.lastValueCol + 1).map((c) => c.v)).toEqual(["收案", "受理", "办结", "调解成功", "调解不成功"]);
  });

  it("writes English headings when the locale is English, keeping the ledger's own choice words", () => {
    const du = statsLayouts(sample(), "en")[0];
    expect(text(du)).toContain("Domain × unit (2026-05, whole district)");
    expect(row(du, "Total")).toEqual(["Total", 3, 3, 6]);
    expect(row(du, "征地拆迁")).toBeDefined();
  });
});

describe("月报", () => {
  const report = (locale: "zh-CN" | "en" = "zh-CN", filer?: string) => monthlyReportLayout(sample(), locale, { filedOn: "2026-06-03", filer });

  it("is an A4 portrait form: title, 填报单位, 填报日期, 统计期间, the figures, and the lines to sign at the bottom", () => {
    const g = report();
    expect(g.page).toEqual({ orientation: "portrait" });
    expect(g.name).toBe("月报 2026-05");
    expect(g.rows[0][0]).toMatchObject({ v: "行政争议调解工作统计月报", style: "title", align: "center" });
    expect(g.merges).toContainEqual({ row: 0, col: 0, rows: 1, cols: g.widths.length });
    const all = text(g);
    expect(all).toContain("填报单位：____________（盖章）");
    expect(all).toContain("填报日期：2026年6月3日");
    expect(all).toContain("统计期间：2026年5月1日至2026年5月31日");
    expect(all).toContain("统计范围：全区");
    expect(g.rows.at(-1)!.map((c) => c.v).filter(Boolean)).toEqual(["审核人：__________", "填表人：__________", "联系电话：__________"]);
    // Fits A4 portrait's printable width (about 90 character widths at 100 %).
    expect(g.widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(90);
    expect(Math.max(...g.rows.map((r) => r.length))).toBeLessThanOrEqual(g.widths.length);
    expect(g.charts ?? []).toEqual([]);
  });

  it("gives the period's figures overall, a row per source and per domain, each section with its 合计", () => {
    const g = report();
    expect(row(g, "本期")).toEqual(["本期", 6, 6, 3, 2, 1, 1, 2 / 3]);
    expect(row(g, "当事人申请")).toEqual(["当事人申请", 6, 6, 3, 2, 1, 1, 2 / 3]);
    expect(row(g, "海洋渔业")).toEqual(["海洋渔业", 0, 0, 0, 0, 0, 1, "—"]);
    expect(g.rows.filter((r) => r[0]?.v === "合计")).toHaveLength(2);
    expect(text(g)).toContain("二、按案件来源");
    expect(text(g)).toContain("三、按纠纷领域");
  });

  it("names the filer when given or when a clerk files for their unit, and calls a quarter a 季报", () => {
    expect(text(report("zh-CN", "区司法局"))).toContain("填报单位：区司法局");
    const clerk = monthlyReportLayout({ ...sample(), group: { kind: "unit", name: "山腰街道" } }, "zh-CN", { filedOn: "2026-06-03" });
    expect(text(clerk)).toContain("填报单位：山腰街道");
    expect(monthlyReportSheetName("2026-Q2")).toBe("季报 2026-Q2");
    expect(monthlyReportLayout({ ...sample(), period: "2026-Q2" }, "zh-CN", { filedOn: "2026-07-02" }).rows[0][0].v).toBe("行政争议调解工作统计季报");
  });

  it("says everything in English when the locale is English", () => {
    const all = text(report("en"));
    expect(all).toContain("Administrative dispute mediation: monthly statistics");
    expect(all).toContain("Period: 2026-05-01 to 2026-05-31");
    expect(all).toContain("Reviewed by: __________");
  });
});
