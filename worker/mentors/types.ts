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
}

export interface AssignmentInput {
  period: string;
  mentors: Mentor[];
  stars: StarMediator[];
  cases: ComplexCase[];
  towns: TownNeed[];
  previous: PreviousAssignment[];
  config?: Partial<CostConfig>;
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
  /** Visit number within the period for visits (1 = the required visit), 1 otherwise. */
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
