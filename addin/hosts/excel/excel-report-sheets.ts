/**
 * Report sheets over Office.js: a table report with its chart (writeReportSheet) and laid-out sheets with native charts
 * (writeGridSheets), each on a sheet this add-in owns. Not on the pane's first page, so excel-ledger-workbook.ts fetches
 * this module when a report is first written. One read sync (which names are free or ours) and one write sync.
 * Every report sheet prints on A4 fitted to the page width, its header rows repeated on every page and frozen on
 * screen, a new page where a section begins, the sheet's name and page number in the footer. Charts (series
 * categories ExcelApi 1.7, axis number format and gaps for empty cells 1.8), frozen panes (1.7) and page layout (1.9)
 * are left out where this Excel lacks them (`can`, from capabilities.ts): the sheet is written all the same.
 */
import { gridRowHeights } from "../../../ledger/reports/row-heights.ts";
import { rangeAddress, toCellText } from "../shared/cells.ts";
import type { ReportSheet } from "../ledger-workbook.ts";
import { GRID_FILL, GRID_FONT_POINTS, MISS_FONT, isBarChart, printTitleRows, type Grid, type GridCell, type GridChart } from "../../../ledger/reports/grid.ts";
import { pageFooter, type FooterLocale } from "../../../ledger/reports/page-footer.ts";
import type { ExcelCapabilities } from "./capabilities.ts";
import { REPORT_SHEETS_KEY, SETTINGS_PREFIX, parseSetting } from "./excel-ledger-workbook.ts";

/**
 * Claims a sheet for each wanted name in one read sync: the name itself when free or ours (written by this add-in,
 * as the workbook's settings record), else "name (2)" … A clerk's sheet of that name is never touched.
 */
export async function claimReportSheets(context: Excel.RequestContext, wanted: readonly string[]): Promise<{ sheet: Excel.Worksheet; name: string }[]> {
  const owned = context.workbook.settings.getItemOrNullObject(SETTINGS_PREFIX + REPORT_SHEETS_KEY);
  owned.load("value");
  const sheets = context.workbook.worksheets;
  const lookups = wanted.map((w) => {
    const candidates = [w, ...Array.from({ length: 8 }, (_, i) => `${w} (${i + 2})`)];
    return {
      candidates,
      found: candidates.map((n) => {
        const ws = sheets.getItemOrNullObject(n);
        ws.load("name");
        return ws;
      }),
    };
  });
  await context.sync();
  const ours = new Set(owned.isNullObject ? [] : (parseSetting<string[]>(owned.value) ?? []));
  const taken = new Set<string>();
  const claimed = lookups.map(({ candidates, found }) => {
    const i = candidates.findIndex((n, k) => !taken.has(n) && (found[k].isNullObject || ours.has(n)));
    if (i < 0) throw new Error(`worksheets ${candidates.join(", ")} all exist and are not ours`);
    const name = candidates[i];
    taken.add(name);
    if (!found[i].isNullObject) found[i].delete();
    ours.add(name);
    return name;
  });
  context.workbook.settings.add(SETTINGS_PREFIX + REPORT_SHEETS_KEY, JSON.stringify([...ours]));
  return claimed.map((name) => ({ sheet: sheets.add(name), name }));
}

async function claimReportSheet(context: Excel.RequestContext, wanted: string): Promise<{ sheet: Excel.Worksheet; name: string }> {
  return (await claimReportSheets(context, [wanted]))[0];
}

/** A table report (with its bar chart and line charts, when it has them) on a sheet of its own: one write sync. */
export async function writeReportSheet(context: Excel.RequestContext, report: ReportSheet, can: ExcelCapabilities): Promise<string> {
  const { sheet, name } = await claimReportSheet(context, report.name);
  const width = report.headers.length;
  const lastRow = report.rows.length + 1;
  const all = sheet.getRange(rangeAddress(1, 0, lastRow, width - 1));
  all.values = [
    report.headers.map(toCellText),
    ...report.rows.map((r) => r.map((v) => (typeof v === "string" ? toCellText(v) : v ?? ""))),
  ] as unknown[][] as string[][];
  const table = sheet.tables.add(all, true);
  table.name = report.tableName;
  table.style = "TableStyleMedium2";
  for (const [col, format] of Object.entries(report.numberFormats ?? {})) {
    if (report.rows.length === 0) break;
    const c = Number(col);
    sheet.getRange(rangeAddress(2, c, lastRow, c)).numberFormat = report.rows.map(() => [format]);
  }
  for (const [r, c, colour] of report.fills ?? []) {
    sheet.getRange(rangeAddress(r + 2, c, r + 2, c)).format.fill.color = colour;
  }
  const { charts } = can;
  if (charts && report.chart && report.rows.length > 0) {
    const { labelColumn, valueColumn } = report.chart;
    const values = sheet.getRange(rangeAddress(1, valueColumn, lastRow, valueColumn));
    const chart = sheet.charts.add("BarClustered", values, "Columns");
    chart.series.getItemAt(0).setXAxisValues(sheet.getRange(rangeAddress(2, labelColumn, lastRow, labelColumn)));
    chart.title.text = report.chart.title;
    chart.legend.visible = false;
    chart.setPosition(rangeAddress(1, width + 1, 1, width + 1));
  }
  // Beside the table, one under the other, each about 8 columns by 18 rows.
  let top = 1;
  for (const lc of charts ? report.lineCharts ?? [] : []) {
    if (lc.lastRow < lc.firstRow) continue;
    const source = sheet.getRange(rangeAddress(lc.firstRow + 2, lc.labelColumn, lc.lastRow + 2, lc.lastValueColumn));
    const chart = sheet.charts.add("Line", source, "Rows");
    const periods = sheet.getRange(rangeAddress(1, lc.labelColumn + 1, 1, lc.lastValueColumn));
    for (let s = 0; s <= lc.lastRow - lc.firstRow; s++) chart.series.getItemAt(s).setXAxisValues(periods);
    chart.title.text = lc.title;
    chart.setPosition(rangeAddress(top, width + 1, top, width + 1), rangeAddress(top + 17, width + 8, top + 17, width + 8));
    top += 19;
  }
  all.format.autofitColumns();
  // A table on A4 landscape, its header row on every printed page and frozen on screen.
  if (can.freezePanes) sheet.freezePanes.freezeRows(1);
  if (can.pageLayout) queuePageSetup(sheet, { orientation: "landscape", titleRows: { first: 0, last: 0 }, breaksBefore: [], locale: report.locale });
  sheet.activate();
  await context.sync();
  return name;
}

/** Laid-out sheets (ledger/reports/grid.ts), each on a sheet of its own, charts included: one write sync. */
export async function writeGridSheets(context: Excel.RequestContext, grids: readonly Grid[], can: ExcelCapabilities): Promise<string[]> {
  if (grids.length === 0) return [];
  const claimed = await claimReportSheets(context, grids.map((g) => g.name));
  claimed.forEach(({ sheet }, i) => queueGrid(sheet, grids[i], can));
  claimed[0].sheet.activate();
  await context.sync();
  return claimed.map((c) => c.name);
}

/** Excel's column width in points for a width in characters of "0" (7 pixels each plus 5 of padding, 0.75 pt a pixel). */
export const widthToPoints = (chars: number): number => Math.round((chars * 7 + 5) * 0.75 * 100) / 100;

/**
 * Queues a laid-out sheet: values in one range (server text starting with = + - @ written as text), number formats
 * in one matrix, then styles in runs of equal cells per row, merges and column widths. Nothing is read.
 */
function queueGrid(sheet: Excel.Worksheet, grid: Grid, can: ExcelCapabilities): void {
  const width = Math.max(1, grid.widths.length, ...grid.rows.map((r) => r.length));
  const height = Math.max(1, grid.rows.length);
  const cell = (r: number, c: number) => grid.rows[r]?.[c];
  const all = sheet.getRange(rangeAddress(1, 0, height, width - 1));
  const matrix = <T>(f: (r: number, c: number) => T): T[][] => Array.from({ length: height }, (_, r) => Array.from({ length: width }, (_, c) => f(r, c)));
  all.values = matrix((r, c) => {
    const v = cell(r, c)?.v ?? null;
    return typeof v === "string" ? toCellText(v) : v ?? "";
  }) as unknown[][] as string[][];
  if (grid.rows.some((row) => row.some((g) => g.format))) all.numberFormat = matrix((r, c) => cell(r, c)?.format ?? "General");
  // Long reasons and messages wrap within their column; Excel then sizes the rows. Body text at the size the layout's
  // print scale was worked out for (GRID_FONT_POINTS), whatever this workbook's default font is.
  all.format.wrapText = true;
  all.format.horizontalAlignment = "Center";
  all.format.font.size = GRID_FONT_POINTS.cell;
  grid.rows.forEach((row, r) => {
    const runs = (key: (g: GridCell | undefined) => string | null, apply: (range: Excel.Range, k: string) => void) => {
      let start = 0;
      for (let c = 1; c <= width; c++) {
        const k = key(row[start]);
        if (c < width && key(row[c]) === k) continue;
        if (k !== null) apply(sheet.getRange(rangeAddress(r + 1, start, r + 1, c - 1)), k);
        start = c;
      }
    };
    runs((g) => (g?.style ? GRID_FILL[g.style] ?? null : null), (range, colour) => (range.format.fill.color = colour));
    runs((g) => (g && g.style && g.style !== "cell" && g.style !== "note" && g.style !== "subtitle" ? "bold" : null), (range) => (range.format.font.bold = true));
    runs((g) => (g && g.align !== "center" && (g.align === "left" || g.style === "title" || g.style === "subtitle" || g.style === "heading" || g.style === "note") ? "left" : null),
      (range) => (range.format.horizontalAlignment = "Left"));
    runs((g) => {
      const size = GRID_FONT_POINTS[g?.style ?? "cell"];
      return size === GRID_FONT_POINTS.cell ? null : String(size);
    }, (range, size) => (range.format.font.size = Number(size)));
    runs((g) => (g?.style === "note" ? "italic" : null), (range) => (range.format.font.italic = true));
    runs((g) => (g?.style === "miss" ? "miss" : null), (range) => (range.format.font.color = MISS_FONT));
  });
  for (const m of grid.merges) sheet.getRange(rangeAddress(m.row + 1, m.col, m.row + m.rows, m.col + m.cols - 1)).merge(false);
  grid.widths.forEach((w, c) => (sheet.getRange(rangeAddress(1, c, 1, c)).format.columnWidth = widthToPoints(w)));
  // Excel grows a row for wrapped text in a plain cell but never for a merged one (a note, a form line): state it.
  for (const [r, points] of gridRowHeights(grid)) sheet.getRange(rangeAddress(r + 1, 0, r + 1, 0)).format.rowHeight = points;
  if (can.charts) for (const chart of grid.charts ?? []) queueGridChart(sheet, grid, chart, can.chartNumberFormat);
  // Frozen through the header rows (and the name columns), so scrolling keeps what each column is in view.
  const rows = grid.headerRows ? grid.headerRows.last + 1 : 0;
  const cols = grid.frozenCols ?? 0;
  if (can.freezePanes && rows > 0 && cols > 0) sheet.freezePanes.freezeAt(sheet.getRange(rangeAddress(1, 0, rows, cols - 1)));
  else if (can.freezePanes && rows > 0) sheet.freezePanes.freezeRows(rows);
  else if (can.freezePanes && cols > 0) sheet.freezePanes.freezeColumns(cols);
  if (can.pageLayout) {
    queuePageSetup(sheet, { orientation: grid.page?.orientation ?? "landscape", titleRows: printTitleRows(grid), breaksBefore: grid.breaksBefore ?? [], locale: grid.locale });
  }
}

/**
 * How a report prints, as the CLI's sheets do: A4 in the layout's orientation, fitted to one page wide (as many
 * tall as it takes), the header rows at the top of every page, a new page before each section, and the sheet's
 * name and page number in the footer (ledger/reports/page-footer.ts; Office.js names each section, so the text goes
 * in without its &L / &C). PageLayout is ExcelApi 1.9: older Excel prints the report at its own defaults.
 */
function queuePageSetup(sheet: Excel.Worksheet, o: { orientation: "portrait" | "landscape"; titleRows: { first: number; last: number } | null; breaksBefore: readonly number[]; locale?: FooterLocale }): void {
  const layout = sheet.pageLayout;
  layout.paperSize = "A4";
  layout.orientation = o.orientation === "portrait" ? "Portrait" : "Landscape";
  // 0 pages tall: as many as the rows take (Excel's own "fit all columns on one page").
  layout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
  if (o.titleRows) layout.setPrintTitleRows(`$${o.titleRows.first + 1}:$${o.titleRows.last + 1}`);
  for (const r of new Set(o.breaksBefore)) if (r > 0) sheet.horizontalPageBreaks.add(rangeAddress(r + 1, 0, r + 1, 0));
  const footer = pageFooter(o.locale);
  layout.headersFooters.defaultForAllPages.leftFooter = footer.left;
  layout.headersFooters.defaultForAllPages.centerFooter = footer.centre;
}

type ChartKind = "BarClustered" | "ColumnClustered" | "Line" | "Pie" | "BarStacked" | "ColumnStacked";
const CHART_TYPES: Record<GridChart["kind"], ChartKind> = {
  bar: "BarClustered", column: "ColumnClustered", line: "Line", pie: "Pie", stackedBar: "BarStacked", stackedColumn: "ColumnStacked",
};

/**
 * A native chart over the grid's cells. By columns the source takes the header row (series names) above the values;
 * by rows it takes the label column (series names) left of them; the categories are set on every series. An empty
 * cell is a gap (ExcelApi 1.8), every category is labelled, and a series without any figure is deleted (its
 * legend entry would say nothing).
 */
function queueGridChart(sheet: Excel.Worksheet, grid: Grid, g: GridChart, since18: boolean): void {
  const byColumns = g.seriesIn === "columns";
  const source = byColumns
    ? sheet.getRange(rangeAddress(g.headerRow + 1, g.firstValueCol, g.lastRow + 1, g.lastValueCol))
    : sheet.getRange(rangeAddress(g.firstRow + 1, g.labelCol, g.lastRow + 1, g.lastValueCol));
  const chart = sheet.charts.add(CHART_TYPES[g.kind], source, byColumns ? "Columns" : "Rows");
  const categories = byColumns
    ? sheet.getRange(rangeAddress(g.firstRow + 1, g.labelCol, g.lastRow + 1, g.labelCol))
    : sheet.getRange(rangeAddress(g.headerRow + 1, g.firstValueCol, g.headerRow + 1, g.lastValueCol));
  const count = byColumns ? g.lastValueCol - g.firstValueCol + 1 : g.lastRow - g.firstRow + 1;
  for (let s = 0; s < count; s++) chart.series.getItemAt(s).setXAxisValues(categories);
  const figure = (r: number, c: number) => typeof grid.rows[r]?.[c]?.v === "number";
  const hasFigure = (s: number) => byColumns
    ? Array.from({ length: g.lastRow - g.firstRow + 1 }, (_, i) => g.firstRow + i).some((r) => figure(r, g.firstValueCol + s))
    : Array.from({ length: g.lastValueCol - g.firstValueCol + 1 }, (_, i) => g.firstValueCol + i).some((c) => figure(g.firstRow + s, c));
  // From the last, so the indexes of those still to delete stay put.
  let kept = count;
  for (let s = count - 1; s >= 0; s--) if (!hasFigure(s) && kept > 1) { chart.series.getItemAt(s).delete(); kept--; }
  chart.title.text = g.title;
  if (isBarChart(g.kind)) chart.axes.categoryAxis.reversePlotOrder = true;
  if (g.kind !== "pie") chart.axes.categoryAxis.tickLabelSpacing = 1;
  if (since18) chart.displayBlanksAs = "NotPlotted";
  if (since18 && g.valueFormat && g.kind !== "pie") chart.axes.valueAxis.numberFormat = g.valueFormat;
  // One bar or column series needs no legend: the title names it.
  if (kept === 1 && g.kind !== "pie") chart.legend.visible = false;
  chart.setPosition(rangeAddress(g.at.row + 1, g.at.col, g.at.row + 1, g.at.col), rangeAddress(g.at.row + g.at.rows, g.at.col + g.at.cols - 1, g.at.row + g.at.rows, g.at.col + g.at.cols - 1));
}
