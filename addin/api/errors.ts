/** What went wrong talking to the Worker, sorted into what a clerk can do about it. */
export type ApiErrorKind =
  | "offline" // no network or the server could not be reached: check the connection, retry
  | "unauthorized" // unknown token: paste a new one
  | "token_revoked" // the token was revoked: ask the coordinator for a new one
  | "forbidden" // this role may not do that
  | "not_found"
  | "rejected" // the server refused the request as sent (our bug or a stale add-in)
  | "too_large"
  | "rate_limited"
  | "server" // 5xx: retry later; nothing was written by a failed chunk
  | "aborted"; // the clerk cancelled

export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly status: number | null;
  readonly code: string | null;
  readonly retryAfterSeconds: number | null;

  constructor(kind: ApiErrorKind, message: string, status: number | null = null, code: string | null = null, retryAfterSeconds: number | null = null) {
    super(message);
    this.name = "ApiError";
    this.kind = kind;
    this.status = status;
    this.code = code;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** Worth sending the same request again (same idempotency key): the request may never have landed. */
  get retryable(): boolean {
    return this.kind === "offline" || this.kind === "server" || this.kind === "rate_limited";
  }
}

export function errorFromResponse(status: number, body: unknown, retryAfter: string | null): ApiError {
  const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
  const code = err?.code ?? null;
  const message = err?.message ?? `HTTP ${status}`;
  const wait = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : null;
  if (code === "token_revoked") return new ApiError("token_revoked", message, status, code);
  if (status === 401) return new ApiError("unauthorized", message, status, code);
  if (status === 403) return new ApiError("forbidden", message, status, code);
  if (status === 404) return new ApiError("not_found", message, status, code);
  if (status === 413) return new ApiError("too_large", message, status, code);
  if (status === 429) return new ApiError("rate_limited", message, status, code, wait);
  if (status >= 500) return new ApiError("server", message, status, code);
  return new ApiError("rejected", message, status, code);
}

/** fetch() threw: either the clerk cancelled, or the network/server is unreachable. */
export function errorFromThrown(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  if (e instanceof DOMException && e.name === "AbortError") return new ApiError("aborted", "aborted");
  if ((e as { name?: string } | null)?.name === "AbortError") return new ApiError("aborted", "aborted");
  return new ApiError("offline", e instanceof Error ? e.message : String(e));
}
