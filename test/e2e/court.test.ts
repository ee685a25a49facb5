// The court liaison (法院联络员) in real Chromium against the real Worker: connects read-only, sees only its page, and
// writes the court's cases of every unit as a report sheet, leaving a sheet of the same name that it did not write alone.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUnit, createToken, openPane, pushRows, screenshot, startPaneSession, step, stopPaneSession, type OpenPane, type PaneServer, type TestWorker } from "./harness.ts";
import { button, excel, openTab, tab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";

const SHANYAO = "山腰街道";
const NANPU = "南埔镇";
const SLOW = { timeout: 120_000 };

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let court: string;
let courtPane: OpenPane;

const row = (n: number, caseNo: string, over: Record<string, unknown>) => ({
  row: n,
  values: {
    caseNo, receivedOn: "2026-07-02", source: "当事人申请", domain: "征地拆迁", stage: "诉前", mediationType: "行政调解", applicant: "陈明",
    phone: "13912345678", respondent: "区自然资源局", accepted: "是", mediator: "林志强", status: "调解中", ...over,
  },
});

const push = (token: string, rows: unknown[]) => pushRows(worker.url, token, rows);

beforeAll(async () => {
  // The liaison's own workbook already has a sheet called 法院案件 with its notes: never ours to replace.
  ({ worker, pane, browser } = await startPaneSession({ "court-notes": { sheets: [{ name: "法院案件", values: [["联络员笔记"], ["周三府院联席会议前核对"]] }] } }));
  await addUnit(worker.url, SHANYAO);
  await addUnit(worker.url, NANPU);
  const sy = (await createToken(worker.url, "clerk", SHANYAO)).token;
  const np = (await createToken(worker.url, "clerk", NANPU)).token;
  court = (await createToken(worker.url, "court")).token;
  await push(sy, [
    row(2, "SY-2026-00001", { source: "法院委派（诉前）", status: "调解成功", closedOn: "2026-07-20", amount: "2万", judicialConfirmation: "是" }),
    row(3, "SY-2026-00002", {}),
    // A case number typed as a formula: the one text of the table written as the clerk typed it (names are masked).
    row(4, "=HYPERLINK(\"http://x\")", { stage: "执行", status: "调解不成", closedOn: "2026-08-01", applicant: "欧阳娜娜" }),
  ]);
  await push(np, [row(2, "NP-2026-00001", { source: "法院委托（诉中）", stage: "审判" }), row(3, "NP-2026-00002", { judicialConfirmation: "否" })]);
}, 240_000);

afterAll(() => stopPaneSession({ worker, pane, browser }));

describe("the court liaison in the task pane", () => {
  it("connects read-only: the note names 法院联络员 and the pane shows only 连接 and 法院案件", SLOW, async () => {
    courtPane = await openPane(browser, pane, { seed: "court-notes" });
    const { page } = courtPane;
    const S = "court";
    await step(courtPane, S, "paste the court token and connect", async () => {
      await page.locator("fluent-text-input input").first().fill(court);
      await button(page, "连接").click();
      await tab(page, "法院案件").waitFor();
    });
    await step(courtPane, S, "the connected note says what the role can do", async () => {
      await openTab(page, "连接");
      const text = await waitForNote(page, "已连接：法院联络员（只读）");
      expect(text).toContain("生成法院案件表");
      expect(text).toContain("不能上报或修改任何台账");
      expect(await page.locator("fluent-tab").allInnerTexts()).toEqual(["连接", "法院案件"]);
    });
    await screenshot(page, "court-01-connected");
  });

  it("生成法院案件表 writes the court's cases of both towns in one write, beside the liaison's own sheet", SLOW, async () => {
    const { page } = courtPane;
    const S = "court";
    await step(courtPane, S, "open 法院案件", () => openTab(page, "法院案件"));
    await screenshot(page, "court-02-page");
    const syncsBefore = await excel(page, (x) => x.syncCount());
    await step(courtPane, S, "create the sheet for every period", async () => {
      await button(page, "生成法院案件表").click();
      const text = await waitForNote(page, "已生成工作表");
      expect(text).toMatch(/^已生成工作表“法院案件 \(2\)”：全部期间的法院相关案件共 3 件：截至\d{4}年\d{1,2}月\d{1,2}日仍在办 1 件；按办理状态：调解中 1，调解不成 1，调解成功 1；申请司法确认 1 件。$/);
    });
    await screenshot(page, "court-03-written");
    await step(courtPane, S, "the sheet holds exactly the court cases, without phone numbers; the liaison's sheet is untouched", async () => {
      expect((await excel(page, (x) => x.values("法院案件 (2)", "A1:A1")))[0][0]).toBe("法院相关案件表（全部期间）");
      const values = await excel(page, (x) => x.values("法院案件 (2)", "A7:K10"));
      expect(values[0]).toEqual(["单位", "案件编号", "收案日期", "案件来源", "所处阶段", "申请人", "被申请行政机关", "办理状态", "结案日期", "协议金额（元）", "司法确认"]);
      expect(values.slice(1).map((r) => [r[0], r[1], r[4], r[5], r[7], r[10]])).toEqual([
        [NANPU, "NP-2026-00001", "审判", "陈某", "调解中", ""],
        [SHANYAO, '=HYPERLINK("http://x")', "执行", "欧阳某", "调解不成", ""],
        [SHANYAO, "SY-2026-00001", "诉前", "陈某", "调解成功", "是"],
      ]);
      expect(JSON.stringify(values)).not.toContain("13912345678");
      expect(JSON.stringify(values)).not.toMatch(/陈明|欧阳娜娜/);
      // A case number typed as =HYPERLINK(…) in a ledger arrives as text, never as a formula in the liaison's workbook.
      expect(values[2][1]).toBe('=HYPERLINK("http://x")');
      expect(await excel(page, (x) => x.formulas("法院案件 (2)"))).toEqual({});
      expect(await excel(page, (x) => x.values("法院案件", "A1:A2"))).toEqual([["联络员笔记"], ["周三府院联席会议前核对"]]);
      const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
      expect(syncs.map((s) => s.kind)).toEqual(["read", "write"]);
    });
    await renderSheet(page, "法院案件 (2)", "court-04-sheet");
    expect(courtPane.errors).toEqual([]);
  });
});
