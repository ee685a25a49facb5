import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { resetAll, row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await env.DB.prepare(`DELETE FROM subsidy_tiers`).run();
  await resetAll();
  w = await makeWorld();
  await storeCases([
    // Q3, 山腰街道: 普通 200 to 林志强; 重大 800 split between 林志强 and 王芳; 复杂 with a commitment kept in Q3.
    row(UNIT_A, { caseNo: "A-1", applicant: "陈某", status: "调解成功", closedOn: "2026-07-10", complexity: "普通", mediator: "林志强" }),
    row(UNIT_A, { caseNo: "A-2", applicant: "李某", status: "调解成功", closedOn: "2026-08-10", complexity: "重大", mediator: "林志强、王芳" }),
    row(UNIT_A, { caseNo: "A-3", applicant: "赵某", status: "调解成功", closedOn: "2026-06-20", complexity: "复杂", mediator: "王芳", commitment: "补办手续", commitmentDue: "2026-07-31", commitmentMetOn: "2026-07-15" }),
    // Never payable: the commitment was met late.
    row(UNIT_A, { caseNo: "A-LATE", applicant: "钱某", status: "调解成功", closedOn: "2026-07-01", complexity: "重大", mediator: "王芳", commitment: "退款", commitmentDue: "2026-07-31", commitmentMetOn: "2026-08-02" }),
    // The same dispute as A-1, succeeded again in 南埔镇 later: paid once, to A-1.
    row(UNIT_B, { caseNo: "B-DUP", applicant: "陈某", status: "调解成功", closedOn: "2026-09-01", complexity: "重大", mediator: "蔡国华" }),
    row(UNIT_B, { caseNo: "B-1", applicant: "孙某", status: "调解成功", closedOn: "2026-09-30", complexity: "简易", mediator: "蔡国华" }),
    // Outside Q3, failed, or deleted: not in the statement (a case only marked "not in ledger" is: live-case.test.ts).
    row(UNIT_B, { caseNo: "B-OCT", applicant: "周某", status: "调解成功", closedOn: "2026-10-01", complexity: "简易", mediator: "蔡国华" }),
    row(UNIT_B, { caseNo: "B-FAIL", applicant: "吴某", status: "调解不成", closedOn: "2026-08-01", complexity: "重大", mediator: "蔡国华" }),
    row(UNIT_B, { caseNo: "B-GONE", applicant: "郑某", status: "调解成功", closedOn: "2026-08-01", complexity: "重大", mediator: "蔡国华" }),
    row(UNIT_B, { caseNo: "B-NOTIER", applicant: "冯某", status: "调解成功", closedOn: "2026-08-05", complexity: null, mediator: "蔡国华" }),
  ]);
  await env.DB.prepare(`UPDATE cases SET deleted_at = '2026-09-01T00:00:00.000Z' WHERE unit_id = ? AND case_no = 'B-GONE'`).bind(await unitId(UNIT_B)).run();
});

const statement = async (token: string, period = "2026-Q3") => {
  const res = await call("GET", `/api/subsidies?period=${period}`, { token });
  return { status: res.status, body: await json(res) };
};

describe("subsidy statements (以案定补)", () => {
  it("prices a period's payable cases by tier, once per dispute, split between named mediators", async () => {
    const r = await statement(w.assessor);
    expect(r.status).toBe(200);
    expect(r.body.tiers).toEqual({ 简易: 100, 普通: 200, 复杂: 400, 重大: 800 });
    expect(r.body.tiersSource).toBe("default");
    expect(r.body.mediators).toEqual([
      { mediator: "林志强", unit: UNIT_A, cases: 2, amount: 600 },
      { mediator: "王芳", unit: UNIT_A, cases: 2, amount: 800 },
      { mediator: "蔡国华", unit: UNIT_B, cases: 1, amount: 100 },
    ].sort((a, b) => b.amount - a.amount));
    // 200 + 800 + 400 + 100
    expect(r.body.total).toBe(1500);
    expect(r.body.lines.find((l: any) => l.caseNo === "A-3")).toMatchObject({ mediator: "王芳", tier: "复杂", amount: 400, payableOn: "2026-07-15" });
    const paid = r.body.lines.map((l: any) => l.caseNo);
    for (const no of ["A-LATE", "B-DUP", "B-OCT", "B-FAIL", "B-GONE"]) expect(paid).not.toContain(no);
    expect(r.body.unpriced).toEqual([expect.objectContaining({ unit: UNIT_B, caseNo: "B-NOTIER" })]);
  });

  it("prices with the tiers the assessment office set for the period", async () => {
    const put = await call("PUT", "/api/subsidies/tiers?period=2026-Q3", { token: w.assessor, body: { tiers: { 简易: 150, 普通: 300, 复杂: 500, 重大: 1000 } } });
    expect(put.status).toBe(200);
    const r = await statement(w.coordinator);
    expect(r.body.tiersSource).toBe("period");
    expect(r.body.total).toBe(300 + 1000 + 500 + 150);
    // Another period keeps the defaults.
    expect((await statement(w.assessor, "2026-Q4")).body.tiersSource).toBe("default");
  });

  it("refuses tiers that are missing or negative, with the one error shape, and keeps the ones in force", async () => {
    const bad = await call("PUT", "/api/subsidies/tiers?period=2026-Q3", { token: w.assessor, body: { tiers: { 简易: -5, 普通: 200, 复杂: 400 } } });
    expect(bad.status).toBe(422);
    const body = await json(bad);
    expect(body.error.code).toBe("invalid_request");
    expect(JSON.stringify(body.error)).toContain("简易");
    expect((await statement(w.assessor)).body.tiersSource).toBe("default");
  });

  it("takes tiers only in whole fen: 5e-324, a tenth of a fen and more than 100,000 元 are refused with a message saying so, and 150.5 is kept as typed", async () => {
    const put = (tiers: Record<string, number>) => call("PUT", "/api/subsidies/tiers?period=2026-Q3", { token: w.assessor, body: { tiers: { 简易: 100, 普通: 200, 复杂: 400, 重大: 800, ...tiers } } });
    for (const bad of [{ 简易: 5e-324 }, { 普通: 200.005 }, { 重大: 100_000.01 }] as Record<string, number>[]) {
      const res = await put(bad);
      expect(res.status, JSON.stringify(bad)).toBe(422);
      const body = await json(res);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.message).toContain(`${Object.keys(bad)[0]}: 须为 0–100,000 元、精确到分（最多两位小数）`);
      expect((await statement(w.assessor)).body.tiersSource).toBe("default");
    }
    const ok = await put({ 简易: 150.5, 普通: 0.29 });
    expect(ok.status).toBe(200);
    expect((await json(ok)).tiers).toEqual({ 简易: 150.5, 普通: 0.29, 复杂: 400, 重大: 800 });
  });

  it("answers only the assessment office and the coordinator; a clerk learns nothing of any unit's subsidies", async () => {
    for (const token of [w.clerkA, w.clerkB, w.admin]) {
      const r = await statement(token);
      expect(r.status).toBe(403);
      expect(JSON.stringify(r.body)).not.toContain("林志强");
    }
    expect((await call("PUT", "/api/subsidies/tiers?period=2026-Q3", { token: w.coordinator, body: { tiers: { 简易: 1, 普通: 1, 复杂: 1, 重大: 1 } } })).status).toBe(403);
    expect((await statement(w.assessor, "2026-Q5")).status).toBe(422);
  });
});
