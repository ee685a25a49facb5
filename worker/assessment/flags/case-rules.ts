import type { CaseRow } from "../../../ledger/schema.ts";
import { DEFAULT_CONFIG, timeLimitFor, type AssessmentConfig } from "../config.ts";
import { addDays, addMonths, daysBetween } from "../../../ledger/period.ts";
import type { Flag } from "../../../ledger/api/flags.ts";
import { makeFlag } from "./make.ts";
import { firstPerGroup, type Capped } from "../capped-lists.ts";
import { disputeKey, endOf, isConcluded, receiptOrder, repeatPredecessors, sameDisputeElsewhere, type PartyCase } from "./dispute-links.ts";

export type { PartyCase } from "./dispute-links.ts";

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

/** Accepted and not concluded: 调解中, or accepted with no status yet. */
export const isOpen = (c: Pick<CaseRow, "accepted" | "status">) => c.accepted && (c.status == null || c.status === "调解中");

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
  if (!isConcluded(earlier) || !sameParties(later, earlier)) return false;
  return earlier.closedOn! <= later.receivedOn && later.receivedOn <= addMonths(earlier.closedOn!, config.flags.repeatWithinMonths);
}

/** Two units hold the same parties' dispute over overlapping dates (open cases run to infinity). */
export function isSameDisputeElsewhere(a: PartyCase, b: PartyCase): boolean {
  if (a.unit === b.unit || !sameParties(a, b)) return false;
  return a.receivedOn <= endOf(b) && b.receivedOn <= endOf(a);
}

/** `more`: the dispute's further repeats a list leaves out (crossCaseFlags' listPerDispute). */
export function repeatFlag(later: PartyCase, earlier: PartyCase, config: AssessmentConfig = DEFAULT_CONFIG, more = 0): Flag {
  return makeFlag("repeat_dispute", later.unit, later.caseNo, {
    receivedOn: later.receivedOn, previousUnit: earlier.unit, previousCaseNo: earlier.caseNo, previousClosedOn: earlier.closedOn, withinMonths: config.flags.repeatWithinMonths,
    ...(more > 0 ? { more } : {}),
  });
}

/** `more`: the unit's further cases of the dispute overlapping `other`'s unit that a list leaves out. */
export function sameDisputeFlag(c: PartyCase, other: PartyCase, more = 0): Flag {
  return makeFlag("same_dispute_two_units", c.unit, c.caseNo, { otherUnit: other.unit, otherCaseNo: other.caseNo, otherReceivedOn: other.receivedOn, ...(more > 0 ? { more } : {}) });
}

/**
 * Flags that compare cases with each other, for the cases `inScope` picks (a push receipt's cases; default all); the
 * others are only compared against. A repeat cites its predecessor (repeatPredecessors), a case held in other units
 * one case per unit (sameDisputeElsewhere): a case's flags stay few however many ledgers repeat the same names, and
 * the work grows as n log n.
 *
 * `listPerDispute` (a list someone reads, GET /api/flags): of one unit's flags of one code between the same parties
 * (for the same dispute in two units: with the same other unit), only the latest so many cases are listed, and the
 * latest of them says how many more there are (facts.more, "另有 N 件"); one clerk's thousands of cases between the
 * same two parties are then a few lines, not thousands of near-identical ones. A push receipt lists every flag of
 * its own chunk's rows, each written back to its row.
 */
export function crossCaseFlags<C extends PartyCase>(
  cases: readonly C[],
  config: AssessmentConfig = DEFAULT_CONFIG,
  inScope: (c: C) => boolean = () => true,
  o: { listPerDispute?: number } = {},
): Flag[] {
  const repeats = [...repeatPredecessors(cases, config, inScope)];
  const elsewhere: [C, C][] = [];
  for (const [c, others] of sameDisputeElsewhere(cases, inScope)) for (const other of others) elsewhere.push([c, other]);
  // One dispute in one unit: the same parties (the same ID number, or none), and for the same dispute in two units
  // the same other unit. Only the listed flags are made.
  const cap = o.listPerDispute;
  const listed = (pairs: [C, C][], withOther: boolean): Capped<[C, C]>[] =>
    cap === undefined ? pairs.map((item) => ({ item, more: 0 }))
      : firstPerGroup(pairs, ([c, other]) => `${c.unit}\u0000${disputeKey(c)}\u0000${c.applicantId ?? ""}${withOther ? `\u0000${other.unit}` : ""}`, ([a], [b]) => receiptOrder(b, a), cap);
  return [
    ...listed(repeats, false).map(({ item: [c, previous], more }) => repeatFlag(c, previous, config, more)),
    ...listed(elsewhere, true).map(({ item: [c, other], more }) => sameDisputeFlag(c, other, more)),
  ];
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
