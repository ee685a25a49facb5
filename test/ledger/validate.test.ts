import { describe, expect, it } from "vitest";
import type { ColumnKey } from "../../ledger/columns.ts";
import { ISSUE_CODES, type IssueCode } from "../../ledger/issue-codes.ts";
import { CaseRowSchema } from "../../ledger/schema.ts";
import { cleanText } from "../../ledger/text.ts";
import { validateLedger, validateRecords, type RecordOptions } from "../../ledger/validate.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { gongwenDate, layOut, STANDARD_COLUMNS } from "../fixtures/ledger-layout.ts";

const TODAY = "2026-11-25";

/** A case as a careful clerk types it: accepted, mediated successfully, with a commitment kept. */
const GOOD: Partial<Record<ColumnKey, unknown>> = {
  caseNo: "SY-2026-001", receivedOn: "2026.5.6", unit: "山腰街道", source: "当事人申请", domain: "劳动争议",
  stage: "诉前", mediationType: "行政调解", applicant: "王伟", applicantId: "11010519491231002X", phone: "0595-87123456",
  respondent: "区人社局", summary: "追讨工资", accepted: "是", rejectReason: null, mediator: "陈美华", status: "调解成功",
  closedOn: "2026年5月26日", amount: "3.5万", judicialConfirmation: "√", commitment: "补发工资", commitmentDue: 46203,
  commitmentMetOn: "2026-06-20", complexity: "普通", partyCount: "3人", notes: null,
};

function check(values: Partial<Record<ColumnKey, unknown>>, options: RecordOptions = {}) {
  return validateRecords([{ row: 7, values: { ...GOOD, ...values } }], { today: TODAY, ...options })[0];
}

function codes(values: Partial<Record<ColumnKey, unknown>>, options: RecordOptions = {}): [ColumnKey, IssueCode][] {
  return check(values, options).issues.map((i) => [i.key, i.code]);
}

describe("validating one case row", () => {
  it("turns what a clerk typed into a normalised case the schema accepts", () => {
    const r = check({});
    expect(r.issues).toEqual([]);
    expect(r.case).toMatchObject({
      receivedOn: "2026-05-06", domain: "劳动人事争议", accepted: true, closedOn: "2026-05-26", amount: 35000,
      judicialConfirmation: true, commitmentDue: "2026-06-30", partyCount: 3,
    });
    expect(CaseRowSchema.safeParse(r.case).success).toBe(true);
  });

  it("says a row is ok exactly when it has a case to store, and gives the same case every time it is asked", () => {
    const [good, bad] = validateRecords([{ row: 7, values: GOOD }, { row: 8, values: { ...GOOD, caseNo: "SY-2", receivedOn: "2026.13.45" } }], { today: TODAY });
    expect(good.ok).toBe(true);
    expect(good.case).toBe(good.case);
    expect(good.case?.caseNo).toBe("SY-2026-001");
    expect(bad.ok).toBe(false);
    expect(bad.case).toBeNull();
    expect(JSON.parse(JSON.stringify(good))).toEqual({ row: 7, ok: true, unit: "山腰街道", case: JSON.parse(JSON.stringify(good.case)), issues: [] });
  });

  const failing: [IssueCode, Partial<Record<ColumnKey, unknown>>, ColumnKey, RecordOptions?][] = [
    ["required", { applicant: "  " }, "applicant"],
    ["invalid_date", { receivedOn: "2026.13.45" }, "receivedOn"],
    ["future_date", { receivedOn: "2026-12-01", closedOn: null, status: "调解中", commitment: null, commitmentDue: null, commitmentMetOn: null }, "receivedOn"],
    ["date_order", { closedOn: "2026-05-01" }, "closedOn"],
    ["invalid_choice", { domain: "邻里纠纷" }, "domain"],
    ["invalid_id", { applicantId: "110105194912310021" }, "applicantId"],
    ["invalid_phone", { phone: "12345" }, "phone"],
    ["invalid_number", { amount: "-5" }, "amount"],
    ["reject_reason_missing", { accepted: "否", rejectReason: null, mediator: null, status: null, closedOn: null }, "rejectReason"],
    ["close_date_missing", { closedOn: null }, "closedOn"],
    ["close_date_unexpected", { status: "调解中" }, "closedOn"],
    ["commitment_due_missing", { commitmentDue: "" }, "commitmentDue"],
    ["unknown_mediator", { mediator: "张无名" }, "mediator", { mediators: ["陈美华"] }],
    ["unknown_unit", { unit: "东海镇" }, "unit", { units: ["山腰街道", "南埔镇"] }],
    ["too_long", { summary: "长".repeat(20_001) }, "summary"],
  ];

  it.each(failing)("reports %s where the clerk made that mistake", (code, values, key, options) => {
    expect(codes(values, options)).toEqual([[key, code]]);
  });

  const passing: [IssueCode, Partial<Record<ColumnKey, unknown>>, RecordOptions?][] = [
    ["required", { applicant: "王伟" }],
    ["invalid_date", { receivedOn: "20260506" }],
    ["future_date", { receivedOn: TODAY, closedOn: null, status: "调解中", commitment: null, commitmentDue: null, commitmentMetOn: null }],
    ["date_order", { closedOn: "2026-05-06" }],
    ["invalid_choice", { domain: "医患纠纷" }],
    ["invalid_id", { applicantId: "91350100M000100Y43" }],
    ["invalid_phone", { phone: "13812345678" }],
    ["invalid_number", { amount: "12,000元" }],
    ["reject_reason_missing", { accepted: "否", rejectReason: "不属于受理范围", mediator: null, status: null, closedOn: null, commitment: null, commitmentDue: null, commitmentMetOn: null, amount: null, judicialConfirmation: null }],
    ["close_date_missing", { status: "撤回" }],
    ["close_date_unexpected", { status: "调解中", closedOn: null, commitment: null, commitmentDue: null, commitmentMetOn: null }],
    ["commitment_due_missing", { commitment: null, commitmentDue: null, commitmentMetOn: null }],
    ["unknown_mediator", { mediator: "陈美华" }, { mediators: ["陈美华"] }],
    ["unknown_unit", { unit: "南埔镇" }, { units: ["山腰街道", "南埔镇"] }],
    ["too_long", { summary: "长".repeat(20_000) }],
  ];

  it.each(passing)("raises no %s when the value is right", (_code, values, options) => {
    expect(codes(values, options)).toEqual([]);
  });

  it("covers every issue code with a failing and a passing case", () => {
    // transferred and transfer_pending are the Worker's (a push of a case the ledger's unit transferred away, or of one
    // transferred to it and not yet received): test/worker/transfers.test.ts, test/worker/transfer-integrity.test.ts.
    const all = new Set<IssueCode>([...failing.map((f) => f[0]), ...passing.map((p) => p[0]), "duplicate_case_no", "transferred", "transfer_pending"]);
    expect([...all].sort()).toEqual([...ISSUE_CODES].sort());
  });

  it("finds a repeated case number within a unit and names the first row, but allows it in another unit", () => {
    const results = validateRecords(
      [
        { row: 3, values: GOOD },
        { row: 4, values: { ...GOOD, unit: "南埔镇" } },
        { row: 9, values: GOOD },
      ],
      { today: TODAY },
    );
    expect(results.map((r) => r.issues.map((i) => i.code))).toEqual([[], [], ["duplicate_case_no"]]);
    expect(results[2].issues[0].message).toContain("第3行");
    expect(results[2].case).toBeNull();
  });

  it("requires a mediator and a status once a case is accepted", () => {
    expect(codes({ mediator: null, status: null, closedOn: null })).toEqual([["mediator", "required"], ["status", "required"]]);
  });

  it("reports an unreadable cell once, not again as missing", () => {
    expect(codes({ status: "办好了" })).toEqual([["status", "invalid_choice"]]);
  });

  it("uses the clerk's unit when the ledger has no unit column, and says so when there is none", () => {
    expect(check({ unit: null }, { defaultUnit: "山腰街道" }).case?.unit).toBe("山腰街道");
    expect(codes({ unit: null })).toEqual([["unit", "required"]]);
  });

  it("keeps a row with only warnings storable", () => {
    const r = check({ phone: "12345" });
    expect(r.issues[0].severity).toBe("warning");
    expect(r.case).not.toBeNull();
  });

  it("tells the clerk an ID number was stored as a number by Excel", () => {
    const r = check({ applicantId: 350505199001011234 });
    expect(r.issues[0].code).toBe("invalid_id");
    expect(r.issues[0].message).toContain("文本");
  });

  it("words messages in English when asked, naming the column and the value", () => {
    const [issue] = check({ receivedOn: "2026.13.45" }, { locale: "en", columnLetters: { receivedOn: "C" } }).issues;
    expect(issue).toMatchObject({ row: 7, column: "C", severity: "error" });
    expect(issue.message).toBe('"Date received" "2026.13.45" is not a date we can read; write it as 2026-05-26, 2026年5月26日 or 2026.5.26.');
  });

  it("words messages in Chinese by default, naming the column and saying how to fix it", () => {
    const [issue] = check({ domain: "邻里纠纷" }).issues;
    expect(issue.message).toMatch(/^「纠纷领域」“邻里纠纷”不是规定的选项，请从以下选择：教育、医疗卫生/);
  });
});

describe("validating a whole sheet", () => {
  it("reports issues at the Excel row and column letter where the clerk will find them", () => {
    const rows = generateCases({ seed: 3, count: 12, unit: "山腰街道" });
    const laid = layOut(rows, { title: "台账", info: "填报单位：山腰街道", columns: STANDARD_COLUMNS, dateStyle: "mixed", blankEvery: 4, totalRow: true });
    laid.grid[laid.caseRows[5] - 1][2] = "2026年2月30日";
    const result = validateLedger(laid.grid, { today: TODAY })!;
    expect(result.dataRows).toBe(12);
    expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([[laid.caseRows[5], "C", "invalid_date"]]);
    expect(result.rows.filter((r) => r.case).length).toBe(11);
  });

  it("reads 公文 dates in Chinese numerals in every date column, beside the other columns, and recovers each case", () => {
    expect(gongwenDate("2026-12-31")).toBe("二〇二六年十二月三十一日");
    const cases = generateCases({ seed: 12, count: 400, unit: "山腰街道" });
    const { grid } = layOut(cases, { title: "台账", columns: STANDARD_COLUMNS, dateStyle: "gongwen", yesNo: ["√", "×"], amountInWan: true });
    expect(grid.flat()).toContain(gongwenDate(cases[0].receivedOn));
    const result = validateLedger(grid, { today: TODAY })!;
    expect(result.issues).toEqual([]);
    const expected = cases.map((c) => ({ ...c, summary: c.summary == null ? null : cleanText(c.summary) }));
    expect(result.rows.map((r) => r.case)).toEqual(expected);
  });

  it("reports a 公文 date the calendar lacks as invalid_date naming the month's length, a later one as future_date, and compares their order", () => {
    const grid = [
      ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期", "承办单位"],
      ["A-1", "二〇二六年三月五日", "王伟", "区住建局", "是", "陈美华", "调解成功", "二〇二六年十月二十五日", "山腰街道"],
      ["A-2", "二〇二六年二月三十日", "李娜", "区住建局", "是", "陈美华", "调解中", null, "山腰街道"],
      ["A-3", "二〇二六年十二月三十一日", "张强", "区住建局", "是", "陈美华", "调解中", null, "山腰街道"],
      ["A-4", "二〇二六 年 十 月 二十五 日", "赵敏", "区住建局", "是", "陈美华", "调解成功", "二〇二六年十月一日", "山腰街道"],
      ["A-5", "二〇二六年十三月一日", "周杰", "区住建局", "否", null, null, null, "山腰街道"],
    ];
    const result = validateLedger(grid, { today: TODAY })!;
    expect(result.rows[0].case).toMatchObject({ receivedOn: "2026-03-05", closedOn: "2026-10-25" });
    expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, "B", "invalid_date"], [4, "B", "future_date"], [5, "H", "date_order"], [6, "B", "invalid_date"],
      [6, null, "reject_reason_missing"], // the sheet has no 不予受理理由 column
    ]);
    expect(result.issues[0].message).toBe("「收案日期」“二〇二六年二月三十日”这一天不存在：2026年2月只有28天，请核对日期。");
    expect(result.issues[1].message).toContain("晚于今天（2026-11-25）");
    expect(result.issues[3].message).toContain("不是可识别的日期");
    const en = validateLedger(grid, { today: TODAY, locale: "en" })!;
    expect(en.issues[0].message).toBe('"收案日期" "二〇二六年二月三十日" is not a day on the calendar: February 2026 has 28 days; check the date.');
  });

  it("reports a 100,000-character case number alone on its row as too_long on that cell, never skips the row", () => {
    const rows = generateCases({ seed: 4, count: 3, unit: "山腰街道" });
    const laid = layOut(rows, { title: "台账", columns: STANDARD_COLUMNS });
    for (const long of ["A".repeat(100_000), "长".repeat(100_000)]) {
      const odd = new Array(STANDARD_COLUMNS.length).fill(null);
      odd[1] = long;
      const grid = [...laid.grid, odd];
      const result = validateLedger(grid, { today: TODAY })!;
      expect(result.dataRows).toBe(4);
      expect(result.issues).toContainEqual(expect.objectContaining({ row: grid.length, column: "B", code: "too_long" }));
    }
  });

  it("returns null when there is no ledger header to be found", () => {
    expect(validateLedger([["hello"]])).toBeNull();
  });
});

describe("reading a whole messy ledger back", () => {
  it("recovers every generated case exactly, whatever form its dates, yes/no and amounts were typed in", () => {
    const cases = generateCases({ seed: 77, count: 3_000, unit: "山腰街道" });
    const { grid } = layOut(cases, {
      title: "泉港区山腰街道行政争议调解工作台账（2026年）", info: "填报单位：山腰街道", columns: STANDARD_COLUMNS,
      dateStyle: "mixed", yesNo: ["√", "×"], amountInWan: true, blankEvery: 50, totalRow: true,
    });
    const result = validateLedger(grid, { today: TODAY })!;
    expect(result.issues).toEqual([]);
    expect(result.rows.every((r) => r.ok)).toBe(true);
    // Full-width ASCII in free text is narrowed when read (，→ ,), as everywhere else.
    const expected = cases.map((c) => ({ ...c, summary: c.summary == null ? null : cleanText(c.summary) }));
    expect(result.rows.map((r) => r.case)).toEqual(expected);
  });
});
