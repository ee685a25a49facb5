// The Rankings page's trend, mediator and zone competition sheets: shaped in addin/pane/logic, written through
// addin/excel in one write sync, the trend with a native line chart per kind.
import { describe, expect, it } from "vitest";
import { competitionReport } from "../../addin/pane/logic/competition-sheet.ts";
import { mediatorReport } from "../../addin/pane/logic/mediator-sheet.ts";
import { trendRanges, trendReport } from "../../addin/pane/logic/trend-sheet.ts";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import type { Trend } from "../../ledger/api/trend.ts";
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
  it("has a row per unit with its score per period (blank without data), its kind and its rank of how many", () => {
    const r = trendReport(TREND, "zh-CN");
    expect(r.name).toBe("考评趋势 2026-01至2026-03");
    expect(r.headers).toEqual(["单位", "2026-01", "2026-02", "2026-03", "类别", "名次 2026-01", "名次 2026-02", "名次 2026-03"]);
    expect(r.rows).toEqual([
      ["南埔镇", 15, 51, 20.7, "镇街", "2/2", "1/2", "1/1"],
      ["山腰街道", 51, 30.1, null, "镇街", "1/2", "2/2", ""],
      ["区人社局", 9.5, null, 34.2, "区直部门", "1/1", "", "1/1"],
    ]);
    expect(r.lineCharts).toEqual([
      { title: "综合得分趋势 — 镇（街道）", firstRow: 0, lastRow: 1, labelColumn: 0, lastValueColumn: 3 },
      { title: "综合得分趋势 — 区直部门", firstRow: 2, lastRow: 2, labelColumn: 0, lastValueColumn: 3 },
    ]);
    expect(trendReport(TREND, "en").headers.slice(4, 6)).toEqual(["Kind", "Rank 2026-01"]);
  });

  it("is written in one read and one write sync, with a native line chart per kind: series by rows, named by unit, against the period headers", async () => {
    const { state, run } = excelDouble({ sheets: [{ name: "台账", values: [["案件编号"]] }] });
    const name = await createExcelWorkbook({ run }).writeReportSheet(trendReport(TREND, "zh-CN"));
    expect(name).toBe("考评趋势 2026-01至2026-03");
    expect(syncKinds(state.recorder)).toEqual(["read", "write"]);
    const sheet = sheetByName(state.workbook, name)!;
    expect(readValues(sheet, { r1: 0, r2: 3, c1: 0, c2: 3 })).toEqual([
      ["单位", "2026-01", "2026-02", "2026-03"], ["南埔镇", 15, 51, 20.7], ["山腰街道", 51, 30.1, ""], ["区人社局", 9.5, "", 34.2],
    ]);
    expect(sheet.charts.map((c) => ({
      type: c.type, seriesBy: c.seriesBy, source: rectAddress(c.source), title: c.title, position: c.position,
      series: c.series.map((s) => ({ name: s.name, values: rectAddress(s.values), x: s.xValues && rectAddress(s.xValues) })),
    }))).toEqual([
      {
        type: "Line", seriesBy: "Rows", source: "A2:D3", title: "综合得分趋势 — 镇（街道）", position: "J1:Q18",
        series: [{ name: "南埔镇", values: "B2:D2", x: "B1:D1" }, { name: "山腰街道", values: "B3:D3", x: "B1:D1" }],
      },
      { type: "Line", seriesBy: "Rows", source: "A4:D4", title: "综合得分趋势 — 区直部门", position: "J20:Q37", series: [{ name: "区人社局", values: "B4:D4", x: "B1:D1" }] },
    ]);
  });

  it("draws no chart for a kind without units (a clerk's own line, or no departments)", async () => {
    const r = trendReport({ ...TREND, units: TREND.units.slice(2) }, "zh-CN");
    expect(r.lineCharts!.map((c) => c.title)).toEqual(["综合得分趋势 — 区直部门"]);
  });

  it("offers ranges the Worker accepts: recent months, this year, recent quarters and last year", () => {
    const ranges = trendRanges("2026-11-27");
    expect(ranges.map((r) => [r.from, r.to, r.by])).toEqual([
      ["2026-06", "2026-11", "month"], ["2025-12", "2026-11", "month"], ["2026-01", "2026-11", "month"], ["2026-Q1", "2026-Q4", "quarter"], ["2025-Q1", "2025-Q4", "quarter"],
    ]);
    expect(ranges[3].zh).toBe("最近 4 个季度（2026-Q1 至 2026-Q4）");
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
    expect(r.name).toBe("调解员考评 2026-Q3");
    expect(r.rows.map((row) => [row[0], row[1], row[2], row[4], row[7], row[13]])).toEqual([
      ["金牌调解员", 1, "庄丽君", 3, "3/3", ""],
      ["星牌调解员", 1, "林志强", 12, "12/12", "达金牌标准"],
      ["星牌调解员", 2, "王芳", 10, "2/10", "落后"],
    ]);
    expect(r.rows[2][6]).toBe(0.2);
    expect(String(r.rows[2][14])).toMatch(/^调解成功率 20%（2\/10），95% 区间上限 \d+% 仍低于 80%/);
    expect(r.fills).toEqual([[1, 13, "#FFEB9C"], [2, 13, "#FFC7CE"]]);
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
