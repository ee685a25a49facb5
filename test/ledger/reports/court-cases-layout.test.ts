// The court liaison's case list (法院相关案件表) as the pane and `tiaojie court-cases --out` both write it.
import { describe, expect, it } from "vitest";
import type { CourtCase } from "../../../ledger/api/court.ts";
import { courtTableCounts, courtTableSummary } from "../../../ledger/court-table.ts";
import { courtCasesLayout, courtSheetName } from "../../../ledger/reports/court-cases-layout.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";

const base: Omit<CourtCase, "unit" | "caseNo" | "receivedOn" | "source" | "stage" | "status" | "closedOn" | "amount" | "judicialConfirmation"> = {
  domain: "征地拆迁", mediationType: "行政调解", applicant: "陈某", respondent: "区自然资源局及区住房和城乡建设局", summary: null, accepted: true,
  rejectReason: null, mediator: null, commitment: null, commitmentDue: null, commitmentMetOn: null, complexity: null, partyCount: 1, inLedger: true,
};
/** Q3 2026: one received and closed in it, one received in it and open, one received before and closed in it, one only taken to 司法确认. */
const cases: CourtCase[] = [
  { ...base, unit: "区市场监督管理局", caseNo: "SJ-2026-00012", receivedOn: "2026-07-02", source: "法院委托（诉中）", stage: "审判", status: "调解成功", closedOn: "2026-08-30", amount: 1_234_567.5, judicialConfirmation: true },
  { ...base, unit: "山腰街道", caseNo: "SY-2026-00003", receivedOn: "2026-08-11", source: "法院委派（诉前）", stage: "诉前", status: "调解中", closedOn: null, amount: null, judicialConfirmation: null },
  { ...base, unit: "南埔镇", caseNo: "NP-2026-00001", receivedOn: "2026-05-20", source: "当事人申请", stage: "执行", status: "调解不成", closedOn: "2026-07-15", amount: null, judicialConfirmation: null },
  { ...base, unit: "南埔镇", caseNo: "NP-2026-00007", receivedOn: "2026-09-01", source: "当事人申请", stage: "诉前", status: null, closedOn: null, amount: null, judicialConfirmation: true, accepted: false },
];
const allText = (g: Grid) => g.rows.flatMap((r) => r.map((c) => String(c.v ?? ""))).join("\n");
const typed = new Set(cases.map((c) => c.caseNo));

describe("the court case sheet", () => {
  const g = courtCasesLayout(cases, "2026-Q3", "zh-CN", { filedOn: "2026-11-25" });

  it("heads the sheet as a form: title with the period as forms write it, 填报单位 (a line to fill in), 填报日期 and the unit of count", () => {
    expect(g.name).toBe("法院案件 2026-Q3");
    expect(g.rows[0][0]).toMatchObject({ v: "法院相关案件表（2026年第三季度）", style: "title", align: "center" });
    expect(String(g.rows[1][0].v)).toMatch(/^填报单位：＿+（盖章）　　填报日期：2026年11月25日　　单位：件；金额：元$/);
    const office = courtCasesLayout(cases, "2026-Q3", "zh-CN", { filedOn: "2026-11-25", office: { filingUnit: "泉港区行政争议调解中心", contact: "林某", phone: "0595-87654321" } });
    expect(String(office.rows[1][0].v)).toContain("填报单位：泉港区行政争议调解中心（盖章）");
    expect(allText(office)).toContain("联系人：林某　　联系电话：0595-87654321");
    expect(courtSheetName(null)).toBe("法院案件");
  });

  it("names what each total counts: received in the period, closed in it (the overlap said), still open on the day filed, and how it relates to the digest", () => {
    expect(courtTableCounts(cases, "2026-Q3")).toEqual({ total: 4, received: 3, closed: 2, both: 1, open: 1, confirmed: 2 });
    const summary = "2026年第三季度收案或结案的法院相关案件共 4 件：其中本期新收 3 件，本期办结 2 件（本期收案并办结的 1 件两项都计），截至2026年11月25日仍在办 1 件；按办理状态：调解成功 1，调解中 1，调解不成 1，不予受理 1；申请司法确认 2 件";
    expect(courtTableSummary(cases, "zh-CN", "2026-Q3", "2026-11-25")).toBe(summary);
    // On the sheet, one sentence a row.
    const [totals, byStatus] = summary.split("；按办理状态");
    expect(allText(g)).toContain(`\n${totals}。\n按办理状态${byStatus}。\n`);
    expect(allText(g)).toContain("府院联席会议材料第 1 部分只计本期新收的法院委派、委托及诉讼阶段案件");
    expect(courtTableSummary(cases, "zh-CN", null, "2026-11-25")).toMatch(/^全部期间的法院相关案件共 4 件：截至2026年11月25日仍在办 1 件；/);
  });

  it("lists the cases under one header repeated on every printed page, days as forms write them, amounts as numbers in yuan", () => {
    const header = g.rows.findIndex((r) => r[0]?.v === "单位");
    expect(g.headerRows).toEqual({ first: header, last: header });
    expect(g.rows[header].every((c) => c.style === "header")).toBe(true);
    expect(g.frozenCols).toBe(2);
    const sj = g.rows[header + 1];
    expect(sj.map((c) => c.v)).toEqual(["区市场监督管理局", "SJ-2026-00012", "2026年7月2日", "法院委托（诉中）", "审判", "陈某", "区自然资源局及区住房和城乡建设局", "调解成功", "2026年8月30日", 1_234_567.5, "是"]);
    expect(sj[9]).toMatchObject({ format: "#,##0.00", shown: "1,234,567.50" });
    expect(g.rows[header + 4].map((c) => c.v).slice(7)).toEqual(["不予受理", null, null, "是"]);
  });

  it("fits A4 landscape at a readable scale, long agency names wrapping in their column", () => {
    for (const locale of ["zh-CN", "en"] as const) {
      const sheet = courtCasesLayout(cases, "2026-Q3", locale, { filedOn: "2026-11-25" });
      expect(sheet.page).toEqual({ orientation: "landscape" });
      expect(printScale(sheet.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    }
  });

  it("writes no English in the Chinese sheet and no Chinese words of ours in the English one", () => {
    for (const row of g.rows) for (const c of row) if (typeof c.v === "string" && !typed.has(c.v)) expect(c.v).not.toMatch(/[A-Za-z]{2,}/);
    const en = courtCasesLayout(cases, "2026-Q3", "en", { filedOn: "2026-11-25" });
    expect(en.name).toBe("Court cases 2026-Q3");
    expect(en.rows[0][0].v).toBe("Court cases (Q3 2026)");
    expect(String(en.rows[1][0].v)).toContain("Filed on: 25 Nov 2026");
    const header = en.rows.findIndex((r) => r[0]?.v === "Unit");
    for (const c of en.rows[header]) expect(String(c.v)).not.toMatch(/[\u4e00-\u9fff]/);
    expect(en.rows[header + 1].at(-1)!.v).toBe("Yes");
    expect(allText(en)).toContain("Court cases received or closed in Q3 2026, 4 in all: 3 received in the period, 2 closed in it");
  });

  it("says so when no case matches, rather than leaving an empty table", () => {
    const none = courtCasesLayout([], "2026-Q3", "zh-CN", { filedOn: "2026-11-25" });
    expect(allText(none)).toContain("没有符合条件的法院相关案件。");
    expect(allText(none)).toContain("共 0 件");
  });
});
