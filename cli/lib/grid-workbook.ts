// Several report layouts (ledger/reports/) as one .xlsx: exceljs writes each Grid as a sheet (cli/lib/grid-sheet.ts),
// then xlsx-charts adds each grid's native charts, pointing at the cells they draw so an edited figure redraws.
import { writeFile } from "node:fs/promises";
import ExcelJS from "exceljs";
import type { Grid, GridChart } from "../../ledger/reports/grid.ts";
import { addGridSheet } from "./grid-sheet.ts";
import { addCharts, type XlsxChart } from "./xlsx-charts.ts";

const numberOrNull = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * A grid's chart in the .xlsx's terms: 1-based cells, labels and values cached from the grid's cells. A series with
 * no figure at all is left out (an empty entry in the legend says nothing).
 */
export function xlsxChart(grid: Grid, chart: GridChart): XlsxChart {
  const at = (r: number, c: number) => grid.rows[r]?.[c]?.v ?? null;
  const text = (r: number, c: number) => String(at(r, c) ?? "");
  const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);
  const rows = range(chart.firstRow, chart.lastRow);
  const cols = range(chart.firstValueCol, chart.lastValueCol);
  const byColumns = chart.seriesIn === "columns";
  const cell = (r: number, c: number) => ({ row: r + 1, col: c + 1 });
  return {
    kind: chart.kind,
    title: chart.title,
    categories: byColumns
      ? { first: cell(chart.firstRow, chart.labelCol), labels: rows.map((r) => text(r, chart.labelCol)), down: true }
      : { first: cell(chart.headerRow, chart.firstValueCol), labels: cols.map((c) => text(chart.headerRow, c)) },
    series: (byColumns
      ? cols.map((c) => ({ name: text(chart.headerRow, c), nameCell: cell(chart.headerRow, c), first: cell(chart.firstRow, c), down: true, values: rows.map((r) => numberOrNull(at(r, c))) }))
      : rows.map((r) => ({ name: text(r, chart.labelCol), nameCell: cell(r, chart.labelCol), first: cell(r, chart.firstValueCol), values: cols.map((c) => numberOrNull(at(r, c))) })))
      .filter((s) => s.values.some((v) => v !== null)),
    from: cell(chart.at.row, chart.at.col),
    to: cell(chart.at.row + chart.at.rows, chart.at.col + chart.at.cols),
    valueAxis: chart.valueFormat ? { format: chart.valueFormat } : undefined,
  };
}

/** The .xlsx bytes of `grids`, a sheet each in order, with their charts. */
export async function gridWorkbookBytes(grids: readonly Grid[]): Promise<Uint8Array> {
  // A sheet whose every series is empty draws no chart rather than an empty frame.
  const wb = new ExcelJS.Workbook();
  const sheets = grids.map((g) => ({ sheet: addGridSheet(wb, g).name, charts: (g.charts ?? []).map((c) => xlsxChart(g, c)).filter((c) => c.series.length > 0) }));
  return addCharts(new Uint8Array(await wb.xlsx.writeBuffer()), sheets);
}

export async function writeGridWorkbook(grids: readonly Grid[], file: string): Promise<void> {
  await writeFile(file, await gridWorkbookBytes(grids));
}
