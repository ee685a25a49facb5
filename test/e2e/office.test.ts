// The district office's side in real Chromium against the real Worker: the coordinator's flag sheet, the rankings
// sheet that explains itself and one unit's drill-down, and the pane in English when Office's display language is en-US.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { runValidation } from "../../addin/pane/logic/validate.ts";
import { FLAG_NAMES, type FlagCode } from "../../ledger/api/flags.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import {
  addUnit, api, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed, SAMPLE_DAY } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";
import { dayText } from "../../ledger/reports/form-text.ts";
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
  [worker, browser, nanpuSeed] = await Promise.all([startWorker(undefined, SAMPLE_DAY), launchBrowser(), sampleSeed("nanpu-2026-with-errors.xlsx")]);
  pane = await startPaneServer(worker.url);
  pane.today = SAMPLE_DAY;
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
    const expected = (await api<{ flags: { severity: string; unit: string; caseNo: string | null; code: FlagCode }[] }>(worker.url, coordinator, "/api/flags")).flags;
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
      expect(cells[0]).toEqual(["级别", "单位", "案件编号", "预警类型", "预警内容", "到期日"]);
      const rank = { 高: 0, 中: 1, 低: 2 } as Record<string, number>;
      const severities = cells.slice(1).map((r) => rank[String(r[0])]);
      expect(severities).toEqual([...severities].sort((a, b) => a - b));
      // Each flag's kind by its Chinese name, never its code.
      expect(cells.slice(1).map((r) => r[3]).sort()).toEqual(expected.map((f) => FLAG_NAMES[f.code].zh).sort());
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

  it("the rankings sheet for a period explains itself, and one unit's drill-down lists the cases behind each indicator", { timeout: 180_000 }, async () => {
    const { page } = office;
    const S = "rankings";
    const expected = await api<{ asOf: string; units: { unit: string; rank: number | null; indicators: Record<string, { num: number; den: number }> }[] }>(worker.url, coordinator, "/api/rankings?period=2026");
    const n = expected.units.length;
    expect(n).toBe(UNITS.length);
    await step(office, S, "choose the year 2026 and create the sheet", async () => {
      await openTab(page, "考评排名");
      await page.locator("select#period").selectOption("2026");
      await button(page, "生成排名工作表").click();
      // Three towns and no department: the towns' summary and detail.
      await waitForNote(page, "已生成 2 张工作表：“考评排名（镇街） 2026年”、“得分明细（镇街） 2026年”。");
    });
    await screenshot(page, "11-rankings");
    const sheet = "考评排名（镇街） 2026年";
    await step(office, S, "a title with the period, the as-of day, then the towns under a two-level header, one row per unit; the detail long", async () => {
      const top = await excel(page, (x, s) => x.values(s, "A1:A3"), sheet);
      expect(top[0][0]).toBe("2026年镇（街道）行政争议调解工作考评排名");
      expect(String(top[2][0])).toContain(`统计截至：${dayText(expected.asOf)}`);
      const head = await excel(page, (x, s) => x.values(s, "A5:I6"), sheet);
      expect(head[0].slice(0, 4)).toEqual(["排名", "单位", "综合得分", "受理率"]);
      expect(head[1].slice(3, 9)).toEqual(["比率", "判定", "得分", "比率", "判定", "得分"]);
      const merges = await excel(page, (x, s) => x.merges(s), sheet);
      expect(merges).toEqual(expect.arrayContaining(["A5:A6", "D5:F5", "G5:I5"]));
      const rows = await excel(page, (x, a) => x.values(a.s, a.r), { s: sheet, r: `A7:E${6 + n}` });
      const byRank = [...expected.units].sort((a, b) => (a.rank ?? 99) - (b.rank ?? 99));
      expect(rows.map((r) => r[1])).toEqual(byRank.map((u) => u.unit));
      expect(rows.map((r) => r[3])).toEqual(byRank.map((u) => u.indicators.acceptance.num / u.indicators.acceptance.den));
      expect((await excel(page, (x, s) => x.format(s, "D7"), sheet)).numberFormat).toBe("0.0%");
      expect((await excel(page, (x, s) => x.format(s, "C7"), sheet)).numberFormat).toBe("0.0");
      // Widths set in the same write sync as the values: nothing else was written after it.
      const widths = await excel(page, (x, s) => x.columnWidths(s), sheet);
      expect(Object.keys(widths).length).toBeGreaterThan(10);
      const detail = await excel(page, (x, s) => x.values(s, "A4:M6"), "得分明细（镇街） 2026年");
      expect(detail[0].slice(3, 8)).toEqual(["指标", "分子", "分母", "比率", "95% 区间"]);
      expect(detail[2].slice(3, 6)).toEqual(["受理率", byRank[0].indicators.acceptance.num, byRank[0].indicators.acceptance.den]);
    });
    const png = await renderSheet(page, sheet, "11-rankings-sheet");
    if (png) expect(png).toMatch(/\.png$/);
    await step(office, S, "pick 山腰街道 and create its drill-down: each indicator's n/N as the ranking counts it, then its cases", async () => {
      await page.locator("select#drill-unit option", { hasText: "山腰街道" }).waitFor({ state: "attached" });
      await page.locator("select#drill-unit").selectOption("山腰街道");
      const syncsBefore = await excel(page, (x) => x.syncCount());
      await button(page, "生成明细表").click();
      await waitForNote(page, /已生成工作表“考评明细 山腰街道 2026年”：未受理 \d+、调解未成功 \d+、超期办结 \d+、承诺未按期兑现 \d+、被退回的行 \d+。/);
      const kinds = (await excel(page, (x, since) => x.syncs(since), syncsBefore)).map((s) => s.kind);
      expect(kinds).toEqual(["read", "write"]);
      const d = "考评明细 山腰街道 2026年";
      const size = await excel(page, (x, s) => x.size(s), d);
      const all = await excel(page, (x, a) => x.values(a.s, a.r), { s: d, r: `A1:A${size.rows}` });
      const mine = expected.units.find((u) => u.unit === "山腰街道")!;
      const headings = all.map((r) => String(r[0] ?? "")).filter((t) => /^\S+ [\d.]+\/[\d.]+ = /.test(t)).map((t) => t.split(" = ")[0]);
      expect(headings).toEqual([
        `受理率 ${mine.indicators.acceptance.num}/${mine.indicators.acceptance.den}`,
        `调解成功率 ${mine.indicators.success.num}/${mine.indicators.success.den}`,
        `按期办结率 ${mine.indicators.onTime.num}/${mine.indicators.onTime.den}`,
        `承诺兑现率 ${mine.indicators.commitments.num}/${mine.indicators.commitments.den}`,
        `诉前化解率 ${mine.indicators.preSuit.num}/${mine.indicators.preSuit.den}`,
        `台账规范率 ${mine.indicators.ledgerQuality.num}/${mine.indicators.ledgerQuality.den}`,
        `评查得分 ${mine.indicators.review.num}/${mine.indicators.review.den}`,
      ]);
      expect(all.some((r) => String(r[0]).startsWith("SY-"))).toBe(true);
    });
    await screenshot(page, "11c-drilldown");
    await renderSheet(page, "考评明细 山腰街道 2026年", "11c-drilldown-sheet");
    await step(office, S, "the subsidy statement for the same year: each mediator's cases, their totals and the district's", async () => {
      const s = await api<{ total: number; lines: unknown[]; mediators: { mediator: string; amount: number }[] }>(worker.url, coordinator, "/api/subsidies?period=2026");
      expect(s.lines.length).toBeGreaterThan(0);
      await button(page, "生成办案补贴表").click();
      await waitForNote(page, `已生成工作表“补贴汇总 2026年”：${s.mediators.length} 名调解员，合计 ${s.total.toFixed(2)} 元。`);
      const rows = s.lines.length + s.mediators.length + 1;
      // The title and the form's three lines (letterhead, period, tiers) above the table.
      const cells = await excel(page, (x, a) => x.values("补贴明细 2026年", a), `A5:H${rows + 5}`);
      expect(cells[0]).toEqual(["调解员", "单位", "案件编号", "难易程度", "案件金额（元）", "本人应得（元）", "应付日期", "备注"]);
      expect(cells[rows][0]).toBe("全区合计");
      expect(cells[rows][5]).toBe(s.total);
      const first = s.mediators[0];
      expect(cells.find((r) => r[0] === `${first.mediator} 合计`)?.[5]).toBe(first.amount);
    });
    await screenshot(page, "11b-subsidies");
  });
});

describe("the assessment office's weights", () => {
  it("shows the period's default weights, refuses a set that does not total 100, saves one that does, and the rankings sheet is re-written with the new points", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "nanpu" });
    const { page } = p;
    const S = "weights";
    try {
      await step(p, S, "connect as the assessment office and open 考评排名 for 2026-Q2", async () => {
        await connect(p, assessor, "连接", "已连接：全部单位（考评办）");
        // The page asks for the weights of the period it shows first; that answer comes late, after the one for the
        // period picked since, and must not overwrite it.
        let firstAsk = true;
        pane.fault = async (req) => {
          if (firstAsk && req.url?.startsWith("/api/rankings/weights")) {
            firstAsk = false;
            await new Promise((r) => setTimeout(r, 1_500));
          }
          return "pass" as const;
        };
        await openTab(page, "考评排名");
        await page.locator("select#period").selectOption("2026-Q2");
        await page.getByText("2026-Q2 使用默认权重").waitFor();
        await new Promise((r) => setTimeout(r, 2_000));
        pane.fault = null;
        expect(await page.getByText("2026-Q2 使用默认权重").count()).toBe(1);
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
        expect(await page.locator("#weight-success").inputValue()).toBe("35");
      });
      await screenshot(page, "16-weights-saved");
      await step(p, S, "the rankings sheet written again carries the new weights and the points they give, unit by unit", async () => {
        type Ranked = { unit: string; kind: string; rank: number | null; indicators: Record<string, { effectiveWeight: number; points: number; rate: number | null }> };
        const r = await api<{ weightsSource: string; units: Ranked[] }>(worker.url, assessor, "/api/rankings?period=2026-Q2");
        await button(page, "生成排名工作表").click();
        await waitForNote(page, "已生成 2 张工作表：“考评排名（镇街） 2026年第二季度”、“得分明细（镇街） 2026年第二季度”。");
        expect(String((await excel(page, (x, s) => x.values(s, "A3"), "考评排名（镇街） 2026年第二季度"))[0][0])).toContain("权重（本期设定）：受理率 15、调解成功率 35");
        const sheet = "得分明细（镇街） 2026年第二季度";
        const towns = r.units.filter((u) => u.kind === "town").sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, "zh-CN"));
        expect(towns.length).toBeGreaterThan(0);
        // The detail from row 6: per unit seven rows (受理率 first, then 调解成功率 …) of rank, unit, score, indicator,
        // n, N, rate, interval low and high, target, judgment, weight and points.
        const rows = await excel(page, (x, a) => x.values(a.s, a.r), { s: sheet, r: `A6:M${5 + 7 * towns.length}` });
        towns.forEach((u, i) => {
          const [acceptance, success] = [rows[7 * i], rows[7 * i + 1]];
          expect([acceptance[1], acceptance[3], success[3]]).toEqual([u.unit, "受理率", "调解成功率"]);
          const scored = u.indicators.acceptance.rate !== null;
          expect(acceptance[11]).toBe(Math.round(u.indicators.acceptance.effectiveWeight * 1000) / 10);
          expect(acceptance[12]).toBe(scored ? Math.round(u.indicators.acceptance.points * 10) / 10 : "—");
          expect(success[11]).toBe(Math.round(u.indicators.success.effectiveWeight * 1000) / 10);
        });
        // A unit with every indicator scored uses the saved weights themselves.
        const full = towns.find((u) => Object.values(u.indicators).every((x) => x.rate !== null));
        if (full) expect(full.indicators.acceptance.effectiveWeight).toBeCloseTo(0.15, 6);
      });
      await screenshot(page, "17-weights-rankings-rewritten");
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
      await step(p, S, "the rankings sheet has an English title and headers", async () => {
        await openTab(page, "Rankings");
        await page.locator("select#period").selectOption("2026");
        await button(page, "Create rankings sheet").click();
        await waitForNote(page, "Created 2 sheets: “Rankings (towns) 2026”, “Scores (towns) 2026”.");
        expect(await excel(page, (x) => x.values("Rankings (towns) 2026", "A1"))).toEqual([["Mediation assessment rankings: towns/streets, 2026"]]);
        const head = await excel(page, (x) => x.values("Rankings (towns) 2026", "A5:H6"));
        expect(head[0].slice(0, 4)).toEqual(["Rank", "Unit", "Score", "Acceptance rate"]);
        expect(head[1].slice(3, 6)).toEqual(["Rate", "Judgment", "Points"]);
      });
      await screenshot(page, "14-english-rankings");
    } finally {
      await p.context.close();
    }
  });
});
