/**
 * A court case as it leaves the Worker for the court liaison: every person as court documents write one (surname + 某,
 * ledger/masking.ts), and the free text with the row's names and every ID, credit-code and phone number masked.
 * Each field is named here, so a field added to CourtCase does not reach the court before someone decides how.
 */
import type { CourtCase } from "../../ledger/api/court.ts";
import { maskFreeText, maskName } from "../../ledger/masking.ts";

export function courtCaseView(c: CourtCase): CourtCase {
  const names = [c.applicant, c.mediator, c.respondent];
  return {
    unit: c.unit, caseNo: c.caseNo, receivedOn: c.receivedOn, source: c.source, stage: c.stage, domain: c.domain,
    mediationType: c.mediationType,
    applicant: maskName(c.applicant),
    // An agency as written; a person typed in its place is masked like any other.
    respondent: maskName(c.respondent),
    summary: maskFreeText(c.summary, names),
    accepted: c.accepted,
    rejectReason: maskFreeText(c.rejectReason, names),
    mediator: maskName(c.mediator),
    status: c.status, closedOn: c.closedOn, amount: c.amount, judicialConfirmation: c.judicialConfirmation,
    commitment: maskFreeText(c.commitment, names),
    commitmentDue: c.commitmentDue, commitmentMetOn: c.commitmentMetOn, complexity: c.complexity, partyCount: c.partyCount,
    inLedger: c.inLedger,
  };
}
