/// <reference types="wps-jsapi" />
/**
 * The part of WPS 表格's object model (the Et Application of a WPS 加载项) that the WPS host calls, typed from the
 * wps-jsapi typings. Those typings are generated from WPS's COM interfaces: a method that returns an object is
 * declared `void` with the result as a trailing `RHS` out-parameter (`Range(Cell1, Cell2, RHS?: EtRange): void`,
 * `Item(Index, RHS): void`), and a few properties carry the wrong type (`UsedRange: number`, `Selection: number`,
 * `Value2: number`). So the interfaces below restate each member we use with the type a JS add-in actually receives,
 * and `SameNames` proves at compile time that every member name exists on the typings' interface: a misspelt or
 * invented member fails `tsc`, not a clerk's WPS.
 *
 * WPS calls are synchronous (each one a round trip into WPS): the host keeps their number proportional to blocks
 * of cells, sheets and conditional formats, never to cells.
 */

/** Compile-time check: every member of `Ours` is named on the wps-jsapi interface `Theirs`. */
type SameNames<Ours, Theirs> = Exclude<keyof Ours, keyof Theirs> extends never ? true : Exclude<keyof Ours, keyof Theirs>;

export interface WpsInterior {
  /** A colour as BGR number (red + green·256 + blue·65536), as COM gives it. */
  Color: unknown;
  /** xlNone (-4142) removes the fill. */
  ColorIndex: unknown;
}

export interface WpsFont {
  Bold: unknown;
  /** Points. */
  Size: unknown;
  Italic: unknown;
  /** A BGR number, as Interior.Color. */
  Color: unknown;
}

export interface WpsFormatCondition {
  /** Et.EtXlFormatConditionType: xlExpression = 2 for a formula rule; colour scales, data bars … other numbers. */
  readonly Type: number;
  /** The rule's formula (xlExpression and xlCellValue only: asking other kinds fails). */
  readonly Formula1: string;
  readonly Interior: WpsInterior;
  Delete(): void;
  SetFirstPriority(): void;
}

export interface WpsFormatConditions {
  readonly Count: number;
  /** 1-based. */
  Item(index: number): WpsFormatCondition;
  Add(type: number, operator?: unknown, formula1?: string): WpsFormatCondition;
}

export interface WpsPageSetup {
  LeftFooter: string;
  CenterFooter: string;
  PaperSize: number;
  Orientation: number;
  PrintTitleRows: string;
  Zoom: unknown;
  FitToPagesWide: unknown;
  FitToPagesTall: unknown;
}

export interface WpsAxis {
  ReversePlotOrder: boolean;
  /** Categories between two labels: 1 labels every one. */
  TickLabelSpacing: number;
  readonly TickLabels: { NumberFormat: string };
}

export interface WpsChart {
  /** Kso.KsoXlChartType: xlBarClustered 57, xlColumnClustered 51, xlLine 4, xlPie 5. */
  ChartType: number;
  /** PlotBy: xlColumns 2 (a series per column), xlRows 1. */
  SetSourceData(source: WpsRange, plotBy?: number): void;
  /** 1-based series. */
  SeriesCollection(index: number): { XValues: unknown; Delete(): unknown };
  /** xlNotPlotted 1: an empty cell is a gap. */
  DisplayBlanksAs: number;
  HasTitle: unknown;
  readonly ChartTitle: { Text: string };
  HasLegend: unknown;
  /** xlCategory 1, xlValue 2. */
  Axes(type: number): WpsAxis;
}

export interface WpsChartObjects {
  /** Position and size in points. */
  Add(left: number, top: number, width: number, height: number): { readonly Chart: WpsChart };
}

export interface WpsRange {
  /** One cell: its value; several: rows of values (a JS array of arrays, [row][column]). Dates as serial numbers. */
  Value2: unknown;
  /** true when every cell is in a merged area, false when none is, null (mixed) otherwise. */
  readonly MergeCells: unknown;
  /** The merged area holding the range's first cell (the cell itself when it is not merged). */
  readonly MergeArea: WpsRange;
  /** "$A$1:$C$3"; several areas comma-separated; no sheet name. */
  Address(rowAbsolute?: boolean, columnAbsolute?: boolean): string;
  /** 1-based row and column of the first cell. */
  readonly Row: number;
  readonly Column: number;
  readonly Rows: { readonly Count: number };
  readonly Columns: { readonly Count: number; AutoFit(): unknown };
  readonly FormatConditions: WpsFormatConditions;
  readonly Interior: WpsInterior;
  readonly Font: WpsFont;
  NumberFormat: unknown;
  /** In characters of "0", as the Grid gives widths. */
  ColumnWidth: unknown;
  /** In points, for every row of the range. */
  RowHeight: unknown;
  WrapText: unknown;
  /** xlLeft -4131, xlCenter -4108. */
  HorizontalAlignment: unknown;
  Merge(across?: boolean): void;
  Select(): unknown;
  /** 1-based (row, column) within the range. */
  Item(row: number, column?: number): WpsRange;
  /**
   * The next cell matching `what` after `after` in the given order and direction, or null (COM's Nothing). With "*",
   * xlFormulas and xlPrevious from A1 it is the last cell holding anything: the classic way to find where values end.
   */
  Find(what: string, after?: WpsRange, lookIn?: number, lookAt?: number, searchOrder?: number, searchDirection?: number): WpsRange | null;
  /** Position and size in points (where a chart goes). */
  readonly Left: number;
  readonly Top: number;
  readonly Width: number;
  readonly Height: number;
}

export interface WpsWorksheet {
  Name: string;
  /** Et.EtXlSheetVisibility: -1 visible, 0 hidden, 2 very hidden (not listed by 取消隐藏). */
  Visible: number;
  /** The cells holding values or formats (not only values, unlike Excel's valuesOnly); may start below A1. */
  readonly UsedRange: WpsRange;
  readonly Cells: WpsRange;
  readonly PageSetup: WpsPageSetup;
  Range(address: string): WpsRange;
  Activate(): void;
  Delete(): void;
  /** The sheet's charts (a method in COM: without an index, the collection). */
  ChartObjects(): WpsChartObjects;
  /** Page breaks between rows: Add(cell) begins a new printed page at the cell's row. */
  readonly HPageBreaks: { Add(before: WpsRange): unknown };
}

/**
 * The window of the active sheet: frozen panes are the window's, not the sheet's, so a sheet is activated before its
 * header rows are frozen (SplitRow rows and SplitColumn columns from the top-left the window shows).
 */
export interface WpsWindow {
  ScrollRow: number;
  ScrollColumn: number;
  SplitRow: number;
  SplitColumn: number;
  FreezePanes: boolean;
}

export interface WpsSheets {
  readonly Count: number;
  /** 1-based index, or a sheet name (case-insensitive); a name that is not there throws. */
  Item(index: number | string): WpsWorksheet;
  /** Adds a worksheet before `before` or after `after` and makes it active. */
  Add(before?: WpsWorksheet, after?: WpsWorksheet): WpsWorksheet;
}

export interface WpsWorkbook {
  readonly Worksheets: WpsSheets;
}

export interface WpsLanguageSettings {
  /** msoLanguageIDUI (2): the UI language as a Windows LCID, e.g. 2052 for 简体中文. */
  LanguageID(id: number): number;
}

/** The Et Application: `wps.EtApplication()` (or the `Application` global) inside WPS 表格. */
export interface WpsApplication {
  readonly ActiveWorkbook: WpsWorkbook | null;
  readonly ActiveSheet: WpsWorksheet | null;
  /** A Range when cells are selected (a shape or chart may be selected instead). */
  readonly Selection: unknown;
  /** Deleting a sheet asks the user to confirm unless this is false. */
  DisplayAlerts: unknown;
  readonly LanguageSettings?: WpsLanguageSettings;
  /** WPS's version and build, for the self-test's report. */
  readonly Version?: unknown;
  readonly Build?: unknown;
  /** One range of the areas of up to 30 ranges of a sheet. */
  Union(...ranges: WpsRange[]): WpsRange;
  /** The active sheet's window (frozen panes); older add-in hosts may not hand it out. */
  readonly ActiveWindow?: WpsWindow | null;
}

// Every member name above is WPS's own (see the header): these fail to compile if one is not.
export const namesChecked: true[] = [
  true satisfies SameNames<WpsInterior, Et.EtInterior>,
  true satisfies SameNames<WpsFont, Et.EtFont>,
  true satisfies SameNames<WpsFormatCondition, Et.EtFormatCondition>,
  true satisfies SameNames<WpsFormatConditions, Et.EtFormatConditions>,
  true satisfies SameNames<WpsPageSetup, Et.EtPageSetup>,
  true satisfies SameNames<WpsRange, Et.EtRange>,
  true satisfies SameNames<WpsRange["Columns"], Et.EtRange>,
  true satisfies SameNames<WpsWorksheet, Et.EtWorksheet>,
  true satisfies SameNames<WpsSheets, Et.EtSheets>,
  true satisfies SameNames<WpsWorkbook, Et.EtWorkbook>,
  true satisfies SameNames<WpsLanguageSettings, Kso.KsoLanguageSettings>,
  true satisfies SameNames<WpsChart, Et.EtChart>,
  true satisfies SameNames<WpsChart["ChartTitle"], Et.EtChartTitle>,
  true satisfies SameNames<ReturnType<WpsChart["SeriesCollection"]>, Et.EtSeries>,
  true satisfies SameNames<WpsAxis, Et.EtAxis>,
  true satisfies SameNames<WpsAxis["TickLabels"], Et.EtTickLabels>,
  true satisfies SameNames<WpsChartObjects, Et.EtChartObjects>,
  true satisfies SameNames<ReturnType<WpsChartObjects["Add"]>, Et.EtChartObject>,
  true satisfies SameNames<WpsApplication, Et.EtApplication>,
  true satisfies SameNames<WpsWindow, Et.EtWindow>,
  true satisfies SameNames<WpsWorksheet["HPageBreaks"], Et.EtHPageBreaks>,
];

/** Enumeration values used, typed by the wps-jsapi enums they come from. */
export const XL_EXPRESSION: Et.EtXlFormatConditionType = 2;
export const XL_SHEET_VERY_HIDDEN: Et.EtXlSheetVisibility = 2;
export const XL_SHEET_VISIBLE: Et.EtXlSheetVisibility = -1;
export const XL_PAPER_A4: Et.EtXlPaperSize = 9;
export const XL_PORTRAIT: Et.EtXlPageOrientation = 1;
export const XL_LANDSCAPE: Et.EtXlPageOrientation = 2;
export const XL_LEFT: Et.EtConstants = -4131;
export const XL_CENTER: Et.EtConstants = -4108;
export const XL_NONE: Et.EtConstants = -4142;
export const MSO_LANGUAGE_ID_UI: Kso.KsoMsoAppLanguageID = 2;
export const XL_FORMULAS: Et.EtXlFindLookIn = -4123;
export const XL_PART: Et.EtXlLookAt = 2;
export const XL_BY_ROWS: Et.EtXlSearchOrder = 1;
export const XL_BY_COLUMNS: Et.EtXlSearchOrder = 2;
export const XL_PREVIOUS: Et.EtXlSearchDirection = 2;
export const XL_BAR_CLUSTERED: Kso.KsoXlChartType = 57;
export const XL_COLUMN_CLUSTERED: Kso.KsoXlChartType = 51;
export const XL_BAR_STACKED: Kso.KsoXlChartType = 58;
export const XL_COLUMN_STACKED: Kso.KsoXlChartType = 52;
export const XL_NOT_PLOTTED: Kso.KsoXlDisplayBlanksAs = 1;
export const XL_LINE: Kso.KsoXlChartType = 4;
export const XL_PIE: Kso.KsoXlChartType = 5;
export const XL_COLUMNS: Kso.KsoXlRowCol = 2;
export const XL_ROWS: Kso.KsoXlRowCol = 1;
export const XL_CATEGORY: Kso.KsoXlAxisType = 1;
export const XL_VALUE: Kso.KsoXlAxisType = 2;

/** "#FFC7CE" → the BGR number COM colours take. */
export function bgr(hex: string): number {
  const n = Number.parseInt(hex.replace(/^#/, ""), 16);
  const r = (n >> 16) & 0xff;
  const g = (n >> 8) & 0xff;
  const b = n & 0xff;
  return r + g * 256 + b * 65536;
}

/** The BGR number back as "#RRGGBB". */
export function hexOf(colour: number): string {
  const r = colour & 0xff;
  const g = (colour >> 8) & 0xff;
  const b = (colour >> 16) & 0xff;
  return `#${[r, g, b].map((x) => x.toString(16).padStart(2, "0")).join("").toUpperCase()}`;
}

/**
 * COM's Range("…") takes an address of at most 255 characters; several areas go comma-separated. Splits area lists
 * into such addresses (an area longer than that cannot occur: "XFD1048576:XFD1048576" is 21).
 */
export const MAX_RANGE_ADDRESS_CHARS = 255;

/** COM's Union takes at most 30 ranges. */
export const MAX_UNION_ARGS = 30;

export function addressLists(areas: readonly string[]): string[] {
  const out: string[] = [];
  let current = "";
  for (const a of areas) {
    if (current && current.length + 1 + a.length > MAX_RANGE_ADDRESS_CHARS) {
      out.push(current);
      current = "";
    }
    current = current ? `${current},${a}` : a;
  }
  if (current) out.push(current);
  return out;
}

/** A JS array, or an array-like WPS may hand over instead (index and length, not an Array): as an array; else null. */
function asArray(v: unknown): unknown[] | null {
  if (Array.isArray(v)) return v;
  if (v !== null && typeof v === "object" && typeof (v as { length?: unknown }).length === "number") return Array.from(v as ArrayLike<unknown>);
  return null;
}

/**
 * A block's Value2 as exactly `rows` rows of `columns` cells: one cell comes back as its value, WPS builds before the
 * 2-D arrays gave one row or column as a flat array, and an array-like is taken as an array. Empty cells read as ""
 * (Excel's `values` do too), whatever WPS gives for them; cells WPS leaves out read as empty, so a short answer never
 * shifts the rows after it.
 */
export function valueRows(value: unknown, rows: number, columns: number): unknown[][] {
  const cell = (v: unknown) => (v === null || v === undefined ? "" : v);
  const outer = asArray(value);
  let grid: unknown[][];
  if (!outer) grid = [[value]];
  else if (outer.length > 0 && !asArray(outer[0])) grid = rows === 1 ? [outer] : outer.map((v) => [v]);
  else grid = outer.map((row) => asArray(row) ?? [row]);
  const out: unknown[][] = new Array(rows);
  for (let r = 0; r < rows; r++) {
    const src = grid[r];
    const line = new Array<unknown>(columns);
    for (let c = 0; c < columns; c++) line[c] = cell(src?.[c]);
    out[r] = line;
  }
  return out;
}

/** The sheet of that name, or null (WPS throws for a name that is not there). One or two calls. */
export function sheetNamed(workbook: WpsWorkbook, name: string): WpsWorksheet | null {
  try {
    return workbook.Worksheets.Item(name) ?? null;
  } catch {
    return null;
  }
}

/*
 * The host's own failures, in the words the pane shows after "操作失败：" (the pane's i18n is not reachable from a
 * host folder; WPS's own errors come in WPS's language, which for these offices is Chinese).
 */
const NO_WORKBOOK = "WPS 表格中没有打开的工作簿：请先打开台账所在的工作簿，再打开“调解台账”。";

export function activeWorkbook(app: WpsApplication): WpsWorkbook {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new Error(NO_WORKBOOK);
  return wb;
}

export function activeSheetOf(app: WpsApplication): WpsWorksheet {
  activeWorkbook(app);
  const sheet = app.ActiveSheet;
  if (!sheet) throw new Error(NO_WORKBOOK);
  return sheet;
}

/** The sheet of that name, or an error that says which sheet is gone and what to do. */
export function sheetOrThrow(app: WpsApplication, name: string): WpsWorksheet {
  const sheet = sheetNamed(activeWorkbook(app), name);
  if (!sheet) throw new Error(`找不到工作表“${name}”：它可能已被改名或删除。请回到台账所在的工作表，重新校验后再试。`);
  return sheet;
}

/** Lets the pane repaint (progress) between blocks: WPS calls block the page while they run. */
export function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * One range over many areas of a sheet: each ≤ 255-character address a Range, joined by Union (≤ 30 at a time), so
 * one conditional format or one fill covers them all. Calls: one per address plus one per Union.
 */
export function rangeOfAreas(app: WpsApplication, sheet: WpsWorksheet, areas: readonly string[]): WpsRange {
  const ranges = addressLists(areas).map((a) => sheet.Range(a));
  let joined = ranges[0];
  for (let i = 1; i < ranges.length; i += MAX_UNION_ARGS - 1) joined = app.Union(joined, ...ranges.slice(i, i + MAX_UNION_ARGS - 1));
  return joined;
}

/**
 * Rows and columns (from A1) up to the last cell holding anything, found with two Finds (xlFormulas, so hidden and
 * filtered rows count too); null for a sheet without any; undefined when this WPS would not answer (the caller then
 * keeps the used range). A handful of calls, whatever the size.
 */
export function valueExtent(sheet: WpsWorksheet): { rows: number; columns: number } | null | undefined {
  try {
    const cells = sheet.Cells;
    const a1 = sheet.Range("A1");
    const byRows = cells.Find("*", a1, XL_FORMULAS, XL_PART, XL_BY_ROWS, XL_PREVIOUS);
    if (!byRows) return null;
    const byColumns = cells.Find("*", a1, XL_FORMULAS, XL_PART, XL_BY_COLUMNS, XL_PREVIOUS);
    const rows = byRows.Row;
    const columns = byColumns ? byColumns.Column : byRows.Column;
    return typeof rows === "number" && typeof columns === "number" && rows > 0 && columns > 0 ? { rows, columns } : undefined;
  } catch {
    return undefined;
  }
}
