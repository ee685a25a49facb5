import { describe, expect, it } from "vitest";
import type { MentorAssignments } from "../../ledger/api/mentors.ts";
import { pagesFor } from "../../addin/pane/logic/connect.ts";
import { marksFor, mentorSheetKind, mentorsReport, rosterPush, visitPush } from "../../addin/pane/logic/mentor-sheets.ts";

const ROSTER = [["泉港区调解员名册"], ["姓名", "级别", "所属单位", "擅长领域"], ["蔡国华", "金牌", "区司法局", "征地拆迁"], ["", "铜牌", "区司法局", ""]];
const VISITS = [["巡回指导记录"], ["日期", "导师", "镇（街道）", "指导内容", "发现问题"], ["2026-10-09", "蔡国华", "涂岭镇", "指导", null]];

describe("the 导师 tab's sheets", () => {
  it("shows the 导师 tab to coordinators only", () => {
    expect(pagesFor("coordinator")).toContain("mentors");
    expect(pagesFor("clerk")).not.toContain("mentors");
  });

  it("tells a roster from a visit record from a case ledger, as tiaojie push does", () => {
    expect(mentorSheetKind(ROSTER)).toBe("roster");
    expect(mentorSheetKind(VISITS)).toBe("visits");
    expect(mentorSheetKind([["案件编号", "收案日期", "申请人", "被申请行政机关"]])).toBeNull();
  });

  it("sends every roster row, bad ones too, with the sheet's column letters, so the server names the clerk's cells", () => {
    const plan = rosterPush(ROSTER, "zh-CN")!;
    expect(plan.rows.map((r) => r.row)).toEqual([3, 4]);
    expect(plan.columns).toMatchObject({ name: "A", tier: "B", unit: "C", expertise: "D" });
    expect(plan.localErrors).toBe(2);
  });

  it("reads visits against the gold mentors and towns it was given", () => {
    expect(visitPush(VISITS, { locale: "zh-CN", mentors: ["庄丽君"], towns: ["涂岭镇"] })!.localErrors).toBe(1);
    expect(visitPush(VISITS, { locale: "zh-CN" })!.localErrors).toBe(0);
  });

  it("turns issues at column letters into cell marks", () => {
    expect(marksFor([{ row: 4, column: "C", severity: "error" }, { row: 5, column: null, severity: "warning" }])).toEqual([
      { row: 4, column: 2, severity: "error" }, { row: 5, column: 0, severity: "warning" },
    ]);
  });

  it("writes the assignments with Chinese headers, the team's second mentor, the reason in words (no solver cost) and the unassigned in red", () => {
    const m: MentorAssignments = {
      period: "2026-11", computedAt: "2026-11-27T06:05:00Z", asOf: "2026-11-27", objective: -2_000_000, summary: {}, scope: null,
      assignments: [
        { period: "2026-11", kind: "case", mentor: { id: 1, name: "蔡国华", unit: "区司法局" }, target: { id: "涂岭镇/TL-1", name: "TL-1", unit: "涂岭镇", caseNo: "TL-1" }, slot: 2, cost: -6_000, terms: [{ name: "team", value: -6_000 }], reason: { zh: "团队帮带（多带一）：与许明辉共同指导", en: "Team mentoring" } },
        { period: "2026-11", kind: "visit", mentor: { id: 2, name: "许明辉", unit: "区自然资源局" }, target: { id: "涂岭镇", name: "涂岭镇", unit: "涂岭镇", caseNo: null }, slot: 1, cost: -1_020_000, terms: [{ name: "cover", value: -1_000_000 }, { name: "unvisited", value: -20_000 }], reason: { zh: "巡回指导", en: "visit" } },
      ],
      unassigned: [{ period: "2026-11", kind: "case", target: { id: "x", name: "TL-9", unit: "涂岭镇", caseNo: "TL-9" }, reason: { zh: "没有擅长「教育」领域的在岗金牌调解员", en: "none" } }],
    };
    const r = mentorsReport(m, "zh-CN");
    expect(r.name).toBe("导师安排 2026年11月");
    const h = r.headerRows!.first;
    const values = (row: number) => r.rows[row].map((c) => c.v);
    expect(values(h)).toEqual(["类别", "导师", "导师单位", "帮扶对象", "对象单位", "序次", "安排理由"]);
    expect(values(h + 1)).toEqual(["复杂案件帮扶", "蔡国华", "区司法局", "TL-1", "涂岭镇", "团队第 2 名", "团队帮带（多带一）：与许明辉共同指导"]);
    // A visit's target is the town itself: its unit is not said twice.
    expect(values(h + 2)).toEqual(["巡回指导", "许明辉", "区自然资源局", "涂岭镇", null, "第 1 次", "巡回指导"]);
    expect(values(h + 3).slice(0, 4)).toEqual(["复杂案件帮扶", "（未能安排）", null, "TL-9"]);
    expect(r.rows[h + 3].every((c) => c.style === "miss")).toBe(true);
    // What the solver weighed (−1000000 必须覆盖) is not in any cell, in either language; the time is Beijing time.
    for (const sheet of [r, mentorsReport(m, "en")]) {
      const cells = sheet.rows.flat().map((c) => c.v);
      expect(cells.filter((c) => typeof c === "number")).toEqual([]);
      expect(cells.map(String).filter((c) => /成本|必须覆盖|-1000000|[Cc]ost/.test(c))).toEqual([]);
    }
    expect(r.rows.some((row) => String(row[0]?.v).includes("计算时间：2026年11月27日 14:05"))).toBe(true);
    expect(r.rows.some((row) => row[0]?.v === "时间均为北京时间。")).toBe(true);
  });
});
