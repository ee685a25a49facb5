import { describe, expect, it } from "vitest";
import { applyOverride, detectHeader, matchHeader } from "../../ledger/header.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type LayoutColumn } from "../fixtures/ledger-layout.ts";

const rows = generateCases({ seed: 5, count: 5, unit: "山腰街道" });

describe("finding the header of a ledger", () => {
  it("finds a single header row under a merged title and a 填报单位 line", () => {
    const { grid } = layOut(rows, { title: "泉港区山腰街道行政争议调解工作台账（2026年）", info: "填报单位：山腰街道　填报日期：2026年11月20日", columns: STANDARD_COLUMNS });
    const h = detectHeader(grid)!;
    expect(h.headerRow).toBe(2);
    expect(h.firstRow).toBe(2);
    expect(h.columns.caseNo).toBe(1);
    expect(h.columns.notes).toBe(25);
    expect(Object.keys(h.columns)).toHaveLength(25);
    expect(h.unmapped).toEqual([0]);
  });

  it("finds a header in the very first row when the ledger has no title", () => {
    const cols: LayoutColumn[] = [
      { key: "caseNo", header: "编号" }, { key: "receivedOn", header: "收案时间" }, { key: "applicant", header: "当事人" },
      { key: "respondent", header: "行政机关" }, { key: "accepted", header: "是否受理" },
    ];
    const h = detectHeader(layOut(rows, { columns: cols }).grid)!;
    expect(h.headerRow).toBe(0);
    expect(h.columns).toEqual({ caseNo: 0, receivedOn: 1, applicant: 2, respondent: 3, accepted: 4 });
  });

  it("reads a two-level header: 申请人 over 姓名 / 证件号码 / 联系电话", () => {
    const cols: LayoutColumn[] = [
      { key: "seq", header: "序号" }, { key: "caseNo", header: "登记编号" }, { key: "receivedOn", header: "登记日期" },
      { key: "applicant", header: "姓名", group: "申请人" }, { key: "applicantId", header: "证件号码", group: "申请人" },
      { key: "phone", header: "联系电话", group: "申请人" }, { key: "respondent", header: "被申请人" }, { key: "accepted", header: "受理情况" },
    ];
    const { grid } = layOut(rows, { title: "区人社局行政争议调解台账", columns: cols });
    const h = detectHeader(grid)!;
    expect(h.firstRow).toBe(1);
    expect(h.headerRow).toBe(2);
    expect(h.columns).toEqual({ caseNo: 1, receivedOn: 2, applicant: 3, applicantId: 4, phone: 5, respondent: 6, accepted: 7 });
    expect(h.labels[3]).toBe("申请人/姓名");
  });

  it("reads a two-level header when the group label is repeated across the merged cells (as exceljs gives it)", () => {
    const grid = [
      ["案件编号", "收案日期", "申请人", "申请人", "被申请人", "是否受理"],
      ["案件编号", "收案日期", "姓名", "身份证号", "被申请人", "是否受理"],
      ["A-1", "2026-05-01", "王伟", null, "区住建局", "是"],
    ];
    const h = detectHeader(grid)!;
    expect(h.headerRow).toBe(1);
    expect(h.columns).toMatchObject({ caseNo: 0, receivedOn: 1, applicant: 2, applicantId: 3, respondent: 4, accepted: 5 });
  });

  /** A published case-registration form: 申请人 and 被申请人 each merged over 姓名或名称 | 电话, as Office.js gives it. */
  const REGISTRATION = [
    ["案件登记表", null, null, null, null, null, null, null, null, null],
    ["登记编号", "登记日期", "申请人", null, "被申请人", null, "争议事项", "是否受理", "不予受理理由", "承办单位"],
    [null, null, "姓名或名称", "电话", "姓名或名称", "电话", null, null, null, null],
  ];

  it("reads groups that share sub-headings by group and sub-heading together: 申请人/电话 is the phone, 被申请人/电话 nothing we keep", () => {
    const h = detectHeader(REGISTRATION)!;
    expect(h.firstRow).toBe(1);
    expect(h.headerRow).toBe(2);
    expect(h.columns).toEqual({ caseNo: 0, receivedOn: 1, applicant: 2, phone: 3, respondent: 4, summary: 6, accepted: 7, rejectReason: 8, unit: 9 });
    expect(h.labels.slice(2, 6)).toEqual(["申请人/姓名或名称", "申请人/电话", "被申请人/姓名或名称", "被申请人/电话"]);
    expect(h.unmapped).toEqual([5]);
  });

  it("reads the same registration form when the group labels are repeated across their merged cells (as exceljs gives it)", () => {
    const grid = [
      ["登记编号", "登记日期", "申请人", "申请人", "被申请人", "被申请人", "是否受理"],
      ["登记编号", "登记日期", "姓名或名称", "电话", "姓名或名称", "电话", "是否受理"],
    ];
    const h = detectHeader(grid)!;
    expect(h.columns).toEqual({ caseNo: 0, receivedOn: 1, applicant: 2, phone: 3, respondent: 4, accepted: 6 });
    expect(h.unmapped).toEqual([5]);
  });

  it("counts a party's details under any name of that party and under no other, and reads other groups' sub-headings on their own", () => {
    const grid = [
      ["编号", "被申请行政机关", null, null, "当事人", null, null, "受理情况", null],
      [null, "名称", "统一社会信用代码", "联系方式", "姓名", "手机号码", "身份证号码", "是否受理", "不予受理理由"],
    ];
    const h = detectHeader(grid)!;
    expect(h.columns).toEqual({ caseNo: 0, respondent: 1, applicant: 4, phone: 5, applicantId: 6, accepted: 7, rejectReason: 8 });
    expect(h.unmapped).toEqual([2, 3]);
  });

  it("validates a row of the registration form: the applicant's phone is checked, the respondent read, the respondent's phone left alone", () => {
    const grid = [
      ...REGISTRATION,
      ["DJ-1", "二〇二六年三月五日", "王伟", "12345", "区住建局", "不是电话", "追讨工资", "否", "不属于受理范围", "山腰街道"],
      ["DJ-2", "2026-03-06", "李娜", "13800138000", "区人社局", "0595-87123456", "工伤认定", "否", "已过申请期限", "山腰街道"],
    ];
    const result = validateLedger(grid, { today: "2026-11-25" })!;
    expect(result.dataRows).toBe(2);
    // Only the applicant's phone is checked (a warning); the respondent's "不是电话" is no cell of ours.
    expect(result.issues.map((i) => [i.row, i.column, i.key, i.code])).toEqual([[4, "D", "phone", "invalid_phone"]]);
    expect(result.rows.map((r) => [r.case?.applicant, r.case?.phone, r.case?.respondent, r.case?.receivedOn])).toEqual([
      ["王伟", null, "区住建局", "2026-03-05"],
      ["李娜", "13800138000", "区人社局", "2026-03-06"],
    ]);
  });

  it("matches headers written with full-width brackets, line breaks, spaces and required-marks", () => {
    const grid = [["*案件编号", "收案\n日期", "承办单位", "所属镇(街道)", "协议金额\n（元）", "申 请 人", "案件编号（必填）"]];
    const h = detectHeader(grid)!;
    expect(h.columns.caseNo).toBe(0);
    expect(h.columns.receivedOn).toBe(1);
    expect(h.columns.unit).toBe(2);
    expect(h.columns.amount).toBe(4);
    expect(h.columns.applicant).toBe(5);
    // The second column naming the same thing stays unmapped, for the clerk to decide.
    expect(h.unmapped).toEqual([3, 6]);
  });

  it("reads columns in any order with the synonyms units use", () => {
    const grid = [["调解结果", "办结日期", "纠纷类型", "案号", "申请日期", "申请人姓名", "涉诉行政机关", "受理情况", "主办调解员"]];
    const h = detectHeader(grid)!;
    expect(h.columns).toEqual({ status: 0, closedOn: 1, domain: 2, caseNo: 3, receivedOn: 4, applicant: 5, respondent: 6, accepted: 7, mediator: 8 });
  });

  it("does not mistake a title or a notes line mentioning column names for the header", () => {
    const grid = [
      ["说明：案件编号、收案日期、申请人、被申请行政机关为必填项，请按要求填写", null, null],
      ["案件编号", "收案日期", "申请人"],
    ];
    expect(detectHeader(grid)!.headerRow).toBe(1);
  });

  it("returns null for a sheet that is not a ledger", () => {
    expect(detectHeader([["姓名", "年龄"], ["王伟", 30]])).toBeNull();
    expect(detectHeader([])).toBeNull();
  });

  it("lets the clerk's mapping win: a column moves to the key they chose and leaves the one detection guessed", () => {
    const h = detectHeader([["案件编号", "收案日期", "申请人", "办理人"]])!;
    expect(h.unmapped).toEqual([3]);
    const fixed = applyOverride(h, { mediator: 3 });
    expect(fixed.columns.mediator).toBe(3);
    expect(fixed.unmapped).toEqual([]);
    const moved = applyOverride(h, { applicant: 3 });
    expect(moved.columns.applicant).toBe(3);
    expect(moved.unmapped).toEqual([2]);
    const dropped = detectHeader([["案件编号", "收案日期", "申请人", "办理人"]], { override: { receivedOn: null } })!;
    expect(dropped.columns.receivedOn).toBeUndefined();
    expect(dropped.unmapped).toEqual([1, 3]);
  });

  it("names no column for unknown or empty header text", () => {
    expect(matchHeader("序号")).toBeNull();
    expect(matchHeader("")).toBeNull();
    expect(matchHeader(null)).toBeNull();
    expect(matchHeader("被申请人")).toBe("respondent");
    expect(matchHeader("申请人")).toBe("applicant");
  });
});
