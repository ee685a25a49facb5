// Which sheet columns make the grid: every used column, and one empty column kept where a run of empty ones was
// dropped (so issues still name the real cell). Shared by the streaming reader and the exceljs baseline it replaced.
import type { Locale } from "../../ledger/messages.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";

/**
 * `used[c]` (1-based sheet column) marks a column with a value. Returns `at` (grid column of each sheet column, or
 * -1) and `places` (sheet column, 0-based, of each grid column); refuses a grid over LIMITS.gridCells.
 */
export function gridColumns(
  used: Uint8Array, lastColumn: number, filledRows: number, where: { file: string; sheet: string; locale?: Locale },
): { at: Int32Array; places: number[] } {
  const at = new Int32Array(lastColumn + 1).fill(-1);
  const places: number[] = [];
  for (let c = 1; c <= lastColumn; c++) {
    if (used[c]) {
      at[c] = places.length;
      places.push(c - 1);
    } else if (c === 1 || used[c - 1]) {
      places.push(c - 1);
    }
  }
  if (filledRows * places.length > LIMITS.gridCells) {
    throw tooLarge(where.file, { kind: "grid", sheet: where.sheet, rows: filledRows, columns: places.length }, where.locale);
  }
  return { at, places };
}
