import { describe, expect, it } from "vitest";
import { detectHeader } from "../../ledger/header.ts";
import { looksLikeRoster } from "../../ledger/roster.ts";
import { looksLikeVisits, matchTown, validateVisitRecords, validateVisitSheet } from "../../ledger/visits.ts";

const TOWNS = ["山腰街道", "南埔镇", "界山镇", "后龙镇", "峰尾镇", "前黄镇", "涂岭镇"];
const MENTORS = ["蔡国华", "林秀琴", "陈志远"];
const HEADER = ["序号", "日期", "导师", "镇（街道）", "指导内容", "发现问题"];
const sheet = (...rows: unknown[][]) => [["2026年巡回指导记录"], HEADER, ...rows];
const check = { mentors: MENTORS, towns: TOWNS, today: "2026-11-27" };

describe("reading a 巡回指导记录 (circuit visit) sheet", () => {
  it("recognises the sheet by its header, with synonyms, and tells it from a ledger and a roster", () => {
    expect(looksLikeVisits(sheet())).toBe(true);
    expect(looksLikeVisits([["指导日期", "巡回导师", "镇街", "工作内容", "存在问题"]])).toBe(true);
    expect(looksLikeVisits([["案件编号", "收案日期", "所属镇（街道）", "申请人", "调解员", "被申请行政机关"]])).toBe(false);
    expect(looksLikeVisits([["姓名", "级别", "所属单位", "擅长领域"]])).toBe(false);
    // …and the ledger and roster readers do not take a visit sheet for theirs.
    expect(detectHeader(sheet())).toBeNull();
    expect(looksLikeRoster(sheet())).toBe(false);
  });

  it("reads dates the way the ledger does, 公文 Chinese-numeral dates and Excel serials included", () => {
    const r = validateVisitSheet(sheet(
      [1, "二〇二六年十月九日", "蔡国华", "涂岭镇", "指导疑难案件调解", "台账不规范"],
      [2, 46310, "林秀琴", "南埔", null, null],
      [3, "2026.10.20", "陈志远、蔡国华", "山腰街道", "联合接访", ""],
    ), check)!;
    expect(r.issues).toEqual([]);
    expect(r.visits.map((v) => [v.row, v.visitedOn, v.mentor, v.town])).toEqual([
      [3, "2026-10-09", "蔡国华", "涂岭镇"],
      [4, "2026-10-15", "林秀琴", "南埔镇"],
      // One cell naming two mentors is a team visit: one visit each.
      [5, "2026-10-20", "陈志远", "山腰街道"],
      [5, "2026-10-20", "蔡国华", "山腰街道"],
    ]);
    expect(r.visits[0]).toMatchObject({ content: "指导疑难案件调解", problems: "台账不规范" });
  });

  it("marks an unknown mentor, an unknown town and a bad date on their cells, says how to fix each, and keeps the good rows", () => {
    const r = validateVisitSheet(sheet(
      [1, "2026-10-09", "张三", "涂岭镇", "x", null],
      [2, "2026-10-10", "蔡国华", "东海镇", "x", null],
      [3, "2026年13月5日", "蔡国华", "涂岭镇", "x", null],
      [4, "2026-12-01", "蔡国华", "涂岭镇", "x", null],
      [5, null, null, null, "只写了内容", null],
      [6, "2026-10-11", "林秀琴", "峰尾镇", "x", null],
    ), check)!;
    expect(r.issues.map((i) => [i.row, i.column, i.code, i.severity])).toEqual([
      [3, "C", "unknown_mentor", "error"],
      [4, "D", "unknown_town", "error"],
      [5, "B", "invalid_date", "error"],
      [6, "B", "future_date", "error"],
      [7, "B", "required", "error"],
      [7, "C", "required", "error"],
      [7, "D", "required", "error"],
    ]);
    expect(r.issues[0].message).toBe("「导师」“张三”不是名册中在册的金牌调解员，请核对姓名，或先推送包含此人的调解员名册。金牌调解员：蔡国华、林秀琴、陈志远。");
    expect(r.issues[1].message).toContain("请从以下选择：山腰街道、南埔镇");
    expect(r.issues[2].message).toContain("不是可识别的日期");
    expect(r.visits.map((v) => v.row)).toEqual([8]);
  });

  it("words every issue in English when Office is English", () => {
    const r = validateVisitSheet(sheet([1, "soon", "张三", "东海镇", null, null]), { ...check, locale: "en" })!;
    expect(r.issues.map((i) => i.message)).toEqual([
      `"日期" "soon" is not a date we can read; write it as 2026-05-26, 2026年5月26日 or 2026.5.26.`,
      `"导师" "张三" is not an active gold mediator on the roster; check the name, or push the roster with this mentor first. Gold mentors: 蔡国华, 林秀琴, 陈志远.`,
      `"镇（街道）" "东海镇" is not a configured town or street; choose one of: 山腰街道, 南埔镇, 界山镇, 后龙镇, 峰尾镇, 前黄镇, 涂岭镇.`,
    ]);
  });

  it("warns about the same visit written twice and counts it once", () => {
    const r = validateVisitSheet(sheet([1, "2026-10-09", "蔡国华", "涂岭镇", "a", null], [2, "2026/10/9", "蔡国华", "涂岭", "b", null]), check)!;
    expect(r.issues.map((i) => [i.row, i.code, i.severity])).toEqual([[4, "duplicate_visit", "warning"]]);
    expect(r.issues[0].message).toContain("与第3行是同一次指导");
    expect(r.visits).toHaveLength(1);
  });

  it("refuses a pasted document in 指导内容 rather than cutting it", () => {
    const r = validateVisitSheet(sheet([1, "2026-10-09", "蔡国华", "涂岭镇", "字".repeat(2_001), null]), check)!;
    expect(r.issues.map((i) => [i.column, i.code])).toEqual([["E", "too_long"]]);
    expect(r.visits).toEqual([]);
  });

  it("reads pushed cells by key exactly as the sheet, with the sheet's column letters", () => {
    const rows = validateVisitRecords([{ row: 9, values: { date: "2026-10-09", mentor: "李四", town: "涂岭镇" } }], { ...check, columns: { mentor: "F" } });
    expect(rows[0].issues.map((i) => [i.row, i.column, i.code])).toEqual([[9, "F", "unknown_mentor"]]);
  });

  it("matches a town written without 镇/街道 only when that is unambiguous", () => {
    expect(matchTown("涂岭", TOWNS)).toBe("涂岭镇");
    expect(matchTown("山腰", TOWNS)).toBe("山腰街道");
    expect(matchTown("前黄", [...TOWNS, "前黄街道"])).toBeNull();
  });
});
