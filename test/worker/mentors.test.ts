import { beforeEach, describe, expect, it } from "vitest";
import { addUnit, row, storeCases } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, resetMentors, rosterRow } from "./mentor-fixtures.ts";

let w: World;
beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
  for (const d of ["区司法局", "区自然资源局", "区人社局"]) await addUnit(d, "department");
  await putRoster(w.coordinator, [
    rosterRow(3, "蔡国华", { tier: "金牌", unit: "区司法局", expertise: "征地拆迁、劳动人事争议", capacity: 6 }),
    rosterRow(4, "许明辉", { tier: "金牌", unit: "区自然资源局", expertise: "征地拆迁", capacity: 4 }),
    rosterRow(5, "陈美华", { unit: UNIT_A, expertise: "" }),
    rosterRow(6, "林志强", { unit: UNIT_B, expertise: "" }),
    rosterRow(7, "退休者", { tier: "金牌", unit: "区司法局", active: "否" }),
  ]);
  await storeCases([
    // Against 区自然资源局: 许明辉 works there (conflict of interest), so only 蔡国华 may take it.
    row(UNIT_A, { caseNo: "A-C1", complexity: "复杂", domain: "征地拆迁", respondent: "区自然资源局", receivedOn: "2026-06-20", mediator: "陈美华" }),
    row(UNIT_B, { caseNo: "B-C2", complexity: "重大", domain: "劳动人事争议", respondent: "区人社局", receivedOn: "2026-06-01", mediator: "林志强" }),
    row(UNIT_A, { caseNo: "A-NODOMAIN", complexity: "复杂", domain: null, receivedOn: "2026-06-25", mediator: "陈美华" }),
    row(UNIT_A, { caseNo: "A-LATER", complexity: "复杂", domain: "征地拆迁", receivedOn: "2026-07-02" }),
    row(UNIT_A, { caseNo: "A-S1", status: "调解成功", closedOn: "2026-05-10", receivedOn: "2026-05-01", mediator: "陈美华" }),
    row(UNIT_A, { caseNo: "A-F1", status: "调解不成", closedOn: "2026-05-12", receivedOn: "2026-05-01", mediator: "陈美华" }),
    row(UNIT_A, { caseNo: "A-F2", status: "调解不成", closedOn: "2026-05-13", receivedOn: "2026-05-01", mediator: "陈美华" }),
    row(UNIT_B, { caseNo: "B-S1", status: "调解成功", closedOn: "2026-05-10", receivedOn: "2026-05-01", mediator: "林志强" }),
  ]);
});

async function compute(token: string, period: string) {
  const res = await call("POST", `/api/mentors/assignments?period=${period}`, { token });
  return { status: res.status, body: await json(res) };
}
async function read(token: string, period: string) {
  const res = await call("GET", `/api/mentors/assignments?period=${period}`, { token });
  return { status: res.status, body: await json(res) };
}
const lines = (b: any) => b.assignments.map((a: any) => [a.kind, a.target.name, a.mentor.name]);

describe("mentor assignments", () => {
  it("computes a period from the roster and the ledgers: experts on complex cases, a visit per town, pairings for stars", async () => {
    const r = await compute(w.coordinator, "2026-Q2");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ period: "2026-Q2", asOf: "2026-06-30", scope: null });
    const cases = r.body.assignments.filter((a: any) => a.kind === "case");
    expect(cases.map((a: any) => [a.target.unit, a.target.caseNo, a.mentor.name])).toEqual([
      [UNIT_B, "B-C2", "蔡国华"],
      [UNIT_A, "A-C1", "蔡国华"],
    ].sort((x, y) => `${x[0]}/${x[1]}` < `${y[0]}/${y[1]}` ? -1 : 1));
    const a1 = cases.find((a: any) => a.target.caseNo === "A-C1");
    expect(a1.reason.zh).toContain("领域匹配：征地拆迁");
    expect(a1.reason.en).toContain("Domain match");
    const visited = r.body.assignments.filter((a: any) => a.kind === "visit").map((a: any) => a.target.name);
    expect(new Set(visited)).toEqual(new Set([UNIT_A, UNIT_B]));
    const pairings = r.body.assignments.filter((a: any) => a.kind === "pairing");
    // 陈美华 closed 1 of 3 successfully: a struggling star, she gets a team of two gold mentors (多带一).
    expect(pairings.map((a: any) => a.target.name).sort()).toEqual(["林志强", "陈美华", "陈美华"].sort());
    const team = pairings.filter((a: any) => a.target.name === "陈美华");
    expect(team.map((a: any) => a.slot)).toEqual([1, 2]);
    expect(new Set(team.map((a: any) => a.mentor.name)).size).toBe(2);
    expect(team[1].reason.zh).toContain("团队帮带（多带一）");
    // Her reason names the weak rate.
    expect(team[0].reason.zh).toContain("33%");
    // Neither the inactive gold mediator nor a case received after the period is used.
    expect(r.body.assignments.some((a: any) => a.mentor.name === "退休者")).toBe(false);
    expect(JSON.stringify(r.body)).not.toContain("A-LATER");
    expect(r.body.unassigned.map((u: any) => [u.kind, u.target.caseNo])).toEqual([["case", "A-NODOMAIN"]]);
    expect(r.body.unassigned[0].reason.zh).toContain("未填写纠纷领域");
  });

  it("stores the computation and replaces it when the coordinator computes the period again", async () => {
    const first = await compute(w.coordinator, "2026-Q2");
    const second = await compute(w.coordinator, "2026-Q2");
    const stored = await read(w.coordinator, "2026-Q2");
    expect(stored.status).toBe(200);
    expect(lines(stored.body)).toEqual(lines(first.body));
    expect(stored.body.assignments).toHaveLength(first.body.assignments.length);
    expect(stored.body.computedAt).toBe(second.body.computedAt);
  });

  it("keeps earlier periods and keeps a case with its mentor from one period to the next", async () => {
    await compute(w.coordinator, "2026-Q2");
    const q3 = await compute(w.coordinator, "2026-Q3");
    expect((await read(w.coordinator, "2026-Q2")).status).toBe(200);
    const a1 = q3.body.assignments.find((a: any) => a.target.caseNo === "A-C1");
    expect(a1.mentor.name).toBe("蔡国华");
    expect(a1.terms.map((t: any) => t.name)).toContain("stability");
    expect(a1.reason.zh).toContain("延续");
  });

  it("shows a clerk only their unit's cases, visits to their unit, its star mediators and mentors working there", async () => {
    await compute(w.coordinator, "2026-Q2");
    const all = await read(w.coordinator, "2026-Q2");
    const a = await read(w.clerkA, "2026-Q2");
    expect(a.status).toBe(200);
    expect(a.body.scope).toBe(UNIT_A);
    expect(a.body.assignments.length).toBeGreaterThan(0);
    for (const x of a.body.assignments) expect(x.target.unit === UNIT_A || x.mentor.unit === UNIT_A).toBe(true);
    expect(a.body.assignments.length).toBe(all.body.assignments.filter((x: any) => x.target.unit === UNIT_A).length);
    expect(JSON.stringify(a.body)).not.toContain("B-C2");
    expect(JSON.stringify(a.body)).not.toContain("林志强");
    expect(a.body.unassigned.map((u: any) => u.target.caseNo)).toEqual(["A-NODOMAIN"]);
    const b = await read(w.clerkB, "2026-Q2");
    expect(b.body.unassigned).toEqual([]);
  });

  it("lets only a coordinator compute, and says when a period was not computed or is written wrongly", async () => {
    for (const token of [w.clerkA, w.assessor, w.admin]) {
      const r = await compute(token, "2026-Q2");
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect((await read(w.assessor, "2026-Q2")).status).toBe(403);
    const missing = await read(w.clerkA, "2026-Q1");
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toContain("尚未计算");
    const bad = await compute(w.coordinator, "2026Q7");
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain("2026-Q2");
  });

  it("reports every complex case unassigned, with the cause, when no gold mentor is available", async () => {
    await putRoster(w.coordinator, [rosterRow(5, "陈美华", { unit: UNIT_A, expertise: "" })]);
    const r = await compute(w.coordinator, "2026-Q2");
    expect(r.body.assignments).toEqual([]);
    const kinds = r.body.unassigned.map((u: any) => [u.kind, u.target.name]);
    expect(kinds).toEqual(expect.arrayContaining([["case", "A-C1"], ["case", "B-C2"], ["visit", UNIT_A], ["visit", UNIT_B], ["pairing", "陈美华"]]));
    expect(r.body.unassigned.find((u: any) => u.target.name === "A-C1").reason.zh.length).toBeGreaterThan(4);
  });

  it("stops flagging a complex case as without a mentor once an assignment gives it one", async () => {
    const complexWithout = async () => {
      const res = await call("GET", `/api/flags?unit=${UNIT_A}&code=complex_without_mentor`, { token: w.coordinator });
      const body = await json(res);
      expect(body.flags, JSON.stringify(body)).toBeDefined();
      return (body.flags as any[]).map((f) => f.caseNo).sort();
    };
    expect(await complexWithout()).toContain("A-C1");
    expect((await compute(w.coordinator, "2026-Q2")).status).toBe(200);
    expect(await complexWithout()).not.toContain("A-C1");
  });
});
