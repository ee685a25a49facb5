/**
 * Where a sheet's charts go so the sheet prints at its table's own scale. A chart beside a table widens what the
 * printer must fit on the page (a 26-column table with a chart beside it printed at 4 pt); so a chart goes beside the
 * table only into the page width the table leaves free, and under it otherwise, a chart that would not fit on the
 * page so far starting the next page (never cut across two).
 */
import { A4_PRINTABLE_CM, printScale, type GridChart } from "./grid.ts";

/** Rows of 15 pt that a landscape A4 page holds between its margins at full size, less the taller title rows. */
export const LANDSCAPE_PAGE_ROWS = 28;
/** A chart narrower than this (11 cm) has no room for its labels: it goes under the table instead. */
const MIN_CHART_PX = 420;
const GAP_WIDTH = 2;
const CHART_COLS = 6;
/** At least this many columns under the table, so a chart under a narrow table is still wide enough to read. */
const MIN_BELOW_COLS = 6;

const px = (w: number) => Math.trunc(w * 7 + 5);
const PAGE_PX = Math.floor(A4_PRINTABLE_CM.landscape / (2.54 / 96));

export interface Placement {
  /** The table's widths and any columns the charts stand in. */
  widths: number[];
  at: GridChart["at"][];
  /** Rows that start a new page (a chart's first row). */
  breaksBefore: number[];
  /** Rows the grid must have at least, so a page break before a chart's row is a row of the sheet. */
  rows: number;
}

/**
 * `tableRows` rows of cells in `widths`, the table's header at row `top` (charts beside it start there, under the
 * title); charts `heights` rows tall, in order.
 */
export function placeCharts(widths: readonly number[], tableRows: number, top: number, heights: readonly number[]): Placement {
  if (heights.length === 0) return { widths: [...widths], at: [], breaksBefore: [], rows: tableRows };
  const tablePx = widths.reduce((a, w) => a + px(w), 0);
  const free = PAGE_PX - tablePx - px(GAP_WIDTH);
  const stacked = heights.reduce((a, h) => a + h + 1, -1);
  if (free >= MIN_CHART_PX && top + stacked <= LANDSCAPE_PAGE_ROWS) {
    const w = Math.floor(((free / CHART_COLS) - 5) / 7);
    const at: GridChart["at"][] = [];
    let row = top;
    for (const h of heights) {
      at.push({ row, col: widths.length + 1, rows: h, cols: CHART_COLS });
      row += h + 1;
    }
    return { widths: [...widths, GAP_WIDTH, ...Array.from({ length: CHART_COLS }, () => w)], at, breaksBefore: [], rows: tableRows };
  }
  const all = widths.length >= MIN_BELOW_COLS ? [...widths] : [...widths, ...Array.from({ length: MIN_BELOW_COLS - widths.length }, () => 8)];
  const capacity = Math.floor(LANDSCAPE_PAGE_ROWS / printScale(all, "landscape"));
  const at: GridChart["at"][] = [];
  const breaksBefore: number[] = [];
  let pageStart = 0;
  let row = tableRows + 1;
  for (const h of heights) {
    // A table longer than a page runs on over several: what counts is how far down the current page the chart starts.
    const used = (row - pageStart) % capacity;
    if (used + h > capacity) {
      breaksBefore.push(row);
      pageStart = row;
    }
    at.push({ row, col: 0, rows: h, cols: all.length });
    row += h + 1;
  }
  return { widths: all, at, breaksBefore, rows: Math.max(tableRows, ...breaksBefore.map((r) => r + 1)) };
}
