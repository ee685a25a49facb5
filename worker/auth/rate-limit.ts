import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors.ts";
import { logEvent } from "../log.ts";
import type { Principal } from "./principal.ts";

/**
 * The binding's window (wrangler.jsonc `ratelimits[].simple.period`). The binding does not say when a key may try
 * again, so Retry-After is the whole window: a client that waits that long is certain to be let through.
 */
export const RATE_LIMIT_PERIOD_SECONDS = 60;

/** A token's key in the limiter: its id, or "admin-secret" for the ADMIN_TOKEN (which has none). Never the token. */
export function rateLimitKey(p: Principal): string {
  return p.tokenId === null ? "admin-secret" : `token:${p.tokenId}`;
}

/**
 * Counts one request against the caller's token (Workers rate-limit binding TOKEN_LIMITER) and refuses it with 429
 * once the token has used its budget for the window. Without the binding (an environment that lacks it) nothing is
 * limited; when the binding itself fails, the request goes through (a limiter outage must not stop clerks) and the
 * failure is logged.
 */
export async function limitPerToken(c: Context<AppEnv>, p: Principal): Promise<void> {
  const limiter = c.env.TOKEN_LIMITER;
  if (!limiter) return;
  let success: boolean;
  try {
    ({ success } = await limiter.limit({ key: rateLimitKey(p) }));
  } catch (err) {
    logEvent("warn", "rate_limiter_failed", { error: err });
    return;
  }
  if (!success) {
    const wait = RATE_LIMIT_PERIOD_SECONDS;
    throw new ApiError(429, "rate_limited",
      `此令牌请求过于频繁，请 ${wait} 秒后再试 Too many requests with this token; retry in ${wait} s`,
      { retryAfterSeconds: wait }, { "Retry-After": String(wait) });
  }
}
