import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { findTokenByHash, type Role } from "../db/tokens.ts";
import { ApiError } from "../errors.ts";
import { sameDigest, sha256Hex } from "./token-hash.ts";
import type { Principal } from "./principal.ts";
import { recordFailedAuth, recordGoodAuth, retryAfterSeconds, tokenKey } from "./failed-auth-limit.ts";
import { limitPerToken } from "./rate-limit.ts";

const BEARER = /^Bearer\s+(\S+)\s*$/i;

async function resolvePrincipal(db: D1Database, adminSecret: string | undefined, token: string): Promise<Principal | "revoked" | null> {
  const hash = await sha256Hex(token);
  if (adminSecret && sameDigest(hash, await sha256Hex(adminSecret))) {
    return { role: "admin", tokenId: null, label: "ADMIN_TOKEN", unitId: null, unit: null };
  }
  const rec = await findTokenByHash(db, hash);
  if (!rec) return null;
  if (rec.revokedAt) return "revoked";
  return { role: rec.role, tokenId: rec.id, label: rec.label, unitId: rec.unitId, unit: rec.unit };
}

/**
 * Authenticates the bearer token and admits only the given roles (401 without a valid token, 403 for other roles).
 * Named so that each route states who may use it. The middleware carries its roles, so that the OpenAPI document
 * declares the statuses it can answer (worker/openapi-route.ts) from the same list that decides them.
 */
export function requireRole(...roles: Role[]) {
  const middleware = createMiddleware<AppEnv>(async (c, next) => {
    const m = BEARER.exec(c.req.header("Authorization") ?? "");
    if (!m) throw new ApiError(401, "unauthorized", "缺少访问令牌（Authorization: Bearer …） Missing bearer token");
    const token = m[1];
    // Failures are throttled per address, but a token that has worked from there keeps working (failed-auth-limit.ts).
    const client = c.req.header("CF-Connecting-IP") ?? "local";
    const key = await tokenKey(token);
    const wait = retryAfterSeconds(client, key);
    if (wait > 0) {
      throw new ApiError(429, "rate_limited", `认证失败次数过多，请 ${wait} 秒后再试 Too many failed attempts; retry in ${wait} s`, { retryAfterSeconds: wait }, { "Retry-After": String(wait) });
    }
    const p = await resolvePrincipal(c.env.DB, c.env.ADMIN_TOKEN, token);
    if (p === null) {
      recordFailedAuth(client, key);
      throw new ApiError(401, "unauthorized", "访问令牌无效 Unknown access token");
    }
    if (p === "revoked") throw new ApiError(401, "token_revoked", "访问令牌已被吊销 This access token was revoked");
    recordGoodAuth(client, key);
    if (!roles.includes(p.role)) {
      throw new ApiError(403, "forbidden", `角色 ${p.role} 无权使用此功能 Role ${p.role} may not use this route`);
    }
    c.set("principal", p);
    await limitPerToken(c, p);
    await next();
  });
  return Object.assign(middleware, { roles: Object.freeze([...roles]) });
}

/** The roles a route's requireRole admits, or null when it has none (a public route). */
export function rolesOf(middleware: unknown): readonly Role[] | null {
  const list = Array.isArray(middleware) ? middleware : middleware === undefined ? [] : [middleware];
  const guard = list.find((m): m is { roles: readonly Role[] } => typeof m === "function" && Array.isArray((m as { roles?: unknown }).roles));
  return guard?.roles ?? null;
}

// The court liaison too: it learns who it is and the units' names, nothing more.
export const ANY_ROLE: Role[] = ["clerk", "coordinator", "assessor", "admin", "court"];
