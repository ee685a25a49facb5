/**
 * Where a sheet of sections should start new printed pages, so a section's heading is never left alone at a page foot:
 * the rows' printed heights are estimated (15 pt a line, wrapped text adding lines) against the A4 page at the sheet's
 * fitted scale, and a section that would not fit its heading, header and first rows in what is left of a page starts
 * the next one. An estimate on the safe side: a page breaks early rather than late.
 */
import { displayWidth } from "../display-width.ts";
import { GRID_FONT_POINTS, printScale, type Grid } from "./grid.ts";

/** A4's height less the 0.5 inch top and bottom margins every renderer sets, in points; 10 % kept back for safety. */
const PAGE_POINTS = { portrait: (842 - 72) * 0.9, landscape: (595 - 72) * 0.9 } as const;
const LINE_POINTS = 15;

/** Each row's estimated printed height in points at full size. */
export function rowHeights(grid: Pick<Grid, "rows" | "merges" | "widths">): number[] {
  return grid.rows.map((cells, r) => {
    let lines = 1;
    cells.forEach((cell, c) => {
      if (cell.v === null) return;
      const merge = grid.merges.find((m) => m.row === r && m.col === c);
      const width = grid.widths.slice(c, c + (merge?.cols ?? 1)).reduce((a, b) => a + b, 0);
      const scale = cell.style ? GRID_FONT_POINTS[cell.style] / 11 : 1;
      const text = cell.shown ?? String(cell.v);
      const need = text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil((displayWidth(line) * scale) / Math.max(1, width - 1))), 0);
      lines = Math.max(lines, need);
    });
    return lines * LINE_POINTS + (cells[0]?.style === "title" ? 5 : 0);
  });
}

/**
 * Rows to break before: each section `{ start, keep }` (its first row and how many rows must stay with it) starts a
 * page when it would not fit on the current one; rows `repeated` (the sheet's header rows) head every page.
 */
export function sectionBreaks(grid: Pick<Grid, "rows" | "merges" | "widths" | "page" | "headerRows">, sections: readonly { start: number; keep: number }[]): number[] {
  const orientation = grid.page?.orientation ?? "landscape";
  const heights = rowHeights(grid);
  const capacity = PAGE_POINTS[orientation] / printScale(grid.widths, orientation);
  const repeated = grid.headerRows ? heights.slice(grid.headerRows.first, grid.headerRows.last + 1).reduce((a, b) => a + b, 0) : 0;
  const keeps = new Map(sections.map((s) => [s.start, s.keep]));
  const breaks: number[] = [];
  let used = 0;
  heights.forEach((h, r) => {
    const keep = keeps.get(r);
    if (keep !== undefined && used > repeated) {
      const block = heights.slice(r, r + keep).reduce((a, b) => a + b, 0);
      if (used + block > capacity) {
        breaks.push(r);
        used = repeated;
      }
    }
    // The printer's own break: the row goes to a new page under the repeated rows.
    if (used + h > capacity) used = repeated;
    used += h;
  });
  return breaks;
}
