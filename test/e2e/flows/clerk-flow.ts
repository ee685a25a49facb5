// The clerk's session (connect → validate → push → write back with flags → re-push) as one flow, run over each host's
// double: test/e2e/clerk.test.ts (Excel, with Excel-only scenarios after it) and test/e2e/wps-clerk.test.ts (WPS 表格).
// What the clerk sees and what D1 holds are the same under both; a few checks are the host's own (Excel's sync
// budget), marked where they are.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetter } from "../../../ledger/columns.ts";
import { emptyColumnSettings } from "../../../addin/pane/logic/columns.ts";
import { marksFromIssues, runValidation } from "../../../addin/pane/logic/validate.ts";
import { planMarkGroups, markedCellCount } from "../../../addin/hosts/shared/cells.ts";
import { SEVERITY_FILL } from "../../../addin/hosts/shared/colours.ts";
import { SAMPLE_ERRORS } from "../../fixtures/sample-errors.ts";
import { STANDARD_COLUMNS } from "../../fixtures/ledger-layout.ts";
import {
  addUnit, allCases, assertNoCspViolations, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneHost, type PaneServer, type TestWorker,
} from "../harness.ts";
import { sampleSeed, SAMPLE_DAY } from "../fixtures.ts";
import { button, excel, note, openTab, waitForNote, workbook, workbookActivity } from "../pane-ui.ts";
import type { WorkbookSeed } from "../../support/excel-double/model.ts";

export const NANPU = "南埔镇";
export const SHANYAO = "山腰街道";
export const SLOW = { timeout: 90_000 };

/** What the flow sets up and what a test file adds its own scenarios with. */
export interface ClerkContext {
  worker: TestWorker;
  pane: PaneServer;
  browser: Browser;
  nanpuSeed: WorkbookSeed;
  nanpuClerk: { id: number; token: string };
  coordinator: string;
  clerkPane: OpenPane;
}

/**
 * Registers the session: a Worker on the sample day with 南埔镇 and 山腰街道, the 南埔镇 ledger with planted mistakes,
 * and the four steps of a clerk's day, in `host`. Returns the context, filled in by the time the tests run.
 */
export function clerkFlow(host: PaneHost): ClerkContext {
  const ctx = {} as ClerkContext;
  /** Screenshots of WPS get their own names beside Excel's. */
  const shot = host === "excel" ? "" : `${host}-`;
  const nanpuSheet = () => ctx.nanpuSeed.sheets[0];
  /** The ledger's cells as the clerk left them. */
  const ledgerRange = () => `A1:${columnLetter(nanpuSheet().values.reduce((m, r) => Math.max(m, r.length), 0) - 1)}${nanpuSheet().values.length}`;
  /** What the pane must find: the same ledger/ validation, run here on the same cells. */
  const expectedNanpu = () => runValidation(nanpuSheet().values as unknown[][], emptyColumnSettings(), { locale: "zh-CN", units: [NANPU, SHANYAO], defaultUnit: NANPU })!;

  beforeAll(async () => {
    ensureAddinBuilt();
    [ctx.worker, ctx.browser, ctx.nanpuSeed] = await Promise.all([startWorker(undefined, SAMPLE_DAY), launchBrowser(), sampleSeed("nanpu-2026-with-errors.xlsx")]);
    ctx.pane = await startPaneServer(ctx.worker.url);
    ctx.pane.today = SAMPLE_DAY;
    ctx.pane.addSeed("nanpu", ctx.nanpuSeed);
    await addUnit(ctx.worker.url, NANPU);
    await addUnit(ctx.worker.url, SHANYAO);
    ctx.nanpuClerk = await createToken(ctx.worker.url, "clerk", NANPU);
    ctx.coordinator = (await createToken(ctx.worker.url, "coordinator")).token;
  }, 180_000);

  afterAll(async () => {
    await ctx.browser?.close();
    await ctx.pane?.close();
    await ctx.worker?.cleanup();
  });

  describe(`a clerk's session in the task pane${host === "wps" ? " in WPS 表格" : ""}`, () => {
    it("connects with the token the administrator gave, after refusing a garbled one", SLOW, async () => {
      ctx.clerkPane = await openPane(ctx.browser, ctx.pane, { seed: "nanpu", host });
      const { page } = ctx.clerkPane;
      const S = "connect";
      await step(ctx.clerkPane, S, "the pane opens on the Connect page, not yet connected", () => waitForNote(page, "尚未连接"));
      await step(ctx.clerkPane, S, "a garbled token is refused before anything is sent", async () => {
        await page.locator("fluent-text-input input").fill("tj_not-a-token");
        await button(page, "连接").click();
        await waitForNote(page, "令牌格式不对");
        expect(ctx.pane.apiLog.filter((r) => r.path.startsWith("/api/me"))).toHaveLength(0);
      });
      await step(ctx.clerkPane, S, "the real token connects and names the unit and role", async () => {
        await page.locator("fluent-text-input input").fill(`  Bearer ${ctx.nanpuClerk.token}\n`);
        await button(page, "连接").click();
        await page.locator("fluent-tab", { hasText: "上报" }).waitFor();
        await openTab(page, "连接");
        await waitForNote(page, `已连接：${NANPU}（台账员）`);
      });
      await screenshot(page, shot + "01-connected");
      await step(ctx.clerkPane, S, "the token is kept on this computer, never in the workbook", async () => {
        expect(await page.evaluate(() => localStorage.getItem("tiaojie.token"))).toBe(ctx.nanpuClerk.token);
        expect(JSON.stringify(await workbook(page, (x) => x.settings()))).not.toContain(ctx.nanpuClerk.token);
      });
    });

    it("validates a messy ledger: the summary, the issue list and red/yellow marks on exactly the bad cells, no value changed", SLOW, async () => {
      const { page } = ctx.clerkPane;
      const S = "validate";
      const expected = expectedNanpu();
      const groups = planMarkGroups(marksFromIssues(expected.result.issues));
      const activityBefore = await workbookActivity(page);
      const cellsBefore = await workbook(page, (x, a) => x.values("南埔镇台账", a), ledgerRange());
      await step(ctx.clerkPane, S, "open Validate: before any click it names the sheet it will read and the button to click first", async () => {
        await openTab(page, "校验");
        await page.getByText("将校验当前工作表“南埔镇台账”").waitFor();
        await page.getByText("先点“校验当前工作表”").waitFor();
      });
      await step(ctx.clerkPane, S, "run it", async () => {
        await button(page, "校验当前工作表").click();
        await waitForNote(page, `${expected.result.dataRows} 行案件：${expected.errors} 个错误，${expected.warnings} 个警告。`);
        await waitForNote(page, `已标记 ${markedCellCount(groups)} 个单元格`);
      });
      await step(ctx.clerkPane, S, "the 合计 row under the cases is said to be skipped, not counted or reported as a case", async () => {
        expect(expected.result.skipped.total).toHaveLength(1);
        await waitForNote(page, "另有 1 行不是案件，已跳过：小计/合计 1 行。");
      });
      await screenshot(page, shot + "02-validated");
      await step(ctx.clerkPane, S, "each planted mistake is listed and its cell is highlighted in its severity's colour", async () => {
        expect(expected.errors).toBeGreaterThan(5);
        for (const e of SAMPLE_ERRORS) {
          const row = e.caseIndex + 3;
          const col = STANDARD_COLUMNS.findIndex((c) => c.key === e.key);
          const issue = expected.result.issues.find((i) => i.row === row && i.key === e.key && i.code === e.code);
          expect(issue, `${e.code} on row ${row}`).toBeDefined();
          const address = `${columnLetter(col)}${row}`;
          const fill = await workbook(page, (x, a) => x.conditionalFill("南埔镇台账", a), address);
          expect(fill, `${e.code} at ${address}`).toBe(SEVERITY_FILL[issue!.severity]);
        }
        await page.locator("details summary", { hasText: "第 3 行" }).first().waitFor();
      });
      await step(ctx.clerkPane, S, "a clean cell is not highlighted and no cell of the ledger changed", async () => {
        expect(await workbook(page, (x) => x.conditionalFill("南埔镇台账", "B20"))).toBeNull();
        expect(await workbook(page, (x, a) => x.values("南埔镇台账", a), ledgerRange())).toEqual(cellsBefore);
      });
      if (host === "excel") {
        await step(ctx.clerkPane, S, "the marks cost few syncs, writing no cell value", async () => {
          const syncsBefore = activityBefore;
          const writes = await excel(page, (x, since) => x.contentWrites(since), syncsBefore);
          const allowed = new Set(["addConditionalFormat", "conditionalFormatRule", "conditionalFormatFill", "deleteConditionalFormat", "setting"]);
          expect(writes.filter((w) => !allowed.has(w.kind))).toEqual([]);
          expect(writes.filter((w) => w.kind === "addConditionalFormat")).toHaveLength(groups.length);
          const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
          // settings + size + one values chunk + marks (read, write, record ids).
          expect(syncs.length).toBeLessThanOrEqual(7);
        });
      }
      await step(ctx.clerkPane, S, "clicking an issue selects its cell in the sheet", async () => {
        await page.locator("details", { hasText: "第 3 行" }).first().locator("button.link").first().click();
        const col = STANDARD_COLUMNS.findIndex((c) => c.key === "applicant");
        await expect.poll(() => workbook(page, (x) => x.selection())).toEqual({ sheet: "南埔镇台账", address: `${columnLetter(col)}3` });
      });
      await step(ctx.clerkPane, S, "validating again replaces the marks instead of piling them up", async () => {
        const before = await workbook(page, (x) => x.conditionalFormats("南埔镇台账").length);
        const activity = await workbookActivity(page);
        await button(page, "校验当前工作表").click();
        // Excel: the run's syncs on top of the first run's (at most 7); WPS: a run is many calls, each counted.
        await expect.poll(() => workbookActivity(page), { timeout: 20_000 }).toBeGreaterThan((host === "excel" ? activityBefore : activity) + 6);
        await waitForNote(page, "已标记");
        expect(await workbook(page, (x) => x.conditionalFormats("南埔镇台账").length)).toBe(before);
        // Excel: one conditional format per group of ≤ 400 areas; WPS: per ≤ 255-character address (COM's limit).
        if (host === "excel") expect(before).toBe(groups.length);
        else expect(before).toBeGreaterThanOrEqual(groups.length);
      });
    });

    it("pushes the ledger with a progress bar, shows the summary, writes results beside the ledger, and D1 holds the valid rows", SLOW, async () => {
      const { page } = ctx.clerkPane;
      const S = "push";
      const expected = expectedNanpu();
      let summary = "";
      await step(ctx.clerkPane, S, "the Push page names the sheet it will push and says to fix errors on Validate first", async () => {
        await openTab(page, "上报");
        await page.getByText("将上报当前工作表“南埔镇台账”的全部案件行").waitFor();
      });
      await step(ctx.clerkPane, S, "push from the Push page", async () => {
        await button(page, "上报全部案件行").click();
        summary = await waitForNote(page, /新增 \d+，更新 \d+，未变 \d+，退回 \d+。/);
        await waitForNote(page, "结果已写入台账右侧");
        expect(await page.locator("fluent-progress-bar").first().getAttribute("value")).toBe("100");
      });
      await step(ctx.clerkPane, S, "with rows refused the bar is a warning, not a success, and points at the 校验结果 column", async () => {
        const bar = note(page, /新增 \d+，更新 \d+，未变 \d+，退回 [1-9]\d*。/).first();
        expect(await bar.getAttribute("intent")).toBe("warning");
        expect(await bar.innerText()).toMatch(/退回的 \d+ 行没有入库：原因已写在台账右侧的“校验结果”列/);
        expect(await page.locator(`fluent-message-bar[intent="success"]`).count()).toBe(0);
      });
      await screenshot(page, shot + "03-pushed");
      const [, inserted, updated, unchanged, rejected] = /新增 (\d+)，更新 (\d+)，未变 (\d+)，退回 (\d+)/.exec(summary)!.map(Number);
      await step(ctx.clerkPane, S, "the counts add up and D1 holds every accepted case once, at version 1", async () => {
        expect(updated).toBe(0);
        expect(unchanged).toBe(0);
        expect(rejected).toBeGreaterThan(0);
        expect(inserted + rejected).toBe(expected.result.dataRows);
        const cases = await allCases(ctx.worker.url, ctx.coordinator, NANPU);
        expect(cases).toHaveLength(inserted);
        expect(new Set(cases.map((c) => c.caseNo)).size).toBe(inserted);
        expect(cases.every((c) => c.version === 1 && c.inLedger)).toBe(true);
      });
      await step(ctx.clerkPane, S, "the 校验结果 / 预警 / 导师 block sits right of the ledger, one line per case row", async () => {
        const width = nanpuSheet().values.reduce((m, r) => Math.max(m, r.length), 0);
        const col = (i: number) => columnLetter(width + i);
        const headers = await workbook(page, (x, a) => x.values("南埔镇台账", a), `${col(0)}2:${col(2)}2`);
        expect(headers).toEqual([["校验结果", "预警", "导师"]]);
        expect((await workbook(page, (x, a) => x.format("南埔镇台账", a), `${col(0)}2`)).bold).toBe(true);
        const first = 3;
        const last = first + expected.result.dataRows - 1;
        const block = await workbook(page, (x, a) => x.values("南埔镇台账", a), `${col(0)}${first}:${col(0)}${last + 1}`);
        const texts = block.map((r) => String(r[0]));
        expect(texts[0]).toMatch(/^✗ 未入库：/); // row 3: applicant missing
        expect(texts.filter((t) => t.startsWith("✗ 未入库"))).toHaveLength(rejected);
        expect(texts.filter((t) => t === "✓ 已上报" || t.startsWith("⚠"))).toHaveLength(inserted);
        expect(await workbook(page, (x) => Object.keys(x.formulas("南埔镇台账")))).toEqual([]);
        // The clerk's own cells are untouched.
        const original = await workbook(page, (x, a) => x.values("南埔镇台账", a), `A1:${columnLetter(width - 1)}${last}`);
        expect(original).toEqual(nanpuSheet().values.slice(0, last).map((r) => Array.from({ length: width }, (_, i) => r[i] ?? "")));
      });
    });

    it("pushing the same ledger again changes nothing: all unchanged, D1 versions stay 1", SLOW, async () => {
      const { page } = ctx.clerkPane;
      const S = "re-push";
      const before = await allCases(ctx.worker.url, ctx.coordinator, NANPU);
      await step(ctx.clerkPane, S, "push again", async () => {
        await button(page, "上报全部案件行").click();
        await waitForNote(page, `新增 0，更新 0，未变 ${before.length}，退回`);
      });
      await screenshot(page, shot + "04-repushed");
      await step(ctx.clerkPane, S, "D1 still holds the same cases at the same versions", async () => {
        const after = await allCases(ctx.worker.url, ctx.coordinator, NANPU);
        expect(after.map((c) => [c.caseNo, c.version])).toEqual(before.map((c) => [c.caseNo, c.version]));
      });
      await step(ctx.clerkPane, S, "the whole session (connect, validate, push twice) broke no Content-Security-Policy rule", () => assertNoCspViolations(page));
    });
  });
  return ctx;
}
