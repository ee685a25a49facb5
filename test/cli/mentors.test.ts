import { readFile, mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CENTRE, DEMO_DEPARTMENTS, DEMO_TOWNS } from "../../scripts/start/demo-seed.ts";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let coordinator: Record<string, string>;
let clerk: Record<string, string>;

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(server.url + p, { method, headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json() as Promise<any>;
}

beforeAll(async () => {
  server = await startTestWorker();
  for (const name of DEMO_TOWNS) await api("POST", "/api/units", { name, kind: "town" });
  for (const name of DEMO_DEPARTMENTS) await api("POST", "/api/units", { name, kind: "department" });
  await api("POST", "/api/units", { name: DEMO_CENTRE, kind: "centre" });
  coordinator = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "coordinator" })).token };
  clerk = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "clerk", unit: "山腰街道" })).token };
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

describe("tiaojie push (roster) and tiaojie mentors", () => {
  it("recognises a roster workbook and pushes it to the roster; the same file again changes nothing", async () => {
    const first = await tiaojie(["push", "samples/roster-2026.xlsx"], coordinator);
    expect(first.stderr).toContain("调解员名册");
    expect(first.stdout).toContain("新增 17，更新 0，未变 0，停用 0，退回 0");
    expect(first.code).toBe(0);
    const again = JSON.parse((await tiaojie(["push", "samples/roster-2026.xlsx", "--json"], coordinator)).stdout);
    expect(again).toMatchObject({ kind: "roster", rows: 17, counts: { inserted: 0, unchanged: 17, rejected: 0 } });
  }, 60_000);

  it("computes a period for a coordinator, shows a clerk their unit, and writes a printable sheet", async () => {
    expect((await tiaojie(["push", "samples/shanyao-2026.xlsx"], clerk)).code).toBe(0);
    const computed = await tiaojie(["mentors", "--period", "2026-Q4", "--compute", "--json"], coordinator);
    expect(computed.code).toBe(0);
    const all = JSON.parse(computed.stdout);
    expect(all.scope).toBeNull();
    const c6 = all.assignments.find((a: any) => a.target.caseNo === "SY-2026-00006");
    expect(c6.mentor.name).toBe("庄丽君");
    expect(c6.reason.zh).toContain("物业纠纷");
    expect(new Set(all.assignments.filter((a: any) => a.kind === "visit").map((a: any) => a.target.name))).toEqual(new Set(DEMO_TOWNS));

    const mine = await tiaojie(["mentors", "--period", "2026-q4"], clerk);
    expect(mine.code).toBe(0);
    expect(mine.stdout).toContain("导师安排 2026年第四季度（山腰街道）");
    expect(mine.stdout).toContain("SY-2026-00006 ← 庄丽君");
    expect(mine.stdout).not.toContain("峰尾镇 #");

    const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-mentors-"));
    const out = path.join(dir, "mentors.xlsx");
    expect((await tiaojie(["mentors", "--period", "2026-Q4", "--out", out], coordinator)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await readFile(out)) as unknown as ExcelJS.Buffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("导师安排 2026年第四季度");
    expect(String(ws.getCell(1, 1).value)).toBe("金牌调解员巡回导师团工作安排（2026年第四季度）");
    // Under the title, 填报单位, the period with 计算时间 in Beijing time and the counts: the header, then a row per assignment.
    expect(String(ws.getCell(3, 1).value)).toMatch(/计算时间：2026年\d+月\d+日 \d\d:\d\d/);
    expect(ws.getRow(5).values).toEqual([undefined, "类别", "导师", "导师单位", "帮扶对象", "对象单位", "序次", "安排理由"]);
    const body = Array.from({ length: all.assignments.length }, (_, i) => ws.getRow(6 + i).values as unknown[]);
    expect(body.every((r) => String(r[7]).length > 0)).toBe(true);
    // Reasons in Chinese only, and nothing of the solver's costs, in any cell.
    const cells = ws.getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])).filter((v) => v != null).map(String);
    expect(cells.filter((v) => /[A-Za-z]{3,}/.test(v) && !/^[A-Z]{2}-\d{4}-\d+$/.test(v))).toEqual([]);
    expect(cells.filter((v) => /成本|必须覆盖|-1000000/.test(v))).toEqual([]);

    const en = path.join(dir, "mentors-en.xlsx");
    expect((await tiaojie(["mentors", "--period", "2026-Q4", "--out", en, "--locale", "en"], coordinator)).code).toBe(0);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load((await readFile(en)) as unknown as ExcelJS.Buffer);
    const reasons = wbEn.worksheets[0].getColumn(7).values.map(String);
    expect(wbEn.worksheets[0].name).toBe("Mentor assignments Q4 2026");
    expect(reasons.some((v) => /^Circuit visit 1 this period \(required\): the town('s success rate \d+%| has no closed cases yet)/.test(v))).toBe(true);
    // English only (names and domains as typed), in grammatical English.
    const enReasons = reasons.slice(6, 6 + all.assignments.length + all.unassigned.length);
    expect(enReasons.filter((v) => !/^[A-Z]/.test(v) || /town's has|mediator's has/.test(v))).toEqual([]);
  }, 90_000);

  it("refuses --compute for a clerk, a malformed period, and a period never computed, each with its exit code", async () => {
    const refused = await tiaojie(["mentors", "--period", "2026-Q4", "--compute"], clerk);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("403");
    const bad = await tiaojie(["mentors", "--period", "2026Q4"], clerk);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("2026-Q2");
    const never = await tiaojie(["mentors", "--period", "2025-Q1"], coordinator);
    expect(never.code).toBe(1);
    expect(never.stderr).toContain("尚未计算");
  }, 60_000);

  it("recognises a 巡回指导记录 workbook and pushes it as visits; the same file again writes nothing; bad rows are named", async () => {
    // Needs the roster of the first test (the gold mentors).
    const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-visits-"));
    const file = path.join(dir, "visits.xlsx");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("巡回指导记录");
    ws.addRow(["2026年金牌调解员巡回指导记录"]);
    ws.addRow(["序号", "日期", "导师", "镇（街道）", "指导内容", "发现问题"]);
    ws.addRow([1, "二〇二六年十月九日", "蔡国华", "涂岭镇", "指导两起征地拆迁纠纷调解", "台账更新不及时"]);
    ws.addRow([2, "2026.10.21", "庄丽君、许明辉", "山腰街道", "联合接访", null]);
    ws.addRow([3, "2026-10-22", "无名氏", "涂岭镇", "x", null]);
    await wb.xlsx.writeFile(file);

    const first = await tiaojie(["push", file], coordinator);
    expect(first.stderr).toContain("巡回指导记录");
    expect(first.stdout).toContain("巡回指导记录 3 行，3 次指导：新增 3，更新 0，未变 0；退回 1 行。");
    expect(first.stdout).toContain("✗ C5 「导师」“无名氏”不是名册中在册的金牌调解员");
    expect(first.code).toBe(1);
    const again = JSON.parse((await tiaojie(["push", file, "--json"], coordinator)).stdout);
    expect(again).toMatchObject({ kind: "visits", rows: 3, counts: { visits: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 1 }, rejectedRows: [5] });
    const byClerk = await tiaojie(["push", file], clerk);
    expect(byClerk.code).toBe(2);
    expect(byClerk.stderr).toContain("巡回指导记录只能由协调员推送");
  }, 60_000);
});
