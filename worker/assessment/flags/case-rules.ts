import type { CaseRow } from "../../../ledger/schema.ts";
import { DEFAULT_CONFIG, timeLimitFor, type AssessmentConfig } from "../config.ts";
import { addDays, addMonths, daysBetween } from "../../../ledger/period.ts";
import type { Flag } from "../../../ledger/api/flags.ts";
import { makeFlag } from "./make.ts";

/** What the case rules read: the normalised row plus two facts the server knows about it. */
export type FlagCase = Pick<
  CaseRow,
  | "caseNo" | "unit" | "receivedOn" | "accepted" | "status" | "closedOn" | "stage" | "mediationType" | "applicant" | "applicantId"
  | "respondent" | "judicialConfirmation" | "commitmentDue" | "commitmentMetOn" | "complexity"
> & {
  /** A gold mentor is assigned to the case. */
  hasMentor: boolean;
  /** The day the server last saw the row change (YYYY-MM-DD); null when unknown. */
  lastChangedOn: string | null;
};

/** What the rules that compare cases with each other read. */
export type PartyCase = Pick<FlagCase, "caseNo" | "unit" | "receivedOn" | "status" | "closedOn" | "applicant" | "applicantId" | "respondent">;

/** Accepted and not concluded: 调解中, or accepted with no status yet. */
export const isOpen = (c: Pick<CaseRow, "accepted" | "status">) => c.accepted && (c.status == null || c.status === "调解中");
const isFinal = (c: Pick<CaseRow, "status" | "closedOn">) => c.status != null && c.status !== "调解中" && c.closedOn != null;

/** Flags that need only the case itself. `today` is YYYY-MM-DD. */
export function singleCaseFlags(c: FlagCase, today: string, config: AssessmentConfig = DEFAULT_CONFIG): Flag[] {
  const out: Flag[] = [];
  const f = config.flags;
  if (isOpen(c)) {
    const limitDays = timeLimitFor(c.stage, c.mediationType, config.timeLimits);
    const daysOpen = daysBetween(c.receivedOn, today);
    // 调解期限: the day the time limit runs out, so a list can be sorted and filtered by it.
    const dueOn = addDays(c.receivedOn, limitDays);
    if (daysOpen > limitDays) {
      out.push(makeFlag("overdue", c.unit, c.caseNo, { receivedOn: c.receivedOn, daysOpen, limitDays, daysOver: daysOpen - limitDays, dueOn }));
    } else if (limitDays - daysOpen <= f.dueSoonDays) {
      out.push(makeFlag("due_soon", c.unit, c.caseNo, { receivedOn: c.receivedOn, daysOpen, limitDays, daysLeft: limitDays - daysOpen, dueOn }));
    }
    if ((c.complexity === "复杂" || c.complexity === "重大") && !c.hasMentor) {
      out.push(makeFlag("complex_without_mentor", c.unit, c.caseNo, { complexity: c.complexity }));
    }
    if (c.lastChangedOn != null) {
      const daysSinceChange = daysBetween(c.lastChangedOn, today);
      if (daysSinceChange >= f.staleAfterDays) {
        out.push(makeFlag("stale_open_case", c.unit, c.caseNo, { lastChangedOn: c.lastChangedOn, daysSinceChange, limitDays: f.staleAfterDays }));
      }
    }
  }
  if (c.commitmentDue != null && c.commitmentMetOn == null && c.commitmentDue < today) {
    out.push(makeFlag("commitment_overdue", c.unit, c.caseNo, { commitmentDue: c.commitmentDue, daysOverdue: daysBetween(c.commitmentDue, today) }));
  }
  // A 司法调解 ends in a court's own mediation document, which needs no confirmation; other agreements do.
  if (c.status === "调解成功" && c.closedOn != null && c.mediationType !== "司法调解" && c.judicialConfirmation !== true) {
    const deadline = addDays(c.closedOn, f.confirmationWindowDays);
    const daysLeft = daysBetween(today, deadline);
    if (daysLeft >= 0 && daysLeft <= f.confirmationWarnDays) {
      out.push(makeFlag("confirmation_window_closing", c.unit, c.caseNo, { closedOn: c.closedOn, deadline, daysLeft }));
    }
  }
  return out;
}

/** Same parties: same respondent, and the same applicant — by ID number when both rows have one, else by name. */
export function sameParties(a: Pick<CaseRow, "applicant" | "applicantId" | "respondent">, b: Pick<CaseRow, "applicant" | "applicantId" | "respondent">): boolean {
  if (a.respondent !== b.respondent) return false;
  return a.applicantId != null && b.applicantId != null ? a.applicantId === b.applicantId : a.applicant === b.applicant;
}

/** "判后仍有上访": `later` was received within N months after `earlier` concluded, between the same parties. */
export function isRepeatOf(later: PartyCase, earlier: PartyCase, config: AssessmentConfig = DEFAULT_CONFIG): boolean {
  if (later === earlier || (later.unit === earlier.unit && later.caseNo === earlier.caseNo)) return false;
  if (!isFinal(earlier) || !sameParties(later, earlier)) return false;
  return earlier.closedOn! <= later.receivedOn && later.receivedOn <= addMonths(earlier.closedOn!, config.flags.repeatWithinMonths);
}

/** Two units hold the same parties' dispute over overlapping dates (open cases run to infinity). */
export function isSameDisputeElsewhere(a: PartyCase, b: PartyCase): boolean {
  if (a.unit === b.unit || !sameParties(a, b)) return false;
  const aEnd = isFinal(a) ? a.closedOn! : "9999-12-31";
  const bEnd = isFinal(b) ? b.closedOn! : "9999-12-31";
  return a.receivedOn <= bEnd && b.receivedOn <= aEnd;
}

export function repeatFlag(later: PartyCase, earlier: PartyCase, config: AssessmentConfig = DEFAULT_CONFIG): Flag {
  return makeFlag("repeat_dispute", later.unit, later.caseNo, {
    receivedOn: later.receivedOn, previousUnit: earlier.unit, previousCaseNo: earlier.caseNo, previousClosedOn: earlier.closedOn, withinMonths: config.flags.repeatWithinMonths,
  });
}

export function sameDisputeFlag(c: PartyCase, other: PartyCase): Flag {
  return makeFlag("same_dispute_two_units", c.unit, c.caseNo, { otherUnit: other.unit, otherCaseNo: other.caseNo, otherReceivedOn: other.receivedOn });
}

const partyKey = (c: PartyCase) => `${c.respondent}\u0000${c.applicant}`;

/**
 * Flags that compare cases with each other. Cases are grouped by respondent + applicant name first; rows with ID
 * numbers but the same name are then told apart by `sameParties`. Only the latest earlier case is cited per repeat,
 * and one case per other unit for the same dispute (its earliest), so a case's flags stay few however many ledgers
 * repeat the same names. `inScope` picks the cases whose flags are wanted (a push receipt's cases); the others are
 * only compared against.
 */
export function crossCaseFlags<C extends PartyCase>(cases: readonly C[], config: AssessmentConfig = DEFAULT_CONFIG, inScope?: (c: C) => boolean): Flag[] {
  const groups = new Map<string, C[]>();
  for (const c of cases) {
    const k = partyKey(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  const out: Flag[] = [];
  for (const g of groups.values()) {
    if (g.length < 2) continue;
    for (const c of g) {
      if (inScope && !inScope(c)) continue;
      let previous: C | null = null;
      const elsewhere = new Map<string, C>();
      for (const o of g) {
        if (isRepeatOf(c, o, config) && (previous == null || o.closedOn! > previous.closedOn!)) previous = o;
        if (o !== c && isSameDisputeElsewhere(c, o)) {
          const seen = elsewhere.get(o.unit);
          if (!seen || o.receivedOn < seen.receivedOn || (o.receivedOn === seen.receivedOn && o.caseNo < seen.caseNo)) elsewhere.set(o.unit, o);
        }
      }
      if (previous) out.push(repeatFlag(c, previous, config));
      for (const o of elsewhere.values()) out.push(sameDisputeFlag(c, o));
    }
  }
  return out;
}

/** A case's latest case-file review, as the review_failed rule reads it. */
export interface LatestReview {
  unit: string;
  caseNo: string;
  reviewedOn: string;
  score: number;
}

/**
 * 结果转化: a case whose latest review totals below the pass mark is to be put right; a later review at or above it
 * clears the flag (only the latest review counts).
 */
export function reviewFailedFlags(latest: readonly LatestReview[], passMark: number): Flag[] {
  return latest
    .filter((r) => r.score < passMark)
    .map((r) => makeFlag("review_failed", r.unit, r.caseNo, { score: Math.round(r.score * 100) / 100, passMark, reviewedOn: r.reviewedOn }));
}
