/** Push page: the ledger's case rows as the API takes them (raw cells by column key; the server re-validates). */
import type { ColumnKey } from "../../ledger/columns.ts";
import type { HeaderResult } from "../../ledger/header.ts";
import type { CellInput, PushRow } from "../api/types.ts";
import type { ValidationRun } from "./validate.ts";

function toCellInput(v: unknown): CellInput {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v.trim() === "" ? null : v;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "boolean") return v;
  return String(v);
}

/**
 * Every case row, valid or not: a whole-ledger push must carry every case number, or the server would take
 * a row with an error for a case that left the ledger. Rows with errors come back as "rejected".
 */
export function pushRows(grid: readonly (readonly unknown[])[], header: HeaderResult, rowNumbers: readonly number[]): PushRow[] {
  const entries = Object.entries(header.columns) as [ColumnKey, number][];
  return rowNumbers.map((row) => {
    const cells = grid[row - 1] ?? [];
    const values: Record<string, CellInput> = {};
    for (const [key, c] of entries) values[key] = toCellInput(cells[c]);
    return { row, values };
  });
}

/** The unit a ledger belongs to: the unit most of its valid rows name (a coordinator's push must say it). */
export function ledgerUnit(run: ValidationRun): string | null {
  const counts = new Map<string, number>();
  for (const r of run.result.rows) if (r.ok && r.unit !== null) counts.set(r.unit, (counts.get(r.unit) ?? 0) + 1);
  let best: string | null = null;
  let n = 0;
  for (const [unit, c] of counts) if (c > n) (best = unit), (n = c);
  return best;
}
