// A report layout (ledger/reports/grid.ts) as an ExcelJS worksheet the assessment office can print: the layout's
// widths (fitted to the shown text with sheet-fit's measure), wrapped long cells with rows tall enough to show them,
// thin borders on the tables, always on A4 fitted to the page width so no column falls off the paper, the table's
// header rows repeated on every page and frozen on screen, a new page where a section begins, and the page footer in
// the sheet's language with the sheet's name.
import type ExcelJS from "exceljs";
import { GRID_FILL, GRID_FONT_POINTS, linePoints, MISS_FONT, printTitleRows, type Grid, type GridCell } from "../../ledger/reports/grid.ts";
import { gridRowHeights } from "../../ledger/reports/row-heights.ts";
import { footerCodes, pageFooter } from "../../ledger/reports/page-footer.ts";

/** The workbook's own font (ExcelJS's default, Calibri): a font without a name leaves each program to pick its own, and LibreOffice picks a wider one that turns figures into ###. */
const FONT = "Calibri";
const thin: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
/** ExcelJS's (and the file format's) number for A4: the only paper an office's printer is sure to hold. */
export const PAPER_A4 = 9;

function styleCell(cell: ExcelJS.Cell, g: GridCell): void {
  const fill = g.style ? GRID_FILL[g.style] : undefined;
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
  const size = GRID_FONT_POINTS[g.style ?? "cell"];
  switch (g.style) {
    case "title": cell.font = { name: FONT, bold: true, size }; cell.alignment = { horizontal: g.align ?? "left", vertical: "middle" }; break;
    case "subtitle": cell.font = { name: FONT, size }; cell.alignment = { wrapText: true, vertical: "top" }; break;
    case "heading": cell.font = { name: FONT, bold: true, size }; break;
    case "header": cell.font = { name: FONT, bold: true, size }; cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true }; cell.border = thin; break;
    case "miss":
    case "cell":
      cell.font = g.style === "miss" ? { name: FONT, bold: true, size, color: { argb: argb(MISS_FONT) } } : { name: FONT, size };
      cell.border = thin;
      cell.alignment = { vertical: "top", wrapText: true, horizontal: g.align ?? "center" };
      break;
    case "note": cell.font = { name: FONT, size, italic: true }; cell.alignment = { wrapText: true, vertical: "top" }; break;
    default: cell.font = { name: FONT, size };
  }
  if (g.format) cell.numFmt = g.format;
}

export function addGridSheet(wb: ExcelJS.Workbook, grid: Grid): ExcelJS.Worksheet {
  const titles = printTitleRows(grid);
  const ws = wb.addWorksheet(grid.name, {
    pageSetup: {
      paperSize: PAPER_A4, orientation: grid.page?.orientation ?? "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
      ...(titles ? { printTitlesRow: `${titles.first + 1}:${titles.last + 1}` } : {}),
    },
    headerFooter: { oddFooter: footerCodes(pageFooter(grid.locale)) },
  });
  // Frozen through the header rows (and the name columns): scrolling down a long list keeps what each column is.
  const ySplit = grid.headerRows ? grid.headerRows.last + 1 : 0;
  const xSplit = grid.frozenCols ?? 0;
  if (ySplit > 0 || xSplit > 0) ws.views = [{ state: "frozen", ySplit, xSplit, topLeftCell: `${columnLetters(xSplit + 1)}${ySplit + 1}` }];
  ws.columns = grid.widths.map((width) => ({ width }));
  grid.rows.forEach((cells, r) => {
    const row = ws.getRow(r + 1);
    cells.forEach((g, c) => {
      const cell = row.getCell(c + 1);
      if (g.v !== null) cell.value = g.v;
      styleCell(cell, g);
    });
  });
  for (const m of grid.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  // A row left at the default height shows one line of a wrapped cell (ledger/reports/row-heights.ts).
  for (const [r, height] of gridRowHeights(grid)) ws.getRow(r + 1).height = height;
  // A page break goes after the row before the one that begins the new page.
  for (const r of new Set(grid.breaksBefore ?? [])) if (r > 0 && r < grid.rows.length) ws.getRow(r).addPageBreak();
  return ws;
}

function columnLetters(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
