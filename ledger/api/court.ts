/**
 * The court liaison's view (法院联络员, role `court`): the cases 区法院 referred or will confirm, across all units,
 * with their outcomes. Which cases count is defined here once; the Worker's SQL filter is built from these lists.
 */
import { z } from "zod";
import { COMPLEXITIES, DOMAINS, MEDIATION_TYPES, SOURCES, STAGES, STATUSES } from "../choices.ts";

/** Sources meaning the court sent the case: 委派 before the suit, 委托 during it. */
export const COURT_SOURCES = ["法院委派（诉前）", "法院委托（诉中）"] as const satisfies readonly (typeof SOURCES)[number][];
/** Stages at which the case is before the court. */
export const COURT_STAGES = ["立案", "审判", "执行"] as const satisfies readonly (typeof STAGES)[number][];

/** Whether a case is the court's to see: referred by it, before it, or taken to it for 司法确认. */
export function isCourtCase(c: { source: string | null; stage: string | null; judicialConfirmation: boolean | null }): boolean {
  return (COURT_SOURCES as readonly (string | null)[]).includes(c.source)
    || (COURT_STAGES as readonly (string | null)[]).includes(c.stage)
    || c.judicialConfirmation === true;
}

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/**
 * A case as the court liaison sees it. The applicant's ID number and phone are left out: the court has them in its
 * own files for cases it sent, and a read-only district-wide token should not carry personal numbers for thousands
 * of people. The clerk's 备注 stays in the unit too. The Worker writes every person as surname + 某 and masks the
 * names and numbers in the free text (ledger/masking.ts, worker/court/court-case-view.ts); the court finds its own
 * files by unit and case number.
 */
export const CourtCaseSchema = z.object({
  unit: z.string(),
  caseNo: z.string(),
  receivedOn: isoDate,
  source: z.enum(SOURCES).nullable(),
  stage: z.enum(STAGES).nullable(),
  domain: z.enum(DOMAINS).nullable(),
  mediationType: z.enum(MEDIATION_TYPES).nullable(),
  applicant: z.string(),
  respondent: z.string(),
  summary: z.string().nullable(),
  accepted: z.boolean(),
  rejectReason: z.string().nullable(),
  mediator: z.string().nullable(),
  status: z.enum(STATUSES).nullable(),
  closedOn: isoDate.nullable(),
  amount: z.number().nullable(),
  judicialConfirmation: z.boolean().nullable(),
  commitment: z.string().nullable(),
  commitmentDue: isoDate.nullable(),
  commitmentMetOn: isoDate.nullable(),
  complexity: z.enum(COMPLEXITIES).nullable(),
  partyCount: z.number().int().nullable(),
  /** false once the unit's whole-ledger push no longer carried it (the case is kept, not deleted). */
  inLedger: z.boolean(),
});
export type CourtCase = z.infer<typeof CourtCaseSchema>;

export const CourtCasesQuerySchema = z.object({
  /** Only cases received or concluded in this period (2026-05, 2026-Q2, 2026); all when absent. */
  period: z.string().max(20).optional(),
  /** The `next` of the previous page. */
  after: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

/** One page of court cases, in a stable order; `next` is the cursor for the following page (null on the last). */
export const CourtCasePageSchema = z.object({
  period: z.string().nullable(),
  cases: z.array(CourtCaseSchema),
  next: z.number().int().nullable(),
});
export type CourtCasePage = z.infer<typeof CourtCasePageSchema>;
