// 统计分析 in real Chromium against the real Worker: the coordinator writes the four cross-tables and the trend
// (native charts, totals equal to the API's) for a 片区, then the 月报 as an A4 portrait form; each sheet is also
// rendered through LibreOffice next to the screenshots, to be looked at.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Stats } from "../../ledger/api/stats.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { addDays } from "../../ledger/period.ts";
import { periodText } from "../../ledger/reports/form-text.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import {
  addUnit, api, createToken, openPane, screenshot, startPaneSession, step, stopPaneSession,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";

const SLOW = { timeout: 120_000 };
const UNITS = [
  { name: "山腰街道", prefix: "SY", seed: 31 },
  { name: "南埔镇", prefix: "NP", seed: 32 },
  { name: "界山镇", prefix: "JS", seed: 33 },
];
// The month the page offers first: the one just ended, by the pane's clock (the same day as the Worker's, TIAOJIE_TODAY).
const MONTH = previousMonth(todayInChina());
function previousMonth(day: string): string {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let coordinator: string;
let office: OpenPane;

beforeAll(async () => {
  ({ worker, pane, browser } = await startPaneSession({ nanpu: sampleSeed("nanpu-2026-with-errors.xlsx") }));
  coordinator = (await createToken(worker.url, "coordinator")).token;
  const to = addDays(todayInChina(), -1);
  for (const u of UNITS) {
    await addUnit(worker.url, u.name);
    const cases = generateCases({ seed: u.seed, count: 150, unit: u.name, prefix: u.prefix, successShare: 0.7, mediators: ["陈美华"], from: `${Number(MONTH.slice(0, 4)) - 1}-01-01`, to, asOf: to });
    await api(worker.url, coordinator, `/api/pushes/e2e-${u.prefix}-stats/chunks`, {
      method: "POST",
      headers: { "Idempotency-Key": `e2e-${u.prefix}-stats-c0` },
      body: { unit: u.name, wholeLedger: true, chunkIndex: 0, chunkCount: 1, rows: cases.map((c, i) => ({ row: i + 3, values: c })) },
    });
  }
  await api(worker.url, coordinator, "/api/zones", { method: "PUT", body: { zones: { 北片: ["山腰街道", "界山镇"], 南片: ["南埔镇"] } } });
  office = await openPane(browser, pane, { seed: "nanpu" });
  await office.page.locator("fluent-text-input input").fill(coordinator);
  await button(office.page, "连接").click();
  await openTab(office.page, "统计分析");
}, 240_000);

afterAll(() => stopPaneSession({ worker, pane, browser }, office));

describe("the coordinator's 统计分析 and 月报", () => {
  it("生成统计分析表 writes the four cross-tables and the trend for a 片区, each with its totals and native charts", SLOW, async () => {
    const { page } = office;
    const S = "stats";
    const expected = await api<Stats>(worker.url, coordinator, `/api/stats?period=${MONTH}&group=${encodeURIComponent("zone:北片")}`);
    expect(expected.totals.received).toBeGreaterThan(0);
    // The zone has towns only: the towns' sheet, no departments' sheet.
    const names = ["领域×镇街", "被申请人×领域", "来源×结果", "阶段×结果", "月度趋势"].map((n) => `${n} ${periodText(MONTH)}`);
    await step(office, S, "choose the month and the zone, create the sheets", async () => {
      await expect.poll(() => page.locator("select#stats-group option").count()).toBe(5);
      expect(await page.locator("select#stats-period").inputValue()).toBe(MONTH);
      await page.locator("select#stats-group").selectOption({ label: "片区：北片" });
      await button(page, "生成统计分析表").click();
      await waitForNote(page, `已生成 5 张工作表：${names.join("、")}。每张交叉表带行列合计和图表；${expected.totals.received} 件收案，${expected.totals.concluded} 件办结。`);
    });
    await screenshot(page, "60-coordinator-stats");
    await step(office, S, "domain × town: the zone's towns as columns, a 合计 row and column equal to the API's", async () => {
      const t = expected.tables.domainByUnit;
      expect(t.cols).toEqual(["山腰街道", "界山镇"]);
      const cells = await excel(page, (x, a) => x.values(a.sheet, a.address), { sheet: names[0], address: `A4:D${5 + t.rows.length}` });
      expect(cells[0]).toEqual(["纠纷领域", "山腰街道", "界山镇", "合计"]);
      expect(cells.slice(1, -1).map((r) => r[0])).toEqual(t.rows);
      expect(cells.at(-1)).toEqual(["合计", ...t.colTotals, t.total]);
      expect(t.total).toBe(expected.totals.received);
      expect(await excel(page, (x) => x.activeSheet())).toBe(names[0]);
    });
    await step(office, S, "a chart on every sheet, drawn from the sheet's own cells", async () => {
      const charts = await Promise.all(names.map((n) => excel(page, (x, s) => x.charts(s), n)));
      // Each source's outcomes are the parts of its whole: stacked bars (report-renderers draws the stacked kinds).
      expect(charts.map((c) => c.map((x) => x.type))).toEqual([["BarClustered"], ["BarClustered"], ["BarStacked"], ["BarStacked"], ["Line", "Line"]]);
      expect(charts[0][0]).toMatchObject({ title: "各领域收案数（镇（街道））", seriesBy: "Columns" });
      // An outcome no case had is left out of the table and the chart.
      const so = expected.tables.sourceByOutcome;
      expect(charts[2][0].series.map((s) => s.name)).toEqual(so.cols.filter((_, j) => so.colTotals[j] > 0));
      expect(charts[4][1]).toMatchObject({ title: "调解成功率", valueFormat: "0%" });
      const trend = await excel(page, (x, s) => x.values(s, "A5:B16"), names[4]);
      expect(trend.map((r) => r[0])).toEqual(expected.trend.map((m) => periodText(m.month)));
      expect(trend.map((r) => r[1])).toEqual(expected.trend.map((m) => m.received));
    });
    await step(office, S, "render the domain × unit sheet", () => renderSheet(page, names[0], "60b-stats-domain-unit-sheet"));
    await step(office, S, "render the source × outcome sheet", () => renderSheet(page, names[2], "60c-stats-source-outcome-sheet"));
    await step(office, S, "render the trend sheet", () => renderSheet(page, names[4], "60d-stats-trend-sheet"));
  });

  it("生成统计月报 writes the 月报 form: title, 填报单位（盖章）, 统计期间, 本期 / 上年同期 / 同比 / 本年累计 and the lines to sign", SLOW, async () => {
    const { page } = office;
    const S = "monthly-report";
    const expected = await api<Stats>(worker.url, coordinator, `/api/stats?period=${MONTH}`);
    const sheet = `月报 ${periodText(MONTH)}`;
    await step(office, S, "whole district, a filer typed, create the report", async () => {
      await page.locator("select#stats-group").selectOption({ label: "全区" });
      await page.locator("fluent-text-input#stats-filer input").fill("泉港区司法局");
      await button(page, "生成统计月报").click();
      await waitForNote(page, `已生成工作表“${sheet}”：A4 纵向，可直接打印，审核人、填表人处手签。`);
    });
    await screenshot(page, "61-coordinator-monthly-report");
    await step(office, S, "the form's lines and the period's figures as the API gives them", async () => {
      const size = await excel(page, (x, s) => x.size(s), sheet);
      const cells = await excel(page, (x, a) => x.values(a.s, `A1:I${a.rows}`), { s: sheet, rows: size.rows });
      expect(cells[0][0]).toBe("行政争议调解工作统计月报");
      expect(cells[1][0]).toBe("填报单位：泉港区司法局（盖章）");
      expect(String(cells[1][5])).toMatch(/^填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
      expect(cells[2][0]).toBe(`统计期间：${periodText(MONTH)}`);
      const f = expected.totals;
      // 本期 in column B, 上年同期 D, 同比 F, 本年累计 H: each figure two columns wide.
      expect(cells.find((r) => r[0] === "收案数")![1]).toBe(f.received);
      expect(cells.find((r) => r[0] === "期末在办数")![1]).toBe(f.open);
      expect(cells.at(-1)!.filter((v) => v !== "")).toEqual(["单位负责人：________", "审核人：________", "填表人：________", "联系电话：________"]);
      expect(await excel(page, (x, s) => x.charts(s), sheet)).toEqual([]);
    });
    await step(office, S, "render the 月报", () => renderSheet(page, sheet, "61b-monthly-report-sheet"));
  });
});
