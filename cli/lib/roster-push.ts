/** `tiaojie push roster.xlsx`: a 调解员名册 sheet goes to PUT /api/roster instead of the case-ledger push. */
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import { detectHeader } from "../../ledger/header.ts";
import type { Locale } from "../../ledger/messages.ts";
import { sheetColumnLetter } from "../../ledger/sheet-columns.ts";
import { looksLikeRoster, validateRoster, type RosterKey } from "../../ledger/roster.ts";
import type { Client } from "./client.ts";
import { jsonCell } from "./ledger-rows.ts";
import type { Sheet } from "./read-workbook.ts";

export interface RosterReceipt {
  wholeRoster: boolean;
  scope: string | null;
  counts: { inserted: number; updated: number; unchanged: number; deactivated: number; rejected: number };
  issues: { row: number; column: string | null; key: string; code: string; severity: "error" | "warning"; message: string }[];
  rejectedRows: number[];
  deactivated: { name: string; unit: string }[];
}

/**
 * The roster sheet of a workbook, if the sheet the push would use is one: the sheet named with --sheet, else the
 * first sheet with a ledger or roster header. A workbook whose first such sheet is a case ledger is not a roster.
 */
export function findRosterSheet(sheets: Sheet[], wanted?: string): Sheet | null {
  const candidate = wanted !== undefined
    ? sheets.find((s) => s.name === wanted)
    : sheets.find((s) => looksLikeRoster(s.grid) || detectHeader(s.grid) !== null);
  return candidate && looksLikeRoster(candidate.grid) ? candidate : null;
}

/** Validates locally (the clerk sees the problems at once) and sends the raw cells; the server reads them again. */
export async function pushRoster(client: Client, sheet: Sheet, o: { wholeRoster: boolean; locale: Locale }) {
  const local = validateRoster(sheet.grid, { locale: o.locale, columnPlaces: sheet.columns })!;
  const entries = Object.entries(local.header.columns) as [RosterKey, number][];
  const columns: Partial<Record<RosterKey, string>> = {};
  for (const [k, c] of entries) columns[k] = sheetColumnLetter(c, sheet.columns);
  const rows = dataRowIndexes(sheet.grid, local.header).map((r) => {
    const values: Partial<Record<RosterKey, string | number | boolean | null>> = {};
    for (const [k, c] of entries) values[k] = jsonCell(sheet.grid[r][c]);
    return { row: r + 1, values };
  });
  const receipt = await client.request<RosterReceipt>("PUT", "/api/roster", {
    body: { wholeRoster: o.wholeRoster, locale: o.locale, columns, rows },
  });
  return { receipt, rows: rows.length, localErrors: local.issues.filter((i) => i.severity === "error").length };
}
