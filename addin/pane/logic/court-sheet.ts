/** Court page (法院联络员): the court's cases as a report sheet we own, the same columns as `tiaojie court-cases --out`. */
import type { Locale } from "../../../ledger/messages.ts";
import type { CourtCase } from "../../../ledger/api/court.ts";
import { COURT_TABLE_HEADERS, CONFIRMATION_COLUMN, courtTableRows } from "../../../ledger/court-table.ts";
import type { ReportSheet } from "../../hosts/ledger-workbook.ts";

const CONFIRMED_FILL = "#E2EFDA";

/** "法院案件 2026-Q3", or "法院案件" for every period. */
export function courtSheetName(period: string | null): string {
  return period ? `法院案件 ${period}` : "法院案件";
}

export function courtReport(cases: readonly CourtCase[], period: string | null, locale: Locale): ReportSheet {
  return {
    name: courtSheetName(period),
    tableName: "TiaojieCourtCases",
    headers: locale === "en" ? COURT_TABLE_HEADERS.en : COURT_TABLE_HEADERS.zh,
    rows: courtTableRows(cases, locale),
    fills: cases.flatMap((c, i) => (c.judicialConfirmation === true ? [[i, CONFIRMATION_COLUMN, CONFIRMED_FILL] as const] : [])),
    numberFormats: { 9: "#,##0.00" },
  };
}
