/**
 * A report sheet as plain data: cells from A1 with a style and number format each, merged areas and column widths.
 * The add-in (addin/hosts/excel/) and the CLI (cli/lib/grid-sheet.ts) each render it, so the assessment office gets the
 * same sheet from the task pane and from `tiaojie … --out`. Pure: no Excel, no ExcelJS.
 */
import { displayWidth } from "../display-width.ts";

export type GridValue = string | number | null;

/** What a cell looks like; each renderer maps these to its own formatting. */
export type GridStyle = "title" | "subtitle" | "heading" | "header" | "cell" | "miss" | "note";

export interface GridCell {
  v: GridValue;
  style?: GridStyle;
  /** Excel number format of a numeric cell ("0.0%", "0.0"). */
  format?: string;
  /** The text the cell shows (a number in its format), for widths; defaults to String(v). */
  shown?: string;
  /**
   * Table cells are centred (figures line up under their header); names and sentences read from the left; a form's
   * title (月报) sits centred over the page.
   */
  align?: "left" | "center";
}

export interface GridMerge {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

/**
 * A native chart drawn from a block of the grid's own cells, so it redraws when a figure is edited: a header row
 * directly above the data rows, a label column left of contiguous value columns (directly left when by rows: the
 * pane's source range takes the names from it). "bar" lies horizontally (long unit names
 * read well), "column" stands, "line" is for periods, "pie" draws one series' shares; "stackedColumn" and
 * "stackedBar" stack the series as parts of a whole (成功 + 不成功 = 办结). Every renderer draws an empty cell (null)
 * as a gap, never as 0, labels every category, and leaves out a series with no figure at all.
 */
export interface GridChart {
  kind: "bar" | "column" | "line" | "pie" | "stackedColumn" | "stackedBar";
  title: string;
  /** 0-based grid row of the block's header (series names when by columns, categories when by rows). */
  headerRow: number;
  /** 0-based grid rows of the first and last data row. */
  firstRow: number;
  lastRow: number;
  /** 0-based column of the labels (categories when by columns, series names when by rows). */
  labelCol: number;
  firstValueCol: number;
  lastValueCol: number;
  /** "columns": a series per value column, one point per data row; "rows": a series per data row. */
  seriesIn: "columns" | "rows";
  /** Where it sits: top-left grid cell (0-based) and its size in cells. */
  at: { row: number; col: number; rows: number; cols: number };
  /** Number format of the value axis, e.g. "0%" for rates; figures are counts when absent. */
  valueFormat?: string;
}

export interface Grid {
  name: string;
  /** rows[r][c] is Excel row r + 1, column c (0-based); a row may be shorter than others. */
  rows: GridCell[][];
  merges: GridMerge[];
  /** Column widths in Excel's units (the width of a "0"). */
  widths: number[];
  /** Native charts over the grid's cells (both renderers draw them). */
  charts?: GridChart[];
  /** Page setup for printing, always on A4: portrait for a form filed upward (月报); landscape fitted to width otherwise. */
  page?: { orientation: "portrait" | "landscape" };
  /**
   * The table's header rows (0-based, inclusive): repeated at the top of every printed page and frozen on screen, so
   * page 3 of a long list still says what each column is. A sheet has one such range; a second table goes on a
   * sheet of its own.
   */
  headerRows?: { first: number; last: number };
  /** Columns kept in view when scrolling right (a unit's name), frozen with the header rows. */
  frozenCols?: number;
  /** 0-based rows that begin a new printed page: a section starts a page rather than leaving its heading at a foot. */
  breaksBefore?: number[];
  /**
   * The language of the sheet's own words, for what the renderers add around it (the page footer): Chinese when
   * absent. What users typed is never translated.
   */
  locale?: "zh-CN" | "en";
}

/** Horizontal bars: categories listed down the left, in the sheet's order. */
export const isBarChart = (kind: GridChart["kind"]): boolean => kind === "bar" || kind === "stackedBar";

/**
 * The rows printed at the top of every page: the grid's header rows, else (a layout that does not say yet) its first
 * block of rows made of header cells only (a row of names down a header-styled first column is a data row). 0-based,
 * inclusive; null when the sheet has no such row.
 */
export function printTitleRows(grid: Grid): { first: number; last: number } | null {
  if (grid.headerRows) return grid.headerRows;
  const isHeader = (r: number) => {
    const cells = (grid.rows[r] ?? []).filter((g) => g.v !== null && g.v !== "");
    return cells.length > 0 && cells.every((g) => g.style === "header");
  };
  let first = 0;
  while (first < grid.rows.length && !isHeader(first)) first++;
  if (first === grid.rows.length) return null;
  let last = first;
  while (last + 1 < grid.rows.length && isHeader(last + 1)) last++;
  return { first, last };
}

/** Rows a grid's text needs at a font size: a line is about 1.36 times the font (15 pt rows for 11 pt text). */
export const linePoints = (fontPoints: number): number => Math.ceil(fontPoints * 1.36);

/** Font sizes in points of each style: body text at 11 pt prints at ≥ 8 pt down to a scale of 73 %. */
export const GRID_FONT_POINTS: Record<GridStyle, number> = { title: 16, subtitle: 11, heading: 12, header: 11, cell: 11, miss: 11, note: 11 };

/** The printed width of one Excel width unit (the width of a "0" in 11 pt Calibri, 7 px at 96 dpi), in cm. */
const CM_PER_PIXEL = 2.54 / 96;
/** A4 less the margins every renderer sets (0.4 inch left and right), in cm. */
export const A4_PRINTABLE_CM = { portrait: 21 - 2 * 1.016, landscape: 29.7 - 2 * 1.016 } as const;

/** The scale at which a sheet of these column widths fits the width of A4 (1 when it fits at full size). */
export function printScale(widths: readonly number[], orientation: "portrait" | "landscape"): number {
  const px = widths.reduce((sum, w) => sum + Math.trunc(w * 7 + 5), 0);
  return Math.min(1, A4_PRINTABLE_CM[orientation] / (px * CM_PER_PIXEL));
}

/** No printed text under 8 pt: every layout keeps its fitted scale at or above this. */
export const MIN_PRINT_SCALE = 8 / 11;

/** Fill colours of the styles, shared by both renderers (Excel's own "bad" red for a missed target). */
export const GRID_FILL: Partial<Record<GridStyle, string>> = { heading: "#D9E1F2", header: "#DDEBF7", miss: "#FFC7CE" };
export const MISS_FONT = "#9C0006";

/** Text in the chosen language; "both" writes Chinese then English, as the CLI's bilingual sheets do. */
export type SheetLocale = "zh-CN" | "en" | "both";
export const say = (locale: SheetLocale, zh: string, en: string, sep = " "): string => (locale === "en" ? en : locale === "both" ? `${zh}${sep}${en}` : zh);

/**
 * Widths that hold every unmerged cell's text (its longest line) within [min, max]; merged cells (titles, notes,
 * group headers) span several columns and do not widen one.
 */
export function fitWidths(rows: readonly GridCell[][], merges: readonly GridMerge[], o: { min?: number; max?: number; padding?: number } = {}): number[] {
  const { min = 6, max = 60, padding = 2 } = o;
  const merged = new Set<string>();
  // A cell merged down one column (a two-row header) still needs its column's width.
  for (const m of merges) if (m.cols > 1) for (let r = m.row; r < m.row + m.rows; r++) for (let c = m.col; c < m.col + m.cols; c++) merged.add(`${r},${c}`);
  const widths: number[] = [];
  rows.forEach((row, r) => row.forEach((cell, c) => {
    if (merged.has(`${r},${c}`) || cell.v === null) return;
    const text = cell.shown ?? String(cell.v);
    const w = Math.max(...text.split("\n").map(displayWidth)) * (cell.style === "title" ? 14 / 11 : 1);
    widths[c] = Math.max(widths[c] ?? 0, w);
  }));
  return Array.from({ length: widths.length }, (_, c) => Math.min(max, Math.max(min, Math.ceil((widths[c] ?? 0) + padding))));
}

export const pct = (x: number | null): string => (x === null ? "" : `${(x * 100).toFixed(1)}%`);
