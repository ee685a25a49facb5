/** `tiaojie push reviews.xlsx`: a 案件质量评查表 goes to POST /api/reviews instead of the case-ledger push. */
import type { Locale } from "../../ledger/messages.ts";
import { reviewSheetBody } from "../../ledger/api/review-sheet-rows.ts";
import { looksLikeReviewSheet } from "../../ledger/review-sheet.ts";
import type { Client } from "./client.ts";
import type { Sheet } from "./read-workbook.ts";

/** The review sheet of a workbook: the sheet named with --sheet if it is one, else the first review sheet. */
export function findReviewSheet(sheets: Sheet[], wanted?: string): Sheet | null {
  const candidate = wanted !== undefined ? sheets.find((s) => s.name === wanted) : sheets.find((s) => looksLikeReviewSheet(s.grid));
  return candidate && looksLikeReviewSheet(candidate.grid) ? candidate : null;
}

/** Sends the raw cells; the Worker reads them again against the units and their ledgers. */
export async function pushReviewSheet(client: Client, sheet: Sheet, o: { locale: Locale }) {
  const push = reviewSheetBody(sheet.grid, { locale: o.locale, columnPlaces: sheet.columns })!;
  return { receipt: await client.pushReviews(push.body), rows: push.rows };
}
