import type { ColumnKey } from "../../ledger/columns.ts";
import { dataRowIndexes } from "../../ledger/data-rows.ts";
import type { HeaderResult } from "../../ledger/header.ts";
import { normaliseDate } from "../../ledger/normalise/date.ts";

export interface PushRow {
  row: number;
  values: Partial<Record<ColumnKey, string | number | boolean | null>>;
}

/** A cell as JSON can carry it: Excel dates become YYYY-MM-DD, everything else stays as Excel gave it. */
export function jsonCell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return v;
  if (v instanceof Date) {
    const d = normaliseDate(v);
    return d.ok ? d.value : null;
  }
  return String(v);
}

/**
 * The sheet's case rows as the server takes them: raw cells by column key, with their Excel row numbers. Raw, not
 * normalised: the server re-validates every row and reports issues exactly as a local validation would.
 */
export function pushRows(
  grid: readonly (readonly unknown[])[],
  header: HeaderResult,
  /** The case rows' grid indexes, when a validation has already found them. */
  indexes: readonly number[] = dataRowIndexes(grid, header),
): PushRow[] {
  const entries = Object.entries(header.columns) as [ColumnKey, number][];
  return indexes.map((r) => {
    const values: PushRow["values"] = {};
    for (const [key, c] of entries) values[key] = jsonCell(grid[r][c]);
    return { row: r + 1, values };
  });
}

/** Splits rows into chunks of at most `maxRows` rows and about `maxBytes` bytes of JSON. */
export function chunkRows<T>(rows: readonly T[], maxRows = 1000, maxBytes = 1_000_000): T[][] {
  const chunks: T[][] = [];
  let current: T[] = [];
  let size = 0;
  for (const row of rows) {
    const bytes = Buffer.byteLength(JSON.stringify(row)) + 1;
    if (current.length > 0 && (current.length >= maxRows || size + bytes > maxBytes)) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(row);
    size += bytes;
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks;
}
