// The Rankings page's trend, mediator and zone competition sheets: shaped in addin/pane/logic, written through
// addin/excel in one write sync, the trend with a native line chart per kind.
import { describe, expect, it } from "vitest";
import { competitionReport } from "../../addin/pane/logic/competition-sheet.ts";
import { mediatorReport } from "../../addin/pane/logic/mediator-sheet.ts";
import { trendRanges, trendReport } from "../../addin/pane/logic/trend-sheet.ts";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import type { Trend } from "../../ledger/api/trend.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { parsePeriod } from "../../ledger/period.ts";
import { periodSpan } from "../../ledger/period-span.ts";
import { zoneRankings } from "../../worker/assessment/competition.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import { emptyCounts } from "../../worker/assessment/indicators.ts";
import { MEDIATOR_STANDARD, mediatorResults, type MediatorCase } from "../../worker/assessment/mediator-results.ts";
import { rankUnits } from "../../worker/assessment/ranking.ts";
import { rectAddress } from "../support/excel-double/address.ts";
import { readValues, sheetByName } from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { syncKinds } from "../support/excel-double/recorder.ts";

const none = { num: 0, den: 0, rate: null };
const ind = (s: number, n: number) => ({
  acceptance: { num: n, den: n, rate: 1 }, success: { num: s, den: n, rate: s / n }, onTime: none, commitments: none, preSuit: none, ledgerQuality: none, review: none,
});
const point = (period: string, score: number | null, rank: number | null, ranked: number) => ({ period, score, rank, ranked, indicators: score == null ? { ...ind(0, 1), acceptance: none, success: none } : ind(3, 4) });
const TREND: Trend = {
  from: "2026-01", to: "2026-03", by: "month", asOf: "2026-04-01", method: "wilson-lower",
  periods: ["2026-01", "2026-02", "2026-03"].map((period) => ({ period, weights: DEFAULT_WEIGHTS, weightsSource: "default" as const })),
  // As the Worker orders them: towns by the last period's rank, then departments.
  units: [
    { unit: "南埔镇", kind: "town", points: [point("2026-01", 15, 2, 2), point("2026-02", 51, 1, 2), point("2026-03", 20.7, 1, 1)] },
    { unit: "山腰街道", kind: "town", points: [point("2026-01", 51, 1, 2), point("2026-02", 30.1, 2, 2), point("2026-03", null, null, 1)] },
    { unit: "区人社局", kind: "department", points: [point("2026-01", 9.5, 1, 1), point("2026-02", null, null, 0), point("2026-03", 34.2, 1, 1)] },
  ],
};

describe("the trend sheet", () => {
  const body = (g: Grid) => g.rows.slice(g.headerRows!.last + 1).filter((r) => r.length > 1).map((r) => r.map((c) => c.v));

  it("writes the scores, ranks and indicators sheets of the layout the CLI writes, scores as numbers, blank without data", () => {
    const [scores, ranks, indicators] = trendReport(TREND, "zh-CN");
    expect([scores.name, ranks.name, indicators.name]).toEqual(["考评趋势 2026年1月至3月", "各期名次 2026年1月至3月", "各期指标 2026年1月至3月"]);
    expect(scores.rows[scores.headerRows!.first].map((c) => c.v)).toEqual(["单位", "2026年\n1月", "2月", "3月"]);
    expect(body(scores)).toEqual([["南埔镇", 15, 51, 20.7], ["山腰街道", 51, 30.1, null], ["区人社局", 9.5, null, 34.2]]);
    expect(body(ranks)).toEqual([["南埔镇", 2, 1, 1], ["山腰街道", 1, 2, null], ["参评单位数", 2, 2, 1], ["区人社局", 1, null, 1], ["参评单位数", 1, null, 1]]);
    expect(scores.charts!.map((c) => [c.title, c.firstRow, c.lastRow])).toEqual([["镇（街道）综合得分趋势（2026年1月至3月）", 5, 6], ["区直部门综合得分趋势（2026年1月至3月）", 8, 8]]);
  });

  it("is written in one read and one write sync, with a native line chart per kind: series by rows, named by unit, against the period headers", async () => {
    const { state, run } = excelDouble({ sheets: [{ name: "台账", values: [["案件编号"]] }] });
    const names = await createExcelWorkbook({ run }).writeGridSheets(trendReport(TREND, "zh-CN"));
    expect(names[0]).toBe("考评趋势 2026年1月至3月");
    expect(syncKinds(state.recorder)).toEqual(["read", "write"]);
    const sheet = sheetByName(state.workbook, names[0])!;
    expect(readValues(sheet, { r1: 3, r2: 8, c1: 0, c2: 3 })).toEqual([
      ["单位", "2026年\n1月", "2月", "3月"], ["镇（街道）", "", "", ""], ["南埔镇", 15, 51, 20.7], ["山腰街道", 51, 30.1, ""], ["区直部门", "", "", ""], ["区人社局", 9.5, "", 34.2],
    ]);
    expect(sheet.charts.map((c) => ({
      type: c.type, seriesBy: c.seriesBy, source: rectAddress(c.source), title: c.title,
      series: c.series.map((s) => ({ name: s.name, values: rectAddress(s.values), x: s.xValues && rectAddress(s.xValues) })),
    }))).toEqual([
      {
        type: "Line", seriesBy: "Rows", source: "A6:D7", title: "镇（街道）综合得分趋势（2026年1月至3月）",
        series: [{ name: "南埔镇", values: "B6:D6", x: "B4:D4" }, { name: "山腰街道", values: "B7:D7", x: "B4:D4" }],
      },
      { type: "Line", seriesBy: "Rows", source: "A9:D9", title: "区直部门综合得分趋势（2026年1月至3月）", series: [{ name: "区人社局", values: "B9:D9", x: "B4:D4" }] },
    ]);
  });

  it("draws no chart for a kind without units (a clerk's own line, or no departments), and no series for a unit with nothing to score", () => {
    expect(trendReport({ ...TREND, units: TREND.units.slice(2) }, "zh-CN")[0].charts!.map((c) => c.title)).toEqual(["区直部门综合得分趋势（2026年1月至3月）"]);
    const empty = { ...TREND.units[2], unit: "区侨联", points: TREND.units[2].points.map((p) => ({ ...p, score: null, rank: null })) };
    const [scores] = trendReport({ ...TREND, units: [...TREND.units, empty] }, "zh-CN");
    expect(scores.charts![1].lastRow - scores.charts![1].firstRow).toBe(0);
    expect(scores.rows.some((r) => r[0]?.v === "以下单位各期均无可计分的数据，未列入表和图：区侨联。")).toBe(true);
  });

  it("offers ranges the Worker accepts: recent months, this year, recent quarters and last year", () => {
    const ranges = trendRanges("2026-11-27");
    expect(ranges.map((r) => [r.from, r.to, r.by])).toEqual([
      ["2026-06", "2026-11", "month"], ["2025-12", "2026-11", "month"], ["2026-01", "2026-11", "month"], ["2026-Q1", "2026-Q4", "quarter"], ["2025-Q1", "2025-Q4", "quarter"],
    ]);
    expect(ranges[3].zh).toBe("最近 4 个季度（2026年第一季度至第四季度）");
    expect(ranges[0].zh).toBe("最近 6 个月（2026年6月至11月）");
    for (const r of [...ranges, ...trendRanges("2026-02-03")]) expect(() => periodSpan(r.from, r.to, r.by)).not.toThrow();
    expect(trendRanges("2026-02-03")[3].from).toBe("2025-Q2");
  });
});

let seq = 0;
const closed = (mediator: string, status: MediatorCase["status"]): MediatorCase => ({
  unit: "山腰街道", caseNo: `C-${++seq}`, mediator, receivedOn: "2026-07-01", accepted: true, status, closedOn: "2026-07-10",
  stage: "诉前", mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null,
});

describe("the mediator results sheet", () => {
  it("lists gold mediators before stars, each tier in rank order, with the figures and the reasons behind gold and falling behind", () => {
    const cases = [
      ...Array.from({ length: 12 }, () => closed("林志强", "调解成功")),
      ...Array.from({ length: 2 }, () => closed("王芳", "调解成功")),
      ...Array.from({ length: 8 }, () => closed("王芳", "调解不成")),
      ...Array.from({ length: 3 }, () => closed("庄丽君", "调解成功")),
    ];
    const roster = [{ name: "王芳", unit: "山腰街道", tier: "星牌调解员" }, { name: "林志强", unit: "山腰街道", tier: "星牌调解员" }, { name: "庄丽君", unit: "山腰街道", tier: "金牌调解员" }];
    const mediators = mediatorResults(roster, cases, [], parsePeriod("2026-Q3"), "2026-10-01");
    const r = mediatorReport({ period: "2026-Q3", asOf: "2026-10-01", standard: MEDIATOR_STANDARD as never, mediators }, "zh-CN");
    expect(r.name).toBe("调解员考评 2026年第三季度");
    const header = r.rows[r.headerRows!.first].map((c) => c.v);
    const col = (name: string) => header.indexOf(name);
    const rows = r.rows.slice(r.headerRows!.last + 1, r.headerRows!.last + 4);
    expect(rows.map((row) => [row[0].v, row[1].v, row[2].v, row[4].v, row[7].v, row[col("考评结论")].v])).toEqual([
      ["金牌调解员", 1, "庄丽君", 3, "3/3", null],
      ["星牌调解员", 1, "林志强", 12, "12/12", "达金牌标准"],
      ["星牌调解员", 2, "王芳", 10, "2/10", "落后"],
    ]);
    // The success rate is a number, judged by the one rule: 2 of 10 against 80 % lies wholly below it.
    expect(rows[2][6]).toMatchObject({ v: 0.2, format: "0.0%", style: "miss" });
    expect(rows[2][col("成功率\n判定")]).toMatchObject({ v: "未达标", style: "miss" });
    expect(String(rows[2][col("依据")].v)).toMatch(/^调解成功率 20%（2\/10），95% 区间上限 \d+% 仍低于 80%/);
    expect(r.rows.some((row) => String(row[0]?.v ?? "").startsWith("判定："))).toBe(true);
  });
});

describe("the zone competition sheet", () => {
  it("ranks towns inside each zone beside their district rank, then the towns in no zone, with the counts behind each rate", () => {
    const unit = (name: string, s: number) => {
      const counts = emptyCounts();
      counts.success = { num: s, den: 20 };
      counts.acceptance = { num: 20, den: 20 };
      return { unit: name, kind: "town" as const, counts };
    };
    const ranked = rankUnits([unit("涂岭镇", 20), unit("山腰街道", 18), unit("南埔镇", 10), unit("峰尾镇", 5)], DEFAULT_WEIGHTS);
    const c = { period: "2026-Q3", asOf: "2026-10-01", method: "wilson-lower" as const, weights: DEFAULT_WEIGHTS, ...zoneRankings(ranked, new Map([["北片", ["涂岭镇", "峰尾镇"]], ["南片", ["山腰街道"]]])) };
    const r = competitionReport(c, "zh-CN");
    expect(r.name).toBe("分片竞赛 2026年第三季度");
    const body = r.rows.slice(r.headerRows!.last + 1, r.headerRows!.last + 5);
    expect(body.map((row) => [row[0].v, row[1].v, row[2].v, row[3].v, row[6].v])).toEqual([
      ["北片", 1, 1, "涂岭镇", "20/20"],
      ["北片", 2, 4, "峰尾镇", "5/20"],
      ["南片", 1, 2, "山腰街道", "18/20"],
      ["未分片", null, 3, "南埔镇", "10/20"],
    ]);
    // Rates and scores are numbers the office can sort and sum, not text.
    expect(body[1][5]).toMatchObject({ v: 0.25, format: "0.0%" });
    expect(typeof body[1][4].v).toBe("number");
    // 5 of 20 against 80 %: the whole interval lies below the target.
    expect(body[1][7].v).toBe("未达标");
    expect(r.rows.some((row) => String(row[0]?.v ?? "").startsWith("判定：比率达到目标为“达标”"))).toBe(true);
  });
});
