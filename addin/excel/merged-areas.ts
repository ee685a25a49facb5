/**
 * Excel keeps a merged area's value in its top-left cell only, while a clerk reads it as every cell's value (a
 * 承办单位 or 被申请行政机关 merged down a block of rows). exceljs, which the CLI reads with, repeats it in every cell;
 * the pane does the same from the merged areas Excel lists, so a ledger reads the same in both.
 */
import { parseA1Range } from "./cells.ts";

/**
 * Copies each merged area's top-left value into its other cells. `addresses` as RangeAreas.address gives them
 * ("Sheet1!B5:B8,'My sheet'!C2:D2"), 0-based grid coordinates from A1.
 */
export function fillMergedAreas(values: unknown[][], addresses: readonly string[]): void {
  for (const list of addresses) {
    for (const part of list.split(",")) {
      const rect = parseA1Range(part.slice(part.lastIndexOf("!") + 1));
      if (!rect) continue;
      const top = values[rect.r1]?.[rect.c1];
      for (let r = rect.r1; r <= rect.r2 && r < values.length; r++) {
        const row = values[r];
        for (let c = rect.c1; c <= rect.c2 && c < row.length; c++) row[c] = top;
      }
    }
  }
}
