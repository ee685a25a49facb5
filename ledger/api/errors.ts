/** The one shape every API failure takes (docs/API.md § Errors), and its stable codes. */
import { z } from "zod";

export const ERROR_CODES = [
  "bad_request", "malformed_json", "unauthorized", "token_revoked", "forbidden", "not_found", "conflict", "method_not_allowed",
  "idempotency_key_reused", "push_mismatch", "payload_too_large", "too_many_rows", "invalid_request",
  "rate_limited", "busy", "internal",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBodySchema>;
