/**
 * LedgerWorkbook over Office.js. The only module that calls Excel.run or touches the Excel object model.
 *
 * Sync budget (never context.sync() per row or per issue):
 * - readSheet: one cheap sync for the used range's size (which also lists the sheet's conditional formats, so
 *   a following markIssues knows which are ours), then one sync per ≤ 4 MB chunk of values (plus one per read
 *   Excel refuses as over 5 MB, when rows turn much longer than those read before; that stretch is re-read smaller).
 * - markIssues right after readSheet: one write sync (delete our old marks, add all new ones). Called on its own,
 *   or when the listing is stale, it first spends one read sync listing the formats itself.
 * - clearMarks: one read sync (list the formats) and one write sync (delete ours), none when there is nothing.
 * - readAllSheets: one sync for the sheet list, one for every used range's size, then one per ≤ 4 MB of cells
 *   across sheets (plus one per read Excel refuses as over 5 MB, re-planned smaller).
 * - writeBack / writeReportSheet: one write sync per ≤ 4 MB batch (a single one for normal ledgers).
 *
 * Marks are conditional formats whose rule is our marker formula (see marks.ts), filled by severity: they colour
 * cells without changing values or the cells' own fills, and "clear marks" deletes exactly those.
 */
import { MAX_CHUNK_BYTES, planMarkGroups, planWorkbookRead, markedCellCount, rangeAddress, rowsPerChunk, toCellText, valuesBytes } from "../shared/cells.ts";
import { MAX_SHEET_CELLS, SheetTooLargeError, type CellMark, type LedgerWorkbook, type MarkResult, type ReadProgress, type ReportSheet, type SheetGrid, type WriteBackBlock } from "../ledger-workbook.ts";
import { GRID_FILL, type Grid, type GridCell, type GridChart } from "../../../ledger/reports/grid.ts";
import { PAGE_FOOTER } from "../../../ledger/reports/page-footer.ts";
import { SEVERITY_FILL } from "../shared/colours.ts";
import { MARK_FORMULA, isItemNotFound, isPayloadTooLarge, ourMarks, queueFormatScan } from "./marks.ts";
import { fillMergedAreas, mergedAreas } from "../shared/merged-areas.ts";
import { now as clockNow } from "../../../ledger/clock.ts";
import { officeCapabilities, type ExcelCapabilities } from "./capabilities.ts";

/*
 * What needs more than the manifest's ExcelApi 1.1 is asked of capabilities.ts and done the way this Excel allows:
 * - merged areas (1.13): without them a merged block reads as Excel stores it (value in its first row only) and the
 *   grid comes without its merged areas: ledger/ then knows a heading by its words only (一月份, 第二季度, 一、…), and a
 *   heading in other words is read as a case and reported with its errors;
 * - marks (conditional formats, 1.6): without them nothing is marked (the pane lists the issues);
 * - RangeAreas (1.9): without them each marked area gets its own format, FALLBACK_FORMATS_PER_SYNC to a write sync;
 * - charts (series categories 1.7, axis number format 1.8) and report footers (page layout 1.9) are left out.
 */

/**
 * Marks without RangeAreas: formats added per write sync. Each is a few small operations, so 500 stay far below
 * Excel's 5 MB request limit; a ledger with a few hundred marked areas is still marked in one write.
 */
export const FALLBACK_FORMATS_PER_SYNC = 500;

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export const SETTINGS_PREFIX = "tiaojie.";
/** Names of the sheets this add-in wrote (report sheets): only those are ever replaced. */
const REPORT_SHEETS_KEY = "reportSheets";

/**
 * How long the list of our marks taken by readSheet may be used by markIssues instead of a fresh read. Validation
 * marks seconds after reading; a list older than this may miss marks the clerk copied since, so it is re-read.
 */
export const MARK_LIST_MAX_AGE_MS = 120_000;

/** Our marks on a sheet as readSheet last saw them. */
interface MarkList {
  sheetName: string;
  ids: string[];
  at: number;
}

export interface ExcelWorkbookOptions {
  /** Excel.run in the product; tests pass a runner that hands over a mock context. */
  run?: ExcelRunner;
  maxChunkBytes?: number;
  /** Clock for the age of the mark list (tests). */
  now?: () => number;
  /** What this Excel supports (tests); by default asked of office.js at each call. */
  capabilities?: ExcelCapabilities;
}

export function createExcelWorkbook(options: ExcelWorkbookOptions = {}): LedgerWorkbook {
  const run: ExcelRunner = options.run ?? ((batch) => Excel.run(batch));
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;
  const now = options.now ?? clockNow;
  const caps = () => options.capabilities ?? officeCapabilities();
  let markList: MarkList | null = null;

  /** The mark list if it is for this sheet and fresh; used once, since marking changes the marks. */
  function takeMarkList(sheetName: string): string[] | null {
    const list = markList;
    markList = null;
    return list && list.sheetName === sheetName && now() - list.at <= MARK_LIST_MAX_AGE_MS ? list.ids : null;
  }

  async function readSetting<T>(context: Excel.RequestContext, key: string): Promise<T | null> {
    const item = context.workbook.settings.getItemOrNullObject(SETTINGS_PREFIX + key);
    item.load("value");
    await context.sync();
    if (item.isNullObject) return null;
    return parseSetting<T>(item.value);
  }

  /**
   * The sheet a report goes to, added fresh: a sheet of that name is replaced only when this add-in wrote it
   * (recorded in the workbook's settings); a clerk's sheet of that name is left alone and the report takes the
   * next free "name (2)" … "(9)". One read sync; the deletion, the new sheet and the record are queued.
   */
  /**
   * Claims a sheet for each wanted name in one read sync: the name itself when free or ours (written by this add-in,
   * as the workbook's settings record), else "name (2)" … A clerk's sheet of that name is never touched.
   */
  async function claimReportSheets(context: Excel.RequestContext, wanted: readonly string[]): Promise<{ sheet: Excel.Worksheet; name: string }[]> {
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
    queueSetting(context, REPORT_SHEETS_KEY, [...ours]);
    return claimed.map((name) => ({ sheet: sheets.add(name), name }));
  }

  async function claimReportSheet(context: Excel.RequestContext, wanted: string): Promise<{ sheet: Excel.Worksheet; name: string }> {
    return (await claimReportSheets(context, [wanted]))[0];
  }

  function queueSetting(context: Excel.RequestContext, key: string, value: unknown): void {
    context.workbook.settings.add(SETTINGS_PREFIX + key, JSON.stringify(value));
  }

  return {
    readSheet(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid> {
      return run(async (context) => {
        markList = null;
        const queueSize = (withFormats: boolean) => {
          const sheet = context.workbook.worksheets.getActiveWorksheet();
          sheet.load("name");
          const used = sheet.getUsedRangeOrNullObject(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount");
          return { sheet, used, formats: withFormats ? queueFormatScan(sheet) : null };
        };
        const canMark = caps().marks;
        let size = queueSize(canMark);
        try {
          await context.sync();
        } catch {
          // A rule Excel cannot describe must not stop validation: read the size alone, and let markIssues list
          // the formats itself (it reports the error if they still cannot be read).
          size = queueSize(false);
          await context.sync();
        }
        const { sheet, used, formats } = size;
        if (formats) markList = { sheetName: sheet.name, ids: ourMarks(formats).map((f) => f.id), at: now() };
        if (used.isNullObject) return { sheetName: sheet.name, values: [], rowCount: 0, columnCount: 0, chunks: 0 };
        // Read from A1 so grid indexes are sheet coordinates (what ledger/ reports issues against).
        const rowCount = used.rowIndex + used.rowCount;
        const columnCount = used.columnIndex + used.columnCount;
        if (rowCount * columnCount > MAX_SHEET_CELLS) throw new SheetTooLargeError(rowCount * columnCount);
        const values: unknown[][] = [];
        const merged: string[] = [];
        const readMerges = caps().mergedAreas;
        let observedBytesPerRow: number | null = null;
        let chunks = 0;
        while (values.length < rowCount) {
          const first = values.length;
          let take = Math.min(rowCount - first, rowsPerChunk(columnCount, observedBytesPerRow, maxChunkBytes));
          const queueChunk = () => {
            const range = sheet.getRange(rangeAddress(first + 1, 0, first + take, columnCount - 1));
            range.load("values");
            // In the same sync as the values: each merged area is listed by the chunk that holds its top-left cell.
            const areas = readMerges ? range.getMergedAreasOrNullObject() : null;
            areas?.load("address");
            return { range, areas };
          };
          let chunk = queueChunk();
          for (;;) {
            try {
              await context.sync();
              break;
            } catch (e) {
              // Rows much longer than those measured so far can push one read over Excel's 5 MB answer limit:
              // read that stretch in smaller pieces (the rows after it are sized from what it measures).
              if (!isPayloadTooLarge(e) || take === 1) throw e;
              take = Math.max(1, Math.floor(take / 8));
              chunk = queueChunk();
            }
          }
          const { range, areas } = chunk;
          chunks++;
          if (areas && !areas.isNullObject) merged.push(areas.address);
          const part = range.values as unknown[][];
          const perRow = valuesBytes(part) / Math.max(1, part.length);
          observedBytesPerRow = Math.max(observedBytesPerRow ?? 0, perRow);
          for (const row of part) values.push(row);
          onProgress?.({ rowsRead: values.length, totalRows: rowCount });
        }
        const areas = mergedAreas(merged);
        fillMergedAreas(values, areas);
        return { sheetName: sheet.name, values, rowCount, columnCount, chunks, ...(readMerges ? { merges: areas } : {}) };
      });
    },

    readAllSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]> {
      return run(async (context) => {
        markList = null;
        const collection = context.workbook.worksheets;
        collection.load("items/name");
        const owned = context.workbook.settings.getItemOrNullObject(SETTINGS_PREFIX + REPORT_SHEETS_KEY);
        owned.load("value");
        await context.sync();
        const reports = new Set(owned.isNullObject ? [] : (parseSetting<string[]>(owned.value) ?? []));
        const sized = collection.items.map((sheet) => {
          const used = sheet.getUsedRangeOrNullObject(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount");
          return { sheet, used };
        });
        await context.sync();
        const grids = sized.map(({ sheet, used }) => {
          const rowCount = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
          const columnCount = used.isNullObject ? 0 : used.columnIndex + used.columnCount;
          return { sheet, name: sheet.name, rowCount, columnCount, values: [] as unknown[][], merged: [] as string[], chunks: 0, get rowsRead() { return this.values.length; } };
        });
        for (const g of grids) if (g.rowCount * g.columnCount > MAX_SHEET_CELLS) throw new SheetTooLargeError(g.rowCount * g.columnCount);
        const totalRows = grids.reduce((n, g) => n + g.rowCount, 0);
        const readMerges = caps().mergedAreas;
        let bytesPerCell: number | null = null;
        for (;;) {
          const pieces = planWorkbookRead(grids, bytesPerCell, maxChunkBytes);
          if (pieces.length === 0) break;
          const queued = pieces.map((p) => {
            const g = grids[p.sheet];
            const range = g.sheet.getRange(rangeAddress(p.firstRow + 1, 0, p.firstRow + p.rows, g.columnCount - 1));
            range.load("values");
            const areas = readMerges ? range.getMergedAreasOrNullObject() : null;
            areas?.load("address");
            return { g, range, areas };
          });
          try {
            await context.sync();
          } catch (e) {
            // Longer text than measured so far pushed the answer over Excel's limit: plan smaller and read again.
            if (!isPayloadTooLarge(e) || (pieces.length === 1 && pieces[0].rows === 1)) throw e;
            bytesPerCell = Math.max(bytesPerCell ?? 256, 1) * 8;
            continue;
          }
          for (const { g, range, areas } of queued) {
            const part = range.values as unknown[][];
            const cells = Math.max(1, part.length * g.columnCount);
            bytesPerCell = Math.max(bytesPerCell ?? 0, valuesBytes(part) / cells);
            for (const row of part) g.values.push(row);
            if (areas && !areas.isNullObject) g.merged.push(areas.address);
            g.chunks++;
          }
          onProgress?.({ rowsRead: grids.reduce((n, g) => n + g.values.length, 0), totalRows });
        }
        return grids.map((g) => {
          const areas = mergedAreas(g.merged);
          fillMergedAreas(g.values, areas);
          return {
            sheetName: g.name, values: g.values, rowCount: g.rowCount, columnCount: g.columnCount, chunks: g.chunks, report: reports.has(g.name),
            ...(readMerges ? { merges: areas } : {}),
          };
        });
      });
    },

    async markIssues(sheetName: string, marks: readonly CellMark[]): Promise<MarkResult> {
      const { marks: canMark, rangeAreas } = caps();
      // Without conditional formats a mark would have to change the clerk's own fill: nothing is marked.
      if (!canMark) return { cells: 0, formats: 0 };
      const listed = takeMarkList(sheetName);
      // readSheet saw none of our marks and there is nothing to mark: nothing to ask of Excel.
      if (listed?.length === 0 && marks.length === 0) return { cells: 0, formats: 0 };
      const mark = (ids: string[] | null) =>
        run(async (context) => {
          const sheet = context.workbook.worksheets.getItem(sheetName);
          let old: Excel.ConditionalFormat[];
          if (ids) {
            const formats = sheet.getRange().conditionalFormats;
            old = ids.map((id) => formats.getItem(id));
          } else {
            const formats = queueFormatScan(sheet);
            await context.sync();
            old = ourMarks(formats);
          }
          const groups = planMarkGroups(marks);
          if (old.length === 0 && groups.length === 0) return { cells: 0, formats: 0 };
          // Deletes first: if one fails, Excel stops the batch before any new mark is added.
          for (const f of old) f.delete();
          const queueMark = (target: Excel.Range | Excel.RangeAreas, severity: CellMark["severity"]) => {
            const format = target.conditionalFormats.add("Custom");
            format.custom.rule.formula = MARK_FORMULA;
            format.custom.format.fill.color = SEVERITY_FILL[severity];
          };
          if (rangeAreas) {
            for (const group of groups) queueMark(sheet.getRanges(group.areas.join(",")), group.severity);
            await context.sync();
            return { cells: markedCellCount(groups), formats: groups.length };
          }
          // No RangeAreas (ExcelApi 1.8 or older): one format per area, in write syncs of a bounded size.
          const areas = groups.flatMap((g) => g.areas.map((address) => ({ address, severity: g.severity })));
          for (let i = 0; i < areas.length; i += FALLBACK_FORMATS_PER_SYNC) {
            for (const a of areas.slice(i, i + FALLBACK_FORMATS_PER_SYNC)) queueMark(sheet.getRange(a.address), a.severity);
            await context.sync();
          }
          if (areas.length === 0) await context.sync();
          return { cells: markedCellCount(groups), formats: areas.length };
        });
      if (!listed) return mark(null);
      try {
        return await mark(listed);
      } catch (e) {
        // The clerk deleted one of our marks since readSheet listed them: list again and redo.
        if (isItemNotFound(e)) return mark(null);
        throw e;
      }
    },

    async clearMarks(sheetName?: string): Promise<number> {
      markList = null;
      if (!caps().marks) return 0;
      return run(async (context) => {
        const sheets = context.workbook.worksheets;
        const formats = queueFormatScan(sheetName === undefined ? sheets.getActiveWorksheet() : sheets.getItem(sheetName));
        await context.sync();
        const owned = ourMarks(formats);
        if (owned.length === 0) return 0;
        for (const f of owned) f.delete();
        await context.sync();
        return owned.length;
      });
    },

    selectCell(sheetName: string, row: number, column: number): Promise<void> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        sheet.activate();
        sheet.getRange(rangeAddress(row, column, row, column)).select();
        await context.sync();
      });
    },

    writeBack(block: WriteBackBlock): Promise<void> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(block.sheetName);
        const width = block.headers.length;
        const headerRange = sheet.getRange(rangeAddress(block.headerRow, block.column, block.headerRow, block.column + width - 1));
        headerRange.values = [block.headers.map(toCellText)];
        headerRange.format.font.bold = true;
        headerRange.format.fill.color = "#DDEBF7";
        const empty = Array.from({ length: width }, () => "");
        let batchStart = block.firstRow;
        let batch: string[][] = [];
        let bytes = 0;
        const flush = async () => {
          if (batch.length === 0) return;
          const range = sheet.getRange(rangeAddress(batchStart, block.column, batchStart + batch.length - 1, block.column + width - 1));
          range.values = batch;
          await context.sync();
          batchStart += batch.length;
          batch = [];
          bytes = 0;
        };
        for (let row = block.firstRow; row <= block.lastRow; row++) {
          const texts = block.cells.get(row);
          const line = texts ? Array.from({ length: width }, (_, i) => toCellText(texts[i] ?? "")) : empty;
          const lineBytes = valuesBytes([line]);
          if (bytes + lineBytes > maxChunkBytes) await flush();
          batch.push(line);
          bytes += lineBytes;
        }
        if (batch.length > 0) await flush();
        else await context.sync();
      });
    },

    writeReportSheet(report: ReportSheet): Promise<string> {
      return run(async (context) => {
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
        const { charts, rangeAreas: pageLayout } = caps();
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
        if (pageLayout) queuePageFooter(sheet);
        sheet.activate();
        await context.sync();
        return name;
      });
    },

    writeGridSheet(grid: Grid): Promise<string> {
      return run(async (context) => {
        const { sheet, name } = await claimReportSheet(context, grid.name);
        queueGrid(sheet, grid, caps());
        sheet.activate();
        await context.sync();
        return name;
      });
    },

    writeGridSheets(grids: readonly Grid[]): Promise<string[]> {
      return run(async (context) => {
        if (grids.length === 0) return [];
        const claimed = await claimReportSheets(context, grids.map((g) => g.name));
        const can = caps();
        claimed.forEach(({ sheet }, i) => queueGrid(sheet, grids[i], can));
        claimed[0].sheet.activate();
        await context.sync();
        return claimed.map((c) => c.name);
      });
    },

    loadSetting<T>(key: string): Promise<T | null> {
      return run((context) => readSetting<T>(context, key));
    },

    saveSetting(key: string, value: unknown): Promise<void> {
      return run(async (context) => {
        queueSetting(context, key, value);
        await context.sync();
      });
    },
  };
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
  // Long reasons and messages wrap within their column; Excel then sizes the rows.
  all.format.wrapText = true;
  all.format.horizontalAlignment = "Center";
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
  });
  for (const m of grid.merges) sheet.getRange(rangeAddress(m.row + 1, m.col, m.row + m.rows, m.col + m.cols - 1)).merge(false);
  grid.widths.forEach((w, c) => (sheet.getRange(rangeAddress(1, c, 1, c)).format.columnWidth = widthToPoints(w)));
  if (can.charts) for (const chart of grid.charts ?? []) queueGridChart(sheet, chart, can.chartNumberFormat);
  if (can.rangeAreas) queuePageFooter(sheet);
}

/**
 * The report's page number under every printed page, as the CLI's sheets have it (ledger/reports/page-footer.ts).
 * Office.js names the section, so the text goes in without its &C; Excel stores it as the centre section. PageLayout
 * is ExcelApi 1.9: older Excel prints the report without it.
 */
function queuePageFooter(sheet: Excel.Worksheet): void {
  sheet.pageLayout.headersFooters.defaultForAllPages.centerFooter = PAGE_FOOTER.centre;
}

const CHART_TYPES: Record<GridChart["kind"], "BarClustered" | "ColumnClustered" | "Line" | "Pie"> = { bar: "BarClustered", column: "ColumnClustered", line: "Line", pie: "Pie" };

/**
 * A native chart over the grid's cells. By columns the source takes the header row (series names) above the values;
 * by rows it takes the label column (series names) left of them; the categories are set on every series.
 */
function queueGridChart(sheet: Excel.Worksheet, g: GridChart, axisFormat: boolean): void {
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
  chart.title.text = g.title;
  if (g.kind === "bar") chart.axes.categoryAxis.reversePlotOrder = true;
  if (axisFormat && g.valueFormat && g.kind !== "pie") chart.axes.valueAxis.numberFormat = g.valueFormat;
  // One bar or column series needs no legend: the title names it.
  if (count === 1 && g.kind !== "pie") chart.legend.visible = false;
  chart.setPosition(rangeAddress(g.at.row + 1, g.at.col, g.at.row + 1, g.at.col), rangeAddress(g.at.row + g.at.rows, g.at.col + g.at.cols - 1, g.at.row + g.at.rows, g.at.col + g.at.cols - 1));
}

function parseSetting<T>(value: unknown): T | null {
  if (typeof value !== "string") return (value ?? null) as T | null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}
