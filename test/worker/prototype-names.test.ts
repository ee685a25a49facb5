/**
 * Names people choose that are also the names of a JavaScript object's own machinery (`constructor`, `__proto__`,
 * `toString` …). Wherever such a name is a key — a 片区, a unit, a stage, a mediator, a respondent agency — the Worker
 * must treat it as the text it is: kept and answered when it is a name a person may choose, refused with its name when
 * the key must be one of a fixed list, never a 500 and never a setting quietly lost.
 */
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { loadTimeLimits } from "../../worker/db/assessment.ts";
import { listLimitSettingVersions } from "../../worker/db/limit-settings.ts";
import { addUnit, resetAll, row, storeCases, unitId } from "./assessment-fixtures.ts";
import { call, json, makeWorld, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, rosterRow } from "./mentor-fixtures.ts";

/** An object's built-in names, `__proto__` apart (it is tested on its own: JSON cannot carry it as a key). */
const BUILT_INS = ["constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "toLocaleString"];
const ALL = [...BUILT_INS, "__proto__"];

let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

const get = async (token: string, path: string) => {
  const res = await call("GET", path, { token });
  return { status: res.status, body: await json(res) };
};
/** The body as text, so a key "__proto__" reaches the server as an own key exactly as a client would send it. */
const putRaw = async (token: string, path: string, body: string) => {
  const res = await call("PUT", path, { token, rawBody: body });
  return { status: res.status, body: await json(res) };
};
const zonesText = (pairs: [string, string[]][]) => `{"zones":{${pairs.map(([z, units]) => `${JSON.stringify(z)}:${JSON.stringify(units)}`).join(",")}}}`;

describe("片区 named like an object's built-ins", () => {
  it("keeps a zone named constructor, toString, valueOf … and ranks and counts its towns like any other zone", async () => {
    for (const name of BUILT_INS) {
      const put = await putRaw(w.coordinator, "/api/zones", zonesText([[name, [UNIT_A]], ["北片", [UNIT_B]]]));
      expect(put.status, name).toBe(200);
      expect(Object.entries(put.body.zones), name).toEqual(expect.arrayContaining([[name, [UNIT_A]], ["北片", [UNIT_B]]]));

      const zones = await get(w.assessor, "/api/zones");
      expect(zones.status, name).toBe(200);
      expect(Object.keys(zones.body.zones).sort(), name).toEqual([name, "北片"].sort());
      expect(zones.body.zones[name], name).toEqual([UNIT_A]);

      const competition = await get(w.coordinator, "/api/competition?period=2026-Q3&asOf=2026-10-01");
      expect(competition.status, name).toBe(200);
      const zone = competition.body.zones.find((z: { zone: string }) => z.zone === name);
      expect(zone.units.map((u: { unit: string }) => u.unit), name).toEqual([UNIT_A]);
      expect(competition.body.unzoned, name).toEqual([]);

      const stats = await get(w.coordinator, `/api/stats?period=2026-05&group=zone:${name}`);
      expect(stats.status, name).toBe(200);
      expect(stats.body.group, name).toEqual({ kind: "zone", name });
      expect(stats.body.units, name).toEqual([UNIT_A]);
    }
  });

  it("keeps whatever zone names are put, built-in names among them, exactly as put (trimmed), and ranks each zone's town (property)", async () => {
    const towns = [UNIT_A, UNIT_B, "涂岭镇", "峰尾镇"];
    for (const t of towns.slice(2)) await addUnit(t, "town");
    const name = fc.oneof(fc.constantFrom(...BUILT_INS), fc.string({ minLength: 1, maxLength: 12 }))
      .filter((s) => s.trim() !== "" && s.trim() !== "__proto__");
    await fc.assert(fc.asyncProperty(fc.uniqueArray(name, { minLength: 1, maxLength: towns.length, selector: (s) => s.trim() }), async (names) => {
      const pairs = names.map((n, i): [string, string[]] => [n, [towns[i]]]);
      const put = await putRaw(w.coordinator, "/api/zones", zonesText(pairs));
      expect(put.status).toBe(200);
      const expected = pairs.map(([n, units]) => [n.trim(), units]).sort();
      expect(Object.entries((await get(w.assessor, "/api/zones")).body.zones).sort()).toEqual(expected);
      const competition = await get(w.coordinator, "/api/competition?period=2026-Q3&asOf=2026-10-01");
      expect(competition.status).toBe(200);
      expect(competition.body.zones.map((z: { zone: string; units: { unit: string }[] }) => [z.zone, z.units.map((u) => u.unit)]).sort()).toEqual(expected);
    }), { numRuns: 15 });
  });

  it("refuses a zone named __proto__ (also with spaces around it), saying so, and keeps the zones in force", async () => {
    expect((await putRaw(w.coordinator, "/api/zones", zonesText([["北片", [UNIT_B]]]))).status).toBe(200);
    for (const name of ["__proto__", " __proto__ "]) {
      const put = await putRaw(w.coordinator, "/api/zones", zonesText([[name, [UNIT_A]], ["南片", [UNIT_B]]]));
      expect(put.status, name).toBe(422);
      expect(put.body.error.message).toContain("片区名称不能是“__proto__”");
      expect(put.body.error.message).toContain("choose another name");
      expect(put.body.error.details.issues[0].path).toBe(`zones.${name}`);
    }
    expect((await get(w.assessor, "/api/zones")).body).toEqual({ zones: { 北片: [UNIT_B] } });
  });

  it("answers a 片区 asked for by such a name that does not exist with 404 naming the zones there, never 500", async () => {
    for (const name of ALL) {
      const none = await get(w.coordinator, `/api/stats?period=2026-05&group=zone:${name}`);
      expect(none.status, name).toBe(404);
      expect(none.body.error.message, name).toContain(`没有片区“${name}”`);
    }
    expect((await putRaw(w.coordinator, "/api/zones", zonesText([["北片", [UNIT_B]]]))).status).toBe(200);
    for (const name of ALL) {
      const missing = await get(w.coordinator, `/api/stats?period=2026-05&group=zone:${name}`);
      expect(missing.status, name).toBe(404);
      expect(missing.body.error.message, name).toContain("已有片区 zones: 北片");
    }
  });

  it("reads zones already stored under such names, __proto__ included: /api/zones, the competition and the statistics answer", async () => {
    const [a, b] = [await unitId(UNIT_A), await unitId(UNIT_B)];
    await env.DB.batch([
      env.DB.prepare(`INSERT INTO zones (unit_id, zone, updated_at) VALUES (?, 'constructor', '2026-05-01T00:00:00Z')`).bind(a),
      env.DB.prepare(`INSERT INTO zones (unit_id, zone, updated_at) VALUES (?, '__proto__', '2026-05-01T00:00:00Z')`).bind(b),
    ]);
    const zones = await get(w.assessor, "/api/zones");
    expect(zones.status).toBe(200);
    expect(Object.entries(zones.body.zones)).toEqual([["__proto__", [UNIT_B]], ["constructor", [UNIT_A]]]);

    const competition = await get(w.coordinator, "/api/competition?period=2026-Q3&asOf=2026-10-01");
    expect(competition.status).toBe(200);
    expect(competition.body.zones.map((z: { zone: string; units: { unit: string }[] }) => [z.zone, z.units.map((u) => u.unit)]).sort())
      .toEqual([["__proto__", [UNIT_B]], ["constructor", [UNIT_A]]]);

    for (const [zone, unit] of [["__proto__", UNIT_B], ["constructor", UNIT_A]]) {
      const stats = await get(w.coordinator, `/api/stats?period=2026-05&group=zone:${zone}`);
      expect(stats.status, zone).toBe(200);
      expect(stats.body.units, zone).toEqual([unit]);
    }
  });
});

describe("time limits keyed by stage and mediation type", () => {
  const settings = (byStage: string, byMediationType = "{}") =>
    `{"settings":{"timeLimits":{"byStage":${byStage},"byMediationType":${byMediationType},"fallback":30},"flags":{"dueSoonDays":5,"confirmationWindowDays":30,"confirmationWarnDays":7,"repeatWithinMonths":12,"staleAfterDays":60,"notPushedDays":30,"minLedgerQuality":0.9,"transferReceiptDays":3}}}`;

  it("refuses {\"byStage\":{\"__proto__\":5}} and every such key as an unknown stage or type, naming it, and keeps the limits in force", async () => {
    const before = await loadTimeLimits(env.DB);
    for (const key of ALL) {
      const stage = await putRaw(w.coordinator, "/api/settings/limits", settings(`{${JSON.stringify(key)}:5,"诉前":20}`));
      expect(stage.status, key).toBe(422);
      expect(stage.body.error.message, key).toContain(`未知的阶段“${key}”`);
      expect(stage.body.error.details.issues[0].path, key).toBe(`settings.timeLimits.byStage.${key}`);

      const type = await putRaw(w.coordinator, "/api/settings/limits", settings("{}", `{${JSON.stringify(key)}:5}`));
      expect(type.status, key).toBe(422);
      expect(type.body.error.message, key).toContain(`未知的调解类型“${key}”`);
    }
    expect(await listLimitSettingVersions(env.DB)).toEqual([]);
    expect(await loadTimeLimits(env.DB)).toEqual(before);
    expect((await get(w.coordinator, "/api/settings/limits")).body.current.timeLimits.byStage).toEqual({ 行政复议: 60, 诉前: 30 });
  });

  it("reads a stored version holding such keys as if they were not there: the known stages keep their days", async () => {
    const stored = JSON.parse(settings(`{"__proto__":5,"constructor":6,"toString":7,"诉前":20}`, `{"valueOf":8,"人民调解":25}`)).settings;
    await env.DB.prepare(`INSERT INTO limit_settings (version, settings, token_id, created_at) VALUES (1, ?, NULL, '2026-05-01T00:00:00Z')`)
      .bind(JSON.stringify(stored)).run();
    const res = await get(w.coordinator, "/api/settings/limits");
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.current.timeLimits).toEqual({ byStage: { 诉前: 20 }, byMediationType: { 人民调解: 25 }, fallback: 30 });
    expect((await get(w.coordinator, "/api/flags?period=2026-05")).status).toBe(200);
  });
});

describe("assessment weights", () => {
  it("refuses an indicator named __proto__, naming it, instead of saving the other weights without it", async () => {
    const before = await get(w.assessor, "/api/rankings/weights?period=2026-Q3");
    const res = await putRaw(w.assessor, "/api/rankings/weights?period=2026-Q3", `{"weights":{"__proto__":50,"success":30}}`);
    expect(res.status).toBe(422);
    expect(res.body.error.message).toContain("__proto__");
    expect(await get(w.assessor, "/api/rankings/weights?period=2026-Q3")).toEqual(before);
  });
});

describe("units, mediators and respondent agencies named like an object's built-ins", () => {
  it("ranks, counts, zones and reports them like any other name", async () => {
    for (const name of ALL) await addUnit(name, "town");
    await storeCases(ALL.flatMap((name) => [
      row(name, { receivedOn: "2026-07-01", status: "调解成功", closedOn: "2026-07-20", respondent: name, mediator: name }),
      row(name, { receivedOn: "2026-07-02", respondent: name, mediator: name }),
    ]));
    expect((await putRoster(w.coordinator, ALL.map((name, i) => rosterRow(i + 2, name, { unit: name })))).status).toBe(200);

    const rankings = await get(w.assessor, "/api/rankings?period=2026-Q3&asOf=2026-10-01");
    expect(rankings.status).toBe(200);
    for (const name of ALL) expect(rankings.body.units.find((u: { unit: string }) => u.unit === name)?.indicators.success, name).toMatchObject({ num: 1, den: 1 });

    expect((await putRaw(w.coordinator, "/api/zones", zonesText([["北片", ALL]]))).status).toBe(200);
    expect((await get(w.assessor, "/api/zones")).body.zones.北片.sort()).toEqual([...ALL].sort());
    const competition = await get(w.coordinator, "/api/competition?period=2026-Q3&asOf=2026-10-01");
    expect(competition.status).toBe(200);
    expect(competition.body.zones[0].units.map((u: { unit: string }) => u.unit).sort()).toEqual([...ALL].sort());

    const stats = await get(w.coordinator, "/api/stats?period=2026-Q3");
    expect(stats.status).toBe(200);
    const { domainByUnit, respondentByDomain } = stats.body.tables;
    for (const name of ALL) {
      expect(domainByUnit.colTotals[domainByUnit.cols.indexOf(name)], name).toBe(2);
      expect(respondentByDomain.rowTotals[respondentByDomain.rows.indexOf(name)], name).toBe(2);
    }

    const digest = await get(w.coordinator, "/api/digest?period=2026-Q3&asOf=2026-10-01");
    expect(digest.status).toBe(200);
    expect(digest.body.respondents.agencies).toBe(ALL.length);

    const mediators = await get(w.coordinator, "/api/mediators/results?period=2026-Q3&asOf=2026-10-01");
    expect(mediators.status).toBe(200);
    for (const name of ALL) {
      expect(mediators.body.mediators.find((m: { name: string }) => m.name === name), name).toMatchObject({ unit: name, cases: 2, concluded: 1 });
    }
  });
});

describe("routes that take a unit's or a case's name", () => {
  const paths = (name: string) => [
    `/api/cases?unit=${name}`, `/api/cases/${name}/${name}`, `/api/cases/${name}/${name}/revisions`, `/api/assessments/${name}?period=2026-Q3`,
    `/api/flags?unit=${name}`, `/api/rankings/drilldown?unit=${name}&period=2026-Q3`,
  ];

  it("answer such a name that is no unit with 404 naming it, and one that is a unit with its data", async () => {
    for (const name of ALL) {
      for (const path of paths(name)) {
        const res = await get(w.coordinator, path);
        expect(res.status, path).toBe(404);
        expect(res.body.error.message, path).toContain(name);
      }
      const court = await get(w.court, `/api/court/cases/${name}/${name}`);
      expect(court.status, name).toBe(404);
    }
    for (const name of ALL) await addUnit(name, "town");
    await storeCases(ALL.map((name) => row(name, { caseNo: name, receivedOn: "2026-07-01", source: "法院委派（诉前）" })));
    for (const name of ALL) {
      for (const path of paths(name)) expect((await get(w.coordinator, path)).status, path).toBe(200);
      const court = await get(w.court, `/api/court/cases/${name}/${name}`);
      expect(court.status, name).toBe(200);
      expect(court.body, name).toMatchObject({ unit: name, caseNo: name });
    }
  });
});
