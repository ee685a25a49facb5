/**
 * A live case, defined once: the cases a unit holds, which every report counts (rankings and the drill-down,
 * subsidies, the joint-meeting digest, statistics, flags, mentor assignments, mediator results, the court's cases).
 *
 * In words: a case is live from the push that stores it until an explicit, versioned delete (DELETE
 * /api/cases/{unit}/{caseNo}) or a transfer to another unit (分流; the case is the lead unit's once it signs for
 * it, 签收, and counts for no one while it waits) closes it. A case that a whole-ledger push no longer carried
 * ("not in ledger") is still live: the mark tells the clerk that the sheet and the server differ, and is cleared when
 * a later push carries the case again. Dropping a row from the sheet decides nothing about the case — it neither
 * improves a score (docs/ASSESSMENT.md) nor takes away a subsidy; only a delete someone signs for does.
 *
 * The SQL every report filters by (worker/db/live-case-sql.ts) is generated from this, and a test holds the two to
 * the same answer for every standing a case can have.
 */

/** Where a stored case stands: closed (deleted, or transferred away) and whether the latest whole-ledger push held it. */
export interface CaseStanding {
  /** Closed by an explicit delete or by a transfer to another unit (both set `deleted_at` on the unit's row). */
  deleted: boolean;
  /** False once a whole-ledger push no longer carried the case; true again when a later push does. */
  inLedger: boolean;
}

/** Whether a case marked "not in ledger" still counts. It does: see above. */
export const NOT_IN_LEDGER_STILL_COUNTS = true;

export const isLiveCase = (c: CaseStanding): boolean => !c.deleted && (NOT_IN_LEDGER_STILL_COUNTS || c.inLedger);
