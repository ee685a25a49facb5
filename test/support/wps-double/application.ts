// The WPS double: WPS 表格's Et Application as a WPS 加载项 sees it, over the same in-memory workbook as the Excel
// double (../excel-double/model.ts), so one WorkbookSeed or .xlsx fixture drives both. Written from the wps-jsapi
// typings and WPS's documentation (and COM's Excel object model, which WPS follows):
// - every call is synchronous; Cells / Item / Worksheets.Item are 1-based; a sheet name that is not there throws;
// - Value2 of one cell is its value, of several a JS array of rows ([r][c]); empty cells read as null; dates are serials;
// - Range("…") takes at most 255 characters, several areas comma-separated; Address() gives "$A$1:$B$2" without sheet;
// - MergeCells is true / false / null (mixed) for a block; MergeArea is the merged area of the first cell (or the cell);
// - UsedRange spans cells with values or formats and merged areas, not from A1; Cells.Find("*", A1, xlFormulas, …,
//   xlPrevious) is the last cell holding anything (by rows or by columns), null on an empty sheet;
// - FormatConditions.Add appends at the lowest priority; SetFirstPriority moves a rule first; Formula1 of a colour
//   scale, data bar … throws; Interior.Color is a BGR number;
// - ChartObjects().Add(left, top, width, height) in points (columns from their widths, rows 15 pt), Chart.SetSourceData
//   names series from a text first row (by columns) or column (by rows), as Excel does;
// - Worksheets.Add makes the new sheet active; Delete of the last visible sheet fails; with DisplayAlerts on, WPS would
//   ask the user to confirm (counted in `alertsShown`); a very hidden sheet (Visible = 2) cannot be activated.
// Every property read, write and method call on a WPS object is counted (state.calls), so tests can hold call budgets.
import { intersects, parseRect, rectAddress, columnName, type Rect } from "../excel-double/address.ts";
import { activeSheet, emptySheet, newId, setFormat, sheetByName, writeCell, type CellScalar, type ChartModel, type SheetModel, type WorkbookModel } from "../excel-double/model.ts";

export interface WpsCall {
  kind: "get" | "set" | "call";
  /** The object's path from the Application, e.g. "ActiveWorkbook.Worksheets.Item(…)" (arguments elided). */
  path: string;
  member: string;
}

export interface WpsPageSetupModel {
  PaperSize?: number;
  Orientation?: number;
  PrintTitleRows?: string;
  Zoom?: unknown;
  FitToPagesWide?: unknown;
  FitToPagesTall?: unknown;
}

export interface WpsState {
  workbook: WorkbookModel;
  /** Sheet id → Et.EtXlSheetVisibility (-1 visible when absent, 0 hidden, 2 very hidden). */
  visibility: Record<string, number>;
  pageSetup: Record<string, WpsPageSetupModel>;
  /** Sheet id → column (0-based) → width in characters, as Range.ColumnWidth sets it. */
  columnWidths: Record<string, Record<number, number>>;
  displayAlerts: boolean;
  /** Confirmations WPS would have shown the user (a sheet deleted, cells' values merged away, with alerts on). */
  alertsShown: number;
  /** msoLanguageIDUI answer: 2052 简体中文, 1033 English. */
  languageId: number;
  calls: WpsCall[];
  /** Sheet id → its window's scroll position and split, once the add-in asked for ActiveWindow on that sheet. */
  windows?: Record<string, { scrollRow: number; scrollColumn: number; splitRow: number; splitColumn: number }>;
}

export class WpsDoubleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WpsError";
  }
}

export const XL_EXPRESSION = 2;
const TYPE_NUMBERS: Record<string, number> = { CellValue: 1, Custom: 2, ColorScale: 3, DataBar: 4, TopBottom: 5, Top10: 5, IconSet: 6, Unique: 8, Text: 9, Blanks: 10 };
const WHOLE_SHEET: Rect = { r1: 0, c1: 0, r2: 1_048_575, c2: 16_383 };

export function newWpsState(workbook: WorkbookModel): WpsState {
  return { workbook, visibility: {}, pageSetup: {}, columnWidths: {}, displayAlerts: true, alertsShown: 0, languageId: 2052, calls: [] };
}

const bgrOf = (hex: string): number => {
  const n = Number.parseInt(hex.replace(/^#/, ""), 16);
  return ((n >> 16) & 0xff) + ((n >> 8) & 0xff) * 256 + (n & 0xff) * 65536;
};
const hexOf = (c: number): string =>
  `#${[c & 0xff, (c >> 8) & 0xff, (c >> 16) & 0xff].map((x) => x.toString(16).padStart(2, "0")).join("").toUpperCase()}`;

/** Wraps a double object so every read, write and call is counted; objects it hands out are wrapped already. */
function counted<T extends object>(state: WpsState, path: string, target: T): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === "symbol" || prop === "then" || prop === "toJSON") return Reflect.get(obj, prop, receiver);
      const value = Reflect.get(obj, prop, receiver);
      if (typeof value === "function") {
        return (...args: unknown[]) => {
          state.calls.push({ kind: "call", path, member: prop });
          return (value as (...a: unknown[]) => unknown).apply(obj, args);
        };
      }
      state.calls.push({ kind: "get", path, member: prop });
      return value;
    },
    set(obj, prop, value, receiver) {
      if (typeof prop !== "symbol") state.calls.push({ kind: "set", path, member: prop });
      return Reflect.set(obj, prop, value, receiver);
    },
  });
}

function visibleSheets(state: WpsState): SheetModel[] {
  return state.workbook.sheets.filter((s) => (state.visibility[s.id] ?? -1) === -1);
}

function sheetOf(state: WpsState, id: string): SheetModel {
  const s = state.workbook.sheets.find((x) => x.id === id);
  if (!s) throw new WpsDoubleError("对象已被删除 (the sheet no longer exists)");
  return s;
}

/** Merged cells of `area` on the sheet: every cell, none, or some. */
function mergeState(sheet: SheetModel, area: Rect): boolean | null {
  const cells = (area.r2 - area.r1 + 1) * (area.c2 - area.c1 + 1);
  let covered = 0;
  for (const m of sheet.merges) {
    if (!intersects(m, area)) continue;
    covered += (Math.min(m.r2, area.r2) - Math.max(m.r1, area.r1) + 1) * (Math.min(m.c2, area.c2) - Math.max(m.c1, area.c1) + 1);
  }
  return covered === 0 ? false : covered === cells ? true : null;
}

function usedRect(state: WpsState, sheet: SheetModel): Rect {
  let r1 = Infinity, c1 = Infinity, r2 = -1, c2 = -1;
  const take = (r: number, c: number) => {
    r1 = Math.min(r1, r); c1 = Math.min(c1, c); r2 = Math.max(r2, r); c2 = Math.max(c2, c);
  };
  sheet.values.forEach((row, r) => row?.forEach((v, c) => { if (v !== null && v !== undefined && v !== "") take(r, c); }));
  for (const key of Object.keys(sheet.formats)) {
    const [r, c] = key.split(",").map(Number);
    take(r, c);
  }
  for (const m of sheet.merges) { take(m.r1, m.c1); take(m.r2, m.c2); }
  void state;
  return r2 < 0 ? { r1: 0, c1: 0, r2: 0, c2: 0 } : { r1, c1, r2, c2 };
}

/** Column widths in points from the widths set in characters (Excel's rule: 7 pixels a "0" plus 5, 0.75 pt a pixel). */
const DEFAULT_WIDTH_CHARS = 8.43;
const ROW_HEIGHT = 15;
function columnPoints(state: WpsState, sheetId: string, c: number): number {
  const chars = state.columnWidths[sheetId]?.[c] ?? DEFAULT_WIDTH_CHARS;
  return (chars * 7 + 5) * 0.75;
}
function leftOf(state: WpsState, sheetId: string, c: number): number {
  let x = 0;
  for (let i = 0; i < c; i++) x += columnPoints(state, sheetId, i);
  return x;
}
/** The cell under a point (its column and row, 0-based). */
function cellAt(state: WpsState, sheetId: string, x: number, y: number): { r: number; c: number } {
  let c = 0;
  for (let left = 0; left + columnPoints(state, sheetId, c) <= x + 0.01; c++) left += columnPoints(state, sheetId, c);
  return { r: Math.floor((y + 0.01) / ROW_HEIGHT), c };
}

function parseAddress(address: unknown): Rect[] {
  if (typeof address !== "string" || address.length === 0) throw new WpsDoubleError(`Range: bad address ${String(address)}`);
  if (address.length > 255) throw new WpsDoubleError(`Range: address longer than 255 characters (${address.length})`);
  return address.split(",").map((part) => {
    const rect = parseRect(part.trim());
    if (!rect) throw new WpsDoubleError(`Range: bad address ${part}`);
    return rect;
  });
}

function absolute(r: Rect, rowAbs: boolean, colAbs: boolean): string {
  const cell = (row: number, col: number) => `${colAbs ? "$" : ""}${columnName(col)}${rowAbs ? "$" : ""}${row + 1}`;
  return r.r1 === r.r2 && r.c1 === r.c2 ? cell(r.r1, r.c1) : `${cell(r.r1, r.c1)}:${cell(r.r2, r.c2)}`;
}

function makeRange(state: WpsState, sheetId: string, areas: Rect[], path: string): unknown {
  const first = areas[0];
  const sheet = () => sheetOf(state, sheetId);
  const cellsOf = (f: (r: number, c: number) => void) => { for (const a of areas) for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) f(r, c); };
  const interior = {
    get Color(): number {
      const fill = sheet().formats[`${first.r1},${first.c1}`]?.fill;
      return fill ? bgrOf(fill) : 16_777_215;
    },
    set Color(v: number) {
      for (const a of areas) setFormat(sheet(), a, { fill: hexOf(Number(v)) });
    },
    get ColorIndex(): number {
      return sheet().formats[`${first.r1},${first.c1}`]?.fill ? 1 : -4142;
    },
    set ColorIndex(v: number) {
      if (v !== -4142) throw new WpsDoubleError("the double only knows ColorIndex = xlNone");
      cellsOf((r, c) => {
        const f = sheet().formats[`${r},${c}`];
        if (f) delete f.fill;
      });
    },
  };
  const font = {
    get Bold(): boolean {
      return sheet().formats[`${first.r1},${first.c1}`]?.bold === true;
    },
    set Bold(v: boolean) {
      for (const a of areas) setFormat(sheet(), a, { bold: Boolean(v) });
    },
    get Size(): number {
      return sheet().formats[`${first.r1},${first.c1}`]?.fontSize ?? 11;
    },
    set Size(v: number) {
      if (!(Number(v) >= 1 && Number(v) <= 409)) throw new WpsDoubleError(`Font.Size = ${v}`);
      for (const a of areas) setFormat(sheet(), a, { fontSize: Number(v) });
    },
    get Italic(): boolean {
      return sheet().formats[`${first.r1},${first.c1}`]?.italic === true;
    },
    set Italic(v: boolean) {
      for (const a of areas) setFormat(sheet(), a, { italic: Boolean(v) });
    },
    get Color(): number {
      const c = sheet().formats[`${first.r1},${first.c1}`]?.fontColor;
      return c ? bgrOf(c) : 0;
    },
    set Color(v: number) {
      for (const a of areas) setFormat(sheet(), a, { fontColor: hexOf(Number(v)) });
    },
  };
  const range = {
    [RANGE_REF]: { sheetId, rect: first, areas },
    get Value2(): unknown {
      const s = sheet();
      const at = (r: number, c: number): CellScalar => s.values[r]?.[c] ?? null;
      if (first.r1 === first.r2 && first.c1 === first.c2) return at(first.r1, first.c1);
      const out: CellScalar[][] = [];
      for (let r = first.r1; r <= first.r2; r++) {
        const row: CellScalar[] = [];
        for (let c = first.c1; c <= first.c2; c++) row.push(at(r, c));
        out.push(row);
      }
      return out;
    },
    set Value2(v: unknown) {
      const s = sheet();
      for (const a of areas) {
        const rows = a.r2 - a.r1 + 1;
        const cols = a.c2 - a.c1 + 1;
        if (Array.isArray(v)) {
          if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
            throw new WpsDoubleError(`Value2: ${v.length} rows of values for ${rows} × ${cols} cells (${rectAddress(a)})`);
          }
          for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) writeCell(s, a.r1 + r, a.c1 + c, (v[r] as unknown[])[c]);
        } else {
          for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) writeCell(s, r, c, v);
        }
      }
    },
    get MergeCells(): boolean | null {
      return mergeState(sheet(), first);
    },
    get MergeArea(): unknown {
      const m = sheet().merges.find((x) => x.r1 <= first.r1 && first.r1 <= x.r2 && x.c1 <= first.c1 && first.c1 <= x.c2);
      const rect = m ?? { r1: first.r1, c1: first.c1, r2: first.r1, c2: first.c1 };
      return makeRange(state, sheetId, [rect], `${path}.MergeArea`);
    },
    Address(rowAbsolute: boolean = true, columnAbsolute: boolean = true): string {
      return areas.map((a) => absolute(a, rowAbsolute !== false, columnAbsolute !== false)).join(",");
    },
    get Row(): number {
      return first.r1 + 1;
    },
    get Column(): number {
      return first.c1 + 1;
    },
    get Rows() {
      return counted(state, `${path}.Rows`, { Count: first.r2 - first.r1 + 1 });
    },
    get Columns() {
      return counted(state, `${path}.Columns`, {
        Count: first.c2 - first.c1 + 1,
        AutoFit: () => {
          sheet().autofitCount++;
          return true;
        },
      });
    },
    get FormatConditions() {
      return makeFormatConditions(state, sheetId, areas, `${path}.FormatConditions`);
    },
    get Interior() {
      return counted(state, `${path}.Interior`, interior);
    },
    get Font() {
      return counted(state, `${path}.Font`, font);
    },
    set NumberFormat(v: string) {
      for (const a of areas) setFormat(sheet(), a, { numberFormat: String(v) });
    },
    get NumberFormat(): string {
      return sheet().formats[`${first.r1},${first.c1}`]?.numberFormat ?? "General";
    },
    set ColumnWidth(v: number) {
      const widths = (state.columnWidths[sheetId] ??= {});
      for (const a of areas) for (let c = a.c1; c <= a.c2; c++) widths[c] = Number(v);
    },
    set RowHeight(v: number) {
      // On the shared model, as the Excel double keeps them, so one contract test reads both.
      const heights = (sheet().rowHeights ??= {});
      for (const a of areas) for (let r = a.r1; r <= a.r2; r++) heights[r] = Number(v);
    },
    set WrapText(v: boolean) {
      for (const a of areas) setFormat(sheet(), a, { wrapText: Boolean(v) });
    },
    set HorizontalAlignment(v: number) {
      const name = v === -4131 ? "Left" : v === -4108 ? "Center" : v === -4152 ? "Right" : String(v);
      for (const a of areas) setFormat(sheet(), a, { horizontalAlignment: name });
    },
    Merge(): void {
      const s = sheet();
      for (const a of areas) {
        if (s.merges.some((m) => intersects(m, a))) throw new WpsDoubleError(`Merge: ${rectAddress(a)} overlaps a merged area`);
        let lost = false;
        for (let r = a.r1; r <= a.r2; r++) for (let c = a.c1; c <= a.c2; c++) {
          if ((r !== a.r1 || c !== a.c1) && (s.values[r]?.[c] ?? null) !== null) {
            lost = true;
            s.values[r][c] = null;
          }
        }
        if (lost && state.displayAlerts) state.alertsShown++;
        s.merges.push({ ...a });
      }
    },
    Select(): boolean {
      if (state.workbook.activeSheetId !== sheetId) throw new WpsDoubleError("Range 类的 Select 方法无效 (select a range on the active sheet only)");
      state.workbook.selection = { sheet: sheet().name, address: areas.map(rectAddress).join(",") };
      return true;
    },
    Find(what: string, after?: unknown, lookIn?: number, _lookAt?: number, searchOrder = 1, searchDirection = 1): unknown {
      // What the host asks: the last cell holding anything (from A1 backwards, which wraps to the end).
      if (what !== "*" || searchDirection !== 2 || lookIn !== -4123) throw new WpsDoubleError("the double finds only \"*\" in formulas, backwards");
      void after;
      const s = sheet();
      let best: { r: number; c: number } | null = null;
      s.values.forEach((row, r) => row?.forEach((v, c) => {
        if (v === null || v === undefined || v === "" || r < first.r1 || r > first.r2 || c < first.c1 || c > first.c2) return;
        const later = !best || (searchOrder === 2 ? c > best.c || (c === best.c && r > best.r) : r > best.r || (r === best.r && c > best.c));
        if (later) best = { r, c };
      }));
      const found = best as { r: number; c: number } | null;
      return found ? makeRange(state, sheetId, [{ r1: found.r, c1: found.c, r2: found.r, c2: found.c }], `${path}.Find`) : null;
    },
    get Left(): number {
      return leftOf(state, sheetId, first.c1);
    },
    get Top(): number {
      return first.r1 * ROW_HEIGHT;
    },
    get Width(): number {
      return leftOf(state, sheetId, first.c2 + 1) - leftOf(state, sheetId, first.c1);
    },
    get Height(): number {
      return (first.r2 - first.r1 + 1) * ROW_HEIGHT;
    },
    Item(row: number, column = 1): unknown {
      const r = first.r1 + row - 1;
      const c = first.c1 + column - 1;
      return makeRange(state, sheetId, [{ r1: r, c1: c, r2: r, c2: c }], `${path}.Item`);
    },
  };
  return counted(state, path, range);
}

function makeFormatConditions(state: WpsState, sheetId: string, areas: Rect[], path: string): unknown {
  const sheet = () => sheetOf(state, sheetId);
  const items = () => sheet().conditionalFormats.filter((f) => f.areas.some((fa) => areas.some((a) => intersects(fa, a))));
  return counted(state, path, {
    get Count(): number {
      return items().length;
    },
    Item(index: number): unknown {
      const f = items()[index - 1];
      if (!f) throw new WpsDoubleError(`FormatConditions.Item(${index}): 下标越界 (out of range)`);
      return makeFormatCondition(state, sheetId, f.id, `${path}.Item`);
    },
    Add(type: number, _operator?: unknown, formula1?: string): unknown {
      if (type !== XL_EXPRESSION) throw new WpsDoubleError(`the double adds only xlExpression rules, not type ${type}`);
      if (typeof formula1 !== "string" || !formula1.startsWith("=")) throw new WpsDoubleError("FormatConditions.Add: Formula1 must be a formula");
      const model = { id: newId(state.workbook, "cf"), type: "Custom", areas: areas.map((a) => ({ ...a })), formula: formula1, fill: null };
      sheet().conditionalFormats.push(model);
      return makeFormatCondition(state, sheetId, model.id, `${path}.Add`);
    },
  });
}

function makeFormatCondition(state: WpsState, sheetId: string, id: string, path: string): unknown {
  const sheet = () => sheetOf(state, sheetId);
  const model = () => {
    const f = sheet().conditionalFormats.find((x) => x.id === id);
    if (!f) throw new WpsDoubleError("对象已被删除 (the conditional format no longer exists)");
    return f;
  };
  return counted(state, path, {
    get Type(): number {
      return TYPE_NUMBERS[model().type] ?? 0;
    },
    get Formula1(): string {
      const f = model();
      if (f.type !== "Custom" && f.type !== "CellValue") throw new WpsDoubleError(`a ${f.type} rule has no Formula1`);
      return f.formula ?? "";
    },
    get Interior() {
      return counted(state, `${path}.Interior`, {
        get Color(): number {
          return bgrOf(model().fill ?? "#FFFFFF");
        },
        set Color(v: number) {
          model().fill = hexOf(Number(v));
        },
      });
    },
    Delete(): void {
      const s = sheet();
      s.conditionalFormats = s.conditionalFormats.filter((x) => x.id !== id);
    },
    SetFirstPriority(): void {
      const s = sheet();
      const f = model();
      s.conditionalFormats = [f, ...s.conditionalFormats.filter((x) => x.id !== id)];
    },
  });
}

const CHART_TYPES: Record<number, string> = { 57: "BarClustered", 51: "ColumnClustered", 4: "Line", 5: "Pie", 58: "BarStacked", 52: "ColumnStacked" };
/** The double's own handle on a range's sheet and rectangle, read without counting a call. */
const RANGE_REF = Symbol("rangeRef");

function makeChartObjects(state: WpsState, sheetId: string, path: string): unknown {
  const sheet = () => sheetOf(state, sheetId);
  return counted(state, path, {
    get Count(): number {
      return sheet().charts.length;
    },
    Add(left: number, top: number, width: number, height: number): unknown {
      const from = cellAt(state, sheetId, left, top);
      const to = cellAt(state, sheetId, left + width - 0.02, top + height - 0.02);
      const model: ChartModel = {
        id: newId(state.workbook, "chart"), type: "ColumnClustered", source: { r1: 0, c1: 0, r2: 0, c2: 0 }, seriesBy: "Auto", series: [], title: null,
        legendVisible: true, position: `${rectAddress({ r1: from.r, c1: from.c, r2: from.r, c2: from.c })}:${rectAddress({ r1: to.r, c1: to.c, r2: to.r, c2: to.c })}`,
      };
      sheet().charts.push(model);
      return counted(state, `${path}.Add`, { Chart: makeChart(state, sheetId, model, `${path}.Add.Chart`) });
    },
  });
}

function makeChart(state: WpsState, sheetId: string, model: ChartModel, path: string): unknown {
  const rangeRef = (r: unknown): { sheetId: string; rect: Rect } => {
    const ref = (r as { [RANGE_REF]?: { sheetId: string; rect: Rect; areas: Rect[] } } | null)?.[RANGE_REF];
    if (!ref) throw new WpsDoubleError("not a Range");
    return ref;
  };
  let hasTitle = false;
  return counted(state, path, {
    get ChartType(): number {
      return Number(Object.entries(CHART_TYPES).find(([, name]) => name === model.type)?.[0] ?? 51);
    },
    set ChartType(v: number) {
      const name = CHART_TYPES[v];
      if (!name) throw new WpsDoubleError(`the double knows no chart type ${v}`);
      model.type = name;
    },
    SetSourceData(source: unknown, plotBy = 2): void {
      const { sheetId: dataId, rect } = rangeRef(source);
      const data = sheetOf(state, dataId);
      const byColumns = plotBy !== 1;
      const count = byColumns ? rect.c2 - rect.c1 + 1 : rect.r2 - rect.r1 + 1;
      model.source = rect;
      model.seriesBy = byColumns ? "Columns" : "Rows";
      model.series = Array.from({ length: count }, (_, i) => {
        const head = byColumns ? data.values[rect.r1]?.[rect.c1 + i] : data.values[rect.r1 + i]?.[rect.c1];
        const named = typeof head === "string";
        const values: Rect = byColumns
          ? { r1: rect.r1 + (named ? 1 : 0), r2: rect.r2, c1: rect.c1 + i, c2: rect.c1 + i }
          : { r1: rect.r1 + i, r2: rect.r1 + i, c1: rect.c1 + (named ? 1 : 0), c2: rect.c2 };
        return { name: named ? head : null, values, xValues: null };
      });
    },
    SeriesCollection(index: number): unknown {
      const series = model.series[index - 1];
      if (!series) throw new WpsDoubleError(`SeriesCollection(${index}): 下标越界`);
      return counted(state, `${path}.SeriesCollection`, {
        set XValues(r: unknown) {
          series.xValues = rangeRef(r).rect;
        },
        Delete(): boolean {
          model.series = model.series.filter((x) => x !== series);
          return true;
        },
      });
    },
    get HasTitle(): boolean {
      return hasTitle;
    },
    set HasTitle(v: boolean) {
      hasTitle = Boolean(v);
      if (!hasTitle) model.title = null;
    },
    get ChartTitle() {
      if (!hasTitle) throw new WpsDoubleError("the chart has no title (HasTitle is false)");
      return counted(state, `${path}.ChartTitle`, {
        get Text(): string {
          return model.title ?? "";
        },
        set Text(t: string) {
          model.title = t;
        },
      });
    },
    get HasLegend(): boolean {
      return model.legendVisible;
    },
    set HasLegend(v: boolean) {
      model.legendVisible = Boolean(v);
    },
    /** xlNotPlotted 1, xlZero 2, xlInterpolated 3: kept by Excel's name, as the Excel double keeps it. */
    set DisplayBlanksAs(v: number) {
      const name = ({ 1: "NotPlotted", 2: "Zero", 3: "Interplotted" } as Record<number, string>)[v];
      if (!name) throw new WpsDoubleError(`DisplayBlanksAs = ${v}`);
      model.blanksAs = name;
    },
    Axes(type: number): unknown {
      if (type !== 1 && type !== 2) throw new WpsDoubleError(`Axes(${type})`);
      if (model.type === "Pie") throw new WpsDoubleError("a pie chart has no axes");
      return counted(state, `${path}.Axes`, type === 1
        ? {
          set ReversePlotOrder(v: boolean) { model.categoriesReversed = Boolean(v); },
          set TickLabelSpacing(n: number) {
            if (!(Number.isInteger(n) && n >= 1)) throw new WpsDoubleError(`TickLabelSpacing = ${n}`);
            model.labelSpacing = n;
          },
        }
        : { get TickLabels() { return counted(state, `${path}.Axes.TickLabels`, { set NumberFormat(f: string) { model.valueFormat = f; } }); } });
    },
  });
}

/** PageSetup's values as the shared model's `print` states them (what both doubles are asserted over). */
function printModel(setup: WpsPageSetupModel): NonNullable<SheetModel["print"]> {
  const pages = (v: unknown) => (v === false ? 0 : typeof v === "number" ? v : undefined);
  return {
    ...(setup.PaperSize !== undefined ? { paper: setup.PaperSize === 9 ? "A4" : setup.PaperSize === 8 ? "A3" : String(setup.PaperSize) } : {}),
    ...(setup.Orientation !== undefined ? { orientation: setup.Orientation === 1 ? "portrait" as const : "landscape" as const } : {}),
    // Fitting to pages counts only with Zoom off, as in COM.
    ...(setup.Zoom === false && pages(setup.FitToPagesWide) !== undefined ? { fitWide: pages(setup.FitToPagesWide) } : {}),
    ...(setup.Zoom === false && pages(setup.FitToPagesTall) !== undefined ? { fitTall: pages(setup.FitToPagesTall) } : {}),
    ...(setup.PrintTitleRows !== undefined ? { titleRows: setup.PrintTitleRows } : {}),
  };
}

function makePageSetup(state: WpsState, sheetId: string, path: string): unknown {
  const setup = () => (state.pageSetup[sheetId] ??= {});
  const target: Record<string, unknown> = {};
  for (const key of ["PaperSize", "Orientation", "PrintTitleRows", "Zoom", "FitToPagesWide", "FitToPagesTall"] as const) {
    Object.defineProperty(target, key, {
      get: () => setup()[key],
      set: (v) => {
        if (key === "PrintTitleRows" && !/^\$\d+:\$\d+$/.test(String(v))) throw new WpsDoubleError(`PrintTitleRows = ${String(v)}`);
        setup()[key] = v;
        const s = sheetOf(state, sheetId);
        s.print = { ...s.print, ...printModel(setup()) };
      },
      enumerable: true,
    });
  }
  for (const [key, section] of [["LeftFooter", "left"], ["CenterFooter", "center"]] as const) {
    Object.defineProperty(target, key, {
      get: () => sheetOf(state, sheetId).footer?.[section] ?? "",
      set: (v: string) => {
        const s = sheetOf(state, sheetId);
        s.footer = { ...s.footer, [section]: v };
      },
      enumerable: true,
    });
  }
  return counted(state, path, target);
}

/**
 * The active sheet's window: SplitRow / SplitColumn split it (counted from the top-left cell shown, ScrollRow /
 * ScrollColumn), FreezePanes freezes the split. Frozen panes land on the sheet active at that moment, as in WPS.
 */
function makeWindow(state: WpsState): unknown {
  const sheet = activeSheet(state.workbook);
  const win = ((state.windows ??= {})[sheet.id] ??= { scrollRow: 1, scrollColumn: 1, splitRow: 0, splitColumn: 0 });
  const freezeNow = () => {
    if (state.workbook.activeSheetId !== sheet.id) throw new WpsDoubleError("ActiveWindow: the window shows another sheet now");
    sheet.frozen = { rows: Math.max(0, win.splitRow + win.scrollRow - 1), columns: Math.max(0, win.splitColumn + win.scrollColumn - 1) };
  };
  let frozen = sheet.frozen !== undefined;
  return counted(state, "ActiveWindow", {
    get ScrollRow(): number { return win.scrollRow; },
    set ScrollRow(v: number) { win.scrollRow = Number(v); },
    get ScrollColumn(): number { return win.scrollColumn; },
    set ScrollColumn(v: number) { win.scrollColumn = Number(v); },
    get SplitRow(): number { return win.splitRow; },
    set SplitRow(v: number) { win.splitRow = Number(v); if (frozen) freezeNow(); },
    get SplitColumn(): number { return win.splitColumn; },
    set SplitColumn(v: number) { win.splitColumn = Number(v); if (frozen) freezeNow(); },
    get FreezePanes(): boolean { return frozen; },
    set FreezePanes(v: boolean) {
      frozen = Boolean(v);
      if (frozen) freezeNow();
      else delete sheet.frozen;
    },
  });
}

const BAD_NAME = /[:\\/?*[\]]/;
/** The double's own handle on a sheet object, read without counting a call. */
const SHEET_ID = Symbol("sheetId");

function makeWorksheet(state: WpsState, sheetId: string, path: string): unknown {
  const sheet = () => sheetOf(state, sheetId);
  return counted(state, path, {
    [SHEET_ID]: sheetId,
    get Name(): string {
      return sheet().name;
    },
    set Name(name: string) {
      const other = sheetByName(state.workbook, name);
      if (other && other.id !== sheetId) throw new WpsDoubleError(`工作表名称 ${name} 已被占用 (a sheet of that name exists)`);
      if (!name || name.length > 31 || BAD_NAME.test(name) || /^'|'$/.test(name)) throw new WpsDoubleError(`工作表名称 ${name} 无效`);
      sheet().name = name;
    },
    get Visible(): number {
      return state.visibility[sheetId] ?? -1;
    },
    set Visible(v: number) {
      if (v !== -1 && v !== 0 && v !== 2) throw new WpsDoubleError(`Visible = ${v}`);
      if (v !== -1 && visibleSheets(state).filter((s) => s.id !== sheetId).length === 0) throw new WpsDoubleError("不能隐藏唯一可见的工作表");
      if (v === -1) delete state.visibility[sheetId];
      else state.visibility[sheetId] = v;
      if (v !== -1 && state.workbook.activeSheetId === sheetId) state.workbook.activeSheetId = visibleSheets(state)[0].id;
    },
    get UsedRange() {
      return makeRange(state, sheetId, [usedRect(state, sheet())], `${path}.UsedRange`);
    },
    get Cells() {
      return makeRange(state, sheetId, [WHOLE_SHEET], `${path}.Cells`);
    },
    get PageSetup() {
      return makePageSetup(state, sheetId, `${path}.PageSetup`);
    },
    Range(address: string): unknown {
      return makeRange(state, sheetId, parseAddress(address), `${path}.Range`);
    },
    ChartObjects(): unknown {
      return makeChartObjects(state, sheetId, `${path}.ChartObjects`);
    },
    get HPageBreaks() {
      return counted(state, `${path}.HPageBreaks`, {
        Add(before: unknown): boolean {
          const ref = (before as { [RANGE_REF]?: { sheetId: string; rect: Rect } } | null)?.[RANGE_REF];
          if (!ref || ref.sheetId !== sheetId) throw new WpsDoubleError("HPageBreaks.Add: not a cell of this sheet");
          const s = sheet();
          s.print = { ...s.print, breaksBefore: [...new Set([...(s.print?.breaksBefore ?? []), ref.rect.r1])].sort((a, b) => a - b) };
          return true;
        },
      });
    },
    Activate(): void {
      if ((state.visibility[sheetId] ?? -1) !== -1) throw new WpsDoubleError("Worksheet 类的 Activate 方法无效 (the sheet is hidden)");
      state.workbook.activeSheetId = sheetId;
    },
    Delete(): boolean {
      const s = sheet();
      if (visibleSheets(state).every((v) => v.id === sheetId)) throw new WpsDoubleError("工作簿至少要含有一张可见的工作表");
      if (state.displayAlerts) state.alertsShown++;
      state.workbook.sheets = state.workbook.sheets.filter((x) => x.id !== s.id);
      if (state.workbook.activeSheetId === s.id) state.workbook.activeSheetId = visibleSheets(state)[0].id;
      return true;
    },
  });
}

function makeSheets(state: WpsState, path: string): unknown {
  const find = (index: unknown): SheetModel => {
    const s = typeof index === "number" ? state.workbook.sheets[index - 1] : typeof index === "string" ? sheetByName(state.workbook, index) : undefined;
    if (!s) throw new WpsDoubleError(`Worksheets.Item(${JSON.stringify(index)}): 下标越界 (subscript out of range)`);
    return s;
  };
  const idOf = (sheet: unknown): string => {
    const id = (sheet as { [SHEET_ID]?: string } | undefined)?.[SHEET_ID];
    if (!id || !state.workbook.sheets.some((s) => s.id === id)) throw new WpsDoubleError("Worksheets.Add: Before/After is not a sheet of this workbook");
    return id;
  };
  return counted(state, path, {
    get Count(): number {
      return state.workbook.sheets.length;
    },
    Item(index: number | string): unknown {
      return makeWorksheet(state, find(index).id, `${path}.Item`);
    },
    Add(before?: unknown, after?: unknown): unknown {
      const wb = state.workbook;
      let n = wb.sheets.length + 1;
      while (sheetByName(wb, `Sheet${n}`)) n++;
      const sheet = emptySheet(newId(wb, "sheet"), `Sheet${n}`);
      const at = after !== undefined && after !== null
        ? wb.sheets.findIndex((s) => s.id === idOf(after)) + 1
        : before !== undefined && before !== null
          ? wb.sheets.findIndex((s) => s.id === idOf(before))
          : wb.sheets.findIndex((s) => s.id === wb.activeSheetId);
      wb.sheets.splice(Math.max(0, at), 0, sheet);
      wb.activeSheetId = sheet.id;
      return makeWorksheet(state, sheet.id, `${path}.Add`);
    },
  });
}

/** The Et Application over `state`: what `wps.EtApplication()` (or the `Application` global) gives an add-in. */
export function wpsApplication(state: WpsState): unknown {
  const workbook = counted(state, "ActiveWorkbook", {
    get Worksheets() {
      return makeSheets(state, "ActiveWorkbook.Worksheets");
    },
    get Sheets() {
      return makeSheets(state, "ActiveWorkbook.Sheets");
    },
  });
  return counted(state, "Application", {
    get ActiveWorkbook() {
      return workbook;
    },
    get ActiveSheet() {
      return makeWorksheet(state, activeSheet(state.workbook).id, "ActiveSheet");
    },
    get Selection() {
      const wb = state.workbook;
      const sheet = activeSheet(wb);
      const address = wb.selection && wb.selection.sheet === sheet.name ? wb.selection.address : "A1";
      return makeRange(state, sheet.id, parseAddress(address), "Selection");
    },
    /** Not a real WPS: says so in a transcript's `about`. */
    get Version(): string {
      return "WPS double";
    },
    get Build(): string {
      return "test/support/wps-double";
    },
    get DisplayAlerts(): boolean {
      return state.displayAlerts;
    },
    set DisplayAlerts(v: boolean) {
      state.displayAlerts = Boolean(v);
    },
    get ActiveWindow() {
      return makeWindow(state);
    },
    Union(...ranges: unknown[]): unknown {
      if (ranges.length < 2 || ranges.length > 30) throw new WpsDoubleError(`Union takes 2 to 30 ranges, not ${ranges.length}`);
      const refs = ranges.map((r) => (r as { [RANGE_REF]?: { sheetId: string; areas: Rect[] } } | null)?.[RANGE_REF]);
      if (refs.some((r) => !r)) throw new WpsDoubleError("Union: not a Range");
      if (refs.some((r) => r!.sheetId !== refs[0]!.sheetId)) throw new WpsDoubleError("Union: ranges on different sheets");
      return makeRange(state, refs[0]!.sheetId, refs.flatMap((r) => r!.areas), "Union");
    },
    get LanguageSettings() {
      return counted(state, "LanguageSettings", {
        LanguageID: (id: number) => (id === 2 ? state.languageId : 2052),
      });
    },
  });
}
