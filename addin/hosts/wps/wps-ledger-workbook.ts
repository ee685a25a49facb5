/**
 * LedgerWorkbook over WPS 表格's object model (a WPS 加载项's Et Application). With hosts/wps/wps-routing-workbook.ts
 * the only code that calls WPS; `app` is passed in, so tests hand over the WPS double.
 *
 * WPS answers each call synchronously (a round trip into WPS each). Call budget — proportional to blocks, sheets and
 * conditional formats, never to cells:
 * - readSheet: a few calls for the sheet and its used range, then per ≤ 4 MB block one Range + one Value2 read, and
 *   the block's merged areas found by bisection: Range.MergeCells answers true / false / null (mixed) for a whole
 *   block, so only mixed blocks are split and an unmerged block costs two calls. The work grows with the merged areas,
 *   not the cells.
 * - readAllSheets: the same per sheet, blocks planned across sheets (planWorkbookRead) so small sheets cost little.
 * - markIssues / clearMarks: our old marks found among the sheet's conditional formats (a few calls per format), then
 *   one conditional format per group of ≤ 400 areas as in Excel: a Range per ≤ 255-character address (COM's limit),
 *   joined by Union.
 * - writeBack and the report sheets: one Value2 write per ≤ 4 MB batch; formats in as many calls as there are
 *   distinct formats (areas grouped into multi-area addresses), merges and widths one call each.
 *
 * Marks are conditional formats with the same recognisable rule as Excel's (../shared/mark-rule.ts), so they colour
 * cells without touching values or the clerk's own fills, and "clear marks" removes exactly ours — in either program.
 */
import { gridRowHeights } from "../../../ledger/reports/row-heights.ts";
import { MAX_CHUNK_BYTES, markedCellCount, parseA1Range, planMarkGroups, planWorkbookRead, rangeAddress, lineRuns, rowsPerChunk, toCellText, valuesBytes, writeBackLines } from "../shared/cells.ts";
import { MAX_SHEET_CELLS, SheetTooLargeError, type CellMark, type LedgerWorkbook, type MarkResult, type ReadProgress, type ReportSheet, type SheetGrid, type WriteBackBlock } from "../ledger-workbook.ts";
import { GRID_FILL, GRID_FONT_POINTS, MISS_FONT, isBarChart, printTitleRows, type Grid, type GridCell, type GridChart } from "../../../ledger/reports/grid.ts";
import type { MergedArea } from "../../../ledger/merged-areas.ts";
import { pageFooter, type FooterLocale } from "../../../ledger/reports/page-footer.ts";
import { SEVERITY_FILL } from "../shared/colours.ts";
import { MARK_FORMULA, isMarkFormula } from "../shared/mark-rule.ts";
import { fillMergedAreas } from "../shared/merged-areas.ts";
import {
  activeSheetOf, activeWorkbook, bgr, pause, rangeOfAreas, sheetOrThrow as sheetNamedOrThrow, valueExtent, sheetNamed, valueRows, XL_BAR_CLUSTERED, XL_CATEGORY, XL_CENTER, XL_COLUMN_CLUSTERED, XL_COLUMNS, XL_EXPRESSION,
  XL_BAR_STACKED, XL_COLUMN_STACKED, XL_LANDSCAPE, XL_LEFT, XL_LINE, XL_NOT_PLOTTED, XL_PAPER_A4, XL_PIE, XL_PORTRAIT, XL_ROWS, XL_VALUE,
  type WpsApplication, type WpsWorkbook, type WpsWorksheet,
} from "./wps-api.ts";
import { loadSettingNow, saveSettingNow, SETTINGS_SHEET } from "./wps-settings.ts";

/** Names of the sheets this add-in wrote (report sheets): only those are ever replaced. Same key as Excel's. */
export const REPORT_SHEETS_KEY = "reportSheets";

export interface WpsWorkbookOptions {
  maxChunkBytes?: number;
  /** Where settings are kept (the self-test uses a scratch one it removes afterwards). */
  settingsSheet?: string;
}

/** 0-based inclusive rectangle. */
interface Rect {
  r1: number;
  c1: number;
  r2: number;
  c2: number;
}

const areaKey = (a: MergedArea) => `${a.top},${a.left},${a.bottom},${a.right}`;
const addressOf = (b: Rect) => rangeAddress(b.r1 + 1, b.c1, b.r2 + 1, b.c2);

/**
 * The parts of block `b` no known area covers, as few rectangles: free row intervals per column, neighbouring columns
 * with the same intervals joined. [b] itself when no known area meets it.
 */
export function uncoveredParts(b: Rect, areas: Iterable<MergedArea>): Rect[] {
  const hits: MergedArea[] = [];
  for (const a of areas) if (a.top <= b.r2 && a.bottom >= b.r1 && a.left <= b.c2 && a.right >= b.c1) hits.push(a);
  if (hits.length === 0) return [b];
  const out: Rect[] = [];
  let open: { key: string; rects: Rect[] } | null = null;
  for (let c = b.c1; c <= b.c2; c++) {
    const covered = hits.filter((a) => a.left <= c && c <= a.right).map((a) => [Math.max(a.top, b.r1), Math.min(a.bottom, b.r2)] as const).sort((x, y) => x[0] - y[0]);
    const free: [number, number][] = [];
    let from = b.r1;
    for (const [top, bottom] of covered) {
      if (top > from) free.push([from, top - 1]);
      from = Math.max(from, bottom + 1);
    }
    if (from <= b.r2) free.push([from, b.r2]);
    const key = free.map(([x, y]) => `${x}-${y}`).join(",");
    if (open && open.key === key) {
      for (const r of open.rects) r.c2 = c;
      continue;
    }
    open = { key, rects: free.map(([r1, r2]) => ({ r1, r2, c1: c, c2: c })) };
    out.push(...open.rects);
  }
  return out;
}

/**
 * Adds to `found` the merged areas meeting block `b` (0-based sheet coordinates). Range.MergeCells answers for a whole
 * block (true / false / null when mixed): a block with none costs one probe, a mixed one is halved, a merged cell's
 * MergeArea is taken whole. What known areas cover is never asked again (the rest of a block is probed around them),
 * and below each area found the next cell is asked directly: a unit merged down block after block is found in a few
 * calls each instead of a bisection each.
 */
export function scanMergedAreas(sheet: WpsWorksheet, block: Rect, found: Map<string, MergedArea>): void {
  const record = (address: string): MergedArea | null => {
    const rect = parseA1Range(address);
    if (!rect || (rect.r2 === rect.r1 && rect.c2 === rect.c1)) return null;
    const area = { top: rect.r1, left: rect.c1, bottom: rect.r2, right: rect.c2 };
    found.set(areaKey(area), area);
    return area;
  };
  const covered = (r: number, c: number) => {
    for (const a of found.values()) if (r >= a.top && r <= a.bottom && c >= a.left && c <= a.right) return true;
    return false;
  };
  const followDown = (area: MergedArea) => {
    for (let next: MergedArea | null = area; next && next.bottom < block.r2;) {
      const r = next.bottom + 1;
      if (covered(r, next.left)) break;
      next = record(sheet.Range(rangeAddress(r + 1, next.left, r + 1, next.left)).MergeArea.Address(false, false));
    }
  };
  const todo: Rect[] = [block];
  while (todo.length > 0) {
    const b = todo.pop()!;
    const parts = uncoveredParts(b, found.values());
    if (parts.length !== 1 || parts[0] !== b) {
      todo.push(...parts);
      continue;
    }
    const range = sheet.Range(addressOf(b));
    const merged = range.MergeCells;
    if (merged === false) continue;
    const single = b.r1 === b.r2 && b.c1 === b.c2;
    if (merged === true || single) {
      // The area holding the block's first cell; the rest of the block is probed around it on the next turn.
      const area = record((single ? range : range.Item(1, 1)).MergeArea.Address(false, false));
      if (area) followDown(area);
      if (single) continue;
      // Normally the area holds the block's first cell, so the block shrinks; an answer that does not is split instead.
      if (area && area.top <= b.r1 && b.r1 <= area.bottom && area.left <= b.c1 && b.c1 <= area.right) {
        todo.push(b);
        continue;
      }
    }
    // Mixed: halve the longer side.
    if (b.r2 - b.r1 >= b.c2 - b.c1) {
      const mid = Math.floor((b.r1 + b.r2) / 2);
      todo.push({ ...b, r1: mid + 1 }, { ...b, r2: mid });
    } else {
      const mid = Math.floor((b.c1 + b.c2) / 2);
      todo.push({ ...b, c1: mid + 1 }, { ...b, c2: mid });
    }
  }
}

/**
 * Rows and columns of a used range counted from A1 (the pane reads every sheet from A1). A used range too large to read
 * (formats laid down a million rows, say) is cut to where values end, so only a sheet truly that full is refused.
 */
export function sizeFromA1(sheet: WpsWorksheet): { rowCount: number; columnCount: number } {
  const used = sheet.UsedRange;
  const size = { rowCount: used.Row - 1 + used.Rows.Count, columnCount: used.Column - 1 + used.Columns.Count };
  if (size.rowCount * size.columnCount <= MAX_SHEET_CELLS) return size;
  const values = valueExtent(sheet);
  if (values === undefined) return size;
  if (values === null) return { rowCount: 0, columnCount: 0 };
  return { rowCount: Math.min(size.rowCount, values.rows), columnCount: Math.min(size.columnCount, values.columns) };
}

/**
 * WPS's UsedRange also spans cells that only carry formats (a clerk's bordered empty rows); Excel's host reads values
 * only. Drops trailing rows and columns without a value, so both hosts give the same grid.
 */
function trimEmpty(values: unknown[][]): { rowCount: number; columnCount: number } {
  let rowCount = 0;
  let columnCount = 0;
  values.forEach((row, r) => {
    for (let c = row.length - 1; c >= 0; c--) {
      if (row[c] !== "") {
        rowCount = r + 1;
        columnCount = Math.max(columnCount, c + 1);
        break;
      }
    }
  });
  values.length = rowCount;
  for (const row of values) row.length = columnCount;
  return { rowCount, columnCount };
}

function parseSheetNames(value: unknown): Set<string> {
  return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);
}

export function createWpsWorkbook(app: WpsApplication, options: WpsWorkbookOptions = {}): LedgerWorkbook {
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;
  const settingsSheet = options.settingsSheet ?? SETTINGS_SHEET;
  const book = (): WpsWorkbook => activeWorkbook(app);

  const sheetOrThrow = (name: string): WpsWorksheet => sheetNamedOrThrow(app, name);

  /** Our marks among the sheet's conditional formats, last first (so deleting keeps the others' indexes). */
  function deleteOurMarks(sheet: WpsWorksheet): number {
    const formats = sheet.Cells.FormatConditions;
    let removed = 0;
    for (let i = formats.Count; i >= 1; i--) {
      const f = formats.Item(i);
      // Only formula rules have a Formula1; colour scales, data bars … are the clerk's and are not asked.
      if (f.Type !== XL_EXPRESSION) continue;
      let formula: unknown;
      try {
        formula = f.Formula1;
      } catch {
        continue;
      }
      if (!isMarkFormula(formula)) continue;
      f.Delete();
      removed++;
    }
    return removed;
  }

  /**
   * Claims a sheet for each wanted name: the name itself when free or ours (written by this add-in, as the settings
   * record), else "name (2)" … A clerk's sheet of that name is never touched. The new sheets go after the last one.
   */
  function claimReportSheets(wanted: readonly string[]): { sheet: WpsWorksheet; name: string }[] {
    const wb = book();
    const ours = parseSheetNames(loadSettingNow<unknown>(wb, REPORT_SHEETS_KEY, settingsSheet));
    const taken = new Set<string>();
    const claimed = wanted.map((w) => {
      const candidates = [w, ...Array.from({ length: 8 }, (_, i) => `${w} (${i + 2})`)];
      for (const name of candidates) {
        if (taken.has(name)) continue;
        const existing = sheetNamed(wb, name);
        if (existing && !ours.has(name)) continue;
        taken.add(name);
        ours.add(name);
        return { name, existing };
      }
      throw new Error(`工作表“${w}”到“${w} (9)”都已存在，且不是本插件写的：请删除或改名其中一张后再试。`);
    });
    const sheets = wb.Worksheets;
    const result = claimed.map(({ name, existing }) => {
      // Added before the old one goes, so a workbook never runs out of visible sheets.
      const sheet = sheets.Add(undefined, sheets.Item(sheets.Count));
      if (existing) deleteSheet(existing);
      sheet.Name = name;
      return { sheet, name };
    });
    saveSettingNow(app, wb, REPORT_SHEETS_KEY, [...ours], settingsSheet);
    return result;
  }

  /** WPS asks the user to confirm a deletion unless alerts are off; they are put back as they were. */
  function deleteSheet(sheet: WpsWorksheet): void {
    const alerts = app.DisplayAlerts;
    app.DisplayAlerts = false;
    try {
      sheet.Delete();
    } finally {
      app.DisplayAlerts = alerts;
    }
  }

  async function readBlocks(
    sheets: { sheet: WpsWorksheet; rowCount: number; columnCount: number; values: unknown[][]; merges: Map<string, MergedArea>; chunks: number; rowsRead: number }[],
    onProgress?: (p: ReadProgress) => void,
  ): Promise<void> {
    const totalRows = sheets.reduce((n, g) => n + g.rowCount, 0);
    let bytesPerCell: number | null = null;
    for (;;) {
      const pieces = planWorkbookRead(sheets, bytesPerCell, maxChunkBytes);
      if (pieces.length === 0) break;
      for (const p of pieces) {
        const g = sheets[p.sheet];
        const block = { r1: p.firstRow, c1: 0, r2: p.firstRow + p.rows - 1, c2: g.columnCount - 1 };
        const part = valueRows(g.sheet.Range(addressOf(block)).Value2, p.rows, g.columnCount);
        bytesPerCell = Math.max(bytesPerCell ?? 0, valuesBytes(part) / Math.max(1, part.length * g.columnCount));
        for (const row of part) g.values.push(row);
        g.rowsRead = g.values.length;
        scanMergedAreas(g.sheet, block, g.merges);
        g.chunks++;
      }
      onProgress?.({ rowsRead: sheets.reduce((n, g) => n + g.values.length, 0), totalRows });
      await pause();
    }
  }

  function finish(g: { values: unknown[][]; merges: Map<string, MergedArea> }): { values: unknown[][]; rowCount: number; columnCount: number; merges: MergedArea[] } {
    const merges = [...g.merges.values()].sort((a, b) => a.top - b.top || a.left - b.left);
    fillMergedAreas(g.values, merges);
    const { rowCount, columnCount } = trimEmpty(g.values);
    return { values: g.values, rowCount, columnCount, merges: merges.filter((a) => a.top < rowCount && a.left < columnCount) };
  }

  return {
    async activeSheetName(): Promise<string> {
      return activeSheetOf(app).Name;
    },

    async readSheet(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid> {
      const sheet = activeSheetOf(app);
      const sheetName = sheet.Name;
      const { rowCount, columnCount } = sizeFromA1(sheet);
      if (rowCount * columnCount > MAX_SHEET_CELLS) throw new SheetTooLargeError(rowCount * columnCount);
      const g = { sheet, rowCount, columnCount, values: [] as unknown[][], merges: new Map<string, MergedArea>(), chunks: 0, rowsRead: 0 };
      // One sheet alone: rowsPerChunk sizes each block from the rows read so far, as the Excel host does.
      let observedBytesPerRow: number | null = null;
      while (g.values.length < rowCount) {
        const first = g.values.length;
        const take = Math.min(rowCount - first, rowsPerChunk(columnCount, observedBytesPerRow, maxChunkBytes));
        const block = { r1: first, c1: 0, r2: first + take - 1, c2: columnCount - 1 };
        const part = valueRows(sheet.Range(addressOf(block)).Value2, take, columnCount);
        observedBytesPerRow = Math.max(observedBytesPerRow ?? 0, valuesBytes(part) / Math.max(1, part.length));
        for (const row of part) g.values.push(row);
        scanMergedAreas(sheet, block, g.merges);
        g.chunks++;
        onProgress?.({ rowsRead: g.values.length, totalRows: rowCount });
        await pause();
      }
      const done = finish(g);
      return { sheetName, values: done.values, rowCount: done.rowCount, columnCount: done.columnCount, chunks: g.chunks, merges: done.merges };
    },

    async readAllSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]> {
      const wb = book();
      const reports = parseSheetNames(loadSettingNow<unknown>(wb, REPORT_SHEETS_KEY, settingsSheet));
      const sheets = wb.Worksheets;
      const count = sheets.Count;
      const grids = [];
      for (let i = 1; i <= count; i++) {
        const sheet = sheets.Item(i);
        const name = sheet.Name;
        // Our settings sheet is not the clerk's: never read as a ledger.
        if (name === settingsSheet || name === SETTINGS_SHEET) continue;
        const { rowCount, columnCount } = sizeFromA1(sheet);
        if (rowCount * columnCount > MAX_SHEET_CELLS) throw new SheetTooLargeError(rowCount * columnCount);
        grids.push({ sheet, name, rowCount, columnCount, values: [] as unknown[][], merges: new Map<string, MergedArea>(), chunks: 0, rowsRead: 0 });
      }
      await readBlocks(grids, onProgress);
      return grids.map((g) => {
        const done = finish(g);
        return { sheetName: g.name, values: done.values, rowCount: done.rowCount, columnCount: done.columnCount, chunks: g.chunks, report: reports.has(g.name), merges: done.merges };
      });
    },

    async markIssues(sheetName: string, marks: readonly CellMark[]): Promise<MarkResult> {
      const sheet = sheetOrThrow(sheetName);
      deleteOurMarks(sheet);
      const groups = planMarkGroups(marks);
      let formats = 0;
      // One conditional format per group (≤ 400 areas, as in Excel), its areas joined by Union.
      for (const group of groups) {
        const format = rangeOfAreas(app, sheet, group.areas).FormatConditions.Add(XL_EXPRESSION, undefined, MARK_FORMULA);
        format.Interior.Color = bgr(SEVERITY_FILL[group.severity]);
        // Above the clerk's own rules, so a mark shows where the clerk's rule would colour the cell too.
        format.SetFirstPriority();
        formats++;
      }
      return { cells: markedCellCount(groups), formats };
    },

    async clearMarks(sheetName?: string): Promise<number> {
      return deleteOurMarks(sheetName === undefined ? activeSheetOf(app) : sheetOrThrow(sheetName));
    },

    async selectCell(sheetName: string, row: number, column: number): Promise<void> {
      const sheet = sheetOrThrow(sheetName);
      sheet.Activate();
      sheet.Range(rangeAddress(row, column, row, column)).Select();
    },

    async writeBack(block: WriteBackBlock): Promise<void> {
      const sheet = sheetOrThrow(block.sheetName);
      const width = block.headers.length;
      const header = sheet.Range(rangeAddress(block.headerRow, block.column, block.headerRow, block.column + width - 1));
      header.Value2 = [block.headers.map(toCellText)];
      header.Font.Bold = true;
      header.Interior.Color = bgr("#DDEBF7");
      for (const run of lineRuns(writeBackLines(block), block.firstRow, maxChunkBytes)) {
        sheet.Range(rangeAddress(run.firstRow, block.column, run.firstRow + run.lines.length - 1, block.column + width - 1)).Value2 = run.lines;
        await pause();
      }
    },

    async writeReportSheet(report: ReportSheet): Promise<string> {
      const [{ sheet, name }] = claimReportSheets([report.name]);
      const width = report.headers.length;
      const lastRow = report.rows.length + 1;
      sheet.Range(rangeAddress(1, 0, lastRow, width - 1)).Value2 = [
        report.headers.map(toCellText),
        ...report.rows.map((r) => Array.from({ length: width }, (_, c) => cellOut(r[c] ?? null))),
      ];
      // Not a table (ListObject) as in Excel: the header is styled like Excel's table header, which is what a clerk sees.
      const header = sheet.Range(rangeAddress(1, 0, 1, width - 1));
      header.Font.Bold = true;
      header.Interior.Color = bgr("#DDEBF7");
      if (report.rows.length > 0) {
        for (const [col, format] of Object.entries(report.numberFormats ?? {})) {
          const c = Number(col);
          sheet.Range(rangeAddress(2, c, lastRow, c)).NumberFormat = format;
        }
        const byColour = new Map<string, string[]>();
        for (const [r, c, colour] of report.fills ?? []) {
          const list = byColour.get(colour) ?? [];
          list.push(rangeAddress(r + 2, c, r + 2, c));
          byColour.set(colour, list);
        }
        for (const [colour, areas] of byColour) rangeOfAreas(app, sheet, areas).Interior.Color = bgr(colour);
      }
      sheet.Range(rangeAddress(1, 0, lastRow, width - 1)).Columns.AutoFit();
      // Beside the table (placed after the widths are final), each about 8 columns by 18 rows, one under the other.
      if (report.chart && report.rows.length > 0) {
        const { labelColumn, valueColumn } = report.chart;
        addChart(sheet, {
          type: XL_BAR_CLUSTERED, source: rangeAddress(1, valueColumn, lastRow, valueColumn), plotBy: XL_COLUMNS, series: 1,
          categories: rangeAddress(2, labelColumn, lastRow, labelColumn), title: report.chart.title, legend: false,
          from: rangeAddress(1, width + 1, 1, width + 1), to: rangeAddress(18, width + 8, 18, width + 8),
        });
      }
      let top = 1;
      for (const lc of report.lineCharts ?? []) {
        if (lc.lastRow < lc.firstRow) continue;
        addChart(sheet, {
          type: XL_LINE, source: rangeAddress(lc.firstRow + 2, lc.labelColumn, lc.lastRow + 2, lc.lastValueColumn), plotBy: XL_ROWS,
          series: lc.lastRow - lc.firstRow + 1, categories: rangeAddress(1, lc.labelColumn + 1, 1, lc.lastValueColumn), title: lc.title, legend: true,
          from: rangeAddress(top, width + 1, top, width + 1), to: rangeAddress(top + 17, width + 8, top + 17, width + 8),
        });
        top += 19;
      }
      setUpPage(sheet, { titleRows: { first: 0, last: 0 }, orientation: "landscape", breaksBefore: [], locale: report.locale });
      sheet.Activate();
      freezePanes(app, { rows: 1, columns: 0 });
      return name;
    },

    async writeGridSheet(grid: Grid): Promise<string> {
      const [{ sheet, name }] = claimReportSheets([grid.name]);
      writeGrid(app, sheet, grid);
      return name;
    },

    async writeGridSheets(grids: readonly Grid[]): Promise<string[]> {
      if (grids.length === 0) return [];
      const claimed = claimReportSheets(grids.map((g) => g.name));
      claimed.forEach(({ sheet }, i) => writeGrid(app, sheet, grids[i]));
      // writeGrid activates each sheet to freeze its panes: the report opens at its first sheet.
      if (claimed.length > 1) claimed[0].sheet.Activate();
      return claimed.map((c) => c.name);
    },

    async loadSetting<T>(key: string): Promise<T | null> {
      return loadSettingNow<T>(book(), key, settingsSheet);
    },

    async saveSetting(key: string, value: unknown): Promise<void> {
      saveSettingNow(app, book(), key, value, settingsSheet);
    },
  };
}

function cellOut(v: unknown): string | number | boolean {
  if (v === null || v === undefined) return "";
  return typeof v === "string" ? toCellText(v) : (v as number | boolean);
}

/**
 * Rectangles of equal keys over a height × width grid (runs within a row, extended down while the next row has the
 * same run): the A1 addresses of each key's rectangles, so a format is set once over all of them (rangeOfAreas).
 */
export function rectanglesByKey(height: number, width: number, key: (r: number, c: number) => string | null): Map<string, string[]> {
  const out = new Map<string, Rect[]>();
  let open = new Map<string, Rect>();
  for (let r = 0; r < height; r++) {
    const next = new Map<string, Rect>();
    let start = 0;
    for (let c = 1; c <= width; c++) {
      const k = key(r, start);
      if (c < width && key(r, c) === k) continue;
      if (k !== null) {
        const id = `${k}\u0000${start}:${c - 1}`;
        const prev = open.get(id);
        if (prev) {
          prev.r2 = r;
          next.set(id, prev);
        } else {
          const rect = { r1: r, c1: start, r2: r, c2: c - 1 };
          next.set(id, rect);
          const list = out.get(k) ?? [];
          list.push(rect);
          out.set(k, list);
        }
      }
      start = c;
    }
    open = next;
  }
  return new Map([...out].map(([k, rects]) => [k, rects.map(addressOf)]));
}

interface ChartSpec {
  type: number;
  /** The data, with the series names in its first row (by columns) or column (by rows). */
  source: string;
  plotBy: number;
  series: number;
  categories: string;
  title: string;
  legend: boolean;
  /** The cells the chart covers, top-left and bottom-right. */
  from: string;
  to: string;
  reverseCategories?: boolean;
  valueFormat?: string;
  /** 1-based series to delete (no figure at all), after the categories are set. */
  dropSeries?: readonly number[];
}

/** A native chart over the sheet's own cells (it redraws when a figure is edited), placed over the cells `from`–`to`. */
function addChart(sheet: WpsWorksheet, spec: ChartSpec): void {
  const from = sheet.Range(spec.from);
  const to = sheet.Range(spec.to);
  const left = from.Left;
  const top = from.Top;
  const chart = sheet.ChartObjects().Add(left, top, to.Left + to.Width - left, to.Top + to.Height - top).Chart;
  chart.ChartType = spec.type;
  chart.SetSourceData(sheet.Range(spec.source), spec.plotBy);
  const categories = sheet.Range(spec.categories);
  for (let s = 1; s <= spec.series; s++) chart.SeriesCollection(s).XValues = categories;
  // From the last, so the numbers of those still to delete stay put.
  for (const s of [...(spec.dropSeries ?? [])].sort((a, b) => b - a)) chart.SeriesCollection(s).Delete();
  chart.HasTitle = true;
  chart.ChartTitle.Text = spec.title;
  // An empty cell is a gap, never 0.
  chart.DisplayBlanksAs = XL_NOT_PLOTTED;
  if (spec.type !== XL_PIE) {
    const categoryAxis = chart.Axes(XL_CATEGORY);
    if (spec.reverseCategories) categoryAxis.ReversePlotOrder = true;
    // Every category labelled, however crowded.
    categoryAxis.TickLabelSpacing = 1;
  }
  if (spec.valueFormat) chart.Axes(XL_VALUE).TickLabels.NumberFormat = spec.valueFormat;
  if (!spec.legend) chart.HasLegend = false;
}

const CHART_TYPES: Record<GridChart["kind"], number> = {
  bar: XL_BAR_CLUSTERED, column: XL_COLUMN_CLUSTERED, line: XL_LINE, pie: XL_PIE, stackedBar: XL_BAR_STACKED, stackedColumn: XL_COLUMN_STACKED,
};

/**
 * A Grid's chart as the Excel host draws it: by columns the header row names the series, by rows the label column;
 * a series without any figure is left out.
 */
function addGridChart(sheet: WpsWorksheet, grid: Grid, g: GridChart): void {
  const byColumns = g.seriesIn === "columns";
  const series = byColumns ? g.lastValueCol - g.firstValueCol + 1 : g.lastRow - g.firstRow + 1;
  const figure = (r: number, c: number) => typeof grid.rows[r]?.[c]?.v === "number";
  const empty = Array.from({ length: series }, (_, s) => s).filter((s) => !(byColumns
    ? Array.from({ length: g.lastRow - g.firstRow + 1 }, (_, i) => figure(g.firstRow + i, g.firstValueCol + s)).some(Boolean)
    : Array.from({ length: g.lastValueCol - g.firstValueCol + 1 }, (_, i) => figure(g.firstRow + s, g.firstValueCol + i)).some(Boolean)));
  // A chart keeps one series, even an empty one: a frame with its title says there was nothing to draw.
  const dropSeries = (empty.length === series ? empty.slice(1) : empty).map((s) => s + 1);
  const kept = series - dropSeries.length;
  addChart(sheet, {
    type: CHART_TYPES[g.kind],
    source: byColumns ? rangeAddress(g.headerRow + 1, g.firstValueCol, g.lastRow + 1, g.lastValueCol) : rangeAddress(g.firstRow + 1, g.labelCol, g.lastRow + 1, g.lastValueCol),
    plotBy: byColumns ? XL_COLUMNS : XL_ROWS,
    series,
    categories: byColumns ? rangeAddress(g.firstRow + 1, g.labelCol, g.lastRow + 1, g.labelCol) : rangeAddress(g.headerRow + 1, g.firstValueCol, g.headerRow + 1, g.lastValueCol),
    title: g.title,
    // One bar or column series needs no legend: the title names it.
    legend: !(kept === 1 && g.kind !== "pie"),
    from: rangeAddress(g.at.row + 1, g.at.col, g.at.row + 1, g.at.col),
    to: rangeAddress(g.at.row + g.at.rows, g.at.col + g.at.cols - 1, g.at.row + g.at.rows, g.at.col + g.at.cols - 1),
    reverseCategories: isBarChart(g.kind),
    ...(g.valueFormat && g.kind !== "pie" ? { valueFormat: g.valueFormat } : {}),
    dropSeries,
  });
}

/**
 * A laid-out sheet (ledger/reports/grid.ts): values in one Value2 write (server text starting with = + - @ written as
 * text), then number formats, fills, bold, font sizes and alignment by rectangles of equal cells, merges, widths,
 * native charts, page setup, and the header rows frozen (the sheet is left active: panes are the window's).
 */
function writeGrid(app: WpsApplication, sheet: WpsWorksheet, grid: Grid): void {
  const width = Math.max(1, grid.widths.length, ...grid.rows.map((r) => r.length));
  const height = Math.max(1, grid.rows.length);
  const cell = (r: number, c: number): GridCell | undefined => grid.rows[r]?.[c];
  sheet.Range(rangeAddress(1, 0, height, width - 1)).Value2 = Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => cellOut(cell(r, c)?.v ?? null)),
  );
  const all = sheet.Range(rangeAddress(1, 0, height, width - 1));
  // Long reasons and messages wrap within their column; WPS then sizes the rows.
  all.WrapText = true;
  all.HorizontalAlignment = XL_CENTER;
  for (const [format, areas] of rectanglesByKey(height, width, (r, c) => cell(r, c)?.format ?? null)) rangeOfAreas(app, sheet, areas).NumberFormat = format;
  for (const [colour, areas] of rectanglesByKey(height, width, (r, c) => { const s = cell(r, c)?.style; return s ? GRID_FILL[s] ?? null : null; })) {
    rangeOfAreas(app, sheet, areas).Interior.Color = bgr(colour);
  }
  const bold = (g: GridCell | undefined) => (g && g.style && g.style !== "cell" && g.style !== "note" && g.style !== "subtitle" ? "bold" : null);
  for (const areas of rectanglesByKey(height, width, (r, c) => bold(cell(r, c))).values()) rangeOfAreas(app, sheet, areas).Font.Bold = true;
  // Body text at the size the layout's print scale was worked out for, whatever the workbook's default font is.
  all.Font.Size = GRID_FONT_POINTS.cell;
  const size = (g: GridCell | undefined) => {
    const points = GRID_FONT_POINTS[g?.style ?? "cell"];
    return points === GRID_FONT_POINTS.cell ? null : String(points);
  };
  for (const [points, areas] of rectanglesByKey(height, width, (r, c) => size(cell(r, c)))) rangeOfAreas(app, sheet, areas).Font.Size = Number(points);
  for (const areas of rectanglesByKey(height, width, (r, c) => (cell(r, c)?.style === "note" ? "italic" : null)).values()) rangeOfAreas(app, sheet, areas).Font.Italic = true;
  for (const areas of rectanglesByKey(height, width, (r, c) => (cell(r, c)?.style === "miss" ? "miss" : null)).values()) rangeOfAreas(app, sheet, areas).Font.Color = bgr(MISS_FONT);
  const left = (g: GridCell | undefined) =>
    g && g.align !== "center" && (g.align === "left" || g.style === "title" || g.style === "subtitle" || g.style === "heading" || g.style === "note") ? "left" : null;
  for (const areas of rectanglesByKey(height, width, (r, c) => left(cell(r, c))).values()) rangeOfAreas(app, sheet, areas).HorizontalAlignment = XL_LEFT;
  for (const m of grid.merges) sheet.Range(rangeAddress(m.row + 1, m.col, m.row + m.rows, m.col + m.cols - 1)).Merge(false);
  grid.widths.forEach((w, c) => (sheet.Range(rangeAddress(1, c, 1, c)).ColumnWidth = w));
  // WPS grows a row for wrapped text in a plain cell but never for a merged one (a note, a form line): state it.
  for (const [r, points] of gridRowHeights(grid)) sheet.Range(rangeAddress(r + 1, 0, r + 1, 0)).RowHeight = points;
  for (const chart of grid.charts ?? []) addGridChart(sheet, grid, chart);
  setUpPage(sheet, { titleRows: printTitleRows(grid), orientation: grid.page?.orientation ?? "landscape", breaksBefore: grid.breaksBefore ?? [], locale: grid.locale });
  sheet.Activate();
  freezePanes(app, { rows: grid.headerRows ? grid.headerRows.last + 1 : 0, columns: grid.frozenCols ?? 0 });
}

/**
 * A4 like the CLI's sheets: landscape fitted to the page width (portrait for a form filed upward), header rows repeated
 * on every printed page, a page break before each section, the sheet's name and the page number in the footer
 * (ledger/reports/page-footer.ts, COM's own codes).
 */
function setUpPage(sheet: WpsWorksheet, o: { titleRows: { first: number; last: number } | null; orientation: "portrait" | "landscape"; breaksBefore: readonly number[]; locale?: FooterLocale }): void {
  const page = sheet.PageSetup;
  page.PaperSize = XL_PAPER_A4;
  page.Orientation = o.orientation === "portrait" ? XL_PORTRAIT : XL_LANDSCAPE;
  page.Zoom = false;
  page.FitToPagesWide = 1;
  page.FitToPagesTall = false;
  if (o.titleRows) page.PrintTitleRows = `$${o.titleRows.first + 1}:$${o.titleRows.last + 1}`;
  const footer = pageFooter(o.locale);
  page.LeftFooter = footer.left;
  page.CenterFooter = footer.centre;
  for (const r of new Set(o.breaksBefore)) if (r > 0) sheet.HPageBreaks.Add(sheet.Range(rangeAddress(r + 1, 0, r + 1, 0)));
}

/**
 * Freezes the active sheet's top `rows` rows and left `columns` columns: panes belong to the window, counted from
 * the top-left cell it shows, so the window is scrolled home first. A WPS that hands out no window keeps the sheet
 * unfrozen (it prints the same).
 */
function freezePanes(app: WpsApplication, o: { rows: number; columns: number }): void {
  if (o.rows <= 0 && o.columns <= 0) return;
  const window = app.ActiveWindow;
  if (!window) return;
  window.ScrollRow = 1;
  window.ScrollColumn = 1;
  window.SplitRow = o.rows;
  window.SplitColumn = o.columns;
  window.FreezePanes = true;
}
