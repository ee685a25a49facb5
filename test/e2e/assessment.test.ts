// The assessment office's sheets on the Rankings page in real Chromium against the real Worker: the trend sheet
// with its native line chart, the mediator results and the zone competition. Each sheet is also rendered (with the
// chart) through LibreOffice next to the screenshots, to be looked at.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { todayInChina } from "../../ledger/clock.ts";
import { addDays } from "../../ledger/period.ts";
import { trendRanges, trendSheetName } from "../../addin/pane/logic/trend-sheet.ts";
import { periodSpanText, periodText } from "../../ledger/reports/form-text.ts";
import { periodHeader } from "../../ledger/reports/trend-layout.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import {
  addUnit, api, createToken, openPane, screenshot, startPaneSession, step, stopPaneSession,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";

const SLOW = { timeout: 120_000 };
// The ledgers move with the clock (TIAOJIE_TODAY): two years of cases up to yesterday, so last year is always a whole
// year of data and this year's months always include the current one, whatever day the tests run.
const TODAY = todayInChina();
const LAST_YEAR = String(Number(TODAY.slice(0, 4)) - 1);
// 南埔镇's one mediator carries its weak years (about one success in five): the whole interval is below 80 %.
const UNITS = [
  { name: "山腰街道", prefix: "SY", seed: 21, successShare: 0.85, mediators: ["陈美华", "林志强"] },
  { name: "南埔镇", prefix: "NP", seed: 22, successShare: 0.2, mediators: ["郑国庆"] },
  { name: "界山镇", prefix: "JS", seed: 23, successShare: 0.7, mediators: ["黄秀英", "吴海燕"] },
];
const MEDIATORS = UNITS.flatMap((u) => u.mediators);

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let assessor: string;
let office: OpenPane;

beforeAll(async () => {
  ({ worker, pane, browser } = await startPaneSession({ nanpu: sampleSeed("nanpu-2026-with-errors.xlsx") }));
  const coordinator = (await createToken(worker.url, "coordinator")).token;
  assessor = (await createToken(worker.url, "assessor")).token;
  for (const u of UNITS) {
    await addUnit(worker.url, u.name);
    const cases = generateCases({ seed: u.seed, count: 120, unit: u.name, prefix: u.prefix, successShare: u.successShare, mediators: u.mediators, from: addDays(TODAY, -730), to: addDays(TODAY, -1), asOf: TODAY });
    await api(worker.url, coordinator, `/api/pushes/e2e-${u.prefix}-trend/chunks`, {
      method: "POST",
      headers: { "Idempotency-Key": `e2e-${u.prefix}-trend-c0` },
      body: { unit: u.name, wholeLedger: true, chunkIndex: 0, chunkCount: 1, rows: cases.map((c, i) => ({ row: i + 3, values: c })) },
    });
  }
  await api(worker.url, coordinator, "/api/roster", {
    method: "PUT",
    body: { rows: MEDIATORS.map((name, i) => ({ row: i + 2, values: { name, tier: i === 0 ? "金牌" : "星牌", background: "律师", unit: UNITS.find((u) => u.mediators.includes(name))!.name, expertise: "征地拆迁", capacity: 3, active: "是" } })) },
  });
  await api(worker.url, assessor, "/api/zones", { method: "PUT", body: { zones: { 北片: ["山腰街道", "界山镇"], 南片: ["南埔镇"] } } });
  office = await openPane(browser, pane, { seed: "nanpu" });
  await office.page.locator("fluent-text-input input").fill(assessor);
  await button(office.page, "连接").click();
  await openTab(office.page, "考评排名");
}, 240_000);

afterAll(() => stopPaneSession({ worker, pane, browser }, office));

describe("the assessment office's trend, mediator and competition sheets", () => {
  it("生成趋势表 writes units × months with a native line chart of the composite score, one line per town", SLOW, async () => {
    const { page } = office;
    const S = "trend";
    // 今年各月: January to the current month of the clock's year (one month on 1 January, twelve on 31 December).
    const range = trendRanges(TODAY).find((r) => r.by === "month" && r.from.endsWith("-01") && r.from.slice(0, 4) === TODAY.slice(0, 4))!;
    const expected = await api<{ periods: { period: string }[]; units: { unit: string; points: { score: number | null }[] }[] }>(worker.url, assessor, `/api/rankings/trend?from=${range.from}&to=${range.to}`);
    const n = expected.periods.length;
    expect(n).toBe(Number(TODAY.slice(5, 7)));
    const last = String.fromCharCode("A".charCodeAt(0) + n);
    const sheet = trendSheetName(range);
    expect(sheet).toBe(`考评趋势 ${n === 1 ? periodText(range.from) : periodSpanText(range.from, range.to)}`);
    await step(office, S, "choose this year by month and create the sheets", async () => {
      await page.locator("select#trend-range").selectOption({ label: `${TODAY.slice(0, 4)} 年各月` });
      await button(page, "生成趋势表").click();
      await waitForNote(page, new RegExp(`^已生成工作表“${sheet}”、“各期名次 [^”]+”、“各期指标 [^”]+”：3 个单位 × ${n} 期，综合得分附折线图。`));
    });
    await screenshot(page, "40-assessor-trend");
    // Title, 填报单位, the period; the header (row 4), the towns' heading (row 5), one row per town.
    const first = 6;
    const lastRow = first + expected.units.length - 1;
    await step(office, S, "one row per unit with its score per month as a number, as the Worker computed it", async () => {
      const cells = await excel(page, (x, a) => x.values(a.sheet, a.range), { sheet, range: `A4:${last}${lastRow}` });
      expect(cells[0]).toEqual(["单位", ...expected.periods.map((p, i) => periodHeader(p.period, expected.periods[i - 1]?.period, "zh-CN"))]);
      expect(cells[1][0]).toBe("镇（街道）");
      expect(cells.slice(2).map((r) => r[0])).toEqual(expected.units.map((u) => u.unit));
      expect(cells[2].slice(1)).toEqual(expected.units[0].points.map((p) => p.score ?? ""));
      expect((await excel(page, (x, a) => x.format(a.sheet, a.cell), { sheet, cell: `B${first}` })).numberFormat).toBe("0.0");
    });
    await step(office, S, "a line chart by rows: each town a series named by its unit, against the month headers", async () => {
      const charts = await excel(page, (x, s) => x.charts(s), sheet);
      expect(charts).toHaveLength(1);
      expect(charts[0]).toMatchObject({ type: "Line", seriesBy: "Rows", title: `镇（街道）综合得分趋势（${sheet.slice(5)}）`, source: `A${first}:${last}${lastRow}` });
      // Excel names a one-cell range by its cell (on 1 January the year has one month).
      const span = (a: string, z: string) => (a === z ? a : `${a}:${z}`);
      expect(charts[0].series).toEqual(expected.units.map((u, i) => ({ name: u.unit, values: span(`B${first + i}`, `${last}${first + i}`), xValues: span("B4", `${last}4`) })));
      expect(await excel(page, (x) => x.activeSheet())).toBe(sheet);
    });
    await step(office, S, "render the trend sheet with its chart", () => renderSheet(page, sheet, "40b-assessor-trend-sheet"));
  });

  it("生成调解员考评表 lists each mediator by tier and rank with the figures, and 生成片区竞赛表 ranks towns in their zones", SLOW, async () => {
    const { page } = office;
    const S = "mediators-competition";
    const m = await api<{ mediators: { name: string; standing: string | null }[] }>(worker.url, assessor, `/api/mediators/results?period=${LAST_YEAR}`);
    await step(office, S, "choose the year and create the mediator sheet", async () => {
      await page.locator("select#period").selectOption(LAST_YEAR);
      await button(page, "生成调解员考评表").click();
      const gold = m.mediators.filter((x) => x.standing === "gold").length;
      const behind = m.mediators.filter((x) => x.standing === "behind").length;
      expect(behind).toBeGreaterThan(0);
      await waitForNote(page, `已生成工作表“调解员考评 ${LAST_YEAR}年”：${m.mediators.length} 名调解员，${gold} 名达金牌标准，${behind} 名落后。`);
      await waitForNote(page, "达金牌标准和落后的调解员，依据的数字见表中“依据”列。");
    });
    await screenshot(page, "41-assessor-mediators");
    await step(office, S, "the gold mediator first, then the stars in rank order, the success rate judged by the one rule", async () => {
      // Title, 填报单位, the period; the header on row 4.
      const cells = await excel(page, (x, s) => x.values(s.sheet, s.range), { sheet: `调解员考评 ${LAST_YEAR}年`, range: `A4:Q${4 + MEDIATORS.length}` });
      expect(cells[0].slice(0, 4)).toEqual(["级别", "级别内\n名次", "调解员", "单位"]);
      const why = cells[0].indexOf("依据");
      const standing = cells[0].indexOf("考评结论");
      expect(cells[1][2]).toBe("陈美华");
      expect(cells.slice(1).map((r) => r[2]).filter(Boolean).sort()).toEqual([...MEDIATORS].sort());
      // 郑国庆 carries 南埔镇's weak year: falling behind, the whole interval under 80 % (未达标), with the figures behind it.
      const i = cells.findIndex((r) => r[2] === "郑国庆");
      expect(cells[i][standing]).toBe("落后");
      expect(cells[i][10]).toBe("未达标");
      expect(typeof cells[i][6]).toBe("number");
      expect(String(cells[i][why])).toMatch(/^调解成功率 \d+%（\d+\/\d+），95% 区间上限 \d+% 仍低于 80%/);
    });
    await step(office, S, "render the mediator sheet", () => renderSheet(page, `调解员考评 ${LAST_YEAR}年`, "41b-assessor-mediators-sheet"));
    await step(office, S, "create the competition sheet", async () => {
      await button(page, "生成片区竞赛表").click();
      await waitForNote(page, `已生成工作表“分片竞赛 ${LAST_YEAR}年”：2 个片区。`);
    });
    await screenshot(page, "42-assessor-competition");
    await step(office, S, "each zone's towns with zone rank and district rank", async () => {
      const c = await api<{ zones: { zone: string; units: { unit: string; zoneRank: number | null; districtRank: number | null }[] }[] }>(worker.url, assessor, `/api/competition?period=${LAST_YEAR}`);
      // Under the title and the form's two lines, the header; the towns below it.
      const cells = await excel(page, (x, s) => x.values(s, "A4:D7"), `分片竞赛 ${LAST_YEAR}年`);
      expect(cells[0]).toEqual(["片区", "片区名次", "全区名次", "单位"]);
      expect(cells.slice(1)).toEqual(c.zones.flatMap((z) => z.units.map((u) => [z.zone, u.zoneRank ?? "未参评", u.districtRank ?? "未参评", u.unit])));
    });
    await step(office, S, "render the competition sheet", () => renderSheet(page, `分片竞赛 ${LAST_YEAR}年`, "42b-assessor-competition-sheet"));
  });
});
