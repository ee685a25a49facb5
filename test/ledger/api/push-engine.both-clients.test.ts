// The add-in and the CLI read the same workbook the same way and push it through the same engine: the same local
// issues, the same rows on the wire under the same kind of keys, the same receipts from the real Worker.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as cliPush } from "../../../cli/commands/push.ts";
import { findLedgerSheet } from "../../../cli/lib/find-ledger.ts";
import { readWorkbook } from "../../../cli/lib/read-workbook.ts";
import { createExcelWorkbook } from "../../../addin/hosts/excel/excel-ledger-workbook.ts";
import { emptyColumnSettings } from "../../../addin/pane/logic/columns.ts";
import { planLedgerPush } from "../../../addin/pane/logic/push-rows.ts";
import { runValidation } from "../../../addin/pane/logic/validate.ts";
import { createApiClient, type Fetch } from "../../../ledger/api/client.ts";
import { runPush } from "../../../ledger/api/push-engine.ts";
import type { Receipt } from "../../../ledger/api/push.ts";
import { validateLedger } from "../../../ledger/validate.ts";
import { TEST_ADMIN_TOKEN, startTestWorker, tiaojie } from "../../cli/push-dev-server.ts";
import { excelDouble } from "../../support/excel-double/node.ts";
import { seedFromXlsx } from "../../support/excel-double/seed.ts";
import { BLOCKS_UNIT, blocksLedger } from "../../fixtures/blocks-ledger.ts";
import { normaliseDate } from "../../../ledger/normalise/date.ts";

const TODAY = "2026-11-25";
let server: Awaited<ReturnType<typeof startTestWorker>>;
let dir: string;
let file: string;
const tokens: Record<string, string> = {};

/** A ledger as towns keep them: a merged title, no unit column, 被申请行政机关 merged down a block, two bad rows. */
async function writeLedger(to: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("台账");
  const headers = ["案件编号", "收案日期", "案件来源", "纠纷领域", "所处阶段", "调解类型", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期"];
  ws.addRow(["泉港区某镇行政争议调解工作台账（2026年）"]);
  ws.mergeCells(1, 1, 1, headers.length);
  ws.addRow(headers);
  for (let i = 0; i < 30; i++) {
    const closed = i % 3 === 0;
    ws.addRow([
      `BT-${String(i + 1).padStart(3, "0")}`, i === 9 ? "2026.13.45" : `2026.${1 + (i % 9)}.${1 + (i % 27)}`, "当事人申请", "劳动争议", "诉前", "行政调解",
      i === 17 ? null : `申请人${i}`, `区人社局${i % 4}`, "是", "李四", closed ? "调解成功" : "调解中", closed ? "2026/10/28" : null,
    ]);
  }
  // Rows 5–9: one respondent for the block, written once and merged (Excel keeps it in H5 only).
  ws.mergeCells("H5:H9");
  ws.getCell("H5").value = "涂岭镇人民政府";
  await wb.xlsx.writeFile(to);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-both-"));
  file = path.join(dir, "ledger.xlsx");
  await writeLedger(file);
  // A CPU budget of 4.5 ms per request: the server asks for chunks of 24 rows, so the 30-row ledger goes in two.
  server = await startTestWorker({ PUSH_CPU_BUDGET_MS: "4.5" });
  const admin = { TIAOJIE_URL: server.url, TIAOJIE_TOKEN: TEST_ADMIN_TOKEN };
  for (const unit of ["山腰街道", "南埔镇", BLOCKS_UNIT]) {
    expect((await tiaojie(["unit", "add", unit, "--kind", "town"], admin)).code).toBe(0);
    tokens[unit] = JSON.parse((await tiaojie(["token", "create", "--role", "clerk", "--unit", unit, "--json"], admin)).stdout).token;
  }
}, 240_000);

afterAll(async () => {
  await server?.cleanup();
  if (dir) await rm(dir, { recursive: true, force: true });
});

interface Sent { key: string; body: { chunkIndex: number; rows: unknown[]; columns?: unknown } }

/**
 * A fetch that records every push chunk it sends, and the receipts it gets back. The pane's client hands fetch the
 * chunk's bytes; the CLI's hands Node's fetch the same bytes as a one-piece stream (cli/lib/uncopied-fetch.ts), read
 * here from one branch of a tee while the other is sent.
 */
function recording(sent: Sent[], receipts: Receipt[], send: Fetch = (input, init) => fetch(input, init)): Fetch {
  return async (input, init) => {
    let body = init?.body;
    if (body instanceof ReadableStream) {
      const [sending, reading] = body.tee();
      init = { ...init, body: sending };
      body = new Uint8Array(await new Response(reading).arrayBuffer());
    }
    const res = await send(input, init);
    if (String(input).includes("/chunks")) {
      sent.push({ key: new Headers(init?.headers).get("Idempotency-Key")!, body: JSON.parse(new TextDecoder().decode(body as Uint8Array)) });
      receipts.push(await res.clone().json());
    }
    return res;
  };
}

/** The add-in's path: the pane reads the sheet through Office.js (here the Excel double, seeded from the file). */
async function throughTheAddin(token: string, from = file, unit = "南埔镇") {
  const { run } = excelDouble(await seedFromXlsx(from));
  const grid = await createExcelWorkbook({ run }).readSheet();
  const validation = runValidation(grid.values, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, defaultUnit: unit, units: [unit], merges: grid.merges })!;
  const sent: Sent[] = [];
  const receipts: Receipt[] = [];
  const client = createApiClient({ baseUrl: server.url, token, fetch: recording(sent, receipts) });
  // As the pane does on connecting: /api/me says who the token is and how many rows a chunk may carry.
  const me = await client.me();
  const plan = planLedgerPush(grid.values, validation, { role: me.role, locale: "zh-CN", pushId: crypto.randomUUID(), rowsPerChunk: me.pushRowsPerChunk })!;
  const outcome = await runPush(client, plan);
  expect(outcome.status).toBe("done");
  return { issues: validation.result.issues, skipped: validation.result.skipped, sent, receipts, pushId: plan.pushId };
}

/** The CLI's path: `tiaojie push FILE --json`, in this process so that its requests can be watched. */
async function throughTheCli(token: string, from = file, unit = "山腰街道", exit = 1) {
  const sheets = await readWorkbook(from);
  const { sheet, header } = findLedgerSheet(sheets);
  const local = validateLedger(sheet.grid, { header, columnPlaces: sheet.columns, merges: sheet.merges, locale: "zh-CN", today: TODAY, units: [unit], defaultUnit: unit })!;
  const sent: Sent[] = [];
  const receipts: Receipt[] = [];
  const realFetch = globalThis.fetch;
  const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(recording(sent, receipts, realFetch) as typeof fetch);
  const printed: string[] = [];
  const complaints: string[] = [];
  const out = vi.spyOn(process.stdout, "write").mockImplementation((s) => (printed.push(String(s)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((s) => (complaints.push(String(s)), true));
  try {
    const code = await cliPush([from, "--json", "--concurrency", "1", "--url", server.url, "--token", token]);
    expect(code, complaints.join("")).toBe(exit); // 1: rows with errors were refused
  } finally {
    out.mockRestore();
    err.mockRestore();
    fetchSpy.mockRestore();
  }
  return { issues: local.issues, skipped: local.skipped, sent, receipts, pushId: JSON.parse(printed.join("")).pushId as string };
}

const where = (issues: readonly { row: number; column: string | null; code: string }[]) => issues.map((i) => `${i.column ?? "-"}${i.row} ${i.code}`).sort();

describe("the add-in and the CLI on the same workbook", () => {
  it("read it alike (merged cells included), send the same rows under keys of one form, and get the same receipts from the Worker", async () => {
    const g = globalThis as { Office?: unknown };
    // Excel on the web: ExcelApi 1.13, so the pane reads the merged areas.
    g.Office = { context: { requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 13 } } };
    try {
      const addin = await throughTheAddin(tokens["南埔镇"]);
      const cli = await throughTheCli(tokens["山腰街道"]);

      // The same problems found before sending: the bad date and the missing applicant, nothing about the merged block.
      expect(where(addin.issues)).toEqual(where(cli.issues));
      expect(where(cli.issues)).toEqual(["B12 invalid_date", "G20 required"]);

      // The same rows on the wire, in the chunks the server sized to its CPU budget, with the same column letters.
      const byIndex = (s: Sent[]) => s.sort((a, b) => a.body.chunkIndex - b.body.chunkIndex);
      expect(byIndex(addin.sent).map((c) => c.body.rows.length)).toEqual([24, 6]);
      expect(byIndex(cli.sent).map((c) => c.body.rows.length)).toEqual([24, 6]);
      const rows = (s: Sent[]) => byIndex(s).flatMap((c) => c.body.rows);
      expect(rows(addin.sent)).toEqual(rows(cli.sent));
      expect(rows(cli.sent)).toHaveLength(30);
      expect((rows(addin.sent)[4] as { values: { respondent: string } }).values.respondent).toBe("涂岭镇人民政府");
      expect(addin.sent[0].body.columns).toEqual(cli.sent[0].body.columns);
      // Keys of one form: the push id and the chunk's index.
      expect(addin.sent.map((s) => s.key)).toEqual(addin.sent.map((s) => `${addin.pushId}.${s.body.chunkIndex}`));
      expect(cli.sent.map((s) => s.key)).toEqual(cli.sent.map((s) => `${cli.pushId}.${s.body.chunkIndex}`));

      // The same receipts, each side in its own unit.
      const gist = (rs: Receipt[]) => [...rs].sort((a, b) => a.chunkIndex - b.chunkIndex).map((r) => ({ counts: r.counts, rejectedRows: r.rejectedRows, issues: where(r.issues), complete: r.complete }));
      expect(gist(addin.receipts)).toEqual(gist(cli.receipts));
      const total = (rs: Receipt[]) => rs.reduce((n, r) => ({ inserted: n.inserted + r.counts.inserted, rejected: n.rejected + r.counts.rejected }), { inserted: 0, rejected: 0 });
      expect(total(cli.receipts)).toEqual({ inserted: 28, rejected: 2 });
    } finally {
      delete g.Office;
    }
  }, 120_000);
  it("read a ledger kept in monthly blocks alike: the same cases on the wire, no heading, header, 小计 or signature sent, and the second push changes nothing", async () => {
    const g = globalThis as { Office?: unknown };
    g.Office = { context: { requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 13 } } };
    try {
      const blocks = path.resolve(import.meta.dirname, "../../../samples/houlong-2026-blocks.xlsx");
      const laid = blocksLedger();
      const addin = await throughTheAddin(tokens[BLOCKS_UNIT], blocks, BLOCKS_UNIT);
      const cli = await throughTheCli(tokens[BLOCKS_UNIT], blocks, BLOCKS_UNIT, 0);

      expect(addin.issues).toEqual([]);
      expect(cli.issues).toEqual([]);
      expect(addin.skipped).toEqual(cli.skipped);
      // Dates go as Excel gives them (a serial from the pane, the day from the CLI's reader); the server reads one day.
      const rows = (s: Sent[]) =>
        [...s].sort((a, b) => a.body.chunkIndex - b.body.chunkIndex).flatMap((c) => c.body.rows as { row: number; values: Record<string, unknown> }[])
          .map((r) => ({ row: r.row, values: Object.fromEntries(Object.entries(r.values).map(([k, v]) => [k, /On$|Due$/.test(k) ? normaliseDate(v) : v])) }));
      expect(rows(addin.sent)).toEqual(rows(cli.sent));
      expect(rows(cli.sent).map((r) => r.row)).toEqual(laid.caseRows);

      const total = (rs: Receipt[]) => rs.reduce((n, r) => ({ inserted: n.inserted + r.counts.inserted, unchanged: n.unchanged + r.counts.unchanged, rejected: n.rejected + r.counts.rejected }), { inserted: 0, unchanged: 0, rejected: 0 });
      expect(total(addin.receipts)).toEqual({ inserted: laid.caseRows.length, unchanged: 0, rejected: 0 });
      expect(total(cli.receipts)).toEqual({ inserted: 0, unchanged: laid.caseRows.length, rejected: 0 });
    } finally {
      delete g.Office;
    }
  }, 120_000);
});
