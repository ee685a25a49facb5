/**
 * "校验本工作簿全部台账": validate every case ledger sheet of a workbook and summarise it per unit and sheet, so a
 * coordinator sees at a glance which unit's ledger needs attention. Pure: the sheets come in as grids.
 */
import type { IssueCode } from "../../../ledger/issue-codes.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { looksLikeRoster } from "../../../ledger/roster.ts";
import { ruleSheetKind } from "../../../ledger/routing/rule-sheet-kind.ts";
import { SEVERITY_FILL } from "../../hosts/shared/colours.ts";
import type { CellValue, ReportSheet, SheetGrid } from "../../hosts/ledger-workbook.ts";
import { detectWithSettings, type ColumnSettings } from "./columns.ts";
import { FLAGS_SHEET } from "./report-sheets.ts";
import { defaultUnitFor, pickFor, type SheetUnit, type SheetUnits } from "./unit-pick.ts";
import { codeName, runValidation, type ValidateContext } from "./validate.ts";

export const SUMMARY_SHEET = "台账校验汇总";
const SUMMARY_TABLE = "TiaojieValidationSummary";
/** How many of a unit's most frequent issue codes the summary names. */
const TOP_CODES = 3;

const HEADERS = {
  zh: ["单位", "工作表", "行数", "错误", "警告", "最常见问题", "说明"],
  en: ["Unit", "Sheet", "Rows", "Errors", "Warnings", "Most frequent issues", "Note"],
} as const;

export type SkipReason = "roster" | "rules" | "report" | "no_header" | "empty";

export interface SummaryRow {
  /** null: rows whose unit is empty and could not be inferred. */
  unit: string | null;
  sheet: string;
  rows: number;
  errors: number;
  warnings: number;
  /** Most frequent first (errors before warnings at equal counts). */
  topCodes: { code: IssueCode; count: number }[];
  /** How the unit of rows without one was found, when it was. */
  unitSource: SheetUnit["source"] | null;
}

export interface SkippedSheet {
  sheet: string;
  reason: SkipReason;
}

export interface WorkbookValidation {
  rows: SummaryRow[];
  skipped: SkippedSheet[];
  /** Sheets validated as case ledgers. */
  ledgers: number;
  errors: number;
  warnings: number;
}

/**
 * A sheet this product wrote (预警清单, 考评排名 …, this summary): never validated as a ledger. The workbook's own list
 * of the sheets we wrote decides; the two names are kept for reports written before that list existed.
 */
export function isProductSheet(grid: SheetGrid): boolean {
  return grid.report === true || grid.sheetName === FLAGS_SHEET || grid.sheetName.startsWith("考评排名 ") || grid.sheetName.startsWith("考评明细 ");
}

export function classifySheet(grid: SheetGrid): SkipReason | "ledger" {
  if (grid.values.length === 0) return "empty";
  if (isProductSheet(grid)) return "report";
  if (ruleSheetKind(grid.values) !== null) return "rules";
  if (looksLikeRoster(grid.values)) return "roster";
  return "ledger";
}

/**
 * Validates each ledger sheet (the workbook's column corrections apply to every sheet, as they do to the active
 * one) and counts rows, errors and warnings per unit within each sheet. Rows without a unit get the unit the
 * coordinator picked for that sheet (`picks`, remembered per sheet) or the one the sheet's title or name names.
 */
export function validateWorkbook(grids: readonly SheetGrid[], settings: ColumnSettings, ctx: ValidateContext & { picks?: SheetUnits }): WorkbookValidation {
  const out: WorkbookValidation = { rows: [], skipped: [], ledgers: 0, errors: 0, warnings: 0 };
  for (const grid of grids) {
    const kind = classifySheet(grid);
    if (kind !== "ledger") {
      if (kind !== "empty" && kind !== "report") out.skipped.push({ sheet: grid.sheetName, reason: kind });
      continue;
    }
    const header = detectWithSettings(grid.values, settings);
    const sheetUnit = header ? defaultUnitFor(pickFor(ctx.picks, grid.sheetName), grid.values, header, grid.sheetName, ctx.units ?? []) : null;
    const run = header ? runValidation(grid.values, settings, { ...ctx, merges: grid.merges, defaultUnit: sheetUnit?.unit ?? ctx.defaultUnit }) : null;
    if (!run) {
      out.skipped.push({ sheet: grid.sheetName, reason: "no_header" });
      continue;
    }
    out.ledgers++;
    out.errors += run.errors;
    out.warnings += run.warnings;
    const unitOfRow = new Map(run.result.rows.map((r) => [r.row, r.unit]));
    const perUnit = new Map<string | null, { rows: number; errors: number; warnings: number; codes: Map<IssueCode, { count: number; error: boolean }> }>();
    const bucket = (unit: string | null) => {
      let b = perUnit.get(unit);
      if (!b) perUnit.set(unit, (b = { rows: 0, errors: 0, warnings: 0, codes: new Map() }));
      return b;
    };
    for (const r of run.result.rows) bucket(r.unit).rows++;
    for (const issue of run.result.issues) {
      const b = bucket(unitOfRow.get(issue.row) ?? null);
      if (issue.severity === "error") b.errors++;
      else b.warnings++;
      const c = b.codes.get(issue.code) ?? { count: 0, error: issue.severity === "error" };
      c.count++;
      b.codes.set(issue.code, c);
    }
    for (const [unit, b] of perUnit) {
      const topCodes = [...b.codes]
        .sort(([ca, a], [cb, b2]) => b2.count - a.count || Number(b2.error) - Number(a.error) || ca.localeCompare(cb))
        .slice(0, TOP_CODES)
        .map(([code, c]) => ({ code, count: c.count }));
      out.rows.push({ unit, sheet: grid.sheetName, rows: b.rows, errors: b.errors, warnings: b.warnings, topCodes, unitSource: sheetUnit?.source ?? null });
    }
  }
  // Who needs attention first: most errors, then most warnings; then by unit and sheet for a stable order.
  out.rows.sort((a, b) => b.errors - a.errors || b.warnings - a.warnings || (a.unit ?? "\uffff").localeCompare(b.unit ?? "\uffff", "zh-CN") || a.sheet.localeCompare(b.sheet, "zh-CN"));
  return out;
}

const SKIP_NOTE: Record<SkipReason, { zh: string; en: string }> = {
  roster: { zh: "调解员名册，不按台账校验", en: "Mediator roster, not validated as a ledger" },
  rules: { zh: "分流规则表，不按台账校验", en: "Routing rule sheet, not validated as a ledger" },
  report: { zh: "", en: "" },
  empty: { zh: "", en: "" },
  no_header: {
    zh: "没有找到台账表头（需要至少 3 个可识别的列名，如 案件编号、收案日期、申请人），未校验",
    en: "No ledger header found (needs at least 3 known column names such as 案件编号, 收案日期, 申请人); not validated",
  },
};

const SOURCE_NOTE: Record<SheetUnit["source"], { zh: string; en: string }> = {
  picked: { zh: "未填单位的行按所选单位", en: "rows without a unit: the unit picked" },
  title: { zh: "未填单位的行按标题中的单位", en: "rows without a unit: the unit in the title" },
  sheet: { zh: "未填单位的行按工作表名中的单位", en: "rows without a unit: the unit in the sheet name" },
  column: { zh: "", en: "" },
};

/** The summary as a sheet we own: one row per unit and sheet, then the sheets not validated and why. */
export function summaryReport(v: WorkbookValidation, locale: Locale): ReportSheet {
  const en = locale === "en";
  const pick = (m: { zh: string; en: string }) => (en ? m.en : m.zh);
  const rows: CellValue[][] = [];
  const fills: [number, number, string][] = [];
  for (const r of v.rows) {
    // Issue kinds by name only: a code (required) in a cell means nothing to the clerk who prints it.
    const top = r.topCodes.map((c) => `${codeName(c.code, locale)} ×${c.count}`).join(en ? "; " : "；");
    const note = r.unit === null
      ? (en ? "Rows without a unit: fill 承办单位 or pick the unit on the Validate page" : "这些行未填承办单位：请填写，或在“校验”页选择本表所属单位")
      : r.unitSource && r.unitSource !== "column" ? pick(SOURCE_NOTE[r.unitSource]) : "";
    const i = rows.length;
    rows.push([r.unit ?? (en ? "(no unit)" : "（未填单位）"), r.sheet, r.rows, r.errors, r.warnings, top, note]);
    if (r.errors > 0) fills.push([i, 3, SEVERITY_FILL.error]);
    if (r.warnings > 0) fills.push([i, 4, SEVERITY_FILL.warning]);
  }
  for (const s of v.skipped) rows.push(["", s.sheet, null, null, null, "", pick(SKIP_NOTE[s.reason])]);
  return { name: SUMMARY_SHEET, tableName: SUMMARY_TABLE, headers: en ? HEADERS.en : HEADERS.zh, rows, fills };
}
