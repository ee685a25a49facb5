import { describe, expect, it } from "vitest";
import { subsidyReport } from "../../addin/pane/logic/subsidy-sheet.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { statement } from "../fixtures/subsidy-statement.ts";

const values = (g: Grid) => g.rows.map((r) => r.map((c) => c.v));

describe("the subsidy statements the pane writes", () => {
  it("writes the summary and each mediator's cases, then their total, and ends with the district total", () => {
    const [summary, detail] = subsidyReport(statement(), "zh-CN");
    expect(summary.name).toBe("补贴汇总 2026年第三季度");
    expect(detail.name).toBe("补贴明细 2026年第三季度");
    const body = values(detail).slice(detail.headerRows!.last + 1, detail.headerRows!.last + 9);
    expect(body).toEqual([
      ["林志强", "山腰街道", "SY-1", "普通", 200, 200, "2026-07-20", null],
      ["林志强", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20", "2 人平分"],
      ["林志强 合计", "山腰街道", "2 件", null, null, 600, null, null],
      ["王芳", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20", "2 人平分"],
      ["王芳 合计", "山腰街道", "1 件", null, null, 400, null, null],
      ["蔡国华", "南埔镇", "NP-1", "简易", 100, 100, "2026-07-20", null],
      ["蔡国华 合计", "南埔镇", "1 件", null, null, 100, null, null],
      ["全区合计", null, "4 件", null, null, 1100, null, null],
    ]);
  });

  it("heads its columns in English when Office is English", () => {
    const [, detail] = subsidyReport(statement(), "en");
    expect(values(detail)[detail.headerRows!.first][5]).toBe("Share (yuan)");
  });
});
