// The coordinator's 导师 tab in real Chromium against the real Worker: the roster pushed from the pane (a bad row
// marked, the others stored), a period's assignments written as a sheet, and a 巡回指导记录 pushed from the pane that
// the next period's rotation and the town_not_visited flag then use.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DEPARTMENTS, DEMO_TOWNS } from "../../scripts/start/demo-seed.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { periodText } from "../../ledger/reports/form-text.ts";
import {
  addUnit, api, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { sampleSeed } from "./fixtures.ts";
import { button, excel, note, openTab, waitForNote } from "./pane-ui.ts";
import { seedFromBuilt } from "../support/excel-double/seed.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";

const SLOW = { timeout: 120_000 };
const THIS_MONTH = todayInChina().slice(0, 7);
const LAST_MONTH = (() => {
  const [y, m] = THIS_MONTH.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
})();
const day = (d: number) => `${LAST_MONTH}-${String(d).padStart(2, "0")}`;
/** A 公文 date in Chinese numerals (二〇二六年十月九日), as ledgers and visit records write them. */
function officialDate(iso: string): string {
  const digit = "〇一二三四五六七八九";
  const small = (n: number) => (n <= 10 ? ["", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n] : n < 20 ? `十${digit[n - 10]}` : `${digit[Math.floor(n / 10)]}十${n % 10 ? digit[n % 10] : ""}`);
  const [y, m, d] = iso.split("-").map(Number);
  return `${[...String(y)].map((c) => digit[Number(c)]).join("")}年${small(m)}月${small(d)}日`;
}

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let coordinator: string;
let rosterSeed: WorkbookSeed;
let badRosterRow: number;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser, rosterSeed] = await Promise.all([startWorker(), launchBrowser(), sampleSeed("roster-2026.xlsx")]);
  pane = await startPaneServer(worker.url);
  for (const name of DEMO_TOWNS) await addUnit(worker.url, name, "town");
  for (const name of DEMO_DEPARTMENTS) await addUnit(worker.url, name, "department");
  coordinator = (await createToken(worker.url, "coordinator")).token;

  // The sample roster with one slip: a star mediator's 级别 written 铜牌.
  const grid = rosterSeed.sheets[0].values;
  const headerRow = grid.findIndex((r) => r.includes("级别"));
  const tierColumn = grid[headerRow].indexOf("级别");
  const nameColumn = grid[headerRow].indexOf("姓名");
  const r = grid.findIndex((row) => row[nameColumn] === "朱永福");
  grid[r][tierColumn] = "铜牌";
  badRosterRow = r + 1;
  pane.addSeed("roster", rosterSeed);

  pane.addSeed("visits", await seedFromBuilt((wb) => {
    const ws = wb.addWorksheet("巡回指导记录");
    ws.addRow([`泉港区金牌调解员巡回指导记录（${LAST_MONTH}）`]);
    ws.addRow(["序号", "日期", "导师", "镇（街道）", "指导内容", "发现问题"]);
    ws.addRow([1, officialDate(day(9)), "蔡国华", "涂岭镇", "指导两起征地拆迁纠纷调解", "台账更新不及时"]);
    ws.addRow([2, day(15).replace(/-/g, "."), "庄丽君、许明辉", "山腰街道", "联合接访", null]);
    ws.addRow([3, day(22), "张三", "南埔镇", "走访", null]);
    ws.addRow([4, day(28), "郭振宇", "后龙", "培训调解员", "部分调解员不熟悉行政复议程序"]);
  }));
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

async function connect(p: OpenPane): Promise<void> {
  await p.page.locator("fluent-text-input input").fill(coordinator);
  await button(p.page, "连接").click();
  await waitForNote(p.page, "已连接：全部单位（协调员）").catch(async () => {
    await openTab(p.page, "连接");
    await waitForNote(p.page, "已连接：全部单位（协调员）");
  });
}

/**
 * The Excel double draws nothing, so a sheet the pane wrote is shown as a plain HTML table (values and fills) in a
 * second page of the same browser, and photographed: what the coordinator would see in Excel, near enough to look at.
 */
async function photographSheet(p: OpenPane, sheet: string, address: string, name: string, headerRow = 0): Promise<void> {
  const values = await excel(p.page, (x, a) => x.values(a[0], a[1]), [sheet, address]);
  const fills = await Promise.all(values.map((row, r) => Promise.all(row.map((_, c) =>
    excel(p.page, (x, a) => x.format(a[0], a[1]).fill ?? x.conditionalFill(a[0], a[1]) ?? null, [sheet, `${String.fromCharCode(65 + c)}${r + 1}`])))));
  const esc = (v: unknown) => String(v ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const rows = values.map((row, r) => `<tr>${row.map((v, c) => {
    const tag = r === headerRow ? "th" : "td";
    const fill = fills[r][c] ? ` style="background:${fills[r][c]}"` : "";
    return `<${tag}${fill}>${esc(v)}</${tag}>`;
  }).join("")}</tr>`).join("");
  const shot = await p.context.newPage();
  await shot.setViewportSize({ width: 1600, height: 800 });
  await shot.setContent(`<html><body style="font:12px sans-serif;margin:8px"><div style="margin-bottom:4px">工作表 Sheet: ${esc(sheet)}</div>
    <table style="border-collapse:collapse" border="1" cellpadding="3"><style>th{background:#4472c4;color:#fff}td{max-width:420px}</style>${rows}</table></body></html>`);
  await screenshot(shot, name);
  await shot.close();
}

type Line = { kind: string; mentor: { name: string }; target: { name: string }; reason: { zh: string } };

describe("the coordinator's 导师 tab", () => {
  let office: OpenPane;
  beforeAll(async () => {
    office = await openPane(browser, pane, { seed: "roster" });
    await connect(office);
  }, 60_000);
  afterAll(async () => {
    await office?.context.close();
  });

  it("pushes the 调解员名册 sheet: the receipt in Chinese, the bad row marked and listed, every other mediator stored", SLOW, async () => {
    const { page } = office;
    const S = "roster-push";
    await step(office, S, "push the roster from the 导师 tab", async () => {
      await openTab(page, "导师");
      await button(page, "推送当前工作表（名册 / 巡回指导记录）").click();
      await waitForNote(page, "调解员名册 17 行：新增 16，更新 0，未变 0，停用 0，退回 1。");
      await waitForNote(page, "有问题的单元格已在表中标出");
    });
    await screenshot(page, "20-mentors-roster-pushed");
    await step(office, S, "the 级别 cell of the bad row is red, and the pane says where and how to fix it", async () => {
      const sheet = rosterSeed.sheets[0].name;
      const tierLetter = String.fromCharCode(65 + rosterSeed.sheets[0].values.find((r) => r.includes("姓名"))!.indexOf("级别"));
      expect(await excel(page, (x, a) => x.conditionalFill(a[0], a[1]), [sheet, `${tierLetter}${badRosterRow}`])).toBe("#FFC7CE");
      const item = page.locator("li.issue.error").first();
      expect(await item.innerText()).toContain(`第 ${badRosterRow} 行 ${tierLetter} 列：「级别」“铜牌”不是规定的选项，请从以下选择：金牌调解员、星牌调解员、普通调解员、特邀调解员。`);
      // Only marks: no value, fill or format written into the clerk's cells.
      expect(await excel(page, (x) => [...new Set(x.contentWrites().map((w) => w.kind))].sort())).toEqual(["addConditionalFormat", "conditionalFormatFill", "conditionalFormatRule"]);
      const stored = await api<{ mediators: { name: string }[] }>(worker.url, coordinator, "/api/roster");
      expect(stored.mediators).toHaveLength(16);
    });
  });

  it("computes this month's assignments into a sheet of their own with Chinese headers and reasons, no solver costs", SLOW, async () => {
    const { page } = office;
    const S = "mentors-sheet";
    const sheet = `导师安排 ${periodText(THIS_MONTH)}`;
    await step(office, S, "pick the period and compute", async () => {
      await page.locator("select#mentor-period").selectOption(THIS_MONTH);
      await button(page, "计算并生成导师安排工作表").click();
      await waitForNote(page, new RegExp(`已生成工作表“${sheet}”：\\d+ 项安排`));
    });
    await screenshot(page, "21-mentors-assignments-sheet");
    await step(office, S, "one row per assignment under the form's lines, every town visited, the roster sheet untouched", async () => {
      const stored = await api<{ assignments: Line[]; unassigned: unknown[] }>(worker.url, coordinator, `/api/mentors/assignments?period=${THIS_MONTH}`);
      const n = stored.assignments.length + stored.unassigned.length;
      // Title, 填报单位, the period with 计算时间 in Beijing time, the counts; then the header and the rows.
      const cells = await excel(page, (x, a) => x.values(a[0], a[1]), [sheet, `A1:G${n + 5}`]);
      expect(String(cells[0][0])).toBe(`金牌调解员巡回导师团工作安排（${periodText(THIS_MONTH)}）`);
      expect(cells[4]).toEqual(["类别", "导师", "导师单位", "帮扶对象", "对象单位", "序次", "安排理由"]);
      const body = cells.slice(5);
      expect(new Set(body.filter((r) => r[0] === "巡回指导").map((r) => r[3]))).toEqual(new Set(DEMO_TOWNS));
      expect(body.every((r) => String(r[6]).length > 0)).toBe(true);
      // The solver's weights (−1000000 必须覆盖) are not for a bureau: no number and no 成本 in any cell.
      expect(cells.flat().filter((v) => typeof v === "number" || /成本|必须覆盖/.test(String(v)))).toEqual([]);
      expect(await excel(page, (x) => x.activeSheet())).toBe(sheet);
      await photographSheet(office, sheet, `A1:G${n + 5}`, "21b-mentors-assignments-sheet-contents");
    });
  });
});

describe("a 巡回指导记录 pushed from the pane", () => {
  it("stores the good rows, marks the unknown mentor, feeds next month's rotation and the town_not_visited flag", SLOW, async () => {
    const office = await openPane(browser, pane, { seed: "visits" });
    const { page } = office;
    const S = "visits";
    try {
      await connect(office);
      await step(office, S, "push the visit sheet", async () => {
        await openTab(page, "导师");
        await button(page, "推送当前工作表（名册 / 巡回指导记录）").click();
        await waitForNote(page, "巡回指导记录 4 行，4 次指导：新增 4，更新 0，未变 0；退回 1 行");
      });
      await screenshot(page, "22-mentors-visits-pushed");
      await step(office, S, "the unknown mentor's cell is red and named in the list; the others are stored and counted", async () => {
        expect(await excel(page, (x) => x.conditionalFill("巡回指导记录", "C5"))).toBe("#FFC7CE");
        expect(await page.locator("li.issue.error").first().innerText()).toContain("第 5 行 C 列：「导师」“张三”不是名册中在册的金牌调解员");
        const visits = await api<{ towns: { town: string; visits: number }[] }>(worker.url, coordinator, `/api/visits?period=${LAST_MONTH}`);
        expect(visits.towns.filter((t) => t.visits > 0).map((t) => [t.town, t.visits])).toEqual([["山腰街道", 2], ["后龙镇", 1], ["涂岭镇", 1]]);
      });
      await step(office, S, "pushing the same sheet again writes nothing", async () => {
        await button(page, "推送当前工作表（名册 / 巡回指导记录）").click();
        await waitForNote(page, "巡回指导记录 4 行，4 次指导：新增 0，更新 0，未变 4；退回 1 行");
      });
      await step(office, S, "this month's assignments change: another mentor for a town just visited, unvisited towns first", async () => {
        await page.locator("select#mentor-period").selectOption(THIS_MONTH);
        await button(page, "计算并生成导师安排工作表").click();
        await waitForNote(page, `已生成工作表“导师安排 ${periodText(THIS_MONTH)}”`);
        const stored = await api<{ assignments: Line[] }>(worker.url, coordinator, `/api/mentors/assignments?period=${THIS_MONTH}`);
        const visitOf = (town: string) => stored.assignments.filter((a) => a.kind === "visit" && a.target.name === town);
        expect(visitOf("涂岭镇").map((a) => a.mentor.name)).not.toContain("蔡国华");
        expect(visitOf("后龙镇").map((a) => a.mentor.name)).not.toContain("郭振宇");
        expect(visitOf("南埔镇")[0].reason.zh).toContain(`上期（${periodText(LAST_MONTH)}）无巡回指导记录，优先安排`);
        expect(visitOf("涂岭镇")[0].reason.zh).not.toContain("无巡回指导记录");
      });
      await screenshot(page, "23-mentors-after-visits");
      await photographSheet(office, `导师安排 ${periodText(THIS_MONTH)}`, "A1:G15", "23b-mentors-sheet-after-visits");
      await photographSheet(office, "巡回指导记录", "A1:F6", "22b-visit-sheet-marked", 1);
      await step(office, S, "last month's flags name exactly the towns nobody visited", async () => {
        const flags = await api<{ flags: { unit: string }[] }>(worker.url, coordinator, `/api/flags?period=${LAST_MONTH}&code=town_not_visited`);
        expect(flags.flags.map((f) => f.unit).sort()).toEqual(["南埔镇", "界山镇", "峰尾镇", "前黄镇"].sort());
      });
      expect(await note(page, "出错").count()).toBe(0);
    } finally {
      await office.context.close();
    }
  });
});

describe("the 导师 tab in English", () => {
  it("gives the roster receipt and the issue list in English when Office is English", SLOW, async () => {
    const office = await openPane(browser, pane, { seed: "roster", displayLanguage: "en-US" });
    const { page } = office;
    const S = "english-mentors";
    try {
      await step(office, S, "connect", async () => {
        await page.locator("fluent-text-input input").fill(coordinator);
        await button(page, "Connect").click();
        await openTab(page, "Mentors");
      });
      await step(office, S, "push the roster again: nothing new, the same row refused", async () => {
        await button(page, "Push this sheet (roster / circuit visits)").click();
        await waitForNote(page, "Roster, 17 rows: 0 new, 0 updated, 16 unchanged, 0 made inactive, 1 rejected.");
        expect(await page.locator("li.issue.error").first().innerText()).toContain(`Row ${badRosterRow}, column`);
        expect(await page.locator("li.issue.error").first().innerText()).toContain(`"铜牌" is not an allowed value`);
      });
      await screenshot(page, "24-mentors-english");
    } finally {
      await office.context.close();
    }
  });
});
