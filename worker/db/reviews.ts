/**
 * SQL of case-file quality reviews (案件质量评查): which reviewed cases exist, writing reviews (one batch, idempotent,
 * versioned, asserting the cases still exist), and what the per-dimension report and the review_failed flag read.
 */
import { REVIEW_DIMENSION_KEYS } from "../../ledger/review-sheet.ts";
import { liveCaseSql } from "./live-case-sql.ts";

export interface ReviewWrite {
  unitId: number;
  caseNo: string;
  reviewedOn: string;
  score: number;
  /** JSON text of the dimension scores, or null (a review recorded without them). */
  dimensions: string | null;
  deduction: number | null;
  deductionReason: string | null;
  reviewer: string | null;
}

/** Reviews per statement: a 2,000-character reason (≤ 6 KB in UTF-8) a row keeps the JSON parameter far below D1's 2 MB. */
const ROWS_PER_STATEMENT = 100;

/** The (unit, case) pairs of `wanted` that are live cases (not deleted) in that unit. */
export async function existingCases(db: D1Database, wanted: { unitId: number; caseNo: string }[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < wanted.length; i += 500) {
    const { results } = await db
      .prepare(`SELECT c.unit_id AS unitId, c.case_no AS caseNo FROM json_each(?1) AS j
                JOIN cases AS c ON c.unit_id = j.value ->> '$.unitId' AND c.case_no = j.value ->> '$.caseNo' WHERE c.deleted_at IS NULL`)
      .bind(JSON.stringify(wanted.slice(i, i + 500)))
      .all<{ unitId: number; caseNo: string }>();
    for (const r of results) found.add(reviewCaseKey(r.unitId, r.caseNo));
  }
  return found;
}

export const reviewCaseKey = (unitId: number, caseNo: string) => `${unitId}\u0000${caseNo}`;

const MATCH = `r.unit_id = j.value ->> '$.unitId' AND r.case_no = j.value ->> '$.caseNo' AND r.reviewed_on = j.value ->> '$.reviewedOn'`;
const DIFFERS = `(r.score, r.dimensions, r.deduction, r.deduction_reason, r.reviewer) IS NOT
  (j.value ->> '$.score', j.value ->> '$.dimensions', j.value ->> '$.deduction', j.value ->> '$.deductionReason', j.value ->> '$.reviewer')`;

export type ReviewWriteOutcome = { kind: "written"; inserted: number; updated: number } | { kind: "stale_read" };

/**
 * Upserts reviews by (unit, case, day) in one batch. A review whose content changed keeps its previous version in
 * case_review_revisions (written in the same batch, before the update); an equal one is not written at all. With
 * `requireCases`, the batch first asserts that every reviewed case still exists in its unit (the service decided
 * from an earlier read); if one went, nothing is written and the outcome says so.
 */
export async function writeReviews(
  db: D1Database,
  a: { reviews: ReviewWrite[]; tokenId: number | null; now: string; requireCases: boolean },
): Promise<ReviewWriteOutcome> {
  if (a.reviews.length === 0) return { kind: "written", inserted: 0, updated: 0 };
  const statements: D1PreparedStatement[] = [];
  const kinds: ("assert" | "revision" | "update" | "insert")[] = [];
  for (let i = 0; i < a.reviews.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(a.reviews.slice(i, i + ROWS_PER_STATEMENT));
    if (a.requireCases) {
      statements.push(
        db
          .prepare(`INSERT INTO batch_assertions (kind, failed)
                    SELECT 'fresh_read', EXISTS (SELECT 1 FROM json_each(?1) AS j WHERE NOT EXISTS (
                      SELECT 1 FROM cases AS c WHERE c.unit_id = j.value ->> '$.unitId' AND c.case_no = j.value ->> '$.caseNo' AND c.deleted_at IS NULL))`)
          .bind(json),
      );
      kinds.push("assert");
    }
    statements.push(
      db
        .prepare(`INSERT INTO case_review_revisions (review_id, version, score, dimensions, deduction, deduction_reason, reviewer, written_by, written_at, superseded_at)
                  SELECT r.id, r.version, r.score, r.dimensions, r.deduction, r.deduction_reason, r.reviewer, coalesce(r.updated_by, r.created_by),
                    coalesce(r.updated_at, r.created_at), ?2
                  FROM case_reviews AS r JOIN json_each(?1) AS j ON ${MATCH} WHERE ${DIFFERS}`)
        .bind(json, a.now),
      db
        .prepare(`UPDATE case_reviews AS r SET score = j.value ->> '$.score', dimensions = j.value ->> '$.dimensions',
                    deduction = j.value ->> '$.deduction', deduction_reason = j.value ->> '$.deductionReason', reviewer = j.value ->> '$.reviewer',
                    version = r.version + 1, updated_at = ?2, updated_by = ?3
                  FROM json_each(?1) AS j WHERE ${MATCH} AND ${DIFFERS}`)
        .bind(json, a.now, a.tokenId),
      db
        .prepare(`INSERT INTO case_reviews (unit_id, case_no, reviewed_on, score, dimensions, deduction, deduction_reason, reviewer, created_by, created_at, updated_by, updated_at)
                  SELECT j.value ->> '$.unitId', j.value ->> '$.caseNo', j.value ->> '$.reviewedOn', j.value ->> '$.score', j.value ->> '$.dimensions',
                    j.value ->> '$.deduction', j.value ->> '$.deductionReason', j.value ->> '$.reviewer', ?3, ?2, ?3, ?2
                  FROM json_each(?1) AS j WHERE true
                  ON CONFLICT (unit_id, case_no, reviewed_on) DO NOTHING`)
        .bind(json, a.now, a.tokenId),
    );
    kinds.push("revision", "update", "insert");
  }
  let results: D1Result[];
  try {
    results = await db.batch(statements);
  } catch (err) {
    if (String(err).includes("tiaojie_stale_read")) return { kind: "stale_read" };
    throw err;
  }
  let inserted = 0;
  let updated = 0;
  results.forEach((r, i) => {
    if (kinds[i] === "insert") inserted += r.meta.changes;
    if (kinds[i] === "update") updated += r.meta.changes;
  });
  return { kind: "written", inserted, updated };
}

export interface UnitReviewRow {
  unitId: number;
  unit: string;
  kind: "town" | "department";
  reviews: number;
  points: number;
  scoredReviews: number;
  meanDeduction: number | null;
  failed: number;
  /** Mean score per dimension over the reviews that carry it. */
  means: Record<string, number | null>;
}

/** Per unit, the period's reviews: count, summed totals, and each dimension's mean over the reviews that score it. */
export async function loadUnitReviews(db: D1Database, a: { start: string; end: string; unitId: number | null; passMark: number }): Promise<UnitReviewRow[]> {
  // The dimension keys are constants of ledger/review-sheet.ts, never request text.
  const dims = REVIEW_DIMENSION_KEYS.map((k) => `avg(r.dimensions ->> '$.${k}') AS "d_${k}"`).join(", ");
  const { results } = await db
    .prepare(`SELECT r.unit_id AS unitId, u.name AS unit, u.kind AS kind, count(*) AS reviews, sum(r.score) AS points,
                count(r.dimensions ->> '$.${REVIEW_DIMENSION_KEYS[0]}') AS scoredReviews,
                avg(CASE WHEN r.dimensions ->> '$.${REVIEW_DIMENSION_KEYS[0]}' IS NOT NULL THEN coalesce(r.deduction, 0) END) AS meanDeduction,
                sum(r.score < ?4) AS failed, ${dims}
              FROM case_reviews AS r JOIN units AS u ON u.id = r.unit_id
              WHERE r.reviewed_on >= ?1 AND r.reviewed_on < ?2 AND (?3 IS NULL OR r.unit_id = ?3) AND u.kind IN ('town', 'department')
              GROUP BY r.unit_id ORDER BY u.kind DESC, u.id`)
    .bind(a.start, a.end, a.unitId, a.passMark)
    .all<Record<string, unknown>>();
  return results.map((r) => ({
    unitId: r.unitId as number,
    unit: r.unit as string,
    kind: r.kind as "town" | "department",
    reviews: r.reviews as number,
    points: r.points as number,
    scoredReviews: r.scoredReviews as number,
    meanDeduction: r.meanDeduction as number | null,
    failed: r.failed as number,
    means: Object.fromEntries(REVIEW_DIMENSION_KEYS.map((k) => [k, r[`d_${k}`] as number | null])),
  }));
}

/** The latest review of each live case in scope that totals below `passMark` (the flag rule decides again). */
export function failedReviewsStatement(db: D1Database, a: { unitId: number | null; caseNos: string[] | null; passMark: number }): D1PreparedStatement {
  return db
    .prepare(`WITH latest AS (
                SELECT r.unit_id, r.case_no, r.reviewed_on, r.score, r.reviewer,
                  row_number() OVER (PARTITION BY r.unit_id, r.case_no ORDER BY r.reviewed_on DESC, r.id DESC) AS rn
                FROM case_reviews AS r WHERE (?1 IS NULL OR r.unit_id = ?1)
                  AND (?2 IS NULL OR r.case_no IN (SELECT value FROM json_each(?2))))
              SELECT u.name AS unit, l.case_no AS caseNo, l.reviewed_on AS reviewedOn, l.score AS score, l.reviewer AS reviewer
              FROM latest AS l JOIN units AS u ON u.id = l.unit_id
              JOIN cases AS c ON c.unit_id = l.unit_id AND c.case_no = l.case_no AND ${liveCaseSql("c.")}
              WHERE l.rn = 1 AND l.score < ?3`)
    .bind(a.unitId, a.caseNos ? JSON.stringify(a.caseNos) : null, a.passMark);
}
