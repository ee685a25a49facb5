// The joint-meeting digest (府院联席会议材料) written from the task pane in real Chromium against the real Worker: by
// the court liaison from its 法院案件 page and by the coordinator from 考评排名. Each writes the contents sheet and
// a sheet per section in one read and one write, with native charts; two sheets are rendered through LibreOffice.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUnit, createToken, openPane, pushRows, screenshot, startPaneSession, step, stopPaneSession, type OpenPane, type PaneServer, type TestWorker } from "./harness.ts";
import { SAMPLE_DAY } from "./fixtures.ts";
import { button, excel, openTab, tab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";

const SHANYAO = "山腰街道";
const NANPU = "南埔镇";
const SLOW = { timeout: 120_000 };
const SHEETS = [
  "目录 2026-Q3", "1 法院委派委托案件 2026-Q3", "2 调解成功率 2026-Q3", "3 司法确认 2026-Q3", "3-1 待申请司法确认 2026-Q3", "4 超期未结案件 2026-Q3",
  "4-1 超期案件清单 2026-Q3", "5 履行承诺 2026-Q3", "5-1 逾期未兑现承诺 2026-Q3", "6 重复纠纷 2026-Q3", "7 被申请机关 2026-Q3",
];

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let court: string;
let coordinator: string;

const row = (n: number, caseNo: string, over: Record<string, unknown>) => ({
  row: n,
  values: {
    caseNo, receivedOn: "2026-07-02", source: "当事人申请", domain: "征地拆迁", stage: "诉前", mediationType: "行政调解", applicant: `申请人${caseNo}`,
    phone: "13912345678", respondent: "区自然资源局", accepted: "是", mediator: "林志强", status: "调解中", ...over,
  },
});

const push = (token: string, rows: unknown[]) => pushRows(worker.url, token, rows);

beforeAll(async () => {
  ({ worker, pane, browser } = await startPaneSession({ blank: { sheets: [{ name: "Sheet1", values: [["会议议程"]] }] } }, { today: SAMPLE_DAY }));
  await addUnit(worker.url, SHANYAO);
  await addUnit(worker.url, NANPU);
  const sy = (await createToken(worker.url, "clerk", SHANYAO)).token;
  const np = (await createToken(worker.url, "clerk", NANPU)).token;
  court = (await createToken(worker.url, "court")).token;
  coordinator = (await createToken(worker.url, "coordinator")).token;
  await push(sy, [
    row(2, "SY-1", { source: "法院委派（诉前）", status: "调解成功", closedOn: "2026-07-20", judicialConfirmation: "是", respondent: "区住建局" }),
    row(3, "SY-2", {}),
    row(4, "SY-3", { stage: "执行", status: "调解不成", closedOn: "2026-08-01", respondent: "区住建局" }),
    row(5, "SY-4", { status: "调解成功", closedOn: "2026-08-05", commitment: "补发安置款", commitmentDue: "2026-08-31", commitmentMetOn: "2026-08-20" }),
  ]);
  await push(np, [
    row(2, "NP-1", { source: "法院委托（诉中）", stage: "审判" }),
    row(3, "NP-2", { status: "调解成功", closedOn: "2026-08-10", judicialConfirmation: "否", applicant: "陈明", commitment: "书面道歉", commitmentDue: "2026-09-10" }),
    row(4, "NP-3", { receivedOn: "2026-09-01", status: "调解不成", closedOn: "2026-09-20", applicant: "陈明" }),
  ]);
}, 240_000);

afterAll(() => stopPaneSession({ worker, pane, browser }));

async function connect(p: OpenPane, token: string, firstTab: string): Promise<void> {
  await p.page.locator("fluent-text-input input").first().fill(token);
  await button(p.page, "连接").click();
  await tab(p.page, firstTab).waitFor();
}

describe("the joint-meeting digest from the task pane", () => {
  it("the court liaison writes the digest's eleven sheets from 法院案件 in one read and one write, with its charts", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "blank" });
    const { page } = p;
    const S = "digest-court";
    await step(p, S, "connect as the court liaison and open 法院案件", async () => {
      await connect(p, court, "法院案件");
      await openTab(page, "法院案件");
      await page.selectOption("#digest-period", "2026-Q3");
    });
    await screenshot(page, "digest-01-court-page");
    const syncsBefore = await excel(page, (x) => x.syncCount());
    await step(p, S, "create the digest", async () => {
      await button(page, "生成府院联席会议材料").click();
      const text = await waitForNote(page, "已生成 11 张工作表");
      // Three court cases received in Q3 (SY-1 委派, SY-3 at 执行, NP-1 委托); open since July and September,
      // SY-2 and NP-1 are past 30 days; 陈明 came back to NP after NP-2. Each figure says what it counts.
      expect(text).toBe("已生成 11 张工作表（从“目录 2026-Q3”起）：本期新收的法院委派委托案件 3 件；全区超期未结 2 件；本期新收的重复纠纷 1 件。");
    });
    await screenshot(page, "digest-02-court-written");
    await step(p, S, "the sheets, their figures and charts; one read and one write; no phone number", async () => {
      expect(await excel(page, (x) => x.values("目录 2026-Q3", "A1:B4"))).toEqual([
        ["府院联席会议材料（2026年第三季度）", ""], ["填报单位", expect.stringMatching(/^＿+（盖章）$/)], ["统计期间", "2026年第三季度"], ["统计截至", expect.stringMatching(/^2026年\d+月\d+日$/)],
      ]);
      const listed = (await excel(page, (x) => x.values("目录 2026-Q3", "B10:B19"))).map((r) => `${r[0]} 2026-Q3`);
      expect(listed).toEqual(SHEETS.slice(1));
      // Outcomes no case reached this quarter (不予受理, 撤回, 终止, 移送裁判) are left out of the table and its chart.
      const court = await excel(page, (x) => x.values("1 法院委派委托案件 2026-Q3", "A4:E6"));
      expect(court).toEqual([
        ["单位", "本期新收", "调解中", "调解成功", "调解不成"],
        [NANPU, 1, 1, 0, 0],
        [SHANYAO, 2, 0, 1, 1],
      ]);
      const rates = await excel(page, (x) => x.charts("2 调解成功率 2026-Q3"));
      expect(rates).toHaveLength(1);
      expect(rates[0]).toMatchObject({ type: "BarClustered", title: "各单位调解成功率", valueFormat: "0%" });
      for (const name of ["1 法院委派委托案件 2026-Q3", "3 司法确认 2026-Q3", "4 超期未结案件 2026-Q3", "5 履行承诺 2026-Q3", "7 被申请机关 2026-Q3"]) {
        expect((await excel(page, (x, s) => x.charts(s), name)).length, name).toBe(1);
      }
      // 陈明's repeat follows NP-2, not a court case: the court liaison's list leaves it out and says so.
      const repeats = await excel(page, (x) => x.values("6 重复纠纷 2026-Q3", "A4:A5"));
      expect(repeats.map((r) => r[0])).toEqual(["单位", "本期重复纠纷 1 件，均不涉及法院相关案件，本表不列出。"]);
      let all = "";
      for (const name of SHEETS) all += JSON.stringify(await excel(page, (x, s) => x.values(s, "A1:L40"), name));
      expect(all).not.toContain("13912345678");
      expect(all).not.toContain("陈明");
      const syncs = await excel(page, (x, since) => x.syncs(since), syncsBefore);
      expect(syncs.map((s) => s.kind)).toEqual(["read", "write"]);
      expect(await excel(page, (x) => x.values("Sheet1", "A1"))).toEqual([["会议议程"]]);
    });
    await renderSheet(page, "1 法院委派委托案件 2026-Q3", "digest-03-court-sheet");
    await renderSheet(page, "2 调解成功率 2026-Q3", "digest-04-success-sheet");
    expect(p.errors).toEqual([]);
    await p.context.close();
  });

  it("the coordinator writes the same digest from 考评排名 for the period chosen there", SLOW, async () => {
    const p = await openPane(browser, pane, { seed: "blank" });
    const { page } = p;
    const S = "digest-coordinator";
    await step(p, S, "connect as the coordinator and open 考评排名", async () => {
      await connect(p, coordinator, "考评排名");
      await openTab(page, "考评排名");
      await page.selectOption("#period", "2026-Q3");
    });
    await step(p, S, "create the digest", async () => {
      await button(page, "生成府院联席会议材料").click();
      await waitForNote(page, "已生成 11 张工作表");
    });
    await screenshot(page, "digest-05-coordinator-written");
    expect((await excel(page, (x) => x.values("3 司法确认 2026-Q3", "A4:E6")))).toEqual([
      ["单位", "达成协议", "已申请", "逾期未申请", "申请率"],
      [NANPU, 1, 0, 1, 0],
      [SHANYAO, 2, 1, 1, 0.5],
    ]);
    // The coordinator's lists name every unit's cases, the applicant as surname + 某.
    const repeats = await excel(page, (x) => x.values("6 重复纠纷 2026-Q3", "A4:L5"));
    expect(repeats[1].slice(0, 4)).toEqual([NANPU, "NP-3", "2026年9月1日", "陈某"]);
    expect(p.errors).toEqual([]);
    await p.context.close();
  });
});
