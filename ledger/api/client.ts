/**
 * The one client of the Worker API, for the add-in and the CLI alike: bearer token, JSON, typed answers (inferred
 * from the contract's schemas), failures sorted into ApiError kinds a person can act on. No retries here: the push
 * engine retries pushes (push-engine.ts); anything else is the caller's to repeat.
 */
import type { CourtCase, CourtCasePage } from "./court.ts";
import type { Flags } from "./flags.ts";
import type { Rankings, WeightsResponse } from "./assessment.ts";
import type { MentorAssignments, RosterList, RosterPush, RosterReceipt } from "./mentors.ts";
import { PATHS, type FlagsQuery } from "./paths.ts";
import type { Receipt } from "./push.ts";
import type {
  DomainSheetPush, Incoming, PlaceSheetPush, ReceiveReceipt, RoutingRulesView, RuleSheetReceipt, TransferReceipt, TransferRequest,
} from "./routing.ts";
import type { Me } from "./roles.ts";
import type { Unit } from "./units.ts";
import type { VisitPush, VisitReceipt, Visits } from "./visits.ts";
import type { Subsidies } from "./subsidies.ts";
import type { ReviewDimensions, ReviewPush, ReviewReceipt } from "./reviews.ts";
import type { LimitsBody, LimitsResponse } from "./limits.ts";
import type { OfficeProfile, OfficeProfileBody } from "./office-profile.ts";
import type { Trend } from "./trend.ts";
import type { Stats } from "./stats.ts";
import type { MediatorResults } from "./mediator-results.ts";
import type { Digest } from "./digest.ts";
import type { Competition, Zones } from "./competition.ts";
import type { Drilldown } from "./drilldown.ts";


export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** What went wrong talking to the Worker, sorted into what a person can do about it. */
export type ApiErrorKind =
  | "offline" // no answer: the network or the server could not be reached, or the answer broke off; retry
  | "unauthorized" // unknown token: paste a new one
  | "token_revoked" // the token was revoked: ask for a new one
  | "forbidden" // this role may not do that
  | "not_found"
  | "rejected" // the server refused the request as sent
  | "too_large"
  | "rate_limited"
  | "server" // 5xx: retry later; a chunk that failed wrote nothing
  | "aborted"; // the person cancelled

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  /** The HTTP status; null when no answer came. */
  readonly status: number | null;
  /** The API's error code (docs/API.md § Errors); null when no answer came. */
  readonly code: string | null;
  readonly details: unknown;
  readonly retryAfterSeconds: number | null;

  constructor(kind: ApiErrorKind, message: string, o: { status?: number | null; code?: string | null; details?: unknown; retryAfterSeconds?: number | null } = {}) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = o.status ?? null;
    this.code = o.code ?? null;
    this.details = o.details;
    this.retryAfterSeconds = o.retryAfterSeconds ?? null;
  }

  /** Worth sending the same request again (same Idempotency-Key): it may never have landed. */
  get retryable(): boolean {
    return this.kind === "offline" || this.kind === "server" || this.kind === "rate_limited";
  }
}

export function errorFromResponse(status: number, body: unknown, retryAfter: string | null): ApiError {
  const err = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
  const o = { status, code: err?.code ?? null, details: err?.details, retryAfterSeconds: retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null };
  const message = err?.message ?? `HTTP ${status}`;
  if (o.code === "token_revoked") return new ApiError("token_revoked", message, o);
  if (status === 401) return new ApiError("unauthorized", message, o);
  if (status === 403) return new ApiError("forbidden", message, o);
  if (status === 404) return new ApiError("not_found", message, o);
  if (status === 413) return new ApiError("too_large", message, o);
  if (status === 429) return new ApiError("rate_limited", message, o);
  if (status >= 500) return new ApiError("server", message, o);
  return new ApiError("rejected", message, o);
}

const isAbort = (e: unknown) => (e as { name?: string } | null)?.name === "AbortError";

/** fetch() threw, or the answer broke off: either the person cancelled, or the server is out of reach. */
export function errorFromThrown(e: unknown, url = ""): ApiError {
  if (e instanceof ApiError) return e;
  if (isAbort(e)) return new ApiError("aborted", "aborted");
  const cause = (e as { cause?: { code?: string } } | null)?.cause?.code ?? (e instanceof Error ? e.message : String(e));
  return new ApiError("offline", `无法连接 ${url}（${cause}） Cannot reach ${url} (${cause})`);
}

export interface RequestOptions {
  /** An object is sent as JSON; a string or bytes are sent as they are (a push chunk: the same bytes on every retry). */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export interface ApiClient {
  /** The Worker's base URL ("" = the origin that served the task pane). */
  readonly url: string;
  request<T>(method: string, path: string, o?: RequestOptions): Promise<T>;
  me(signal?: AbortSignal): Promise<Me>;
  units(signal?: AbortSignal): Promise<Unit[]>;
  flags(query?: FlagsQuery, signal?: AbortSignal): Promise<Flags>;
  rankings(period: string, asOf?: string, signal?: AbortSignal): Promise<Rankings>;
  /** Each unit's score, rank and indicators per month or quarter (assessor, coordinator; a clerk: own unit). */
  trend(o: { from: string; to: string; by?: "month" | "quarter"; asOf?: string }, signal?: AbortSignal): Promise<Trend>;
  /** Assessor or coordinator: 片区 → their towns/streets. */
  zones(signal?: AbortSignal): Promise<Zones>;
  /** 诉源分析 and the 月报's figures for a period; group "town" | "department" | "zone:<片区>" (a clerk: own unit). */
  stats(period: string, group?: string, signal?: AbortSignal): Promise<Stats>;
  /** Assessor or coordinator: results per mediator, ranked within each tier, with the gold / falling-behind lists. */
  mediatorResults(period: string, asOf?: string, signal?: AbortSignal): Promise<MediatorResults>;
  /** Assessor or coordinator: 分片竞赛, towns ranked inside each 片区 and district-wide. */
  competition(period: string, asOf?: string, signal?: AbortSignal): Promise<Competition>;
  /** Coordinator, court liaison or assessor: the joint-meeting digest 府院联席会议材料 of a period. */
  digest(period: string, asOf?: string, signal?: AbortSignal): Promise<Digest>;
  /** Assessor or coordinator: a period's weights and whether they were set for it. */
  weights(period: string, signal?: AbortSignal): Promise<WeightsResponse>;
  /** Assessor: set a period's weights. */
  setWeights(period: string, weights: Record<string, number>, signal?: AbortSignal): Promise<WeightsResponse>;
  /** Clerk, coordinator or assessor: the time limits and flag thresholds in force, the defaults, who saved them. */
  limits(signal?: AbortSignal): Promise<LimitsResponse>;
  /** Coordinator: save them as a new version; `baseVersion` (the version read) refuses to overwrite a newer one (409). */
  setLimits(body: LimitsBody, signal?: AbortSignal): Promise<LimitsResponse>;
  /**
   * Every role: the office's letterhead for report forms (报表落款: filingUnit 填报单位, contact 联系人, phone 联系电话);
   * version 0 with "" fields when never set. A form takes `letterheadOf(profile)` (ledger/api/office-profile.ts).
   */
  officeProfile(signal?: AbortSignal): Promise<OfficeProfile>;
  /** Coordinator (or admin): save the letterhead as a new version; `baseVersion` (the version read) refuses to overwrite a newer one (409). */
  setOfficeProfile(body: OfficeProfileBody, signal?: AbortSignal): Promise<OfficeProfile>;
  /** The cases behind one unit's indicators (a clerk: their own unit, `unit` left out or their own). */
  drilldown(query: { unit?: string; period: string; asOf?: string }, signal?: AbortSignal): Promise<Drilldown>;
  /** Assessor or coordinator: a period's subsidy statement (ledger/api/subsidies.ts). */
  subsidies(period: string, signal?: AbortSignal): Promise<Subsidies>;
  /**
   * Sends one push chunk. `body` is the exact JSON, as text or as its UTF-8 bytes: a retry must send the same bytes
   * under the same key.
   */
  pushChunk(pushId: string, idempotencyKey: string, body: string | Uint8Array<ArrayBuffer>, signal?: AbortSignal): Promise<Receipt>;
  putRoster(body: RosterPush, signal?: AbortSignal): Promise<RosterReceipt>;
  mentorAssignments(period: string, o?: { compute?: boolean; asOf?: string }, signal?: AbortSignal): Promise<MentorAssignments>;
  /** The mediator roster (GET /api/roster). */
  roster(signal?: AbortSignal): Promise<RosterList>;
  putVisits(body: VisitPush, signal?: AbortSignal): Promise<VisitReceipt>;
  visits(period: string, signal?: AbortSignal): Promise<Visits>;
  /** Assessor or coordinator: push a 案件质量评查表 (ledger/api/reviews.ts). */
  pushReviews(body: ReviewPush, signal?: AbortSignal): Promise<ReviewReceipt>;
  /** A period's 评查 results per unit and dimension (a clerk: the own unit only). */
  reviewDimensions(period: string, signal?: AbortSignal): Promise<ReviewDimensions>;
  /** Coordinator: the routing rules in force (ledger/api/routing.ts). */
  routingRules(signal?: AbortSignal): Promise<RoutingRulesView>;
  putDomainSheet(body: DomainSheetPush, signal?: AbortSignal): Promise<RuleSheetReceipt>;
  putPlaceSheet(body: PlaceSheetPush, signal?: AbortSignal): Promise<RuleSheetReceipt>;
  /** Coordinator: confirm transfers. Retry a lost answer with the same key and body: the same receipt comes back. */
  confirmTransfers(body: TransferRequest, idempotencyKey: string, signal?: AbortSignal): Promise<TransferReceipt>;
  /** Clerk: cases transferred to the own unit (`pending`: only those not yet received). */
  incoming(o?: { pending?: boolean }, signal?: AbortSignal): Promise<Incoming>;
  /** Clerk: sign for transferred cases (签收); receiving twice changes nothing. */
  receiveTransfers(caseNos: string[], signal?: AbortSignal): Promise<ReceiveReceipt>;
  /** Court liaison: one page of the court's cases (all units), optionally those received or concluded in a period. */
  courtCasePage(o?: { period?: string; after?: number }, signal?: AbortSignal): Promise<CourtCasePage>;
  /** Court liaison: every court case, all pages, sorted by unit and case number. */
  courtCases(o?: { period?: string }, signal?: AbortSignal): Promise<CourtCase[]>;
}

export interface ApiClientOptions {
  token: string;
  baseUrl?: string;
  fetch?: Fetch;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const base = (options.baseUrl ?? "").replace(/\/+$/, "");
  const doFetch: Fetch = options.fetch ?? ((input, init) => fetch(input, init));

  async function request<T>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: "application/json", Authorization: `Bearer ${options.token}`, ...o.headers };
    let body: string | Uint8Array<ArrayBuffer> | undefined;
    if (o.body !== undefined) {
      // Bytes are sent as they are: a push chunk made as UTF-8 leaves no large string behind (push-engine.ts).
      body = typeof o.body === "string" || o.body instanceof Uint8Array ? (o.body as string | Uint8Array<ArrayBuffer>) : JSON.stringify(o.body);
      headers["Content-Type"] ??= "application/json";
    }
    let response: Response;
    let text: string;
    try {
      response = await doFetch(base + path, { method, headers, body, signal: o.signal });
      // Inside the same try: an answer that breaks off while it arrives is a failure to reach the server too,
      // and is retried like one.
      text = await response.text();
    } catch (e) {
      throw errorFromThrown(e, base || path);
    }
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    if (!response.ok) throw errorFromResponse(response.status, parsed, response.headers.get("Retry-After"));
    return parsed as T;
  }

  const courtCasePage = (o: { period?: string; after?: number } = {}, signal?: AbortSignal) =>
    request<CourtCasePage>("GET", PATHS.courtCases(o), { signal });

  return {
    url: base,
    request,
    me: (signal) => request("GET", PATHS.me, { signal }),
    units: async (signal) => (await request<{ units: Unit[] }>("GET", PATHS.units, { signal })).units,
    flags: (query, signal) => request("GET", PATHS.flags(query), { signal }),
    rankings: (period, asOf, signal) => request("GET", PATHS.rankings(period, asOf), { signal }),
    drilldown: (query, signal) => request("GET", PATHS.drilldown(query), { signal }),
    subsidies: (period, signal) => request("GET", PATHS.subsidies(period), { signal }),
    trend: (o, signal) => request("GET", PATHS.trend(o), { signal }),
    zones: (signal) => request("GET", PATHS.zones, { signal }),
    stats: (period, group, signal) => request("GET", PATHS.stats(period, group), { signal }),
    mediatorResults: (period, asOf, signal) => request("GET", PATHS.mediatorResults(period, asOf), { signal }),
    competition: (period, asOf, signal) => request("GET", PATHS.competition(period, asOf), { signal }),
    digest: (period, asOf, signal) => request("GET", PATHS.digest(period, asOf), { signal }),
    weights: (period, signal) => request("GET", PATHS.weights(period), { signal }),
    setWeights: (period, weights, signal) => request("PUT", PATHS.weights(period), { body: { weights }, signal }),
    limits: (signal) => request("GET", PATHS.limits, { signal }),
    setLimits: (body, signal) => request("PUT", PATHS.limits, { body, signal }),
    officeProfile: (signal) => request("GET", PATHS.officeProfile, { signal }),
    setOfficeProfile: (body, signal) => request("PUT", PATHS.officeProfile, { body, signal }),
    pushChunk: (pushId, idempotencyKey, body, signal) =>
      request("POST", PATHS.pushChunk(pushId), { body, signal, headers: { "Idempotency-Key": idempotencyKey } }),
    putRoster: (body, signal) => request("PUT", PATHS.roster, { body, signal }),
    mentorAssignments: (period, o = {}, signal) => request(o.compute ? "POST" : "GET", PATHS.mentorAssignments(period, o.asOf), { signal }),
    roster: (signal) => request("GET", PATHS.roster, { signal }),
    putVisits: (body, signal) => request("PUT", PATHS.visits, { body, signal }),
    visits: (period, signal) => request("GET", PATHS.visitsOf(period), { signal }),
    pushReviews: (body, signal) => request("POST", PATHS.reviews, { body, signal }),
    reviewDimensions: (period, signal) => request("GET", PATHS.reviewDimensions(period), { signal }),
    routingRules: (signal) => request("GET", PATHS.routingRules, { signal }),
    putDomainSheet: (body, signal) => request("PUT", PATHS.ruleSheet("domains"), { body, signal }),
    putPlaceSheet: (body, signal) => request("PUT", PATHS.ruleSheet("places"), { body, signal }),
    confirmTransfers: (body, idempotencyKey, signal) =>
      request("POST", PATHS.transfers, { body, signal, headers: { "Idempotency-Key": idempotencyKey } }),
    incoming: (o = {}, signal) => request("GET", PATHS.incoming(o.pending), { signal }),
    receiveTransfers: (caseNos, signal) => request("POST", PATHS.receive, { body: { caseNos }, signal }),
    courtCasePage,
    courtCases: async (o = {}, signal) => {
      const all: CourtCase[] = [];
      let after: number | undefined;
      do {
        const page = await courtCasePage({ period: o.period, after }, signal);
        all.push(...page.cases);
        after = page.next ?? undefined;
      } while (after !== undefined);
      return all.sort((a, b) => a.unit.localeCompare(b.unit, "zh-CN") || a.caseNo.localeCompare(b.caseNo, "zh-CN"));
    },
  };
}
