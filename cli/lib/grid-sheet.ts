// A report layout (ledger/reports/grid.ts) as an ExcelJS worksheet the assessment office can print: the layout's
// widths (fitted to the shown text with sheet-fit's measure), wrapped long cells with rows tall enough to show them,
// thin borders on the tables, landscape and fitted to the page width so no column falls off the paper.
import type ExcelJS from "exceljs";
import { GRID_FILL, MISS_FONT, type Grid, type GridCell } from "../../ledger/reports/grid.ts";
import { wrappedRowHeight } from "./sheet-fit.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

const thin: Partial<ExcelJS.Borders> = { top: { style: "thin" }, left: { style: "thin" }, bottom: { style: "thin" }, right: { style: "thin" } };
const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;

function styleCell(cell: ExcelJS.Cell, g: GridCell): void {
  const fill = g.style ? GRID_FILL[g.style] : undefined;
  if (fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: argb(fill) } };
  switch (g.style) {
    case "title": cell.font = { bold: true, size: 14 }; cell.alignment = { horizontal: g.align ?? "left", vertical: "middle" }; break;
    case "subtitle": cell.alignment = { wrapText: true, vertical: "top" }; break;
    case "heading": cell.font = { bold: true }; break;
    case "header": cell.font = { bold: true }; cell.alignment = { horizontal: "center", vertical: "middle", wrapText: true }; cell.border = thin; break;
    case "miss":
    case "cell":
      if (g.style === "miss") cell.font = { bold: true, color: { argb: argb(MISS_FONT) } };
      cell.border = thin;
      cell.alignment = { vertical: "top", wrapText: true, horizontal: g.align ?? "center" };
      break;
    case "note": cell.font = { size: 9, italic: true }; cell.alignment = { wrapText: true, vertical: "top" }; break;
  }
  if (g.format) cell.numFmt = g.format;
}

export function addGridSheet(wb: ExcelJS.Workbook, grid: Grid, o: { paperSize?: number } = {}): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(grid.name, {
    pageSetup: {
      paperSize: o.paperSize ?? 9, orientation: grid.page?.orientation ?? "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
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
  const spanWidth = (col: number, cols: number) => grid.widths.slice(col, col + cols).reduce((a, b) => a + b, 0);
  // A row left at the default height shows one line of a wrapped cell: size each row from what it holds.
  grid.rows.forEach((cells, r) => {
    const merge = grid.merges.find((m) => m.row === r && m.rows === 1 && m.col === 0);
    const texts = cells.map((g) => (g.v === null ? "" : g.shown ?? String(g.v)));
    const widths = merge ? [spanWidth(0, merge.cols)] : grid.widths;
    const lines = merge ? [texts[0]] : texts;
    const title = cells[0]?.style === "title";
    const height = wrappedRowHeight(lines, widths, title ? 20 : cells[0]?.style === "note" ? 13 : 15);
    if (height > 17 || title) ws.getRow(r + 1).height = height;
  });
  return ws;
}
