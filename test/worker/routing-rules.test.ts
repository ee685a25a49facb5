import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { toRoutingRules } from "../../ledger/api/routing.ts";
import { DEFAULT_DOMAIN_DEPARTMENTS } from "../../ledger/routing/default-departments.ts";
import { suggestRoutes } from "../../ledger/routing/suggest.ts";
import { ADMIN_TOKEN, UNIT_A, UNIT_B, call, json, makeWorld, resetDb, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
  for (const [name, kind] of [["涂岭镇", "town"], ["区人社局", "department"], ["区住建局", "department"], ["区调解中心", "centre"]]) {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name, kind } });
    expect(res.status).toBe(201);
  }
});

const domainRow = (row: number, domain: unknown, department: unknown) => ({ row, values: { domain, department } });
const placeRow = (row: number, village: unknown, town: unknown) => ({ row, values: { village, town } });

async function rules(token: string) {
  const res = await call("GET", "/api/routing/rules", { token });
  return { status: res.status, body: await json(res) };
}
async function putSheet(token: string, kind: "domains" | "places", rows: unknown[], over: Record<string, unknown> = {}) {
  const res = await call("PUT", `/api/routing/${kind}`, { token, body: { rows, ...over } });
  return { status: res.status, body: await json(res) };
}
const storedSheets = async () => (await env.DB.prepare(`SELECT kind, version, rule_count FROM routing_sheets ORDER BY kind, version`).all()).results;

describe("the routing rules in force", () => {
  it("are DOMAIN §6's default map and the configured units until the coordinator pushes a sheet", async () => {
    const r = await rules(w.coordinator);
    expect(r.status).toBe(200);
    expect(r.body.towns).toEqual([UNIT_A, UNIT_B, "涂岭镇"]);
    expect(r.body.departments).toEqual(["区人社局", "区住建局"]);
    expect(r.body.centres).toEqual(["区调解中心"]);
    expect(r.body.domains).toEqual({ source: "default", version: null, pushedAt: null, map: DEFAULT_DOMAIN_DEPARTMENTS });
    expect(r.body.places).toEqual({ version: null, pushedAt: null, villages: [] });
  });

  it("are the coordinator's only: a clerk, an assessor and the admin get 403 in the one error shape", async () => {
    for (const token of [w.clerkA, w.assessor, w.admin]) {
      const r = await rules(token);
      expect(r.status).toBe(403);
      expect(Object.keys(r.body)).toEqual(["error"]);
      expect(r.body.error.code).toBe("forbidden");
    }
  });
});

describe("pushing a rule sheet", () => {
  it("stores a domain sheet as version 1, replaces the default whole, and keeps version 1 when version 2 comes", async () => {
    const first = await putSheet(w.coordinator, "domains", [domainRow(2, "劳动争议", "区人社局"), domainRow(3, "物业纠纷、拆迁", "区住建局")]);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ kind: "domains", stored: true, changed: true, version: 1, rows: 2, rules: 3, issues: [] });
    const r1 = (await rules(w.coordinator)).body.domains;
    expect(r1).toMatchObject({ source: "sheet", version: 1, map: { 劳动人事争议: "区人社局", 物业纠纷: "区住建局", 征地拆迁: "区住建局" } });
    expect(r1.map.教育).toBeUndefined();

    const second = await putSheet(w.coordinator, "domains", [domainRow(2, "劳动人事争议", "区人社局")]);
    expect(second.body).toMatchObject({ stored: true, changed: true, version: 2, rules: 1 });
    expect((await rules(w.coordinator)).body.domains.map).toEqual({ 劳动人事争议: "区人社局" });
    expect(await storedSheets()).toEqual([
      { kind: "domains", version: 1, rule_count: 3 },
      { kind: "domains", version: 2, rule_count: 1 },
    ]);
  });

  it("writes no new version when the sheet equals the one in force", async () => {
    const rows = [placeRow(2, "樟脚村、樟脚新村", "涂岭镇")];
    await putSheet(w.coordinator, "places", rows);
    const again = await putSheet(w.coordinator, "places", rows);
    expect(again.body).toMatchObject({ stored: true, changed: false, version: 1 });
    expect(await storedSheets()).toHaveLength(1);
  });

  it("refuses a sheet with bad rows, names each cell with a message, and stores nothing", async () => {
    await putSheet(w.coordinator, "domains", [domainRow(2, "教育", "区人社局")]);
    const bad = await putSheet(w.coordinator, "domains", [
      domainRow(4, "劳动争议", "区人社局"),
      domainRow(5, "炒股", "区住建局"),
      domainRow(6, "劳动人事争议", "区住建局"),
      domainRow(7, "教育", "火星局"),
      domainRow(8, "医疗卫生", null),
    ], { columns: { domain: "B", department: "D" } });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ stored: false, changed: false, version: 1, rows: 5, rules: 1 });
    expect(bad.body.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([
      [5, "B", "invalid_choice"],
      [6, "B", "duplicate_domain"],
      [7, "D", "unknown_unit"],
      [8, "D", "required"],
    ]);
    expect(bad.body.issues[1].message).toContain("第4行");
    expect(bad.body.issues[2].message).toContain("火星局");
    expect((await rules(w.coordinator)).body.domains).toMatchObject({ version: 1, map: { 教育: "区人社局" } });
    expect(await storedSheets()).toHaveLength(1);
  });

  it("refuses a place sheet naming a town that is not configured, in English when asked", async () => {
    const bad = await putSheet(w.coordinator, "places", [placeRow(2, "樟脚村", "涂岭镇"), placeRow(3, "东村", "西海镇")], { locale: "en" });
    expect(bad.body.stored).toBe(false);
    expect(bad.body.issues).toEqual([expect.objectContaining({ row: 3, column: "B", key: "town", code: "unknown_unit", severity: "error" })]);
    expect(bad.body.issues[0].message).toMatch(/西海镇.*not a configured unit/);
    expect(await storedSheets()).toEqual([]);
  });

  it("refuses an empty sheet rather than replace the rules with nothing", async () => {
    const r = await putSheet(w.coordinator, "domains", []);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toContain("不能为空");
    expect(await storedSheets()).toEqual([]);
  });

  it("refuses a place sheet listing more than 5,000 villages, saying how many, and keeps the list in force", async () => {
    await putSheet(w.coordinator, "places", [placeRow(2, "樟脚村", "涂岭镇")]);
    // 1,001 rows of five villages each: 5,005 villages, each row well within a cell.
    const rows = Array.from({ length: 1_001 }, (_, i) => placeRow(i + 2, [1, 2, 3, 4, 5].map((k) => `第${i}-${k}村`).join("、"), "涂岭镇"));
    const r = await putSheet(w.coordinator, "places", rows);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("invalid_request");
    expect(r.body.error.message).toContain("村居表列出 5,005 个村（社区），超出上限 5,000 个 <1%，未保存，现行名单不变");
    expect((await rules(w.coordinator)).body.places.villages).toEqual([{ name: "樟脚村", town: "涂岭镇" }]);
  });

  it("refuses a place sheet whose stored list would pass 1,000,000 bytes (D1 keeps it in one row of at most 2 MB), and stores nothing", async () => {
    // A town of 90 characters, written once per row but stored with each of its 4,000 villages: about 1.2 MB.
    const town = "涂岭".repeat(45);
    expect((await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: town, kind: "town" } })).status).toBe(201);
    const rows = Array.from({ length: 100 }, (_, i) => placeRow(i + 2, Array.from({ length: 40 }, (_, k) => `村${i}-${k}`).join("、"), town));
    const r = await putSheet(w.coordinator, "places", rows);
    expect(r.status).toBe(422);
    expect(r.body.error.message).toMatch(/村居表保存后有 1,\d{3},\d{3} 字节，超出上限 1,000,000 字节 \d+%，未保存，现行规则不变/);
    expect(await storedSheets()).toEqual([]);
  });

  it("is the coordinator's only: a clerk's push gets 403 and stores nothing", async () => {
    for (const kind of ["domains", "places"] as const) {
      const r = await putSheet(w.clerkA, kind, kind === "domains" ? [domainRow(2, "教育", "区人社局")] : [placeRow(2, "樟脚村", "涂岭镇")]);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect(await storedSheets()).toEqual([]);
  });
});

describe("routing intake rows with the rules the API serves", () => {
  it("gives each basis, leaves ambiguous and empty rows to the coordinator, and finds the longest village name", async () => {
    await putSheet(w.coordinator, "places", [
      placeRow(2, "樟脚村", "涂岭镇"),
      // 樟脚新村 holds 樟脚村's short form 樟脚: the longer name decides.
      placeRow(3, "樟脚新村", UNIT_B),
      // The same name in two towns.
      placeRow(4, "东山村", UNIT_A),
      placeRow(5, "东山村", UNIT_B),
    ]);
    const r = toRoutingRules((await rules(w.coordinator)).body);
    const row = (n: number, values: Record<string, unknown>) => ({ row: n, values: { caseNo: `ZX-${n}`, ...values } });
    const s = suggestRoutes([
      row(5, { respondent: "涂岭镇人民政府", domain: "劳动争议", place: "樟脚新村" }),
      row(6, { respondent: "区人社局", domain: "劳动争议", place: "涂岭镇樟脚村3组" }),
      row(7, { respondent: "区市场监督管理局", domain: "其他", place: "樟脚新村5组" }),
      row(8, { respondent: "区市场监督管理局", domain: "其他", place: "樟脚3组" }),
      row(9, { respondent: "区市场监督管理局", domain: "其他", place: "东山村" }),
      row(10, { respondent: "区市场监督管理局", domain: "教育", place: null }),
      row(11, { respondent: "区住建局", source: "法院委派（诉前）", domain: "物业纠纷", place: "东山村" }),
    ], r);
    expect(s.map((x) => [x.row, x.caseNo, x.lead, x.assist, x.basis])).toEqual([
      [5, "ZX-5", "涂岭镇", "区人社局", "respondent"],
      [6, "ZX-6", "区人社局", "涂岭镇", "domain"],
      [7, "ZX-7", UNIT_B, null, "place"],
      [8, "ZX-8", "涂岭镇", null, "place"],
      [9, "ZX-9", null, null, null],
      // 教育's default department 区教育局 is not configured here, and there is no place.
      [10, "ZX-10", null, null, null],
      // Court-referred: routed like any other; the shared village name leaves the assisting town open.
      [11, "ZX-11", "区住建局", null, "domain"],
    ]);
    expect(s[4].reason.zh).toContain("请协调员指定承办单位");
    expect(s[4].reason.zh).toContain(`${UNIT_A}、${UNIT_B}`);
    expect(s[5].reason.zh).toContain("区教育局不是已登记的单位");
    expect(s[6].reason.zh).toContain("协办镇街请协调员确定");
  });
});
