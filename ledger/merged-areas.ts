/**
 * Merged areas as both readers hand them to ledger/ beside the grid: the CLI from the sheet's <mergeCells>, the pane
 * from Range.getMergedAreasOrNullObject (ExcelApi 1.13). The readers still fill every cell of an area with its top-left
 * value, so 承办单位 written once and merged down a block counts for each case of it. What the filled grid cannot tell
 * is a heading: 一月份 merged across the table and a row whose every cell says 一月份 look the same. The areas can.
 */

/** A merged area in grid coordinates: 0-based, inclusive; rows from Excel row 1, columns as the grid holds them. */
export interface MergedArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || (typeof v === "string" && v.trim() === "");
}

/** How many of the sorted columns lie in [left, right]. */
function countWithin(sorted: readonly number[], left: number, right: number): number {
  const firstAtLeast = (x: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return firstAtLeast(right + 1) - firstAtLeast(left);
}

/**
 * For each grid row, the right edge of the merged area that covers the row's first data column together with at least
 * one more data column and has a value; -1 where no area does. A heading or a note merged across the table starts at
 * its left edge; a case never merges its own number with its other cells, so an area right of the first data column
 * (a note over the columns a rejected case leaves empty) or one column wide (a unit merged down) is not one.
 * `dataColumns` sorted ascending. Each row is looked at once, however many areas cover it (a hand-made file may
 * overlap them), widest area first.
 */
export function mergedSpans(grid: readonly (readonly unknown[])[], merges: readonly MergedArea[], dataColumns: readonly number[]): Int32Array {
  const n = grid.length;
  const span = new Int32Array(n).fill(-1);
  if (dataColumns.length < 2 || merges.length === 0) return span;
  const first = dataColumns[0];
  const wide = merges.filter((m) =>
    m.left <= first && m.right >= first && m.top < n && m.bottom >= m.top && !isEmpty(grid[m.top]?.[m.left]) && countWithin(dataColumns, m.left, m.right) >= 2);
  wide.sort((a, b) => b.right - a.right);
  // next[r]: the first row at or after r not yet given a span (path-halving), so each row is set once.
  const next = new Int32Array(n + 1);
  for (let r = 0; r <= n; r++) next[r] = r;
  const free = (r: number) => {
    while (next[r] !== r) {
      next[r] = next[next[r]];
      r = next[r];
    }
    return r;
  };
  for (const m of wide) {
    const bottom = Math.min(m.bottom, n - 1);
    for (let r = free(Math.max(0, m.top)); r <= bottom; r = free(r + 1)) {
      span[r] = m.right;
      next[r] = r + 1;
    }
  }
  return span;
}

/**
 * Whether a row is merged across the data columns: an area from `mergedSpans` ends at `right` and covers more than half
 * of them, or every data cell the row fills lies under it (a heading merged over the first few columns only).
 */
export function mergedAcross(row: readonly unknown[], right: number, dataColumns: readonly number[]): boolean {
  if (right < 0) return false;
  const covered = countWithin(dataColumns, dataColumns[0], right);
  if (covered * 2 > dataColumns.length) return true;
  for (let i = covered; i < dataColumns.length; i++) if (!isEmpty(row[dataColumns[i]])) return false;
  return true;
}
