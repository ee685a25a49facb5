import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { STAGES, STATUSES } from "../../../ledger/choices.ts";
import { DEFAULT_CONFIG, timeLimitFor } from "../../../worker/assessment/config.ts";
import { countCaseIndicators, indicatorValue, indicatorValues, type AssessedCase } from "../../../worker/assessment/indicators.ts";
import { parsePeriod } from "../../../ledger/period.ts";
import { caseRow } from "./case-fixture.ts";

const may = parsePeriod("2026-05");
const q2 = parsePeriod("2026-Q2");
const AFTER = "2027-01-01";

describe("indicator counts for one unit and period", () => {
  it("counts received and accepted by the date received", () => {
    const cases = [
      caseRow({ receivedOn: "2026-05-01" }),
      caseRow({ receivedOn: "2026-05-31", accepted: false, status: null, rejectReason: "不属于受理范围" }),
      caseRow({ receivedOn: "2026-06-01" }), // next month
      caseRow({ receivedOn: "2026-04-30" }), // previous month
    ];
    expect(countCaseIndicators(cases, may, AFTER).acceptance).toEqual({ num: 1, den: 2 });
    expect(countCaseIndicators(cases, q2, AFTER).acceptance).toEqual({ num: 3, den: 4 });
  });

  it("counts success over success + failure + termination, leaving out withdrawn and referred cases", () => {
    const closed = (status: (typeof STATUSES)[number]) => caseRow({ status, closedOn: "2026-05-10" });
    const cases = [closed("调解成功"), closed("调解成功"), closed("调解不成"), closed("终止"), closed("撤回"), closed("移送裁判"), caseRow({ status: "调解中" })];
    const c = countCaseIndicators(cases, may, AFTER);
    expect(c.success).toEqual({ num: 2, den: 4 });
    // on time counts every concluded case: all six closed within 9 days
    expect(c.onTime).toEqual({ num: 6, den: 6 });
    expect(c.preSuit).toEqual({ num: 2, den: 2 });
  });

  it("counts a case received in April and closed in May in April's acceptance and May's success", () => {
    const cases = [caseRow({ receivedOn: "2026-04-20", status: "调解成功", closedOn: "2026-05-03" })];
    const april = countCaseIndicators(cases, parsePeriod("2026-04"), AFTER);
    const mayC = countCaseIndicators(cases, may, AFTER);
    expect(april.acceptance).toEqual({ num: 1, den: 1 });
    expect(april.success).toEqual({ num: 0, den: 0 });
    expect(mayC.acceptance).toEqual({ num: 0, den: 0 });
    expect(mayC.success).toEqual({ num: 1, den: 1 });
  });

  it("judges on-time by the stage's limit first, then the mediation type's, then the fallback", () => {
    const cases = [
      caseRow({ stage: "行政复议", mediationType: "行政调解", receivedOn: "2026-03-15", status: "调解成功", closedOn: "2026-05-14" }), // 60 days: on time
      caseRow({ stage: "行政复议", mediationType: "行政调解", receivedOn: "2026-03-15", status: "调解成功", closedOn: "2026-05-15" }), // 61: late
      caseRow({ stage: "诉前", receivedOn: "2026-04-10", status: "调解不成", closedOn: "2026-05-10" }), // 30: on time
      caseRow({ stage: "审判", mediationType: "人民调解", receivedOn: "2026-04-10", status: "调解成功", closedOn: "2026-05-11" }), // 31: late
      caseRow({ stage: "执行", mediationType: "司法调解", receivedOn: "2026-04-10", status: "撤回", closedOn: "2026-05-10" }), // fallback 30
    ];
    expect(countCaseIndicators(cases, may, AFTER).onTime).toEqual({ num: 3, den: 5 });
    expect(timeLimitFor("行政复议", "人民调解")).toBe(60);
    expect(timeLimitFor(null, "人民调解")).toBe(30);
    expect(timeLimitFor(null, null)).toBe(DEFAULT_CONFIG.timeLimits.fallback);
  });

  it("counts successes at the 诉前 stage over all successes", () => {
    const cases = [
      caseRow({ stage: "诉前", status: "调解成功", closedOn: "2026-05-05" }),
      caseRow({ stage: "审判", status: "调解成功", closedOn: "2026-05-05" }),
      caseRow({ stage: "执行", status: "调解成功", closedOn: "2026-05-05" }),
      caseRow({ stage: "诉前", status: "调解不成", closedOn: "2026-05-05" }),
    ];
    expect(countCaseIndicators(cases, may, AFTER).preSuit).toEqual({ num: 1, den: 3 });
  });

  it("counts commitments by due date, kept only when met on or before it, and only once the due date has passed", () => {
    const cases = [
      caseRow({ commitment: "补发工资", commitmentDue: "2026-05-10", commitmentMetOn: "2026-05-10" }), // kept
      caseRow({ commitment: "补偿款", commitmentDue: "2026-05-10", commitmentMetOn: "2026-05-11" }), // late
      caseRow({ commitment: "补偿款", commitmentDue: "2026-05-20", commitmentMetOn: null }), // not met
      caseRow({ commitment: "补偿款", commitmentDue: "2026-05-28", commitmentMetOn: null }), // still has time on 05-25
      caseRow({ commitment: "补偿款", commitmentDue: "2026-06-02", commitmentMetOn: "2026-05-01" }), // due next month
    ];
    expect(countCaseIndicators(cases, may, AFTER).commitments).toEqual({ num: 1, den: 4 });
    expect(countCaseIndicators(cases, may, "2026-05-25").commitments).toEqual({ num: 1, den: 3 });
  });

  it("gives zero denominators and no rate for an empty period", () => {
    const v = indicatorValues(countCaseIndicators([], may, AFTER));
    for (const x of Object.values(v)) expect(x).toMatchObject({ num: 0, den: 0, rate: null, low: null, high: null });
    expect(v.acceptance.meetsTarget).toBeNull();
  });

  it("does not count rows that were never accepted in success or on-time", () => {
    const cases = [caseRow({ accepted: false, status: "调解成功", closedOn: "2026-05-03" })];
    const c = countCaseIndicators(cases, may, AFTER);
    expect(c.success.den).toBe(0);
    expect(c.onTime.den).toBe(0);
  });
});

describe("reported indicator values", () => {
  it("meets the acceptance target at 97 % and misses it just below", () => {
    expect(indicatorValue("acceptance", { num: 97, den: 100 }).meetsTarget).toBe(true);
    expect(indicatorValue("acceptance", { num: 96, den: 100 }).meetsTarget).toBe(false);
    expect(indicatorValue("acceptance", { num: 129, den: 131 })).toMatchObject({ rate: 129 / 131, target: 0.97, meetsTarget: true });
  });

  it("meets the success target at 80 % and has no target for on-time", () => {
    expect(indicatorValue("success", { num: 8, den: 10 })).toMatchObject({ meetsTarget: true, low: expect.closeTo(0.4902, 4) });
    expect(indicatorValue("success", { num: 79, den: 100 }).meetsTarget).toBe(false);
    expect(indicatorValue("onTime", { num: 5, den: 10 })).toMatchObject({ target: null, meetsTarget: null });
  });

  it("reports a review mean as points over points possible with a conservative interval", () => {
    // three reviews: 90, 80, 100 → 270 of 300 points
    const v = indicatorValue("review", { num: 270, den: 300 });
    expect(v.rate).toBeCloseTo(0.9, 10);
    // Wilson with n = 3 reviews, p = 0.9, computed by hand: (0.3576, 0.9932)
    expect(v.low).toBeCloseTo(0.3576, 4);
    expect(v.high).toBeCloseTo(0.9932, 4);
  });
});

const arbCase = fc.record({
  receivedOn: fc.integer({ min: 0, max: 200 }).map((d) => new Date(Date.UTC(2026, 2, 1) + d * 864e5).toISOString().slice(0, 10)),
  accepted: fc.boolean(),
  status: fc.constantFrom(...STATUSES),
  closeAfter: fc.integer({ min: 0, max: 90 }),
  stage: fc.constantFrom(...STAGES),
});

function toCase(r: { receivedOn: string; accepted: boolean; status: (typeof STATUSES)[number]; closeAfter: number; stage: (typeof STAGES)[number] }): AssessedCase {
  const closedOn = r.status === "调解中" ? null : new Date(Date.parse(r.receivedOn) + r.closeAfter * 864e5).toISOString().slice(0, 10);
  return { receivedOn: r.receivedOn, accepted: r.accepted, status: r.accepted ? r.status : null, closedOn: r.accepted ? closedOn : null, stage: r.stage, mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null };
}

describe("indicator invariants", () => {
  it("never lowers a unit's success rate when a successful case is added", () => {
    fc.assert(
      fc.property(fc.array(arbCase, { maxLength: 60 }), fc.integer({ min: 0, max: 60 }), (rows, d) => {
        const cases = rows.map(toCase);
        const before = indicatorValue("success", countCaseIndicators(cases, q2, AFTER).success).rate;
        const closedOn = new Date(Date.UTC(2026, 3, 1) + d * 864e5).toISOString().slice(0, 10);
        const added: AssessedCase = { receivedOn: "2026-03-20", accepted: true, status: "调解成功", closedOn, stage: "诉前", mediationType: null, commitmentDue: null, commitmentMetOn: null };
        const after = indicatorValue("success", countCaseIndicators([...cases, added], q2, AFTER).success).rate!;
        return before == null || after >= before;
      }),
    );
  });

  it("keeps every numerator within its denominator and every interval around its rate", () => {
    fc.assert(
      fc.property(fc.array(arbCase, { maxLength: 60 }), (rows) => {
        const v = indicatorValues(countCaseIndicators(rows.map(toCase), q2, AFTER));
        return Object.values(v).every((x) => x.num <= x.den && (x.rate == null || (0 <= x.low! && x.low! <= x.rate && x.rate <= x.high! && x.high! <= 1)));
      }),
    );
  });
});
