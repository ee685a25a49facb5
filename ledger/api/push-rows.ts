/**
 * A sheet's rows as a push carries them, the same way for the add-in (Office.js values) and the CLI (exceljs
 * values): raw cells by column key with their Excel row numbers (1-based). Raw, not normalised: the server
 * validates every row again and reports issues exactly as a local validation would.
 */
import { sheetColumnLetter, type ColumnPlaces } from "../sheet-columns.ts";
import { normaliseDate } from "../normalise/date.ts";
import type { Cell } from "./push.ts";

export interface SheetRow<K extends string = string> {
  row: number;
  values: Partial<Record<K, Cell>>;
}

/**
 * Where a push's rows come from, one row at a time as the JSON text it is sent as (exactly JSON.stringify of its
 * SheetRow): the push engine measures every row once to cut the chunks, then makes each chunk's rows again when it
 * sends the chunk, so no push holds all its rows at once. Text rather than row objects: made by the thousand, row
 * objects were alive whenever the collector ran, so V8 chose to allocate them straight into the old generation
 * (allocation-site pretenuring) and every chunk's rows became old-generation garbage, ~1.5 MB a chunk.
 */
export interface RowSource {
  readonly length: number;
  /** Row i's Excel row number. */
  rowNumber(i: number): number;
  /** Row i as JSON text, made anew on each call. */
  json(i: number): string;
}

/** Rows already made, as a row source (the demo seed, benchmarks, tests). */
export function rowSource(rows: readonly SheetRow[]): RowSource {
  // The source's own list: a caller that reuses its array cannot change what a later chunk sends.
  const held = rows.slice();
  return { length: held.length, rowNumber: (i) => held[i].row, json: (i) => JSON.stringify(held[i]) };
}

/**
 * A cell as JSON carries it: a blank (nothing, or only spaces) is null, a Date (exceljs) becomes YYYY-MM-DD, an
 * Excel serial stays a number, anything else odd becomes its text.
 */
export function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  if (v instanceof Date) {
    const d = normaliseDate(v);
    return d.ok ? d.value : null;
  }
  return String(v);
}

/** The rows `rowNumbers` (1-based, as Excel numbers them) of a grid, by the mapped columns (0-based indexes). */
export function sheetRows<K extends string>(
  grid: readonly (readonly unknown[])[],
  columns: Partial<Record<K, number>>,
  rowNumbers: readonly number[],
): SheetRow<K>[] {
  const entries = Object.entries(columns) as [K, number][];
  return rowNumbers.map((row) => {
    const cells = grid[row - 1] ?? [];
    const values: Partial<Record<K, Cell>> = {};
    for (const [key, c] of entries) values[key] = toCell(cells[c]);
    return { row, values };
  });
}

/**
 * The rows `rowNumbers` of a grid as a row source: each row's JSON written straight from its cells when asked for,
 * the same text as JSON.stringify of the row sheetRows makes (keys in the same order, each cell through toCell),
 * without making the row object. The grid is read when a row is asked for, so it must not change while the push runs.
 */
export function gridRows<K extends string>(
  grid: readonly (readonly unknown[])[],
  columns: Partial<Record<K, number>>,
  rowNumbers: readonly number[],
): RowSource {
  const entries = Object.entries(columns) as [K, number][];
  const places = entries.map(([, c]) => c);
  // `"key":` of each column, with the comma before every one but the first.
  const keys = entries.map(([k], i) => `${i === 0 ? "" : ","}${JSON.stringify(k)}:`);
  return {
    length: rowNumbers.length,
    rowNumber: (i) => rowNumbers[i],
    json: (i) => {
      const row = rowNumbers[i];
      const cells = grid[row - 1] ?? [];
      let text = `{"row":${JSON.stringify(row)},"values":{`;
      for (let j = 0; j < keys.length; j++) text += keys[j] + JSON.stringify(toCell(cells[places[j]]));
      return `${text}}}`;
    },
  };
}

/**
 * Cuts a grid down, in place, to what a push of `rowNumbers` reads: each of those rows keeps only the mapped columns
 * (in the order of `columns`), every other row is emptied. Returns where each mapped column now is, for gridRows.
 * For a caller that needs the grid for nothing else (the CLI after its local validation): a ledger's other columns
 * (a clerk's addresses and archive numbers, different in every row) are let go before the push reads its chunks
 * from the grid. The rows' own arrays are cut rather than copied: copies of 200,000 rows, made while the old ones
 * waited for the collector, raised the push's peak by over 100 MB.
 */
export function keepPushedCells<K extends string>(
  grid: unknown[][],
  columns: Partial<Record<K, number>>,
  rowNumbers: readonly number[],
): Partial<Record<K, number>> {
  const from = Object.values(columns) as number[];
  const places: Partial<Record<K, number>> = {};
  (Object.keys(columns) as K[]).forEach((key, i) => (places[key] = i));
  const scratch: unknown[] = new Array(from.length);
  // A reader may give rows that are alike one array (its empty rows): each array is cut once.
  const cut = new Set<unknown[]>();
  const pushed = new Uint8Array(grid.length);
  for (const n of rowNumbers) {
    const cells = grid[n - 1];
    if (!cells) continue;
    pushed[n - 1] = 1;
    if (cut.has(cells)) continue;
    cut.add(cells);
    for (let i = 0; i < from.length; i++) scratch[i] = cells[from[i]];
    for (let i = 0; i < from.length; i++) cells[i] = scratch[i];
    cells.length = from.length;
  }
  const none: unknown[] = [];
  for (let i = 0; i < grid.length; i++) if (!pushed[i]) grid[i] = none;
  return places;
}

/**
 * Column letters of the mapped columns, so the server's issues name the clerk's own cells. `places` when the reader
 * left empty columns out of the grid (ledger/sheet-columns.ts).
 */
export function columnLetters<K extends string>(columns: Partial<Record<K, number>>, places?: ColumnPlaces): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const [k, c] of Object.entries(columns) as [K, number][]) out[k] = sheetColumnLetter(c, places);
  return out;
}
