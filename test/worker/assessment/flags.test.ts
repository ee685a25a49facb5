import { describe, expect, it } from "vitest";
import { FLAG_CODES, FLAG_SEVERITY } from "../../../ledger/api/flags.ts";
import { crossCaseFlags, reviewFailedFlags, singleCaseFlags } from "../../../worker/assessment/flags/case-rules.ts";
import { unitFlags, type UnitFlagInput } from "../../../worker/assessment/flags/unit-rules.ts";
import { indicatorValue } from "../../../worker/assessment/indicators.ts";
import { flagCase } from "./case-fixture.ts";
import { filterFlags } from "../../../worker/assessment/flags/filter.ts";
import { DEFAULT_CONFIG } from "../../../worker/assessment/config.ts";
import { judge } from "../../../ledger/target-judgment.ts";

const TODAY = "2026-06-15";
const codes = (fs: { code: string }[]) => fs.map((f) => f.code).sort();

describe("case flags on one case", () => {
  it("raises overdue for a 人民调解 case open 31 days, with the days and the limit", () => {
    const [f] = singleCaseFlags(flagCase({ caseNo: "A-1", stage: "信访", receivedOn: "2026-05-15" }), TODAY);
    expect(f).toMatchObject({ code: "overdue", severity: "high", scope: "case", caseNo: "A-1", facts: { daysOpen: 31, limitDays: 30, daysOver: 1 } });
    expect(f.message.zh).toBe("案件已超期：已办理 31 天，期限 30 天（超期 1 天）");
    expect(f.message.en).toBe("Overdue: open 31 days, limit 30 days (1 days over)");
  });

  it("does not raise overdue on the last day of the limit, but says it is due soon", () => {
    expect(codes(singleCaseFlags(flagCase({ receivedOn: "2026-05-16" }), TODAY))).toEqual(["due_soon"]);
  });

  it("raises due soon when five days or fewer remain, and nothing earlier", () => {
    expect(singleCaseFlags(flagCase({ receivedOn: "2026-05-21" }), TODAY)[0]).toMatchObject({ code: "due_soon", facts: { daysLeft: 5 } });
    expect(singleCaseFlags(flagCase({ receivedOn: "2026-05-22" }), TODAY)).toEqual([]);
  });

  it("gives administrative reconsideration 60 days before it is overdue", () => {
    expect(singleCaseFlags(flagCase({ stage: "行政复议", receivedOn: "2026-04-25" }), TODAY)).toEqual([]);
    expect(codes(singleCaseFlags(flagCase({ stage: "行政复议", receivedOn: "2026-04-15" }), TODAY))).toEqual(["overdue"]);
  });

  it("raises no time flags on a concluded case however old", () => {
    expect(singleCaseFlags(flagCase({ receivedOn: "2025-01-01", status: "调解不成", closedOn: "2025-03-01" }), TODAY)).toEqual([]);
  });

  it("raises commitment overdue when the due date passed without the commitment being met", () => {
    const c = flagCase({ receivedOn: "2026-06-01", status: "调解成功", closedOn: "2026-06-02", judicialConfirmation: true, commitment: "补发工资", commitmentDue: "2026-06-10" });
    expect(singleCaseFlags(c, TODAY)).toEqual([expect.objectContaining({ code: "commitment_overdue", facts: { commitmentDue: "2026-06-10", daysOverdue: 5 } })]);
    expect(singleCaseFlags({ ...c, commitmentMetOn: "2026-06-12" }, TODAY)).toEqual([]);
    expect(singleCaseFlags({ ...c, commitmentDue: "2026-06-15" }, TODAY)).toEqual([]);
  });

  it("warns when a mediation agreement's 30-day judicial confirmation window has a week or less left", () => {
    const c = flagCase({ receivedOn: "2026-05-01", status: "调解成功", closedOn: "2026-05-23" });
    expect(singleCaseFlags(c, TODAY)).toEqual([expect.objectContaining({ code: "confirmation_window_closing", facts: { closedOn: "2026-05-23", deadline: "2026-06-22", daysLeft: 7 } })]);
    expect(singleCaseFlags({ ...c, closedOn: "2026-05-24" }, TODAY)).toEqual([]); // 8 days left
    expect(singleCaseFlags({ ...c, closedOn: "2026-05-15" }, TODAY)).toEqual([]); // window closed on 06-14
    expect(singleCaseFlags({ ...c, judicialConfirmation: true }, TODAY)).toEqual([]);
    expect(singleCaseFlags({ ...c, mediationType: "司法调解" }, TODAY)).toEqual([]);
  });

  it("raises complex without mentor on open 复杂 and 重大 cases without a gold mentor only", () => {
    const c = flagCase({ receivedOn: "2026-06-10", complexity: "重大" });
    expect(singleCaseFlags(c, TODAY)).toEqual([expect.objectContaining({ code: "complex_without_mentor", facts: { complexity: "重大" } })]);
    expect(singleCaseFlags({ ...c, hasMentor: true }, TODAY)).toEqual([]);
    expect(singleCaseFlags({ ...c, complexity: "普通" }, TODAY)).toEqual([]);
    expect(singleCaseFlags({ ...c, status: "调解成功", closedOn: "2026-06-12", judicialConfirmation: true }, TODAY)).toEqual([]);
  });

  it("raises stale open case when the row has not changed for 60 days", () => {
    const c = flagCase({ stage: "行政复议", receivedOn: "2026-06-01", lastChangedOn: "2026-04-16" });
    expect(singleCaseFlags(c, TODAY)).toEqual([expect.objectContaining({ code: "stale_open_case", severity: "low", facts: { lastChangedOn: "2026-04-16", daysSinceChange: 60, limitDays: 60 } })]);
    expect(singleCaseFlags({ ...c, lastChangedOn: "2026-04-17" }, TODAY)).toEqual([]);
    expect(singleCaseFlags({ ...c, lastChangedOn: null }, TODAY)).toEqual([]);
  });

  it("raises nothing on a rejected application", () => {
    expect(singleCaseFlags(flagCase({ receivedOn: "2026-01-01", accepted: false, status: null, rejectReason: "超出范围", complexity: "重大" }), TODAY)).toEqual([]);
  });
});

describe("case flags across cases", () => {
  const closedEarlier = flagCase({ caseNo: "S-1", unit: "山腰街道", applicant: "王五", respondent: "区人社局", receivedOn: "2025-06-01", status: "调解成功", closedOn: "2025-07-10" });

  it("raises repeat dispute when the same parties come back within 12 months of a concluded case", () => {
    const again = flagCase({ caseNo: "S-9", unit: "南埔镇", applicant: "王五", respondent: "区人社局", receivedOn: "2026-07-10", status: "调解中" });
    const fs = crossCaseFlags([closedEarlier, again]);
    expect(fs).toEqual([expect.objectContaining({ code: "repeat_dispute", caseNo: "S-9", unit: "南埔镇", facts: expect.objectContaining({ previousCaseNo: "S-1", previousUnit: "山腰街道", previousClosedOn: "2025-07-10" }) })]);
  });

  it("does not raise repeat dispute after 12 months, against another agency, or for a different ID holder of the same name", () => {
    const base = { applicant: "王五", respondent: "区人社局", status: "调解中" as const };
    expect(crossCaseFlags([closedEarlier, flagCase({ ...base, receivedOn: "2026-07-11" })])).toEqual([]);
    expect(crossCaseFlags([closedEarlier, flagCase({ ...base, respondent: "区住建局", receivedOn: "2026-01-10" })])).toEqual([]);
    const withId = { ...closedEarlier, applicantId: "11010519491231002X" };
    expect(crossCaseFlags([withId, flagCase({ ...base, applicantId: "110105194912310037", receivedOn: "2026-01-10" })])).toEqual([]);
  });

  it("raises same dispute in two units on both cases when two ledgers hold it over overlapping dates", () => {
    const a = flagCase({ caseNo: "A", unit: "后龙镇", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-01" });
    const b = flagCase({ caseNo: "B", unit: "区住建局", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-20" });
    const fs = crossCaseFlags([a, b]);
    expect(fs.map((f) => [f.code, f.caseNo, f.facts.otherCaseNo])).toEqual([
      ["same_dispute_two_units", "A", "B"],
      ["same_dispute_two_units", "B", "A"],
    ]);
  });

  it("cites one case per other unit for the same dispute, the earliest, however many that unit holds", () => {
    const a = flagCase({ caseNo: "A", unit: "后龙镇", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-01" });
    const others = ["2026-05-20", "2026-05-03", "2026-05-09"].map((receivedOn, i) =>
      flagCase({ caseNo: `B-${i}`, unit: "区住建局", applicant: "李四", respondent: "区住建局", receivedOn }));
    const third = flagCase({ caseNo: "C", unit: "山腰街道", applicant: "李四", respondent: "区住建局", receivedOn: "2026-06-01" });
    const fs = crossCaseFlags([a, ...others, third]).filter((f) => f.caseNo === "A");
    expect(fs.map((f) => [f.code, f.facts.otherUnit, f.facts.otherCaseNo])).toEqual([
      ["same_dispute_two_units", "区住建局", "B-1"],
      ["same_dispute_two_units", "山腰街道", "C"],
    ]);
  });

  it("raises flags only for the cases in scope, still comparing them with every other case", () => {
    const a = flagCase({ caseNo: "A", unit: "后龙镇", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-01" });
    const b = flagCase({ caseNo: "B", unit: "区住建局", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-20" });
    const fs = crossCaseFlags([a, b], undefined, (c) => c.unit === "后龙镇");
    expect(fs.map((f) => [f.code, f.caseNo, f.facts.otherCaseNo])).toEqual([["same_dispute_two_units", "A", "B"]]);
  });

  it("does not call it the same dispute within one unit or when one case closed before the other began", () => {
    const a = flagCase({ unit: "后龙镇", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-01", status: "调解不成", closedOn: "2026-05-10" });
    const sameUnit = flagCase({ unit: "后龙镇", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-05" });
    const later = flagCase({ unit: "区住建局", applicant: "李四", respondent: "区住建局", receivedOn: "2026-05-11" });
    expect(codes(crossCaseFlags([a, sameUnit]))).toEqual([]);
    // not the same dispute, but a repeat one
    expect(codes(crossCaseFlags([a, later]))).toEqual(["repeat_dispute"]);
  });
});

function unitInput(over: Partial<UnitFlagInput> = {}): UnitFlagInput {
  return {
    unit: "峰尾镇",
    period: "2026-Q2",
    acceptance: indicatorValue("acceptance", { num: 100, den: 100 }),
    success: indicatorValue("success", { num: 80, den: 100 }),
    lastPush: { pushedOn: "2026-06-10", rows: 100, cleanRows: 95 },
    ...over,
  };
}

describe("unit flags", () => {
  it("raises nothing for a unit on target that pushed recently and cleanly", () => {
    expect(unitFlags(unitInput(), TODAY)).toEqual([]);
  });

  it("raises acceptance below target at 96 of 100 and not at 97 of 100", () => {
    const fs = unitFlags(unitInput({ acceptance: indicatorValue("acceptance", { num: 96, den: 100 }) }), TODAY);
    expect(fs).toEqual([expect.objectContaining({ code: "acceptance_below_target", unit: "峰尾镇", caseNo: null, scope: "unit", facts: expect.objectContaining({ num: 96, den: 100, target: 0.97 }) })]);
    expect(fs[0].message.zh).toBe("2026-Q2 受理率 96.0%（96/100）低于目标 97.0%");
    expect(unitFlags(unitInput({ acceptance: indicatorValue("acceptance", { num: 97, den: 100 }) }), TODAY)).toEqual([]);
  });

  it("raises success below target only when the whole interval is below 80 %", () => {
    // 5/10 = 50 % but Wilson high 0.763 < 0.8: the data say so
    expect(codes(unitFlags(unitInput({ success: indicatorValue("success", { num: 5, den: 10 }) }), TODAY))).toEqual(["success_below_target"]);
    // 6/10 = 60 %, high 0.83: could be luck, no flag
    expect(unitFlags(unitInput({ success: indicatorValue("success", { num: 6, den: 10 }) }), TODAY)).toEqual([]);
    // 70/100 = 70 %, high 0.78: flagged
    expect(codes(unitFlags(unitInput({ success: indicatorValue("success", { num: 70, den: 100 }) }), TODAY))).toEqual(["success_below_target"]);
  });

  it("flags success exactly where the sheets say 未达标, and acceptance wherever they do not say 达标", () => {
    for (let den = 1; den <= 40; den++) for (let num = 0; num <= den; num++) {
      const success = indicatorValue("success", { num, den });
      const acceptance = indicatorValue("acceptance", { num, den });
      const raised = codes(unitFlags(unitInput({ success, acceptance }), TODAY));
      expect(raised.includes("success_below_target"), `${num}/${den}`).toBe(judge(success, 0.8) === "missed");
      expect(raised.includes("acceptance_below_target"), `${num}/${den}`).toBe(judge(acceptance, 0.97) !== "met");
    }
  });

  it("raises no rate flags for a period without data", () => {
    expect(unitFlags(unitInput({ acceptance: indicatorValue("acceptance", { num: 0, den: 0 }), success: indicatorValue("success", { num: 0, den: 0 }) }), TODAY)).toEqual([]);
  });

  it("raises ledger not pushed after 30 days and when the unit never pushed", () => {
    expect(unitFlags(unitInput({ lastPush: { pushedOn: "2026-05-16", rows: 10, cleanRows: 10 } }), TODAY)).toEqual([
      expect.objectContaining({ code: "ledger_not_pushed", facts: { lastPushedOn: "2026-05-16", daysSincePush: 30, limitDays: 30 } }),
    ]);
    expect(unitFlags(unitInput({ lastPush: { pushedOn: "2026-05-17", rows: 10, cleanRows: 10 } }), TODAY)).toEqual([]);
    const [never] = unitFlags(unitInput({ lastPush: null }), TODAY);
    expect(never).toMatchObject({ code: "ledger_not_pushed", facts: { lastPushedOn: null } });
    expect(never.message).toEqual({ zh: "台账从未上报", en: "Ledger never pushed" });
  });

  it("raises low ledger quality when under 90 % of the last push's rows were free of errors", () => {
    expect(unitFlags(unitInput({ lastPush: { pushedOn: "2026-06-10", rows: 100, cleanRows: 89 } }), TODAY)).toEqual([
      expect.objectContaining({ code: "low_ledger_quality", severity: "low", facts: expect.objectContaining({ rows: 100, cleanRows: 89 }) }),
    ]);
    expect(unitFlags(unitInput({ lastPush: { pushedOn: "2026-06-10", rows: 100, cleanRows: 90 } }), TODAY)).toEqual([]);
  });
});

describe("flag catalogue", () => {
  it("names a town with no circuit visit in the period, only when the district keeps a visit record", () => {
    const [flag] = unitFlags(unitInput({ visits: { inPeriod: 0, lastVisitOn: "2026-05-20" } }), TODAY);
    expect(flag).toMatchObject({ code: "town_not_visited", severity: "medium", scope: "unit", facts: { lastVisitOn: "2026-05-20" } });
    expect(flag.message.zh).toContain("尚无金牌调解员巡回指导记录（上次到访：2026-05-20）");
    expect(flag.message.en).toContain("No circuit visit by a gold mentor recorded");
    expect(unitFlags(unitInput({ visits: { inPeriod: 1, lastVisitOn: "2026-06-02" } }), TODAY)).toEqual([]);
    expect(unitFlags(unitInput(), TODAY)).toEqual([]);
  });

  it("raises review_failed only for a latest review below the pass mark, with the score in the message", () => {
    const [flag, ...rest] = reviewFailedFlags([
      { unit: "山腰街道", caseNo: "SY-1", reviewedOn: "2026-10-08", score: 52 },
      { unit: "山腰街道", caseNo: "SY-2", reviewedOn: "2026-10-08", score: 60 },
    ], DEFAULT_CONFIG.flags.reviewPassMark);
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({ code: "review_failed", severity: "medium", scope: "case", caseNo: "SY-1", facts: { score: 52, passMark: 60 } });
    expect(flag.message.zh).toBe("评查不合格，需整改（评查得分 52 分，低于 60 分；2026-10-08 评查）");
    expect(flag.message.en).toBe("Failed case-file review, to be put right (scored 52, below 60; reviewed 2026-10-08)");
  });

  it("has a severity and a zh/en message for every code", () => {
    expect(FLAG_CODES).toHaveLength(15);
    for (const code of FLAG_CODES) expect(["high", "medium", "low"]).toContain(FLAG_SEVERITY[code]);
  });
});

describe("flags of cases due within N days", () => {
  const f = (caseNo: string, receivedOn: string, config = DEFAULT_CONFIG) => singleCaseFlags(flagCase({ caseNo, receivedOn }), TODAY, config);

  it("gives overdue and due-soon flags the day the time limit runs out", () => {
    expect(f("A", "2026-05-21")[0].facts).toMatchObject({ daysLeft: 5, dueOn: "2026-06-20" });
    expect(f("B", "2026-05-10")[0].facts).toMatchObject({ daysOver: 6, dueOn: "2026-06-09" });
  });

  it("keeps every flag of the cases whose due-soon flag falls within N days, and nothing else", () => {
    const wide = { ...DEFAULT_CONFIG, flags: { ...DEFAULT_CONFIG.flags, dueSoonDays: 20 } };
    const flags = [...f("SOON", "2026-05-21", wide), ...f("LATER", "2026-06-01", wide), ...f("OVER", "2026-05-10", wide), ...f("FAR", "2026-06-14", wide)];
    const other = { ...flags[0], code: "complex_without_mentor" as const, severity: "medium" as const };
    expect(filterFlags([...flags, other], { dueWithinDays: 5 }).map((x) => [x.code, x.caseNo])).toEqual([["complex_without_mentor", "SOON"], ["due_soon", "SOON"]]);
    expect(filterFlags(flags, { dueWithinDays: 16 }).map((x) => x.caseNo)).toEqual(["LATER", "SOON"]);
    expect(filterFlags(flags, { dueWithinDays: 0 })).toEqual([]);
  });
});
