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
import type { CellMark, CellValue, ReportSheet } from "../../hosts/ledger-workbook.ts";
import { SEVERITY_FILL } from "../../hosts/shared/colours.ts";

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

export function mentorsSheetName(period: string): string {
  return `导师安排 ${period}`;
}

const KIND_TEXT = {
  case: { zh: "复杂案件帮扶", en: "Complex case" },
  visit: { zh: "巡回指导", en: "Circuit visit" },
  pairing: { zh: "金牌带星牌", en: "Star pairing" },
} as const;

/**
 * One row per assignment (cases, visits, pairings as the API orders them), then the targets nobody could take,
 * filled red: mentor, target, kind, which one (visit number or team member), the reason. The columns of `tiaojie
 * mentors --out`: the solver's costs (−1000000 "必须覆盖") are how it chose, not something a bureau reads, so the
 * sheet says why in words (the reason) and leaves the numbers out.
 */
export function mentorsReport(m: MentorAssignments, locale: Locale): ReportSheet {
  const en = locale === "en";
  const slotText = (kind: string, slot: number) => {
    if (kind === "visit") return en ? `visit ${slot}` : `第 ${slot} 次`;
    if (slot === 2) return en ? "2nd of team" : "团队第 2 名";
    return en ? "1st" : "主导师";
  };
  const rows: CellValue[][] = m.assignments.map((a) => [
    en ? KIND_TEXT[a.kind].en : KIND_TEXT[a.kind].zh,
    a.mentor.name,
    a.mentor.unit ?? "",
    a.target.name,
    a.target.unit ?? "",
    slotText(a.kind, a.slot),
    en ? a.reason.en : a.reason.zh,
  ]);
  const firstUnassigned = rows.length;
  for (const u of m.unassigned) {
    rows.push([
      en ? KIND_TEXT[u.kind].en : KIND_TEXT[u.kind].zh,
      en ? "(not assigned)" : "（未安排）",
      "",
      u.target.name,
      u.target.unit ?? "",
      "",
      en ? u.reason.en : u.reason.zh,
    ]);
  }
  return {
    name: mentorsSheetName(m.period),
    tableName: `TiaojieMentors_${m.period.replace(/-/g, "_")}`,
    headers: en
      ? ["Kind", "Mentor", "Mentor's unit", "Target", "Target's unit", "Which", "Reason"]
      : ["类别", "导师", "导师单位", "帮扶对象", "对象单位", "序次", "安排理由"],
    rows,
    fills: m.unassigned.map((_, i) => [firstUnassigned + i, 1, SEVERITY_FILL.error] as const),
  };
}
