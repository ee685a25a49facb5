/**
 * Links between the cases of one dispute, found without comparing every pair. The pairwise definitions stay in
 * case-rules.ts (isRepeatOf, isSameDisputeElsewhere); this file answers the same questions for many cases at once, in
 * O(n log n): one clerk's 10,000 cases between the same two parties made the pairwise loop 10⁸ comparisons, and the
 * local Worker (one thread) answered nobody else for seconds. test/worker/assessment/dispute-links.test.ts checks it
 * against the pairwise definitions on random ledgers.
 *
 * A dispute's cases are those with the same respondent and applicant name (the rows D1 hands over together); within
 * them, two rows that both carry an ID number are the same party only if the numbers agree (sameParties). So a case
 * with ID X is compared with the name's rows carrying X and those carrying none; a case without one, with all of them.
 */
import { addMonths } from "../../../ledger/period.ts";
import type { CaseRow } from "../../../ledger/schema.ts";
import { DEFAULT_CONFIG, type AssessmentConfig } from "../config.ts";

/** What the rules that compare cases with each other read. */
export type PartyCase = Pick<CaseRow, "caseNo" | "unit" | "receivedOn" | "status" | "closedOn" | "applicant" | "applicantId" | "respondent">;

/** Concluded: a final status (anything but 调解中) with its close date. */
export const isConcluded = (c: Pick<CaseRow, "status" | "closedOn">) => c.status != null && c.status !== "调解中" && c.closedOn != null;

/** The last day a case runs: its close date once concluded, else open-ended. */
export const endOf = (c: Pick<CaseRow, "status" | "closedOn">) => (isConcluded(c) ? c.closedOn! : "9999-12-31");

/** The respondent and applicant name, the key under which a dispute's cases are read and grouped. */
export const disputeKey = (c: Pick<CaseRow, "respondent" | "applicant">) => `${c.respondent}\u0000${c.applicant}`;

/** Cases of one respondent + applicant name, by ID number. */
interface ById<C> {
  all: C[];
  withoutId: C[];
  byId: Map<string, C[]>;
}

function byId<C extends PartyCase>(cases: readonly C[]): ById<C> {
  const out: ById<C> = { all: [], withoutId: [], byId: new Map() };
  for (const c of cases) {
    out.all.push(c);
    if (c.applicantId == null) out.withoutId.push(c);
    else {
      const g = out.byId.get(c.applicantId);
      if (g) g.push(c);
      else out.byId.set(c.applicantId, [c]);
    }
  }
  return out;
}

/** The lists, each sorted alike, that hold every case of the name the same party as `c` (sameParties). */
function partyLists<C extends PartyCase>(b: ById<C>, c: PartyCase): C[][] {
  if (c.applicantId == null) return [b.all];
  const same = b.byId.get(c.applicantId);
  return same ? [same, b.withoutId] : [b.withoutId];
}

/** Groups cases by respondent + applicant name; user text is only ever a Map key. */
export function disputes<C extends PartyCase>(cases: readonly C[]): C[][] {
  const groups = new Map<string, C[]>();
  for (const c of cases) {
    const k = disputeKey(c);
    const g = groups.get(k);
    if (g) g.push(c);
    else groups.set(k, [c]);
  }
  return [...groups.values()];
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sameCase = (a: PartyCase, b: PartyCase) => a === b || (a.unit === b.unit && a.caseNo === b.caseNo);

/**
 * Which of two earlier cases a repeat cites: the one concluded last; on the same day the one received last, then by
 * unit and case number (the greater), so that the choice never depends on the order D1 returned the rows in.
 */
export function concludedOrder(a: PartyCase, b: PartyCase): number {
  return cmp(a.closedOn!, b.closedOn!) || cmp(a.receivedOn, b.receivedOn) || cmp(a.unit, b.unit) || cmp(a.caseNo, b.caseNo);
}

/** The last index in `sorted` (by concludedOrder) whose close date is on or before `day`; -1 for none. */
function lastClosedBy(sorted: readonly PartyCase[], day: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid].closedOn! <= day) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/**
 * Each case's predecessor in its dispute: the latest concluded case between the same parties that it repeats
 * (isRepeatOf: received on or after that case's close date, within `repeatWithinMonths` of it), for the cases
 * `wanted` picks (default: all). A case that repeats none is absent from the map.
 *
 * Why the latest is enough: a later close date can only bring the window's end later (addMonths never goes back), so
 * if the latest case concluded by the day a case was received is more than N months back, every earlier one is too.
 */
export function repeatPredecessors<C extends PartyCase>(
  cases: readonly C[],
  config: AssessmentConfig = DEFAULT_CONFIG,
  wanted: (c: C) => boolean = () => true,
): Map<C, C> {
  const out = new Map<C, C>();
  const months = config.flags.repeatWithinMonths;
  for (const group of disputes(cases)) {
    if (group.length < 2) continue;
    const asked = group.filter(wanted);
    if (asked.length === 0) continue;
    const concluded = byId(group.filter(isConcluded).sort(concludedOrder));
    if (concluded.all.length === 0) continue;
    for (const c of asked) {
      let best: C | null = null;
      for (const list of partyLists(concluded, c)) {
        let i = lastClosedBy(list, c.receivedOn);
        // A case is not its own predecessor (it can be, when it closed the day it was received).
        while (i >= 0 && sameCase(list[i], c)) i--;
        if (i >= 0 && (best === null || concludedOrder(list[i], best) > 0)) best = list[i];
      }
      if (best !== null && c.receivedOn <= addMonths(best.closedOn!, months)) out.set(c, best);
    }
  }
  return out;
}

/** A unit's cases of one party, by receipt date, with the latest end seen so far at each position. */
interface ByReceipt<C> {
  cases: C[];
  /** endSoFar[i] = the latest endOf(cases[0..i]): rises with i, so it can be searched */
  endSoFar: string[];
}

/** By receipt date, then case number. */
export const receiptOrder = (a: PartyCase, b: PartyCase) => cmp(a.receivedOn, b.receivedOn) || cmp(a.caseNo, b.caseNo);

function byReceipt<C extends PartyCase>(cases: C[]): ByReceipt<C> {
  const sorted = cases.sort(receiptOrder);
  const endSoFar: string[] = [];
  let latest = "";
  for (const c of sorted) {
    const end = endOf(c);
    if (end > latest) latest = end;
    endSoFar.push(latest);
  }
  return { cases: sorted, endSoFar };
}

/** The first case of `list` (by receipt) still running on `day` or later and received by `until`; null for none. */
function firstOverlapping<C extends PartyCase>(list: ByReceipt<C>, day: string, until: string): C | null {
  let lo = 0;
  let hi = list.cases.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list.endSoFar[mid] < day) lo = mid + 1;
    else hi = mid;
  }
  // endSoFar first reaches `day` at lo, so cases[lo] itself runs that long; any later one was received later still.
  const c = list.cases[lo];
  return c !== undefined && c.receivedOn <= until ? c : null;
}

/**
 * For each case `wanted` picks, the same dispute in other units' ledgers (isSameDisputeElsewhere: same parties,
 * overlapping dates): one case per other unit, its earliest (by receipt date, then case number), the units in name
 * order. Cases with no such case are absent. O(n log n) per unit the dispute's cases are spread over.
 */
export function sameDisputeElsewhere<C extends PartyCase>(cases: readonly C[], wanted: (c: C) => boolean = () => true): Map<C, C[]> {
  const out = new Map<C, C[]>();
  for (const group of disputes(cases)) {
    if (group.length < 2) continue;
    const asked = group.filter(wanted);
    if (asked.length === 0) continue;
    const perUnit = new Map<string, C[]>();
    for (const c of group) {
      const u = perUnit.get(c.unit);
      if (u) u.push(c);
      else perUnit.set(c.unit, [c]);
    }
    if (perUnit.size < 2) continue;
    const units = [...perUnit.keys()].sort(cmp).map((unit) => {
      const b = byId(perUnit.get(unit)!);
      return { unit, all: byReceipt(b.all), withoutId: byReceipt(b.withoutId), byId: new Map([...b.byId].map(([id, cs]) => [id, byReceipt(cs)])) };
    });
    for (const c of asked) {
      const start = c.receivedOn;
      const end = endOf(c);
      const found: C[] = [];
      for (const u of units) {
        if (u.unit === c.unit) continue;
        const lists = c.applicantId == null ? [u.all] : [u.byId.get(c.applicantId), u.withoutId];
        let first: C | null = null;
        for (const list of lists) {
          const o = list ? firstOverlapping(list, start, end) : null;
          if (o !== null && (first === null || receiptOrder(o, first) < 0)) first = o;
        }
        if (first !== null) found.push(first);
      }
      if (found.length > 0) out.set(c, found);
    }
  }
  return out;
}
