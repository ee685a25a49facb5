// The district office's side in real Chromium against the real Worker: the coordinator's flag sheet, the rankings
// sheet with its chart, and the pane in English when Office's display language is en-US.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { columnLetter } from "../../ledger/columns.ts";
import { emptyColumnSettings } from "../../addin/logic/columns.ts";
import { runValidation } from "../../addin/logic/validate.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import {
  addUnit, api, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

const SLOW = { timeout: 90_000 };
const UNITS = [
  { name: "山腰街道", prefix: "SY", seed: 11, successShare: 0.8 },
  { name: "南埔镇", prefix: "NP", seed: 12, successShare: 0.5 },
  { name: "界山镇", prefix: "JS", seed: 13, successShare: 0.65 },
];

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let nanpuSeed: WorkbookSeed;
let coordinator: string;
let assessor: string;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser, nanpuSeed] = await Promise.all([startWorker(), launchBrowser(), sampleSeed("nanpu-2026-with-errors.xlsx")]);
  pane = await startPaneServer(worker.url);
  pane.addSeed("nanpu", nanpuSeed);
  coordinator = (await createToken(worker.url, "coordinator")).token;
  assessor = (await createToken(worker.url, "assessor")).token;
  // Each unit's whole ledger, pushed as the CLI would (normalised rows), so flags and rankings have data.
  for (const u of UNITS) {
    await addUnit(worker.url, u.name);
    const cases = generateCases({ seed: u.seed, count: 80, unit: u.name, prefix: u.prefix, successShare: u.successShare });
    await api(worker.url, coordinator, `/api/pushes/e2e-${u.prefix}-seed/chunks`, {
      method: "POST",
      headers: { "Idempotency-Key": `e2e-${u.prefix}-seed-c0` },
      body: { unit: u.name, wholeLedger: true, chunkIndex: 0, chunkCount: 1, rows: cases.map((c, i) => ({ row: i + 3, values: c })) },
    }).catch(async (e) => {
      throw new Error(`seeding ${u.name}: ${(e as Error).message}`);
    });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

async function connect(p: OpenPane, token: string, connectLabel: string, connectedText: string): Promise<void> {
  await p.page.locator("fluent-text-input input").fill(token);
  await button(p.page, connectLabel).click();
  await waitForNote(p.page, connectedText).catch(async () => {
    // The pane moves to its first working page after connecting; the status is on the Connect page.
    await openTab(p.page, connectLabel);
    await waitForNote(p.page, connectedText);
  });
}

describe("the district office's sheets", () => {
  let office: OpenPane;

  beforeAll(async () => {
    office = await openPane(browser, pane, { seed: "nanpu" });
  });

  afterAll(async () => {
    await office?.context.close();
  });

  it("a coordinator pulls every unit's flags into the 预警清单 sheet, one table row per flag, coloured by severity", SLOW, async () => {
    const { page } = office;
    const S = "coordinator-flags";
    const expected = (await api<{ flags: { severity: string; unit: string; caseNo: string | null; code: string }[] }>(worker.url, coordinator, "/api/flags")).flags;
    expect(expected.length).toBeGreaterThan(0);
    await step(office, S, "connect as coordinator", () => connect(office, coordinator, "连接", "已连接：全部单位（协调员）"));
    await step(office, S, "pull the flags", async () => {
      await openTab(page, "预警清单");
      await button(page, "拉取预警到“预警清单”工作表").click();
      await waitForNote(page, `已写入 ${expected.length} 条预警。`);
    });
    await screenshot(page, "10-coordinator-flags");
    await step(office, S, "the sheet holds a table of exactly those flags, most severe first, and is the active sheet", async () => {
      expect(await excel(page, (x) => x.activeSheet())).toBe("预警清单");
      const tables = await excel(page, (x) => x.tables("预警清单"));
      expect(tables).toEqual([{ name: "TiaojieFlags", address: `A1:F${expected.length + 1}`, style: "TableStyleMedium2", hasHeaders: true }]);
      const cells = await excel(page, (x, a) => x.values("预警清单", a), `A1:F${expected.length + 1}`);
      expect(cells[0]).toEqual(["级别", "单位", "案件编号", "预警内容", "代码", "到期日"]);
      const rank = { 高: 0, 中: 1, 低: 2 } as Record<string, number>;
      const severities = cells.slice(1).map((r) => rank[String(r[0])]);
      expect(severities).toEqual([...severities].sort((a, b) => a - b));
      expect(cells.slice(1).map((r) => r[4]).sort()).toEqual(expected.map((f) => f.code).sort());
      const high = cells.findIndex((r, i) => i > 0 && r[0] === "高");
      if (high > 0) expect((await excel(page, (x, a) => x.format("预警清单", a), `A${high + 1}`)).fill).toBe("#FFC7CE");
    });
    await step(office, S, "pulling again rewrites the sheet instead of adding another", async () => {
      await button(page, "拉取预警到“预警清单”工作表").click();
      await expect.poll(() => excel(page, (x) => x.writes().filter((w) => w.kind === "deleteSheet").length)).toBe(1);
      await waitForNote(page, `已写入 ${expected.length} 条预警。`);
      expect((await excel(page, (x) => x.sheetNames())).filter((n) => n === "预警清单")).toHaveLength(1);
      expect(await excel(page, (x) => x.tables("预警清单").length)).toBe(1);
    });
  });

  it("the rankings sheet for a period has every unit, rates as percentages and a bar chart of the composite score", SLOW, async () => {
    const { page } = office;
    const S = "rankings";
    const expected = await api<{ units: { unit: string }[] }>(worker.url, coordinator, "/api/rankings?period=2026");
    const n = expected.units.length;
    expect(n).toBe(UNITS.length);
    await step(office, S, "choose the year 2026 and create the sheet", async () => {
      await openTab(page, "考评排名");
      await page.locator("select#period").selectOption("2026");
      await button(page, "生成排名工作表").click();
      await waitForNote(page, "已生成工作表“考评排名 2026”。");
    });
    await screenshot(page, "11-rankings");
    const sheet = "考评排名 2026";
    await step(office, S, "one table row per unit, in the server's order", async () => {
      const tables = await excel(page, (x, s) => x.tables(s), sheet);
      expect(tables).toHaveLength(1);
      expect(tables[0].name).toBe("TiaojieRanking_2026");
      const width = Number(/:([A-Z]+)\d+$/.exec(tables[0].address)![1].split("").reduce((a, ch) => a * 26 + ch.charCodeAt(0) - 64, 0));
      expect(tables[0].address).toBe(`A1:${columnLetter(width - 1)}${n + 1}`);
      const cells = await excel(page, (x, a) => x.values("考评排名 2026", a), `A1:D${n + 1}`);
      expect(cells[0]).toEqual(["排名", "单位", "类别", "综合得分"]);
      expect(cells.slice(1).map((r) => r[1])).toEqual(expected.units.map((u) => u.unit));
      // The composite score with one decimal, the acceptance rate (first indicator) as a percentage.
      expect((await excel(page, (x) => x.format("考评排名 2026", "D2"))).numberFormat).toBe("0.0");
      expect((await excel(page, (x) => x.format("考评排名 2026", "E2"))).numberFormat).toBe("0.0%");
      expect(typeof cells[1][3]).toBe("number");
    });
    await step(office, S, "the chart plots the composite score against the unit names, titled with the period", async () => {
      const charts = await excel(page, (x, s) => x.charts(s), sheet);
      expect(charts).toHaveLength(1);
      expect(charts[0]).toMatchObject({ type: "BarClustered", title: "综合得分 2026", legendVisible: false });
      expect(charts[0].series[0]).toMatchObject({ name: "综合得分", values: `D2:D${n + 1}`, xValues: `B2:B${n + 1}` });
      expect(await excel(page, (x, s) => x.autofits(s), sheet)).toBe(1);
      expect(await excel(page, (x) => x.activeSheet())).toBe(sheet);
    });
    await step(office, S, "the subsidy statement for the same year: each mediator's cases, their totals and the district's", async () => {
      const s = await api<{ total: number; lines: unknown[]; mediators: { mediator: string; amount: number }[] }>(worker.url, coordinator, "/api/subsidies?period=2026");
      expect(s.lines.length).toBeGreaterThan(0);
      await button(page, "生成办案补贴表").click();
      await waitForNote(page, `已生成工作表“办案补贴 2026”：${s.mediators.length} 名调解员，合计 ${s.total.toFixed(2)} 元。`);
      const rows = s.lines.length + s.mediators.length + 1;
      const cells = await excel(page, (x, a) => x.values("办案补贴 2026", a), `A1:G${rows + 1}`);
      expect(cells[0]).toEqual(["调解员", "单位", "案件编号", "难易程度", "案件金额（元）", "本人应得（元）", "应付日期"]);
      expect(cells[rows][0]).toBe("全区合计");
      expect(cells[rows][5]).toBe(s.total);
      const first = s.mediators[0];
      expect(cells.find((r) => r[0] === `${first.mediator} 合计`)?.[5]).toBe(first.amount);
    });
    await screenshot(page, "11b-subsidies");
  });
});

describe("the assessment office's weights", () => {
  it("shows the period's default weights, refuses a set that does not total 100 and saves one that does", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "nanpu" });
    const { page } = p;
    const S = "weights";
    try {
      await step(p, S, "connect as the assessment office and open 考评排名 for 2026-Q2", async () => {
        await connect(p, assessor, "连接", "已连接：全部单位（考评办）");
        await openTab(page, "考评排名");
        await page.locator("select#period").selectOption("2026-Q2");
        await page.getByText("2026-Q2 使用默认权重").waitFor();
        expect(await page.locator("#weight-success").inputValue()).toBe("30");
      });
      await step(p, S, "a set totalling 105 is refused in the pane and nothing is sent", async () => {
        await page.locator("#weight-success").fill("３５");
        await button(page, "保存本期权重").click();
        await waitForNote(page, "各项权重合计 105，不是 100：请调整使合计为 100。");
        const stored = await api<{ source: string }>(worker.url, assessor, "/api/rankings/weights?period=2026-Q2");
        expect(stored.source).toBe("default");
      });
      await screenshot(page, "15-weights-refused");
      await step(p, S, "a set totalling 100 is saved for the period and the rankings use it", async () => {
        await page.locator("#weight-acceptance").fill("15");
        await button(page, "保存本期权重").click();
        await waitForNote(page, "已保存 2026-Q2 的权重。");
        const stored = await api<{ source: string; weights: Record<string, number> }>(worker.url, assessor, "/api/rankings/weights?period=2026-Q2");
        expect(stored).toMatchObject({ source: "period", weights: { acceptance: 15, success: 35 } });
        const rankings = await api<{ weights: Record<string, number>; weightsSource: string }>(worker.url, assessor, "/api/rankings?period=2026-Q2");
        expect(rankings).toMatchObject({ weightsSource: "period", weights: { acceptance: 15, success: 35 } });
      });
      await screenshot(page, "16-weights-saved");
    } finally {
      await p.context.close();
    }
  });
});

describe("the pane in English", () => {
  it("follows Office's display language en-US: English tabs, messages, validation and sheet headers", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "nanpu", displayLanguage: "en-US" });
    const { page } = p;
    const S = "english";
    try {
      await step(p, S, "the title, tabs and Connect page are in English", async () => {
        await page.locator("h1", { hasText: "Tiaojie Ledger" }).waitFor();
        expect(await page.locator("fluent-tab").allInnerTexts()).toEqual(["Connect", "Columns", "Validate"]);
        await waitForNote(page, "Not connected.");
        expect(await page.evaluate(() => document.documentElement.lang)).toBe("en");
      });
      await step(p, S, "connect as the assessment office", () => connect(p, assessor, "Connect", "Connected: all units (assessment office)"));
      await screenshot(page, "12-english-connected");
      await step(p, S, "validation speaks English", async () => {
        const units = UNITS.map((u) => u.name);
        const run = runValidation(nanpuSeed.sheets[0].values as unknown[][], emptyColumnSettings(), { locale: "en", units })!;
        await openTab(page, "Validate");
        await button(page, "Validate this sheet").click();
        await waitForNote(page, `${run.result.dataRows} case rows: ${run.errors} errors, ${run.warnings} warnings.`);
        await waitForNote(page, /Highlighted \d+ cells \(no value changed\)\./);
        await page.locator("details summary", { hasText: "Row 3" }).first().waitFor();
      });
      await screenshot(page, "13-english-validated");
      await step(p, S, "the rankings sheet has English headers and chart title", async () => {
        await openTab(page, "Rankings");
        await page.locator("select#period").selectOption("2026");
        await button(page, "Create rankings sheet").click();
        await waitForNote(page, "Created the sheet “考评排名 2026”.");
        const head = await excel(page, (x) => x.values("考评排名 2026", "A1:D1"));
        expect(head).toEqual([["Rank", "Unit", "Kind", "Composite score"]]);
        expect((await excel(page, (x) => x.charts("考评排名 2026")))[0].title).toBe("Composite score 2026");
      });
      await screenshot(page, "14-english-rankings");
    } finally {
      await p.context.close();
    }
  });
});
