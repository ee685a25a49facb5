/**
 * Indicator counts per unit and period, computed in D1 from the daily counts the triggers of migration 0014 keep
 * (ledger/counting.ts defines what counts; tests hold the triggers, the rebuild and a direct scan of `cases` to it).
 * Reviews and push quality come from their own small tables. Bound parameters only, far under D1's 100 per statement.
 */
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS, parseWeights, type TimeLimits, type Weights } from "../assessment/config.ts";
import { emptyCounts, type IndicatorCounts } from "../assessment/indicators.ts";
import type { Period } from "../../ledger/period.ts";
import type { UnitCounts, UnitKind } from "../assessment/ranking.ts";
import { countingSql, storedTimeLimitSql } from "./counting-sql.ts";
import { writeReviews } from "./reviews.ts";
import { chinaDayStartIso, nowIso } from "../../ledger/clock.ts";

/**
 * The same counts from assessment_daily (kept by triggers, migration 0014): a year is at most units × 366 × 3
 * small rows. Commitments count on due days before ?3 (today), as in the direct scan.
 */
export function dailyCountsStatement(db: D1Database, period: Period, asOf: string): D1PreparedStatement {
  return db
    .prepare(`SELECT unit_id AS unitId, sum(received) AS received, sum(accepted) AS accepted, sum(concluded) AS concluded,
                sum(on_time) AS onTime, sum(success_den) AS successDen, sum(successes) AS successes, sum(pre_suit) AS preSuit,
                sum(CASE WHEN day < ?3 THEN commitments_due ELSE 0 END) AS commitmentsDue,
                sum(CASE WHEN day < ?3 THEN commitments_kept ELSE 0 END) AS commitmentsKept
              FROM assessment_daily WHERE day >= ?1 AND day < ?2 GROUP BY unit_id`)
    .bind(period.start, period.end, asOf);
}

/** The time limits the daily counts were built with (assessment_time_limits), as configuration. */
export async function loadTimeLimits(db: D1Database): Promise<TimeLimits> {
  const { results } = await db.prepare(`SELECT kind, value, days FROM assessment_time_limits`).all<{ kind: string; value: string; days: number }>();
  const limits: TimeLimits = { byStage: {}, byMediationType: {}, fallback: DEFAULT_CONFIG.timeLimits.fallback };
  for (const r of results) {
    if (r.kind === "stage") (limits.byStage as Record<string, number>)[r.value] = r.days;
    else if (r.kind === "mediation_type") (limits.byMediationType as Record<string, number>)[r.value] = r.days;
    else limits.fallback = r.days;
  }
  return limits;
}

/** Review points per unit: sum of scores and 100 per review (see indicators.ts for why points). */
function reviewStatement(db: D1Database, period: Period): D1PreparedStatement {
  return db
    .prepare(`SELECT unit_id AS unitId, sum(score) AS points, count(*) AS reviews FROM case_reviews
              WHERE reviewed_on >= ?1 AND reviewed_on < ?2 GROUP BY unit_id`)
    .bind(period.start, period.end);
}

/**
 * Ledger quality: rows without errors over rows, from the unit's last completed push in the period. Rejected rows
 * are the rows with errors (warnings do not reject a row). Push times are UTC ISO timestamps, the period's bounds China
 * dates: compared through the instant each China day begins.
 */
function ledgerQualityStatement(db: D1Database, period: Period): D1PreparedStatement {
  return db
    .prepare(`WITH last AS (
                SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY completed_at DESC, id DESC) AS rn
                FROM pushes WHERE completed_at IS NOT NULL AND completed_at >= ?1 AND completed_at < ?2)
              SELECT last.unit_id AS unitId, sum(pc.inserted + pc.updated + pc.unchanged + pc.rejected) AS rows,
                     sum(pc.rejected) AS rejected
              FROM last JOIN push_chunks AS pc ON pc.push_id = last.id WHERE last.rn = 1 GROUP BY last.unit_id`)
    .bind(chinaDayStartIso(period.start), chinaDayStartIso(period.end));
}

function unitsStatement(db: D1Database): D1PreparedStatement {
  return db.prepare(`SELECT id, name, kind FROM units WHERE kind IN ('town', 'department') ORDER BY id`);
}

interface CaseCountRow {
  unitId: number;
  received: number;
  accepted: number;
  concluded: number;
  onTime: number;
  successDen: number;
  successes: number;
  preSuit: number;
  commitmentsDue: number;
  commitmentsKept: number;
}

export function countsFromCaseRow(r: CaseCountRow | undefined): IndicatorCounts {
  const c = emptyCounts();
  if (!r) return c;
  c.acceptance = { num: r.accepted ?? 0, den: r.received ?? 0 };
  c.success = { num: r.successes ?? 0, den: r.successDen ?? 0 };
  c.onTime = { num: r.onTime ?? 0, den: r.concluded ?? 0 };
  c.commitments = { num: r.commitmentsKept ?? 0, den: r.commitmentsDue ?? 0 };
  c.preSuit = { num: r.preSuit ?? 0, den: r.successes ?? 0 };
  return c;
}

export interface AssessedUnit extends UnitCounts {
  unitId: number;
}

/** Every town/street and department with its counts for the period (units without cases get zero counts). */
export async function loadUnitCounts(db: D1Database, period: Period, asOf: string): Promise<AssessedUnit[]> {
  const [units, ...perPeriod] = await db.batch<Record<string, unknown>>([unitsStatement(db), ...periodStatements(db, period, asOf)]);
  return assembleCounts(units.results, perPeriod.map((r) => r.results));
}

function periodStatements(db: D1Database, period: Period, asOf: string): D1PreparedStatement[] {
  return [dailyCountsStatement(db, period, asOf), reviewStatement(db, period), ledgerQualityStatement(db, period)];
}

function assembleCounts(unitRows: unknown[], [cases, reviews, quality]: unknown[][]): AssessedUnit[] {
  const byUnit = <T extends { unitId: number }>(rows: unknown[]) => new Map((rows as T[]).map((r) => [r.unitId, r]));
  const caseRows = byUnit<CaseCountRow>(cases);
  const reviewRows = byUnit<{ unitId: number; points: number; reviews: number }>(reviews);
  const qualityRows = byUnit<{ unitId: number; rows: number; rejected: number }>(quality);
  return (unitRows as { id: number; name: string; kind: UnitKind }[]).map((u) => {
    const counts = countsFromCaseRow(caseRows.get(u.id));
    const r = reviewRows.get(u.id);
    if (r) counts.review = { num: r.points, den: r.reviews * 100 };
    const q = qualityRows.get(u.id);
    if (q) counts.ledgerQuality = { num: q.rows - q.rejected, den: q.rows };
    return { unitId: u.id, unit: u.name, kind: u.kind, counts };
  });
}

export interface PeriodInputs {
  period: Period;
  weights: Weights;
  weightsSource: "period" | "default";
  units: AssessedUnit[];
}

/**
 * Counts and weights of several periods (a trend) in one batch: the units, the weights set for any of the
 * periods, and three statements per period. A trend is at most 24 periods: 74 statements, each with ≤ 3 parameters.
 */
export async function loadPeriodsInputs(db: D1Database, periods: readonly Period[], asOf: string): Promise<PeriodInputs[]> {
  const labels = JSON.stringify(periods.map((p) => p.label));
  const [units, weights, ...rest] = await db.batch<Record<string, unknown>>([
    unitsStatement(db),
    db.prepare(`SELECT period, weights FROM assessment_weights WHERE period IN (SELECT value FROM json_each(?))`).bind(labels),
    ...periods.flatMap((p) => periodStatements(db, p, asOf)),
  ]);
  const set = new Map((weights.results as { period: string; weights: string }[]).map((r) => [r.period, parseWeights(JSON.parse(r.weights))]));
  return periods.map((period, i) => {
    const own = set.get(period.label);
    return {
      period,
      weights: own ?? { ...DEFAULT_WEIGHTS },
      weightsSource: own ? "period" : "default",
      units: assembleCounts(units.results, rest.slice(i * 3, i * 3 + 3).map((r) => r.results)),
    };
  });
}

/** The weights set for a period, or the defaults; `source` says which. */
export async function getWeights(db: D1Database, period: string): Promise<{ weights: Weights; source: "period" | "default" }> {
  const row = await db.prepare(`SELECT weights FROM assessment_weights WHERE period = ?`).bind(period).first<{ weights: string }>();
  if (!row) return { weights: { ...DEFAULT_WEIGHTS }, source: "default" };
  return { weights: parseWeights(JSON.parse(row.weights)), source: "period" };
}

export async function setWeights(db: D1Database, period: string, weights: Weights, tokenId: number | null): Promise<void> {
  await db
    .prepare(`INSERT INTO assessment_weights (period, weights, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
              ON CONFLICT (period) DO UPDATE SET weights = excluded.weights, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
    .bind(period, JSON.stringify(weights), tokenId, nowIso())
    .run();
}

export interface ReviewInput {
  unitId: number;
  caseNo: string;
  reviewedOn: string;
  score: number;
  dimensions: Record<string, number> | null;
  reviewer: string | null;
}

/**
 * Records a review; the same case reviewed again on the same day replaces the earlier score, whose version is kept
 * (case_review_revisions), as for reviews pushed from a 评查表.
 */
export async function upsertReview(db: D1Database, r: ReviewInput, tokenId: number | null): Promise<void> {
  await writeReviews(db, {
    reviews: [{ ...r, dimensions: r.dimensions == null ? null : JSON.stringify(r.dimensions), deduction: null, deductionReason: null }],
    tokenId, now: nowIso(), requireCases: false,
  });
}

const c = countingSql("c.");

/** Recomputes assessment_daily from `cases` (after the time limits change). One batch: all or nothing. */
const REBUILD_DAILY_SQL: readonly string[] = [
  `DELETE FROM assessment_daily`,
  `INSERT INTO assessment_daily (unit_id, day, received, accepted)
  SELECT c.unit_id, c.received_on, count(*), sum(c.accepted = 1) FROM cases AS c
  WHERE c.deleted_at IS NULL AND c.received_on IS NOT NULL GROUP BY c.unit_id, c.received_on`,
  `INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
  SELECT c.unit_id, c.closed_on, count(*), sum(${c.onTime(storedTimeLimitSql("c."))}),
    sum(${c.forSuccess}), sum(${c.success}), sum(${c.preSuit})
  FROM cases AS c WHERE c.deleted_at IS NULL AND ${c.concluded}
  GROUP BY c.unit_id, c.closed_on
  ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
    success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit`,
  `INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
  SELECT c.unit_id, c.commitment_due, count(*), sum(${c.commitmentKept})
  FROM cases AS c WHERE c.deleted_at IS NULL AND c.commitment_due IS NOT NULL GROUP BY c.unit_id, c.commitment_due
  ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
    commitments_kept = commitments_kept + excluded.commitments_kept`,
];

/** The rebuild's statements, for a batch that changes the time limits and recounts in one transaction. */
export function rebuildDailyStatements(db: D1Database): D1PreparedStatement[] {
  return REBUILD_DAILY_SQL.map((s) => db.prepare(s));
}

export async function rebuildDailyCounts(db: D1Database): Promise<void> {
  await db.batch(rebuildDailyStatements(db));
}
