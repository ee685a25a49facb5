/** The one shape every API failure takes (docs/API.md § Errors), and its stable codes by status. */
import { z } from "zod";

/**
 * Which codes each status carries. The Worker cannot raise a code under another status (worker/errors.ts ApiError
 * takes them from here), and the OpenAPI document declares each status's error body with exactly these codes.
 */
export const ERROR_CODES_BY_STATUS = {
  400: ["bad_request", "malformed_json"],
  401: ["unauthorized", "token_revoked"],
  403: ["forbidden"],
  404: ["not_found"],
  405: ["method_not_allowed"],
  409: ["conflict", "idempotency_key_reused", "push_mismatch"],
  413: ["payload_too_large", "too_many_rows"],
  422: ["invalid_request"],
  429: ["rate_limited"],
  500: ["internal"],
  503: ["busy"],
} as const;

export type ErrorStatus = keyof typeof ERROR_CODES_BY_STATUS;
export type ErrorCodeFor<S extends ErrorStatus> = (typeof ERROR_CODES_BY_STATUS)[S][number];
export type ErrorCode = ErrorCodeFor<ErrorStatus>;

export const ERROR_STATUSES = Object.keys(ERROR_CODES_BY_STATUS).map(Number) as ErrorStatus[];
export const ERROR_CODES = Object.values(ERROR_CODES_BY_STATUS).flat() as [ErrorCode, ...ErrorCode[]];

const errorBody = <C extends readonly [string, ...string[]]>(codes: C) =>
  z.object({
    error: z.object({
      code: z.enum(codes),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  });

export const ErrorBodySchema = errorBody(ERROR_CODES);
export type ErrorBody = z.infer<typeof ErrorBodySchema>;

/** The error body of one status: its code is one of that status's codes. */
export function errorBodySchemaFor<S extends ErrorStatus>(status: S) {
  return errorBody(ERROR_CODES_BY_STATUS[status] as readonly string[] as readonly [ErrorCodeFor<S>, ...ErrorCodeFor<S>[]]);
}
