import { describe, expect, it } from "vitest";
import { looksLikeRoster, validateRoster } from "../../ledger/roster.ts";
import { DEMO_ROSTER } from "../fixtures/roster.ts";

const HEADER = ["序号", "姓名", "级别", "人才库类别", "所属单位", "擅长领域", "每期承办能力", "是否在册", "联系电话"];
const grid = [["泉港区行政争议调解员名册"], HEADER, ...DEMO_ROSTER.map((m, i) => [i + 1, m.name, m.tier, m.background, m.unit, m.expertise, m.capacity, m.active, m.phone])];

describe("reading the mediator roster", () => {
  it("finds the roster header and reads every mediator with tier, expertise and capacity normalised", () => {
    const r = validateRoster(grid)!;
    expect(r.header.headerRow).toBe(1);
    expect(r.issues).toEqual([]);
    expect(r.rows).toHaveLength(DEMO_ROSTER.length);
    expect(r.rows[0].mediator).toEqual({
      name: "蔡国华", tier: "金牌调解员", background: "退休法官", unit: "区司法局",
      expertise: ["征地拆迁", "劳动人事争议"], capacity: 6, active: true, phone: "13905951001",
    });
    // 劳动争议 is the usual variant of 劳动人事争议; an empty capacity means the default.
    expect(r.rows[7].mediator?.expertise).toEqual(["劳动人事争议"]);
    expect(r.rows[12].mediator?.capacity).toBe(3);
    expect(r.rows[14].mediator?.active).toBe(false);
  });

  it("reports a wrong tier, an unknown domain, a missing name and a bad capacity on their cells", () => {
    const bad = [HEADER, [1, "", "铜牌", null, "区司法局", "拆迁、邻里", "很多", "是", null]];
    const r = validateRoster(bad)!;
    expect(r.issues.map((i) => [i.column, i.code])).toEqual([
      ["B", "required"], ["C", "invalid_choice"], ["G", "invalid_number"], ["F", "invalid_choice"],
    ]);
    expect(r.issues[1].message).toContain("金牌调解员、星牌调解员、普通调解员、特邀调解员");
    expect(r.rows[0].mediator).toBeNull();
  });

  it("tells a roster from a case ledger", () => {
    expect(looksLikeRoster(grid)).toBe(true);
    expect(looksLikeRoster([["案件编号", "收案日期", "申请人", "调解员", "联系电话"]])).toBe(false);
  });
});
