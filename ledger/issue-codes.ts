/** Per-cell issue codes (DOMAIN §2): stable, used by the UI, the API and tests. */
export const ISSUE_SEVERITY = {
  required: "error",
  invalid_date: "error",
  future_date: "error",
  date_order: "error",
  invalid_choice: "error",
  invalid_id: "error",
  invalid_phone: "warning",
  invalid_number: "error",
  duplicate_case_no: "error",
  reject_reason_missing: "error",
  close_date_missing: "error",
  close_date_unexpected: "warning",
  commitment_due_missing: "error",
  unknown_mediator: "warning",
  unknown_unit: "error",
  // Beyond DOMAIN §2's list: a cell longer than the stored row allows (a pasted document, a runaway formula).
  too_long: "error",
  // Beyond DOMAIN §2's list: the case was transferred (分流) to another unit; the sending ledger can no longer change it.
  transferred: "error",
  // Beyond DOMAIN §2's list: a case transferred to the ledger's unit waits for its 签收; the ledger may not write the
  // number before that, so 签收 always stores exactly the transferred case.
  transfer_pending: "error",
} as const;

export type IssueCode = keyof typeof ISSUE_SEVERITY;
export type Severity = "error" | "warning";
export const ISSUE_CODES = Object.keys(ISSUE_SEVERITY) as IssueCode[];
