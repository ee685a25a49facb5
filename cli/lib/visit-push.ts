/** `tiaojie push visits.xlsx`: a 巡回指导记录 sheet goes to PUT /api/visits instead of the case-ledger push. */
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import { detectHeader } from "../../ledger/header.ts";
import type { Locale } from "../../ledger/messages.ts";
import { columnLetters, sheetRows } from "../../ledger/api/push-rows.ts";
import { looksLikeRoster } from "../../ledger/roster.ts";
import { looksLikeVisits, validateVisitSheet, type VisitKey } from "../../ledger/visits.ts";
import type { Client } from "./client.ts";
import type { Sheet } from "./read-workbook.ts";

/**
 * The visit sheet of a workbook, if the sheet the push would use is one: the sheet named with --sheet, else the
 * first sheet with a ledger, roster or visit header.
 */
export function findVisitSheet(sheets: Sheet[], wanted?: string): Sheet | null {
  const candidate = wanted !== undefined
    ? sheets.find((s) => s.name === wanted)
    : sheets.find((s) => looksLikeVisits(s.grid) || looksLikeRoster(s.grid) || detectHeader(s.grid) !== null);
  return candidate && looksLikeVisits(candidate.grid) ? candidate : null;
}

/** Sends the raw cells; the server reads them against the roster's gold mentors and the configured towns. */
export async function pushVisits(client: Client, sheet: Sheet, o: { locale: Locale }) {
  const local = validateVisitSheet(sheet.grid, { locale: o.locale, columnPlaces: sheet.columns })!;
  const rowNumbers = dataRowIndexes(sheet.grid, local.header).map((r) => r + 1);
  const rows = sheetRows<VisitKey>(sheet.grid, local.header.columns, rowNumbers);
  const receipt = await client.putVisits({ locale: o.locale, columns: columnLetters<VisitKey>(local.header.columns, sheet.columns), rows });
  return { receipt, rows: rows.length };
}
