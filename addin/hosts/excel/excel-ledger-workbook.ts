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
import { MAX_CHUNK_BYTES, planMarkGroups, planWorkbookRead, markedCellCount, rangeAddress, lineRuns, rowsPerChunk, toCellText, valuesBytes, writeBackLines } from "../shared/cells.ts";
import { MAX_SHEET_CELLS, SheetTooLargeError, type CellMark, type LedgerWorkbook, type MarkResult, type ReadProgress, type ReportSheet, type SheetGrid, type WriteBackBlock } from "../ledger-workbook.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { onDemand } from "../on-demand.ts";
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
export const REPORT_SHEETS_KEY = "reportSheets";

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


  function queueSetting(context: Excel.RequestContext, key: string, value: unknown): void {
    context.workbook.settings.add(SETTINGS_PREFIX + key, JSON.stringify(value));
  }

  return {
    activeSheetName(): Promise<string> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load("name");
        await context.sync();
        return sheet.name;
      });
    },

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
        // The headers go with the first run; one write sync per run (a normal ledger is one).
        let synced = false;
        for (const run of lineRuns(writeBackLines(block), block.firstRow, maxChunkBytes)) {
          sheet.getRange(rangeAddress(run.firstRow, block.column, run.firstRow + run.lines.length - 1, block.column + width - 1)).values = run.lines;
          await context.sync();
          synced = true;
        }
        if (!synced) await context.sync();
      });
    },


    // Report and chart sheets are not on the first page: their writer (excel-report-sheets.ts) is fetched when first
    // used, before Excel.run, so no batch waits on the network.
    async writeReportSheet(report: ReportSheet): Promise<string> {
      const w = await reportWriter();
      return run((context) => w.writeReportSheet(context, report, caps()));
    },

    async writeGridSheet(grid: Grid): Promise<string> {
      const w = await reportWriter();
      return run(async (context) => (await w.writeGridSheets(context, [grid], caps()))[0]);
    },

    async writeGridSheets(grids: readonly Grid[]): Promise<string[]> {
      const w = await reportWriter();
      return run((context) => w.writeGridSheets(context, grids, caps()));
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


let reportWriterModule: Promise<typeof import("./excel-report-sheets.ts")> | null = null;

/** The report sheet writer, fetched once; after a failed fetch the next use tries again. */
function reportWriter(): Promise<typeof import("./excel-report-sheets.ts")> {
  return (reportWriterModule ??= onDemand(() => import("./excel-report-sheets.ts")).catch((e: unknown) => {
    reportWriterModule = null;
    throw e;
  }));
}

export function parseSetting<T>(value: unknown): T | null {
  if (typeof value !== "string") return (value ?? null) as T | null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}
