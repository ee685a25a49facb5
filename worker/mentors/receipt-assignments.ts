/** The mentor assignments a push receipt carries: the current period's stored case assignments of the pushed cases. */
import { parsePeriod, type Period } from "../../ledger/period.ts";
import type { StoredAssignment } from "../db/assignments.ts";
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

/** Of the stored case assignments of the pushed cases (every period's), those of the period current on `today`. */
export function receiptAssignments(periods: string[], lines: (StoredAssignment & { period: string })[], today: string): AssignmentView[] {
  const period = currentPeriod(periods, today);
  if (!period) return [];
  return lines.filter((l) => l.period === period).map((l) => assignmentView(period, l));
}
