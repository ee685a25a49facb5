/** The court liaison's cases: the court's rows (db/court-cases.ts), each as the court may read it (court-case-view.ts). */
import type { CourtCase } from "../../ledger/api/court.ts";
import type { Period } from "../../ledger/period.ts";
import { findCourtCase, listCourtCases } from "../db/court-cases.ts";
import { courtCaseView } from "./court-case-view.ts";

export async function courtCasePage(
  db: D1Database,
  q: { period: Period | null; after: number; limit: number },
): Promise<{ cases: CourtCase[]; next: number | null }> {
  const page = await listCourtCases(db, q);
  return { cases: page.cases.map(courtCaseView), next: page.next };
}

/** null for a case that does not exist, is deleted, or is not the court's (all alike to the caller). */
export async function courtCase(db: D1Database, unit: string, caseNo: string): Promise<CourtCase | null> {
  const found = await findCourtCase(db, unit, caseNo);
  return found && courtCaseView(found);
}
