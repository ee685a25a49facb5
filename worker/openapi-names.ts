/**
 * The contract's schemas (ledger/api/) under the names the OpenAPI document gives them. The contract is plain zod,
 * so that the add-in and the CLI use it without Hono; naming components is the Worker's business. (Importing
 * @hono/zod-openapi adds `.openapi()` to every zod schema.)
 */
import "@hono/zod-openapi";
import { AssessmentSchema, RankedUnitSchema, RankingsSchema, WeightsSchema } from "../ledger/api/assessment.ts";
import { ERROR_STATUSES, ErrorBodySchema, errorBodySchemaFor, type ErrorStatus } from "../ledger/api/errors.ts";
import { DrilldownSchema } from "../ledger/api/drilldown.ts";
import { FlagsSchema } from "../ledger/api/flags.ts";
import { MediatorSchema, MentorAssignmentsSchema, RosterPushSchema, RosterReceiptSchema } from "../ledger/api/mentors.ts";
import { CaseViewSchema } from "../ledger/api/cases.ts";
import { CourtCasePageSchema, CourtCaseSchema } from "../ledger/api/court.ts";
import { PushChunkSchema, PushSummarySchema, ReceiptSchema } from "../ledger/api/push.ts";
import { MeSchema } from "../ledger/api/roles.ts";
import { CreatedTokenSchema, TokenInfoSchema } from "../ledger/api/tokens.ts";
import { CompetitionSchema } from "../ledger/api/competition.ts";
import { DigestSchema } from "../ledger/api/digest.ts";
import { MediatorResultsSchema } from "../ledger/api/mediator-results.ts";
import { SubsidiesSchema } from "../ledger/api/subsidies.ts";
import { LimitsBodySchema, LimitsResponseSchema } from "../ledger/api/limits.ts";
import { OfficeProfileBodySchema, OfficeProfileSchema } from "../ledger/api/office-profile.ts";
import { TrendSchema } from "../ledger/api/trend.ts";
import { StatsSchema } from "../ledger/api/stats.ts";
import { UnitSchema } from "../ledger/api/units.ts";
import { VisitPushSchema, VisitReceiptSchema, VisitsSchema } from "../ledger/api/visits.ts";
import { ReviewDimensionsSchema, ReviewPushSchema, ReviewReceiptSchema } from "../ledger/api/reviews.ts";
import {
  DomainSheetPushSchema, IncomingSchema, PlaceSheetPushSchema, ReceiveReceiptSchema, ReceiveRequestSchema, RoutingRulesSchema,
  RuleSheetReceiptSchema, TransferReceiptSchema, TransferRequestSchema,
} from "../ledger/api/routing.ts";

export const Named = {
  Error: ErrorBodySchema.openapi("Error"),
  Me: MeSchema.openapi("Me"),
  Unit: UnitSchema.openapi("Unit"),
  TokenInfo: TokenInfoSchema.openapi("TokenInfo"),
  CreatedToken: CreatedTokenSchema.openapi("CreatedToken"),
  PushChunk: PushChunkSchema.openapi("PushChunk"),
  PushReceipt: ReceiptSchema.openapi("PushReceipt"),
  PushSummary: PushSummarySchema.openapi("PushSummary"),
  Case: CaseViewSchema.openapi("Case"),
  CourtCase: CourtCaseSchema.openapi("CourtCase"),
  CourtCasePage: CourtCasePageSchema.openapi("CourtCasePage"),
  Flags: FlagsSchema.openapi("Flags"),
  RankedUnit: RankedUnitSchema.openapi("RankedUnit"),
  Weights: WeightsSchema.openapi("Weights"),
  Rankings: RankingsSchema.openapi("Rankings"),
  Assessment: AssessmentSchema.openapi("Assessment"),
  Drilldown: DrilldownSchema.openapi("Drilldown"),
  Mediator: MediatorSchema.openapi("Mediator"),
  RosterPush: RosterPushSchema.openapi("RosterPush"),
  RosterReceipt: RosterReceiptSchema.openapi("RosterReceipt"),
  MentorAssignments: MentorAssignmentsSchema.openapi("MentorAssignments"),
  Subsidies: SubsidiesSchema.openapi("Subsidies"),
  MediatorResults: MediatorResultsSchema.openapi("MediatorResults"),
  Competition: CompetitionSchema.openapi("Competition"),
  Digest: DigestSchema.openapi("Digest"),
  Trend: TrendSchema.openapi("Trend"),
  Stats: StatsSchema.openapi("Stats"),
  VisitPush: VisitPushSchema.openapi("VisitPush"),
  VisitReceipt: VisitReceiptSchema.openapi("VisitReceipt"),
  Visits: VisitsSchema.openapi("Visits"),
  ReviewPush: ReviewPushSchema.openapi("ReviewPush"),
  ReviewReceipt: ReviewReceiptSchema.openapi("ReviewReceipt"),
  ReviewDimensions: ReviewDimensionsSchema.openapi("ReviewDimensions"),
  DomainSheetPush: DomainSheetPushSchema.openapi("DomainSheetPush"),
  PlaceSheetPush: PlaceSheetPushSchema.openapi("PlaceSheetPush"),
  RuleSheetReceipt: RuleSheetReceiptSchema.openapi("RuleSheetReceipt"),
  RoutingRules: RoutingRulesSchema.openapi("RoutingRules"),
  TransferRequest: TransferRequestSchema.openapi("TransferRequest"),
  TransferReceipt: TransferReceiptSchema.openapi("TransferReceipt"),
  Incoming: IncomingSchema.openapi("Incoming"),
  ReceiveRequest: ReceiveRequestSchema.openapi("ReceiveRequest"),
  ReceiveReceipt: ReceiveReceiptSchema.openapi("ReceiveReceipt"),
  Limits: LimitsResponseSchema.openapi("Limits"),
  LimitsBody: LimitsBodySchema.openapi("LimitsBody"),
  OfficeProfile: OfficeProfileSchema.openapi("OfficeProfile"),
  OfficeProfileBody: OfficeProfileBodySchema.openapi("OfficeProfileBody"),
};

/** Each status's error body (`Error404` …): its `code` is one of that status's codes (ledger/api/errors.ts). */
export const NamedErrors = Object.fromEntries(
  ERROR_STATUSES.map((status) => [status, errorBodySchemaFor(status).openapi(`Error${status}`)]),
) as Record<ErrorStatus, ReturnType<typeof errorBodySchemaFor>>;
