/** A 案件质量评查表 as POST /api/reviews carries it: the same body from the add-in and from `tiaojie push`. */
import { dataRowIndexes } from "../data-rows.ts";
import type { Locale } from "../messages.ts";
import { looksLikeReviewSheet, validateReviewSheet, type ReviewKey, type ReviewSheetResult } from "../review-sheet.ts";
import type { ColumnPlaces } from "../sheet-columns.ts";
import { columnLetters, sheetRows } from "./push-rows.ts";
import type { ReviewPush } from "./reviews.ts";

/** Null when the grid is no review sheet. `local` is the sheet read here, for marking before the server answers. */
export function reviewSheetBody(
  grid: readonly (readonly unknown[])[],
  o: { locale: Locale; columnPlaces?: ColumnPlaces; units?: readonly string[]; today?: string },
): { body: ReviewPush; rows: number; local: ReviewSheetResult } | null {
  if (!looksLikeReviewSheet(grid)) return null;
  const local = validateReviewSheet(grid, o)!;
  const rowNumbers = dataRowIndexes(grid, local.header).map((r) => r + 1);
  const rows = sheetRows<ReviewKey>(grid, local.header.columns, rowNumbers);
  return { body: { locale: o.locale, columns: columnLetters<ReviewKey>(local.header.columns, o.columnPlaces), rows }, rows: rows.length, local };
}
