/** Coordinator and Rankings pages: the server's flags and rankings as sheets we own. */
import type { Locale } from "../../../ledger/messages.ts";
import type { Rankings } from "../../../ledger/api/assessment.ts";
import { FLAG_NAMES, type Flag } from "../../../ledger/api/flags.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { rankingsLayout, rankingsSheetName } from "../../../ledger/reports/rankings-layout.ts";
import { parsePeriod } from "../../../ledger/period.ts";
import { SEVERITY_FILL } from "../../hosts/shared/colours.ts";
import type { CellValue, ReportSheet } from "../../hosts/ledger-workbook.ts";

export const FLAGS_SHEET = "预警清单";

const SEVERITY_ORDER = { high: 0, medium: 1, low: 2 } as const;
const SEVERITY_TEXT = { high: { zh: "高", en: "High" }, medium: { zh: "中", en: "Medium" }, low: { zh: "低", en: "Low" } } as const;
const SEVERITY_COLOUR = { high: SEVERITY_FILL.error, medium: SEVERITY_FILL.warning, low: "#E7E6E6" } as const;

export function flagsReport(flags: readonly Flag[], locale: Locale): ReportSheet {
  const en = locale === "en";
  // Within a severity and unit, what runs out soonest comes first (flags without a due day after them).
  const sorted = [...flags].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.unit.localeCompare(b.unit, "zh-CN")
      || (dueDay(a) || "\uffff").localeCompare(dueDay(b) || "\uffff") || (a.caseNo ?? "").localeCompare(b.caseNo ?? ""),
  );
  const rows: CellValue[][] = sorted.map((f) => [
    en ? SEVERITY_TEXT[f.severity].en : SEVERITY_TEXT[f.severity].zh,
    f.unit,
    f.caseNo ?? (en ? "(unit)" : "（单位）"),
    // The flag's kind by its name, never its code (due_soon): the sheet is printed for people, not programs.
    en ? FLAG_NAMES[f.code].en : FLAG_NAMES[f.code].zh,
    en ? f.message.en : f.message.zh,
    dueDay(f),
  ]);
  return {
    name: FLAGS_SHEET,
    tableName: "TiaojieFlags",
    headers: en ? ["Severity", "Unit", "Case no.", "Kind", "Flag", "Due"] : ["级别", "单位", "案件编号", "预警类型", "预警内容", "到期日"],
    rows,
    fills: sorted.map((f, i) => [i, 0, SEVERITY_COLOUR[f.severity]] as const),
  };
}

/** The day the flag is about running out: the case's time limit, the commitment's due day or the confirmation deadline. */
function dueDay(f: Flag): string {
  const d = f.facts.dueOn ?? f.facts.commitmentDue ?? f.facts.deadline;
  return typeof d === "string" ? d : "";
}

/** "2026-Q3", "2026-07", "2026": the period syntax of ledger/period.ts. */
export function isPeriod(p: string): boolean {
  try {
    return parsePeriod(p).label === p;
  } catch {
    return false;
  }
}

/** Picker choices, newest first: this and the last 4 quarters, the last 6 months, this and last year. */
export function periodOptions(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const quarters: string[] = [];
  for (let i = 0, y = year, q = Math.ceil(month / 3); i < 5; i++) {
    quarters.push(`${y}-Q${q}`);
    if (--q === 0) (q = 4), y--;
  }
  const months: string[] = [];
  for (let i = 0, y = year, m = month; i < 6; i++) {
    months.push(`${y}-${String(m).padStart(2, "0")}`);
    if (--m === 0) (m = 12), y--;
  }
  return [...quarters, ...months, String(year), String(year - 1)];
}

export { rankingsSheetName };

/**
 * The rankings sheets (ledger/reports/rankings-layout.ts, the layout `tiaojie rankings --out` writes too): towns and
 * departments each on a summary (rank, score, per indicator rate, judgment and points) and a detail sheet (one row
 * per unit and indicator: n, N, rate, interval, target, judgment, weight, points), each printing on A4.
 */
export function rankingsReport(rankings: Rankings, locale: Locale): Grid[] {
  return rankingsLayout(rankings, locale);
}
