/** SQL behind results per mediator: the active roster, the period's cases with their mediator cell, its reviews. */
import type { Period } from "../../ledger/period.ts";
import type { MediatorCase, MediatorReview, RosterMediator } from "../assessment/mediator-results.ts";
import { liveCaseSql } from "./live-case-sql.ts";

/** In one round trip: the active roster; every live case received or closed in the period; the period's reviews. */
export async function loadMediatorInputs(db: D1Database, period: Period): Promise<{ roster: RosterMediator[]; cases: MediatorCase[]; reviews: MediatorReview[] }> {
  const [roster, cases, reviews] = await db.batch<Record<string, unknown>>([
    db.prepare(`SELECT m.name, u.name AS unit, m.tier FROM mediators AS m JOIN units AS u ON u.id = m.unit_id WHERE m.active = 1 ORDER BY u.id, m.name`),
    db
      .prepare(`SELECT u.name AS unit, c.case_no AS caseNo, c.mediator, c.received_on AS receivedOn, c.accepted, c.status,
                       c.closed_on AS closedOn, c.stage, c.mediation_type AS mediationType, c.commitment_due AS commitmentDue,
                       c.commitment_met_on AS commitmentMetOn
                  FROM cases AS c JOIN units AS u ON u.id = c.unit_id
                 WHERE ${liveCaseSql("c.")} AND c.mediator IS NOT NULL
                   AND ((c.received_on >= ?1 AND c.received_on < ?2) OR (c.closed_on >= ?1 AND c.closed_on < ?2))`)
      .bind(period.start, period.end),
    db
      .prepare(`SELECT u.name AS unit, r.case_no AS caseNo, r.score FROM case_reviews AS r JOIN units AS u ON u.id = r.unit_id
                 WHERE r.reviewed_on >= ?1 AND r.reviewed_on < ?2`)
      .bind(period.start, period.end),
  ]);
  return {
    roster: roster.results as unknown as RosterMediator[],
    cases: (cases.results as unknown as (Omit<MediatorCase, "accepted"> & { accepted: number })[]).map((c) => ({ ...c, accepted: c.accepted === 1 })),
    reviews: reviews.results as unknown as MediatorReview[],
  };
}
