/** Push page: the ledger's case rows as the API takes them (ledger/api/push-rows.ts, the same for the CLI). */
import type { ColumnKey } from "../../../ledger/columns.ts";
import type { HeaderResult } from "../../../ledger/header.ts";
import { planPush, type PushPlan } from "../../../ledger/api/push-engine.ts";
import { columnLetters, gridRows, sheetRows, type SheetRow } from "../../../ledger/api/push-rows.ts";
import type { Role } from "../../../ledger/api/roles.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { ValidationRun } from "./validate.ts";

/**
 * Every case row, valid or not: a whole-ledger push must carry every case number, or the server would take
 * a row with an error for a case that left the ledger. Rows with errors come back as "rejected".
 */
export function pushRows(grid: readonly (readonly unknown[])[], header: HeaderResult, rowNumbers: readonly number[]): SheetRow<ColumnKey>[] {
  return sheetRows<ColumnKey>(grid, header.columns, rowNumbers);
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

/**
 * The push of a validated ledger: every case row, with the sheet's column letters. `confirmMissing`: the clerk
 * confirmed that this many stored cases missing from the ledger are no longer in it (after the server asked). A clerk's token names the unit; a
 * coordinator pushes the unit the ledger itself names (null when it names none: the pane asks for one). Chunks carry the
 * rows the server said fit its CPU budget per request (`rowsPerChunk`, from GET /api/me).
 */
export function planLedgerPush(
  grid: readonly (readonly unknown[])[],
  run: ValidationRun,
  o: { role: Role | undefined; locale: Locale; pushId: string; rowsPerChunk?: number; confirmMissing?: number },
): PushPlan | null {
  const unit = o.role === "clerk" ? undefined : (ledgerUnit(run) ?? undefined);
  if (o.role !== "clerk" && !unit) return null;
  // Each chunk's rows are made from the grid when the chunk is sent, not all of them up front.
  return planPush(gridRows<ColumnKey>(grid, run.header.columns, run.result.rows.map((r) => r.row)), {
    pushId: o.pushId,
    locale: o.locale,
    unit,
    columns: columnLetters(run.header.columns),
    maxRows: o.rowsPerChunk,
    confirmMissing: o.confirmMissing,
  });
}
