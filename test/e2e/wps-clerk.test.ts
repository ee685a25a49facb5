// The clerk's session of clerk.test.ts — connect, validate, push, write back with flags, re-push — in WPS 表格: the
// built WPS pane (dist/addin/wps/pane.html) over the WPS double, against the real Worker. Then what is WPS's own:
// the Worker serves the WPS pages under their policy, the pane asked nothing of any other origin, and an older
// embedded browser either still runs the pane (newer APIs stood in for) or is told plainly it cannot.
import { describe, expect, it } from "vitest";
import { clerkFlow, SLOW } from "./flows/clerk-flow.ts";
import { WPS_CSP } from "../../addin/hosts/wps/csp.ts";
import { preparePane, screenshot, step } from "./harness.ts";
import { button, openTab, waitForNote } from "./pane-ui.ts";

const ctx = clerkFlow("wps");

describe("the WPS pane's origin", () => {
  it("is served by the Worker itself at /wps/ under the WPS policy, which names no Microsoft origin", SLOW, async () => {
    for (const file of ["pane.html", "selftest.html", "ribbon.xml", "publish.xml", "jsplugins.xml", "index.html", "main.js"]) {
      const res = await fetch(`${ctx.worker.url}/wps/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.headers.get("content-security-policy"), file).toBe(WPS_CSP);
      expect(res.headers.get("x-content-type-options"), file).toBe("nosniff");
    }
    expect((await fetch(`${ctx.worker.url}/index.html`)).headers.get("content-security-policy")).toContain("appsforoffice.microsoft.com");
  });

  it("asked nothing of any other origin during the whole session", () => {
    expect(ctx.clerkPane.errors.filter((e) => e.startsWith("blocked request"))).toEqual([]);
  });
});

describe("the WPS pane in an older embedded browser", () => {
  it("without randomUUID, Object.hasOwn, replaceAll, structuredClone and replaceChildren still validates and pushes", SLOW, async () => {
    const p = await preparePane(ctx.browser, ctx.pane, { seed: "nanpu", host: "wps" });
    const { page } = p;
    const S = "older-browser";
    try {
      // What a Chromium of about 80 lacks (and any plain-http origin lacks randomUUID), taken away before the pane loads.
      await p.context.addInitScript(() => {
        const g = globalThis as unknown as Record<string, { prototype: object }>;
        for (const [target, name] of [[g.Crypto.prototype, "randomUUID"], [Object, "hasOwn"], [String.prototype, "replaceAll"], [globalThis, "structuredClone"],
          [g.Element.prototype, "replaceChildren"], [g.Document.prototype, "replaceChildren"], [g.DocumentFragment.prototype, "replaceChildren"]] as [object, string][]) {
          delete (target as Record<string, unknown>)[name];
        }
      });
      await step(p, S, "the pane opens with the stand-ins in place", async () => {
        await page.goto(`${ctx.pane.url}/wps/pane.html`);
        await page.locator("fluent-tablist fluent-tab").first().waitFor();
        expect(await page.evaluate(() => [Object.hasOwn, "".replaceAll, structuredClone, crypto.randomUUID, document.body.replaceChildren].map((f) => /\[native code\]/.test(String(f))))).toEqual([false, false, false, false, false]);
      });
      await step(p, S, "connect, validate, and push: every row unchanged since the session's push", async () => {
        await page.locator("fluent-text-input input").fill(ctx.nanpuClerk.token);
        await button(page, "连接").click();
        await page.locator("fluent-tab", { hasText: "上报" }).waitFor();
        await openTab(page, "校验");
        await button(page, "校验当前工作表").click();
        await waitForNote(page, "30 行案件：11 个错误，2 个警告。");
        await openTab(page, "上报");
        await button(page, "上报全部案件行").click();
        await waitForNote(page, /新增 0，更新 0，未变 \d+，退回 \d+。/);
      });
      expect(p.errors).toEqual([]);
    } finally {
      await p.context.close();
    }
  });

  it("without ElementInternals the clerk reads in Chinese that this WPS cannot run the pane, and what to do instead", SLOW, async () => {
    const p = await preparePane(ctx.browser, ctx.pane, { seed: "nanpu", host: "wps" });
    const { page } = p;
    try {
      await p.context.addInitScript(() => {
        delete (HTMLElement.prototype as unknown as Record<string, unknown>).attachInternals;
      });
      await page.goto(`${ctx.pane.url}/wps/pane.html`);
      await page.getByRole("heading", { name: "调解台账无法在这个版本的 WPS 中运行" }).waitFor();
      await page.getByText(/这台电脑的 WPS 内置浏览器（Chromium \d+）缺少窗格需要的功能：ElementInternals（表单控件）。/).waitFor();
      await page.getByText("请把 WPS 升级到最新版本后重新打开窗格").waitFor();
      await screenshot(page, "wps-05-browser-too-old");
      // None of the pane's code ran: no tab, no error.
      expect(await page.locator("fluent-tab").count()).toBe(0);
      expect(p.errors).toEqual([]);
    } finally {
      await p.context.close();
    }
  });
});
