/**
 * The court liaison's case list (法院相关案件表) as one A4 landscape sheet: title, 填报单位 and 填报日期, what the list
 * counts and its totals each named, the table with its header repeated on every printed page, and the contact lines.
 * `tiaojie court-cases --out` and the pane's 法院案件 page write this same sheet. People are surname + 某 already
 * (the Worker masks them); the sheet shows them as it gets them.
 */
import type { CourtCase } from "../api/court.ts";
import { AMOUNT_COLUMN, CLOSED_COLUMN, COURT_TABLE_HEADERS, RECEIVED_COLUMN, courtTableRows, courtTableSummaryParts } from "../court-table.ts";
import { dayText, periodText } from "./form-text.ts";
import { fitWidths, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import { FILL_IN as BLANK, type OfficeLetterhead } from "./office-lines.ts";

export type CourtSheetLocale = "zh-CN" | "en";

export type { OfficeLetterhead };

export interface CourtCasesOptions {
  /** 填报日期 and the day 仍在办 is counted on, "YYYY-MM-DD" (today in China). */
  filedOn: string;
  office?: OfficeLetterhead;
}

/** "法院案件 2026-Q3", or "法院案件" for every period (English: "Court cases 2026-Q3"). */
export function courtSheetName(period: string | null, locale: CourtSheetLocale = "zh-CN"): string {
  const name = locale === "en" ? "Court cases" : "法院案件";
  return period ? `${name} ${period}` : name;
}

export function courtCasesLayout(cases: readonly CourtCase[], period: string | null, locale: CourtSheetLocale, o: CourtCasesOptions): Grid {
  const en = locale === "en";
  const t = (zh: string, en_: string) => (en ? en_ : zh);
  const headers = en ? COURT_TABLE_HEADERS.en : COURT_TABLE_HEADERS.zh;
  const cols = headers.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (v: string, style: GridCell["style"], align?: "center") => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols });
    rows.push([{ v, style, ...(align ? { align } : {}) }]);
  };
  const c = en ? ": " : "：";
  const gap = "　　";
  const periodSaid = period ? periodText(period, locale) : t("全部期间", "all periods");

  line(t(`法院相关案件表（${periodSaid}）`, `Court cases (${periodSaid})`), "title", "center");
  line([
    `${t("填报单位", "Filed by")}${c}${o.office?.filingUnit || BLANK}${t("（盖章）", " (seal)")}`,
    `${t("填报日期", "Filed on")}${c}${dayText(o.filedOn, locale)}`,
    t("单位：件；金额：元", "Counts in cases; amounts in yuan"),
  ].join(gap), "subtitle");
  // One sentence a row: a merged row the pane's hosts do not grow still shows each whole.
  line(t(
    `本表列出${period ? `${periodSaid}收案或结案的` : "全部期间的"}法院相关案件：法院委派（诉前）、法院委托（诉中），处于立案 / 审判 / 执行阶段，或申请司法确认的案件，全部单位。`,
    `The court cases of every unit${period ? ` received or closed in ${periodSaid}` : ""}: referred by the court (委派 before suit, 委托 during it), at filing, trial or enforcement, or taken to judicial confirmation.`,
  ), "note");
  line(t("当事人为个人的只写姓氏加“某”，不含证件号码和联系电话。府院联席会议材料第 1 部分只计本期新收的法院委派、委托及诉讼阶段案件，不含仅申请司法确认的，件数因此可能少于本表。",
    "A person is written surname + 某; no ID numbers or phones. Section 1 of the joint-meeting digest counts only court-referred cases received in the period, not those only taken to confirmation, so it may count fewer."), "note");
  for (const sentence of courtTableSummaryParts(cases, locale, period, o.filedOn)) line(`${sentence}${t("。", ".")}`, "note");
  const header = rows.length;
  rows.push(headers.map((v) => ({ v, style: "header" as const })));
  if (cases.length === 0) line(t("没有符合条件的法院相关案件。", "No court cases match."), "note");
  for (const values of courtTableRows(cases, locale)) {
    rows.push(values.map((v, i): GridCell => {
      // Days as forms write them (2026年7月2日); the JSON and the text output keep ISO dates.
      if ((i === RECEIVED_COLUMN || i === CLOSED_COLUMN) && typeof v === "string") return { v: dayText(v, locale), style: "cell" };
      if (i === AMOUNT_COLUMN && typeof v === "number") return { v, format: "#,##0.00", shown: v.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 }), style: "cell" };
      // Names and agencies read from the left; dates, codes and short values sit centred under their header.
      return { v, style: "cell", ...(i === 0 || i === 6 ? { align: "left" as const } : {}) };
    }));
  }
  rows.push([]);
  line([
    `${t("联系人", "Contact")}${c}${o.office?.contact || BLANK}`,
    `${t("联系电话", "Phone")}${c}${o.office?.phone || BLANK}`,
    `${t("审核人", "Checked by")}${c}${BLANK}`,
    `${t("填表人", "Prepared by")}${c}${BLANK}`,
  ].join(gap), "subtitle");
  // Long agency names wrap inside a bounded column rather than pushing the table off the page.
  const widths = fitWidths(rows, merges, { min: 8, max: 24, padding: 2 });
  return { name: courtSheetName(period, locale), rows, merges, widths, page: { orientation: "landscape" }, headerRows: { first: header, last: header }, frozenCols: 2 };
}
