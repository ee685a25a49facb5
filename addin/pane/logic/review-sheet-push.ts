/**
 * The Push page's 评查表 push: recognise the active sheet as a 案件质量评查表 (the same recognition as `tiaojie push`)
 * and send it; the answer's issues become cell marks.
 */
import type { ApiClient } from "../../../ledger/api/client.ts";
import { reviewSheetBody } from "../../../ledger/api/review-sheet-rows.ts";
import type { ReviewReceipt } from "../../../ledger/api/reviews.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { looksLikeReviewSheet } from "../../../ledger/review-sheet.ts";
import { marksFor } from "./mentor-sheets.ts";
import type { CellMark } from "../../hosts/ledger-workbook.ts";

export interface ReviewSheetPushed {
  rows: number;
  receipt: ReviewReceipt;
  /** Every issue the server found, as marks for the sheet (they replace earlier marks). */
  marks: CellMark[];
}

export const isReviewSheet = looksLikeReviewSheet;

/** Null when the grid is no review sheet (nothing is sent). */
export async function pushReviewSheetGrid(
  client: Pick<ApiClient, "pushReviews">,
  grid: readonly (readonly unknown[])[],
  o: { locale: Locale; today?: string },
): Promise<ReviewSheetPushed | null> {
  const push = reviewSheetBody(grid, o);
  if (!push) return null;
  const receipt = await client.pushReviews(push.body);
  return { rows: push.rows, receipt, marks: marksFor(receipt.issues) };
}
