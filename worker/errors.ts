import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { z } from "@hono/zod-openapi";
import { bearerOf, logEvent } from "./log.ts";

import type { ErrorCode, ErrorCodeFor, ErrorStatus } from "../ledger/api/errors.ts";

/** The one shape every failure takes: docs/API.md § Errors, ledger/api/errors.ts. */
export type { ErrorCode };

/**
 * An expected failure: becomes `{error: {code, message, details}}` with its status. The code must be one of its
 * status's codes (ledger/api/errors.ts), so what the document declares for a status is what the Worker can send.
 */
export class ApiError<S extends ErrorStatus = ErrorStatus> extends Error {
  readonly status: S;
  readonly code: ErrorCodeFor<S>;
  readonly details: unknown;
  readonly headers: Record<string, string>;
  constructor(status: S, code: ErrorCodeFor<S>, message: string, details?: unknown, headers: Record<string, string> = {}) {
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

/** What a JSON route says of a body not sent as JSON, a push chunk (worker/push/read-json-body.ts) and the others alike. */
export const NOT_JSON_MESSAGE = "请求体必须是 JSON（Content-Type: application/json） Body must be JSON (Content-Type: application/json)";

/** app.onError: expected failures keep their status; anything else is logged and hidden behind a plain 500. */
export function handleError(err: Error, c: Context): Response {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status, err.headers);
  }
  if (err instanceof HTTPException && err.status < 500) {
    // Raised by Hono itself: the JSON validator on a body that does not parse, the media-type gate of
    // @hono/zod-openapi (415) on a body that is not JSON. Both are the 400 of docs/API.md § Errors, as on a push chunk.
    const malformed = /malformed json/i.test(err.message);
    const message = malformed ? "请求体不是有效的 JSON Request body is not valid JSON"
      : err.status === 415 ? NOT_JSON_MESSAGE
      : err.message || "请求有误 Bad request";
    return c.json(errorBody(malformed ? "malformed_json" : "bad_request", message), 400);
  }
  // Masked: the path may carry a case number, the error a cell value; the token and the secret are never printed.
  logEvent("error", "unexpected_error", { method: c.req.method, path: c.req.path, error: err }, {
    secrets: [bearerOf(c.req.header("Authorization")), (c.env as { ADMIN_TOKEN?: string } | undefined)?.ADMIN_TOKEN],
  });
  return c.json(errorBody("internal", "服务器内部错误，请稍后重试 Internal server error, please retry"), 500);
}

/**
 * zod-openapi defaultHook: request validation failures use the same shape — 422 with zod's issues, except a header
 * (Idempotency-Key), whose absence is the 400 bad_request of docs/API.md § Errors on every route that takes one.
 */
export function validationHook(
  result: { success: true } | { success: false; error: z.ZodError; target?: string },
  c: Context,
): Response | undefined {
  if (result.success) return undefined;
  if (result.target === "header") {
    const { error } = invalidRequestBody(result.error);
    return c.json(errorBody("bad_request", result.error.issues[0]?.message ?? "请求头有误 Bad request header", error.details), 400);
  }
  return c.json(invalidRequestBody(result.error), 422);
}

export function invalidRequestBody(error: z.ZodError) {
  // A check of the contract may name its refusal with a stable code of its own (ledger/api/office-profile.ts:
  // invalid_phone …); zod's code ("custom") says nothing a client can act on.
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message, code: ownCode(i) ?? i.code }));
  const first = issues[0];
  const where = first ? `${first.path || "(body)"}: ${first.message}` : "";
  return errorBody("invalid_request", `请求内容不符合要求 Request does not match the schema — ${where}`, { issues });
}

function ownCode(issue: z.ZodError["issues"][number]): string | undefined {
  const code = issue.code === "custom" ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
  return typeof code === "string" ? code : undefined;
}
