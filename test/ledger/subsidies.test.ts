import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../ledger/period.ts";
import { DEFAULT_SUBSIDY_TIERS, mediatorsOf, payableOn, splitFen, subsidyStatement, type SubsidyCase } from "../../ledger/subsidies.ts";

const base: SubsidyCase = {
  unit: "山腰街道", caseNo: "SY-1", receivedOn: "2026-07-01", applicant: "陈某", respondent: "区人社局", domain: "劳动人事争议",
  accepted: true, status: "调解成功", closedOn: "2026-07-20", stage: "诉前",
  commitment: null, commitmentDue: null, commitmentMetOn: null, complexity: "普通", mediator: "林志强",
};
const c = (over: Partial<SubsidyCase>): SubsidyCase => ({ ...base, ...over });
const Q3 = parsePeriod("2026-Q3");

describe("when a case becomes payable", () => {
  it("pays a success without a commitment on its close date", () => {
    expect(payableOn(base)).toBe("2026-07-20");
  });

  it("pays a success with a commitment on the day it was met, when met by its due date", () => {
    expect(payableOn(c({ commitment: "补发工资", commitmentDue: "2026-08-31", commitmentMetOn: "2026-08-31" }))).toBe("2026-08-31");
  });

  it("never pays a commitment met late, or never met", () => {
    expect(payableOn(c({ commitment: "补发工资", commitmentDue: "2026-08-31", commitmentMetOn: "2026-09-01" }))).toBeNull();
    expect(payableOn(c({ commitment: "补发工资", commitmentDue: "2026-08-31", commitmentMetOn: null }))).toBeNull();
  });

  it("never pays a case that did not succeed, was not accepted or has no close date", () => {
    expect(payableOn(c({ status: "调解不成" }))).toBeNull();
    expect(payableOn(c({ status: "调解中", closedOn: null }))).toBeNull();
    expect(payableOn(c({ accepted: false, status: null }))).toBeNull();
  });
});

describe("a period's subsidy statement", () => {
  it("prices each payable case by its tier and sums by mediator and district", () => {
    const s = subsidyStatement([
      c({ caseNo: "SY-1", complexity: "简易" }),
      c({ caseNo: "SY-2", applicant: "李某", complexity: "重大" }),
      c({ caseNo: "NP-1", unit: "南埔镇", applicant: "王某", complexity: "复杂", mediator: "蔡国华" }),
    ], Q3);
    expect(s.mediators).toEqual([
      { mediator: "林志强", unit: "山腰街道", cases: 2, amount: 900 },
      { mediator: "蔡国华", unit: "南埔镇", cases: 1, amount: 400 },
    ]);
    expect(s.total).toBe(1300);
    expect(s.tiers).toEqual(DEFAULT_SUBSIDY_TIERS);
  });

  it("pays a case whose commitment was met late never, and one met in time in the period it was met", () => {
    const late = c({ caseNo: "SY-L", commitment: "退还费用", commitmentDue: "2026-09-10", commitmentMetOn: "2026-09-11" });
    const next = c({ caseNo: "SY-N", applicant: "李某", closedOn: "2026-09-20", commitment: "退还费用", commitmentDue: "2026-10-15", commitmentMetOn: "2026-10-02" });
    expect(subsidyStatement([late, next], Q3).lines).toEqual([]);
    expect(subsidyStatement([late, next], parsePeriod("2026-Q4")).lines.map((l) => [l.caseNo, l.payableOn])).toEqual([["SY-N", "2026-10-02"]]);
  });

  it("pays a dispute once: the earliest payable of the same applicant, respondent and domain, even across units and periods", () => {
    const first = c({ caseNo: "NP-7", unit: "南埔镇", closedOn: "2026-06-30", mediator: "蔡国华" });
    const again = c({ caseNo: "SY-9", closedOn: "2026-08-15", applicant: " 陈 某 " });
    expect(subsidyStatement([again, first], Q3).lines).toEqual([]);
    expect(subsidyStatement([again, first], parsePeriod("2026-Q2")).lines.map((l) => l.caseNo)).toEqual(["NP-7"]);
    // A different domain is a different dispute.
    expect(subsidyStatement([again, c({ ...first, domain: "教育" })], Q3).lines.map((l) => l.caseNo)).toEqual(["SY-9"]);
  });

  it("splits a case named for two or three mediators equally, to the fen, the odd fen to the first", () => {
    const s = subsidyStatement([c({ mediator: "林志强、王芳", complexity: "复杂" }), c({ caseNo: "SY-3", applicant: "赵某", mediator: "林志强，王芳 许明辉", complexity: "简易" })], Q3);
    expect(s.lines.filter((l) => l.caseNo === "SY-1").map((l) => [l.mediator, l.amount])).toEqual([["林志强", 200], ["王芳", 200]]);
    expect(s.lines.filter((l) => l.caseNo === "SY-3").map((l) => [l.mediator, l.amount]).sort()).toEqual([["林志强", 33.34], ["王芳", 33.33], ["许明辉", 33.33]].sort());
    expect(s.total).toBe(500);
    expect(s.mediators.find((m) => m.mediator === "林志强")).toEqual({ mediator: "林志强", unit: "山腰街道", cases: 2, amount: 233.34 });
  });

  it("counts a case on the period boundary in the period that holds its payable date", () => {
    const onFirst = c({ closedOn: "2026-07-01" });
    const onLast = c({ caseNo: "SY-2", applicant: "李某", closedOn: "2026-09-30" });
    const after = c({ caseNo: "SY-3", applicant: "赵某", closedOn: "2026-10-01" });
    expect(subsidyStatement([onFirst, onLast, after], Q3).lines.map((l) => l.caseNo)).toEqual(["SY-1", "SY-2"]);
  });

  it("lists a payable case without 难易程度 apart, priced at nothing, and still pays its dispute only once", () => {
    const s = subsidyStatement([c({ complexity: null }), c({ caseNo: "SY-2", closedOn: "2026-08-01" })], Q3);
    expect(s.lines).toEqual([]);
    expect(s.unpriced).toEqual([{ unit: "山腰街道", caseNo: "SY-1", payableOn: "2026-07-20", reason: expect.objectContaining({ zh: expect.stringContaining("难易程度为空") }) }]);
    expect(s.total).toBe(0);
  });

  it("uses configured tiers instead of the defaults", () => {
    const s = subsidyStatement([c({ complexity: "普通" })], Q3, { 简易: 150, 普通: 300, 复杂: 500, 重大: 1000 });
    expect(s.total).toBe(300);
  });
});

describe("splitting and naming mediators", () => {
  it("reads the usual separators and names a mediator once", () => {
    expect(mediatorsOf("林志强、王芳")).toEqual(["林志强", "王芳"]);
    expect(mediatorsOf(" 林志强 ；王芳/林志强 ")).toEqual(["林志强", "王芳"]);
    expect(mediatorsOf(null)).toEqual([]);
  });

  it("splits fen so the shares sum to the whole", () => {
    expect(splitFen(10_000, 3)).toEqual([3334, 3333, 3333]);
    expect(splitFen(20_000, 2)).toEqual([10_000, 10_000]);
    expect(splitFen(1, 3)).toEqual([1, 0, 0]);
  });
});
