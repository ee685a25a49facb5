/**
 * Indicator counts per unit and period, computed in D1 (worker/assessment/indicators.ts is the reference
 * implementation the tests hold this SQL to). One pass over `cases` for the case-based indicators; reviews and
 * push quality come from their own small tables. Bound parameters only, far under D1's 100 per statement.
 */
import { DEFAULT_CONFIG, DEFAULT_WEIGHTS, parseWeights, type TimeLimits, type Weights } from "../assessment/config.ts";
import { emptyCounts, type IndicatorCounts } from "../assessment/indicators.ts";
import type { Period } from "../assessment/period.ts";
import type { UnitCounts, UnitKind } from "../assessment/ranking.ts";

/** `CASE … END` choosing a case's time limit (stage first, then mediation type), as SQL plus its parameters. */
function timeLimitSql(limits: TimeLimits, firstParam: number): { sql: string; params: (string | number)[] } {
  const params: (string | number)[] = [];
  const whens: string[] = [];
  let n = firstParam;
  for (const [stage, days] of Object.entries(limits.byStage)) {
    whens.push(`WHEN stage = ?${n} THEN ?${n + 1}`);
    params.push(stage, days as number);
    n += 2;
  }
  for (const [type, days] of Object.entries(limits.byMediationType)) {
    whens.push(`WHEN mediation_type = ?${n} THEN ?${n + 1}`);
    params.push(type, days as number);
    n += 2;
  }
  params.push(limits.fallback);
  return { sql: `CASE ${whens.join(" ")} ELSE ?${n} END`, params };
}

/**
 * The indicator counts by a direct scan of `cases` — the definition the maintained daily counts must equal (tests
 * compare the two after every kind of write). ?1 = period start, ?2 = period end (exclusive), ?3 = today (a commitment counts once its due date has passed).
 * Live cases only (`deleted_at IS NULL`); cases a whole-ledger push no longer carried still count — dropping a row
 * from the sheet must not improve a score (docs/ASSESSMENT.md).
 */
export function caseCountsStatement(db: D1Database, period: Period, asOf: string, limits: TimeLimits = DEFAULT_CONFIG.timeLimits): D1PreparedStatement {
  const limit = timeLimitSql(limits, 4);
  const sql = `
    SELECT unit_id AS unitId,
      sum(rin) AS received,
      sum(rin AND accepted = 1) AS accepted,
      sum(cin) AS concluded,
      sum(cin AND julianday(closed_on) - julianday(received_on) <= ${limit.sql}) AS onTime,
      sum(cin AND status IN ('调解成功', '调解不成', '终止')) AS successDen,
      sum(cin AND status = '调解成功') AS successes,
      sum(cin AND status = '调解成功' AND stage = '诉前') AS preSuit,
      sum(din) AS commitmentsDue,
      sum(din AND commitment_met_on IS NOT NULL AND commitment_met_on <= commitment_due) AS commitmentsKept
    FROM (
      SELECT unit_id, status, stage, mediation_type, received_on, closed_on, accepted, commitment_due, commitment_met_on,
        received_on >= ?1 AND received_on < ?2 AS rin,
        accepted = 1 AND closed_on >= ?1 AND closed_on < ?2
          AND status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判') AS cin,
        commitment_due >= ?1 AND commitment_due < ?2 AND commitment_due < ?3 AS din
      FROM cases
      WHERE deleted_at IS NULL
        AND ((received_on >= ?1 AND received_on < ?2) OR (closed_on >= ?1 AND closed_on < ?2)
             OR (commitment_due >= ?1 AND commitment_due < ?2))
    )
    GROUP BY unit_id`;
  return db.prepare(sql).bind(period.start, period.end, asOf, ...limit.params);
}

/** The simplest aggregate over `cases` for the same period: the benchmark's yardstick. */
export function bareAggregateStatement(db: D1Database, period: Period): D1PreparedStatement {
  return db
    .prepare(`SELECT unit_id AS unitId, count(*) AS received, sum(accepted) AS accepted FROM cases
              WHERE deleted_at IS NULL AND received_on >= ?1 AND received_on < ?2 GROUP BY unit_id`)
    .bind(period.start, period.end);
}

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
 * are the rows with errors (warnings do not reject a row). Push times are UTC ISO timestamps.
 */
function ledgerQualityStatement(db: D1Database, period: Period): D1PreparedStatement {
  return db
    .prepare(`WITH last AS (
                SELECT id, unit_id, row_number() OVER (PARTITION BY unit_id ORDER BY completed_at DESC, id DESC) AS rn
                FROM pushes WHERE completed_at IS NOT NULL AND completed_at >= ?1 AND completed_at < ?2)
              SELECT last.unit_id AS unitId, sum(pc.inserted + pc.updated + pc.unchanged + pc.rejected) AS rows,
                     sum(pc.rejected) AS rejected
              FROM last JOIN push_chunks AS pc ON pc.push_id = last.id WHERE last.rn = 1 GROUP BY last.unit_id`)
    .bind(period.start, period.end);
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
  const [units, cases, reviews, quality] = await db.batch<Record<string, unknown>>([
    unitsStatement(db),
    dailyCountsStatement(db, period, asOf),
    reviewStatement(db, period),
    ledgerQualityStatement(db, period),
  ]);
  const byUnit = <T extends { unitId: number }>(rows: unknown[]) => new Map((rows as T[]).map((r) => [r.unitId, r]));
  const caseRows = byUnit<CaseCountRow>(cases.results);
  const reviewRows = byUnit<{ unitId: number; points: number; reviews: number }>(reviews.results);
  const qualityRows = byUnit<{ unitId: number; rows: number; rejected: number }>(quality.results);
  return (units.results as { id: number; name: string; kind: UnitKind }[]).map((u) => {
    const counts = countsFromCaseRow(caseRows.get(u.id));
    const r = reviewRows.get(u.id);
    if (r) counts.review = { num: r.points, den: r.reviews * 100 };
    const q = qualityRows.get(u.id);
    if (q) counts.ledgerQuality = { num: q.rows - q.rejected, den: q.rows };
    return { unitId: u.id, unit: u.name, kind: u.kind, counts };
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
    .prepare(`INSERT INTO assessment_weights (period, weights, updated_by, updated_at) VALUES (?1, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
              ON CONFLICT (period) DO UPDATE SET weights = excluded.weights, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
    .bind(period, JSON.stringify(weights), tokenId)
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

/** Records a review; the same case reviewed again on the same day replaces the earlier score. */
export async function upsertReview(db: D1Database, r: ReviewInput, tokenId: number | null): Promise<void> {
  await db
    .prepare(`INSERT INTO case_reviews (unit_id, case_no, reviewed_on, score, dimensions, reviewer, created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
              ON CONFLICT (unit_id, case_no, reviewed_on) DO UPDATE SET score = excluded.score, dimensions = excluded.dimensions,
                reviewer = excluded.reviewer, created_by = excluded.created_by`)
    .bind(r.unitId, r.caseNo, r.reviewedOn, r.score, r.dimensions == null ? null : JSON.stringify(r.dimensions), r.reviewer, tokenId)
    .run();
}

/** Recomputes assessment_daily from `cases` (after the time limits change). One batch: all or nothing. */
export const REBUILD_DAILY_SQL: readonly string[] = [
  `DELETE FROM assessment_daily`,
  `INSERT INTO assessment_daily (unit_id, day, received, accepted)
  SELECT c.unit_id, c.received_on, count(*), sum(c.accepted = 1) FROM cases AS c
  WHERE c.deleted_at IS NULL AND c.received_on IS NOT NULL GROUP BY c.unit_id, c.received_on`,
  `INSERT INTO assessment_daily (unit_id, day, concluded, on_time, success_den, successes, pre_suit)
  SELECT c.unit_id, c.closed_on, count(*),
    sum(julianday(c.closed_on) - julianday(c.received_on) <= COALESCE((SELECT days FROM assessment_time_limits WHERE kind = 'stage' AND value = c.stage),
        (SELECT days FROM assessment_time_limits WHERE kind = 'mediation_type' AND value = c.mediation_type),
        (SELECT days FROM assessment_time_limits WHERE kind = 'fallback'))),
    sum(c.status IN ('调解成功', '调解不成', '终止')), sum(c.status = '调解成功'), sum(c.status = '调解成功' AND c.stage IS '诉前')
  FROM cases AS c
  WHERE c.deleted_at IS NULL AND c.accepted = 1 AND c.closed_on IS NOT NULL AND c.status IN ('调解成功', '调解不成', '撤回', '终止', '移送裁判')
  GROUP BY c.unit_id, c.closed_on
  ON CONFLICT (unit_id, day) DO UPDATE SET concluded = concluded + excluded.concluded, on_time = on_time + excluded.on_time,
    success_den = success_den + excluded.success_den, successes = successes + excluded.successes, pre_suit = pre_suit + excluded.pre_suit`,
  `INSERT INTO assessment_daily (unit_id, day, commitments_due, commitments_kept)
  SELECT c.unit_id, c.commitment_due, count(*), sum(c.commitment_met_on IS NOT NULL AND c.commitment_met_on <= c.commitment_due)
  FROM cases AS c WHERE c.deleted_at IS NULL AND c.commitment_due IS NOT NULL GROUP BY c.unit_id, c.commitment_due
  ON CONFLICT (unit_id, day) DO UPDATE SET commitments_due = commitments_due + excluded.commitments_due,
    commitments_kept = commitments_kept + excluded.commitments_kept`,
];

export async function rebuildDailyCounts(db: D1Database): Promise<void> {
  await db.batch(REBUILD_DAILY_SQL.map((s) => db.prepare(s)));
}
