/** The Rankings page's subsidy statement (办案补贴) as a sheet we own: one row per mediator's payable case. */
import type { Subsidies } from "../../../ledger/api/subsidies.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { CellValue, ReportSheet } from "../../hosts/ledger-workbook.ts";

export function subsidySheetName(period: string): string {
  return `办案补贴 ${period}`;
}

/**
 * Each mediator's cases in turn (the mediators by amount, as the statement orders them), each with the tier, the
 * case's amount, this mediator's share and the payable date, then one row per mediator total and the district total.
 */
export function subsidyReport(s: Subsidies, locale: Locale): ReportSheet {
  const en = locale === "en";
  const headers = en
    ? ["Mediator", "Unit", "Case no.", "Tier", "Case amount (元)", "Share (元)", "Payable on"]
    : ["调解员", "单位", "案件编号", "难易程度", "案件金额（元）", "本人应得（元）", "应付日期"];
  const rows: CellValue[][] = [];
  for (const m of s.mediators) {
    for (const l of s.lines.filter((x) => x.mediator === m.mediator && x.unit === m.unit)) {
      rows.push([l.mediator, l.unit, l.caseNo, l.tier, l.caseAmount, l.amount, l.payableOn]);
    }
    rows.push([en ? `${m.mediator} total` : `${m.mediator} 合计`, m.unit, en ? `${m.cases} cases` : `${m.cases} 件`, null, null, m.amount, null]);
  }
  rows.push([en ? "District total" : "全区合计", null, en ? `${s.mediators.reduce((n, m) => n + m.cases, 0)} cases` : `${s.mediators.reduce((n, m) => n + m.cases, 0)} 件`, null, null, s.total, null]);
  return {
    name: subsidySheetName(s.period),
    tableName: `TiaojieSubsidy_${s.period.replace(/-/g, "_")}`,
    headers,
    rows,
    numberFormats: { 4: "#,##0.00", 5: "#,##0.00" },
  };
}
