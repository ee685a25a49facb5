/**
 * The Excel side of routing (分流), transfer and receipt (签收): read the active sheet with the selection, write the
 * product's own columns right of a sheet, append rows below a ledger. Like excel-ledger-workbook.ts, the only code
 * here that touches Excel; pages and logic see the RoutingWorkbook interface.
 *
 * Sync budget: readActive is one read sync (cells and selection together) for a sheet up to 4 MB of cells; a larger
 * one is read in ≤ 4 MB chunks by the ledger reader. writeColumns is one write sync per ≤ 4 MB; appendRows is one
 * read sync (is the space below the ledger still empty?) and one write sync.
 */
import { MAX_CHUNK_BYTES, lineRuns, rangeAddress, toCellText } from "../shared/cells.ts";
import { SETTINGS_PREFIX, createExcelWorkbook, type ExcelRunner } from "./excel-ledger-workbook.ts";
import type { CellValue } from "../ledger-workbook.ts";
import { SheetChangedError, type ActiveSheet, type ColumnsWrite, type RoutingWorkbook } from "../routing-workbook.ts";
import { isPayloadTooLarge } from "./marks.ts";
import { selectedRowsOf } from "../shared/selection.ts";
import { officeCapabilities, type ExcelCapabilities } from "./capabilities.ts";

/** Kept here too for the tests that read selections through the Excel host. */
export { selectedRowsOf };

function parseJson(v: unknown): unknown {
  if (typeof v !== "string") return v ?? null;
  try {
    return JSON.parse(v);
  } catch {
    return null;
  }
}

function cellValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  return typeof v === "string" ? toCellText(v) : v;
}

export function createRoutingWorkbook(options: { run?: ExcelRunner; maxChunkBytes?: number; capabilities?: ExcelCapabilities } = {}): RoutingWorkbook {
  const run: ExcelRunner = options.run ?? ((batch) => Excel.run(batch));
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;
  const caps = () => options.capabilities ?? officeCapabilities();
  /**
   * The selection's address: every area of a Ctrl-click selection (RangeAreas, ExcelApi 1.9), or on older Excel the
   * selected range, which is the first area only (the pane says so in its line about this Excel).
   */
  const queueSelection = (context: Excel.RequestContext): { address: string } => {
    const selection = caps().rangeAreas ? context.workbook.getSelectedRanges() : context.workbook.getSelectedRange();
    selection.load("address");
    return selection;
  };

  return {
    async readActive(settingKey?: string): Promise<ActiveSheet> {
      const setting = (context: Excel.RequestContext) => {
        if (settingKey === undefined) return null;
        const item = context.workbook.settings.getItemOrNullObject(SETTINGS_PREFIX + settingKey);
        item.load("value");
        return item;
      };
      const settingValue = (item: Excel.Setting | null): unknown => (item && !item.isNullObject ? parseJson(item.value) : null);
      try {
        return await run(async (context) => {
          const item = setting(context);
          const sheet = context.workbook.worksheets.getActiveWorksheet();
          sheet.load("name");
          const used = sheet.getUsedRangeOrNullObject(true);
          used.load("rowIndex,columnIndex,rowCount,columnCount,values");
          const selection = queueSelection(context);
          await context.sync();
          const selectedRows = selectedRowsOf(selection.address, sheet.name);
          if (used.isNullObject) return { sheetName: sheet.name, values: [], selectedRows, setting: settingValue(item) };
          // From A1, so rows and columns are sheet coordinates, as the ledger readers expect.
          const width = used.columnIndex + used.columnCount;
          const values: unknown[][] = Array.from({ length: used.rowIndex }, () => Array.from({ length: width }, () => ""));
          for (const row of used.values as unknown[][]) values.push([...Array.from({ length: used.columnIndex }, () => ""), ...row]);
          return { sheetName: sheet.name, values, selectedRows, setting: settingValue(item) };
        });
      } catch (e) {
        if (!isPayloadTooLarge(e)) throw e;
        // Over Excel's 5 MB answer: the ledger reader's ≤ 4 MB chunks, then the selection on its own.
        const grid = await createExcelWorkbook({ run, maxChunkBytes, capabilities: options.capabilities }).readSheet();
        return run(async (context) => {
          const item = setting(context);
          const selection = queueSelection(context);
          await context.sync();
          return { sheetName: grid.sheetName, values: grid.values, selectedRows: selectedRowsOf(selection.address, grid.sheetName), setting: settingValue(item) };
        });
      }
    },

    writeColumns(write: ColumnsWrite): Promise<void> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(write.sheetName);
        let bytes = 0;
        for (const col of write.columns) {
          const head = sheet.getRange(rangeAddress(write.headerRow, col.column, write.headerRow, col.column));
          head.values = [[toCellText(col.header)]];
          head.format.font.bold = true;
          head.format.fill.color = "#DDEBF7";
          // Column by column in runs that stay under the payload limit; a normal intake sheet is one run.
          for (const run of lineRuns(col.texts.map((text) => [toCellText(text)]), write.firstRow, maxChunkBytes)) {
            if (bytes + run.bytes > maxChunkBytes) {
              await context.sync();
              bytes = 0;
            }
            sheet.getRange(rangeAddress(run.firstRow, col.column, run.firstRow + run.lines.length - 1, col.column)).values = run.lines;
            bytes += run.bytes;
          }
          col.fills?.forEach((fill, i) => {
            const cell = sheet.getRange(rangeAddress(write.firstRow + i, col.column, write.firstRow + i, col.column));
            if (fill) cell.format.fill.color = fill;
            else cell.format.fill.clear();
          });
        }
        await context.sync();
      });
    },

    appendRows(sheetName: string, firstRow: number, rows: readonly (readonly CellValue[])[]): Promise<number> {
      return run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        const used = sheet.getUsedRangeOrNullObject(true);
        used.load("rowIndex,rowCount");
        await context.sync();
        const lastUsed = used.isNullObject ? 0 : used.rowIndex + used.rowCount;
        // Someone typed below the ledger after it was read: writing now could cover their cells.
        if (lastUsed >= firstRow) throw new SheetChangedError(lastUsed, firstRow);
        if (rows.length === 0) return firstRow - 1;
        const width = rows.reduce((m, r) => Math.max(m, r.length), 1);
        const lines = rows.map((r) => Array.from({ length: width }, (_, c) => cellValue(r[c] ?? null)));
        const lastRow = firstRow + lines.length - 1;
        sheet.getRange(rangeAddress(firstRow, 0, lastRow, width - 1)).values = lines;
        await context.sync();
        return lastRow;
      });
    },
  };
}
