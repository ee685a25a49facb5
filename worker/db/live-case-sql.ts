/**
 * ledger/live-case.ts as SQL over a row of `cases`, so every report filters by the same predicate instead of spelling
 * `deleted_at IS NULL` (and sometimes `in_ledger = 1`) by hand. `r` is the row's alias with its dot ("c.") or "" for
 * a bare table.
 */
import { NOT_IN_LEDGER_STILL_COUNTS } from "../../ledger/live-case.ts";

export const liveCaseSql = (r: string): string =>
  NOT_IN_LEDGER_STILL_COUNTS ? `${r}deleted_at IS NULL` : `${r}deleted_at IS NULL AND ${r}in_ledger = 1`;

/** A live case that the latest whole-ledger push of its unit carried: the ones a push may mark "not in ledger". */
export const liveInLedgerSql = (r: string): string => `${r}deleted_at IS NULL AND ${r}in_ledger = 1`;
