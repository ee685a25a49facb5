/**
 * The 导师 tab's pure side: which kind of sheet the active one is (roster or circuit visits, the same recognition
 * as `tiaojie push`), the rows a push carries, issue marks, and the assignments sheet.
 */
import { columnIndex } from "../../../ledger/columns.ts";
import { dataRowIndexes } from "../../../ledger/data-rows.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { MentorAssignments } from "../../../ledger/api/mentors.ts";
import { columnLetters, sheetRows, type SheetRow } from "../../../ledger/api/push-rows.ts";
import { looksLikeRoster, validateRoster, type RosterKey } from "../../../ledger/roster.ts";
import { looksLikeVisits, validateVisitSheet, type VisitKey } from "../../../ledger/visits.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { mentorsLayout } from "../../../ledger/reports/mentors-layout.ts";
import type { OfficeLetterhead } from "../../../ledger/reports/office-lines.ts";
import type { CellMark } from "../../hosts/ledger-workbook.ts";

/** Visits first: a visit sheet names 导师 and 镇（街道）, which no roster has; a roster never has 日期 + 导师. */
export function mentorSheetKind(grid: readonly (readonly unknown[])[]): "roster" | "visits" | null {
  if (looksLikeVisits(grid)) return "visits";
  if (looksLikeRoster(grid)) return "roster";
  return null;
}

export interface SheetPush<K extends string> {
  rows: SheetRow<K>[];
  columns: Partial<Record<K, string>>;
  /** Issues found locally, for marking before the server answers (the server's own issues replace them). */
  localErrors: number;
}

export function rosterPush(grid: readonly (readonly unknown[])[], locale: Locale): SheetPush<RosterKey> | null {
  const local = validateRoster(grid, { locale });
  if (!local) return null;
  const rowNumbers = dataRowIndexes(grid, local.header).map((r) => r + 1);
  return {
    rows: sheetRows<RosterKey>(grid, local.header.columns, rowNumbers),
    columns: columnLetters<RosterKey>(local.header.columns),
    localErrors: local.issues.filter((i) => i.severity === "error").length,
  };
}

export function visitPush(grid: readonly (readonly unknown[])[], o: { locale: Locale; mentors?: readonly string[]; towns?: readonly string[]; today?: string }): SheetPush<VisitKey> | null {
  const local = validateVisitSheet(grid, o);
  if (!local) return null;
  const rowNumbers = dataRowIndexes(grid, local.header).map((r) => r + 1);
  return {
    rows: sheetRows<VisitKey>(grid, local.header.columns, rowNumbers),
    columns: columnLetters<VisitKey>(local.header.columns),
    localErrors: local.issues.filter((i) => i.severity === "error").length,
  };
}

/** A server issue (row + column letter) as a cell to highlight; an issue with no column marks the row's first cell. */
export function marksFor(issues: readonly { row: number; column: string | null; severity: "error" | "warning" }[]): CellMark[] {
  return issues.map((i) => ({ row: i.row, column: i.column ? columnIndex(i.column) : 0, severity: i.severity }));
}

export { mentorsSheetName } from "../../../ledger/reports/mentors-layout.ts";

/** The assignments sheet `tiaojie mentors --out` writes (ledger/reports/mentors-layout.ts): reasons in words, no solver costs. */
export function mentorsReport(m: MentorAssignments, locale: Locale, office?: OfficeLetterhead): Grid {
  return mentorsLayout(m, locale === "en" ? "en" : "zh-CN", { filedOn: todayInChina(), office });
}
