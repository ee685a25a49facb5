/**
 * Glue between D1 and the assignment engine: builds `assignMentors`' input for a period from the roster, the
 * ledgers and the stored previous periods; turns the result into stored lines with names and units.
 *
 * Choices (docs/API.md § Mentor assignments):
 * - Mentors: active 金牌调解员 with capacity > 0; their unit is their agency for the conflict-of-interest rule.
 * - Stars: active 星牌调解员; success rate over the cases they mediated that closed in the period (accepted cases;
 *   撤回 and 移送裁判 left out, as in the assessment), overdue = their open cases past the time limit on `asOf`.
 *   Their roster expertise (when listed) restricts which mentors may pair with them.
 * - Cases: open (accepted, 调解中 or no status), live, still in the ledger, 复杂/重大, received before the period
 *   ends. A case without a 纠纷领域 cannot be matched and is reported unassigned with that reason. A case whose
 *   调解员 is an active gold mediator (by a name unique among active gold mediators) counts as already mentored.
 * - Towns: units of kind town; success rate from the assessment counts of the period; overdue = open cases past
 *   their limit on `asOf`. One required visit, up to MAX_VISITS when weak.
 * - `asOf` = today (China time), or the period's last day when the period is over.
 * - Previous periods: stored periods of the same kind (month / quarter / year) only, so "2026-09" never counts as
 *   the period before "2026-Q4".
 * - Visits that happened: the 巡回指导记录 of the period just before (same kind) — rotation counts them like planned
 *   visits, and towns without one come first (worker/mentors/README.md). Only when the district records visits.
 */
import { SUCCESS_DENOMINATOR_STATUSES, SUCCESS_STATUS } from "../../ledger/counting.ts";
import type { Status } from "../../ledger/choices.ts";
import { timeLimitFor, type TimeLimits } from "../assessment/config.ts";
import { configInForce } from "../assessment/limits-service.ts";
import { addDays, daysBetween, parsePeriod, periodContaining, type Period } from "../../ledger/period.ts";
import { loadUnitCounts } from "../db/assessment.ts";
import { loadCasesForMentors, loadPreviousAssignments, type StoredAssignment } from "../db/assignments.ts";
import { listMediators, type StoredMediator } from "../db/mediators.ts";
import { loadTownVisitSummary, loadVisits } from "../db/visits.ts";
import { assignMentors } from "./assign.ts";
import type { AssignmentInput, AssignmentResult, ComplexCase, Domain, Mentor, StarMediator, TownNeed } from "./types.ts";

export const MAX_VISITS = 3;

export function asOfFor(period: Period, today: string): string {
  return today < period.end ? today : addDays(period.end, -1);
}

const isOverdue = (c: { receivedOn: string; stage: string | null; mediationType: string | null }, asOf: string, limits: TimeLimits) =>
  daysBetween(c.receivedOn, asOf) > timeLimitFor(c.stage, c.mediationType, limits);

export const caseTargetId = (unit: string, caseNo: string) => `${unit}/${caseNo}`;

export interface ComputedAssignments {
  input: AssignmentInput;
  result: AssignmentResult;
  lines: StoredAssignment[];
  asOf: string;
}

export async function computeAssignments(db: D1Database, periodLabel: string, today: string): Promise<ComputedAssignments> {
  const period = parsePeriod(periodLabel);
  const asOf = asOfFor(period, today);
  const before = periodContaining(addDays(period.start, -1), period.kind);
  const [roster, cases, units, limits, previous, visitsBefore, visitRecord] = await Promise.all([
    listMediators(db, null),
    loadCasesForMentors(db, { start: period.start, end: period.end }),
    loadUnitCounts(db, period, asOf),
    configInForce(db).then((c) => c.timeLimits),
    loadPreviousAssignments(db, period.label),
    loadVisits(db, before),
    loadTownVisitSummary(db, before),
  ]);
  const active = roster.filter((m) => m.active);
  const golds = active.filter((m) => m.tier === "金牌调解员");
  const starsOnRoster = active.filter((m) => m.tier === "星牌调解员");
  const byId = new Map(roster.map((m) => [String(m.id), m]));

  const mentors: Mentor[] = golds.map((m) => ({
    id: String(m.id), name: m.name, tier: "gold", unit: m.unit, expertise: m.expertise as Domain[], capacity: m.capacity, active: true,
  }));

  const starStats = new Map<number, { num: number; den: number; overdue: number }>();
  for (const c of cases.starCases) {
    const s = starStats.get(c.mediatorId) ?? { num: 0, den: 0, overdue: 0 };
    if (c.closedOn !== null && c.closedOn >= period.start && c.closedOn < period.end && c.status !== null) {
      if (SUCCESS_DENOMINATOR_STATUSES.includes(c.status as Status)) s.den++;
      if (c.status === SUCCESS_STATUS) s.num++;
    }
    if ((c.status === null || c.status === "调解中") && isOverdue(c, asOf, limits)) s.overdue++;
    starStats.set(c.mediatorId, s);
  }
  const stars: StarMediator[] = starsOnRoster.map((m) => {
    const s = starStats.get(m.id) ?? { num: 0, den: 0, overdue: 0 };
    return {
      id: String(m.id), name: m.name, unit: m.unit, successRate: { num: s.num, den: s.den }, overdueCases: s.overdue,
      ...(m.expertise.length > 0 ? { expertise: m.expertise as Domain[] } : {}),
    };
  });

  const goldByName = new Map<string, StoredMediator[]>();
  for (const g of golds) goldByName.set(g.name, [...(goldByName.get(g.name) ?? []), g]);
  const complex: ComplexCase[] = [];
  const noDomain: StoredAssignment[] = [];
  const caseMeta = new Map<string, { unitId: number; unit: string; caseNo: string }>();
  const overdueByUnit = new Map<number, number>();
  for (const c of cases.open) {
    if (isOverdue(c, asOf, limits)) overdueByUnit.set(c.unitId, (overdueByUnit.get(c.unitId) ?? 0) + 1);
    if (c.complexity !== "复杂" && c.complexity !== "重大") continue;
    const id = caseTargetId(c.unit, c.caseNo);
    if (!c.domain) {
      noDomain.push({
        kind: "case", mentorId: null, mentorName: null, mentorUnitId: null, mentorUnit: null, targetId: id, targetName: c.caseNo,
        targetUnitId: c.unitId, targetUnit: c.unit, caseNo: c.caseNo, slot: 1, cost: null, terms: [],
        reason: { zh: `案件未填写纠纷领域，无法匹配导师（${c.complexity}案件）`, en: `The case has no dispute domain, so no mentor can be matched (${c.complexity === "重大" ? "major" : "complex"} case)` },
      });
      continue;
    }
    caseMeta.set(id, { unitId: c.unitId, unit: c.unit, caseNo: c.caseNo });
    const named = c.mediator ? goldByName.get(c.mediator) : undefined;
    complex.push({
      id, unit: c.unit, caseNo: c.caseNo, domain: c.domain as Domain, complexity: c.complexity, respondent: c.respondent ?? "",
      ...(named && named.length === 1 ? { hasMentorId: String(named[0].id) } : {}),
    });
  }

  const towns: TownNeed[] = units
    .filter((u) => u.kind === "town")
    .map((u) => ({ town: u.unit, successRate: { ...u.counts.success }, overdueCases: overdueByUnit.get(u.unitId) ?? 0, minVisits: 1, maxVisits: MAX_VISITS }));
  const townIds = new Map(units.map((u) => [u.unit, u.unitId]));

  const kind = period.kind;
  const input: AssignmentInput = {
    period: period.label,
    mentors,
    stars,
    cases: complex,
    towns,
    previous: previous
      .filter((p) => parsePeriodSafe(p.period)?.kind === kind)
      .map((p) => ({ kind: p.kind, mentorId: String(p.mentorId), targetId: p.targetId, period: p.period })),
    ...(visitRecord.recording
      ? {
        visitPeriod: before.label,
        visits: visitsBefore.map((v) => ({ mentorId: golds.some((g) => g.id === v.mentorId) ? String(v.mentorId) : null, town: v.town, period: before.label })),
      }
      : {}),
  };
  const result = assignMentors(input);

  const target = (k: string, targetId: string) => {
    if (k === "case") {
      const m = caseMeta.get(targetId)!;
      return { targetName: m.caseNo, targetUnitId: m.unitId, targetUnit: m.unit, caseNo: m.caseNo };
    }
    if (k === "pairing") {
      const s = byId.get(targetId)!;
      return { targetName: s.name, targetUnitId: s.unitId, targetUnit: s.unit, caseNo: null };
    }
    return { targetName: targetId, targetUnitId: townIds.get(targetId) ?? null, targetUnit: targetId, caseNo: null };
  };
  const lines: StoredAssignment[] = [
    ...result.assignments.map((a) => {
      const m = byId.get(a.mentorId)!;
      return {
        kind: a.kind, mentorId: m.id, mentorName: m.name, mentorUnitId: m.unitId, mentorUnit: m.unit, targetId: a.targetId,
        ...target(a.kind, a.targetId), slot: a.slot, cost: a.cost, terms: a.terms, reason: a.reason,
      };
    }),
    ...result.unassigned.map((u) => ({
      kind: u.kind, mentorId: null, mentorName: null, mentorUnitId: null, mentorUnit: null, targetId: u.targetId,
      ...target(u.kind, u.targetId), slot: 1, cost: null, terms: [], reason: u.reason,
    })),
    ...noDomain,
  ];
  return { input, result, lines, asOf };
}

function parsePeriodSafe(label: string): Period | null {
  try {
    return parsePeriod(label);
  } catch {
    return null;
  }
}
