// The pane's parts fetched on demand, in real Chromium against the built pane: in Excel (the double) the first page
// opens with exactly the files bench/addin-bundle.ts counts outside any host, the entry marks the pane as started, and
// a page whose code cannot be fetched (the network dropped after the pane opened) says so in Chinese and opens on
// Retry once it is back.
import type { Browser, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstLoadInBrowser } from "../../scripts/first-load.ts";
import { ADDIN_DIST, assertNoCspViolations, createToken, openPane, preparePane, screenshot, startPaneSession, step, stopPaneSession, type OpenPane, type PaneServer, type TestWorker } from "./harness.ts";
import { button, note, tab, waitForNote } from "./pane-ui.ts";

const SLOW = { timeout: 120_000 };

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let office: OpenPane | undefined;

beforeAll(async () => {
  ({ worker, pane, browser } = await startPaneSession({ blank: { sheets: [{ name: "Sheet1", values: [["会议议程"]] }] } }));
}, 240_000);

afterAll(() => stopPaneSession({ worker, pane, browser }, office));

const assetOf = (url: string) => new URL(url).pathname.replace(/^\//, "");

describe("the pane's parts fetched on demand", () => {
  it("opens the Connect page in Excel with the files the bench counts as the first load, and marks itself started", SLOW, async () => {
    const first = new Set((await firstLoadInBrowser(ADDIN_DIST, "index.html")).first.map((f) => f.file));
    const opened = await preparePane(browser, pane, { seed: "blank" });
    const fetched: string[] = [];
    opened.page.on("request", (r: Request) => {
      if (r.url().startsWith(pane.url) && /\.(js|css)$/.test(new URL(r.url()).pathname)) fetched.push(assetOf(r.url()));
    });
    await opened.page.goto(`${pane.url}/index.html`);
    await step(opened, "on-demand", "the Connect page is there", () => button(opened.page, "连接").waitFor());
    expect(await opened.page.evaluate(() => document.documentElement.getAttribute("data-pane"))).toBe("started");
    await opened.page.waitForLoadState("networkidle");
    // The pane's chunks are vite's assets/; a classic script beside the page (the old-Excel notice) is not the pane's.
    expect([...new Set(fetched.filter((f) => f.startsWith("assets/")))].sort()).toEqual([...first].sort());
    await opened.context.close();
  });

  it("says in Chinese that a page could not be fetched, and opens it on 重试 once the network is back", SLOW, async () => {
    const court = (await createToken(worker.url, "court")).token;
    office = await openPane(browser, pane, { seed: "blank" });
    const { page, context } = office;
    const S = "on-demand";
    const first = new Set((await firstLoadInBrowser(ADDIN_DIST, "index.html")).first.map((f) => f.file));
    let offline = true;
    // The pane opened; now every chunk it did not need yet fails as a dropped connection would.
    await context.route((url) => url.href.startsWith(`${pane.url}/assets/`) && !first.has(assetOf(url.href)), (route) =>
      offline ? route.abort("internetdisconnected") : route.fallback());
    await step(office, S, "connect as the court liaison", async () => {
      await page.locator("fluent-text-input input").first().fill(court);
      await button(page, "连接").click();
      await tab(page, "法院案件").waitFor();
    });
    await step(office, S, "法院案件 cannot be fetched: a clear message and a Retry button", async () => {
      await tab(page, "法院案件").click();
      const text = await waitForNote(page, "未能打开");
      expect(text).toContain("“法院案件”页未能打开");
      expect(text).toContain("请检查网络连接后点“重试”");
      await button(page, "重试").waitFor();
    });
    await screenshot(page, "on-demand-01-page-not-fetched");
    await step(office, S, "back online on a slow line, 重试 says the page is opening, then opens it", async () => {
      offline = false;
      let release = () => {};
      const held = new Promise<void>((r) => (release = r));
      await context.route((url) => url.href.startsWith(`${pane.url}/assets/`) && !first.has(assetOf(url.href)), async (route) => {
        await held;
        await route.fallback();
      });
      await button(page, "重试").click();
      await page.getByText("正在打开此页…").waitFor();
      await screenshot(page, "on-demand-02-page-opening");
      release();
      await button(page, "生成法院案件表").waitFor();
      expect(await note(page, "未能打开").count()).toBe(0);
    });
    await screenshot(page, "on-demand-03-page-after-retry");
    await assertNoCspViolations(page);
  });
});
