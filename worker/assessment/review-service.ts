/**
 * Case-file quality reviews (案件质量评查): the push of a 评查表 (POST /api/reviews) and the per-dimension report
 * (GET /api/reviews/dimensions). The rows are read again with ledger/review-sheet.ts exactly as the add-in and the
 * CLI read the sheet, against the configured units; a row naming a case that is not in that unit's ledger is
 * refused (case_not_found) and the other rows land. Everything that lands, lands in one batch.
 */
import type { ReviewDimensions, ReviewPush, ReviewReceipt } from "../../ledger/api/reviews.ts";
import type { Period } from "../../ledger/period.ts";
import { caseNotFoundIssue, REVIEW_DIMENSIONS, REVIEW_PASS_MARK, validateReviewRecords, type ReviewIssue } from "../../ledger/review-sheet.ts";
import { existingCases, loadUnitReviews, reviewCaseKey, writeReviews, type ReviewWrite } from "../db/reviews.ts";
import { listUnits } from "../db/units.ts";
import { ApiError } from "../errors.ts";
import { indicatorValue } from "./indicators.ts";

/** A case deleted between the read and the write makes the batch refuse; the push is worked out again this often. */
const ATTEMPTS = 3;

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Reads the push against the units and the stored cases, writes what reads cleanly, and says what happened. */
export async function pushReviews(db: D1Database, body: ReviewPush, a: { tokenId: number | null; today: string; now: string }): Promise<ReviewReceipt> {
  const units = await listUnits(db);
  const unitIds = new Map(units.map((u) => [u.name, u.id]));
  const rows = validateReviewRecords(body.rows, { locale: body.locale, columns: body.columns, units: units.map((u) => u.name), today: a.today });
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const candidates = rows.flatMap((r) => (r.review ? [{ row: r.row, review: r.review, unitId: unitIds.get(r.review.unit)! }] : []));
    const found = await existingCases(db, candidates.map((c) => ({ unitId: c.unitId, caseNo: c.review.caseNo })));
    const issues: ReviewIssue[] = [];
    const rejectedRows: number[] = [];
    const accepted: ReviewWrite[] = [];
    const missing = new Map<number, ReviewIssue>();
    for (const c of candidates) {
      if (!found.has(reviewCaseKey(c.unitId, c.review.caseNo))) {
        missing.set(c.row, caseNotFoundIssue(c.row, body.columns?.caseNo ?? null, c.review.caseNo, body.locale));
        continue;
      }
      const v = c.review;
      accepted.push({
        unitId: c.unitId, caseNo: v.caseNo, reviewedOn: v.reviewedOn, score: v.total,
        dimensions: JSON.stringify(v.scores), deduction: v.deduction, deductionReason: v.deductionReason, reviewer: v.reviewer,
      });
    }
    for (const r of rows) {
      const extra = missing.get(r.row);
      issues.push(...r.issues, ...(extra ? [extra] : []));
      if (extra || r.issues.some((i) => i.severity === "error")) rejectedRows.push(r.row);
    }
    const written = await writeReviews(db, { reviews: accepted, tokenId: a.tokenId, now: a.now, requireCases: true });
    if (written.kind === "stale_read") continue;
    const n = accepted.length;
    return {
      counts: { reviews: n, inserted: written.inserted, updated: written.updated, unchanged: n - written.inserted - written.updated, rejected: rejectedRows.length },
      issues,
      rejectedRows,
    };
  }
  throw new ApiError(409, "conflict", "评查的案件在推送期间被修改，请重新推送 Cases under review changed during the push; push again");
}

/** Per unit in scope (`unitId` null: every unit with reviews in the period), the mean total and where points are lost. */
export async function reviewDimensions(db: D1Database, period: Period, unitId: number | null): Promise<ReviewDimensions> {
  const rows = await loadUnitReviews(db, { start: period.start, end: period.end, unitId, passMark: REVIEW_PASS_MARK });
  return {
    period: period.label,
    passMark: REVIEW_PASS_MARK,
    dimensions: REVIEW_DIMENSIONS.map((d) => ({ key: d.key, zh: d.zh, en: d.en, max: d.max })),
    units: rows.map((r) => {
      // The same figure the ranking's 评查得分 uses: points over 100 per review, with its interval.
      const v = indicatorValue("review", { num: r.points, den: r.reviews * 100 });
      const pts = (x: number | null) => (x == null ? null : round2(x * 100));
      return {
        unit: r.unit,
        kind: r.kind,
        reviews: r.reviews,
        meanTotal: pts(v.rate),
        low: pts(v.low),
        high: pts(v.high),
        scoredReviews: r.scoredReviews,
        meanDeduction: r.meanDeduction == null ? null : round2(r.meanDeduction),
        failed: r.failed,
        dimensions: Object.fromEntries(REVIEW_DIMENSIONS.map((d) => {
          const mean = r.means[d.key];
          return [d.key, { mean: mean == null ? null : round2(mean), max: d.max, lost: mean == null ? null : round2(d.max - mean) }];
        })) as ReviewDimensions["units"][number]["dimensions"],
      };
    }),
  };
}
