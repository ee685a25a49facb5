// The 统计分析 page's sheets below the UI: what the pane asks the Worker for and the grids it writes.
import { describe, expect, it } from "vitest";
import type { Stats } from "../../ledger/api/stats.ts";
import { monthlyReportSheet, statsSheets } from "../../addin/pane/logic/stats-sheets.ts";
import { figures, sampleStats } from "../fixtures/stats.ts";

function client(received: Record<string, number>) {
  const asked: string[] = [];
  return {
    asked,
    stats: async (period: string, group?: string): Promise<Stats> => {
      asked.push(`${period} ${group ?? "全区"}`);
      return { ...sampleStats(), period, totals: figures(received[period] ?? 0, 1, 1) };
    },
  };
}

describe("the 统计分析 page's sheets", () => {
  it("writes the cross-tables and the trend of one period, in the pane's language", async () => {
    const c = client({ "2026-05": 6 });
    const { grids } = await statsSheets(c, "2026-05", "town", "zh-CN");
    expect(c.asked).toEqual(["2026-05 town"]);
    expect(grids.map((g) => g.name)).toEqual(["领域×镇街 2026年5月", "领域×部门 2026年5月", "被申请人×领域 2026年5月", "来源×结果 2026年5月", "阶段×结果 2026年5月", "月度趋势 2026年5月"]);
    expect((await statsSheets(c, "2026-05", undefined, "en")).grids[0].name).toBe("Domain × town May 2026");
  });

  it("asks for the year so far and last year's quarter for a 季报, and fills 本年累计 and 同比 from them", async () => {
    const c = client({ "2026-Q3": 9, "2026-Q1": 10, "2026-Q2": 11, "2025-Q3": 6 });
    const g = await monthlyReportSheet(c, "2026-Q3", "zone:北片", "zh-CN", { filedOn: "2026-10-09", office: { filingUnit: "泉港区司法局", contact: "陈美华", phone: "0595-87771234" } });
    expect(c.asked.sort()).toEqual(["2025-Q3 zone:北片", "2026-Q1 zone:北片", "2026-Q2 zone:北片", "2026-Q3 zone:北片"]);
    expect(g.name).toBe("季报 2026年第三季度");
    // 本期 9, 上年同期 6 (+50 %), 本年累计 10 + 11 + 9.
    expect(g.rows.find((r) => r[0]?.v === "收案数")!.map((c) => c.v).filter((v) => v !== null)).toEqual(["收案数", 9, 6, 0.5, 30]);
    expect(g.rows.at(-1)!.map((c) => c.v).filter(Boolean)).toContain("填表人：陈美华");
  });
});
