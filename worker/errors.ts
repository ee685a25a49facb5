import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { z } from "@hono/zod-openapi";
import { bearerOf, logEvent } from "./log.ts";

import type { ErrorCode } from "../ledger/api/errors.ts";
import { Named } from "./openapi-names.ts";

/** The one shape every failure takes (docs/API.md § Errors; ledger/api/errors.ts). */
export const ErrorBodySchema = Named.Error;
export type { ErrorCode };

/** An expected failure: becomes `{error: {code, message, details}}` with its status. */
export class ApiError extends Error {
  readonly status: ContentfulStatusCode;
  readonly code: ErrorCode;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(status: ContentfulStatusCode, code: ErrorCode, message: string, details?: unknown, headers: Record<string, string> = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

export function errorBody(code: ErrorCode, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const CODE_FOR_STATUS: Partial<Record<number, ErrorCode>> = {
  400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed", 409: "conflict",
  413: "payload_too_large", 422: "invalid_request", 429: "rate_limited",
};

/** app.onError: expected failures keep their status; anything else is logged and hidden behind a plain 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Raised by Hono itself, e.g. the JSON validator on a body that does not parse.
    const malformed = /malformed json/i.test(err.message);
    const code = malformed ? "malformed_json" : (CODE_FOR_STATUS[err.status] ?? "bad_request");
    const message = malformed ? "请求体不是有效的 JSON Request body is not valid JSON" : err.message || "请求有误 Bad request";
    return c.json(errorBody(code, message), err.status as ContentfulStatusCode);
  }
  // Masked: the path may carry a case number, the error a cell value; the token and the secret are never printed.
  logEvent("error", "unexpected_error", { method: c.req.method, path: c.req.path, error: err }, {
    secrets: [bearerOf(c.req.header("Authorization")), (c.env as { ADMIN_TOKEN?: string } | undefined)?.ADMIN_TOKEN],
  });
  return c.json(errorBody("internal", "服务器内部错误，请稍后重试 Internal server error, please retry"), 500);
}

/** zod-openapi defaultHook: request validation failures use the same shape (422, with zod's issues). */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  return c.json(invalidRequestBody(result.error), 422);
}

export function invalidRequestBody(error: z.ZodError) {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: i.code }));
  const first = issues[0];
  const where = first ? `${first.path || "(body)"}: ${first.message}` : "";
  return errorBody("invalid_request", `请求内容不符合要求 Request does not match the schema — ${where}`, { issues });
}

export const errorResponses = {
  400: { description: "Malformed request", content: { "application/json": { schema: ErrorBodySchema } } },
  401: { description: "Missing, unknown or revoked token", content: { "application/json": { schema: ErrorBodySchema } } },
  403: { description: "Role or unit not allowed", content: { "application/json": { schema: ErrorBodySchema } } },
  422: { description: "Request of the wrong shape", content: { "application/json": { schema: ErrorBodySchema } } },
} as const;
