import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addUnit } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, resetMentors, rosterRow } from "./mentor-fixtures.ts";

let w: World;
beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
  await addUnit("区司法局", "department");
});

async function roster(token: string, query = "") {
  const res = await call("GET", `/api/roster${query}`, { token });
  return { status: res.status, body: await json(res) };
}

describe("PUT /api/roster", () => {
  it("reads the cells like the sheet reader and stores normalised mediators", async () => {
    const r = await putRoster(w.coordinator, [
      rosterRow(3, "蔡国华", { tier: "金牌", unit: "区司法局", expertise: "征地拆迁、劳动争议", capacity: "6", background: "法官", phone: "13905951001" }),
      rosterRow(4, "陈美华", { expertise: "物业纠纷", active: "√" }),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, deactivated: 0, rejected: 0 });
    const list = await roster(w.coordinator);
    expect(list.body.mediators.map((m: any) => [m.name, m.unit, m.tier, m.background, m.expertise, m.capacity, m.active, m.phone, m.version])).toEqual([
      ["陈美华", UNIT_A, "星牌调解员", "律师", ["物业纠纷"], 3, true, null, 1],
      ["蔡国华", "区司法局", "金牌调解员", "退休法官", ["征地拆迁", "劳动人事争议"], 6, true, "13905951001", 1],
    ]);
  });

  it("writes nothing for an unchanged mediator and bumps the version of a changed one", async () => {
    const rows = [rosterRow(3, "陈美华"), rosterRow(4, "林志强", { unit: UNIT_B })];
    await putRoster(w.coordinator, rows);
    const again = await putRoster(w.coordinator, rows);
    expect(again.body.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    const before = await env.DB.prepare(`SELECT name, version, updated_at FROM mediators ORDER BY name`).all();
    const changed = await putRoster(w.coordinator, [rosterRow(3, "陈美华", { capacity: 5 }), rows[1]]);
    expect(changed.body.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const after = (await roster(w.coordinator)).body.mediators;
    const chen = after.find((m: any) => m.name === "陈美华");
    expect(chen).toMatchObject({ capacity: 5, version: 2 });
    expect(chen.updatedAt).not.toBeNull();
    expect(after.find((m: any) => m.name === "林志强").version).toBe(1);
    expect(before.results).toHaveLength(2);
  });

  it("rejects bad cells with an issue per cell at the sheet's column letters and stores the good rows", async () => {
    const r = await putRoster(w.coordinator, [
      rosterRow(3, "甲", { tier: "铜牌" }),
      rosterRow(4, "乙", { unit: "火星镇" }),
      rosterRow(5, "丙", { capacity: "很多", expertise: "征地拆迁、炒股" }),
      rosterRow(6, "丁"),
      rosterRow(7, "丁"),
    ], { columns: { name: "B", tier: "C", unit: "E", expertise: "F", capacity: "G" } });
    expect(r.status).toBe(200);
    expect(r.body.rejectedRows).toEqual([3, 4, 5, 7]);
    expect(r.body.counts).toMatchObject({ inserted: 1, rejected: 4 });
    expect(r.body.issues.map((i: any) => [i.row, i.column, i.key, i.code])).toEqual([
      [3, "C", "tier", "invalid_choice"],
      [4, "E", "unit", "unknown_unit"],
      [5, "G", "capacity", "invalid_number"],
      [5, "F", "expertise", "invalid_choice"],
      [7, "B", "name", "duplicate_case_no"],
    ]);
    expect(r.body.issues[0].message).toContain("金牌调解员");
    expect(r.body.issues[1].message).toContain("火星镇");
    expect(r.body.issues[4].message).toContain("第 6 行");
    expect((await roster(w.coordinator)).body.mediators.map((m: any) => m.name)).toEqual(["丁"]);
  });

  it("makes mediators missing from a whole roster inactive, but not those on rejected rows or in a partial push", async () => {
    await putRoster(w.coordinator, [rosterRow(3, "甲"), rosterRow(4, "乙"), rosterRow(5, "丙", { unit: UNIT_B })]);
    const partial = await putRoster(w.coordinator, [rosterRow(3, "甲")], { wholeRoster: false });
    expect(partial.body.counts.deactivated).toBe(0);
    const whole = await putRoster(w.coordinator, [rosterRow(3, "甲"), rosterRow(4, "乙", { tier: "铜牌" })]);
    expect(whole.body.deactivated).toEqual([{ name: "丙", unit: UNIT_B }]);
    const list = (await roster(w.coordinator)).body.mediators;
    expect(list.map((m: any) => [m.name, m.active])).toEqual([["乙", true], ["甲", true], ["丙", false]]);
  });

  it("lets a clerk push only their own unit's mediators, defaulting the unit", async () => {
    await putRoster(w.coordinator, [rosterRow(3, "南埔人", { unit: UNIT_B })]);
    const r = await putRoster(w.clerkA, [rosterRow(3, "甲", { unit: null }), rosterRow(4, "乙", { unit: UNIT_B })]);
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe(UNIT_A);
    expect(r.body.rejectedRows).toEqual([4]);
    expect(r.body.issues[0]).toMatchObject({ key: "unit", code: "unknown_unit" });
    expect(r.body.issues[0].message).toContain(`本单位（${UNIT_A}）`);
    expect(r.body.counts.deactivated).toBe(0);
    expect((await roster(w.clerkA)).body.mediators.map((m: any) => [m.name, m.unit])).toEqual([["甲", UNIT_A]]);
    expect((await roster(w.clerkA, `?unit=${UNIT_B}`)).status).toBe(403);
    expect((await roster(w.coordinator)).body.mediators).toHaveLength(2);
  });

  it("refuses assessors and admins, and requests of the wrong shape, in the one error shape", async () => {
    for (const token of [w.assessor, w.admin]) {
      const r = await putRoster(token, [rosterRow(3, "甲")]);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    const bad = await putRoster(w.coordinator, [{ row: 3, values: { name: "甲", salary: 100 } }]);
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("invalid_request");
    expect((await call("PUT", "/api/roster", { body: { rows: [] } })).status).toBe(401);
  });

  it("feeds push validation: a case's mediator missing from the roster is warned about", async () => {
    await putRoster(w.coordinator, [rosterRow(3, "李四")]);
    const { chunkBody, newKey, newPushId, pushChunk, sheetRow } = await import("./helpers.ts");
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(5, "SY-1"), sheetRow(6, "SY-2", { mediator: "王某" })]));
    const body = await json(res);
    expect(body.issues.map((i: any) => [i.row, i.code])).toEqual([[6, "unknown_mediator"]]);
  });
});
