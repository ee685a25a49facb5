/** The mentor assignments a push receipt carries: the current period's stored case assignments of the pushed cases. */
import { parsePeriod, type Period } from "../../ledger/period.ts";
import { caseAssignments, listRunPeriods } from "../db/assignments.ts";
import type { AssignmentView } from "../../ledger/api/mentors.ts";
import { assignmentView } from "./views.ts";

/**
 * The computed period that is "current" on `today`: among stored periods containing today, the most specific
 * (a month before its quarter before its year). Null when none was computed.
 */
export function currentPeriod(periods: string[], today: string): string | null {
  let best: Period | null = null;
  for (const label of periods) {
    let p: Period;
    try {
      p = parsePeriod(label);
    } catch {
      continue;
    }
    if (today < p.start || today >= p.end) continue;
    if (!best || p.end < best.end || (p.end === best.end && p.start > best.start)) best = p;
  }
  return best?.label ?? null;
}

export async function assignmentsForPushedCases(db: D1Database, unitId: number, caseNos: string[], today: string): Promise<AssignmentView[]> {
  if (caseNos.length === 0) return [];
  const period = currentPeriod(await listRunPeriods(db), today);
  if (!period) return [];
  return (await caseAssignments(db, period, unitId, caseNos)).map((l) => assignmentView(period, l));
}
