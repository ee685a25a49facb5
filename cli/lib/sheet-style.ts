// How the CLI's printable sheets look, in one place: the pale-blue bordered header row, thin borders on table cells.
// (Laid-out report sheets shared with the task pane go through grid-sheet.ts instead.)
import type ExcelJS from "exceljs";

export const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFD9E1F2" } };
export const THIN: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };

/**
 * Row `n` as a table header: bold, wrapped, filled and bordered. `height` in points (a two-line header needs 32);
 * `center` false keeps the text at the left, for headers over sentences.
 */
export function headerRow(ws: ExcelJS.Worksheet, n: number, values: readonly string[], o: { height?: number; center?: boolean } = {}): ExcelJS.Row {
  const row = ws.getRow(n);
  row.values = [...values];
  row.font = { bold: true };
  row.alignment = { ...(o.center === false ? {} : { horizontal: "center" as const }), vertical: "middle", wrapText: true };
  if (o.height !== undefined) row.height = o.height;
  row.eachCell((c) => {
    c.fill = HEAD_FILL;
    c.border = THIN;
  });
  return row;
}
