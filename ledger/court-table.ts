/**
 * The court cases as one table (法院案件表), the same columns in the pane's report sheet and the CLI's workbook:
 * where the case is, how it reached mediation, and how it ended. Pure: cells are text, numbers or null.
 */
import type { CourtCase } from "./api/court.ts";
import type { Locale } from "./messages.ts";

export const COURT_TABLE_HEADERS = {
  zh: ["单位", "案件编号", "收案日期", "案件来源", "所处阶段", "申请人", "被申请行政机关", "办理状态", "结案日期", "协议金额（元）", "司法确认"],
  en: ["Unit", "Case no.", "Received", "Source", "Stage", "Applicant", "Respondent agency", "Status", "Closed", "Amount (元)", "Judicial confirmation"],
} as const;

/** Where 司法确认 sits in a row (its cell is filled in the sheets). */
export const CONFIRMATION_COLUMN = 10;

function yesNo(v: boolean | null, en: boolean): string {
  if (v === null) return "";
  return v ? (en ? "yes" : "是") : (en ? "no" : "否");
}

export function courtTableRows(cases: readonly CourtCase[], locale: Locale): (string | number | null)[][] {
  const en = locale === "en";
  return cases.map((c) => [
    c.unit, c.caseNo, c.receivedOn, c.source, c.stage, c.applicant, c.respondent, c.status, c.closedOn, c.amount,
    yesNo(c.judicialConfirmation, en),
  ]);
}

/** "52 件：调解成功 30，调解中 12 …；司法确认 9": the counts a person checks first, in the order of the statuses. */
export function courtTableSummary(cases: readonly CourtCase[], locale: Locale): string {
  const en = locale === "en";
  const byStatus = new Map<string, number>();
  for (const c of cases) {
    const s = c.status ?? (c.accepted ? (en ? "no status" : "未填状态") : (en ? "not accepted" : "不予受理"));
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  }
  const confirmed = cases.filter((c) => c.judicialConfirmation === true).length;
  const parts = [...byStatus].map(([s, n]) => `${s} ${n}`).join(en ? ", " : "，");
  return en
    ? `${cases.length} cases${parts ? `: ${parts}` : ""}; judicial confirmation ${confirmed}`
    : `共 ${cases.length} 件${parts ? `：${parts}` : ""}；司法确认 ${confirmed} 件`;
}
