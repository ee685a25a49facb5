/**
 * The rows the joint-meeting digest reads (worker/assessment/digest.ts decides what they count for). The SQL only
 * narrows: cases received, concluded or with a commitment due in the period, cases open now, recent agreements whose
 * 司法确认 window may still be open, and every case sharing its parties with a case received in the period. Both
 * statements run in one batch, so the sections describe the same state of the database.
 */
import type { DigestCase, UnitKind } from "../assessment/digest.ts";
import type { Period } from "../../ledger/period.ts";

const COLUMNS = `
  u.name AS unit, u.kind AS kind, c.case_no AS caseNo, c.received_on AS receivedOn, c.source AS source, c.stage AS stage,
  c.domain AS domain, c.mediation_type AS mediationType, c.applicant AS applicant, c.data ->> '$.applicantId' AS applicantId, c.mediator AS mediator,
  c.respondent AS respondent, c.accepted AS accepted, c.status AS status, c.closed_on AS closedOn,
  c.judicial_confirmation AS judicialConfirmation, c.commitment AS commitment, c.commitment_due AS commitmentDue,
  c.commitment_met_on AS commitmentMetOn, c.in_ledger AS inLedger`;

interface Row extends Omit<DigestCase, "accepted" | "judicialConfirmation" | "inLedger" | "kind"> {
  kind: UnitKind;
  accepted: number;
  judicialConfirmation: number | null;
  inLedger: number;
}

const toCase = (r: Row): DigestCase => ({
  ...r,
  accepted: r.accepted === 1,
  judicialConfirmation: r.judicialConfirmation == null ? null : r.judicialConfirmation === 1,
  inLedger: r.inLedger === 1,
});

export async function loadDigestCases(
  db: D1Database,
  a: { period: Period; asOf: string; agreementsSince: string },
): Promise<{ cases: DigestCase[]; partyCases: DigestCase[] }> {
  const { start, end } = a.period;
  const [cases, parties] = await db.batch([
    db.prepare(`SELECT ${COLUMNS} FROM cases AS c JOIN units AS u ON u.id = c.unit_id
                WHERE c.deleted_at IS NULL AND c.received_on IS NOT NULL AND (
                  (c.received_on >= ?1 AND c.received_on < ?2)
                  OR (c.closed_on >= ?1 AND c.closed_on < ?2)
                  OR (c.commitment_due >= ?1 AND c.commitment_due < ?2)
                  OR (c.accepted = 1 AND (c.status IS NULL OR c.status = '调解中'))
                  OR (c.status = '调解成功' AND c.closed_on >= ?3 AND c.closed_on <= ?4))`)
      .bind(start, end, a.agreementsSince, a.asOf),
    db.prepare(`WITH mine AS (
                  SELECT DISTINCT respondent, applicant FROM cases
                  WHERE deleted_at IS NULL AND in_ledger = 1 AND received_on >= ?1 AND received_on < ?2),
                shared AS (
                  SELECT c.respondent, c.applicant FROM mine JOIN cases AS c INDEXED BY cases_parties
                    ON c.respondent = mine.respondent AND c.applicant = mine.applicant
                  WHERE c.deleted_at IS NULL AND c.in_ledger = 1
                  GROUP BY c.respondent, c.applicant HAVING count(*) > 1)
                SELECT ${COLUMNS} FROM shared JOIN cases AS c INDEXED BY cases_parties
                  ON c.respondent = shared.respondent AND c.applicant = shared.applicant
                JOIN units AS u ON u.id = c.unit_id WHERE c.deleted_at IS NULL AND c.in_ledger = 1`)
      .bind(start, end),
  ]);
  return { cases: (cases.results as unknown as Row[]).map(toCase), partyCases: (parties.results as unknown as Row[]).map(toCase) };
}
