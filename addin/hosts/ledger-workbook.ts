/**
 * What the task pane needs from the workbook. Only a host folder (addin/hosts/excel/) knows it is Excel behind this;
 * pages and their logic are tested with a plain-data fake.
 */
import type { Severity } from "../../ledger/issue-codes.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import type { MergedArea } from "../../ledger/merged-areas.ts";

export interface SheetGrid {
  sheetName: string;
  /** Cell values from A1 to the used range's last cell, so grid[r][c] is Excel row r+1, column c. */
  values: unknown[][];
  rowCount: number;
  columnCount: number;
  /** Read syncs spent on cell values (one per ≤ 4 MB chunk). */
  chunks: number;
  /** A report sheet this add-in wrote (writeReportSheet keeps their names in the workbook's settings). */
  report?: boolean;
  /**
   * The sheet's merged areas (grid coordinates; `values` already has each filled with its top-left value), for ledger/
   * to tell a row merged across the table. Absent where Excel cannot list them (below ExcelApi 1.13).
   */
  merges?: MergedArea[];
}

export interface ReadProgress {
  rowsRead: number;
  totalRows: number;
}

/** One cell to highlight: Excel row (1-based) and 0-based column. */
export interface CellMark {
  row: number;
  column: number;
  severity: Severity;
}

export interface MarkResult {
  /** Cells highlighted. */
  cells: number;
  /** Conditional formats added (one per group of ≤ 400 areas). */
  formats: number;
}

/** The block of result columns right of the ledger (校验结果, 预警, 导师). */
export interface WriteBackBlock {
  sheetName: string;
  /** 0-based column of the block's first column. */
  column: number;
  /** Excel row (1-based) of the ledger's last header row: the block's headers go there. */
  headerRow: number;
  headers: readonly string[];
  /** Excel row (1-based) of the first and last row to fill; rows in between without an entry are cleared. */
  firstRow: number;
  lastRow: number;
  /** Excel row → one text per block column. Text is escaped before writing (see toCellText). */
  cells: ReadonlyMap<number, readonly string[]>;
}

export type CellValue = string | number | boolean | null;

/** A sheet we own entirely (预警清单, 考评排名 …): rewritten on every run. */
export interface ReportSheet {
  name: string;
  /** Excel table name (letters, digits, underscores). */
  tableName: string;
  headers: readonly string[];
  rows: readonly (readonly CellValue[])[];
  /** Fill colours for single cells: [row index into rows, column index, colour]. */
  fills?: readonly (readonly [number, number, string])[];
  /** Number formats per column, e.g. "0.0%". */
  numberFormats?: Readonly<Record<number, string>>;
  /** A clustered bar chart of one numeric column against a label column. */
  chart?: { title: string; labelColumn: number; valueColumn: number };
  /**
   * Line charts, one line per row from `firstRow` to `lastRow` (indices into rows): named by `labelColumn`, its
   * points the columns after it up to `lastValueColumn`, against those columns' headers (the periods).
   */
  lineCharts?: readonly LineChartSpec[];
  /** The language of the printed page's footer (the pane's language); Chinese when absent. */
  locale?: "zh-CN" | "en";
}

export interface LineChartSpec {
  title: string;
  firstRow: number;
  lastRow: number;
  labelColumn: number;
  lastValueColumn: number;
}

export interface LedgerWorkbook {
  /**
   * The active sheet's name alone (one sync, no cells), so a page can say which sheet its button will read before
   * the clerk clicks it.
   */
  activeSheetName(): Promise<string>;
  /**
   * Reads the active sheet's used range (from A1) in ≤ 4 MB chunks, one sync per chunk, after one size sync that
   * also lists our marks on the sheet for a following markIssues.
   */
  readSheet(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid>;
  /**
   * Reads every sheet's used range (from A1), in tab order: one sync for the sheet list, one for all their sizes,
   * then one per ≤ 4 MB of cells across sheets (small sheets share a read; a large one is split by rows).
   */
  readAllSheets(onProgress?: (p: ReadProgress) => void): Promise<SheetGrid[]>;
  /**
   * Highlights cells without touching their values or own formats; replaces earlier marks. Right after readSheet
   * of the same sheet: one write sync and no read; otherwise one read and one write.
   */
  markIssues(sheetName: string, marks: readonly CellMark[]): Promise<MarkResult>;
  /**
   * Removes exactly the marks we added (the clerk's own conditional formats stay); returns how many formats were
   * removed. Without a sheet name: the active sheet. One read sync, plus one write sync when there is something to remove.
   */
  clearMarks(sheetName?: string): Promise<number>;
  selectCell(sheetName: string, row: number, column: number): Promise<void>;
  writeBack(block: WriteBackBlock): Promise<void>;
  /**
   * Writes a sheet we own: replaces a sheet of that name only when this add-in wrote it (recorded in the workbook's
   * settings); a clerk's sheet of the same name is left alone and the report goes to "name (2)" etc. Returns the
   * name written. One read sync, one write sync.
   */
  writeReportSheet(sheet: ReportSheet): Promise<string>;
  /**
   * Writes a laid-out sheet we own (考评排名, 考评明细: ledger/reports/), with its merges, column widths, number
   * formats, fills and bold headings, under the same ownership rule as writeReportSheet. One read sync, one write sync.
   */
  writeGridSheet(grid: Grid): Promise<string>;
  /**
   * Writes several laid-out sheets (a report of several sections) with their native charts, first one active: one
   * read sync for all the names, one write sync. Returns the names written, in order.
   */
  writeGridSheets(grids: readonly Grid[]): Promise<string[]>;
  loadSetting<T>(key: string): Promise<T | null>;
  saveSetting(key: string, value: unknown): Promise<void>;
}

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
