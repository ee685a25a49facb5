import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let assessor: Record<string, string>;
let clerk: Record<string, string>;

async function api(method: string, p: string, body?: unknown) {
  const res = await fetch(server.url + p, { method, headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json() as Promise<any>;
}

beforeAll(async () => {
  server = await startTestWorker();
  for (const name of ["山腰街道", "南埔镇"]) await api("POST", "/api/units", { name, kind: "town" });
  assessor = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "assessor" })).token };
  clerk = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: (await api("POST", "/api/tokens", { role: "clerk", unit: "山腰街道" })).token };
}, 420_000);

afterAll(async () => {
  await server?.cleanup();
});

/** A 评查表 as an assessment office keeps it: a title, the header with each dimension's maximum, rows. */
async function reviewWorkbook(file: string, rows: unknown[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("评查表");
  ws.addRow(["泉港区2026年第四季度案件质量评查表"]);
  ws.addRow(["序号", "案件编号", "承办单位", "评查人", "评查日期", "证据审查和采信（15分）", "事实认定（15分）", "法律适用（15分）", "办案程序（15分）",
    "文书制作和使用（10分）", "释法说理（10分）", "办案效果（10分）", "落实司法责任制（10分）", "扣分", "扣分理由", "总分"]);
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(file);
}

describe("tiaojie push (评查表) and tiaojie reviews", () => {
  it("recognises a 评查表, pushes it, refuses a case not in that unit's ledger, and reports the period per dimension", async () => {
    expect((await tiaojie(["push", "samples/shanyao-2026.xlsx"], clerk)).code).toBe(0);
    const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-reviews-"));
    const file = path.join(dir, "reviews.xlsx");
    await reviewWorkbook(file, [
      // 90 − 2 = 88; 64; a case 南埔镇 does not have.
      [1, "SY-2026-00001", "山腰街道", "陈评查", "2026年10月8日", 14, 13, 12, 15, 9, 8, 9, 10, 2, "卷宗缺送达回证", 88],
      [2, "SY-2026-00002", "山腰街道", "陈评查", "2026.10.9", 10, 11, 12, 9, 7, 6, 5, 4, null, null, null],
      [3, "SY-2026-00003", "南埔镇", "陈评查", "2026-10-09", 10, 11, 12, 9, 7, 6, 5, 4, null, null, null],
    ]);

    const first = await tiaojie(["push", file], assessor);
    expect(first.stderr).toContain("案件质量评查表");
    expect(first.stdout).toContain("案件质量评查表 3 行：新增 2，更新 0（上一版已保留），未变 0；退回 1 行。");
    expect(first.stdout).toContain("✗ B5 「案件编号」“SY-2026-00003”不在该单位上报的台账中");
    expect(first.code).toBe(1);
    const again = JSON.parse((await tiaojie(["push", file, "--json"], assessor)).stdout);
    expect(again).toMatchObject({ kind: "reviews", sheet: "评查表", rows: 3, counts: { reviews: 2, inserted: 0, updated: 0, unchanged: 2, rejected: 1 }, rejectedRows: [5] });

    const byClerk = await tiaojie(["push", file], clerk);
    expect(byClerk.code).toBe(3);

    const report = await tiaojie(["reviews", "--period", "2026-Q4", "--json"], assessor);
    expect(report.code).toBe(0);
    const r = JSON.parse(report.stdout);
    expect(r.period).toBe("2026-Q4");
    expect(r.units.map((u: any) => [u.unit, u.reviews, u.meanTotal, u.failed])).toEqual([["山腰街道", 2, 76, 0]]);
    expect(r.units[0].dimensions.evidence).toEqual({ mean: 12, max: 15, lost: 3 });
    expect(r.units[0].dimensions.responsibility).toEqual({ mean: 7, max: 10, lost: 3 });

    const out = path.join(dir, "report.xlsx");
    expect((await tiaojie(["reviews", "--period", "2026-Q4", "--out", out], clerk)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0].name).toBe("评查得分 2026年第四季度");
    expect(wb.worksheets[0].getRow(6).values).toEqual(expect.arrayContaining(["山腰街道", 2, 76]));
  }, 240_000);
});
