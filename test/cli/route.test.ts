import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CENTRE, DEMO_DEPARTMENTS, DEMO_TOWNS } from "../../scripts/start/demo-seed.ts";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

// The coordinator's routing from the command line: the place sheet and the centre's intake sheet in samples/.
let server: Awaited<ReturnType<typeof startTestWorker>>;
let coordinator: Record<string, string>;
let nanpu: Record<string, string>;
let shanyao: Record<string, string>;

async function api(method: string, p: string, body?: unknown, token = TEST_ADMIN_TOKEN) {
  const res = await fetch(server.url + p, { method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json() as Promise<any>;
}
const clerk = async (unit: string) => ({ TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "clerk", unit })).token });

beforeAll(async () => {
  server = await startTestWorker();
  for (const name of DEMO_TOWNS) await api("POST", "/api/units", { name, kind: "town" });
  for (const name of DEMO_DEPARTMENTS) await api("POST", "/api/units", { name, kind: "department" });
  await api("POST", "/api/units", { name: DEMO_CENTRE, kind: "centre" });
  coordinator = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "coordinator" })).token };
  nanpu = await clerk("南埔镇");
  shanyao = await clerk("山腰街道");
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

async function placeSheet(rows: [string, string][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("村居");
  ws.addRow(["村（社区）", "所属镇（街道）"]);
  for (const r of rows) ws.addRow(r);
  const file = path.join(await mkdtemp(path.join(os.tmpdir(), "tiaojie-route-")), "places.xlsx");
  await wb.xlsx.writeFile(file);
  return file;
}

const EXPECTED_ROWS = [
  { row: 3, caseNo: "ZX-2026-0101", lead: "区人社局", assist: "涂岭镇", basis: "domain", reason: "领域“劳动人事争议”由区人社局主管，区人社局承办；发生地樟脚村属涂岭镇，涂岭镇协办。" },
  { row: 4, caseNo: "ZX-2026-0102", lead: "南埔镇", assist: "区自然资源局", basis: "respondent", reason: "被申请人“南埔镇人民政府”是南埔镇的政府机关，由南埔镇承办；领域“征地拆迁”由区自然资源局主管，区自然资源局协办。" },
  { row: 5, caseNo: "ZX-2026-0103", lead: "区住建局", assist: "山腰街道", basis: "domain", reason: "领域“物业纠纷”由区住建局主管，区住建局承办；发生地钟厝村属山腰街道，山腰街道协办。" },
  { row: 6, caseNo: "ZX-2026-0104", lead: "峰尾镇", assist: null, basis: "place", reason: "领域“其他”没有主管部门；发生地诚峰村属峰尾镇，由峰尾镇承办。" },
  { row: 7, caseNo: "ZX-2026-0105", lead: null, assist: null, basis: null, reason: "领域“其他”没有主管部门；发生地“后郭村”中的后郭村在山腰街道、后龙镇都有，不能确定属哪个镇街。请协调员指定承办单位。" },
  { row: 8, caseNo: "ZX-2026-0106", lead: null, assist: null, basis: null, reason: "领域“文化旅游”的主管部门区文体旅游局不是已登记的单位；未填纠纷发生地。请协调员指定承办单位。" },
];

describe("tiaojie push (rule sheets), route and incoming", () => {
  it("pushes the place sheet as version 1 for a coordinator, refuses a clerk (exit 3) and a sheet with errors (exit 1, nothing stored)", async () => {
    const first = await tiaojie(["push", "samples/routing-places-2026.xlsx"], coordinator);
    expect(first.stderr).toContain("村居表");
    expect(first.stdout).toContain("已保存为第 1 版：7 行，24 个村（社区）");
    expect(first.code).toBe(0);
    const again = JSON.parse((await tiaojie(["push", "samples/routing-places-2026.xlsx", "--json"], coordinator)).stdout);
    expect(again).toMatchObject({ sheet: "村居表", kind: "places", stored: true, changed: false, version: 1, rows: 7 });

    const refused = await tiaojie(["push", "samples/routing-places-2026.xlsx"], shanyao);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("403");

    const bad = await tiaojie(["push", await placeSheet([["樟脚村", "涂岭镇"], ["东海村", "西海镇"]])], coordinator);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("未保存");
    expect(bad.stdout).toContain("✗ B3");
    expect(bad.stdout).toContain("“西海镇”不是已登记的单位");
    const rules = await api("GET", "/api/routing/rules", undefined, coordinator.TIAOJIE_TOKEN);
    expect(rules.places.version).toBe(1);
    expect(rules.places.villages).toHaveLength(24);
  }, 90_000);

  it("prints each intake row's routing with --json exactly, and a readable table otherwise", async () => {
    const r = await tiaojie(["route", "samples/intake-2026.xlsx", "--json"], coordinator);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(JSON.stringify({ rows: EXPECTED_ROWS }) + "\n");

    const table = await tiaojie(["route", "samples/intake-2026.xlsx"], coordinator);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("行\t案件编号\t承办单位\t协办单位\t依据\t理由");
    expect(table.stdout).toContain("4\tZX-2026-0102\t南埔镇\t区自然资源局\t被申请人\t");
    expect(table.stdout).toContain("7\tZX-2026-0105\t（待协调员指定）\t—\t—\t");
    expect(table.stdout).toContain("收案 6 行：已分流 4 行，待协调员指定 2 行。");

    const clerkTries = await tiaojie(["route", "samples/intake-2026.xlsx"], shanyao);
    expect(clerkTries.code).toBe(3);
  }, 60_000);

  it("transfers the routed rows with --confirm, lists the unrouted ones, and changes nothing when confirmed again", async () => {
    const r = await tiaojie(["route", "samples/intake-2026.xlsx", "--confirm", "--json"], coordinator);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rows).toEqual(EXPECTED_ROWS);
    expect(out.receipt).toMatchObject({ from: DEMO_CENTRE, counts: { transferred: 4, unchanged: 0, refused: 0 } });
    expect(out.receipt.cases.map((c: any) => [c.row, c.caseNo, c.outcome, c.lead])).toEqual([
      [3, "ZX-2026-0101", "transferred", "区人社局"],
      [4, "ZX-2026-0102", "transferred", "南埔镇"],
      [5, "ZX-2026-0103", "transferred", "区住建局"],
      [6, "ZX-2026-0104", "transferred", "峰尾镇"],
    ]);
    expect(out.left.map((l: any) => [l.row, l.caseNo])).toEqual([[7, "ZX-2026-0105"], [8, "ZX-2026-0106"]]);

    const again = await tiaojie(["route", "samples/intake-2026.xlsx", "--confirm"], coordinator);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("已转交 0，未变（此前已转交）4，退回 0");
    expect(again.stdout).toContain("留待协调员指定承办单位：7 ZX-2026-0105、8 ZX-2026-0106");
  }, 60_000);

  it("lists a clerk's incoming transfers with --json exactly, and only their own unit's", async () => {
    const r = await tiaojie(["incoming", "--json"], nanpu);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["cases"]);
    expect(out.cases).toHaveLength(1);
    expect(Object.keys(out.cases[0])).toEqual(["caseNo", "from", "lead", "assist", "transferredAt", "receivedAt"]);
    expect(out.cases[0]).toEqual({
      caseNo: "ZX-2026-0102", from: DEMO_CENTRE, lead: "南埔镇", assist: "区自然资源局", transferredAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), receivedAt: null,
    });
    // 山腰街道 only assists on ZX-2026-0103: the lead unit receives it.
    expect(JSON.parse((await tiaojie(["incoming", "--json"], shanyao)).stdout)).toEqual({ cases: [] });

    await api("POST", "/api/transfers/receive", { caseNos: ["ZX-2026-0102"] }, nanpu.TIAOJIE_TOKEN);
    const table = await tiaojie(["incoming"], nanpu);
    expect(table.stdout).toContain("转入案件 1 件，未签收 0 件。");
    expect(JSON.parse((await tiaojie(["incoming", "--pending", "--json"], nanpu)).stdout)).toEqual({ cases: [] });
    expect((await tiaojie(["incoming"], coordinator)).code).toBe(3);
  }, 60_000);
});
