/**
 * How tall each row of a laid-out sheet must be to show what it holds. Excel and WPS grow a row for wrapped text in
 * a plain cell, but never for a merged one (a note or a form line across the page), and LibreOffice opens a file at
 * the heights it states: a row left at the default shows one line and hides the rest. All three writers (CLI, Excel,
 * WPS) set these heights, so a sheet reads the same wherever it is written.
 */
import { displayWidth } from "../display-width.ts";
import { GRID_FONT_POINTS, linePoints, type Grid } from "./grid.ts";

/** Lines a wrapped cell takes in a column `width` units wide (one unit kept for the cell's padding). */
export function wrappedLines(text: string, width: number): number {
  const room = Math.max(1, width - 1);
  return text.split("\n").reduce((n, part) => n + Math.max(1, Math.ceil(displayWidth(part) / room)), 0);
}

/** Points for a row whose cells hold `texts` in columns `widths` wide, at the default 11-point font. */
export function wrappedRowHeight(texts: readonly string[], widths: readonly number[], linePointsEach = 15): number {
  const lines = Math.max(1, ...texts.map((t, i) => wrappedLines(t, widths[i] ?? 8.43)));
  return lines * linePointsEach + 2;
}

/** 0-based row → height in points, for the rows the default height would cut (or a larger font needs). */
export function gridRowHeights(grid: Grid): Map<number, number> {
  const heights = new Map<number, number>();
  const spanWidth = (col: number, cols: number) => grid.widths.slice(col, col + cols).reduce((a, b) => a + b, 0);
  // The one-row merges that start a row (notes, form lines), found once rather than searched for every row.
  const lineMerges = new Map(grid.merges.filter((m) => m.rows === 1 && m.col === 0).map((m) => [m.row, m]));
  grid.rows.forEach((cells, r) => {
    const merge = lineMerges.get(r);
    const texts = cells.map((g) => (g.v === null ? "" : g.shown ?? String(g.v)));
    const widths = merge ? [spanWidth(0, merge.cols)] : grid.widths;
    const lines = merge ? [texts[0] ?? ""] : texts;
    const points = Math.max(...cells.map((g) => GRID_FONT_POINTS[g.style ?? "cell"]), GRID_FONT_POINTS.cell);
    // Wider text at a larger font: measure a 16 pt title as 16/11 of its width at 11 pt.
    const scaled = widths.map((w) => (w * GRID_FONT_POINTS.cell) / points);
    const height = wrappedRowHeight(lines, scaled, linePoints(points));
    if (height > 17 || points > GRID_FONT_POINTS.cell) heights.set(r, height);
  });
  return heights;
}
