/**
 * Turns the period's input into the transportation network the solver takes: columns = eligible mentors
 * (sorted by id), rows = targets (cases, town visits, stars; each sorted), edges = the eligible pairs only.
 */
import { caseTerms, mentorTerms, starTerms, sumTerms, teamTerms, visitTerms } from "./costs.ts";
import type { AssignmentInput, AssignmentKind, ComplexCase, CostConfig, CostTerm, Mentor, StarMediator, TownNeed } from "./types.ts";
import type { TransportProblem } from "./min-cost-flow.ts";

export interface Row {
  kind: AssignmentKind;
  targetId: string;
  slot: number;
  /** Index into the sorted cases / towns / stars. */
  target: number;
  /** Terms that hold whichever mentor is chosen. */
  terms: CostTerm[];
  /** Required coverage (a case, or a town's required visit): reported when left unassigned. */
  required: boolean;
  /** A team row (多带一): the terms of its second, different mentor that hold whichever mentor it is. */
  secondTerms?: CostTerm[];
}

export interface Network extends TransportProblem {
  mentors: Mentor[];
  cases: ComplexCase[];
  stars: StarMediator[];
  towns: TownNeed[];
  rows: Row[];
  /** The period whose visits count for rotation and whose pairings/cases count for stability, or null. */
  previousPeriod: string | null;
  /** Towns with no recorded visit in the visit record's period (only when the input carries a visit record). */
  unvisited: Set<string>;
  visitPeriod: string | null;
  /** Mentor-dependent terms of a row's edge to a mentor (recomputed for the chosen edges only). */
  edgeTerms(row: Row, mentor: Mentor): CostTerm[];
}

/** Code-unit order, the same on every runtime (localeCompare is not). */
export function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Agency names are compared without spaces so "区 住建局" and "区住建局" are the same respondent. */
export function agencyKey(name: string): string {
  return name.replace(/\s+/g, "");
}

export function sameAgency(a: string, b: string): boolean {
  const key = agencyKey(a);
  return key !== "" && key === agencyKey(b);
}

export function isAvailable(m: Mentor): boolean {
  return m.active && m.tier === "gold" && m.capacity > 0;
}

export function buildNetwork(input: AssignmentInput, config: CostConfig): Network {
  const mentors = input.mentors.filter(isAvailable).sort((a, b) => byText(a.id, b.id));
  const cases = [...input.cases].sort((a, b) => byText(a.id, b.id));
  const stars = [...input.stars].sort((a, b) => byText(a.id, b.id));
  const towns = [...input.towns].sort((a, b) => byText(a.town, b.town));

  const previousPeriod = [...input.previous.map((p) => p.period), ...(input.visits ?? []).map((v) => v.period), ...(input.visitPeriod ? [input.visitPeriod] : [])]
    .filter((p) => p < input.period)
    .reduce<string | null>((latest, p) => (latest === null || p > latest ? p : latest), null);
  // kind + target → mentors who had it in the previous period (looked up once per row, not per edge).
  const before = new Map<string, Set<string>>();
  for (const p of input.previous) {
    if (p.period !== previousPeriod) continue;
    const key = `${p.kind}\u0000${p.targetId}`;
    const set = before.get(key);
    if (set) set.add(p.mentorId);
    else before.set(key, new Set([p.mentorId]));
  }
  // Visits that happened count like planned ones: the mentor who was there pays the rotation penalty next period.
  const visitedTowns = new Set<string>();
  for (const v of input.visits ?? []) {
    if (v.period === input.visitPeriod) visitedTowns.add(v.town);
    if (v.period !== previousPeriod || v.mentorId === null) continue;
    const key = `visit\u0000${v.town}`;
    const set = before.get(key);
    if (set) set.add(v.mentorId);
    else before.set(key, new Set([v.mentorId]));
  }
  const unvisited = new Set<string>(
    input.visitPeriod !== undefined && input.visitPeriod < input.period ? towns.map((t) => t.town).filter((t) => !visitedTowns.has(t)) : [],
  );
  const previousMentors = (row: Row): Set<string> | undefined => before.get(`${row.kind}\u0000${row.targetId}`);

  const keeps = (row: Row, mentorId: string, had: Set<string> | undefined): boolean =>
    row.kind !== "visit" && ((had?.has(mentorId) ?? false) || (row.kind === "case" && cases[row.target].hasMentorId === mentorId));
  const repeats = (row: Row, mentorId: string, had: Set<string> | undefined): boolean => row.kind === "visit" && (had?.has(mentorId) ?? false);

  const edgeTerms = (row: Row, mentor: Mentor): CostTerm[] => {
    const had = previousMentors(row);
    return mentorTerms(keeps(row, mentor.id, had), repeats(row, mentor.id, had), config);
  };

  const byDomain = new Map<string, number[]>();
  mentors.forEach((m, j) => {
    for (const d of new Set(m.expertise)) {
      const list = byDomain.get(d);
      if (list) list.push(j);
      else byDomain.set(d, [j]);
    }
  });
  const everyone = mentors.map((_, j) => j);

  const rows: Row[] = [];
  const rowStart: number[] = [0];
  const edgeColumn: number[] = [];
  const edgeCost: number[] = [];
  const rowSecond: number[] = [];
  const addRow = (row: Row, eligible: readonly number[]) => {
    rows.push(row);
    const base = sumTerms(row.terms);
    rowSecond.push(row.secondTerms ? sumTerms(row.secondTerms) - base : NaN);
    const had = previousMentors(row);
    const hasMentorId = row.kind === "case" ? cases[row.target].hasMentorId : undefined;
    for (const j of eligible) {
      let cost = base;
      // Same rule as edgeTerms, without building term arrays for every eligible pair.
      if (had !== undefined || hasMentorId !== undefined) {
        const id = mentors[j].id;
        if (keeps(row, id, had)) cost -= config.stabilityBonus;
        if (repeats(row, id, had)) cost += config.rotationPenalty;
      }
      // An edge that gains nothing is left out: the target stays unassigned rather than use capacity for 0.
      if (cost >= 0) continue;
      edgeColumn.push(j);
      edgeCost.push(cost);
    }
    rowStart.push(edgeColumn.length);
  };

  const mentorUnit = mentors.map((m) => agencyKey(m.unit));
  cases.forEach((c, i) => {
    const respondent = agencyKey(c.respondent);
    const eligible = (byDomain.get(c.domain) ?? []).filter((j) => mentorUnit[j] === "" || mentorUnit[j] !== respondent);
    const terms = caseTerms(c, config);
    const secondTerms = teamTerms("case", c, sumTerms(terms), config) ?? undefined;
    addRow({ kind: "case", targetId: c.id, slot: 1, target: i, terms, required: true, ...(secondTerms ? { secondTerms } : {}) }, eligible);
  });
  towns.forEach((t, i) => {
    for (let slot = 1; slot <= t.maxVisits; slot++) {
      const terms = visitTerms(t, slot, config, unvisited.has(t.town));
      addRow({ kind: "visit", targetId: t.town, slot, target: i, terms, required: slot <= t.minVisits }, everyone);
    }
  });
  stars.forEach((s, i) => {
    let eligible = everyone;
    if (s.expertise && s.expertise.length > 0) {
      const set = new Set<number>();
      for (const d of s.expertise) for (const j of byDomain.get(d) ?? []) set.add(j);
      eligible = [...set].sort((a, b) => a - b);
    }
    const terms = starTerms(s, config);
    const secondTerms = teamTerms("pairing", s, sumTerms(terms), config) ?? undefined;
    addRow({ kind: "pairing", targetId: s.id, slot: 1, target: i, terms, required: false, ...(secondTerms ? { secondTerms } : {}) }, eligible);
  });

  return {
    columns: mentors.length,
    capacity: mentors.map((m) => m.capacity),
    rowStart,
    edgeColumn,
    edgeCost,
    rowSecond,
    mentors,
    cases,
    stars,
    towns,
    rows,
    previousPeriod,
    unvisited,
    visitPeriod: input.visitPeriod ?? null,
    edgeTerms,
  };
}
