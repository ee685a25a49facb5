// The in-memory workbook behind the Excel double: sheets of cell values, cell formats, conditional formats,
// tables, charts and workbook settings. Plain data, so a test can snapshot it across a task-pane reload.
import { contains, intersects, parseRect, rectAddress, type Rect } from "./address.ts";
import { ExcelDoubleError } from "./errors.ts";

export type CellScalar = string | number | boolean | null;

export interface ConditionalFormatModel {
  id: string;
  type: string;
  areas: Rect[];
  formula: string | null;
  fill: string | null;
  /** A rule Excel fails to describe (office-js#6835): loading its rule fails the sync. */
  unreadable?: boolean;
}

export interface TableModel {
  id: string;
  name: string;
  rect: Rect;
  hasHeaders: boolean;
  style: string | null;
}

export interface ChartSeriesModel {
  name: string | null;
  values: Rect;
  xValues: Rect | null;
}

export interface ChartModel {
  id: string;
  type: string;
  source: Rect;
  seriesBy: string;
  series: ChartSeriesModel[];
  title: string | null;
  legendVisible: boolean;
  position: string | null;
  /** The value axis's number format, when the pane set one. */
  valueFormat?: string;
  /** Categories listed top-down (a bar chart in the sheet's order). */
  categoriesReversed?: boolean;
  /** How empty cells are drawn ("NotPlotted": a gap), when the pane set it. */
  blanksAs?: string;
  /** Categories between two labels on the category axis (1: every category labelled), when the pane set it. */
  labelSpacing?: number;
}

export interface CellFormat {
  fill?: string;
  bold?: boolean;
  /** Font size in points, italic and colour ("#9C0006"), when the host set them. */
  fontSize?: number;
  italic?: boolean;
  fontColor?: string;
  numberFormat?: string;
  wrapText?: boolean;
  horizontalAlignment?: string;
}

export interface SheetModel {
  id: string;
  name: string;
  /** values[r][c], 0-based; missing or null = empty cell. */
  values: CellScalar[][];
  /** Cells written as formulas ("=…"): key "r,c" → formula text. */
  formulas: Record<string, string>;
  formats: Record<string, CellFormat>;
  conditionalFormats: ConditionalFormatModel[];
  tables: TableModel[];
  charts: ChartModel[];
  autofitCount: number;
  /** Merged areas (Excel keeps the value in the top-left cell only). */
  merges: Rect[];
  /** Column widths set by the pane, in points (Excel's RangeFormat.columnWidth); a column not set has Excel's default. */
  columnWidths?: Record<number, number>;
  /** 0-based row → height in points, as RangeFormat.rowHeight sets it. */
  rowHeights?: Record<number, number>;
  /** The printed page's footer by section, as PageLayout.headersFooters.defaultForAllPages sets it (ExcelApi 1.9). */
  footer?: { left?: string; center?: string; right?: string };
  /**
   * How the sheet prints, as the host set it (either double): the paper ("A4"), orientation, the pages it is fitted to
   * (0 tall: as many as it takes), the rows repeated on every page ("$3:$4") and the 0-based rows a page begins at.
   */
  print?: { paper?: string; orientation?: "portrait" | "landscape"; fitWide?: number; fitTall?: number; titleRows?: string; breaksBefore?: number[] };
  /** Rows and columns frozen on screen (top and left), as freeze panes set them. */
  frozen?: { rows: number; columns: number };
}

export interface WorkbookModel {
  sheets: SheetModel[];
  activeSheetId: string;
  selection: { sheet: string; address: string } | null;
  settings: Record<string, unknown>;
  nextId: number;
}

export interface SeedSheet {
  name: string;
  values: CellScalar[][];
  /** Merged areas as A1 addresses ("B5:B8"). */
  merges?: string[];
  /** Conditional formats already on the sheet (the clerk's own), highest priority first. */
  conditionalFormats?: SeedConditionalFormat[];
}

export interface SeedConditionalFormat {
  /** Excel.ConditionalFormatType: "Custom", "ColorScale", "DataBar" … */
  type: string;
  /** Comma-separated A1 areas ("A2:A11,C3"). */
  areas: string;
  /** The rule of a Custom format. */
  formula?: string;
  fill?: string;
  unreadable?: boolean;
}

export interface WorkbookSeed {
  sheets: SeedSheet[];
  /** Name of the active sheet; the first sheet when omitted. */
  activeSheet?: string;
  settings?: Record<string, unknown>;
}

/** workbook.settings holds about 1–2 MB in Excel; the double refuses more than 2 MB. */
export const SETTINGS_MAX_BYTES = 2 * 1024 * 1024;

export function emptySheet(id: string, name: string): SheetModel {
  return { id, name, values: [], formulas: {}, formats: {}, conditionalFormats: [], tables: [], charts: [], autofitCount: 0, merges: [] };
}

export function workbookFromSeed(seed: WorkbookSeed): WorkbookModel {
  const wb: WorkbookModel = { sheets: [], activeSheetId: "", selection: null, settings: { ...(seed.settings ?? {}) }, nextId: 1 };
  for (const s of seed.sheets) {
    const sheet = emptySheet(newId(wb, "sheet"), s.name);
    sheet.values = s.values.map((row) => row.map((v) => (v === "" ? null : v)));
    sheet.merges = (s.merges ?? []).map((a) => parseRect(a)).filter((r): r is Rect => r !== null);
    sheet.conditionalFormats = (s.conditionalFormats ?? []).map((f) => conditionalFormat(wb, f));
    wb.sheets.push(sheet);
  }
  if (wb.sheets.length === 0) wb.sheets.push(emptySheet(newId(wb, "sheet"), "Sheet1"));
  const active = wb.sheets.find((s) => s.name === seed.activeSheet) ?? wb.sheets[0];
  wb.activeSheetId = active.id;
  return wb;
}

/** A conditional format as the clerk made it in Excel (seeds, or a test playing the clerk between two runs). */
export function conditionalFormat(wb: WorkbookModel, f: SeedConditionalFormat): ConditionalFormatModel {
  const areas = f.areas.split(",").map((a) => {
    const rect = parseRect(a);
    if (!rect) throw new Error(`bad conditional format area ${a}`);
    return rect;
  });
  return { id: newId(wb, "cf"), type: f.type, areas, formula: f.type === "Custom" ? (f.formula ?? null) : null, fill: f.fill ?? null, ...(f.unreadable ? { unreadable: true } : {}) };
}

export function newId(wb: WorkbookModel, kind: string): string {
  const n = wb.nextId++;
  return kind === "cf" ? `{${String(n).padStart(8, "0")}-0000-4000-8000-00000000ce11}` : `{${kind}-${n}}`;
}

export function sheetByName(wb: WorkbookModel, name: string): SheetModel | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}

export function activeSheet(wb: WorkbookModel): SheetModel {
  return wb.sheets.find((s) => s.id === wb.activeSheetId) ?? wb.sheets[0];
}

export function cellValue(sheet: SheetModel, r: number, c: number): CellScalar {
  return sheet.values[r]?.[c] ?? null;
}

/** Excel's `values`: empty cells read as "". */
export function readValues(sheet: SheetModel, rect: Rect): (string | number | boolean)[][] {
  const out: (string | number | boolean)[][] = [];
  for (let r = rect.r1; r <= rect.r2; r++) {
    const src = sheet.values[r];
    const row: (string | number | boolean)[] = new Array(rect.c2 - rect.c1 + 1);
    for (let c = rect.c1; c <= rect.c2; c++) row[c - rect.c1] = src?.[c] ?? "";
    out.push(row);
  }
  return out;
}

/** The used range for values only: the smallest rectangle holding every non-empty cell, or null. */
export function usedRect(sheet: SheetModel): Rect | null {
  let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
  sheet.values.forEach((row, r) => {
    if (!row) return;
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === "") continue;
      if (r < r1) r1 = r;
      if (r > r2) r2 = r;
      if (c < c1) c1 = c;
      if (c > c2) c2 = c;
    }
  });
  return r2 < 0 ? null : { r1, c1, r2, c2 };
}

const NUMBER_TEXT = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Writes one cell as Excel does for `range.values = …`: a leading ' makes the rest text (the ' is not part
 * of the value), a leading = makes a formula, numeric text becomes a number unless the cell is formatted "@".
 */
export function writeCell(sheet: SheetModel, r: number, c: number, v: unknown): { formula: boolean } {
  const key = `${r},${c}`;
  delete sheet.formulas[key];
  let value: CellScalar;
  let formula = false;
  if (v === null || v === undefined || v === "") value = null;
  else if (typeof v === "number" || typeof v === "boolean") value = v;
  else if (typeof v === "string") {
    if (v.startsWith("'")) value = v.slice(1);
    else if (v.startsWith("=") && v.length > 1) {
      sheet.formulas[key] = v;
      formula = true;
      value = v;
    } else if (NUMBER_TEXT.test(v.trim()) && sheet.formats[key]?.numberFormat !== "@") value = Number(v);
    else value = v;
  } else throw new ExcelDoubleError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: cell value ${String(v)}`);
  const row = (sheet.values[r] ??= []);
  row[c] = value;
  return { formula };
}

export function setFormat(sheet: SheetModel, rect: Rect, patch: CellFormat): void {
  for (let r = rect.r1; r <= rect.r2; r++) {
    for (let c = rect.c1; c <= rect.c2; c++) {
      const key = `${r},${c}`;
      sheet.formats[key] = { ...sheet.formats[key], ...patch };
    }
  }
}

export function formatsAt(sheet: SheetModel, address: string): CellFormat {
  const rect = parseRect(address);
  return rect ? (sheet.formats[`${rect.r1},${rect.c1}`] ?? {}) : {};
}

/**
 * A rule formula that refers to no cell, evaluated: TRUE / FALSE, and N("text")=0 (N of text is 0). Anything
 * else is beyond the double (null: not evaluated, so not shown).
 */
export function constantRuleValue(formula: string | null): boolean | null {
  const f = (formula ?? "").replace(/\s+/g, "").replace(/^=/, "").toUpperCase();
  if (f === "TRUE") return true;
  if (f === "FALSE") return false;
  const n = /^N\("[^"]*"\)=(-?\d+(\.\d+)?)$/.exec(f);
  if (n) return Number(n[1]) === 0;
  return null;
}

/** Fill colour a cell shows through conditional formats (newest rule first, as Excel's priority). */
export function conditionalFillAt(sheet: SheetModel, r: number, c: number): string | null {
  for (const f of sheet.conditionalFormats) {
    if (constantRuleValue(f.formula) === true && f.areas.some((a) => contains(a, r, c))) return f.fill;
  }
  return null;
}

export function tablesOverlapping(wb: WorkbookModel, sheet: SheetModel, rect: Rect): TableModel[] {
  return sheet.tables.filter((t) => intersects(t.rect, rect));
}

export function describeRect(sheet: SheetModel, rect: Rect): string {
  return `${sheet.name}!${rectAddress(rect)}`;
}
