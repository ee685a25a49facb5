/** Pure helpers for talking to Excel in few, bounded requests: addresses, payload sizes, mark grouping. */
import { utf8Length } from "../../../ledger/utf8-length.ts";
import { columnIndex, columnLetter } from "../../../ledger/columns.ts";
import type { Severity } from "../../../ledger/issue-codes.ts";
import type { CellMark, WriteBackBlock } from "../ledger-workbook.ts";

/** Each values read stays under this; Excel on the web rejects payloads over 5 MB. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
/** Excel caps one range read at 5,000,000 cells. */
export const MAX_CHUNK_CELLS = 5_000_000;
/** RangeAreas fail around 500 areas / ~8.2k address characters; stay well below. */
export const MAX_AREAS_PER_GROUP = 400;
export const MAX_ADDRESS_CHARS_PER_GROUP = 7_000;
/** Bytes per cell assumed before any row has been read: generous, so the first chunk is safe. */
const FIRST_GUESS_BYTES_PER_CELL = 256;
/** Later rows may be longer than the rows measured so far. */
const SAFETY = 1.25;

export function cellAddress(row: number, column: number): string {
  return `${columnLetter(column)}${row}`;
}

/** Rectangle address from Excel rows (1-based) and 0-based columns; a single cell when both corners match. */
export function rangeAddress(row1: number, col1: number, row2: number, col2: number): string {
  const a = cellAddress(row1, col1);
  return row1 === row2 && col1 === col2 ? a : `${a}:${cellAddress(row2, col2)}`;
}

export { utf8Length };

/** Approximate bytes of one cell value in Excel's JSON payload (UTF-8 text plus quotes and comma). */
export function cellBytes(v: unknown): number {
  if (v === null || v === undefined || v === "") return 3;
  if (typeof v === "string") return utf8Length(v) + 3;
  if (typeof v === "number") return 24;
  if (typeof v === "boolean") return 6;
  return 3 + String(v).length;
}

export function valuesBytes(values: readonly (readonly unknown[])[]): number {
  let total = 2;
  for (const row of values) {
    total += 2;
    for (const v of row) total += cellBytes(v);
  }
  return total;
}

/**
 * How many rows the next read may take so that it stays ≤ maxBytes: from the largest bytes-per-row seen
 * so far (with a margin), or a cautious guess before anything was read.
 */
export function rowsPerChunk(columnCount: number, observedBytesPerRow: number | null, maxBytes = MAX_CHUNK_BYTES): number {
  const cols = Math.max(1, columnCount);
  const perRow = observedBytesPerRow === null ? cols * FIRST_GUESS_BYTES_PER_CELL : observedBytesPerRow * SAFETY;
  const byBytes = Math.floor(maxBytes / Math.max(1, perRow));
  const byCells = Math.floor(MAX_CHUNK_CELLS / cols);
  return Math.max(1, Math.min(byBytes, byCells));
}

/** One sheet's share of a workbook-wide read: rows [firstRow, firstRow + rows) (0-based), all columns from A. */
export interface ReadPiece {
  sheet: number;
  firstRow: number;
  rows: number;
}

/**
 * The next read of a workbook-wide scan: as many sheets' next rows as fit one ≤ maxBytes answer (and Excel's cell
 * cap), in tab order, so small sheets share one sync and a large one is split by rows. `bytesPerCell` is the
 * largest seen so far (null before anything was read: a cautious guess). Empty when everything has been read.
 */
export function planWorkbookRead(
  sheets: readonly { rowCount: number; columnCount: number; rowsRead: number }[],
  bytesPerCell: number | null,
  maxBytes = MAX_CHUNK_BYTES,
): ReadPiece[] {
  const perCell = bytesPerCell === null ? FIRST_GUESS_BYTES_PER_CELL : Math.max(1, bytesPerCell * SAFETY);
  let bytesLeft = maxBytes;
  let cellsLeft = MAX_CHUNK_CELLS;
  const pieces: ReadPiece[] = [];
  for (let sheet = 0; sheet < sheets.length; sheet++) {
    const s = sheets[sheet];
    const rowsLeft = s.rowCount - s.rowsRead;
    if (rowsLeft <= 0 || s.columnCount <= 0) continue;
    const fit = Math.min(Math.floor(bytesLeft / (s.columnCount * perCell)), Math.floor(cellsLeft / s.columnCount));
    if (fit < 1 && pieces.length > 0) break;
    const rows = Math.min(rowsLeft, Math.max(1, fit));
    pieces.push({ sheet, firstRow: s.rowsRead, rows });
    // A sheet not read to its end fills this read: the next one carries on from its next row.
    if (rows < rowsLeft) break;
    bytesLeft -= rows * s.columnCount * perCell;
    cellsLeft -= rows * s.columnCount;
  }
  return pieces;
}

export interface MarkGroup {
  severity: Severity;
  /** Rectangle addresses without sheet name, e.g. "C5:C9", "E12". */
  areas: string[];
}

/**
 * Groups marked cells into as few rectangles as possible (runs within a row, then identical runs on
 * consecutive rows merged), one list per severity, split so each group stays inside RangeAreas' limits.
 * A cell marked both error and warning counts as error.
 */
export function planMarkGroups(marks: readonly CellMark[]): MarkGroup[] {
  const severityOf = new Map<string, Severity>();
  for (const m of marks) {
    const k = `${m.row}:${m.column}`;
    if (severityOf.get(k) !== "error") severityOf.set(k, m.severity);
  }
  const groups: MarkGroup[] = [];
  for (const severity of ["error", "warning"] as const) {
    const byRow = new Map<number, number[]>();
    for (const [k, s] of severityOf) {
      if (s !== severity) continue;
      const [r, c] = k.split(":").map(Number);
      const cols = byRow.get(r);
      if (cols) cols.push(c);
      else byRow.set(r, [c]);
    }
    // Horizontal runs per row.
    type Rect = { r1: number; r2: number; c1: number; c2: number };
    const open = new Map<string, Rect>();
    const rects: Rect[] = [];
    const rows = [...byRow.keys()].sort((a, b) => a - b);
    for (const r of rows) {
      const cols = byRow.get(r)!.sort((a, b) => a - b);
      const runs: [number, number][] = [];
      for (const c of cols) {
        const last = runs[runs.length - 1];
        if (last && c === last[1] + 1) last[1] = c;
        else runs.push([c, c]);
      }
      // Extend a rectangle from the previous row when the same run continues; close the others.
      const seen = new Set<string>();
      for (const [c1, c2] of runs) {
        const k = `${c1}:${c2}`;
        seen.add(k);
        const rect = open.get(k);
        if (rect && rect.r2 === r - 1) rect.r2 = r;
        else {
          if (rect) rects.push(rect);
          open.set(k, { r1: r, r2: r, c1, c2 });
        }
      }
      for (const [k, rect] of open) {
        if (!seen.has(k)) {
          rects.push(rect);
          open.delete(k);
        }
      }
    }
    rects.push(...open.values());
    rects.sort((a, b) => a.r1 - b.r1 || a.c1 - b.c1);
    let current: MarkGroup | null = null;
    let chars = 0;
    for (const rect of rects) {
      const address = rangeAddress(rect.r1, rect.c1, rect.r2, rect.c2);
      if (!current || current.areas.length >= MAX_AREAS_PER_GROUP || chars + address.length + 1 > MAX_ADDRESS_CHARS_PER_GROUP) {
        current = { severity, areas: [] };
        groups.push(current);
        chars = 0;
      }
      current.areas.push(address);
      chars += address.length + 1;
    }
  }
  return groups;
}

export function markedCellCount(groups: readonly MarkGroup[]): number {
  let n = 0;
  for (const g of groups) {
    for (const a of g.areas) {
      const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(a);
      if (!m) continue;
      const rows = m[4] ? Number(m[4]) - Number(m[2]) + 1 : 1;
      const cols = m[3] ? letterSpan(m[1], m[3]) : 1;
      n += rows * cols;
    }
  }
  return n;
}

function letterSpan(a: string, b: string): number {
  const idx = (s: string) => [...s].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return idx(b) - idx(a) + 1;
}

/**
 * Text from the server or from us, made safe to put in a cell: Excel would read a leading = + - @ as a
 * formula. The apostrophe is Excel's own "this is text" prefix: it is not shown and not part of the value.
 */
export function toCellText(s: string): string {
  return /^[=+\-@]/.test(s) ? `'${s}` : s;
}

/** "B5:C8" or "B5" (with or without $) → 0-based rows and columns; null when it is not an A1 reference. */
export function parseA1Range(a1: string): { r1: number; c1: number; r2: number; c2: number } | null {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/.exec(a1.trim().toUpperCase());
  if (!m) return null;
  const c1 = columnIndex(m[1]);
  const r1 = Number(m[2]) - 1;
  const c2 = m[3] ? columnIndex(m[3]) : c1;
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  if (c1 < 0 || c2 < 0 || r1 < 0 || r2 < r1 || c2 < c1) return null;
  return { r1, c1, r2, c2 };
}

/** Rows to write in one request: the first row's number, the lines from there down, and their payload size. */
export interface LineRun {
  firstRow: number;
  lines: string[][];
  bytes: number;
}

/**
 * Cuts consecutive lines, the first of them on row `firstRow`, into runs that each stay under `maxBytes` (a line larger
 * than that goes alone). Both hosts write the result columns and the product's own columns in these runs, one request
 * each; a normal ledger is one run.
 */
export function* lineRuns(lines: Iterable<string[]>, firstRow: number, maxBytes: number): Generator<LineRun> {
  let run: string[][] = [];
  let bytes = 0;
  let start = firstRow;
  for (const line of lines) {
    const b = valuesBytes([line]);
    if (run.length > 0 && bytes + b > maxBytes) {
      yield { firstRow: start, lines: run, bytes };
      start += run.length;
      run = [];
      bytes = 0;
    }
    run.push(line);
    bytes += b;
  }
  if (run.length > 0) yield { firstRow: start, lines: run, bytes };
}

/** A write-back block's rows from its first to its last, as text (toCellText); a row without an entry is cleared. */
export function* writeBackLines(block: WriteBackBlock): Generator<string[]> {
  const width = block.headers.length;
  const empty = Array.from({ length: width }, () => "");
  for (let row = block.firstRow; row <= block.lastRow; row++) {
    const texts = block.cells.get(row);
    yield texts ? Array.from({ length: width }, (_, i) => toCellText(texts[i] ?? "")) : empty;
  }
}
