/**
 * The workbook reader `tiaojie` used before the streaming one (cli/lib/stream-workbook.ts): exceljs's
 * whole-workbook reader, then a grid of the cells that exist. Kept only as the baseline the streaming reader is
 * compared with (test/cli/stream-workbook.test.ts) and measured against (bench/xlsx.ts); no product code uses it.
 */
import ExcelJS from "exceljs";
import type { Locale } from "../../ledger/messages.ts";
import { columnLetter } from "../../ledger/columns.ts";
import type { ColumnPlaces } from "../../ledger/sheet-columns.ts";
import { readFile } from "node:fs/promises";
import type { MergedArea } from "../../ledger/merged-areas.ts";
import { checkedWorkbook, type Sheet } from "../../cli/lib/read-workbook.ts";
import { WorkbookError } from "../../cli/lib/workbook-error.ts";
import { LIMITS, tooLarge } from "../../cli/lib/workbook-limits.ts";
import { gridColumns } from "../../cli/lib/grid-columns.ts";

/** Every sheet of an .xlsx as exceljs's whole-workbook reader gives it, after the same pre-scan. */
export async function readWorkbookWhole(file: string, locale?: Locale): Promise<Sheet[]> {
  const { corrupt, close } = await checkedWorkbook(file, locale);
  await close();
  const buf = await readFile(file);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    throw corrupt();
  }
  return wb.worksheets.map((ws) => ({ name: ws.name, ...sparseGrid(ws, file, locale) }));
}

/** One cell's value as a plain value: formulas give their result, rich text its text, errors nothing. */
export function plainValue(v: ExcelJS.CellValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v !== "object" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) return plainValue((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
  if ("hyperlink" in v) return (v as ExcelJS.CellHyperlinkValue).text;
  if ("error" in v) return null;
  return null;
}

export interface SparseGrid {
  /** Values as Excel shows them: numbers, strings, booleans, Dates, null. */
  grid: unknown[][];
  columns: ColumnPlaces;
  /** The merged areas whose top-left cell holds a value, in grid coordinates. */
  merges: MergedArea[];
}

export function sparseGrid(ws: ExcelJS.Worksheet, file: string, locale?: Locale): SparseGrid {
  const used = new Uint8Array(LIMITS.excelColumns + 1);
  let lastColumn = 0;
  let filledRows = 0;
  const height = ws.rowCount;
  if (height > LIMITS.excelRows) throw tooLarge(file, { kind: "outsideExcel", sheet: ws.name, cell: `A${height}` }, locale);
  ws.eachRow((row) => {
    let filled = false;
    row.eachCell((cell, c) => {
      if (c > LIMITS.excelColumns) {
        throw tooLarge(file, { kind: "outsideExcel", sheet: ws.name, cell: `${columnLetter(c - 1)}${row.number}` }, locale);
      }
      if (plainValue(cell.value) === null) return;
      used[c] = 1;
      filled = true;
      if (c > lastColumn) lastColumn = c;
    });
    if (filled) filledRows++;
  });

  const { at, places } = gridColumns(used, lastColumn, filledRows, { file, sheet: ws.name, locale });
  const width = places.length;

  const blank: unknown[] = new Array(width).fill(null);
  const grid: unknown[][] = new Array(height).fill(blank);
  ws.eachRow((row, r) => {
    let out: unknown[] | null = null;
    row.eachCell((cell, c) => {
      const v = plainValue(cell.value);
      if (v === null) return;
      out ??= new Array(width).fill(null);
      out[at[c]] = v;
    });
    if (out) grid[r - 1] = out;
  });
  const merges: MergedArea[] = [];
  for (const ref of (ws.model as { merges?: string[] }).merges ?? []) {
    const [from, to = from] = ref.split(":");
    const top = ws.getCell(from);
    const bottom = ws.getCell(to);
    if (plainValue(top.value) === null) continue;
    const col = (c: number) => at[Math.min(c, lastColumn)];
    merges.push({ top: Number(top.row) - 1, left: col(Number(top.col)), bottom: Number(bottom.row) - 1, right: col(Number(bottom.col)) });
  }
  return { grid, columns: places, merges };
}

/** Drop-in for cli/lib/read-workbook.ts, for the bench's old-reader runs of the real CLI (bench/xlsx-old-reader.ts). */
export { readWorkbookWhole as readWorkbook, WorkbookError };
