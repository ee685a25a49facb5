/** `tiaojie push roster.xlsx`: a 调解员名册 sheet goes to PUT /api/roster instead of the case-ledger push. */
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import { detectHeader } from "../../ledger/header.ts";
import type { Locale } from "../../ledger/messages.ts";
import { columnLetters, sheetRows } from "../../ledger/api/push-rows.ts";
import { looksLikeRoster, validateRoster, type RosterKey } from "../../ledger/roster.ts";
import type { Client } from "./client.ts";
import type { Sheet } from "./read-workbook.ts";

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
  const rowNumbers = dataRowIndexes(sheet.grid, local.header).map((r) => r + 1);
  const rows = sheetRows<RosterKey>(sheet.grid, local.header.columns, rowNumbers);
  const receipt = await client.putRoster({
    wholeRoster: o.wholeRoster, locale: o.locale, columns: columnLetters<RosterKey>(local.header.columns, sheet.columns), rows,
  });
  return { receipt, rows: rows.length, localErrors: local.issues.filter((i) => i.severity === "error").length };
}
