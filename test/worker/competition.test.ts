import { beforeEach, describe, expect, it } from "vitest";
import { addUnit, resetAll, row, storeCases } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
  for (const t of ["涂岭镇", "峰尾镇"]) await addUnit(t, "town");
  await addUnit("区人社局", "department");
  const cases = (unit: string, successes: number, failures: number) => [
    ...Array.from({ length: successes }, () => row(unit, { status: "调解成功", closedOn: "2026-07-20", receivedOn: "2026-07-01" })),
    ...Array.from({ length: failures }, () => row(unit, { status: "调解不成", closedOn: "2026-07-20", receivedOn: "2026-07-01" })),
  ];
  // District order by success: 涂岭镇 (20/20) > 山腰街道 (18/20) > 南埔镇 (10/20) > 峰尾镇 (5/20).
  await storeCases([...cases("涂岭镇", 20, 0), ...cases(UNIT_A, 18, 2), ...cases(UNIT_B, 10, 10), ...cases("峰尾镇", 5, 15)]);
});

const putZones = (token: string, zones: Record<string, string[]>) => call("PUT", "/api/zones", { token, body: { zones } });

describe("片区 competitions", () => {
  it("ranks towns inside each zone beside their district rank, with the district ranking and the towns in no zone", async () => {
    expect((await putZones(w.assessor, { 北片: ["涂岭镇", "峰尾镇"], 南片: [UNIT_A] })).status).toBe(200);
    const res = await call("GET", "/api/competition?period=2026-Q3&asOf=2026-10-01", { token: w.coordinator });
    expect(res.status).toBe(200);
    const body = await json(res);
    const zone = (z: string) => body.zones.find((x: any) => x.zone === z).units.map((u: any) => [u.unit, u.zoneRank, u.districtRank]);
    expect(zone("北片")).toEqual([["涂岭镇", 1, 1], ["峰尾镇", 2, 4]]);
    expect(zone("南片")).toEqual([[UNIT_A, 1, 2]]);
    expect(body.unzoned).toEqual([UNIT_B]);
    expect(body.district.map((u: any) => u.unit)).toEqual(["涂岭镇", UNIT_A, UNIT_B, "峰尾镇"]);
    // Departments are not towns: never in a zone competition.
    expect(JSON.stringify(body.zones)).not.toContain("区人社局");
  });

  it("refuses a zone naming an unknown unit, a department, or a town in two zones, saying which, and keeps the zones in force", async () => {
    await putZones(w.assessor, { 北片: ["涂岭镇"] });
    const cases: [Record<string, string[]>, string][] = [
      [{ 北片: ["涂岭真"] }, "“涂岭真”不是已配置的镇（街道）"],
      [{ 北片: ["区人社局"] }, "“区人社局”不是已配置的镇（街道）"],
      [{ 北片: ["涂岭镇"], 南片: ["涂岭镇"] }, "“涂岭镇”同时在片区“北片”和“南片”中"],
    ];
    for (const [zones, says] of cases) {
      const res = await putZones(w.coordinator, zones);
      expect(res.status).toBe(422);
      expect((await json(res)).error.message).toContain(says);
    }
    expect(await json(await call("GET", "/api/zones", { token: w.assessor }))).toEqual({ zones: { 北片: ["涂岭镇"] } });
  });

  it("answers only the assessment office and the coordinator", async () => {
    expect((await putZones(w.clerkA, { 北片: [UNIT_A] })).status).toBe(403);
    expect((await call("GET", "/api/competition?period=2026-Q3", { token: w.clerkB })).status).toBe(403);
    expect((await call("GET", "/api/zones", { token: w.admin })).status).toBe(403);
  });
});
