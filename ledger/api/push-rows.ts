/**
 * A sheet's rows as a push carries them, the same way for the add-in (Office.js values) and the CLI (exceljs
 * values): raw cells by column key with their Excel row numbers (1-based). Raw, not normalised: the server
 * validates every row again and reports issues exactly as a local validation would.
 */
import { sheetColumnLetter, type ColumnPlaces } from "../sheet-columns.ts";
import { normaliseDate } from "../normalise/date.ts";
import type { Cell } from "./push.ts";

export interface SheetRow<K extends string = string> {
  row: number;
  values: Partial<Record<K, Cell>>;
}

/**
 * A cell as JSON carries it: a blank (nothing, or only spaces) is null, a Date (exceljs) becomes YYYY-MM-DD, an
 * Excel serial stays a number, anything else odd becomes its text.
 */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) {
    const d = normaliseDate(v);
    return d.ok ? d.value : null;
  }
  return String(v);
}

/** The rows `rowNumbers` (1-based, as Excel numbers them) of a grid, by the mapped columns (0-based indexes). */
export function sheetRows<K extends string>(
  grid: readonly (readonly unknown[])[],
  columns: Partial<Record<K, number>>,
  rowNumbers: readonly number[],
): SheetRow<K>[] {
  const entries = Object.entries(columns) as [K, number][];
  return rowNumbers.map((row) => {
    const cells = grid[row - 1] ?? [];
    const values: Partial<Record<K, Cell>> = {};
    for (const [key, c] of entries) values[key] = toCell(cells[c]);
    return { row, values };
  });
}

/**
 * Column letters of the mapped columns, so the server's issues name the clerk's own cells. `places` when the reader
 * left empty columns out of the grid (ledger/sheet-columns.ts).
 */
export function columnLetters<K extends string>(columns: Partial<Record<K, number>>, places?: ColumnPlaces): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, c] of Object.entries(columns) as [K, number][]) out[k] = sheetColumnLetter(c, places);
  return out;
}
