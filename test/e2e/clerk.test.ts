// A town clerk's session in real Chromium against the real Worker: connect, validate, push, re-push (the flow shared
// with WPS 表格, flows/clerk-flow.ts), then what only this file plays in Excel: a revoked token, a column mapped by
// hand, the server going away in the middle of a push, marking cases "not in ledger". Each step checks what the clerk
// sees, what the workbook holds (Excel double) and what D1 holds (through the API).
import { beforeAll, describe, expect, it } from "vitest";
import { STANDARD_COLUMNS } from "../fixtures/ledger-layout.ts";
import { ADMIN_TOKEN, addUnit, allCases, api, assertNoCspViolations, createToken, openPane, screenshot, step } from "./harness.ts";
import { columnsWithUnknownHeader, generatedLedger, type GeneratedLedger } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import { clerkFlow, NANPU, SHANYAO, SLOW } from "./flows/clerk-flow.ts";

const JIESHAN = "界山镇";

const ctx = clerkFlow("excel");
let big: GeneratedLedger;
let jieshan: GeneratedLedger;

beforeAll(async () => {
  big = await generatedLedger({ unit: SHANYAO, prefix: "SY", count: 2_500, seed: 8 });
  ctx.pane.addSeed("shanyao-2500", big.seed);
  ctx.pane.addSeed("unknown-header", (await generatedLedger({ unit: NANPU, prefix: "NPX", count: 12, columns: columnsWithUnknownHeader("mediator", "负责人") })).seed);
  jieshan = await generatedLedger({ unit: JIESHAN, prefix: "JS", count: 20, seed: 11 });
  ctx.pane.addSeed("jieshan", jieshan.seed);
}, 180_000);

describe("a clerk's session in the task pane, in Excel only", () => {
  it("with a revoked token the push stops with a plain explanation and nothing is written anywhere", SLOW, async () => {
    const { page } = ctx.clerkPane;
    const S = "revoked";
    await api(ctx.worker.url, ADMIN_TOKEN, `/api/tokens/${ctx.nanpuClerk.id}`, { method: "DELETE" });
    const before = await allCases(ctx.worker.url, ctx.coordinator, NANPU);
    const syncsBefore = await excel(page, (x) => x.syncCount());
    await step(ctx.clerkPane, S, "push with the revoked token", async () => {
      await button(page, "上报全部案件行").click();
      await waitForNote(page, "上报中断：这个令牌已被停用。请向区调解中心索取新令牌");
    });
    await screenshot(page, "05-token-revoked");
    await step(ctx.clerkPane, S, "nothing was written to the workbook or to D1", async () => {
      expect(await excel(page, (x, s) => x.contentWrites(s), syncsBefore)).toEqual([]);
      const after = await allCases(ctx.worker.url, ctx.coordinator, NANPU);
      expect(after.map((c) => [c.caseNo, c.version])).toEqual(before.map((c) => [c.caseNo, c.version]));
    });
    await step(ctx.clerkPane, S, "the whole session (connect, validate, push twice) broke no Content-Security-Policy rule", () => assertNoCspViolations(page));
  });

  it("a column the pane could not recognise is mapped by hand and remembered after the pane reloads", SLOW, async () => {
    const p = await openPane(ctx.browser, ctx.pane, { seed: "unknown-header" });
    const { page } = p;
    const S = "columns";
    const mediatorCol = STANDARD_COLUMNS.findIndex((c) => c.key === "mediator");
    const select = page.locator(`select[aria-label="调解员"]`);
    try {
      await step(p, S, "the Columns page names the sheet whose header it will read and the button to click first", async () => {
        await openTab(page, "列映射");
        await page.getByText("将读取当前工作表“").waitFor();
        await page.getByText("先点“读取表头”").waitFor();
      });
      await screenshot(page, "06a-columns-first-sight");
      await step(p, S, "read the header: 调解员 is not found", async () => {
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

  it("when the server goes away mid-push the clerk gets a clear error and the progress kept; 继续上报 finishes and D1 has each row exactly once", { timeout: 150_000 }, async () => {
    const clerk = await createToken(ctx.worker.url, "clerk", SHANYAO);
    const p = await openPane(ctx.browser, ctx.pane, { seed: "shanyao-2500" });
    const { page } = p;
    const S = "server-stopped";
    let down = false;
    let wentDown!: () => void;
    const serverGone = new Promise<void>((r) => (wentDown = r));
    // Chunk 1 reaches the Worker and is stored, then the server vanishes before the answer gets back.
    ctx.pane.fault = (req) => {
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
        await ctx.worker.stop();
      });
      await step(p, S, "progress shows the first chunk landed and the pane says it is retrying", async () => {
        await waitForNote(page, "已上报 90 / 2500 行");
        await waitForNote(page, "正在自动重试");
        expect(await page.locator("fluent-progress-bar").first().getAttribute("value")).toBe("4");
      });
      await screenshot(page, "07-server-gone-retrying");
      await step(p, S, "after the automatic retries the push stops with a clear error, keeps its progress and says which button resumes", async () => {
        await waitForNote(page, "上报中断：连不上服务器。请检查网络后重试。", 40_000);
        await waitForNote(page, "已上报 90 / 2500 行（1 / 28 批），这部分已保存在服务器上。");
        await waitForNote(page, "点“继续上报”从中断处接着上报其余 2410 行（已上报的不会重复写入）；点“上报全部案件行”则重新读取当前工作表，从第一行起全部重报。");
        expect(await page.locator("fluent-progress-bar").first().getAttribute("value")).toBe("4");
        await button(page, "继续上报").waitFor({ state: "visible" });
      });
      await screenshot(page, "08-server-gone-failed");
      await step(p, S, "the server comes back; 继续上报 completes the push", async () => {
        ctx.worker = await ctx.worker.restart();
        ctx.pane.target = ctx.worker.url;
        down = false;
        ctx.pane.fault = null;
        await button(page, "继续上报").click();
        await waitForNote(page, "新增 2500，更新 0，未变 0，退回 0。", 60_000);
      });
      await screenshot(page, "09-server-back-done");
      await step(p, S, "D1 holds each of the 2,500 rows exactly once", async () => {
        const cases = await allCases(ctx.worker.url, ctx.coordinator, SHANYAO);
        expect(cases).toHaveLength(2_500);
        expect(new Set(cases.map((c) => c.caseNo))).toEqual(new Set(big.cases.map((c) => c.caseNo)));
        expect(cases.every((c) => c.version === 1)).toBe(true);
      });
    } finally {
      ctx.pane.fault = null;
      await p.context.close();
    }
  });
  it("before marking more than a fifth of the unit's cases \"not in ledger\" the pane asks, and marks them only when the clerk confirms", SLOW, async () => {
    await addUnit(ctx.worker.url, JIESHAN);
    const clerk = await createToken(ctx.worker.url, "clerk", JIESHAN);
    // The server already holds the sheet's 20 cases and 10 more that the sheet no longer has (10 of 30: a third).
    const extra = (await generatedLedger({ unit: JIESHAN, prefix: "JSOLD", count: 10, seed: 12 })).cases;
    const stored = [...jieshan.cases, ...extra].map((c, i) => ({ row: i + 2, values: c }));
    await api(ctx.worker.url, clerk.token, `/api/pushes/${crypto.randomUUID()}/chunks`, {
      method: "POST", headers: { "Idempotency-Key": `e2e-marking-${Date.now()}` }, body: { wholeLedger: false, chunkIndex: 0, chunkCount: 1, rows: stored },
    });
    const p = await openPane(ctx.browser, ctx.pane, { seed: "jieshan" });
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
        expect((await allCases(ctx.worker.url, ctx.coordinator, JIESHAN)).every((c) => c.inLedger)).toBe(true);
      });
      await screenshot(page, "10-marking-asks");
      await step(p, S, "confirm: the ten are marked, kept, and the pane says so", async () => {
        await button(page, "确认，标记这 10 件").click();
        await waitForNote(page, "已将 10 件已上报的案件标记为“不在台账中”（未删除，仍计入考评和补贴");
        const cases = await allCases(ctx.worker.url, ctx.coordinator, JIESHAN);
        expect(cases).toHaveLength(30);
        expect(cases.filter((c) => !c.inLedger).map((c) => c.caseNo).sort()).toEqual(extra.map((c) => c.caseNo).sort());
      });
    } finally {
      await p.context.close();
    }
  });
});
