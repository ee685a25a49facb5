/**
 * The indicator counts by a direct scan of `cases`, for tests and benchmarks only: what the trigger-kept daily
 * counts must equal. Built from the same counting rules as the product's SQL (worker/db/counting-sql.ts).
 * ?1 = period start, ?2 = period end (exclusive), ?3 = today (a commitment counts once its due date has passed).
 * Live cases only (ledger/live-case.ts, through worker/db/live-case-sql.ts).
 */
import { DEFAULT_CONFIG, type TimeLimits } from "../../worker/assessment/config.ts";
import type { Period } from "../../ledger/period.ts";
import { countingSql } from "../../worker/db/counting-sql.ts";
import { liveCaseSql } from "../../worker/db/live-case-sql.ts";

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

export function caseCountsStatement(db: D1Database, period: Period, asOf: string, limits: TimeLimits = DEFAULT_CONFIG.timeLimits): D1PreparedStatement {
  const limit = timeLimitSql(limits, 4);
  const c = countingSql("");
  const sql = `
    SELECT unit_id AS unitId,
      sum(rin) AS received,
      sum(rin AND accepted = 1) AS accepted,
      sum(cin) AS concluded,
      sum(cin AND ${c.onTime(limit.sql)}) AS onTime,
      sum(cin AND ${c.forSuccess}) AS successDen,
      sum(cin AND ${c.success}) AS successes,
      sum(cin AND ${c.preSuit}) AS preSuit,
      sum(din) AS commitmentsDue,
      sum(din AND ${c.commitmentKept}) AS commitmentsKept
    FROM (
      SELECT unit_id, status, stage, mediation_type, received_on, closed_on, accepted, commitment_due, commitment_met_on,
        received_on >= ?1 AND received_on < ?2 AS rin,
        ${c.concluded} AND closed_on >= ?1 AND closed_on < ?2 AS cin,
        commitment_due >= ?1 AND commitment_due < ?2 AND commitment_due < ?3 AS din
      FROM cases
      WHERE ${liveCaseSql("")}
        AND ((received_on >= ?1 AND received_on < ?2) OR (closed_on >= ?1 AND closed_on < ?2)
             OR (commitment_due >= ?1 AND commitment_due < ?2))
    )
    GROUP BY unit_id`;
  return db.prepare(sql).bind(period.start, period.end, asOf, ...limit.params);
}
