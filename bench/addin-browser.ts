// The task pane in real Chromium (playwright-core, /usr/bin/chromium) with the Excel double in place of office.js:
// (1) load-to-interactive: navigation start → Office ready and the pane's tabs rendered with their Fluent
//     components defined; baseline: a blank page's load event from the same server, same run.
// (2) "Validate" → highlights on a 20,000-row ledger: click → the "highlighted N cells" message (read in ≤ 4 MB
//     chunks, validated, marks written as conditional formats); baseline: ledger/'s validateLedger alone on the
//     same 20,000 rows in Node.
// Both measured inside the page with performance.now(), so the DevTools protocol's latency is not counted.
// No Worker is needed: validation runs offline. Medians of several runs, each in a fresh browser context.
import type { Page } from "playwright-core";
import { validateLedger } from "../ledger/validate.ts";
import { STANDARD_COLUMNS, layOut } from "../test/fixtures/ledger-layout.ts";
import { generateCases } from "../test/fixtures/case-generator.ts";
import type { WorkbookSeed } from "../test/support/excel-double/model.ts";
import { ensureAddinBuilt, launchBrowser, openPane, preparePane, startPaneServer } from "../test/e2e/harness.ts";
import { median } from "./stats.ts";
import { printFigures, type Figure } from "./report.ts";

const ROWS = 20_000;
const LOAD_RUNS = 7;
const VALIDATE_RUNS = 3;


/** A messy 20,000-row town ledger with a planted mistake every 40 rows and a bad phone every 25. */
function bigLedger(): unknown[][] {
  const cases = generateCases({ seed: 20, count: ROWS, unit: "山腰街道", prefix: "SY" });
  const laid = layOut(cases, { title: "泉港区山腰街道行政争议调解工作台账（2026年）", columns: STANDARD_COLUMNS, dateStyle: "mixed", totalRow: true, blankEvery: 50 });
  const col = (key: string) => STANDARD_COLUMNS.findIndex((c) => c.key === key);
  laid.caseRows.forEach((row, i) => {
    if (i % 40 === 7) laid.grid[row - 1][col("receivedOn")] = "2026.13.45";
    if (i % 25 === 3) laid.grid[row - 1][col("phone")] = "12345";
  });
  return laid.grid;
}

/** Time from navigation start until the pane can be used: tabs rendered, Fluent elements upgraded. */
async function loadToInteractive(page: Page, url: string): Promise<number> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as { __interactiveAt?: number };
    const check = () => {
      if (w.__interactiveAt === undefined && document.querySelector("#app fluent-tab") && customElements.get("fluent-tab") && customElements.get("fluent-button")) {
        w.__interactiveAt = performance.now();
      }
    };
    new MutationObserver(check).observe(document, { subtree: true, childList: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { __interactiveAt?: number }).__interactiveAt !== undefined);
  return page.evaluate(() => (globalThis as unknown as { __interactiveAt: number }).__interactiveAt);
}

/** Click → "已标记 N 个单元格", measured in the page. */
function validateToHighlights(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const bars = () => [...document.querySelectorAll("fluent-message-bar")].filter((m) => (m.textContent ?? "").includes("已标记"));
    for (const b of bars()) b.remove();
    const button = [...document.querySelectorAll("fluent-button")].find((b) => (b.textContent ?? "").includes("校验当前工作表")) as HTMLElement;
    const t0 = performance.now();
    button.click();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("no highlights after 120 s")), 120_000);
      const observer = new MutationObserver(() => {
        if (bars().length > 0) {
          observer.disconnect();
          clearTimeout(timer);
          resolve();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    return performance.now() - t0;
  });
}

export async function run(): Promise<Figure[]> {
  ensureAddinBuilt();
  const grid = bigLedger();
  const seed: WorkbookSeed = { sheets: [{ name: "台账", values: grid as WorkbookSeed["sheets"][0]["values"] }] };
  // The page talks to no Worker here; /api would go nowhere.
  const pane = await startPaneServer("http://127.0.0.1:9");
  pane.addSeed("small", { sheets: [{ name: "台账", values: grid.slice(0, 60) as WorkbookSeed["sheets"][0]["values"] }] });
  pane.addSeed("big", seed);
  const browser = await launchBrowser();
  try {
    const blank: number[] = [];
    const pane50: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${pane.url}/__e2e/blank.html`);
      blank.push(await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd));
      await ctx.close();
      const p = await preparePane(browser, pane, { seed: "small" });
      pane50.push(await loadToInteractive(p.page, `${pane.url}/index.html`));
      await p.context.close();
    }

    const p = await openPane(browser, pane, { seed: "big" });
    await p.page.locator("fluent-tab", { hasText: "校验" }).click();
    await p.page.locator("fluent-button", { hasText: "校验当前工作表" }).waitFor();
    const validate: number[] = [];
    for (let i = 0; i < VALIDATE_RUNS; i++) validate.push(await validateToHighlights(p.page));
    const formats = await p.page.evaluate(() => (globalThis as unknown as { __excelDouble: { conditionalFormats(s: string): unknown[] } }).__excelDouble.conditionalFormats("台账").length);
    if (formats === 0) throw new Error("validation left no highlights: the benchmark measured nothing");
    await p.context.close();

    const pure: number[] = [];
    for (let i = 0; i < VALIDATE_RUNS; i++) {
      const t0 = performance.now();
      validateLedger(grid, { locale: "zh-CN" });
      pure.push(performance.now() - t0);
    }

    return [
      {
        bench: "addin-browser",
        measure: "task pane load → interactive (Chromium, median of 7)",
        value: median(pane50),
        unit: "ms",
        baseline: { name: "blank page load event, same server", value: median(blank) },
      },
      {
        bench: "addin-browser",
        measure: `"Validate" → highlighted issues, ${ROWS.toLocaleString("en-US")} rows (median of ${VALIDATE_RUNS})`,
        value: median(validate),
        unit: "ms",
        baseline: { name: "validateLedger alone in Node, same rows", value: median(pure) },
      },
    ];
  } finally {
    await browser.close();
    await pane.close();
  }
}

if (import.meta.main) printFigures(await run());
