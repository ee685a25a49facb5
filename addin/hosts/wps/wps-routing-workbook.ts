/**
 * The WPS 表格 side of routing (分流), transfer and receipt (签收), as hosts/excel/excel-routing-workbook.ts is Excel's:
 * read the active sheet with the selection, write the product's own columns right of a sheet, append rows below a
 * ledger. Calls stay proportional to blocks: one Value2 read for a sheet up to 4 MB (larger ones through the ledger
 * reader's blocks), one Value2 write per column run, fills grouped by colour into multi-area addresses.
 */
import { MAX_CHUNK_BYTES, lineRuns, rangeAddress, rowsPerChunk, toCellText } from "../shared/cells.ts";
import type { CellValue } from "../ledger-workbook.ts";
import { SheetChangedError, type ActiveSheet, type ColumnsWrite, type RoutingWorkbook } from "../routing-workbook.ts";
import { selectedRowsOf } from "../shared/selection.ts";
import { activeSheetOf, activeWorkbook, bgr, rangeOfAreas, sheetOrThrow as sheetNamedOrThrow, valueExtent, valueRows, XL_NONE, type WpsApplication, type WpsWorksheet } from "./wps-api.ts";
import { createWpsWorkbook, sizeFromA1, type WpsWorkbookOptions } from "./wps-ledger-workbook.ts";
import { loadSettingNow } from "./wps-settings.ts";

function cellValue(v: CellValue): string | number | boolean {
  if (v === null) return "";
  return typeof v === "string" ? toCellText(v) : v;
}

/** The selection's address when cells are selected (a shape may be selected instead: then none). */
function selectionAddress(app: WpsApplication): string {
  const selection = app.Selection as { Address?: (r?: boolean, c?: boolean) => unknown } | null;
  if (!selection || typeof selection.Address !== "function") return "";
  const address = selection.Address(false, false);
  return typeof address === "string" ? address : "";
}

function trimEmptyRows(values: unknown[][]): unknown[][] {
  let last = values.length;
  while (last > 0 && values[last - 1].every((v) => v === "")) last--;
  values.length = last;
  return values;
}

export function createWpsRoutingWorkbook(app: WpsApplication, options: WpsWorkbookOptions = {}): RoutingWorkbook {
  const maxChunkBytes = options.maxChunkBytes ?? MAX_CHUNK_BYTES;

  const sheetOrThrow = (name: string): WpsWorksheet => sheetNamedOrThrow(app, name);

  return {
    async readActive(settingKey?: string): Promise<ActiveSheet> {
      const wb = activeWorkbook(app);
      const setting = settingKey === undefined ? null : loadSettingNow<unknown>(wb, settingKey, options.settingsSheet);
      const sheet = activeSheetOf(app);
      const sheetName = sheet.Name;
      // The selection is on the active sheet: its address carries no sheet name.
      const selectedRows = selectedRowsOf(selectionAddress(app), sheetName);
      const { rowCount: rows, columnCount: columns } = sizeFromA1(sheet);
      if (rows === 0) return { sheetName, values: [], selectedRows, setting };
      if (rowsPerChunk(columns, null, maxChunkBytes) >= rows) {
        // From A1, so rows and columns are sheet coordinates, as the ledger readers expect.
        const values = trimEmptyRows(valueRows(sheet.Range(rangeAddress(1, 0, rows, columns - 1)).Value2, rows, columns));
        return { sheetName, values, selectedRows, setting };
      }
      const grid = await createWpsWorkbook(app, options).readSheet();
      return { sheetName: grid.sheetName, values: grid.values, selectedRows, setting };
    },

    async writeColumns(write: ColumnsWrite): Promise<void> {
      const sheet = sheetOrThrow(write.sheetName);
      for (const col of write.columns) {
        const head = sheet.Range(rangeAddress(write.headerRow, col.column, write.headerRow, col.column));
        head.Value2 = [[toCellText(col.header)]];
        head.Font.Bold = true;
        head.Interior.Color = bgr("#DDEBF7");
        // In runs that stay under the payload size; a normal intake sheet is one run.
        for (const run of lineRuns(col.texts.map((text) => [toCellText(text)]), write.firstRow, maxChunkBytes)) {
          sheet.Range(rangeAddress(run.firstRow, col.column, run.firstRow + run.lines.length - 1, col.column)).Value2 = run.lines;
        }
        if (col.fills) {
          const byFill = new Map<string | null, string[]>();
          col.fills.forEach((fill, i) => {
            const list = byFill.get(fill) ?? [];
            list.push(rangeAddress(write.firstRow + i, col.column, write.firstRow + i, col.column));
            byFill.set(fill, list);
          });
          for (const [fill, cells] of byFill) {
            const interior = rangeOfAreas(app, sheet, cells).Interior;
            if (fill) interior.Color = bgr(fill);
            else interior.ColorIndex = XL_NONE;
          }
        }
      }
    },

    async appendRows(sheetName: string, firstRow: number, rows: readonly (readonly CellValue[])[]): Promise<number> {
      const sheet = sheetOrThrow(sheetName);
      // WPS's used range also spans formatted empty rows (a ruled ledger form): below firstRow, look for values.
      const used = sheet.UsedRange;
      const usedLast = used.Row - 1 + used.Rows.Count;
      const usedColumns = used.Column - 1 + used.Columns.Count;
      let lastValue = 0;
      // Where values end, asked of WPS in a few calls; read below the ledger only when this WPS will not say.
      const values = usedLast >= firstRow ? valueExtent(sheet) : null;
      if (values !== undefined) lastValue = values?.rows ?? 0;
      else {
        const step = rowsPerChunk(usedColumns, null, maxChunkBytes);
        for (let top = firstRow; top <= usedLast; top += step) {
          const bottom = Math.min(usedLast, top + step - 1);
          const below = valueRows(sheet.Range(rangeAddress(top, 0, bottom, usedColumns - 1)).Value2, bottom - top + 1, usedColumns);
          below.forEach((row, i) => {
            if (row.some((v) => v !== "")) lastValue = top + i;
          });
        }
      }
      // Someone typed below the ledger after it was read: writing now could cover their cells.
      if (lastValue >= firstRow) throw new SheetChangedError(lastValue, firstRow);
      if (rows.length === 0) return firstRow - 1;
      const width = rows.reduce((m, r) => Math.max(m, r.length), 1);
      const lines = rows.map((r) => Array.from({ length: width }, (_, c) => cellValue(r[c] ?? null)));
      const lastRow = firstRow + lines.length - 1;
      sheet.Range(rangeAddress(firstRow, 0, lastRow, width - 1)).Value2 = lines;
      return lastRow;
    },
  };
}
