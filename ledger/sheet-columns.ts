import { columnLetter } from "./columns.ts";

/**
 * Where each grid column sits in the sheet, when the reader left empty columns out of the grid (the CLI reads
 * hostile files sparsely: one cell at XFD must not make every row 16,384 cells wide). `places[c]` is the sheet's
 * 0-based column index of grid column c. Without it grid columns are sheet columns, as Office.js gives them.
 */
export type ColumnPlaces = readonly number[];

/** The letter Excel shows for grid column `c`: issues must name the cell the clerk can find, such as XFD1048576. */
export function sheetColumnLetter(c: number, places?: ColumnPlaces): string {
  return columnLetter(places?.[c] ?? c);
}
