/**
 * The joint-meeting digest (府院联席会议材料): what the mediation centre and 区法院 look at together for a period, in
 * seven sections computed by the Worker (worker/assessment/digest.ts). Counts follow the assessment's rules (DOMAIN §4:
 * received by receivedOn, concluded by closedOn, commitments by commitmentDue); lists of cases that need action now
 * (overdue cases, confirmation windows) are as of the as-of day, whatever period they came from.
 *
 * No applicant's ID number, phone or 备注 is in the digest; every person in it is surname + 某 (ledger/masking.ts), as
 * court documents write one, and its free text (承诺事项) has names and numbers masked, because the digest is read
 * aloud and handed round (worker/assessment/digest-privacy.ts).
 */
import { z } from "zod";
import { AsOfQuery, PeriodQuery } from "./assessment.ts";
import { CourtCaseSchema } from "./court.ts";
import { MEDIATION_TYPES, SOURCES, STAGES, STATUSES } from "../choices.ts";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const unitKind = z.enum(["town", "department", "centre"]);

/** What became of the cases received in the period (statuses as of now). */
export const OutcomeCountsSchema = z.object({
  received: z.number().int(),
  /** 不予受理 */
  notAccepted: z.number().int(),
  /** accepted and still 调解中 (or no status yet) */
  open: z.number().int(),
  success: z.number().int(),
  failed: z.number().int(),
  withdrawn: z.number().int(),
  terminated: z.number().int(),
  /** 移送裁判 */
  referredToTrial: z.number().int(),
});
export type OutcomeCounts = z.infer<typeof OutcomeCountsSchema>;
export const OUTCOME_KEYS = ["received", "notAccepted", "open", "success", "failed", "withdrawn", "terminated", "referredToTrial"] as const satisfies readonly (keyof OutcomeCounts)[];

const UnitOutcomesSchema = OutcomeCountsSchema.extend({ unit: z.string(), kind: unitKind });

/** num ÷ den with its 95 % Wilson interval; rate, low and high are null when den is 0. */
export const RateSchema = z.object({
  num: z.number().int(),
  den: z.number().int(),
  rate: z.number().nullable(),
  low: z.number().nullable(),
  high: z.number().nullable(),
  /** The whole interval lies below the target: the data say so with confidence, not a few unlucky cases. */
  belowTarget: z.boolean(),
});
export type Rate = z.infer<typeof RateSchema>;

const CaseRefSchema = CourtCaseSchema.pick({ unit: true, caseNo: true, receivedOn: true, source: true, stage: true, domain: true, respondent: true }).extend({
  /** Referred by the court or before it (the court liaison's scope, ledger/api/court.ts, without 司法确认). */
  courtReferred: z.boolean(),
});

export const DigestSchema = z.object({
  period: z.string(),
  asOf: isoDate,
  /** When the Worker computed it (ISO date-time, UTC). */
  generatedAt: z.string(),
  /**
   * Whose cases the lists name: "district" for the coordinator and the assessment office; "court" for the court
   * liaison, whose lists hold only court-referred and 司法确认 cases (the figures by unit are district-wide for both).
   */
  caseLists: z.enum(["district", "court"]),
  settings: z.object({
    successTarget: z.number(),
    confirmationWindowDays: z.number().int(),
    confirmationWarnDays: z.number().int(),
    repeatWithinMonths: z.number().int(),
  }),
  /** (1) Cases received in the period with a court source (委派/委托) or at a court stage (立案/审判/执行), by unit. */
  courtReferred: z.object({
    units: z.array(UnitOutcomesSchema),
    total: OutcomeCountsSchema,
    /** 委派, 委托, then (source null) cases from elsewhere that are at a court stage */
    bySource: z.array(OutcomeCountsSchema.extend({ source: z.enum(SOURCES).nullable() })),
  }),
  /** (2) 调解成功率 of cases concluded in the period: 调解成功 ÷ (调解成功 + 调解不成 + 终止). */
  success: z.object({
    units: z.array(RateSchema.extend({ unit: z.string(), kind: unitKind })),
    district: RateSchema,
    courtReferred: RateSchema,
  }),
  /** (3) 司法确认 of the agreements reached in the period, and the windows still open on the as-of day. */
  confirmation: z.object({
    units: z.array(z.object({
      unit: z.string(), kind: unitKind,
      /** 调解成功 concluded in the period, not 司法调解 (a court's own mediation document needs no confirmation). */
      agreements: z.number().int(),
      applied: z.number().int(),
      /** not applied, window still open on the as-of day */
      windowOpen: z.number().int(),
      /** not applied, window closed */
      lapsed: z.number().int(),
    })),
    total: z.object({ agreements: z.number().int(), applied: z.number().int(), windowOpen: z.number().int(), lapsed: z.number().int() }),
    /** Agreements (of any period) whose window is open on the as-of day, the nearest deadline first. */
    closing: z.array(CaseRefSchema.extend({
      closedOn: isoDate, mediationType: z.enum(MEDIATION_TYPES).nullable(), deadline: isoDate, daysLeft: z.number().int(),
      /** at most confirmationWarnDays left */
      urgent: z.boolean(),
    })),
  }),
  /** (4) Open cases past their time limit on the as-of day (any period), the longest overdue first. */
  overdue: z.object({
    units: z.array(z.object({ unit: z.string(), kind: unitKind, open: z.number().int(), overdue: z.number().int() })),
    cases: z.array(CaseRefSchema.extend({ limitDays: z.number().int(), dueOn: isoDate, daysOver: z.number().int() })),
  }),
  /** (5) 履行承诺 due in the period: kept (by the due date), kept late, overdue (not met, due passed), pending. */
  commitments: z.object({
    units: z.array(z.object({
      unit: z.string(), kind: unitKind, due: z.number().int(), kept: z.number().int(), keptLate: z.number().int(),
      overdue: z.number().int(), pending: z.number().int(),
    })),
    total: z.object({ due: z.number().int(), kept: z.number().int(), keptLate: z.number().int(), overdue: z.number().int(), pending: z.number().int() }),
    keptRate: RateSchema,
    overdueCases: z.array(CaseRefSchema.extend({ commitment: z.string().nullable(), commitmentDue: isoDate, daysOverdue: z.number().int() })),
  }),
  /** (6) Cases received in the period between the same parties within N months after a concluded case (判后仍有上访). */
  repeats: z.object({
    cases: z.array(CaseRefSchema.extend({
      /** surname + 某 for a person; an organisation's name as written */
      applicant: z.string(),
      status: z.enum(STATUSES).nullable(),
      /**
       * The earlier case. null for the court liaison when it was no court case (前案非法院案件): the court's case is
       * listed as a repeat, the units' other case is not shown.
       */
      previous: z.object({
        unit: z.string(), caseNo: z.string(), closedOn: isoDate, status: z.enum(STATUSES).nullable(),
        stage: z.enum(STAGES).nullable(), source: z.enum(SOURCES).nullable(),
        /** the earlier case was before or from the court: a repeat after it is the 判后上访 risk */
        courtCase: z.boolean(),
      }).nullable(),
    })),
    total: z.number().int(),
    afterCourt: z.number().int(),
  }),
  /** (7) Respondent agencies (被申请人) with the most cases received in the period, and what became of them. */
  respondents: z.object({
    top: z.array(OutcomeCountsSchema.extend({ respondent: z.string() })),
    /** every agency after the top ones, summed */
    others: OutcomeCountsSchema,
    agencies: z.number().int(),
  }),
});
export type Digest = z.infer<typeof DigestSchema>;

/** How many agencies section 7 names before summing the rest. */
export const TOP_RESPONDENTS = 10;

export const DigestQuerySchema = z.object({ period: PeriodQuery, asOf: AsOfQuery });
