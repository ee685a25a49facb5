import type { IssueCode } from "../issue-codes.ts";

/**
 * Issue codes of the routing rule sheets: the case ledger's codes where the mistake is the same (an empty cell, a
 * domain that is not one, a unit not configured, a cell too long), and two of their own. Kept apart from
 * ISSUE_CODES, which are a case row's codes (the API's Issue schema, the pane's code names).
 */
export const RULE_ISSUE_SEVERITY = {
  required: "error",
  invalid_choice: "error",
  unknown_unit: "error",
  too_long: "error",
  // The same domain given two departments: which one is in charge is the coordinator's to say, not ours to guess.
  duplicate_domain: "error",
  // The same village listed twice under one town: harmless, but likely a slip worth seeing.
  duplicate_place: "warning",
} as const satisfies Record<string, "error" | "warning">;

export type RuleIssueCode = keyof typeof RULE_ISSUE_SEVERITY;
export const RULE_ISSUE_CODES = Object.keys(RULE_ISSUE_SEVERITY) as RuleIssueCode[];

/** The codes a rule sheet shares with the case ledger, worded by ledger/messages.ts. */
export type SharedRuleIssueCode = Extract<RuleIssueCode, IssueCode>;

/** One issue on a cell of a rule sheet; `key` is the sheet's column key. */
export interface RuleIssue<K extends string = string> {
  /** Excel row number (1-based). */
  row: number;
  /** Column letter, or null when the sheet has no such column. */
  column: string | null;
  key: K;
  code: RuleIssueCode;
  severity: "error" | "warning";
  message: string;
}
