// The assessment office's 案件质量评查表 pushed from the Push page in real Chromium against the real Worker: the
// clean row stored, a score out of range and a case not in that unit's ledger marked red on their cells and listed.
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addUnit, api, createToken, ensureAddinBuilt, launchBrowser, openPane, screenshot, startPaneServer, startWorker, step,
  type OpenPane, type PaneServer, type TestWorker,
} from "./harness.ts";
import { SAMPLE_DAY } from "./fixtures.ts";
import { button, excel, openTab, waitForNote } from "./pane-ui.ts";
import { renderSheet } from "./render-sheet.ts";
import { seedFromBuilt } from "../support/excel-double/seed.ts";

const SLOW = { timeout: 120_000 };
const SHEET = "评查表";
const HEADER = ["案件编号", "承办单位", "评查人", "评查日期", "证据审查和采信（15分）", "事实认定（15分）", "法律适用（15分）", "办案程序（15分）",
  "文书制作和使用（10分）", "释法说理（10分）", "办案效果（10分）", "落实司法责任制（10分）", "扣分", "扣分理由", "总分"];
const ledgerCase = (caseNo: string) => ({
  caseNo, receivedOn: "2026-05-20", source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解", applicant: "张三",
  respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解成功", closedOn: "2026-06-01", judicialConfirmation: "是",
});

let worker: TestWorker;
let pane: PaneServer;
let browser: Browser;
let assessor: string;

beforeAll(async () => {
  ensureAddinBuilt();
  [worker, browser] = await Promise.all([startWorker(undefined, SAMPLE_DAY), launchBrowser()]);
  pane = await startPaneServer(worker.url);
  pane.today = SAMPLE_DAY;
  for (const unit of ["山腰街道", "南埔镇"]) await addUnit(worker.url, unit);
  const clerk = (await createToken(worker.url, "clerk", "山腰街道")).token;
  await api(worker.url, clerk, "/api/pushes/e2e-reviews-sy/chunks", {
    method: "POST",
    headers: { "Idempotency-Key": "e2e-reviews-sy-c0" },
    body: { wholeLedger: true, chunkIndex: 0, chunkCount: 1, rows: ["SY-2026-00001", "SY-2026-00002"].map((n, i) => ({ row: i + 3, values: ledgerCase(n) })) },
  });
  assessor = (await createToken(worker.url, "assessor")).token;
  pane.addSeed("reviews", await seedFromBuilt((wb) => {
    const ws = wb.addWorksheet(SHEET);
    ws.addRow(["泉港区2026年第三季度案件质量评查表"]);
    ws.addRow(HEADER);
    ws.addRow(["SY-2026-00001", "山腰街道", "陈评查", "2026年9月8日", 14, 13, 12, 15, 9, 8, 9, 10, 2, "卷宗缺送达回证", 88]);
    ws.addRow(["SY-2026-00002", "山腰街道", "陈评查", "2026.9.9", 16, 11, 12, 9, 7, 6, 5, 4, null, null, null]);
    ws.addRow(["NP-2026-00009", "南埔镇", "林评查", "2026-09-10", 10, 11, 12, 9, 7, 6, 5, 4, null, null, 64]);
  }));
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await pane?.close();
  await worker?.cleanup();
});

/** The review sheet as the assessor would see it in Excel (the double draws nothing): values and fills, photographed. */
async function photographSheet(p: OpenPane, address: string, name: string): Promise<void> {
  const values = await excel(p.page, (x, a) => x.values(a[0], a[1]), [SHEET, address]);
  const fills = await Promise.all(values.map((row, r) => Promise.all(row.map((_, c) =>
    excel(p.page, (x, a) => x.format(a[0], a[1]).fill ?? x.conditionalFill(a[0], a[1]) ?? null, [SHEET, `${String.fromCharCode(65 + c)}${r + 1}`])))));
  const esc = (v: unknown) => String(v ?? "").replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const rows = values.map((row, r) => `<tr>${row.map((v, c) => {
    const tag = r === 1 ? "th" : "td";
    const fill = fills[r][c] ? ` style="background:${fills[r][c]}"` : "";
    return `<${tag}${fill}>${esc(v)}</${tag}>`;
  }).join("")}</tr>`).join("");
  const shot = await p.context.newPage();
  await shot.setViewportSize({ width: 1600, height: 400 });
  await shot.setContent(`<html><body style="font:12px sans-serif;margin:8px"><div style="margin-bottom:4px">工作表 Sheet: ${esc(SHEET)}</div>
    <table style="border-collapse:collapse" border="1" cellpadding="3"><style>th{background:#4472c4;color:#fff}</style>${rows}</table></body></html>`);
  await screenshot(shot, name);
  await shot.close();
}

describe("the assessment office pushes a 案件质量评查表 from the Push page", () => {
  let office: OpenPane;
  beforeAll(async () => {
    office = await openPane(browser, pane, { seed: "reviews" });
    await office.page.locator("fluent-text-input input").fill(assessor);
    await button(office.page, "连接").click();
    await waitForNote(office.page, /已连接：.*（考评办）/);
  }, 60_000);
  afterAll(async () => {
    await office?.context.close();
  });

  it("stores the clean row, marks the out-of-range score and the case not in that unit's ledger, and lists both", SLOW, async () => {
    const { page } = office;
    const S = "reviews-push";
    await step(office, S, "push the 评查表 from the 上报 tab", async () => {
      await openTab(page, "上报");
      // The assessor's Push page offers the 评查表 push only.
      await button(page, "推送案件质量评查表").click();
      await waitForNote(page, "案件质量评查表 3 行：新增 1，更新 0（上一版已保留），未变 0；退回 2 行（未保存，改正后重新推送即可）。");
    });
    await screenshot(page, "60-reviews-pushed");
    await step(office, S, "the bad cells are red, the pane says where and how to fix them, nothing of the sheet was changed", async () => {
      expect(await excel(page, (x) => x.conditionalFill("评查表", "E4"))).toBe("#FFC7CE");
      expect(await excel(page, (x) => x.conditionalFill("评查表", "A5"))).toBe("#FFC7CE");
      expect(await excel(page, (x) => x.conditionalFill("评查表", "A3"))).toBeNull();
      const items = await page.locator("li.issue.error").allInnerTexts();
      expect(items).toEqual([
        "第 4 行 E 列：「证据审查和采信」“16”超出 0–15 分，该项满分 15 分，请核对。",
        "第 5 行 A 列：「案件编号」“NP-2026-00009”不在该单位上报的台账中，请核对案件编号和承办单位（须先由该单位推送含此案件的台账）。",
      ]);
      expect(await excel(page, (x) => [...new Set(x.contentWrites().map((w) => w.kind))].sort())).toEqual(["addConditionalFormat", "conditionalFormatFill", "conditionalFormatRule"]);
      const report = await api<{ units: { unit: string; reviews: number; meanTotal: number }[] }>(worker.url, assessor, "/api/reviews/dimensions?period=2026-Q3");
      expect(report.units.map((u) => [u.unit, u.reviews, u.meanTotal])).toEqual([["山腰街道", 1, 88]]);
    });
    await photographSheet(office, "A1:O5", "61-reviews-sheet-marked");
  });

  it("writes the period's review results from the Rankings page: the mean, and where the unit lost points", SLOW, async () => {
    const { page } = office;
    const S = "reviews-results";
    await step(office, S, "choose 2026-Q3 on 考评排名 and create the review results sheet", async () => {
      await openTab(page, "考评排名");
      await page.locator("select#period").selectOption("2026-Q3");
      await button(page, "生成评查得分表").click();
      await waitForNote(page, "已生成工作表“评查得分 2026年第三季度”：1 个单位的评查得分和八个方面的平均得分，红色为各单位失分最多的一项。");
    });
    await screenshot(page, "62-reviews-results");
    await step(office, S, "山腰街道's one stored review (88) with its eight scores, the dimension where it lost most marked", async () => {
      const sheet = "评查得分 2026年第三季度";
      expect(await excel(page, (x) => x.activeSheet())).toBe(sheet);
      const rows = await excel(page, (x, s) => x.values(s, "A1:Q6"), sheet);
      expect(rows[0][0]).toBe("2026年第三季度案件质量评查得分");
      const api88 = (await api<{ units: { low: number; high: number; scoredReviews: number; meanDeduction: number | null }[] }>(worker.url, assessor, "/api/reviews/dimensions?period=2026-Q3")).units[0];
      expect(rows[5]).toEqual(["山腰街道", "镇街", 1, 88, api88.low, api88.high, 0, api88.scoredReviews, api88.meanDeduction ?? "—", 14, 13, 12, 15, 9, 8, 9, 10]);
      // 15 − 12 = 3 in 法律适用 (column L) is the largest loss; the others lose 0–2.
      expect((await excel(page, (x, a) => x.format(a.s, a.c), { s: sheet, c: "L6" })).fill).toBe("#FFC7CE");
      expect((await excel(page, (x, a) => x.format(a.s, a.c), { s: sheet, c: "K6" })).fill ?? null).toBeNull();
    });
    await renderSheet(office.page, "评查得分 2026年第三季度", "63-reviews-results-sheet");
  });
});
