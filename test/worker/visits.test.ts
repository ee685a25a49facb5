import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addUnit } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, putVisits, resetMentors, rosterRow, visitRow } from "./mentor-fixtures.ts";

let w: World;
beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
  await addUnit("区司法局", "department");
  await putRoster(w.coordinator, [
    rosterRow(3, "蔡国华", { tier: "金牌", unit: "区司法局", expertise: "征地拆迁", capacity: 5 }),
    rosterRow(4, "庄丽君", { tier: "金牌", unit: "区司法局", expertise: "教育", capacity: 5 }),
    rosterRow(5, "陈美华", { unit: UNIT_A }),
  ]);
});

const stored = async () =>
  (await env.DB.prepare(`SELECT visited_on, mentor_name, town, content, version, updated_at FROM circuit_visits ORDER BY visited_on, mentor_name`).all()).results;

describe("PUT /api/visits (巡回指导记录)", () => {
  it("stores each visit once, and the same sheet pushed again writes nothing", async () => {
    const rows = [visitRow(3, "二〇二六年十月九日", "蔡国华", UNIT_A), visitRow(4, "2026.10.20", "蔡国华、庄丽君", "南埔")];
    const first = await putVisits(w.coordinator, rows);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ counts: { visits: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 }, issues: [], rejectedRows: [] });
    const before = await stored();
    expect(before.map((v: any) => [v.visited_on, v.mentor_name, v.town])).toEqual([
      ["2026-10-09", "蔡国华", UNIT_A], ["2026-10-20", "庄丽君", UNIT_B], ["2026-10-20", "蔡国华", UNIT_B],
    ]);
    const again = await putVisits(w.coordinator, rows);
    expect(again.body.counts).toEqual({ visits: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await stored()).toEqual(before);
    const revisions = await env.DB.prepare(`SELECT count(*) AS n FROM circuit_visit_revisions`).first<{ n: number }>();
    expect(revisions!.n).toBe(0);
  });

  it("keeps the previous version when a visit's 指导内容 changes", async () => {
    await putVisits(w.coordinator, [visitRow(3, "2026-10-09", "蔡国华", UNIT_A, { content: "初稿" })]);
    const r = await putVisits(w.coordinator, [visitRow(3, "2026-10-09", "蔡国华", UNIT_A, { content: "指导调解两起征地纠纷", problems: "台账未及时更新" })]);
    expect(r.body.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await stored()).toEqual([expect.objectContaining({ content: "指导调解两起征地纠纷", version: 2 })]);
    const old = await env.DB.prepare(`SELECT version, content FROM circuit_visit_revisions`).all();
    expect(old.results).toEqual([{ version: 1, content: "初稿" }]);
  });

  it("rejects rows naming an unknown mentor or town or a bad date, with messages at the sheet's cells, and stores the good ones", async () => {
    const r = await putVisits(w.coordinator, [
      visitRow(3, "2026-10-09", "张三", UNIT_A),
      visitRow(4, "2026-10-09", "蔡国华", "东海镇"),
      visitRow(5, "2026年10月32日", "蔡国华", UNIT_A),
      visitRow(6, "2026-10-10", "陈美华", UNIT_A),
      visitRow(7, "2026-10-11", "庄丽君", UNIT_A),
    ], { columns: { date: "B", mentor: "C", town: "D" } });
    expect(r.body.rejectedRows).toEqual([3, 4, 5, 6]);
    expect(r.body.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [3, "C", "unknown_mentor"], [4, "D", "unknown_town"], [5, "B", "invalid_date"], [6, "C", "unknown_mentor"],
    ]);
    // 陈美华 is a star, not a gold mentor: her visit cannot count for the gold mentors' rotation.
    expect(r.body.issues[3].message).toContain("不是名册中在册的金牌调解员");
    expect(r.body.issues[1].message).toContain(`请从以下选择：${UNIT_A}、${UNIT_B}`);
    expect(r.body.counts).toMatchObject({ visits: 1, inserted: 1, rejected: 4 });
    expect((await stored()).map((v: any) => v.mentor_name)).toEqual(["庄丽君"]);
  });

  it("lets only a coordinator push or read visits", async () => {
    expect((await putVisits(w.clerkA, [visitRow(3, "2026-10-09", "蔡国华", UNIT_A)])).status).toBe(403);
    expect((await call("GET", "/api/visits?period=2026-10", { token: w.clerkA })).status).toBe(403);
    expect(await stored()).toEqual([]);
  });

  it("counts a period's visits per town", async () => {
    await putVisits(w.coordinator, [visitRow(3, "2026-09-30", "蔡国华", UNIT_A), visitRow(4, "2026-10-09", "庄丽君", UNIT_A), visitRow(5, "2026-10-19", "蔡国华", UNIT_A)]);
    const r = await json(await call("GET", "/api/visits?period=2026-10", { token: w.coordinator }));
    expect(r.towns).toEqual([{ town: UNIT_A, visits: 2, lastVisitOn: "2026-10-19" }, { town: UNIT_B, visits: 0, lastVisitOn: null }]);
    expect(r.visits.map((v: any) => [v.visitedOn, v.mentor])).toEqual([["2026-10-09", "庄丽君"], ["2026-10-19", "蔡国华"]]);
  });
});

async function compute(period: string) {
  const res = await call("POST", `/api/mentors/assignments?period=${period}`, { token: w.coordinator });
  return json(res);
}
const visitOf = (body: any, town: string) => body.assignments.find((a: any) => a.kind === "visit" && a.target.name === town);

describe("visits that happened feed the next period's rotation", () => {
  it("sends another mentor to a town the chosen one visited last period, and puts the unvisited town first", async () => {
    const planned = visitOf(await compute("2026-11"), UNIT_A).mentor.name;
    await putVisits(w.coordinator, [visitRow(3, "2026-10-15", planned, UNIT_A)]);
    const after = await compute("2026-11");
    const other = planned === "蔡国华" ? "庄丽君" : "蔡国华";
    expect(visitOf(after, UNIT_A).mentor.name).toBe(other);
    expect(visitOf(after, UNIT_B).terms).toContainEqual({ name: "unvisited", value: -20_000 });
    expect(visitOf(after, UNIT_B).reason.zh).toContain("上期（2026年10月）无巡回指导记录，优先安排");
    expect(visitOf(after, UNIT_A).terms.map((t: any) => t.name)).not.toContain("unvisited");
  });
});

describe("the town_not_visited flag", () => {
  const notVisited = async (period: string) => {
    const res = await call("GET", `/api/flags?asOf=2026-11-27&period=${period}&code=town_not_visited`, { token: w.coordinator });
    return (await json(res)).flags.map((f: any) => [f.unit, f.scope, f.severity, f.message.zh]);
  };

  it("is not raised while the district keeps no visit record", async () => {
    expect(await notVisited("2026-10")).toEqual([]);
  });

  it("names each town with no visit in the period and goes away once one is recorded", async () => {
    await putVisits(w.coordinator, [visitRow(3, "2026-09-20", "蔡国华", UNIT_B), visitRow(4, "2026-10-09", "蔡国华", UNIT_A)]);
    expect(await notVisited("2026-10")).toEqual([
      [UNIT_B, "unit", "medium", "2026-10 尚无金牌调解员巡回指导记录（上次到访：2026-09-20）；请安排导师到访，并在巡回指导记录中登记后推送"],
    ]);
    await putVisits(w.coordinator, [visitRow(5, "2026-10-28", "庄丽君", UNIT_B)]);
    expect(await notVisited("2026-10")).toEqual([]);
  });

  it("is not shown to a clerk for another unit", async () => {
    await putVisits(w.coordinator, [visitRow(3, "2026-10-09", "蔡国华", UNIT_A)]);
    const res = await call("GET", `/api/flags?asOf=2026-11-27&period=2026-10&code=town_not_visited`, { token: w.clerkA });
    expect((await json(res)).flags).toEqual([]);
  });
});
