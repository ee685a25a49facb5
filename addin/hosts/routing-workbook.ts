/**
 * What routing (分流), transfer and receipt (签收) need from the workbook: the active sheet with its selection, the
 * product's own columns right of a sheet, rows appended below a ledger. Each host implements it (hosts/excel/
 * excel-routing-workbook.ts); pages and logic see only this.
 */
import type { CellValue } from "./ledger-workbook.ts";
import { onDemand } from "./on-demand.ts";

export interface ActiveSheet {
  sheetName: string;
  /** Cells from A1 to the used range's last cell: values[r][c] is Excel row r+1, column c. */
  values: unknown[][];
  /** Excel rows (1-based, inclusive) of each selected area on this sheet; [] when the selection is elsewhere. */
  selectedRows: [number, number][];
  /** The workbook setting asked for (parsed JSON), or null. */
  setting: unknown;
}

/** One column the product owns: its header and a text (and fill) for each row from firstRow on. */
export interface OwnColumn {
  /** 0-based column. */
  column: number;
  header: string;
  /** Text per row from firstRow; escaped before writing (toCellText), so server text never becomes a formula. */
  texts: readonly string[];
  /** A fill per row (null = no fill); omitted = fills left as they are. */
  fills?: readonly (string | null)[];
}

export interface ColumnsWrite {
  sheetName: string;
  /** Excel row (1-based) of the header. */
  headerRow: number;
  /** Excel row (1-based) of the first text. */
  firstRow: number;
  columns: readonly OwnColumn[];
}

/** The rows below the ledger were filled in between reading and appending: nothing was written. */
export class SheetChangedError extends Error {
  readonly lastRow: number;
  readonly expected: number;
  constructor(lastRow: number, expected: number) {
    super(`the sheet now ends at row ${lastRow}, not ${expected - 1}`);
    this.name = "SheetChangedError";
    this.lastRow = lastRow;
    this.expected = expected;
  }
}

export interface RoutingWorkbook {
  /** The active sheet, its selection and (optionally) one workbook setting, read together. */
  readActive(settingKey?: string): Promise<ActiveSheet>;
  writeColumns(write: ColumnsWrite): Promise<void>;
  /**
   * Writes `rows` (0-based columns from A) from Excel row `firstRow` on, only if the sheet still ends right above it;
   * otherwise throws SheetChangedError and writes nothing. Returns the last row written.
   */
  appendRows(sheetName: string, firstRow: number, rows: readonly (readonly CellValue[])[]): Promise<number>;
}

/**
 * A routing workbook whose code is fetched when a routing page first uses it (分流 and 签收 are not on the first page).
 * A failed fetch is a ModuleLoadError, and the next call tries again.
 */
export function lazyRoutingWorkbook(load: () => Promise<RoutingWorkbook>): RoutingWorkbook {
  let made: Promise<RoutingWorkbook> | null = null;
  const get = () => (made ??= onDemand(load).catch((e: unknown) => {
    made = null;
    throw e;
  }));
  return {
    readActive: async (settingKey) => (await get()).readActive(settingKey),
    writeColumns: async (write) => (await get()).writeColumns(write),
    appendRows: async (sheetName, firstRow, rows) => (await get()).appendRows(sheetName, firstRow, rows),
  };
}
