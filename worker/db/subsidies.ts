/** SQL of subsidy statements: the cases that may be payable by a date, and the per-period tiers. */
import { DEFAULT_SUBSIDY_TIERS, type SubsidyCase, type SubsidyTiers } from "../../ledger/subsidies.ts";
import { SUCCESS_STATUS } from "../../ledger/counting.ts";
import { SubsidyTiersSchema } from "../../ledger/api/subsidies.ts";
import { nowIso } from "../../ledger/clock.ts";
import { liveCaseSql } from "./live-case-sql.ts";

/**
 * Every live success (ledger/live-case.ts) that may be payable before `end`: by its close date or its commitment's met date.
 * All units and all earlier periods, because a dispute is paid once ever (ledger/subsidies.ts picks the one case).
 */
export async function loadSubsidyCases(db: D1Database, end: string): Promise<SubsidyCase[]> {
  const { results } = await db
    .prepare(`SELECT u.name AS unit, c.case_no AS caseNo, c.received_on AS receivedOn, c.applicant, c.respondent, c.domain,
                     c.accepted, c.status, c.closed_on AS closedOn, c.stage, c.commitment, c.commitment_due AS commitmentDue,
                     c.commitment_met_on AS commitmentMetOn, c.complexity, c.mediator
                FROM cases AS c JOIN units AS u ON u.id = c.unit_id
               WHERE ${liveCaseSql("c.")} AND c.accepted = 1 AND c.status = ?1
                 AND (c.closed_on < ?2 OR c.commitment_met_on < ?2)`)
    .bind(SUCCESS_STATUS, end)
    .all<Omit<SubsidyCase, "accepted"> & { accepted: number }>();
  return results.map((r) => ({ ...r, accepted: r.accepted === 1 }));
}

export async function getSubsidyTiers(db: D1Database, period: string): Promise<{ tiers: SubsidyTiers; source: "period" | "default" }> {
  const row = await db.prepare(`SELECT tiers FROM subsidy_tiers WHERE period = ?`).bind(period).first<{ tiers: string }>();
  if (!row) return { tiers: { ...DEFAULT_SUBSIDY_TIERS }, source: "default" };
  return { tiers: SubsidyTiersSchema.parse(JSON.parse(row.tiers)), source: "period" };
}

export async function setSubsidyTiers(db: D1Database, period: string, tiers: SubsidyTiers, tokenId: number | null): Promise<void> {
  await db
    .prepare(`INSERT INTO subsidy_tiers (period, tiers, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
              ON CONFLICT (period) DO UPDATE SET tiers = excluded.tiers, updated_by = excluded.updated_by, updated_at = excluded.updated_at`)
    .bind(period, JSON.stringify(tiers), tokenId, nowIso())
    .run();
}
