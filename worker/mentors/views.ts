/** How stored assignment lines look in API responses and push receipts (docs/API.md § Mentor assignments). */
import type { AssignmentView, UnassignedView } from "../../ledger/api/mentors.ts";
import type { StoredAssignment } from "../db/assignments.ts";

const targetOf = (l: StoredAssignment) => ({ id: l.targetId, name: l.targetName, unit: l.targetUnit, caseNo: l.caseNo });

export function assignmentView(period: string, l: StoredAssignment): AssignmentView {
  return {
    period, kind: l.kind, mentor: { id: l.mentorId!, name: l.mentorName!, unit: l.mentorUnit }, target: targetOf(l),
    slot: l.slot, cost: l.cost ?? 0, terms: l.terms, reason: l.reason,
  };
}

export function splitLines(period: string, lines: StoredAssignment[]): { assignments: AssignmentView[]; unassigned: UnassignedView[] } {
  return {
    assignments: lines.filter((l) => l.mentorId !== null).map((l) => assignmentView(period, l)),
    unassigned: lines.filter((l) => l.mentorId === null).map((l) => ({ period, kind: l.kind, target: targetOf(l), reason: l.reason })),
  };
}
