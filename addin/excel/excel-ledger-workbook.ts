/**
 * LedgerWorkbook over Office.js. The only module that calls Excel.run or touches the Excel object model.
 *
 * Sync budget (never context.sync() per row or per issue):
 * - readSheet: one cheap sync for the used range's size, then one sync per ≤ 4 MB chunk of values.
 * - markIssues: one read sync (our earlier formats, to replace them) and one write sync for all marks.
 * - writeBack / writeReportSheet: one write sync per ≤ 4 MB batch (a single one for normal ledgers).
 *
 * Marks are conditional formats we own (rule "=TRUE", fill by severity): they colour cells without changing
 * values or the cells' own fills, and their ids are kept in workbook settings, so "clear marks" deletes exactly
 * those and nothing the clerk made (a format the clerk already deleted is simply skipped).
 */
import { MAX_CHUNK_BYTES, planMarkGroups, markedCellCount, rangeAddress, rowsPerChunk, toCellText, valuesBytes } from "./cells.ts";
import type { CellMark, LedgerWorkbook, MarkResult, ReadProgress, ReportSheet, SheetGrid, WriteBackBlock } from "./ledger-workbook.ts";
import { SEVERITY_FILL } from "./colours.ts";

/** Beyond this the task pane would hold more than it can validate in reasonable time and memory. */
export const MAX_SHEET_CELLS = 10_000_000;

export class SheetTooLargeError extends Error {
  readonly cells: number;
  constructor(cells: number) {
    super(`sheet has ${cells} cells, more than ${MAX_SHEET_CELLS}`);
    this.name = "SheetTooLargeError";
    this.cells = cells;
  }
}

export type ExcelRunner = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

const SETTINGS_PREFIX = "tiaojie.";
/** Marks are recorded per sheet, so marking one sheet never forgets the marks on another. */
function marksKey(sheetName: string): string {
  return `marks.${sheetName}`;
}

interface StoredMarks {
  sheetName: string;
  formatIds: string[];
}

export interface ExcelWorkbookOptions {
  /** Excel.run in the product; tests pass a runner that hands over a mock context. */
  run?: ExcelRunner;
  maxChunkBytes?: number;
}

export function createExcelWorkbook(options: ExcelWorkbookOptions = {}): LedgerWorkbook {
  const run: ExcelRunner = options.run ?? ((batch) => Excel.run(batch));
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;

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
    readSheet(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getActiveWorksheet();
        sheet.load("name");
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("rowIndex,columnIndex,rowCount,columnCount");
        await context.sync();
        if (used.isNullObject) return { sheetName: sheet.name, values: [], rowCount: 0, columnCount: 0, chunks: 0 };
        // Read from A1 so grid indexes are sheet coordinates (what ledger/ reports issues against).
        const rowCount = used.rowIndex + used.rowCount;
        const columnCount = used.columnIndex + used.columnCount;
        if (rowCount * columnCount > MAX_SHEET_CELLS) throw new SheetTooLargeError(rowCount * columnCount);
        const values: unknown[][] = [];
        let observedBytesPerRow: number | null = null;
        let chunks = 0;
        while (values.length < rowCount) {
          const first = values.length;
          const take = Math.min(rowCount - first, rowsPerChunk(columnCount, observedBytesPerRow, maxChunkBytes));
          const range = sheet.getRange(rangeAddress(first + 1, 0, first + take, columnCount - 1));
          range.load("values");
          await context.sync();
          chunks++;
          const part = range.values as unknown[][];
          const perRow = valuesBytes(part) / Math.max(1, part.length);
          observedBytesPerRow = Math.max(observedBytesPerRow ?? 0, perRow);
          for (const row of part) values.push(row);
          onProgress?.({ rowsRead: values.length, totalRows: rowCount });
        }
        return { sheetName: sheet.name, values, rowCount, columnCount, chunks };
      });
    },

    markIssues(sheetName: string, marks: readonly CellMark[]): Promise<MarkResult> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        const previous = await readOwnedFormats(context, sheetName);
        for (const f of previous.owned) f.delete();
        const groups = planMarkGroups(marks);
        const added: Excel.ConditionalFormat[] = [];
        for (const group of groups) {
          const areas = sheet.getRanges(group.areas.join(","));
          const format = areas.conditionalFormats.add("Custom");
          format.custom.rule.formula = "=TRUE";
          format.custom.format.fill.color = SEVERITY_FILL[group.severity];
          format.load("id");
          added.push(format);
        }
        await context.sync();
        // The ids exist only after the write; recording them costs one more small sync.
        queueSetting(context, marksKey(sheetName), { sheetName, formatIds: added.map((f) => f.id) } satisfies StoredMarks);
        await context.sync();
        return { cells: markedCellCount(groups), formats: added.length };
      });
    },

    clearMarks(sheetName?: string): Promise<number> {
      return run(async (context) => {
        if (sheetName === undefined) {
          const active = context.workbook.worksheets.getActiveWorksheet();
          active.load("name");
          await context.sync();
          sheetName = active.name;
        }
        const { owned } = await readOwnedFormats(context, sheetName);
        for (const f of owned) f.delete();
        queueSetting(context, marksKey(sheetName), { sheetName, formatIds: [] } satisfies StoredMarks);
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

    writeReportSheet(report: ReportSheet): Promise<void> {
      return run(async (context) => {
        const existing = context.workbook.worksheets.getItemOrNullObject(report.name);
        await context.sync();
        // The sheet is ours (we named it); rewrite it whole rather than merge with an old run.
        if (!existing.isNullObject) existing.delete();
        const sheet = context.workbook.worksheets.add(report.name);
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
        if (report.chart && report.rows.length > 0) {
          const { labelColumn, valueColumn } = report.chart;
          const values = sheet.getRange(rangeAddress(1, valueColumn, lastRow, valueColumn));
          const chart = sheet.charts.add("BarClustered", values, "Columns");
          chart.series.getItemAt(0).setXAxisValues(sheet.getRange(rangeAddress(2, labelColumn, lastRow, labelColumn)));
          chart.title.text = report.chart.title;
          chart.legend.visible = false;
          chart.setPosition(rangeAddress(1, width + 1, 1, width + 1));
        }
        all.format.autofitColumns();
        sheet.activate();
        await context.sync();
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

/**
 * One read sync: our stored format ids and the ids of the formats the sheet has now. Only formats in both
 * are ours and still there (a clerk may have deleted some by hand); everything else is left alone.
 */
async function readOwnedFormats(context: Excel.RequestContext, sheetName: string): Promise<{ owned: Excel.ConditionalFormat[] }> {
  const setting = context.workbook.settings.getItemOrNullObject(SETTINGS_PREFIX + marksKey(sheetName));
  setting.load("value");
  const formats = context.workbook.worksheets.getItem(sheetName).getRange().conditionalFormats;
  formats.load("items/id");
  await context.sync();
  const stored = setting.isNullObject ? null : parseSetting<StoredMarks>(setting.value);
  if (!stored) return { owned: [] };
  const ours = new Set(stored.formatIds);
  return { owned: formats.items.filter((f) => ours.has(f.id)) };
}

function parseSetting<T>(value: unknown): T | null {
  if (typeof value !== "string") return (value ?? null) as T | null;
  try {
    return JSON.parse(value) as T;
  } catch {
    return null;
  }
}
