/**
 * Mentor assignment engine for one period (金牌调解员巡回导师团, DOMAIN §3): pure, deterministic, exact.
 *
 * Modelling decisions
 * - One transportation problem: columns are the available mentors (active, gold, capacity > 0), rows are
 *   targets — each open 复杂/重大 case, each star mediator, and each visit slot of each town (slot j = the j-th
 *   visit this period, 1 ≤ j ≤ maxVisits). A row takes at most one mentor; every row uses ONE unit of the
 *   mentor's capacity, whatever its kind (unequal weights would make the LP fractional and lose exactness).
 * - Hard rules are edges that do not exist: a case only links to mentors whose expertise covers its domain
 *   and whose unit is not the case's respondent (conflict of interest; agency names compared without spaces);
 *   a star with listed domains only links to mentors sharing one; inactive or non-gold mentors are out.
 *   Capacity is the column capacity.
 * - Teams (多带一、团队帮带): a 重大 case or a struggling star (costs.ts isStruggling) is a row of demand 2 — it may
 *   take a second, DIFFERENT gold mentor. In the flow network the row has two source arcs (the first at cost 0, the
 *   second at the difference between the second mentor's terms and the first's, ≥ 0) and every row→mentor arc has
 *   capacity 1, so no mentor is on the same team twice. The matrix stays a network matrix, so the optimum is still
 *   integral and exact (team-flow.ts; equal to HiGHS on random instances with team rows in tests). The second
 *   mentor is reported as slot 2 of the case or pairing.
 * - Soft goals are integer costs (costs.ts): coverage (cases, required visits) ≫ stability ≈ star weakness ≈
 *   extra visits for weak towns > rotation. A row is assigned only when that strictly lowers the total cost,
 *   so a town with no weak spots gets its required visits and no extra ones.
 * - "Previous period" is the latest period in `previous` that sorts before `period` (same string format,
 *   e.g. "2026-10" < "2026-11"). Its pairings/cases (and a case's hasMentorId) earn the stability bonus
 *   when the pair is still allowed; its visits make the same mentor at the same town pay the rotation penalty.
 *   A mentor may make more than one visit to the same town in a period (each visit slot is its own row).
 * - Visits that happened (input.visits, from the 巡回指导记录) count too: the previous period is the latest period
 *   of either record; a mentor recorded at a town then pays the rotation penalty there, and a town with no recorded
 *   visit in that period gets the unvisited bonus on its required visit (it comes first when capacity is short).
 * - Solved exactly by min-cost flow (min-cost-flow.ts); the LP optimum equals it (checked against HiGHS in tests).
 * - Determinism: inputs sorted by id (code-unit order) before building; the solver breaks ties by index;
 *   output sorted by kind, target, slot.
 * - Unassigned required targets (cases, required visits) and unpaired stars are reported with the cause:
 *   no mentor with the domain, all such mentors conflicted, or capacity used up. Unused extra visits are not.
 */
import { buildNetwork, byText, isAvailable, sameAgency } from "./build-network.ts";
import { resolveCosts, sumTerms } from "./costs.ts";
import { solveTransportation } from "./min-cost-flow.ts";
import { assignmentReason, unassignedReason, type UnassignedCause } from "./reasons.ts";
import type { Assignment, AssignmentInput, AssignmentKind, AssignmentResult, Ratio, Unassigned } from "./types.ts";

const KIND_ORDER: Record<AssignmentKind, number> = { case: 0, visit: 1, pairing: 2 };

function fail(zh: string, en: string): never {
  throw new Error(`${zh} / ${en}`);
}

function checkCount(value: number, zh: string, en: string): void {
  if (!Number.isSafeInteger(value) || value < 0) fail(`${zh}必须是非负整数（${value}）`, `${en} must be a non-negative integer (got ${value})`);
}

function checkRatio(r: Ratio, zh: string, en: string): void {
  checkCount(r.num, zh, en);
  checkCount(r.den, zh, en);
  if (r.num > r.den) fail(`${zh}的成功件数大于结案件数`, `${en} has more successes than closed cases`);
}

function checkUnique(ids: string[], zh: string, en: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (!id) fail(`${zh}编号为空`, `${en} id is empty`);
    if (seen.has(id)) fail(`${zh}编号重复：${id}`, `duplicate ${en} id: ${id}`);
    seen.add(id);
  }
}

function checkInput(input: AssignmentInput): void {
  if (!input.period) fail("期间不能为空", "period is empty");
  checkUnique(input.mentors.map((m) => m.id), "导师", "mentor");
  checkUnique(input.stars.map((s) => s.id), "星牌调解员", "star mediator");
  checkUnique(input.cases.map((c) => c.id), "案件", "case");
  checkUnique(input.towns.map((t) => t.town), "乡镇", "town");
  for (const m of input.mentors) checkCount(m.capacity, `导师 ${m.id} 的容量`, `capacity of mentor ${m.id}`);
  for (const s of input.stars) {
    checkRatio(s.successRate, `星牌调解员 ${s.id} 的成功率`, `success rate of star ${s.id}`);
    checkCount(s.overdueCases, `星牌调解员 ${s.id} 的超期件数`, `overdue cases of star ${s.id}`);
  }
  for (const c of input.cases) {
    if (c.complexity !== "复杂" && c.complexity !== "重大") {
      fail(`案件 ${c.id} 的复杂程度须为复杂或重大（${c.complexity}）`, `case ${c.id} must be 复杂 or 重大 (got ${c.complexity})`);
    }
  }
  for (const t of input.towns) {
    checkRatio(t.successRate, `乡镇 ${t.town} 的成功率`, `success rate of town ${t.town}`);
    checkCount(t.overdueCases, `乡镇 ${t.town} 的超期件数`, `overdue cases of town ${t.town}`);
    if (!Number.isSafeInteger(t.minVisits) || t.minVisits < 1 || !Number.isSafeInteger(t.maxVisits) || t.maxVisits < t.minVisits) {
      fail(`乡镇 ${t.town} 的走访次数须满足 1 ≤ 最少 ≤ 最多`, `town ${t.town} needs integer visits with 1 ≤ minVisits ≤ maxVisits`);
    }
  }
}

export function assignMentors(input: AssignmentInput): AssignmentResult {
  checkInput(input);
  const config = resolveCosts(input.config);
  const net = buildNetwork(input, config);
  const solution = solveTransportation(net);

  const assignments: Assignment[] = [];
  const unassigned: Unassigned[] = [];
  const available = input.mentors.filter(isAvailable);

  net.rows.forEach((row, r) => {
    const column = solution.rowColumn[r];
    if (column >= 0) {
      const mentor = net.mentors[column];
      const terms = [...row.terms, ...net.edgeTerms(row, mentor)];
      assignments.push({
        kind: row.kind,
        mentorId: mentor.id,
        targetId: row.targetId,
        slot: row.slot,
        cost: sumTerms(terms),
        terms,
        reason: assignmentReason(net, row, mentor, terms, config),
      });
      const second = solution.rowColumn2[r];
      if (second >= 0 && row.secondTerms) {
        const partner = net.mentors[second];
        const secondTerms = [...row.secondTerms, ...net.edgeTerms(row, partner)];
        assignments.push({
          kind: row.kind,
          mentorId: partner.id,
          targetId: row.targetId,
          slot: 2,
          cost: sumTerms(secondTerms),
          terms: secondTerms,
          reason: assignmentReason(net, { ...row, slot: 2 }, partner, secondTerms, config, mentor),
        });
      }
      return;
    }
    if (!row.required && row.kind !== "pairing") return;
    let cause: UnassignedCause = "capacity";
    let candidates = 0;
    let respondent = "";
    if (row.kind === "case") {
      const c = net.cases[row.target];
      respondent = c.respondent;
      const experts = available.filter((m) => m.expertise.includes(c.domain));
      candidates = experts.filter((m) => !sameAgency(m.unit, c.respondent)).length;
      cause = experts.length === 0 ? "noExpert" : candidates === 0 ? "conflict" : "capacity";
    } else if (row.kind === "pairing") {
      if (net.rowStart[r + 1] === net.rowStart[r] && available.length > 0) {
        const s = net.stars[row.target];
        const shares = available.some((m) => (s.expertise ?? []).some((d) => m.expertise.includes(d)));
        cause = s.expertise && s.expertise.length > 0 && !shares ? "noExpert" : "capacity";
      }
    } else if (available.length === 0) {
      cause = "noMentor";
    }
    unassigned.push({ kind: row.kind, targetId: row.targetId, reason: unassignedReason(net, row, cause, candidates, respondent) });
  });

  const order = (a: { kind: AssignmentKind; targetId: string }, b: { kind: AssignmentKind; targetId: string }) =>
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || byText(a.targetId, b.targetId);
  assignments.sort((a, b) => order(a, b) || a.slot - b.slot || byText(a.mentorId, b.mentorId));
  unassigned.sort(order);

  return { period: input.period, assignments, unassigned, objective: solution.objective };
}
