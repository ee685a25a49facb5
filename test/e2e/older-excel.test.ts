// Older Excel, told plainly. In real Chromium over the Excel double: an Excel claiming Office 2019's ExcelApi 1.7
// opens the pane with one line saying what it cannot do, and the clerk still validates (marks included) and pushes,
// with no call above 1.7. Where the pane cannot run at all (Internet Explorer 11, EdgeHTML), the ES5 notice
// (addin/hosts/excel/assets/unsupported.js) says so and names what to use instead; it never shows in a normal run.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "acorn";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetter } from "../../ledger/columns.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { marksFromIssues, runValidation } from "../../addin/pane/logic/validate.ts";
import { markedCellCount, planMarkGroups } from "../../addin/hosts/shared/cells.ts";
import { SEVERITY_FILL } from "../../addin/hosts/shared/colours.ts";
import {
  ADDIN_DIST, addUnit, allCases, createToken, ensureAddinBuilt, launchBrowser, openPane, preparePane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { SAMPLE_DAY, sampleSeed } from "./fixtures.ts";
import { button, excel, note, openTab, waitForNote } from "./pane-ui.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

const NANPU = "南埔镇";
const SLOW = { timeout: 90_000 };
const NOTICE = "#tiaojie-unsupported";
const SOURCE = path.join(import.meta.dirname, "../../addin/hosts/excel/assets/unsupported.js");

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let seed: WorkbookSeed;
let clerk: string;
let coordinator: string;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser, seed] = await Promise.all([startWorker(undefined, SAMPLE_DAY), launchBrowser(), sampleSeed("nanpu-2026-with-errors.xlsx")]);
  pane = await startPaneServer(worker.url);
  pane.today = SAMPLE_DAY;
  pane.addSeed("nanpu", seed);
  await addUnit(worker.url, NANPU);
  clerk = (await createToken(worker.url, "clerk", NANPU)).token;
  coordinator = (await createToken(worker.url, "coordinator")).token;
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

async function connect(office: OpenPane): Promise<void> {
  await office.page.locator("fluent-text-input input").fill(clerk);
  await button(office.page, "连接").click();
  await office.page.locator("fluent-tab", { hasText: "上报" }).waitFor();
}

describe("a clerk in Office 2019 (ExcelApi 1.7)", () => {
  let office: OpenPane;
  afterAll(async () => office?.context.close());

  it("sees one line saying what this Excel cannot do, validates with marks, pushes, and the pane calls nothing above 1.7", SLOW, async () => {
    office = await openPane(browser, pane, { seed: "nanpu", excelApi: "1.7" });
    const { page } = office;
    const S = "office-2019";
    await step(office, S, "the line names what Office 2019 lacks, in Chinese, above every page", async () => {
      const line = await waitForNote(page, "此 Excel 版本较旧");
      expect(line).toContain("不能读取合并单元格");
      expect(line).toContain("“选中行”只认按住 Ctrl 选的第一块区域");
      expect(line).toContain("报表打印时页脚没有页码");
      expect(await page.locator("[data-host-limits]").count()).toBe(1);
      await connect(office);
      await openTab(page, "校验");
      expect(await page.locator("[data-host-limits]").count()).toBe(1);
    });
    const sheet = seed.sheets[0];
    const expected = runValidation(sheet.values as unknown[][], emptyColumnSettings(), { locale: "zh-CN", units: [NANPU], defaultUnit: NANPU })!;
    const groups = planMarkGroups(marksFromIssues(expected.result.issues));
    await step(office, S, "validating marks the bad cells through one format per area", async () => {
      await button(page, "校验当前工作表").click();
      await waitForNote(page, `${expected.result.dataRows} 行案件：${expected.errors} 个错误，${expected.warnings} 个警告。`);
      await waitForNote(page, `已标记 ${markedCellCount(groups)} 个单元格`);
      const formats = await excel(page, (x, name) => x.conditionalFormats(name), sheet.name);
      expect(formats.length).toBe(groups.reduce((n, g) => n + g.areas.length, 0));
      expect(formats.every((f) => f.areas.length === 1)).toBe(true);
      const mark = marksFromIssues(expected.result.issues).find((m) => m.severity === "error")!;
      const address = `${columnLetter(mark.column)}${mark.row}`;
      expect(await excel(page, (x, [name, a]) => x.conditionalFill(name, a), [sheet.name, address])).toBe(SEVERITY_FILL.error);
    });
    await screenshot(page, "older-excel-01-office-2019-validated");
    await step(office, S, "pushing works and D1 holds the valid cases", async () => {
      await openTab(page, "上报");
      await button(page, "上报全部案件行").click();
      const summary = await waitForNote(page, /新增 \d+，更新 \d+，未变 \d+，退回 \d+。/);
      const inserted = Number(/新增 (\d+)/.exec(summary)![1]);
      expect(inserted).toBeGreaterThan(0);
      expect(await allCases(worker.url, coordinator, NANPU)).toHaveLength(inserted);
    });
    await step(office, S, "no call went above ExcelApi 1.7 and the page logged no error", async () => {
      expect(await excel(page, (x) => x.aboveSet())).toEqual([]);
      expect(office.errors).toEqual([]);
    });
  });

  it("reads the line in English when Office's display language is English", SLOW, async () => {
    const en = await openPane(browser, pane, { seed: "nanpu", excelApi: "1.8", displayLanguage: "en-US" });
    try {
      const line = await waitForNote(en.page, "This version of Excel is older");
      expect(line).toContain("it cannot read merged cells");
      expect(line).not.toMatch(/[\u4e00-\u9fff]/);
    } finally {
      await en.context.close();
    }
  });

  it("shows no such line in a current Excel (ExcelApi 1.13)", SLOW, async () => {
    const current = await openPane(browser, pane, { seed: "nanpu" });
    try {
      await current.page.locator("fluent-tab").first().waitFor();
      expect(await current.page.locator("[data-host-limits]").count()).toBe(0);
    } finally {
      await current.context.close();
    }
  });

  it("opens without touching the workbook below ExcelApi 1.4, and says why instead of \"Excel is not here\"", SLOW, async () => {
    const old = await openPane(browser, pane, { seed: "nanpu", excelApi: "1.3" });
    try {
      const line = await waitForNote(old.page, "此 Excel 版本较旧");
      expect(line).toContain("不能读写工作簿");
      await connect(old);
      await openTab(old.page, "校验");
      expect(await note(old.page, "这里没有 Excel").count()).toBe(0);
      expect(await excel(old.page, (x) => x.aboveSet())).toEqual([]);
      expect(await excel(old.page, (x) => x.syncCount())).toBe(0);
    } finally {
      await old.context.close();
    }
  });
});

/** The pane page with its module script taken out, as an Excel whose browser cannot run modules never starts it. */
async function withoutModule(context: BrowserContext): Promise<void> {
  await context.route(`${pane.url}/index.html`, async (route) => {
    const response = await route.fetch();
    const html = (await response.text()).replace(/<script type="module"[^>]*><\/script>/, "");
    await route.fulfill({ response, body: html });
  });
}

describe("an Excel that cannot run the pane", () => {
  it("is told so in Chinese with an English line, pointing to the WPS add-in, the web page and tiaojie, when modules are unsupported (IE11)", SLOW, async () => {
    const office = await preparePane(browser, pane, { seed: "nanpu" });
    try {
      await withoutModule(office.context);
      // Trident has no module scripts at all: the script element has no noModule property.
      await office.context.addInitScript(() => {
        delete (HTMLScriptElement.prototype as unknown as { noModule?: boolean }).noModule;
      });
      await office.page.goto(`${pane.url}/index.html`);
      const text = await office.page.locator(NOTICE).innerText();
      expect(text).toContain("此版本的 Excel 不能运行调解台账任务窗格");
      expect(text).toContain(`${pane.url}/wps/`);
      expect(text).toContain("网页版");
      expect(text).toContain("tiaojie");
      expect(text).toContain("Microsoft Edge WebView2");
      expect(text).toContain("This version of Excel cannot run the Tiaojie Ledger pane");
      // Chinese first, English after it.
      expect(text.indexOf("此版本的 Excel")).toBeLessThan(text.indexOf("This version of Excel"));
      expect(office.errors).toEqual([]);
      await screenshot(office.page, "older-excel-02-cannot-run-notice");
    } finally {
      await office.context.close();
    }
  });

  it("is told the same in EdgeHTML, which has modules but cannot run the pane's", SLOW, async () => {
    const office = await preparePane(browser, pane, { seed: "nanpu" });
    try {
      await withoutModule(office.context);
      await office.context.addInitScript(() => {
        Object.defineProperty(navigator, "userAgent", { get: () => "Mozilla/5.0 (Windows NT 10.0; Win64; x64; WebView/3.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19041" });
      });
      await office.page.goto(`${pane.url}/index.html`);
      expect(await office.page.locator(NOTICE).innerText()).toContain("此版本的 Excel 不能运行调解台账任务窗格");
    } finally {
      await office.context.close();
    }
  });

  it("in a browser that could run it but did not get its script, says the pane did not start rather than blaming Excel", SLOW, async () => {
    const office = await preparePane(browser, pane, { seed: "nanpu" });
    try {
      await withoutModule(office.context);
      await office.page.goto(`${pane.url}/index.html`);
      const text = await office.page.locator(NOTICE).innerText();
      expect(text).toContain("调解台账任务窗格没能启动");
      expect(text).not.toContain("此版本的 Excel");
    } finally {
      await office.context.close();
    }
  });

  it("never shows in a normal run, before or after the page has loaded", SLOW, async () => {
    const office = await openPane(browser, pane, { seed: "nanpu" });
    try {
      await office.page.waitForLoadState("load");
      await office.page.waitForTimeout(300);
      expect(await office.page.locator(NOTICE).count()).toBe(0);
      expect(await office.page.evaluate(() => document.documentElement.getAttribute("data-pane"))).toBe("started");
      expect(await office.page.locator("fluent-tab").count()).toBeGreaterThan(0);
    } finally {
      await office.context.close();
    }
  });
});

describe("the notice script", () => {
  it("parses as ES5, so Internet Explorer 11 runs it", () => {
    const source = readFileSync(SOURCE, "utf8");
    expect(() => parse(source, { ecmaVersion: 5, sourceType: "script" })).not.toThrow();
    // The check can fail: an arrow function is not ES5.
    expect(() => parse("var f = () => 1;", { ecmaVersion: 5, sourceType: "script" })).toThrow();
  });

  it("ships with the built pane as a deferred script from our own origin, not inline", () => {
    const html = readFileSync(path.join(ADDIN_DIST, "index.html"), "utf8");
    expect(html).toMatch(/<script defer src="\.\/unsupported\.js"><\/script>/);
    expect(readFileSync(path.join(ADDIN_DIST, "unsupported.js"), "utf8")).toBe(readFileSync(SOURCE, "utf8"));
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });
});
