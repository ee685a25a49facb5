/**
 * The joint-meeting digest's sections (府院联席会议材料, ledger/api/digest.ts) from case rows: pure, no D1. The counting
 * rules are the assessment's (ledger/counting.ts) and the flags' (flags/case-rules.ts), so a figure in the digest is
 * the figure the rankings and the flags show for the same cases.
 */
import { judge } from "../../ledger/target-judgment.ts";
import { COURT_SOURCES, COURT_STAGES } from "../../ledger/api/court.ts";
import { TOP_RESPONDENTS, type Digest, type OutcomeCounts, type Rate } from "../../ledger/api/digest.ts";
import type { Domain, MediationType, Source, Stage, Status } from "../../ledger/choices.ts";
import { countsForSuccess, isCommitmentKept, isSuccess } from "../../ledger/counting.ts";
import { addDays, daysBetween, inPeriod, type Period } from "../../ledger/period.ts";
import type { AssessmentConfig } from "./config.ts";
import { timeLimitFor } from "./config.ts";
import { isOpen } from "./flags/case-rules.ts";
import { disputeKey, receiptOrder, repeatPredecessors } from "./flags/dispute-links.ts";
import { firstPerGroup } from "./capped-lists.ts";
import { LISTED_PER_DISPUTE } from "../../ledger/api/flags.ts";
import { wilson } from "./wilson.ts";

export type UnitKind = "town" | "department" | "centre";

export interface DigestCase {
  unit: string;
  kind: UnitKind;
  caseNo: string;
  receivedOn: string;
  source: Source | null;
  stage: Stage | null;
  domain: Domain | null;
  mediationType: MediationType | null;
  applicant: string;
  applicantId: string | null;
  /** a name of the row, masked in its free text (digest-privacy.ts) */
  mediator?: string | null;
  respondent: string;
  accepted: boolean;
  status: Status | null;
  closedOn: string | null;
  judicialConfirmation: boolean | null;
  commitment: string | null;
  commitmentDue: string | null;
  commitmentMetOn: string | null;
}

export interface DigestInput {
  period: Period;
  asOf: string;
  generatedAt: string;
  config: AssessmentConfig;
  /** live cases that any section may count (a superset: the rules pick) */
  cases: readonly DigestCase[];
  /** live cases sharing their parties with another case, for repeat disputes */
  partyCases: readonly DigestCase[];
  /**
   * Whose case lists: "court" names only cases in the court liaison's scope (a repeat also when its earlier case
   * was); the figures by unit stay district-wide, as the joint meeting discusses them.
   */
  caseLists?: "district" | "court";
}

/** Referred by the court or before it; 司法确认 alone does not make a case court-referred (section 3 covers it). */
export const isCourtReferred = (c: Pick<DigestCase, "source" | "stage">): boolean =>
  (COURT_SOURCES as readonly (string | null)[]).includes(c.source) || (COURT_STAGES as readonly (string | null)[]).includes(c.stage);
/** The court liaison's whole scope (ledger/api/court.ts isCourtCase). */
const isCourtCase = (c: DigestCase): boolean => isCourtReferred(c) || c.judicialConfirmation === true;

const KIND_ORDER: Record<UnitKind, number> = { town: 0, department: 1, centre: 2 };
const byUnit = (a: { unit: string; kind: UnitKind }, b: { unit: string; kind: UnitKind }) =>
  KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.unit.localeCompare(b.unit, "zh-CN");

const emptyOutcomes = (): OutcomeCounts => ({ received: 0, notAccepted: 0, open: 0, success: 0, failed: 0, withdrawn: 0, terminated: 0, referredToTrial: 0 });
const STATUS_KEY: Partial<Record<Status, keyof OutcomeCounts>> = { 调解成功: "success", 调解不成: "failed", 撤回: "withdrawn", 终止: "terminated", 移送裁判: "referredToTrial" };

function addOutcome(o: OutcomeCounts, c: DigestCase): void {
  o.received++;
  if (!c.accepted) o.notAccepted++;
  else if (isOpen(c) || c.closedOn == null) o.open++;
  else o[STATUS_KEY[c.status!] ?? "open"]++;
}

function rate(num: number, den: number, target: number | null): Rate {
  const ci = wilson(num, den);
  const r = { num, den, rate: den > 0 ? num / den : null, low: ci?.low ?? null, high: ci?.high ?? null };
  // The one judgment every sheet and flag uses: below target only when the whole interval lies below it.
  return { ...r, belowTarget: judge(r, target) === "missed" };
}

/** Groups by unit, keeping the unit's kind; towns first, then departments, each by name. */
function perUnit<T>(cases: readonly DigestCase[], init: () => T, add: (acc: T, c: DigestCase) => void): ({ unit: string; kind: UnitKind } & T)[] {
  const m = new Map<string, { unit: string; kind: UnitKind } & T>();
  for (const c of cases) {
    let acc = m.get(c.unit);
    if (!acc) m.set(c.unit, (acc = { unit: c.unit, kind: c.kind, ...init() }));
    add(acc, c);
  }
  return [...m.values()].sort(byUnit);
}

const ref = (c: DigestCase) => ({
  unit: c.unit, caseNo: c.caseNo, receivedOn: c.receivedOn, source: c.source, stage: c.stage, domain: c.domain, respondent: c.respondent,
  courtReferred: isCourtReferred(c),
});

export function digestSections(input: DigestInput): Digest {
  const { period, asOf, config } = input;
  const f = config.flags;
  const caseLists = input.caseLists ?? "district";
  const listed = (c: DigestCase) => caseLists === "district" || isCourtCase(c);
  const received = input.cases.filter((c) => inPeriod(c.receivedOn, period));
  const concluded = input.cases.filter((c) => inPeriod(c.closedOn, period));

  // (1) court-referred cases received in the period, by unit and by source
  const courtReceived = received.filter(isCourtReferred);
  const courtUnits = perUnit(courtReceived, emptyOutcomes, addOutcome);
  const courtTotal = emptyOutcomes();
  courtReceived.forEach((c) => addOutcome(courtTotal, c));
  const bySource = COURT_SOURCES.map((source) => {
    const o = emptyOutcomes();
    courtReceived.filter((c) => c.source === source).forEach((c) => addOutcome(o, c));
    return { source: source as Source | null, ...o };
  });
  const atStage = emptyOutcomes();
  courtReceived.filter((c) => !(COURT_SOURCES as readonly (string | null)[]).includes(c.source)).forEach((c) => addOutcome(atStage, c));
  bySource.push({ source: null, ...atStage });

  // (2) success rates of the cases concluded in the period
  const target = config.targets.success;
  const successOf = (cs: readonly DigestCase[]) => rate(cs.filter(isSuccess).length, cs.filter(countsForSuccess).length, target);
  const successUnits = perUnit(concluded.filter(countsForSuccess), () => ({ list: [] as DigestCase[] }), (acc, c) => acc.list.push(c))
    .map(({ unit, kind, list }) => ({ unit, kind, ...successOf(list) }));

  // (3) 司法确认: agreements of the period, and windows open on the as-of day
  const isAgreement = (c: DigestCase) => isSuccess(c) && c.mediationType !== "司法调解";
  const deadlineOf = (c: DigestCase) => addDays(c.closedOn!, f.confirmationWindowDays);
  const confirmation = perUnit(concluded.filter(isAgreement), () => ({ agreements: 0, applied: 0, windowOpen: 0, lapsed: 0 }), (acc, c) => {
    acc.agreements++;
    if (c.judicialConfirmation === true) acc.applied++;
    else if (deadlineOf(c) >= asOf) acc.windowOpen++;
    else acc.lapsed++;
  });
  const confirmationTotal = { agreements: 0, applied: 0, windowOpen: 0, lapsed: 0 };
  for (const u of confirmation) for (const k of ["agreements", "applied", "windowOpen", "lapsed"] as const) confirmationTotal[k] += u[k];
  const closing = input.cases
    .filter((c) => isAgreement(c) && c.judicialConfirmation !== true && c.closedOn! <= asOf && deadlineOf(c) >= asOf && listed(c))
    .map((c) => {
      const deadline = deadlineOf(c);
      const daysLeft = daysBetween(asOf, deadline);
      return { ...ref(c), closedOn: c.closedOn!, mediationType: c.mediationType, deadline, daysLeft, urgent: daysLeft <= f.confirmationWarnDays };
    })
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.unit.localeCompare(b.unit, "zh-CN") || a.caseNo.localeCompare(b.caseNo));

  // (4) open cases past their time limit on the as-of day
  const openNow = input.cases.filter((c) => isOpen(c) && c.receivedOn <= asOf);
  const daysOverOf = (c: DigestCase) => daysBetween(c.receivedOn, asOf) - timeLimitFor(c.stage, c.mediationType, config.timeLimits);
  const overdueNow = openNow.filter((c) => daysOverOf(c) > 0);
  const overdueCases = overdueNow
    .filter(listed)
    .map((c) => {
      const limitDays = timeLimitFor(c.stage, c.mediationType, config.timeLimits);
      return { ...ref(c), limitDays, dueOn: addDays(c.receivedOn, limitDays), daysOver: daysOverOf(c) };
    })
    .sort((a, b) => b.daysOver - a.daysOver || a.unit.localeCompare(b.unit, "zh-CN") || a.caseNo.localeCompare(b.caseNo));
  const overdueKeys = new Set(overdueNow.map((c) => `${c.unit}\u0000${c.caseNo}`));
  const overdueUnits = perUnit(openNow, () => ({ open: 0, overdue: 0 }), (acc, c) => {
    acc.open++;
    if (overdueKeys.has(`${c.unit}\u0000${c.caseNo}`)) acc.overdue++;
  });

  // (5) commitments due in the period
  const due = input.cases.filter((c) => inPeriod(c.commitmentDue, period));
  const commitmentState = (c: DigestCase): "kept" | "keptLate" | "overdue" | "pending" =>
    isCommitmentKept(c) ? "kept" : c.commitmentMetOn != null ? "keptLate" : c.commitmentDue! < asOf ? "overdue" : "pending";
  const commitmentUnits = perUnit(due, () => ({ due: 0, kept: 0, keptLate: 0, overdue: 0, pending: 0 }), (acc, c) => {
    acc.due++;
    acc[commitmentState(c)]++;
  });
  const commitmentTotal = { due: 0, kept: 0, keptLate: 0, overdue: 0, pending: 0 };
  for (const u of commitmentUnits) for (const k of ["due", "kept", "keptLate", "overdue", "pending"] as const) commitmentTotal[k] += u[k];
  const overdueCommitments = due
    .filter((c) => commitmentState(c) === "overdue" && listed(c))
    .map((c) => ({ ...ref(c), commitment: c.commitment, commitmentDue: c.commitmentDue!, daysOverdue: daysBetween(c.commitmentDue!, asOf) }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || a.unit.localeCompare(b.unit, "zh-CN") || a.caseNo.localeCompare(b.caseNo));

  // (6) repeat disputes received in the period, each citing its predecessor (as the repeat_dispute flag does)
  const linked = repeatPredecessors(input.partyCases, config, (c) => inPeriod(c.receivedOn, period));
  const found: [DigestCase, DigestCase][] = [];
  let repeatTotal = 0;
  let repeatsAfterCourt = 0;
  for (const [c, previous] of linked) {
    repeatTotal++;
    if (isCourtCase(previous)) repeatsAfterCourt++;
    if (listed(c) || listed(previous)) found.push([c, previous]);
  }
  // A dispute that came back many times is listed by its latest few repeats (those after a court case first), the
  // latest of them with how many more there are: the meeting reads one dispute, not thousands of near-identical lines.
  const dispute = ([c]: [DigestCase, DigestCase]) => `${disputeKey(c)}\u0000${c.applicantId ?? ""}`;
  const first = ([a, ap]: [DigestCase, DigestCase], [b, bp]: [DigestCase, DigestCase]) => Number(isCourtCase(bp)) - Number(isCourtCase(ap)) || receiptOrder(b, a);
  const repeats: Digest["repeats"]["cases"] = firstPerGroup(found, dispute, first, LISTED_PER_DISPUTE).map(({ item: [c, previous], more }) => ({
    ...ref(c), applicant: c.applicant, status: c.status,
    previous: { unit: previous.unit, caseNo: previous.caseNo, closedOn: previous.closedOn!, status: previous.status, stage: previous.stage, source: previous.source, courtCase: isCourtCase(previous) },
    more,
  }));
  repeats.sort((a, b) => Number(b.previous!.courtCase) - Number(a.previous!.courtCase) || a.receivedOn.localeCompare(b.receivedOn) || a.unit.localeCompare(b.unit, "zh-CN") || a.caseNo.localeCompare(b.caseNo));

  // (7) respondent agencies by cases received in the period
  const agencies = new Map<string, OutcomeCounts>();
  for (const c of received) {
    let o = agencies.get(c.respondent);
    if (!o) agencies.set(c.respondent, (o = emptyOutcomes()));
    addOutcome(o, c);
  }
  const ranked = [...agencies.entries()].sort((a, b) => b[1].received - a[1].received || a[0].localeCompare(b[0], "zh-CN"));
  const others = emptyOutcomes();
  for (const [, o] of ranked.slice(TOP_RESPONDENTS)) for (const k of Object.keys(others) as (keyof OutcomeCounts)[]) others[k] += o[k];

  return {
    period: period.label,
    asOf,
    generatedAt: input.generatedAt,
    caseLists,
    settings: { successTarget: target, confirmationWindowDays: f.confirmationWindowDays, confirmationWarnDays: f.confirmationWarnDays, repeatWithinMonths: f.repeatWithinMonths },
    courtReferred: { units: courtUnits, total: courtTotal, bySource },
    success: { units: successUnits, district: successOf(concluded), courtReferred: successOf(concluded.filter(isCourtReferred)) },
    confirmation: { units: confirmation, total: confirmationTotal, closing },
    overdue: { units: overdueUnits, cases: overdueCases },
    commitments: { units: commitmentUnits, total: commitmentTotal, keptRate: rate(commitmentTotal.kept, commitmentTotal.due, null), overdueCases: overdueCommitments },
    repeats: { cases: repeats, total: repeatTotal, afterCourt: repeatsAfterCourt },
    respondents: { top: ranked.slice(0, TOP_RESPONDENTS).map(([respondent, o]) => ({ respondent, ...o })), others, agencies: ranked.length },
  };
}
