import { describe, expect, it } from "vitest";
import { subsidyReport } from "../../addin/pane/logic/subsidy-sheet.ts";
import { statement } from "../fixtures/subsidy-statement.ts";

describe("the subsidy statement sheet in the pane", () => {
  it("lists each mediator's payable cases, then their total, and ends with the district total", () => {
    const r = subsidyReport(statement(), "zh-CN");
    expect(r.name).toBe("办案补贴 2026-Q3");
    expect(r.rows).toEqual([
      ["林志强", "山腰街道", "SY-1", "普通", 200, 200, "2026-07-20"],
      ["林志强", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20"],
      ["林志强 合计", "山腰街道", "2 件", null, null, 600, null],
      ["王芳", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20"],
      ["王芳 合计", "山腰街道", "1 件", null, null, 400, null],
      ["蔡国华", "南埔镇", "NP-1", "简易", 100, 100, "2026-07-20"],
      ["蔡国华 合计", "南埔镇", "1 件", null, null, 100, null],
      ["全区合计", null, "4 件", null, null, 1100, null],
    ]);
  });

  it("heads its columns in English when Office is English", () => {
    expect(subsidyReport(statement(), "en").headers[5]).toBe("Share (元)");
  });
});
