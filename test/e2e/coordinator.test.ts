// The coordinator's daily work in real Chromium against the real Worker: a filtered 预警清单, the unit picker when
// validating a sheet that does not say its unit, and 校验本工作簿全部台账 with its summary sheet. A clerk's pane
// offers neither the unit filter nor the picker.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../ledger/period.ts";
import type { CaseRow } from "../../ledger/schema.ts";
import { todayInChina } from "../../ledger/clock.ts";
import type { WorkbookSeed } from "../support/excel-double/model.ts";
import {
  addUnit, api, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { button, excel, note, openTab, tab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";

const SLOW = { timeout: 120_000 };
const TODAY = todayInChina();
const ago = (days: number) => addDays(TODAY, -days);

/** An open 人民调解 case before suit: its time limit is 30 days from receivedOn. */
function openCase(unit: string, caseNo: string, receivedOn: string): CaseRow {
  return {
    caseNo, receivedOn, unit, source: "当事人申请", domain: "征地拆迁", stage: "诉前", mediationType: "人民调解",
    applicant: `申请人${caseNo}`, applicantId: null, phone: null, respondent: "区自然资源局", summary: null, accepted: true, rejectReason: null,
    mediator: "陈美华", status: "调解中", closedOn: null, amount: null, judicialConfirmation: null, commitment: null, commitmentDue: null,
    commitmentMetOn: null, complexity: "普通", partyCount: 1, notes: null, place: null,
  };
}

const CASES: Record<string, CaseRow[]> = {
  南埔镇: [
    openCase("南埔镇", "NP-5-LEFT", ago(25)),
    openCase("南埔镇", "NP-10-LEFT", ago(20)),
    // Server text that Excel would take for a formula: it must land in the sheet as text.
    openCase("南埔镇", "=NP-8-LEFT", ago(22)),
    openCase("南埔镇", "NP-25-LEFT", ago(5)),
    openCase("南埔镇", "NP-OVERDUE", ago(40)),
  ],
  山腰街道: [openCase("山腰街道", "SY-12-LEFT", ago(18)), openCase("山腰街道", "SY-OVERDUE", ago(45))],
};

const HEADER = ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "联系电话"];
const HEADER_WITH_UNIT = [...HEADER, "承办单位"];

/** A coordinator's workbook: units' sheets with and without a unit column, a roster, and notes. */
const WORKBOOK: WorkbookSeed = {
  activeSheet: "Sheet2",
  sheets: [
    { name: "南埔镇台账", values: [
      ["泉港区南埔镇行政争议调解工作台账（2026年）", "", "", "", "", "", "", ""],
      HEADER,
      ["NP-001", ago(10), "张三", "区人社局", "是", "陈美华", "调解中", "13800000000"],
      ["NP-002", "2026年13月1日", "李四", "区住建局", "是", "陈美华", "调解中", ""],
      ["NP-002", ago(9), "", "区住建局", "是", "陈美华", "调解中", ""],
      ["NP-004", ago(8), "王五", "区住建局", "是", "", "调解中", "12345"],
    ] },
    { name: "Sheet2", values: [
      HEADER,
      ["TL-001", ago(10), "赵六", "区人社局", "是", "陈美华", "调解中", "13900000000"],
      ["TL-002", ago(9), "钱七", "区人社局", "是", "陈美华", "调解中", ""],
    ] },
    { name: "山腰", values: [
      HEADER_WITH_UNIT,
      ["SY-001", ago(10), "孙八", "区人社局", "是", "陈美华", "调解中", "", "山腰街道"],
      ["SY-002", ago(10), "周九", "区人社局", "是", "陈美华", "调解中", "1", "山腰街道"],
    ] },
    { name: "调解员名册", values: [["姓名", "等级", "所属单位", "擅长领域", "联系电话"], ["陈美华", "金牌调解员", "南埔镇", "征地拆迁", ""]] },
    { name: "备忘", values: [["下周一开会"]] },
  ],
};

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let coordinator: string;
let clerk: string;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser] = await Promise.all([startWorker(), launchBrowser()]);
  pane = await startPaneServer(worker.url);
  pane.addSeed("coordinator", WORKBOOK);
  coordinator = (await createToken(worker.url, "coordinator")).token;
  for (const unit of ["南埔镇", "山腰街道", "涂岭镇"]) await addUnit(worker.url, unit);
  clerk = (await createToken(worker.url, "clerk", "南埔镇")).token;
  for (const [unit, cases] of Object.entries(CASES)) {
    await api(worker.url, coordinator, `/api/pushes/e2e-coord-${cases[0].caseNo.slice(0, 2)}/chunks`, {
      method: "POST",
      headers: { "Idempotency-Key": `e2e-coord-${cases[0].caseNo.slice(0, 2)}-c0` },
      body: { unit, wholeLedger: true, chunkIndex: 0, chunkCount: 1, rows: cases.map((c, i) => ({ row: i + 3, values: c })) },
    });
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

async function connect(p: OpenPane, token: string, connectedText: string): Promise<void> {
  await p.page.locator("fluent-text-input input").first().fill(token);
  await button(p.page, "连接").click();
  await waitForNote(p.page, connectedText).catch(async () => {
    await openTab(p.page, "连接");
    await waitForNote(p.page, connectedText);
  });
}

describe("the coordinator's desk", () => {
  let office: OpenPane;

  beforeAll(async () => {
    office = await openPane(browser, pane, { seed: "coordinator" });
    await connect(office, coordinator, "已连接：全部单位（协调员）");
  }, 60_000);

  afterAll(async () => {
    await office?.context.close();
  });

  it("pulls the flags of one unit's cases due within 14 days into 预警清单, formula-like case numbers as text", SLOW, async () => {
    const { page } = office;
    const S = "coordinator-filtered-flags";
    await step(office, S, "a bad number of days is refused in the pane with what to type, and nothing is written", async () => {
      await openTab(page, "预警清单");
      await page.locator("#flag-due input").fill("两周");
      const writes = await excel(page, (x) => x.contentWrites().length);
      await button(page, "拉取预警到“预警清单”工作表").click();
      await waitForNote(page, "“N 天内到期”须填 0–366 的整数天数（现在是“两周”），例如 7；留空则不按期限筛选。");
      expect(await excel(page, (x) => x.contentWrites().length)).toBe(writes);
      expect(await excel(page, (x) => x.sheetNames())).not.toContain("预警清单");
    });
    await screenshot(page, "20-flags-bad-days");
    await step(office, S, "pick 南埔镇 and 14 days, then pull", async () => {
      await page.locator("#flag-unit").selectOption("南埔镇");
      await page.locator("#flag-due input").fill("14");
      await button(page, "拉取预警到“预警清单”工作表").click();
      await waitForNote(page, "已写入 3 条预警（筛选：南埔镇 · 14 天内到期）。");
    });
    await screenshot(page, "21-flags-filtered");
    await step(office, S, "render the flag sheet", () => renderSheet(page, "预警清单", "27-flags-filtered-sheet"));
    await step(office, S, "the sheet lists exactly 南埔镇's cases due within 14 days, soonest first, with their due days, = as text", async () => {
      const cells = await excel(page, (x) => x.values("预警清单", "A1:F4"));
      expect(cells[0]).toEqual(["级别", "单位", "案件编号", "预警类型", "预警内容", "到期日"]);
      expect(cells.slice(1).map((r) => [r[1], r[2], r[3], r[5]])).toEqual([
        ["南埔镇", "NP-5-LEFT", "即将到期", addDays(ago(25), 30)],
        ["南埔镇", "=NP-8-LEFT", "即将到期", addDays(ago(22), 30)],
        ["南埔镇", "NP-10-LEFT", "即将到期", addDays(ago(20), 30)],
      ]);
      expect(await excel(page, (x) => x.formulas("预警清单"))).toEqual({});
      expect(await excel(page, (x) => x.tables("预警清单"))).toEqual([{ name: "TiaojieFlags", address: "A1:F4", style: "TableStyleMedium2", hasHeaders: true }]);
    });
    await step(office, S, "the severity filter narrows further: no high flag is due within 14 days", async () => {
      await page.locator("#flag-severity").selectOption("high");
      await button(page, "拉取预警到“预警清单”工作表").click();
      await waitForNote(page, "已写入 0 条预警（筛选：南埔镇 · 高级 · 14 天内到期）。");
      await page.locator("#flag-severity").selectOption("");
      await page.locator("#flag-due input").fill("");
      await page.locator("#flag-code").selectOption("overdue");
      await button(page, "拉取预警到“预警清单”工作表").click();
      await waitForNote(page, "已写入 1 条预警（筛选：南埔镇 · 案件超期）。");
      expect(await excel(page, (x) => x.values("预警清单", "C2"))).toEqual([["NP-OVERDUE"]]);
      expect((await excel(page, (x) => x.sheetNames())).filter((n) => n === "预警清单")).toHaveLength(1);
    });
  });

  it("validates a sheet that names no unit as the unit the coordinator picks", SLOW, async () => {
    // A fresh pane on the same workbook: Sheet2 is the active sheet again (pulling flags activated 预警清单).
    const picker = await openPane(browser, pane, { seed: "coordinator" });
    try {
      await connect(picker, coordinator, "已连接：全部单位（协调员）");
      await pickUnit(picker);
    } finally {
      await picker.context.close();
    }
  });

  async function pickUnit(office: OpenPane): Promise<void> {
    const { page } = office;
    const S = "coordinator-unit-picker";
    await step(office, S, "validating Sheet2 without a pick says the unit could not be found", async () => {
      await openTab(page, "校验");
      expect(await page.locator("#sheet-unit option").allInnerTexts()).toEqual(["自动识别（按标题或工作表名；行内已填的单位不变）", "南埔镇", "山腰街道", "涂岭镇"]);
      await button(page, "校验当前工作表").click();
      await waitForNote(page, "没有认出本表属于哪个单位");
      await waitForNote(page, "2 行案件：2 个错误");
    });
    await screenshot(page, "22-unit-unknown");
    await step(office, S, "picking 涂岭镇 validates the rows as 涂岭镇's, without unit errors", async () => {
      await page.locator("#sheet-unit").selectOption("涂岭镇");
      await button(page, "校验当前工作表").click();
      await waitForNote(page, "未填承办单位的行按所选单位“涂岭镇”校验。");
      await waitForNote(page, "2 行案件，没有发现问题。");
      expect(await excel(page, (x) => x.values("Sheet2", "A1:H3"))).toEqual(WORKBOOK.sheets[1].values);
    });
    await screenshot(page, "23-unit-picked");
    await step(office, S, "the pick is remembered in the workbook for that sheet and used by 校验本工作簿全部台账", async () => {
      expect(JSON.parse(String((await excel(page, (x) => x.settings()))["tiaojie.sheetUnits"]))).toEqual({ Sheet2: "涂岭镇" });
      await button(page, "校验本工作簿全部台账").click();
      await waitForNote(page, /已校验 3 个台账工作表/);
      const rows = await excel(page, (x) => x.values("台账校验汇总", "A2:G4"));
      expect(rows.find((r) => r[1] === "Sheet2")).toEqual(["涂岭镇", "Sheet2", 2, 0, 0, "", "未填单位的行按所选单位"]);
    });
  }

  it("validates every ledger sheet and writes one summary, worst unit first; re-running replaces only that sheet", SLOW, async () => {
    const { page } = office;
    const S = "coordinator-validate-all";
    const formatsBefore = await excel(page, (x) => x.sheetNames().map((n) => x.conditionalFormats(n).length));
    let syncsBefore = 0;
    await step(office, S, "run it from the Validate page", async () => {
      await openTab(page, "校验");
      // The page names the active sheet when drawn (one read); the run's own syncs are counted from here.
      await page.getByText("将校验当前工作表“").waitFor();
      syncsBefore = await excel(page, (x) => x.syncCount());
      await button(page, "校验本工作簿全部台账").click();
      await waitForNote(page, /已校验 3 个台账工作表：\d+ 个错误，\d+ 个警告。汇总见“台账校验汇总”工作表/);
      await waitForNote(page, "未按台账校验：调解员名册、备忘。");
    });
    await screenshot(page, "24-validate-all-pane");
    await step(office, S, "the summary names each unit and sheet with rows, errors, warnings and the commonest issues", async () => {
      expect(await excel(page, (x) => x.activeSheet())).toBe("台账校验汇总");
      const cells = await excel(page, (x) => x.values("台账校验汇总", "A1:G7"));
      expect(cells[0]).toEqual(["单位", "工作表", "行数", "错误", "警告", "最常见问题", "说明"]);
      expect(cells.slice(1, 4).map((r) => r.slice(0, 5))).toEqual([
        ["南埔镇", "南埔镇台账", 4, 4, 1],
        ["（未填单位）", "Sheet2", 2, 2, 0],
        ["山腰街道", "山腰", 2, 0, 1],
      ]);
      // Issue kinds by name only: no code in brackets.
      expect(cells[1][5]).toBe("必填项为空 ×2；案件编号重复 ×1；日期无法识别 ×1");
      expect(cells[1][6]).toBe("未填单位的行按标题中的单位");
      expect(cells.slice(4, 6).map((r) => [r[1], r[6]])).toEqual([["调解员名册", "调解员名册，不按台账校验"], ["备忘", expect.stringContaining("没有找到台账表头")]]);
      expect((await excel(page, (x) => x.format("台账校验汇总", "D2"))).fill).toBe("#FFC7CE");
    });
    // The summary as a coordinator opens it (xlsx → LibreOffice → PNG), for a person to look at.
    await step(office, S, "render the summary sheet", () => renderSheet(page, "台账校验汇总", "26-validate-all-summary-sheet"));
    await step(office, S, "reads took a few syncs for the whole workbook, one write; no ledger sheet was marked or changed", async () => {
      const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
      // two settings, sheet list, sizes, one values read; then the report's ownership check (which sheets the add-in
      // wrote, and whether the name is taken) and its one write.
      expect(syncs.filter((s) => s.kind === "read").length).toBeLessThanOrEqual(6);
      expect(syncs.filter((s) => s.kind === "write" || s.kind === "read+write").length).toBe(1);
      const formatsAfter = await excel(page, (x) => x.sheetNames().filter((n) => n !== "台账校验汇总").map((n) => x.conditionalFormats(n).length));
      expect(formatsAfter).toEqual(formatsBefore);
      expect(await excel(page, (x) => x.values("南埔镇台账", "A1:H6"))).toEqual(WORKBOOK.sheets[0].values);
    });
    await step(office, S, "running it again rewrites the summary sheet and nothing else", async () => {
      const before = await excel(page, (x) => x.writes().filter((w) => w.kind === "deleteSheet").length);
      await button(page, "校验本工作簿全部台账").click();
      await expect.poll(() => excel(page, (x) => x.writes().filter((w) => w.kind === "deleteSheet").map((w) => w.sheet))).toEqual(
        [...Array(before).fill(expect.anything()), "台账校验汇总"],
      );
      expect((await excel(page, (x) => x.sheetNames())).filter((n) => n.startsWith("台账校验汇总"))).toEqual(["台账校验汇总"]);
    });
  });
});

describe("a clerk's pane", () => {
  it("has neither the flag list's unit filter nor the unit picker, and drills down only into its own unit", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "coordinator" });
    try {
      await step(p, "clerk", "connect as 南埔镇's clerk", () => connect(p, clerk, "已连接：南埔镇（台账员）"));
      await step(p, "clerk", "no 预警清单 tab, no unit picker, no workbook-wide validation", async () => {
        await openTab(p.page, "校验");
        expect(await tab(p.page, "预警清单").count()).toBe(0);
        expect(await p.page.locator("#sheet-unit").count()).toBe(0);
        expect(await button(p.page, "校验本工作簿全部台账").count()).toBe(0);
        await button(p.page, "校验当前工作表").click();
        await waitForNote(p.page, "2 行案件");
        expect(await note(p.page, "没有认出本表属于哪个单位").count()).toBe(0);
      });
      await screenshot(p.page, "25-clerk-validate");
      await step(p, "clerk", "考评排名 offers only the drill-down into 南埔镇: no unit to pick, no rankings, no subsidies", async () => {
        await openTab(p.page, "考评排名");
        expect(await p.page.locator("select#drill-unit").count()).toBe(0);
        expect(await button(p.page, "生成排名工作表").count()).toBe(0);
        expect(await button(p.page, "生成办案补贴表").count()).toBe(0);
        await p.page.locator("select#period").selectOption(TODAY.slice(0, 4));
        await button(p.page, "生成明细表").click();
        await waitForNote(p.page, `已生成工作表“考评明细 南埔镇 ${TODAY.slice(0, 4)}年”`);
        const first = await excel(p.page, (x, s) => x.values(s, "A1"), `考评明细 南埔镇 ${TODAY.slice(0, 4)}年`);
        expect(String(first[0][0])).toContain("考评明细：南埔镇");
        // Received this year: the five cases pushed for 南埔镇, all accepted; nothing of 山腰街道.
        const size = await excel(p.page, (x, s) => x.size(s), `考评明细 南埔镇 ${TODAY.slice(0, 4)}年`);
        const col = await excel(p.page, (x, a) => x.values(a.s, a.r), { s: `考评明细 南埔镇 ${TODAY.slice(0, 4)}年`, r: `A1:A${size.rows}` });
        expect(col.some((r) => String(r[0]).startsWith("SY-"))).toBe(false);
      });
      await screenshot(p.page, "26-clerk-drilldown");
    } finally {
      await p.context.close();
    }
  });
});
