/**
 * A worksheet as a grid built from the cells that exist. Reading every row × column of the used range made one
 * case on row 1,048,576, or one cell at XFD1, cost gigabytes. Here:
 * - rows keep their place (grid index r is Excel row r + 1), because row numbers, the 30-row header search and
 *   two-level headers all count rows; every empty row is the one shared blank row, 8 bytes each;
 * - columns that hold nothing are left out, a run of them kept as one empty column so that two-level headers still
 *   see the gap; `columns` maps each grid column back to its sheet column for the letters issues name.
 */
import type ExcelJS from "exceljs";
import type { Locale } from "../../ledger/messages.ts";
import { columnLetter } from "../../ledger/columns.ts";
import type { ColumnPlaces } from "../../ledger/sheet-columns.ts";
import { plainValue } from "./plain-value.ts";
import { LIMITS, tooLarge } from "./workbook-limits.ts";

export interface SparseGrid {
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. */
  grid: unknown[][];
  columns: ColumnPlaces;
}

export function sparseGrid(ws: ExcelJS.Worksheet, file: string, locale?: Locale): SparseGrid {
  const used = new Uint8Array(LIMITS.excelColumns + 1);
  let lastColumn = 0;
  let filledRows = 0;
  const height = ws.rowCount;
  if (height > LIMITS.excelRows) throw tooLarge(file, { kind: "outsideExcel", sheet: ws.name, cell: `A${height}` }, locale);
  ws.eachRow((row) => {
    let filled = false;
    row.eachCell((cell, c) => {
      if (c > LIMITS.excelColumns) {
        throw tooLarge(file, { kind: "outsideExcel", sheet: ws.name, cell: `${columnLetter(c - 1)}${row.number}` }, locale);
      }
      if (plainValue(cell.value) === null) return;
      used[c] = 1;
      filled = true;
      if (c > lastColumn) lastColumn = c;
    });
    if (filled) filledRows++;
  });

  // Grid column of each sheet column (1-based), or -1; and the sheet column (0-based) of each grid column.
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
  const width = places.length;
  if (filledRows * width > LIMITS.gridCells) throw tooLarge(file, { kind: "grid", sheet: ws.name, rows: filledRows, columns: width }, locale);

  const blank: unknown[] = new Array(width).fill(null);
  const grid: unknown[][] = new Array(height).fill(blank);
  ws.eachRow((row, r) => {
    let out: unknown[] | null = null;
    row.eachCell((cell, c) => {
      const v = plainValue(cell.value);
      if (v === null) return;
      out ??= new Array(width).fill(null);
      out[at[c]] = v;
    });
    if (out) grid[r - 1] = out;
  });
  return { grid, columns: places };
}
