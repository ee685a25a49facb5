import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
let court: Record<string, string>;
let clerk: Record<string, string>;

async function api(token: string, method: string, p: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(server.url + p, {
    method, headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...headers }, body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const row = (n: number, caseNo: string, over: Record<string, unknown>) => ({
  row: n,
  values: {
    caseNo, receivedOn: "2026-07-02", source: "当事人申请", domain: "征地拆迁", stage: "诉前", mediationType: "行政调解", applicant: "陈明",
    applicantId: "11010519491231002X", phone: "13912345678", respondent: "区自然资源局", accepted: "是", mediator: "林志强", status: "调解中", ...over,
  },
});

async function push(token: string, rows: unknown[]) {
  const r = await api(token, "POST", `/api/pushes/${crypto.randomUUID()}/chunks`, { chunkIndex: 0, chunkCount: 1, wholeLedger: false, rows }, { "Idempotency-Key": crypto.randomUUID() });
  expect(r.status).toBe(200);
  expect(r.body.counts.rejected).toBe(0);
}

beforeAll(async () => {
  server = await startTestWorker();
  for (const name of ["山腰街道", "南埔镇"]) await api(TEST_ADMIN_TOKEN, "POST", "/api/units", { name, kind: "town" });
  const sy = (await api(TEST_ADMIN_TOKEN, "POST", "/api/tokens", { role: "clerk", unit: "山腰街道" })).body.token;
  const np = (await api(TEST_ADMIN_TOKEN, "POST", "/api/tokens", { role: "clerk", unit: "南埔镇" })).body.token;
  clerk = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: sy };
  await push(sy, [
    row(2, "SY-001", { source: "法院委派（诉前）", status: "调解成功", closedOn: "2026-07-20", amount: "2万", judicialConfirmation: "是" }),
    row(3, "SY-002", {}),
    row(4, "SY-003", { stage: "执行", receivedOn: "2025-11-03", status: "调解不成", closedOn: "2025-12-01" }),
  ]);
  await push(np, [row(2, "NP-001", { source: "法院委托（诉中）", stage: "审判" }), row(3, "NP-002", { judicialConfirmation: "否" })]);
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
});

describe("tiaojie court-cases", () => {
  it("lets the admin issue a court liaison token", async () => {
    const created = await tiaojie(["token", "create", "--role", "court", "--label", "区法院立案庭", "--json"], { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: TEST_ADMIN_TOKEN });
    expect(created.code).toBe(0);
    const t = JSON.parse(created.stdout);
    expect(t).toMatchObject({ role: "court", unit: null, label: "区法院立案庭" });
    court = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: t.token };
  }, 30_000);

  it("prints exactly the court's cases of every unit as JSON, without ID numbers, phones or names", async () => {
    const r = await tiaojie(["court-cases", "--json"], court);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      period: null,
      cases: [
        { unit: "南埔镇", caseNo: "NP-001", receivedOn: "2026-07-02", source: "法院委托（诉中）", stage: "审判", applicant: "陈某", respondent: "区自然资源局", status: "调解中", closedOn: null, amount: null, judicialConfirmation: null },
        { unit: "山腰街道", caseNo: "SY-001", receivedOn: "2026-07-02", source: "法院委派（诉前）", stage: "诉前", applicant: "陈某", respondent: "区自然资源局", status: "调解成功", closedOn: "2026-07-20", amount: 20000, judicialConfirmation: true },
        { unit: "山腰街道", caseNo: "SY-003", receivedOn: "2025-11-03", source: "当事人申请", stage: "执行", applicant: "陈某", respondent: "区自然资源局", status: "调解不成", closedOn: "2025-12-01", amount: null, judicialConfirmation: null },
      ],
    });
    expect(r.stdout).not.toContain("13912345678");
    expect(r.stdout).not.toContain("11010519491231002X");
    expect(r.stdout).not.toContain("陈明");
  }, 30_000);

  it("narrows to a period and prints a table with a summary line", async () => {
    const r = await tiaojie(["court-cases", "--period", "2026-q3"], court);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("单位\t案件编号\t收案日期\t案件来源\t所处阶段\t申请人\t被申请行政机关\t办理状态\t结案日期\t协议金额（元）\t司法确认");
    expect(lines.slice(1, -1).map((l) => l.split("\t").slice(0, 2).join(" "))).toEqual(["南埔镇 NP-001", "山腰街道 SY-001"]);
    expect(lines.at(-1)).toMatch(/^2026年第三季度收案或结案的法院相关案件共 2 件：其中本期新收 2 件，本期办结 1 件（本期收案并办结的 1 件两项都计），截至\d{4}年\d{1,2}月\d{1,2}日仍在办 1 件；按办理状态：调解中 1，调解成功 1；申请司法确认 1 件$/);
  }, 30_000);

  it("writes the court case sheet to an .xlsx as a form: 填报单位, 填报日期, the table with days as forms write them", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-court-"));
    const out = path.join(dir, "court.xlsx");
    const r = await tiaojie(["court-cases", "--period", "2026", "--out", out], court);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("court.xlsx（2 件 cases）");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet("法院案件 2026")!;
    expect(ws.getCell("A1").value).toBe("法院相关案件表（2026年）");
    expect(String(ws.getCell("A2").value)).toMatch(/^填报单位：＿+（盖章）　　填报日期：\d{4}年\d{1,2}月\d{1,2}日/);
    expect(ws.getCell("A7").value).toBe("单位");
    expect(ws.getCell("B8").value).toBe("NP-001");
    expect(ws.getCell("C8").value).toBe("2026年7月2日");
    expect(ws.getCell("K9").value).toBe("是");
    expect(ws.getCell("J9").value).toBe(20000);
    expect(ws.getCell("J9").numFmt).toBe("#,##0.00");
    expect(JSON.stringify(ws.getSheetValues())).not.toMatch(/陈明|13912345678/);
  }, 30_000);

  it("refuses a clerk token with exit 3 and a wrong period with exit 2 before asking the server", async () => {
    const asClerk = await tiaojie(["court-cases"], clerk);
    expect(asClerk.code).toBe(3);
    expect(asClerk.stderr).toContain("403 forbidden");
    const bad = await tiaojie(["court-cases", "--period", "2026-13"], { TIAOJIE_URL: "http://127.0.0.1:9", TIAOJIE_TOKEN: "x" });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("2026-Q2");
  }, 30_000);
});
