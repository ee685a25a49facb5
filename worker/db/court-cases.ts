import { COURT_SOURCES, COURT_STAGES, type CourtCase } from "../../ledger/api/court.ts";
import type { Period } from "../../ledger/period.ts";
import { storedCase } from "../push/content-hash.ts";

interface CourtDbRow {
  id: number;
  unit: string;
  caseNo: string;
  data: string;
  inLedger: number;
}

// The court's cases, written out once so the listing and the single case cannot disagree about which cases those are.
// The choice strings are bound (never spliced into the SQL); 5 parameters.
const COURT_FILTER = `c.deleted_at IS NULL AND (c.source IN (${COURT_SOURCES.map(() => "?").join(", ")})
  OR c.stage IN (${COURT_STAGES.map(() => "?").join(", ")}) OR c.judicial_confirmation = 1)`;
const COURT_PARAMS: string[] = [...COURT_SOURCES, ...COURT_STAGES];

/**
 * Only the fields the court liaison may see (ledger/api/court.ts): the applicant's ID number, phone, 备注 and place
 * never leave the database for this role, whatever the stored JSON holds. The names and free text kept here are
 * masked before they leave the Worker (court/court-case-view.ts).
 */
function toCourtCase(r: CourtDbRow): CourtCase {
  const d = storedCase(r.data);
  return {
    unit: r.unit, caseNo: r.caseNo, receivedOn: d.receivedOn, source: d.source, stage: d.stage, domain: d.domain,
    mediationType: d.mediationType, applicant: d.applicant, respondent: d.respondent, summary: d.summary, accepted: d.accepted,
    rejectReason: d.rejectReason, mediator: d.mediator, status: d.status, closedOn: d.closedOn, amount: d.amount,
    judicialConfirmation: d.judicialConfirmation, commitment: d.commitment, commitmentDue: d.commitmentDue,
    commitmentMetOn: d.commitmentMetOn, complexity: d.complexity, partyCount: d.partyCount, inLedger: r.inLedger === 1,
  };
}

/**
 * The court's live cases of every unit, in case-id order (a cursor that stays valid while pushes land); with a
 * period, those received or concluded in it.
 */
export async function listCourtCases(
  db: D1Database,
  q: { period: Period | null; after: number; limit: number },
): Promise<{ cases: CourtCase[]; next: number | null }> {
  const inPeriod = q.period
    ? `AND ((c.received_on >= ? AND c.received_on < ?) OR (c.closed_on >= ? AND c.closed_on < ?))`
    : "";
  const periodParams = q.period ? [q.period.start, q.period.end, q.period.start, q.period.end] : [];
  const { results } = await db
    .prepare(`SELECT c.id, u.name AS unit, c.case_no AS caseNo, c.data, c.in_ledger AS inLedger
              FROM cases AS c JOIN units AS u ON u.id = c.unit_id
              WHERE ${COURT_FILTER} ${inPeriod} AND c.id > ?
              ORDER BY c.id LIMIT ?`)
    .bind(...COURT_PARAMS, ...periodParams, q.after, q.limit + 1)
    .all<CourtDbRow>();
  const page = results.slice(0, q.limit);
  return { cases: page.map(toCourtCase), next: results.length > q.limit ? page[page.length - 1].id : null };
}

/** One court case; null for a case that does not exist, is deleted, or is not the court's (all alike to the caller). */
export async function findCourtCase(db: D1Database, unit: string, caseNo: string): Promise<CourtCase | null> {
  const r = await db
    .prepare(`SELECT c.id, u.name AS unit, c.case_no AS caseNo, c.data, c.in_ledger AS inLedger
              FROM cases AS c JOIN units AS u ON u.id = c.unit_id
              WHERE u.name = ? AND c.case_no = ? AND ${COURT_FILTER}`)
    .bind(unit, caseNo, ...COURT_PARAMS)
    .first<CourtDbRow>();
  return r ? toCourtCase(r) : null;
}
