/**
 * Shapes the add-in reads from the Worker API (docs/API.md). Kept structural and local so the task pane
 * bundle never pulls Worker code. Flags, assignments and rankings follow worker/assessment and
 * worker/mentors; their routes are not in docs/API.md yet (see endpoints.ts).
 */
export type Role = "clerk" | "coordinator" | "assessor" | "admin";

export interface Me {
  role: Role;
  unit: string | null;
  tokenId: number | null;
  label: string | null;
}

export interface Bilingual {
  zh: string;
  en: string;
}

export type FlagSeverity = "high" | "medium" | "low";

export interface Flag {
  code: string;
  severity: FlagSeverity;
  scope: "case" | "unit";
  unit: string;
  caseNo: string | null;
  facts?: Record<string, string | number | boolean | null>;
  message: Bilingual;
}

/** A mentor assignment as the Worker sends it (worker/mentors/views.ts, docs/API.md § Mentor assignments). */
export interface Assignment {
  period: string;
  kind: "case" | "visit" | "pairing";
  mentor: { id: number; name: string; unit: string | null };
  target: { id: string; name: string; unit: string | null; caseNo: string | null };
  reason: Bilingual;
}

export interface ServerIssue {
  row: number;
  column: string | null;
  key: string;
  code: string;
  severity: "error" | "warning";
  message: string;
}

export interface PushCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface PushReceipt {
  pushId: string;
  chunkIndex: number;
  chunkCount: number;
  unit: string;
  wholeLedger: boolean;
  receivedAt: string;
  counts: PushCounts;
  issues: ServerIssue[];
  rejectedRows: number[];
  complete: boolean;
  notInLedger: string[] | null;
  flags?: Flag[];
  assignments?: Assignment[];
}

export type CellInput = string | number | boolean | null;

export interface PushRow {
  row: number;
  values: Record<string, CellInput>;
}

export interface IndicatorValue {
  num: number;
  den: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  target: number | null;
  meetsTarget: boolean | null;
}

export const INDICATOR_KEYS = ["acceptance", "success", "onTime", "commitments", "preSuit", "ledgerQuality", "review"] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export interface RankedUnit {
  unit: string;
  kind: "town" | "department";
  rank: number | null;
  score: number | null;
  indicators: Record<IndicatorKey, IndicatorValue>;
}

export interface Rankings {
  period: string;
  units: RankedUnit[];
}
