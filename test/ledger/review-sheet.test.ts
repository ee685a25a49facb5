import { describe, expect, it } from "vitest";
import {
  looksLikeReviewSheet, REVIEW_DIMENSIONS, REVIEW_ISSUE_SEVERITY, readScore, validateReviewRecords, validateReviewSheet,
} from "../../ledger/review-sheet.ts";
import { looksLikeVisits } from "../../ledger/visits.ts";

const UNITS = ["山腰街道", "南埔镇", "涂岭镇", "区人社局"];
// A..O: 案件编号 承办单位 评查人 评查日期, the eight dimensions E..L, 扣分 M, 扣分理由 N, 总分 O.
const HEADER = ["案件编号", "承办单位", "评查人", "评查日期", "证据审查和采信（15分）", "事实认定（15分）", "法律适用（15分）", "办案程序（15分）",
  "文书制作和使用（10分）", "释法说理（10分）", "办案效果（10分）", "落实司法责任制（10分）", "扣分", "扣分理由", "总分"];
const sheet = (...rows: unknown[][]) => [["泉港区2026年第三季度案件质量评查表"], ["评查单位：区司法局　　填表日期：2026-10-08"], HEADER, ...rows];
const check = { units: UNITS, today: "2026-11-27" };
const good = ["SY-2026-001", "山腰街道", "陈评查", "2026-10-08", 14, 13, 12, 15, 9, 8, 9, 10, 2, "卷宗缺送达回证", 88];

describe("reading a 案件质量评查表 (case-file quality review sheet)", () => {
  it("puts the eight dimensions' maxima in one place, summing to 100, each with a Chinese and an English name", () => {
    expect(REVIEW_DIMENSIONS.map((d) => [d.zh, d.max])).toEqual([
      ["证据审查和采信", 15], ["事实认定", 15], ["法律适用", 15], ["办案程序", 15],
      ["文书制作和使用", 10], ["释法说理", 10], ["办案效果", 10], ["落实司法责任制", 10],
    ]);
    expect(REVIEW_DIMENSIONS.reduce((a, d) => a + d.max, 0)).toBe(100);
    expect(REVIEW_DIMENSIONS.every((d) => d.en.length > 0)).toBe(true);
  });

  it("recognises the sheet under title rows, with spaces, full-width brackets and synonyms, and tells it from a ledger and a visit record", () => {
    expect(looksLikeReviewSheet(sheet())).toBe(true);
    expect(looksLikeReviewSheet([["案  号", "被评查单位", "评查人员", "评查时间", "证据审查与采信", "认定事实", "适用法律", "程序规范", "文书制作", "释法析理", "案件效果", "司法责任制", "扣分", "扣分原因", "得分"]])).toBe(true);
    expect(looksLikeReviewSheet([["案件编号", "收案日期", "承办单位", "申请人", "调解员", "被申请行政机关"]])).toBe(false);
    expect(looksLikeReviewSheet([["日期", "导师", "镇（街道）", "指导内容"]])).toBe(false);
    expect(looksLikeVisits(sheet())).toBe(false);
    // The header is found on the third row, under the title and the 评查单位 line.
    expect(validateReviewSheet(sheet())!.header.headerRow).toBe(2);
  });

  it("reads a full row, a row whose total is blank (computed), full-width digits, 公文 dates and Excel serials", () => {
    const r = validateReviewSheet(sheet(
      good,
      ["NP-2026-007", "南埔", "林评查", "二〇二六年十月九日", 10, 10, 10, 10, 5, 5, 5, 5, null, null, null],
      ["TL-2026-003", "涂岭镇", "林评查", 46310, "１５", "15分", 15, 15, 10, 10, 10, 10, "-3", "调解协议未载明履行期限", "９７"],
    ), check)!;
    expect(r.issues).toEqual([]);
    expect(r.reviews.map((v) => [v.row, v.caseNo, v.unit, v.reviewedOn, v.deduction, v.total])).toEqual([
      [4, "SY-2026-001", "山腰街道", "2026-10-08", 2, 88],
      [5, "NP-2026-007", "南埔镇", "2026-10-09", 0, 60],
      [6, "TL-2026-003", "涂岭镇", "2026-10-15", 3, 97],
    ]);
    expect(r.reviews[0].scores).toEqual({ evidence: 14, facts: 13, law: 12, procedure: 15, documents: 9, reasoning: 8, effect: 9, responsibility: 10 });
    expect(r.reviews[0].deductionReason).toBe("卷宗缺送达回证");
  });

  it("marks every kind of mistake on its cell with a stable code, says the row, the column and how to fix it, and keeps the good rows", () => {
    const r = validateReviewSheet(sheet(
      good,
      [null, "山腰街道", null, null, 14, 13, 12, 15, 9, 8, 9, 10, null, null, null],
      ["SY-2026-002", "清水镇", "陈评查", "2026.13.40", 16, "良", 12, null, 9, 8, 9, 10, null, null, null],
      ["SY-2026-003", "山腰街道", "陈评查", "2026-12-01", 14, 13, 12, 15, 9, 8, 9, 10, 5, null, 90],
      ["SY-2026-001", "山腰街道", "王评查", "2026年10月8日", 15, 15, 15, 15, 10, 10, 10, 10, null, null, "满分"],
    ), check)!;
    const found = r.issues.map((i) => [i.row, i.column, i.code]);
    expect(found).toEqual([
      [5, "A", "required"],
      [5, "C", "required"],
      [5, "D", "required"],
      [6, "B", "unknown_unit"],
      [6, "D", "invalid_date"],
      [6, "E", "score_out_of_range"],
      [6, "F", "invalid_score"],
      [6, "H", "required"],
      [7, "D", "future_date"],
      [7, "N", "deduction_reason_missing"],
      [7, "O", "total_mismatch"],
      [8, "O", "invalid_score"],
    ]);
    const msg = (row: number, col: string) => r.issues.find((i) => i.row === row && i.column === col)!.message;
    expect(msg(6, "E")).toBe("「证据审查和采信（15分）」“16”超出 0–15 分，该项满分 15 分，请核对。");
    expect(msg(7, "O")).toBe("「总分」“90”与各项得分不符：八项得分合计减扣分应为 85 分，请核对总分或各项得分（总分留空则自动计算）。");
    expect(msg(7, "N")).toBe("扣分 5 分，但「扣分理由」为空，请写明扣分理由，便于被评查单位整改。");
    expect(r.reviews.map((v) => v.row)).toEqual([4]);
    expect(Object.keys(REVIEW_ISSUE_SEVERITY)).toEqual(expect.arrayContaining([...new Set(found.map((f) => f[2]))]));
  });

  it("refuses a second review of the same case on the same day and says which row came first, in English too", () => {
    const rows = [
      { row: 4, values: { caseNo: "SY-2026-001", unit: "山腰街道", reviewer: "陈评查", reviewedOn: "2026-10-08", evidence: 14, facts: 13, law: 12, procedure: 15, documents: 9, reasoning: 8, effect: 9, responsibility: 10 } },
      { row: 9, values: { caseNo: "SY-2026-001", unit: "山腰街道", reviewer: "王评查", reviewedOn: "2026/10/8", evidence: 15, facts: 13, law: 12, procedure: 15, documents: 9, reasoning: 8, effect: 9, responsibility: 10, total: 300 } },
    ];
    const out = validateReviewRecords(rows, { ...check, locale: "en", columns: { reviewedOn: "D", total: "O" } });
    expect(out[0].review?.total).toBe(90);
    expect(out[1].issues.map((i) => [i.column, i.code])).toEqual([["O", "total_mismatch"]]);
    expect(out[1].issues[0].message).toBe(`"Total" "300" does not match the scores: the eight dimensions less the deductions make 91. Correct the total or the scores (or leave the total blank to have it computed).`);
    const dup = validateReviewRecords([rows[0], { ...rows[1], values: { ...rows[1].values, total: 91 } }], { ...check, locale: "en", columns: { reviewedOn: "D" } });
    expect(dup[1].issues.map((i) => [i.row, i.column, i.code])).toEqual([[9, "D", "duplicate_review"]]);
    expect(dup[1].issues[0].message).toMatch(/^Row 4 already reviews this case on the same day/);
    expect(dup[1].review).toBeNull();
  });

  it("reads scores as reviewers write them and refuses words", () => {
    expect([readScore(12), readScore("12.5"), readScore("１２"), readScore("12分"), readScore(" "), readScore(null)]).toEqual([12, 12.5, 12, 12, null, null]);
    expect(readScore("良")).toBeNaN();
    expect(readScore("十五")).toBeNaN();
  });
});
