/**
 * How a route is declared in the OpenAPI document (GET /api/openapi.json), so that the document says every status,
 * header and body the Worker can answer. A route states what is its own (operationId, tag, its success answer, the
 * statuses its handler raises: 404, 409, 503 …); `apiRoute` adds what follows from how it is built:
 * - every /api answer: 500, and the Cache-Control / X-Content-Type-Options headers (worker/api-headers.ts);
 * - a route behind requireRole: 401 and 429 (Retry-After), and 403 unless every role may use it;
 * - a request body: 400 (not JSON), 413 (over MAX_BODY_BYTES) and 422; a query or path parameter: 422;
 *   a request header (Idempotency-Key): 400; any method but GET: 413 (worker/body-limit.ts reads its body).
 * test/worker/openapi-contract.test.ts holds every route to this, and test/worker/helpers.ts checks every answer of
 * the Worker's tests against the served document.
 */
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import { ROLES } from "../ledger/api/roles.ts";
import type { ErrorStatus } from "../ledger/api/errors.ts";
import { rolesOf } from "./auth/middleware.ts";
import { MAX_BODY_BYTES } from "./body-limit.ts";
import { Named, NamedErrors } from "./openapi-names.ts";

/** The document's tags: one per desk of the product, in the order a reader meets them. */
export const API_TAGS = {
  service: "This document and the health check 服务状态",
  access: "Who a token is, units and tokens 身份、单位与令牌",
  ledger: "Pushing ledgers and reading cases 台账推送与案件",
  assessment: "Rankings, trend, drill-down, weights and case-file reviews 考评",
  flags: "Flags, time limits and thresholds 预警与时限",
  mediators: "Mediator roster, mentors, circuit visits and mediator results 调解员与导师团",
  subsidies: "Case subsidies 办案补贴",
  competition: "Zones and the zone competition 分片竞赛",
  routing: "Routing, transfer and receipt 分流、转交与签收",
  court: "The court's cases and the joint-meeting digest 法院与府院联席",
  statistics: "Source analysis and the monthly report 诉源分析与月报",
} as const;
export type ApiTag = keyof typeof API_TAGS;

/** Headers on every /api answer (worker/api-headers.ts), as components the responses point at. */
export const API_HEADERS = {
  "Cache-Control": { $ref: "#/components/headers/NoStore" },
  "X-Content-Type-Options": { $ref: "#/components/headers/NoSniff" },
} as const;

/** Headers a status always carries. */
const STATUS_HEADERS: Partial<Record<number, Record<string, { $ref: string }>>> = {
  405: { Allow: { $ref: "#/components/headers/Allow" } },
  429: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
  503: { "Retry-After": { $ref: "#/components/headers/RetryAfter" } },
};

/** Registers the components the declarations above point at (app.ts, once). */
export function registerApiComponents(registry: OpenAPIRegistry): void {
  // Every status's error body, also those only the unrouted answers use (worker/openapi-document.ts).
  registry.register("Error", Named.Error);
  for (const [status, schema] of Object.entries(NamedErrors)) registry.register(`Error${status}`, schema);
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer" });
  registry.registerComponent("headers", "NoStore", {
    description: "Never stored by a browser or proxy", required: true, schema: { type: "string", enum: ["no-store"] },
  });
  registry.registerComponent("headers", "NoSniff", {
    description: "Never sniffed into another type", required: true, schema: { type: "string", enum: ["nosniff"] },
  });
  registry.registerComponent("headers", "RetryAfter", {
    description: "Whole seconds to wait before sending the same request again", required: true, schema: { type: "string", pattern: "^[0-9]+$" },
  });
  registry.registerComponent("headers", "Allow", {
    description: "The methods this path answers, e.g. `GET, HEAD, OPTIONS, POST`", required: true,
    schema: { type: "string", pattern: "^[A-Z]+(, [A-Z]+)*$" },
  });
  registry.registerComponent("headers", "IdempotentReplayed", {
    description: "`true` when this is the stored answer to an earlier request with the same Idempotency-Key (nothing was written again)",
    required: true, schema: { type: "string", enum: ["true", "false"] },
  });
}

/** An error answer of `status`: its body's code is one of that status's codes (ledger/api/errors.ts). */
export function errorResponse<S extends ErrorStatus>(status: S, description: string) {
  return {
    description,
    headers: { ...STATUS_HEADERS[status] },
    content: { "application/json": { schema: NamedErrors[status] } },
  };
}

const ALL_ROLES = new Set<string>(ROLES);

type Responses = RouteConfig["responses"];

/** The statuses `route` answers by how it is built (see the top of this file). */
function builtInResponses(route: RouteConfig): Responses {
  const roles = rolesOf(route.middleware);
  const request = route.request ?? {};
  const out: Responses = {};
  if (request.body || request.headers) {
    out[400] = errorResponse(400, request.headers
      ? "Body is not JSON (malformed_json) or not sent as application/json, or a required header is missing or invalid (bad_request)"
      : "Body is not JSON (malformed_json) or not sent as application/json (bad_request)");
  }
  if (roles) {
    out[401] = errorResponse(401, "Missing or unknown token (unauthorized), or a revoked one (token_revoked)");
    if (roles.length < ALL_ROLES.size) {
      out[403] = errorResponse(403, `Only for ${roles.join(", ")}${roles.includes("clerk") ? "; or a clerk naming another unit" : ""}`);
    }
  }
  if (route.method !== "get") out[413] = errorResponse(413, `Body over ${MAX_BODY_BYTES} bytes`);
  if (request.body || request.query || request.params) out[422] = errorResponse(422, "Request of the wrong shape or values; details.issues names each");
  if (roles) out[429] = errorResponse(429, "Too many requests with this token, or too many unknown tokens from this address: wait Retry-After seconds");
  out[500] = errorResponse(500, "Unexpected failure, said without internals (a push chunk that failed wrote nothing: retry it with the same key)");
  return out;
}

/** Every response with the headers of every /api answer added. */
function withApiHeaders(responses: Responses): Responses {
  const out: Responses = {};
  for (const [status, r] of Object.entries(responses)) {
    if ("$ref" in r) throw new Error(`OpenAPI: response ${status} is a $ref; declare it inline so its headers can be added`);
    out[status] = { ...r, headers: { ...API_HEADERS, ...(r.headers as Record<string, unknown> | undefined) } as typeof r.headers };
  }
  return out;
}

export interface ApiRouteConfig extends RouteConfig {
  /** Unique in the document; a generated client names the call after it. */
  operationId: string;
  tags: [ApiTag];
}

/**
 * createRoute with the answers its construction implies (see the top of this file); the route's own responses win
 * over the built-in ones of the same status. A route behind requireRole gets the bearer scheme.
 */
export function apiRoute<const R extends ApiRouteConfig>(route: R): R {
  const roles = rolesOf(route.middleware);
  if (route.security && !roles) throw new Error(`OpenAPI: ${route.method} ${route.path} declares security without requireRole`);
  return createRoute({
    ...route,
    ...(roles ? { security: [{ bearer: [] }] } : {}),
    responses: withApiHeaders({ ...builtInResponses(route), ...route.responses }),
  });
}
