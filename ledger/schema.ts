import { z } from "zod";
import { COMPLEXITIES, DOMAINS, MEDIATION_TYPES, SOURCES, STAGES, STATUSES } from "./choices.ts";
import { COLUMN_KEYS, MAX_PLACE } from "./columns.ts";
import { ISSUE_CODES } from "./issue-codes.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD");
const text = z.string().min(1).max(20_000);
export { MAX_PLACE };

/**
 * A case row after normalising: what the Worker stores and the add-in pushes.
 * Empty optional cells are null, never "" — so two pushes of the same ledger compare equal.
 */
export const CaseRowSchema = z.object({
  caseNo: z.string().min(1).max(100),
  receivedOn: isoDate,
  unit: z.string().min(1).max(100),
  source: z.enum(SOURCES).nullable(),
  domain: z.enum(DOMAINS).nullable(),
  stage: z.enum(STAGES).nullable(),
  mediationType: z.enum(MEDIATION_TYPES).nullable(),
  applicant: text,
  applicantId: z.string().regex(/^[0-9A-Z]{18}$/).nullable(),
  phone: z.string().max(100).nullable(),
  respondent: text,
  summary: text.nullable(),
  accepted: z.boolean(),
  rejectReason: text.nullable(),
  mediator: z.string().min(1).max(200).nullable(),
  status: z.enum(STATUSES).nullable(),
  closedOn: isoDate.nullable(),
  amount: z.number().nonnegative().finite().nullable(),
  judicialConfirmation: z.boolean().nullable(),
  commitment: text.nullable(),
  commitmentDue: isoDate.nullable(),
  commitmentMetOn: isoDate.nullable(),
  complexity: z.enum(COMPLEXITIES).nullable(),
  partyCount: z.number().int().min(1).nullable(),
  notes: text.nullable(),
  /**
   * Where the dispute happened. Rows stored before the column existed have no such key, and a row without a place is
   * stored without it (its hash must not change), so reading stored data it may be absent: absent means null.
   */
  place: z.string().min(1).max(MAX_PLACE).nullable().default(null),
});

export type CaseRow = z.infer<typeof CaseRowSchema>;

export const IssueSchema = z.object({
  /** Excel row number (1-based). */
  row: z.number().int().min(1),
  /** Column letter, or null when the ledger has no such column (e.g. a missing unit column). */
  column: z.string().nullable(),
  key: z.enum(COLUMN_KEYS),
  code: z.enum(ISSUE_CODES as [string, ...string[]]),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
});

export type Issue = z.infer<typeof IssueSchema> & { code: import("./issue-codes.ts").IssueCode };
