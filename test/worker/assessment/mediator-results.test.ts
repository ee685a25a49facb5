import { describe, expect, it } from "vitest";
import { mediatorResults, type MediatorCase, type RosterMediator } from "../../../worker/assessment/mediator-results.ts";
import { parsePeriod } from "../../../ledger/period.ts";

const Q3 = parsePeriod("2026-Q3");
let seq = 0;
/** A concluded case of `unit` in Q3: received 07-01, closed after `days` (people's mediation: 30-day limit). */
function closed(unit: string, mediator: string, status: MediatorCase["status"], days = 10): MediatorCase {
  seq++;
  const closedOn = new Date(Date.UTC(2026, 6, 1 + days)).toISOString().slice(0, 10);
  return { unit, caseNo: `C-${seq}`, mediator, receivedOn: "2026-07-01", accepted: true, status, closedOn, stage: "诉前", mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null };
}
const times = <T>(n: number, f: () => T) => Array.from({ length: n }, f);

const roster: RosterMediator[] = [
  { name: "林志强", unit: "山腰街道", tier: "星牌调解员" },
  { name: "王芳", unit: "山腰街道", tier: "星牌调解员" },
  { name: "陈美华", unit: "南埔镇", tier: "星牌调解员" },
  { name: "蔡国华", unit: "区司法局", tier: "金牌调解员" },
];

describe("results per mediator", () => {
  it("counts a case for every mediator its cell names, and finds a mediator by name in the case's unit", () => {
    const r = mediatorResults(roster, [closed("山腰街道", "林志强、王芳", "调解成功"), closed("南埔镇", "林志强", "调解成功")], [], Q3, "2026-10-01");
    const lin = r.find((m) => m.name === "林志强")!;
    // 南埔镇's 林志强 is not on the roster there, but the name is unique: the case is his.
    expect([lin.cases, lin.concluded, lin.success.num, lin.success.den]).toEqual([2, 2, 2, 2]);
    expect(r.find((m) => m.name === "王芳")!.concluded).toBe(1);
  });

  it("names a mediator who meets the gold standard, with the figures: 12 concluded, 11 successes, all on time", () => {
    const cases = [...times(11, () => closed("山腰街道", "林志强", "调解成功")), closed("山腰街道", "林志强", "调解不成")];
    const lin = mediatorResults(roster, cases, [], Q3, "2026-10-01").find((m) => m.name === "林志强")!;
    expect(lin.standing).toBe("gold");
    expect(lin.success.rate).toBeCloseTo(11 / 12);
    // Wilson lower bound of 11/12 at 95 %: 0.646
    expect(lin.success.low).toBeCloseTo(0.646, 2);
    expect(lin.reasons[0].zh).toBe("办结 12 件；调解成功率 92%（11/12，区间下限 65%）");
  });

  it("does not call nine concluded cases gold however good, nor a mediator whose reviews average below 85", () => {
    const few = times(9, () => closed("山腰街道", "林志强", "调解成功"));
    expect(mediatorResults(roster, few, [], Q3, "2026-10-01").find((m) => m.name === "林志强")!.standing).toBeNull();
    const many = times(12, () => closed("山腰街道", "王芳", "调解成功"));
    const reviews = [{ unit: "山腰街道", caseNo: many[0].caseNo, score: 80 }, { unit: "山腰街道", caseNo: many[1].caseNo, score: 84 }];
    const wang = mediatorResults(roster, many, reviews, Q3, "2026-10-01").find((m) => m.name === "王芳")!;
    expect(wang.review.rate).toBeCloseTo(0.82);
    expect(wang.standing).toBeNull();
  });

  it("says who is falling behind only when the whole interval is below 80 %, and why", () => {
    // 3 of 10: the upper bound (0.603) is below 80 %.
    const poor = [...times(3, () => closed("南埔镇", "陈美华", "调解成功")), ...times(7, () => closed("南埔镇", "陈美华", "调解不成"))];
    const chen = mediatorResults(roster, poor, [], Q3, "2026-10-01").find((m) => m.name === "陈美华")!;
    expect(chen.standing).toBe("behind");
    expect(chen.reasons[0].zh).toContain("调解成功率 30%（3/10），95% 区间上限 60% 仍低于 80%");
    // 0 of 4 is unlucky or not: too few cases to say.
    const unclear = times(4, () => closed("南埔镇", "陈美华", "调解不成"));
    expect(mediatorResults(roster, unclear, [], Q3, "2026-10-01").find((m) => m.name === "陈美华")!.standing).toBeNull();
  });

  it("falls behind on time when fewer than 60 % of five or more concluded cases closed within their limit", () => {
    const late = [...times(3, () => closed("南埔镇", "陈美华", "调解成功", 45)), ...times(2, () => closed("南埔镇", "陈美华", "调解成功", 5))];
    const chen = mediatorResults(roster, late, [], Q3, "2026-10-01").find((m) => m.name === "陈美华")!;
    expect(chen.onTime).toMatchObject({ num: 2, den: 5 });
    expect(chen.standing).toBe("behind");
    expect(chen.reasons.map((x) => x.zh)).toEqual(["按期办结率 40%（2/5）低于 60%"]);
  });

  it("ranks within a tier by the success interval's lower end, leaves those without concluded cases unranked", () => {
    const cases = [
      ...times(10, () => closed("山腰街道", "林志强", "调解成功")),
      ...times(2, () => closed("山腰街道", "王芳", "调解成功")),
      ...times(20, () => closed("区司法局", "蔡国华", "调解不成")),
    ];
    const r = mediatorResults(roster, cases, [], Q3, "2026-10-01");
    const rank = (n: string) => r.find((m) => m.name === n)!.rankInTier;
    // 10/10 (low 0.72) before 2/2 (low 0.34); 陈美华 has none; 蔡国华 is alone in the gold tier.
    expect([rank("林志强"), rank("王芳"), rank("陈美华"), rank("蔡国华")]).toEqual([1, 2, null, 1]);
  });
});
