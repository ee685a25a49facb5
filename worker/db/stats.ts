/**
 * SQL of 诉源分析 (GET /api/stats): grouped counts of live cases for a set of units, in one batch so every table
 * reads the same state. What counts in a period is ledger/counting.ts through counting-sql.ts (the rankings' own
 * definition): received by received_on, concluded (and its outcome) by closed_on. Units travel as one JSON
 * parameter (json_each), so any number of units costs one bound parameter.
 */
import type { Period } from "../../ledger/period.ts";
import { countingSql } from "./counting-sql.ts";
import { liveCaseSql } from "./live-case-sql.ts";

const c = countingSql("c.");
/** Live cases (ledger/live-case.ts) of the units in ?3, as the daily counts count them. */
const IN_SCOPE = `${liveCaseSql("c.")} AND c.unit_id IN (SELECT value FROM json_each(?3))`;

export interface ReceivedGroup { unitId: number; domain: string | null; respondent: string | null; source: string | null; received: number; accepted: number }
export interface ConcludedGroup { source: string | null; stage: string | null; domain: string | null; status: string; month: string; n: number }
export interface OpenGroup { source: string | null; domain: string | null; monthEnd: string; n: number }
export interface ReceivedMonth { month: string; received: number; accepted: number }

export interface StatsRows {
  /** Received in the period, by unit, domain, respondent and source. */
  received: ReceivedGroup[];
  /** Concluded in the trend's months (which end with the period), by source, stage, domain, status and close month. */
  concluded: ConcludedGroup[];
  /** Received in each trend month. */
  receivedByMonth: ReceivedMonth[];
  /** Open at each trend month's end (and so at the period's end), by source and domain. */
  open: OpenGroup[];
}

/**
 * `trendStart` is the first day of the trend's first month; `monthEnds` the first day after each trend month (the
 * last one is the period's end).
 */
export async function loadStatsRows(db: D1Database, period: Period, trendStart: string, monthEnds: readonly string[], unitIds: readonly number[]): Promise<StatsRows> {
  const units = JSON.stringify(unitIds);
  const [received, concluded, receivedByMonth, open] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT c.unit_id AS unitId, c.domain, c.respondent, c.source, count(*) AS received, sum(c.accepted = 1) AS accepted
                FROM cases AS c WHERE ${IN_SCOPE} AND c.received_on >= ?1 AND c.received_on < ?2
                GROUP BY c.unit_id, c.domain, c.respondent, c.source`).bind(period.start, period.end, units),
    db.prepare(`SELECT c.source, c.stage, c.domain, c.status, substr(c.closed_on, 1, 7) AS month, count(*) AS n
                FROM cases AS c WHERE ${IN_SCOPE} AND ${c.concluded} AND c.closed_on >= ?1 AND c.closed_on < ?2
                GROUP BY c.source, c.stage, c.domain, c.status, month`).bind(trendStart, period.end, units),
    db.prepare(`SELECT substr(c.received_on, 1, 7) AS month, count(*) AS received, sum(c.accepted = 1) AS accepted
                FROM cases AS c WHERE ${IN_SCOPE} AND c.received_on >= ?1 AND c.received_on < ?2
                GROUP BY month`).bind(trendStart, period.end, units),
    // 在办 at a month's end: accepted, received before the end, and not concluded before it. A case concluded before
    // the trend's first day is open at no month's end, so the join only meets the cases that can be.
    db.prepare(`SELECT c.source, c.domain, e.value AS monthEnd, count(*) AS n
                FROM (SELECT * FROM cases AS c WHERE ${IN_SCOPE.replace("?3", "?2")} AND c.accepted = 1 AND c.received_on IS NOT NULL
                        AND c.received_on < ?4 AND NOT (${c.concluded} AND c.closed_on < ?3)) AS c
                JOIN json_each(?1) AS e ON c.received_on < e.value
                WHERE NOT (${c.concluded} AND c.closed_on < e.value)
                GROUP BY c.source, c.domain, e.value`).bind(JSON.stringify(monthEnds), units, trendStart, period.end),
  ]);
  return {
    received: received.results as unknown as ReceivedGroup[],
    concluded: concluded.results as unknown as ConcludedGroup[],
    receivedByMonth: receivedByMonth.results as unknown as ReceivedMonth[],
    open: open.results as unknown as OpenGroup[],
  };
}
