import { beforeEach, describe, expect, it } from "vitest";
import { addUnit, resetAll, row, storeCases } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";

let w: World;
const DEPT = "区人社局";

/** `s` successes and `f` failures received on the 1st and closed on the 10th of `month`. */
const cases = (unit: string, month: string, s: number, f: number) => [
  ...Array.from({ length: s }, () => row(unit, { receivedOn: `${month}-01`, closedOn: `${month}-10`, status: "调解成功" })),
  ...Array.from({ length: f }, () => row(unit, { receivedOn: `${month}-01`, closedOn: `${month}-10`, status: "调解不成" })),
];

beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
  await addUnit(DEPT, "department");
  await storeCases([
    ...cases(UNIT_A, "2026-01", 4, 0), ...cases(UNIT_A, "2026-02", 3, 1),
    ...cases(UNIT_B, "2026-01", 2, 2), ...cases(UNIT_B, "2026-02", 4, 0), ...cases(UNIT_B, "2026-03", 1, 0),
    ...cases(DEPT, "2026-01", 1, 1), ...cases(DEPT, "2026-03", 2, 0),
  ]);
});

const trend = (token: string, query: string) => call("GET", `/api/rankings/trend?${query}`, { token });
const setSuccessOnly = async (period: string) =>
  expect((await call("PUT", `/api/rankings/weights?period=${period}`, { token: w.assessor, body: { weights: { success: 100 } } })).status).toBe(200);

describe("GET /api/rankings/trend", () => {
  it("gives each unit's score, rank and success counts per month, computed as each month's ranking (hand-computed)", async () => {
    for (const m of ["2026-01", "2026-02", "2026-03"]) await setSuccessOnly(m);
    const res = await trend(w.assessor, "from=2026-01&to=2026-03&asOf=2026-04-01");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.by).toBe("month");
    expect(body.periods.map((p: any) => [p.period, p.weightsSource, p.weights.success])).toEqual([["2026-01", "period", 100], ["2026-02", "period", 100], ["2026-03", "period", 100]]);
    // Weight only on success, so score = 100 × Wilson 95 % lower bound of successes/(successes + failures):
    // 4/4 → 51.0, 2/4 → 15.0, 1/2 → 9.5, 3/4 → 30.1, 1/1 → 20.7, 2/2 → 34.2; nothing concluded → no score, no rank.
    // Towns first, ordered by March's rank (山腰街道 has no March data, so it comes after 南埔镇).
    const lines = body.units.map((u: any) => [u.unit, u.kind, u.points.map((p: any) => [p.period, p.score, p.rank, p.ranked, `${p.indicators.success.num}/${p.indicators.success.den}`])]);
    expect(lines).toEqual([
      [UNIT_B, "town", [["2026-01", 15.0, 2, 2, "2/4"], ["2026-02", 51.0, 1, 2, "4/4"], ["2026-03", 20.7, 1, 1, "1/1"]]],
      [UNIT_A, "town", [["2026-01", 51.0, 1, 2, "4/4"], ["2026-02", 30.1, 2, 2, "3/4"], ["2026-03", null, null, 1, "0/0"]]],
      [DEPT, "department", [["2026-01", 9.5, 1, 1, "1/2"], ["2026-02", null, null, 0, "0/0"], ["2026-03", 34.2, 1, 1, "2/2"]]],
    ]);
    const feb = body.units[1].points[1].indicators;
    expect(feb.success).toEqual({ num: 3, den: 4, rate: 0.75 });
    expect(feb.acceptance).toEqual({ num: 4, den: 4, rate: 1 });
    expect(body.units[1].points[2].indicators.success.rate).toBeNull();
  });

  it("agrees point for point with the ranking of the same month, default weights included", async () => {
    const body = await json(await trend(w.coordinator, "from=2026-01&to=2026-02&asOf=2026-04-01"));
    expect(body.periods.map((p: any) => p.weightsSource)).toEqual(["default", "default"]);
    for (const [i, period] of ["2026-01", "2026-02"].entries()) {
      const ranking = await json(await call("GET", `/api/rankings?period=${period}&asOf=2026-04-01`, { token: w.coordinator }));
      for (const u of ranking.units) {
        const point = body.units.find((l: any) => l.unit === u.unit).points[i];
        expect([point.score, point.rank]).toEqual([u.score, u.rank]);
      }
    }
  });

  it("adds up quarters from whole quarters: 2026-01 to 2026-06 by quarter is Q1 and Q2", async () => {
    await setSuccessOnly("2026-Q1");
    const body = await json(await trend(w.assessor, "from=2026-01&to=2026-06&by=quarter&asOf=2026-07-01"));
    expect(body.periods.map((p: any) => p.period)).toEqual(["2026-Q1", "2026-Q2"]);
    const a = body.units.find((u: any) => u.unit === UNIT_A).points;
    // Q1: 7 successes of 8 for 山腰街道; Q2 nothing.
    expect(a.map((p: any) => `${p.indicators.success.num}/${p.indicators.success.den}`)).toEqual(["7/8", "0/0"]);
    expect((await json(await trend(w.assessor, "from=2026-Q1&to=2026-Q2"))).by).toBe("quarter");
  });

  it("gives a clerk their own unit's line only, and nothing of another unit", async () => {
    const res = await trend(w.clerkA, "from=2026-01&to=2026-03&asOf=2026-04-01");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.units.map((u: any) => u.unit)).toEqual([UNIT_A]);
    expect(JSON.stringify(body)).not.toContain(UNIT_B);
    expect(JSON.stringify(body)).not.toContain(DEPT);
  });

  it("refuses more than 24 months, a reversed span and quarters that are not whole with a 400 that says how to fix it", async () => {
    // A span the schema cannot read (2026 is no month) is 422 invalid_request; a readable span the trend refuses is 400.
    const cases: [string, number, string, string][] = [
      ["from=2024-01&to=2026-01", 400, "to", "超过上限 24 个月"],
      ["from=2026-06&to=2026-01", 400, "to", "早于 from"],
      ["from=2026-02&to=2026-06&by=quarter", 400, "from", "季度的第一个月"],
      ["from=2026-01&to=2026-05&by=quarter", 400, "to", "季度的最后一个月"],
      ["from=2026-Q1&to=2026-Q2&by=month", 400, "by", "by=quarter"],
      ["from=2026&to=2026-06", 422, "from", "2026-01"],
    ];
    for (const [query, status, field, says] of cases) {
      const res = await trend(w.assessor, query);
      const body = await json(res);
      expect([query, res.status, body.error.code]).toEqual([query, status, status === 422 ? "invalid_request" : "bad_request"]);
      expect(body.error.details.issues[0].path).toBe(field);
      expect(body.error.message).toContain(says);
    }
    // Exactly 24 months is fine.
    expect((await trend(w.assessor, "from=2025-01&to=2026-12")).status).toBe(200);
  });

  it("answers clerks, the assessment office and the coordinator, not an admin", async () => {
    expect((await trend(w.admin, "from=2026-01&to=2026-03")).status).toBe(403);
    expect((await call("GET", "/api/rankings/trend?from=2026-01&to=2026-03")).status).toBe(401);
  });
});
