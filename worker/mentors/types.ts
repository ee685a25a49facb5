/** Inputs and outputs of the mentor assignment engine (金牌调解员巡回导师团, DOMAIN §3). */
import type { Domain } from "../../ledger/choices.ts";

export type { Domain };

/** A fraction kept as two counts so rates are exact (e.g. 31 of 50 cases mediated successfully). */
export interface Ratio {
  num: number;
  den: number;
}

export interface Mentor {
  id: string;
  name: string;
  tier: "gold";
  /** The mentor's own agency or unit; a case whose respondent is this unit is a conflict of interest. */
  unit: string;
  expertise: Domain[];
  /** Units of work this period; every pairing, case and visit uses one unit. */
  capacity: number;
  active: boolean;
}

export interface StarMediator {
  id: string;
  name: string;
  unit: string;
  successRate: Ratio;
  overdueCases: number;
  /** When given, only mentors sharing one of these domains may pair with the star. */
  expertise?: Domain[];
}

export interface ComplexCase {
  /** unit + caseNo, unique across the district. */
  id: string;
  unit: string;
  caseNo: string;
  domain: Domain;
  complexity: "复杂" | "重大";
  /** The agency the application is against; a mentor working there may not take the case. */
  respondent: string;
  /** The mentor already on the case, if any (kept when it breaks no rule). */
  hasMentorId?: string;
}

export interface TownNeed {
  town: string;
  successRate: Ratio;
  overdueCases: number;
  /** At least 1: every town is visited each period. */
  minVisits: number;
  maxVisits: number;
}

export type AssignmentKind = "pairing" | "case" | "visit";

export interface PreviousAssignment {
  kind: AssignmentKind;
  mentorId: string;
  /** star id, case id or town name. */
  targetId: string;
  period: string;
}

/** Integer weights of the objective; see costs.ts for what each one means and the defaults. */
export interface CostConfig {
  coverReward: number;
  majorCaseBonus: number;
  starBaseReward: number;
  weaknessScale: number;
  overduePoint: number;
  overdueCap: number;
  extraVisitScale: number;
  stabilityBonus: number;
  rotationPenalty: number;
  /** Success rate (percent) below which a star or town is named weak in the reason text. */
  weakRatePercent: number;
  /** What a team's second gold mentor earns (多带一): a 重大 case or a struggling star. 0 = no teams. */
  teamReward: number;
  /** A star is struggling (gets a team slot) below this success rate (percent) over at least teamStarMinClosed closed cases… */
  teamStarRatePercent: number;
  teamStarMinClosed: number;
  /** …or with at least this many overdue cases. */
  teamStarOverdue: number;
  /** A town with no recorded circuit visit in the previous period: its required visit earns this much more. */
  unvisitedBonus: number;
}

export interface AssignmentInput {
  period: string;
  mentors: Mentor[];
  stars: StarMediator[];
  cases: ComplexCase[];
  towns: TownNeed[];
  previous: PreviousAssignment[];
  /**
   * Circuit visits that actually happened (巡回指导记录), by period. Absent = the district keeps no visit record, and
   * only the planned visits in `previous` count for rotation.
   */
  visits?: RecordedVisit[];
  /**
   * The period the visit record covers (the one before `period`, same kind): a town with no visit in it is
   * "unvisited" and comes first. Absent = no visit record is kept, and no town is called unvisited.
   */
  visitPeriod?: string;
  config?: Partial<CostConfig>;
}

export interface RecordedVisit {
  /** The gold mentor's id, or null when the visitor is not (or no longer) an available gold mentor. */
  mentorId: string | null;
  town: string;
  period: string;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export interface CostTerm {
  /** e.g. "cover", "weakness", "stability", "rotation" (see costs.ts). */
  name: string;
  value: number;
}

export interface Assignment {
  kind: AssignmentKind;
  mentorId: string;
  /** star id, case id, or town name. */
  targetId: string;
  /**
   * Visits: the visit number within the period (1 = the required visit). Cases and pairings: 1, or 2 for the second
   * mentor of a team (团队帮带).
   */
  slot: number;
  /** Sum of terms; negative = worth doing. */
  cost: number;
  terms: CostTerm[];
  reason: Bilingual;
}

export interface Unassigned {
  kind: AssignmentKind;
  targetId: string;
  reason: Bilingual;
}

export interface AssignmentResult {
  period: string;
  assignments: Assignment[];
  unassigned: Unassigned[];
  /** Sum of the costs of all assignments: the minimum the engine reached. */
  objective: number;
}
