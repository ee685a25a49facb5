// The Push page's 评查表 push, at unit level: the sheet read from the Excel double, the rows sent through a stubbed
// client, the server's issues marked on the sheet's cells without changing a value.
import { describe, expect, it } from "vitest";
import type { ReviewPush, ReviewReceipt } from "../../ledger/api/reviews.ts";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import { isReviewSheet, pushReviewSheetGrid } from "../../addin/pane/logic/review-sheet-push.ts";
import { rectAddress } from "../support/excel-double/address.ts";
import { sheetByName, type CellScalar } from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { syncKinds } from "../support/excel-double/recorder.ts";

const HEADER = ["案件编号", "承办单位", "评查人", "评查日期", "证据审查和采信（15分）", "事实认定（15分）", "法律适用（15分）", "办案程序（15分）",
  "文书制作和使用（10分）", "释法说理（10分）", "办案效果（10分）", "落实司法责任制（10分）", "扣分", "扣分理由", "总分"];
const SHEET: CellScalar[][] = [
  ["泉港区2026年第三季度案件质量评查表", ...Array(14).fill(null)],
  HEADER,
  ["SY-2026-00001", "山腰街道", "陈评查", "2026年10月8日", 14, 13, 12, 15, 9, 8, 9, 10, 2, "卷宗缺送达回证", 88],
  ["SY-2026-00002", "山腰街道", "陈评查", 46303, 16, 11, 12, 9, 7, 6, 5, 4, null, null, null],
  ["NP-2026-00009", "南埔镇", "陈评查", "2026.10.9", 10, 11, 12, 9, 7, 6, 5, 4, null, null, 64],
];

function stubClient(answer: (body: ReviewPush) => ReviewReceipt) {
  const sent: ReviewPush[] = [];
  return { sent, pushReviews: async (body: ReviewPush) => (sent.push(body), answer(body)) };
}

describe("pushing a 案件质量评查表 from the Push page", () => {
  it("recognises the sheet, sends its raw cells with rows and column letters, and marks the server's issues on their cells without changing a value", async () => {
    const { state, run } = excelDouble({ sheets: [{ name: "评查表", values: SHEET }] });
    const wb = createExcelWorkbook({ run });
    const grid = await wb.readSheet();
    expect(isReviewSheet(grid.values)).toBe(true);

    const client = stubClient(() => ({
      counts: { reviews: 1, inserted: 1, updated: 0, unchanged: 0, rejected: 2 },
      issues: [
        { row: 4, column: "E", key: "evidence", code: "score_out_of_range", severity: "error", message: "「证据审查和采信（15分）」“16”超出 0–15 分" },
        { row: 5, column: "A", key: "caseNo", code: "case_not_found", severity: "error", message: "「案件编号」“NP-2026-00009”不在该单位上报的台账中" },
      ],
      rejectedRows: [4, 5],
    }));
    const pushed = (await pushReviewSheetGrid(client, grid.values, { locale: "zh-CN" }))!;
    expect(pushed.rows).toBe(3);
    expect(client.sent).toHaveLength(1);
    const body = client.sent[0];
    expect(body.columns).toMatchObject({ caseNo: "A", unit: "B", reviewer: "C", reviewedOn: "D", evidence: "E", deduction: "M", deductionReason: "N", total: "O" });
    expect(body.rows.map((r) => r.row)).toEqual([3, 4, 5]);
    expect(body.rows[0].values).toMatchObject({ caseNo: "SY-2026-00001", reviewedOn: "2026年10月8日", evidence: 14, total: 88, deductionReason: "卷宗缺送达回证" });
    // An Excel date serial goes as the number; the server reads it as the ledger does.
    expect(body.rows[1].values.reviewedOn).toBe(46303);

    const before = state.recorder.syncs.length;
    const valuesBefore = JSON.stringify(sheetByName(state.workbook, "评查表")!.values);
    await wb.markIssues(grid.sheetName, pushed.marks);
    expect(syncKinds(state.recorder, before)).toEqual(["write"]);
    const fills = Object.fromEntries(sheetByName(state.workbook, "评查表")!.conditionalFormats.map((f) => [f.areas.map(rectAddress).join(","), f.fill]));
    // Errors share one red rule over both cells.
    expect(fills).toEqual({ "E4,A5": "#FFC7CE" });
    expect(JSON.stringify(sheetByName(state.workbook, "评查表")!.values)).toBe(valuesBefore);
  });

  it("sends nothing for a case ledger, which names 案件编号 and 承办单位 too", async () => {
    const client = stubClient(() => { throw new Error("must not be called"); });
    const ledger = [["案件编号", "收案日期", "承办单位", "纠纷领域", "申请人", "被申请行政机关"], ["SY-1", "2026-05-01", "山腰街道", "教育", "张三", "区教育局"]];
    expect(isReviewSheet(ledger)).toBe(false);
    expect(await pushReviewSheetGrid(client, ledger, { locale: "zh-CN" })).toBeNull();
    expect(client.sent).toEqual([]);
  });
});
