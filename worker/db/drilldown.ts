/**
 * The rows behind one unit's indicators for a period: its cases with what each counts for (built from the counting
 * rules in counting-sql.ts and the stored time limits the daily counts use, so the lists add up to the ranking's
 * num/den), its reviews, and the rejected rows of its last completed push. One batch, so every section reads the
 * same state of the database. Bound parameters only (at most 4 per statement).
 */
import type { Period } from "../../ledger/period.ts";
import { countingSql, storedTimeLimitSql } from "./counting-sql.ts";
import { chinaDayStartIso } from "../../ledger/clock.ts";

const c = countingSql("c.");

/** One case of the unit that falls in the period by any of its dates, with its counting facts as 0/1. */
export interface DrilldownCaseRow {
  caseNo: string;
  inLedger: number;
  mediator: string | null;
  receivedOn: string | null;
  accepted: number | null;
  rejectReason: string | null;
  closedOn: string | null;
  status: string | null;
  stage: string | null;
  commitment: string | null;
  commitmentDue: string | null;
  commitmentMetOn: string | null;
  /** Received in the period. */
  rin: number;
  /** Concluded (ledger/counting.ts isConcluded) with its close date in the period. */
  cin: number;
  /** Commitment due in the period. */
  din: number;
  forSuccess: number;
  success: number;
  preSuit: number;
  onTime: number;
  kept: number;
  days: number | null;
  timeLimit: number;
}

export interface DrilldownReviewRow {
  caseNo: string;
  reviewedOn: string;
  reviewer: string | null;
  score: number;
}

export interface DrilldownPushRow {
  pushId: string;
  completedAt: string;
  rows: number | null;
  rejected: number | null;
  /** JSON arrays from the chunk's receipt: its rejected sheet rows and its error issues. */
  rejectedRows: string | null;
  errors: string | null;
}

export interface DrilldownRows {
  cases: DrilldownCaseRow[];
  reviews: DrilldownReviewRow[];
  /** One row per chunk of the last completed push in the period; empty when there was none. */
  push: DrilldownPushRow[];
}

export async function loadDrilldownRows(db: D1Database, unitId: number, period: Period): Promise<DrilldownRows> {
  const [cases, reviews, push] = await db.batch<Record<string, unknown>>([
    db
      .prepare(`SELECT c.case_no AS caseNo, c.in_ledger AS inLedger, c.mediator, c.received_on AS receivedOn, c.accepted,
                  c.data ->> '$.rejectReason' AS rejectReason, c.closed_on AS closedOn, c.status, c.stage,
                  c.commitment, c.commitment_due AS commitmentDue, c.commitment_met_on AS commitmentMetOn,
                  coalesce(c.received_on >= ?2 AND c.received_on < ?3, 0) AS rin,
                  coalesce(${c.concluded} AND c.closed_on >= ?2 AND c.closed_on < ?3, 0) AS cin,
                  coalesce(c.commitment_due >= ?2 AND c.commitment_due < ?3, 0) AS din,
                  coalesce(${c.forSuccess}, 0) AS forSuccess, coalesce(${c.success}, 0) AS success,
                  coalesce(${c.preSuit}, 0) AS preSuit, coalesce(${c.onTime(storedTimeLimitSql("c."))}, 0) AS onTime,
                  coalesce(${c.commitmentKept}, 0) AS kept,
                  CAST(julianday(c.closed_on) - julianday(c.received_on) AS INTEGER) AS days,
                  ${storedTimeLimitSql("c.")} AS timeLimit
                FROM cases AS c
               WHERE c.unit_id = ?1 AND c.deleted_at IS NULL
                 AND ((c.received_on >= ?2 AND c.received_on < ?3) OR (c.closed_on >= ?2 AND c.closed_on < ?3)
                      OR (c.commitment_due >= ?2 AND c.commitment_due < ?3))
               ORDER BY c.case_no`)
      .bind(unitId, period.start, period.end),
    db
      .prepare(`SELECT case_no AS caseNo, reviewed_on AS reviewedOn, reviewer, score FROM case_reviews
                 WHERE unit_id = ?1 AND reviewed_on >= ?2 AND reviewed_on < ?3 ORDER BY reviewed_on, case_no`)
      .bind(unitId, period.start, period.end),
    // The same "last completed push of the period" as the ranking's ledger quality (assessment.ts).
    db
      .prepare(`WITH last AS (
                  SELECT id, completed_at FROM pushes WHERE unit_id = ?1 AND completed_at IS NOT NULL AND completed_at >= ?2 AND completed_at < ?3
                  ORDER BY completed_at DESC, id DESC LIMIT 1)
                SELECT last.id AS pushId, last.completed_at AS completedAt,
                       pc.inserted + pc.updated + pc.unchanged + pc.rejected AS rows, pc.rejected,
                       pc.receipt -> '$.rejectedRows' AS rejectedRows,
                       (SELECT json_group_array(json(i.value)) FROM json_each(pc.receipt, '$.issues') AS i
                         WHERE i.value ->> '$.severity' = 'error') AS errors
                  FROM last LEFT JOIN push_chunks AS pc ON pc.push_id = last.id ORDER BY pc.chunk_index`)
      .bind(unitId, chinaDayStartIso(period.start), chinaDayStartIso(period.end)),
  ]);
  return {
    cases: cases.results as unknown as DrilldownCaseRow[],
    reviews: reviews.results as unknown as DrilldownReviewRow[],
    push: push.results as unknown as DrilldownPushRow[],
  };
}
