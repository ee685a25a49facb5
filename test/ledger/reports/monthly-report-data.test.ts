import { describe, expect, it } from "vitest";
import type { Stats } from "../../../ledger/api/stats.ts";
import { monthlyReportData, samePeriodLastYear, sumStats, yearToDatePeriods } from "../../../ledger/reports/monthly-report-data.ts";
import { figures, sampleStats } from "../../fixtures/stats.ts";

describe("the spans a 月报 compares", () => {
  it("covers 1 January to the period's end with as few periods as the API answers: whole quarters, then months", () => {
    expect(yearToDatePeriods("2026-01")).toEqual(["2026-01"]);
    expect(yearToDatePeriods("2026-03")).toEqual(["2026-Q1"]);
    expect(yearToDatePeriods("2026-05")).toEqual(["2026-Q1", "2026-04", "2026-05"]);
    expect(yearToDatePeriods("2026-11")).toEqual(["2026-Q1", "2026-Q2", "2026-Q3", "2026-10", "2026-11"]);
    expect(yearToDatePeriods("2026-12")).toEqual(["2026"]);
    expect(yearToDatePeriods("2026-Q1")).toEqual(["2026-Q1"]);
    expect(yearToDatePeriods("2026-Q3")).toEqual(["2026-Q1", "2026-Q2", "2026-Q3"]);
    expect(yearToDatePeriods("2026-Q4")).toEqual(["2026"]);
    expect(yearToDatePeriods("2026")).toEqual(["2026"]);
  });

  it("compares with the same month, quarter or year a year before", () => {
    expect(samePeriodLastYear("2026-05")).toBe("2025-05");
    expect(samePeriodLastYear("2026-Q3")).toBe("2025-Q3");
    expect(samePeriodLastYear("2026")).toBe("2025");
  });

  it("adds the counts of the parts, takes 在办 at the last part's end and works the rate out of the sums", () => {
    const q1 = { totals: figures(10, 4, 1, 7), bySource: [{ label: "当事人申请", ...figures(10, 4, 1, 7) }], byDomain: [] };
    const apr = { totals: figures(5, 0, 3, 9), bySource: [{ label: "当事人申请", ...figures(3, 0, 1, 8) }, { label: "（未填）", ...figures(2, 0, 2, 1) }], byDomain: [] };
    const sum = sumStats([q1, apr]);
    expect(sum.totals).toEqual({ received: 15, accepted: 15, concluded: 8, successes: 4, failures: 4, open: 9, successRate: 0.5 });
    expect(sum.bySource.map((l) => [l.label, l.received, l.open])).toEqual([["当事人申请", 13, 8], ["（未填）", 2, 1]]);
    expect(sumStats([{ totals: figures(0), bySource: [], byDomain: [] }]).totals.successRate).toBeNull();
  });

  it("asks the Worker for the year's other parts and last year's period, not again for the period it has", async () => {
    const asked: string[] = [];
    const may = sampleStats();
    const fetch = async (period: string): Promise<Stats> => {
      asked.push(period);
      return { ...may, period, totals: period === "2025-05" ? figures(2) : figures(10) };
    };
    const d = await monthlyReportData(may, fetch);
    expect(asked.sort()).toEqual(["2025-05", "2026-04", "2026-Q1"]);
    expect(d.stats).toBe(may);
    expect(d.lastYear.totals.received).toBe(2);
    // 2026-Q1 (10) + 2026-04 (10) + May itself (6).
    expect(d.yearToDate.totals.received).toBe(26);
    expect(d.yearToDate.totals.open).toBe(may.totals.open);
  });
});
