// /wps/selftest.html in Chromium over the WPS double, as an office would open it in WPS 表格 on a clerk's workbook:
// the page runs the self-test and ends with a transcript to copy; afterwards the scratch sheets are gone and the
// clerk's sheets are as they were; and the transcript the page shows replays against the double without a mismatch.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Transcript } from "../../addin/hosts/wps/transcript.ts";
import { WPS_CSP } from "../../addin/hosts/wps/csp.ts";
import { STANDARD_COLUMNS } from "../fixtures/ledger-layout.ts";
import { assertNoCspViolations, ensureAddinBuilt, launchBrowser, preparePane, screenshot, startPaneServer, step, type OpenPane, type PaneServer } from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { workbook } from "./pane-ui.ts";
import { replayTranscript } from "../support/wps-double/replay.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

const SLOW = { timeout: 90_000 };
let pane: PaneServer;
let browser: Browser;
let clerk: WorkbookSeed;
let session: OpenPane;

beforeAll(async () => {
  ensureAddinBuilt();
  [browser, clerk] = await Promise.all([launchBrowser(), sampleSeed("nanpu-2026-with-errors.xlsx")]);
  clerk.sheets.push({ name: "填表说明", values: [["请按月填报"]] });
  // The page never calls the API: any /api request would fail against this closed port.
  pane = await startPaneServer("http://127.0.0.1:9");
  pane.addSeed("clerk", clerk);
}, 120_000);

afterAll(async () => {
  await session?.context.close();
  await browser?.close();
  await pane?.close();
});

const clerkRange = (s: WorkbookSeed["sheets"][number]) => `A1:${String.fromCharCode(64 + Math.min(26, Math.max(1, ...s.values.map((r) => r.length))))}${Math.max(1, s.values.length)}`;

describe("the WPS self-test page", () => {
  it("runs every step in WPS 表格, ends with a transcript to copy, and leaves the clerk's workbook as it was", SLOW, async () => {
    session = await preparePane(browser, pane, { seed: "clerk", host: "wps", viewport: { width: 520, height: 900 } });
    const { page } = session;
    const S = "selftest";
    const before = await step(session, S, "open the page on the clerk's workbook", async () => {
      const res = await page.goto(`${pane.url}/wps/selftest.html`);
      expect(res?.headers()["content-security-policy"]).toBe(WPS_CSP);
      return {
        names: await workbook(page, (x) => x.sheetNames()),
        active: await workbook(page, (x) => x.activeSheet()),
        cells: await Promise.all(clerk.sheets.map((s) => workbook(page, (x, a) => x.values(a.name, a.range), { name: s.name, range: clerkRange(s) }))),
      };
    });
    await step(session, S, "it ends saying every step passed and shows the transcript", async () => {
      await page.locator("body[data-done]").waitFor({ timeout: 60_000 });
      await page.getByText(/^自检完成：\d+ 项全部通过，临时工作表已删除。/).waitFor();
      expect(await page.locator("body").getAttribute("data-done")).toBe("ok");
      expect(await page.locator("#copy").isEnabled()).toBe(true);
    });
    await screenshot(page, "wps-selftest-01-done");
    await step(session, S, "the scratch sheets are gone; the clerk's sheets, their cells and the active sheet are as they were", async () => {
      expect(await workbook(page, (x) => x.sheetNames())).toEqual(before.names);
      expect(await workbook(page, (x) => x.activeSheet())).toBe(before.active);
      const after = await Promise.all(clerk.sheets.map((s) => workbook(page, (x, a) => x.values(a.name, a.range), { name: s.name, range: clerkRange(s) })));
      expect(after).toEqual(before.cells);
    });
    await step(session, S, "the copy button puts exactly the shown transcript on the clipboard", async () => {
      await session.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: pane.url });
      await page.locator("#copy").click();
      await page.getByText("已复制，可粘贴到邮件或聊天中发送。").waitFor();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await page.locator("#transcript").textContent());
    });
    await step(session, S, "no Content-Security-Policy rule was broken and nothing was asked of another origin", async () => {
      await assertNoCspViolations(page);
      expect(session.errors).toEqual([]);
    });
  });

  it("the transcript the page showed names only the clerk's sheets, carries the browser, and replays against the double with no mismatch", async () => {
    const transcript = JSON.parse((await session.page.locator("#transcript").textContent()) ?? "") as Transcript;
    expect(transcript.format).toBe("tiaojie-wps-transcript");
    expect(transcript.seed.sheets.map((s) => s.name)).toEqual(clerk.sheets.map((s) => s.name));
    expect(transcript.seed.sheets.every((s) => s.values.length === 0)).toBe(true);
    expect(transcript.about?.userAgent).toContain("Chrome/");
    expect(JSON.parse(transcript.about?.features ?? "{}")).toMatchObject({ customElements: true, adoptedStyleSheets: true });
    expect(transcript.about?.steps).toMatch(/^(\d+)\/\1 ok$/);
    expect(transcript.entries.length).toBeGreaterThan(100);
    // No applicant of the clerk's ledger (a person's name) is anywhere in the record.
    const applicant = STANDARD_COLUMNS.findIndex((c) => c.key === "applicant");
    const names = clerk.sheets[0].values.slice(2, 20).map((r) => r[applicant]).filter((v): v is string => typeof v === "string" && v.length > 1);
    expect(names.length).toBeGreaterThan(5);
    const text = JSON.stringify(transcript);
    for (const name of names) expect(text).not.toContain(name);
    const replay = replayTranscript(transcript);
    expect(replay.entries).toBe(transcript.entries.length);
    expect(replay.mismatches).toEqual([]);
  });

  it("outside WPS the page says where to open it and still shows what it knows of the browser", SLOW, async () => {
    const context = await browser.newContext({ locale: "zh-CN" });
    try {
      const page = await context.newPage();
      await page.goto(`${pane.url}/wps/selftest.html`);
      await page.getByText("未检测到 WPS 表格：请在 WPS 表格中点“调解台账”选项卡的“环境自检”按钮打开本页。").waitFor();
      const shown = JSON.parse((await page.locator("#transcript").textContent()) ?? "") as Transcript;
      expect(shown.about?.inWps).toBe("no");
      expect(shown.entries).toEqual([]);
      await screenshot(page, "wps-selftest-02-outside-wps");
    } finally {
      await context.close();
    }
  });
});
