/**
 * The court cases as one table (法院案件表), the same columns in the pane's sheet, the CLI's workbook and its text:
 * where the case is, how it reached mediation, and how it ended. Pure: cells are text, numbers or null.
 */
import type { CourtCase } from "./api/court.ts";
import type { Locale } from "./messages.ts";
import { inPeriod, parsePeriod } from "./period.ts";
import { dayText, periodText } from "./reports/form-text.ts";

export const COURT_TABLE_HEADERS = {
  zh: ["单位", "案件编号", "收案日期", "案件来源", "所处阶段", "申请人", "被申请行政机关", "办理状态", "结案日期", "协议金额（元）", "司法确认"],
  en: ["Unit", "Case no.", "Received", "Source", "Stage", "Applicant", "Respondent agency", "Status", "Closed", "Amount (yuan)", "Judicial confirmation"],
} as const;

/** Where 司法确认 sits in a row. */
export const CONFIRMATION_COLUMN = 10;
/** Where the days received and closed sit in a row. */
export const RECEIVED_COLUMN = 2;
export const CLOSED_COLUMN = 8;
/** Where the agreed amount sits in a row (a number, formatted as money). */
export const AMOUNT_COLUMN = 9;

function yesNo(v: boolean | null, en: boolean): string | null {
  if (v === null) return null;
  return v ? (en ? "Yes" : "是") : (en ? "No" : "否");
}

/** A case not accepted has no status of its own: the table says 不予受理 rather than leaving the cell blank. */
function statusOf(c: CourtCase, en: boolean): string | null {
  if (c.status !== null) return c.status;
  return c.accepted ? null : en ? "Not accepted" : "不予受理";
}

export function courtTableRows(cases: readonly CourtCase[], locale: Locale): (string | number | null)[][] {
  const en = locale === "en";
  return cases.map((c) => [
    c.unit, c.caseNo, c.receivedOn, c.source, c.stage, c.applicant, c.respondent, statusOf(c, en), c.closedOn, c.amount,
    yesNo(c.judicialConfirmation, en),
  ]);
}

/** Still being mediated: accepted, and 调解中 or no status yet. */
const isOpen = (c: CourtCase) => c.accepted && (c.status === null || c.status === "调解中");

/**
 * What the table's total is made of, each figure with what it counts: the court liaison sets them beside the
 * digest's 本期新收 and 本期办结 and must see why they differ (this table also holds cases only taken to 司法确认,
 * and a case received and closed in the period is in both).
 */
export function courtTableCounts(cases: readonly CourtCase[], period: string | null) {
  const p = period ? parsePeriod(period) : null;
  const received = p ? cases.filter((c) => inPeriod(c.receivedOn, p)).length : null;
  const closed = p ? cases.filter((c) => inPeriod(c.closedOn, p)).length : null;
  const both = p ? cases.filter((c) => inPeriod(c.receivedOn, p) && inPeriod(c.closedOn, p)).length : null;
  return { total: cases.length, received, closed, both, open: cases.filter(isOpen).length, confirmed: cases.filter((c) => c.judicialConfirmation === true).length };
}

/**
 * The table's total said with what it counts, then by status, as two sentences: "2026年第三季度收案或结案的法院相关
 * 案件共 37 件：其中本期新收 25 件，本期办结 19 件（本期收案并办结的 7 件两项都计），截至2026年11月25日仍在办 12 件" and
 * "按办理状态：调解成功 9，…；申请司法确认 9 件". `today` is the day the cases were read (what 仍在办 is as of).
 */
export function courtTableSummaryParts(cases: readonly CourtCase[], locale: Locale, period: string | null, today: string): [string, string] {
  const en = locale === "en";
  const n = courtTableCounts(cases, period);
  const byStatus = new Map<string, number>();
  for (const c of cases) {
    const s = statusOf(c, en) ?? (en ? "no status" : "未填状态");
    byStatus.set(s, (byStatus.get(s) ?? 0) + 1);
  }
  const parts = [...byStatus].map(([s, k]) => `${s} ${k}`).join(en ? ", " : "，");
  const day = dayText(today, locale);
  if (en) {
    const scope = period ? `Court cases received or closed in ${periodText(period, "en")}` : "Court cases of all periods";
    const split = period ? `: ${n.received} received in the period, ${n.closed} closed in it (the ${n.both} received and closed in it counted in both), ${n.open} still open on ${day}` : `: ${n.open} still open on ${day}`;
    return [`${scope}, ${n.total} in all${split}`, `${parts ? `By status: ${parts}; ` : ""}${n.confirmed} taken to judicial confirmation`];
  }
  const scope = period ? `${periodText(period)}收案或结案的法院相关案件共 ${n.total} 件` : `全部期间的法院相关案件共 ${n.total} 件`;
  const split = period
    ? `：其中本期新收 ${n.received} 件，本期办结 ${n.closed} 件（本期收案并办结的 ${n.both} 件两项都计），截至${day}仍在办 ${n.open} 件`
    : `：截至${day}仍在办 ${n.open} 件`;
  return [`${scope}${split}`, `${parts ? `按办理状态：${parts}；` : ""}申请司法确认 ${n.confirmed} 件`];
}

/** The two sentences as one line (the pane's message, the CLI's text output). */
export function courtTableSummary(cases: readonly CourtCase[], locale: Locale, period: string | null, today: string): string {
  const [totals, byStatus] = courtTableSummaryParts(cases, locale, period, today);
  return locale === "en" ? `${totals}; ${byStatus.charAt(0).toLowerCase()}${byStatus.slice(1)}` : `${totals}；${byStatus}`;
}
