/** Validate page: run ledger/ on the grid, group issues for the list, turn them into cell marks. */
import { columnIndex, COLUMN_BY_KEY, type ColumnKey } from "../../../ledger/columns.ts";
import type { HeaderResult } from "../../../ledger/header.ts";
import type { IssueCode, Severity } from "../../../ledger/issue-codes.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { MergedArea } from "../../../ledger/merged-areas.ts";
import type { Issue } from "../../../ledger/schema.ts";
import { validateLedger, type LedgerResult } from "../../../ledger/validate.ts";
import type { CellMark } from "../../hosts/ledger-workbook.ts";
import { detectWithSettings, type ColumnSettings } from "./columns.ts";

export interface ValidationRun {
  header: HeaderResult;
  result: LedgerResult;
  errors: number;
  warnings: number;
}

export interface ValidateContext {
  locale: Locale;
  today?: string;
  units?: readonly string[];
  mediators?: readonly string[];
  defaultUnit?: string;
  /** The sheet's merged areas as the workbook read them (SheetGrid.merges), when Excel could list them. */
  merges?: readonly MergedArea[];
}

/** null when the sheet has no recognisable header. */
export function runValidation(grid: unknown[][], settings: ColumnSettings, ctx: ValidateContext): ValidationRun | null {
  const header = detectWithSettings(grid, settings);
  if (!header) return null;
  const result = validateLedger(grid, { ...ctx, header });
  if (!result) return null;
  let errors = 0;
  let warnings = 0;
  for (const i of result.issues) {
    if (i.severity === "error") errors++;
    else warnings++;
  }
  return { header, result, errors, warnings };
}

export interface RowGroup {
  row: number;
  severity: Severity;
  issues: Issue[];
}

/** Issues by Excel row, top to bottom; a row with any error counts as an error row. */
export function groupByRow(issues: readonly Issue[]): RowGroup[] {
  const map = new Map<number, RowGroup>();
  for (const issue of issues) {
    let g = map.get(issue.row);
    if (!g) map.set(issue.row, (g = { row: issue.row, severity: "warning", issues: [] }));
    g.issues.push(issue);
    if (issue.severity === "error") g.severity = "error";
  }
  return [...map.values()].sort((a, b) => a.row - b.row);
}

export interface CodeGroup {
  code: IssueCode;
  severity: Severity;
  /** Field names involved, e.g. ["收案日期", "结案日期"]. */
  keys: ColumnKey[];
  issues: Issue[];
}

/** Issues by code: errors first, then the most frequent. */
export function groupByCode(issues: readonly Issue[]): CodeGroup[] {
  const map = new Map<IssueCode, CodeGroup>();
  for (const issue of issues) {
    let g = map.get(issue.code);
    if (!g) map.set(issue.code, (g = { code: issue.code, severity: issue.severity, keys: [], issues: [] }));
    g.issues.push(issue);
    if (!g.keys.includes(issue.key)) g.keys.push(issue.key);
  }
  return [...map.values()].sort(
    (a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1) || b.issues.length - a.issues.length,
  );
}

const CODE_NAMES: Record<IssueCode, { zh: string; en: string }> = {
  required: { zh: "必填项为空", en: "Required value missing" },
  invalid_date: { zh: "日期无法识别", en: "Unreadable date" },
  future_date: { zh: "日期晚于今天", en: "Date in the future" },
  date_order: { zh: "日期先后不对", en: "Dates out of order" },
  invalid_choice: { zh: "不是可选的值", en: "Not an allowed value" },
  invalid_id: { zh: "证件号码无效", en: "Invalid ID number" },
  invalid_phone: { zh: "电话号码格式不对", en: "Phone number format" },
  invalid_number: { zh: "数字无效", en: "Invalid number" },
  duplicate_case_no: { zh: "案件编号重复", en: "Duplicate case number" },
  reject_reason_missing: { zh: "缺少不予受理理由", en: "Reason for not accepting missing" },
  close_date_missing: { zh: "缺少结案日期", en: "Date closed missing" },
  close_date_unexpected: { zh: "调解中却有结案日期", en: "Closed date on an open case" },
  commitment_due_missing: { zh: "缺少承诺兑现期限", en: "Commitment due date missing" },
  unknown_mediator: { zh: "调解员不在名册中", en: "Mediator not in roster" },
  unknown_unit: { zh: "单位未配置", en: "Unit not configured" },
  too_long: { zh: "内容过长", en: "Text too long" },
  transferred: { zh: "案件已转交", en: "Case transferred" },
  transfer_pending: { zh: "转入案件待签收", en: "Transferred case not received" },
};

/** The issue code in words, for the "by issue" list. */
export function codeName(code: IssueCode, locale: Locale): string {
  return locale === "en" ? CODE_NAMES[code].en : CODE_NAMES[code].zh;
}

/** The cell of each issue; issues about a column the ledger lacks (column null) have no cell to mark. */
export function marksFromIssues(issues: readonly Issue[]): CellMark[] {
  const marks: CellMark[] = [];
  for (const issue of issues) {
    if (!issue.column) continue;
    const column = columnIndex(issue.column);
    if (column >= 0) marks.push({ row: issue.row, column, severity: issue.severity });
  }
  return marks;
}

/** Where clicking an issue should go: its cell, or the row's first cell when the column is missing. */
export function issueCell(issue: Issue): { row: number; column: number } {
  const column = issue.column ? columnIndex(issue.column) : -1;
  return { row: issue.row, column: column >= 0 ? column : 0 };
}
