// A town clerk's session in real Chromium against the real Worker: connect, fix a column, validate, push, re-push,
// a revoked token, and the server going away in the middle of a push. Each step checks what the clerk sees, what
// the workbook holds (Excel double) and what D1 holds (through the API).
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetter } from "../../ledger/columns.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { marksFromIssues, runValidation } from "../../addin/pane/logic/validate.ts";
import { planMarkGroups, markedCellCount } from "../../addin/hosts/shared/cells.ts";
import { SEVERITY_FILL } from "../../addin/hosts/shared/colours.ts";
import { SAMPLE_ERRORS } from "../fixtures/sample-errors.ts";
import { STANDARD_COLUMNS } from "../fixtures/ledger-layout.ts";
import {
  ADMIN_TOKEN, addUnit, allCases, api, assertNoCspViolations, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { columnsWithUnknownHeader, generatedLedger, sampleSeed, type GeneratedLedger, SAMPLE_DAY } from "./fixtures.ts";
import { button, excel, note, openTab, waitForNote } from "./pane-ui.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

const NANPU = "南埔镇";
const SHANYAO = "山腰街道";
const JIESHAN = "界山镇";
const SLOW = { timeout: 90_000 };

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let nanpuSeed: WorkbookSeed;
let nanpuClerk: { id: number; token: string };
let coordinator: string;
let clerkPane: OpenPane;
let big: GeneratedLedger;
let jieshan: GeneratedLedger;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser, nanpuSeed, big] = await Promise.all([
    startWorker(undefined, SAMPLE_DAY),
    launchBrowser(),
    sampleSeed("nanpu-2026-with-errors.xlsx"),
    generatedLedger({ unit: SHANYAO, prefix: "SY", count: 2_500, seed: 8 }),
  ]);
  pane = await startPaneServer(worker.url);
  pane.today = SAMPLE_DAY;
  pane.addSeed("nanpu", nanpuSeed);
  pane.addSeed("shanyao-2500", big.seed);
  pane.addSeed("unknown-header", (await generatedLedger({ unit: NANPU, prefix: "NPX", count: 12, columns: columnsWithUnknownHeader("mediator", "负责人") })).seed);
  jieshan = await generatedLedger({ unit: JIESHAN, prefix: "JS", count: 20, seed: 11 });
  pane.addSeed("jieshan", jieshan.seed);
  await addUnit(worker.url, NANPU);
  await addUnit(worker.url, SHANYAO);
  nanpuClerk = await createToken(worker.url, "clerk", NANPU);
  coordinator = (await createToken(worker.url, "coordinator")).token;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

const nanpuSheet = () => nanpuSeed.sheets[0];
/** What the pane must find: the same ledger/ validation, run here on the same cells. */
const expectedNanpu = () => runValidation(nanpuSheet().values as unknown[][], emptyColumnSettings(), { locale: "zh-CN", units: [NANPU, SHANYAO], defaultUnit: NANPU })!;

describe("a clerk's session in the task pane", () => {
  it("connects with the token the administrator gave, after refusing a garbled one", SLOW, async () => {
    clerkPane = await openPane(browser, pane, { seed: "nanpu" });
    const { page } = clerkPane;
    const S = "connect";
    await step(clerkPane, S, "the pane opens on the Connect page, not yet connected", () => waitForNote(page, "尚未连接"));
    await step(clerkPane, S, "a garbled token is refused before anything is sent", async () => {
      await page.locator("fluent-text-input input").fill("tj_not-a-token");
      await button(page, "连接").click();
      await waitForNote(page, "令牌格式不对");
      expect(pane.apiLog.filter((r) => r.path.startsWith("/api/me"))).toHaveLength(0);
    });
    await step(clerkPane, S, "the real token connects and names the unit and role", async () => {
      await page.locator("fluent-text-input input").fill(`  Bearer ${nanpuClerk.token}\n`);
      await button(page, "连接").click();
      await page.locator("fluent-tab", { hasText: "上报" }).waitFor();
      await openTab(page, "连接");
      await waitForNote(page, `已连接：${NANPU}（台账员）`);
    });
    await screenshot(page, "01-connected");
    await step(clerkPane, S, "the token is kept on this computer, never in the workbook", async () => {
      expect(await page.evaluate(() => localStorage.getItem("tiaojie.token"))).toBe(nanpuClerk.token);
      expect(JSON.stringify(await excel(page, (x) => x.settings()))).not.toContain(nanpuClerk.token);
    });
  });

  it("validates a messy ledger: the summary, the issue list and red/yellow marks on exactly the bad cells, no value changed", SLOW, async () => {
    const { page } = clerkPane;
    const S = "validate";
    const expected = expectedNanpu();
    const groups = planMarkGroups(marksFromIssues(expected.result.issues));
    const syncsBefore = await excel(page, (x) => x.syncCount());
    await step(clerkPane, S, "open Validate and run it", async () => {
      await openTab(page, "校验");
      await button(page, "校验当前工作表").click();
      await waitForNote(page, `${expected.result.dataRows} 行案件：${expected.errors} 个错误，${expected.warnings} 个警告。`);
      await waitForNote(page, `已标记 ${markedCellCount(groups)} 个单元格`);
    });
    await step(clerkPane, S, "the 合计 row under the cases is said to be skipped, not counted or reported as a case", async () => {
      expect(expected.result.skipped.total).toHaveLength(1);
      await waitForNote(page, "另有 1 行不是案件，已跳过：小计/合计 1 行。");
    });
    await screenshot(page, "02-validated");
    await step(clerkPane, S, "each planted mistake is listed and its cell is highlighted in its severity's colour", async () => {
      expect(expected.errors).toBeGreaterThan(5);
      for (const e of SAMPLE_ERRORS) {
        const row = e.caseIndex + 3;
        const col = STANDARD_COLUMNS.findIndex((c) => c.key === e.key);
        const issue = expected.result.issues.find((i) => i.row === row && i.key === e.key && i.code === e.code);
        expect(issue, `${e.code} on row ${row}`).toBeDefined();
        const address = `${columnLetter(col)}${row}`;
        const fill = await excel(page, (x, a) => x.conditionalFill("南埔镇台账", a), address);
        expect(fill, `${e.code} at ${address}`).toBe(SEVERITY_FILL[issue!.severity]);
      }
      await page.locator("details summary", { hasText: "第 3 行" }).first().waitFor();
    });
    await step(clerkPane, S, "a clean cell is not highlighted and the marks cost few syncs, writing no cell value", async () => {
      expect(await excel(page, (x) => x.conditionalFill("南埔镇台账", "B20"))).toBeNull();
      const writes = await excel(page, (x, since) => x.contentWrites(since), syncsBefore);
      const allowed = new Set(["addConditionalFormat", "conditionalFormatRule", "conditionalFormatFill", "deleteConditionalFormat", "setting"]);
      expect(writes.filter((w) => !allowed.has(w.kind))).toEqual([]);
      expect(writes.filter((w) => w.kind === "addConditionalFormat")).toHaveLength(groups.length);
      const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
      // settings + size + one values chunk + marks (read, write, record ids).
      expect(syncs.length).toBeLessThanOrEqual(7);
    });
    await step(clerkPane, S, "clicking an issue selects its cell in the sheet", async () => {
      await page.locator("details", { hasText: "第 3 行" }).first().locator("button.link").first().click();
      const col = STANDARD_COLUMNS.findIndex((c) => c.key === "applicant");
      await expect.poll(() => excel(page, (x) => x.selection())).toEqual({ sheet: "南埔镇台账", address: `${columnLetter(col)}3` });
    });
    await step(clerkPane, S, "validating again replaces the marks instead of piling them up", async () => {
      const before = await excel(page, (x) => x.conditionalFormats("南埔镇台账").length);
      await button(page, "校验当前工作表").click();
      await expect.poll(() => excel(page, (x) => x.syncCount()), { timeout: 20_000 }).toBeGreaterThan(syncsBefore + 6);
      await waitForNote(page, "已标记");
      expect(await excel(page, (x) => x.conditionalFormats("南埔镇台账").length)).toBe(before);
      expect(before).toBe(groups.length);
    });
  });

  it("pushes the ledger with a progress bar, shows the summary, writes results beside the ledger, and D1 holds the valid rows", SLOW, async () => {
    const { page } = clerkPane;
    const S = "push";
    const expected = expectedNanpu();
    let summary = "";
    await step(clerkPane, S, "push from the Push page", async () => {
      await openTab(page, "上报");
      await button(page, "上报全部案件行").click();
      summary = await waitForNote(page, /新增 \d+，更新 \d+，未变 \d+，退回 \d+。/);
      await waitForNote(page, "结果已写入台账右侧");
      expect(await page.locator("fluent-progress-bar").first().getAttribute("value")).toBe("100");
    });
    await screenshot(page, "03-pushed");
    const [, inserted, updated, unchanged, rejected] = /新增 (\d+)，更新 (\d+)，未变 (\d+)，退回 (\d+)/.exec(summary)!.map(Number);
    await step(clerkPane, S, "the counts add up and D1 holds every accepted case once, at version 1", async () => {
      expect(updated).toBe(0);
      expect(unchanged).toBe(0);
      expect(rejected).toBeGreaterThan(0);
      expect(inserted + rejected).toBe(expected.result.dataRows);
      const cases = await allCases(worker.url, coordinator, NANPU);
      expect(cases).toHaveLength(inserted);
      expect(new Set(cases.map((c) => c.caseNo)).size).toBe(inserted);
      expect(cases.every((c) => c.version === 1 && c.inLedger)).toBe(true);
    });
    await step(clerkPane, S, "the 校验结果 / 预警 / 导师 block sits right of the ledger, one line per case row", async () => {
      const width = nanpuSheet().values.reduce((m, r) => Math.max(m, r.length), 0);
      const col = (i: number) => columnLetter(width + i);
      const headers = await excel(page, (x, a) => x.values("南埔镇台账", a), `${col(0)}2:${col(2)}2`);
      expect(headers).toEqual([["校验结果", "预警", "导师"]]);
      expect((await excel(page, (x, a) => x.format("南埔镇台账", a), `${col(0)}2`)).bold).toBe(true);
      const first = 3;
      const last = first + expected.result.dataRows - 1;
      const block = await excel(page, (x, a) => x.values("南埔镇台账", a), `${col(0)}${first}:${col(0)}${last + 1}`);
      const texts = block.map((r) => String(r[0]));
      expect(texts[0]).toMatch(/^✗ 未入库：/); // row 3: applicant missing
      expect(texts.filter((t) => t.startsWith("✗ 未入库"))).toHaveLength(rejected);
      expect(texts.filter((t) => t === "✓ 已上报" || t.startsWith("⚠"))).toHaveLength(inserted);
      expect(await excel(page, (x) => Object.keys(x.formulas("南埔镇台账")))).toEqual([]);
      // The clerk's own cells are untouched.
      const original = await excel(page, (x, a) => x.values("南埔镇台账", a), `A1:${columnLetter(width - 1)}${last}`);
      expect(original).toEqual(nanpuSheet().values.slice(0, last).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")));
    });
  });

  it("pushing the same ledger again changes nothing: all unchanged, D1 versions stay 1", SLOW, async () => {
    const { page } = clerkPane;
    const S = "re-push";
    const before = await allCases(worker.url, coordinator, NANPU);
    await step(clerkPane, S, "push again", async () => {
      await button(page, "上报全部案件行").click();
      await waitForNote(page, `新增 0，更新 0，未变 ${before.length}，退回`);
    });
    await screenshot(page, "04-repushed");
    await step(clerkPane, S, "D1 still holds the same cases at the same versions", async () => {
      const after = await allCases(worker.url, coordinator, NANPU);
      expect(after.map((c) => [c.caseNo, c.version])).toEqual(before.map((c) => [c.caseNo, c.version]));
    });
    await step(clerkPane, S, "the whole session (connect, validate, push twice) broke no Content-Security-Policy rule", () => assertNoCspViolations(page));
  });

  it("with a revoked token the push stops with a plain explanation and nothing is written anywhere", SLOW, async () => {
    const { page } = clerkPane;
    const S = "revoked";
    await api(worker.url, ADMIN_TOKEN, `/api/tokens/${nanpuClerk.id}`, { method: "DELETE" });
    const before = await allCases(worker.url, coordinator, NANPU);
    const syncsBefore = await excel(page, (x) => x.syncCount());
    await step(clerkPane, S, "push with the revoked token", async () => {
      await button(page, "上报全部案件行").click();
      await waitForNote(page, "上报中断：这个令牌已被停用。请向区调解中心索取新令牌");
    });
    await screenshot(page, "05-token-revoked");
    await step(clerkPane, S, "nothing was written to the workbook or to D1", async () => {
      expect(await excel(page, (x, s) => x.contentWrites(s), syncsBefore)).toEqual([]);
      const after = await allCases(worker.url, coordinator, NANPU);
      expect(after.map((c) => [c.caseNo, c.version])).toEqual(before.map((c) => [c.caseNo, c.version]));
    });
    await step(clerkPane, S, "the whole session (connect, validate, push twice) broke no Content-Security-Policy rule", () => assertNoCspViolations(page));
  });

  it("a column the pane could not recognise is mapped by hand and remembered after the pane reloads", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "unknown-header" });
    const { page } = p;
    const S = "columns";
    const mediatorCol = STANDARD_COLUMNS.findIndex((c) => c.key === "mediator");
    const select = page.locator(`select[aria-label="调解员"]`);
    try {
      await step(p, S, "read the header: 调解员 is not found", async () => {
        await openTab(page, "列映射");
        await button(page, "读取表头").click();
        await page.locator("table.mapping").waitFor();
        expect(await select.inputValue()).toBe("");
      });
      await step(p, S, "map 调解员 to the column headed 负责人 and see it saved", async () => {
        await select.selectOption(String(mediatorCol));
        await waitForNote(page, "列映射已保存到本工作簿");
        const saved = await excel(page, (x) => x.settings()["tiaojie.columns"]);
        expect(JSON.parse(String(saved))).toEqual({ version: 1, override: { mediator: mediatorCol } });
      });
      await screenshot(page, "06-column-mapped");
      await step(p, S, "reload the pane (the workbook stays open) and find the mapping kept", async () => {
        await excel(page, (x) => x.keepForReload());
        await page.reload();
        await page.locator("fluent-tablist fluent-tab").first().waitFor();
        await openTab(page, "列映射");
        await button(page, "读取表头").click();
        await page.locator("table.mapping").waitFor();
        expect(await select.inputValue()).toBe(String(mediatorCol));
        await page.locator("tr.overridden", { hasText: "调解员" }).waitFor();
      });
    } finally {
      await p.context.close();
    }
  });

  it("when the server goes away mid-push the clerk gets a clear error; Retry finishes and D1 has each row exactly once", { timeout: 150_000 }, async () => {
    const clerk = await createToken(worker.url, "clerk", SHANYAO);
    const p = await openPane(browser, pane, { seed: "shanyao-2500" });
    const { page } = p;
    const S = "server-stopped";
    let down = false;
    let wentDown!: () => void;
    const serverGone = new Promise<void>((r) => (wentDown = r));
    // Chunk 1 reaches the Worker and is stored, then the server vanishes before the answer gets back.
    pane.fault = (req) => {
      if (down) return "drop";
      if (req.method === "POST" && String(req.headers["idempotency-key"] ?? "").endsWith(".1")) {
        down = true;
        wentDown();
        return "drop-after-response";
      }
      return "pass";
    };
    try {
      await step(p, S, "connect and start pushing 2,500 rows (28 chunks of 90 rows: the Free plan's CPU budget per request)", async () => {
        await page.locator("fluent-text-input input").fill(clerk.token);
        await button(page, "连接").click();
        await page.locator("fluent-tab", { hasText: "上报" }).waitFor();
        await openTab(page, "上报");
        await button(page, "上报全部案件行").click();
        await serverGone;
        await worker.stop();
      });
      await step(p, S, "progress shows the first chunk landed and the pane says it is retrying", async () => {
        await waitForNote(page, "已上报 90 / 2500 行");
        await waitForNote(page, "正在自动重试");
        expect(await page.locator("fluent-progress-bar").first().getAttribute("value")).toBe("4");
      });
      await screenshot(page, "07-server-gone-retrying");
      await step(p, S, "after the automatic retries the push stops with a clear error and a Retry button", async () => {
        await waitForNote(page, "上报中断：连不上服务器。请检查网络后重试。", 40_000);
        await button(page, "重试").waitFor({ state: "visible" });
      });
      await screenshot(page, "08-server-gone-failed");
      await step(p, S, "the server comes back; Retry completes the push", async () => {
        worker = await worker.restart();
        pane.target = worker.url;
        down = false;
        pane.fault = null;
        await button(page, "重试").click();
        await waitForNote(page, "新增 2500，更新 0，未变 0，退回 0。", 60_000);
      });
      await screenshot(page, "09-server-back-done");
      await step(p, S, "D1 holds each of the 2,500 rows exactly once", async () => {
        const cases = await allCases(worker.url, coordinator, SHANYAO);
        expect(cases).toHaveLength(2_500);
        expect(new Set(cases.map((c) => c.caseNo))).toEqual(new Set(big.cases.map((c) => c.caseNo)));
        expect(cases.every((c) => c.version === 1)).toBe(true);
      });
    } finally {
      pane.fault = null;
      await p.context.close();
    }
  });
  it("before marking more than a fifth of the unit's cases \"not in ledger\" the pane asks, and marks them only when the clerk confirms", SLOW, async () => {
    await addUnit(worker.url, JIESHAN);
    const clerk = await createToken(worker.url, "clerk", JIESHAN);
    // The server already holds the sheet's 20 cases and 10 more that the sheet no longer has (10 of 30: a third).
    const extra = (await generatedLedger({ unit: JIESHAN, prefix: "JSOLD", count: 10, seed: 12 })).cases;
    const stored = [...jieshan.cases, ...extra].map((c, i) => ({ row: i + 2, values: c }));
    await api(worker.url, clerk.token, `/api/pushes/${crypto.randomUUID()}/chunks`, {
      method: "POST", headers: { "Idempotency-Key": `e2e-marking-${Date.now()}` }, body: { wholeLedger: false, chunkIndex: 0, chunkCount: 1, rows: stored },
    });
    const p = await openPane(browser, pane, { seed: "jieshan" });
    const { page } = p;
    const S = "marking";
    try {
      await step(p, S, "push the sheet: the pane says 10 stored cases are missing (33 %) and asks, nothing is marked", async () => {
        await page.locator("fluent-text-input input").fill(clerk.token);
        await button(page, "连接").click();
        await page.locator("fluent-tab", { hasText: "上报" }).waitFor();
        await openTab(page, "上报");
        await button(page, "上报全部案件行").click();
        await waitForNote(page, "本次上报的台账缺少 10 件已上报的案件（JSOLD-");
        await waitForNote(page, "（占本单位 30 件的 33%），确认这些案件已不在台账中？");
        expect((await allCases(worker.url, coordinator, JIESHAN)).every((c) => c.inLedger)).toBe(true);
      });
      await screenshot(page, "10-marking-asks");
      await step(p, S, "confirm: the ten are marked, kept, and the pane says so", async () => {
        await button(page, "确认，标记这 10 件").click();
        await waitForNote(page, "已将 10 件已上报的案件标记为“不在台账中”（未删除，仍计入考评和补贴");
        const cases = await allCases(worker.url, coordinator, JIESHAN);
        expect(cases).toHaveLength(30);
        expect(cases.filter((c) => !c.inLedger).map((c) => c.caseNo).sort()).toEqual(extra.map((c) => c.caseNo).sort());
      });
    } finally {
      await p.context.close();
    }
  });
});
