import { describe, expect, it } from "vitest";
import type { DomainSheetPush, PlaceSheetPush, RuleSheetReceipt } from "../../ledger/api/routing.ts";
import { pushRuleSheetGrid } from "../../addin/pane/logic/rule-sheet-push.ts";

const receipt = (kind: "domains" | "places"): RuleSheetReceipt => ({ kind, stored: true, changed: true, version: 1, rows: 2, rules: 2, issues: [] });

function fakeClient() {
  const sent: { kind: string; body: DomainSheetPush | PlaceSheetPush }[] = [];
  return {
    sent,
    putDomainSheet: async (body: DomainSheetPush) => (sent.push({ kind: "domains", body }), receipt("domains")),
    putPlaceSheet: async (body: PlaceSheetPush) => (sent.push({ kind: "places", body }), receipt("places")),
  };
}

describe("pushing a routing rule sheet from the pane", () => {
  it("sends a 村居表's raw cells by key with their Excel rows and column letters, below a title row", async () => {
    const client = fakeClient();
    const grid = [["泉港区村（社区）对照表", null], ["村（社区）", "所属镇（街道）"], ["樟脚村", "涂岭镇"], [null, null], ["前亭村、后郭村", "南埔镇"]];
    const r = await pushRuleSheetGrid(client, grid, "zh-CN");
    expect(r).toMatchObject({ kind: "places", rows: 2 });
    expect(client.sent).toEqual([{ kind: "places", body: {
      locale: "zh-CN", columns: { village: "A", town: "B" },
      rows: [{ row: 3, values: { village: "樟脚村", town: "涂岭镇" } }, { row: 5, values: { village: "前亭村、后郭村", town: "南埔镇" } }],
    } }]);
  });

  it("sends a 领域表 to the domain route", async () => {
    const client = fakeClient();
    const r = await pushRuleSheetGrid(client, [["纠纷领域", "主管部门"], ["教育", "区教育局"]], "en");
    expect(r?.kind).toBe("domains");
    expect(client.sent[0]).toMatchObject({ kind: "domains", body: { locale: "en", rows: [{ row: 2, values: { domain: "教育", department: "区教育局" } }] } });
  });

  it("sends nothing for a ledger or a roster", async () => {
    const client = fakeClient();
    const ledger = [["案件编号", "收案日期", "承办单位", "纠纷领域", "所属镇（街道）", "申请人"], ["A-1", "2026-05-01", "涂岭镇", "教育", "涂岭镇", "张三"]];
    expect(await pushRuleSheetGrid(client, ledger, "zh-CN")).toBeNull();
    expect(await pushRuleSheetGrid(client, [["姓名", "级别", "所属单位"], ["王芳", "金牌", "区司法局"]], "zh-CN")).toBeNull();
    expect(client.sent).toEqual([]);
  });
});
