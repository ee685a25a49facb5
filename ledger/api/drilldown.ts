/**
 * GET /api/rankings/drilldown: the cases behind one unit's indicators for a period (docs/API.md § Assessments).
 * Every section carries its num/den, counted from the cases it lists, so they equal the ranking's for the same unit,
 * period and as-of day (docs/ASSESSMENT.md says what counts where; ledger/counting.ts holds the definitions).
 */
import { z } from "zod";
import { AsOfQuery, PeriodQuery } from "./assessment.ts";

export const DrilldownQuerySchema = z.object({
  /** A clerk may leave it out (their own unit); the assessment office and coordinators name one. */
  unit: z.string().trim().min(1).max(100).optional(),
  period: PeriodQuery,
  asOf: AsOfQuery,
});

const day = z.string();
const counts = { num: z.number(), den: z.number() };

/**
 * A case in a section. `inLedger` false: a whole-ledger push no longer carried it, yet it still counts (deleting a
 * row must not improve a score), so the reader is told why a case missing from the sheet is listed.
 */
const caseBase = { caseNo: z.string(), inLedger: z.boolean(), mediator: z.string().nullable() };

/** 受理率: every case received in the period; `accepted` puts it in the numerator. */
export const AcceptanceCaseSchema = z.object({ ...caseBase, receivedOn: day, accepted: z.boolean(), rejectReason: z.string().nullable() });
/** 调解成功率 and 诉前化解率: concluded cases with their outcome. */
export const OutcomeCaseSchema = z.object({ ...caseBase, receivedOn: day.nullable(), closedOn: day, status: z.string(), stage: z.string().nullable(), inNumerator: z.boolean() });
/** 按期办结率: concluded cases, the days they took against their time limit. */
export const OnTimeCaseSchema = z.object({ ...caseBase, receivedOn: day.nullable(), closedOn: day, status: z.string(), days: z.number().int().nullable(), limit: z.number().int(), onTime: z.boolean() });
/** kept: met on or before the due date; late: met after it; overdue: due date passed, not met; notYetDue: due on or after the as-of day. */
export const COMMITMENT_STATES = ["kept", "late", "overdue", "notYetDue"] as const;
export const CommitmentCaseSchema = z.object({ ...caseBase, commitment: z.string().nullable(), commitmentDue: day, commitmentMetOn: day.nullable(), state: z.enum(COMMITMENT_STATES) });
export const ReviewedCaseSchema = z.object({ caseNo: z.string(), reviewedOn: day, reviewer: z.string().nullable(), score: z.number() });
export const RejectedRowSchema = z.object({
  row: z.number().int(),
  /** `column` is the sheet's letter when the client sent its columns; `key` the ledger column (ledger/columns.ts). */
  errors: z.array(z.object({ column: z.string().nullable(), key: z.string(), code: z.string(), message: z.string() })),
});

export const DrilldownSchema = z.object({
  unit: z.string(),
  kind: z.enum(["town", "department"]),
  period: z.string(),
  asOf: z.string(),
  indicators: z.object({
    acceptance: z.object({ ...counts, cases: z.array(AcceptanceCaseSchema) }),
    /** `cases` are the denominator (调解成功、调解不成、终止); `excluded` the concluded cases it leaves out (撤回、移送裁判). */
    success: z.object({ ...counts, cases: z.array(OutcomeCaseSchema), excluded: z.array(OutcomeCaseSchema) }),
    onTime: z.object({ ...counts, cases: z.array(OnTimeCaseSchema) }),
    /** `cases` are the commitments counted (due in the period, before the as-of day); `notYetDue` are due later and not counted yet. */
    commitments: z.object({ ...counts, cases: z.array(CommitmentCaseSchema), notYetDue: z.array(CommitmentCaseSchema) }),
    preSuit: z.object({ ...counts, cases: z.array(OutcomeCaseSchema) }),
    /** From the unit's last completed push of the period (null: none); `rows` are the rejected rows, as that push's receipt named them. */
    ledgerQuality: z.object({ ...counts, push: z.object({ pushId: z.string(), completedAt: z.string() }).nullable(), rows: z.array(RejectedRowSchema) }),
    /** num = points scored, den = 100 × reviews, as in the ranking. */
    review: z.object({ ...counts, cases: z.array(ReviewedCaseSchema) }),
  }),
});
export type Drilldown = z.infer<typeof DrilldownSchema>;
export type OutcomeCase = z.infer<typeof OutcomeCaseSchema>;
export type CommitmentCase = z.infer<typeof CommitmentCaseSchema>;
