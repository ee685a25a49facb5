import { describe, expect, it } from "vitest";
import type { MentorAssignments } from "../../../ledger/api/mentors.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { mentorsLayout } from "../../../ledger/reports/mentors-layout.ts";

const m: MentorAssignments = {
  period: "2026-Q3", computedAt: "2026-09-30T16:30:00Z", asOf: "2026-09-30", objective: -2_020_000, summary: {}, scope: null,
  assignments: [
    { period: "2026-Q3", kind: "pairing", mentor: { id: 3, name: "郭振宇", unit: "区法院" }, target: { id: "7", name: "王晓燕", unit: "界山镇", caseNo: null }, slot: 1, cost: -80, terms: [{ name: "weakness", value: -80 }],
      reason: { zh: "金牌带星牌：该星牌调解员暂无结案数据", en: "Gold mentors star: the star mediator has no closed cases yet" } },
    { period: "2026-Q3", kind: "visit", mentor: { id: 2, name: "许明辉", unit: "区自然资源局" }, target: { id: "涂岭镇", name: "涂岭镇", unit: "涂岭镇", caseNo: null }, slot: 1, cost: -1_020_000, terms: [{ name: "cover", value: -1_000_000 }, { name: "unvisited", value: -20_000 }],
      reason: { zh: "巡回指导（本期第 1 次，必访）：该镇调解成功率 62% 低于 80%", en: "Circuit visit 1 this period (required): the town's success rate 62% is below 80%" } },
    { period: "2026-Q3", kind: "case", mentor: { id: 1, name: "蔡国华", unit: "区司法局" }, target: { id: "涂岭镇/TL-1", name: "TL-2026-00001", unit: "涂岭镇", caseNo: "TL-2026-00001" }, slot: 1, cost: -1_000_000, terms: [{ name: "cover", value: -1_000_000 }],
      reason: { zh: "领域匹配：征地拆迁；复杂案件；导师单位（区司法局）不是被申请人", en: "Domain match: 征地拆迁; complex case; the mentor's unit (区司法局) is not the respondent" } },
  ],
  unassigned: [{ period: "2026-Q3", kind: "visit", target: { id: "峰尾镇", name: "峰尾镇", unit: "峰尾镇", caseNo: null }, reason: { zh: "本期金牌调解员容量已用完，第 2 次必访未安排", en: "Mentor capacity this period is used up; required visit 2 is not scheduled" } }],
};
const texts = (g: Grid) => g.rows.flatMap((r) => r.map((c) => c.v)).filter((v): v is string => typeof v === "string");
const body = (g: Grid) => g.rows.slice(g.headerRows!.last + 1).filter((r) => r.length > 1).map((r) => r.map((c) => c.v));

describe("the mentor assignments sheet", () => {
  const g = mentorsLayout(m, "zh-CN", { filedOn: "2026-10-09", office: { filingUnit: "泉港区司法局", contact: "郑敏", phone: "0595-1234567" } });

  it("names the period as forms write it and the time it was computed in Beijing time, said once", () => {
    expect(g.name).toBe("导师安排 2026年第三季度");
    expect(texts(g)).toContain("金牌调解员巡回导师团工作安排（2026年第三季度）");
    expect(texts(g)).toContain("安排期间：2026年第三季度　　统计截至：2026年9月30日　　计算时间：2026年10月1日 00:30");
    expect(texts(g).filter((t) => t === "时间均为北京时间。")).toHaveLength(1);
  });

  it("lists cases, then visits, then pairings, then what nobody could take in red, each with its reason in Chinese only", () => {
    expect(body(g).map((r) => [r[0], r[1], r[3], r[5]])).toEqual([
      ["复杂案件帮扶", "蔡国华", "TL-2026-00001", "主导师"], ["巡回指导", "许明辉", "涂岭镇", "第 1 次"], ["金牌带星牌", "郭振宇", "王晓燕", "主导师"], ["巡回指导", "（未能安排）", "峰尾镇", null],
    ]);
    const missed = g.rows[g.headerRows!.last + 4];
    expect(missed.every((c) => c.style === "miss")).toBe(true);
    for (const t of texts(g)) expect(t.replace(/TL-2026-00001/, "")).not.toMatch(/[A-Za-z]{2,}/);
  });

  it("shows no solver internals: no cost, no cost term, no number at all", () => {
    for (const sheet of [g, mentorsLayout(m, "en", { filedOn: "2026-10-09" })]) {
      const cells = sheet.rows.flat().map((c) => c.v);
      expect(cells.filter((c) => typeof c === "number")).toEqual([]);
      expect(cells.map(String).filter((c) => /成本|必须覆盖|薄弱程度|1000000|[Cc]ost|weakness|coverage/.test(c))).toEqual([]);
    }
  });

  it("writes English reasons only in the English sheet", () => {
    const en = mentorsLayout(m, "en", { filedOn: "2026-10-09" });
    expect(en.name).toBe("Mentor assignments Q3 2026");
    expect(body(en).map((r) => r[6])).toEqual([
      "Domain match: 征地拆迁; complex case; the mentor's unit (区司法局) is not the respondent",
      "Circuit visit 1 this period (required): the town's success rate 62% is below 80%",
      "Gold mentors star: the star mediator has no closed cases yet",
      "Mentor capacity this period is used up; required visit 2 is not scheduled",
    ]);
    expect(texts(en)).toContain("Times are Beijing time (UTC+8).");
  });

  it("repeats its header on every printed page and fits A4 landscape at full size", () => {
    expect(g.rows[g.headerRows!.first].map((c) => c.v)).toEqual(["类别", "导师", "导师单位", "帮扶对象", "对象单位", "序次", "安排理由"]);
    expect(g.page!.orientation).toBe("landscape");
    expect(printScale(g.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });
});
