// Excel and LibreOffice open an .xlsx at the widths and heights it states: a column too narrow cuts a figure when
// printed, and a row left at the default shows one line of a wrapped cell and draws the rest over the rows below.
// So the sheets the CLI writes size both from what they hold.
import type ExcelJS from "exceljs";

import { displayWidth } from "../../ledger/display-width.ts";

export { displayWidth };

export { wrappedLines, wrappedRowHeight } from "../../ledger/reports/row-heights.ts";

/** The text a cell shows, line by line (a number as written, a wrapped cell's lines apart). */
function shownLines(value: unknown): string[] {
  if (value === null || value === undefined) return [""];
  if (value instanceof Date) return [value.toISOString().slice(0, 10)];
  if (typeof value === "object" && "richText" in value) return (value as { richText: { text: string }[] }).richText.map((t) => t.text).join("").split("\n");
  return String(value).split("\n");
}

/**
 * Widens each column to its longest line from `fromRow` down, so nothing is cut when printed ("97.5%（97522/100000）"),
 * within [min, max]; a longer line wraps. Merged cells (titles, notes) span many columns and are left out.
 */
export function fitColumnWidths(ws: ExcelJS.Worksheet, o: { fromRow: number; min?: number; max?: number; padding?: number }): void {
  const { min = 6, max = 60, padding = 2 } = o;
  const widest = new Map<number, number>();
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    if (r < o.fromRow) return;
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      if (cell.isMerged) return;
      const w = Math.max(...shownLines(cell.value).map(displayWidth));
      widest.set(c, Math.max(widest.get(c) ?? 0, w));
    });
  });
  for (const [c, w] of widest) ws.getColumn(c).width = Math.min(max, Math.max(min, Math.ceil(w + padding)));
}

/**
 * Widens columns 1..cols evenly until together they hold a merged title of `text` at `fontSize` points: a title
 * wider than the table it heads is cut at the page edge.
 */
export function widenForTitle(ws: ExcelJS.Worksheet, cols: number, text: string, fontSize: number): void {
  const need = (displayWidth(text) * fontSize) / 11 + 2;
  const have = Array.from({ length: cols }, (_, i) => ws.getColumn(i + 1).width ?? 8.43).reduce((a, b) => a + b, 0);
  if (have >= need) return;
  const extra = (need - have) / cols;
  for (let c = 1; c <= cols; c++) ws.getColumn(c).width = Math.ceil((ws.getColumn(c).width ?? 8.43) + extra);
}
