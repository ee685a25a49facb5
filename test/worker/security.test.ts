import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { Hono } from "hono";
import type { AppEnv } from "../../worker/app-env.ts";
import { limitPerToken, rateLimitKey } from "../../worker/auth/rate-limit.ts";
import type { Principal } from "../../worker/auth/principal.ts";
import { sha256Hex } from "../../worker/auth/token-hash.ts";
import { handleError } from "../../worker/errors.ts";
import { ADMIN_TOKEN, UNIT_A, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World } from "./helpers.ts";

let w: World;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
});
afterEach(() => vi.restoreAllMocks());

/** A clerk token under an id no other test file uses, so the shared limiter has counted nothing for it. */
async function freshClerkToken(): Promise<{ token: string; id: number }> {
  const id = 1_000_000 + Math.floor(Math.random() * 1_000_000_000);
  const token = `tj_ratelimit_${id}_${crypto.randomUUID()}`;
  const unit = await env.DB.prepare("SELECT id FROM units WHERE name = ?").bind(UNIT_A).first<{ id: number }>();
  await env.DB.prepare("INSERT INTO tokens (id, token_hash, role, unit_id, label) VALUES (?, ?, 'clerk', ?, 'rate limit test')")
    .bind(id, await sha256Hex(token), unit!.id).run();
  return { token, id };
}

describe("rate limiting per token (Workers rate-limit binding TOKEN_LIMITER, 600 requests a minute)", () => {
  it("answers 429 rate_limited with Retry-After once a token has used its minute's budget, and only for that token", async () => {
    const busy = await freshClerkToken();
    const other = await freshClerkToken();
    const statuses: number[] = [];
    // In waves of 50; stop at the first 429 (at most two windows' worth, in case a window turns over mid-test).
    while (!statuses.includes(429) && statuses.length < 1300) {
      const wave = await Promise.all(Array.from({ length: 50 }, () => call("GET", "/api/me", { token: busy.token })));
      for (const r of wave) statuses.push(r.status);
      const limited = wave.find((r) => r.status === 429);
      if (limited) {
        expect(limited.headers.get("Retry-After")).toBe("60");
        const body = await json(limited);
        expect(body.error.code).toBe("rate_limited");
        expect(body.error.message).toContain("请求过于频繁");
        expect(body.error.message).toContain("Too many requests");
      }
    }
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThanOrEqual(600);
    expect(statuses.slice(0, firstLimited).every((s) => s === 200)).toBe(true);
    // The busy token is still refused — a push too, which then stores nothing — while another token is not.
    const refusedPush = await pushChunk(busy.token, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-RL-1")]));
    expect(refusedPush.status).toBe(429);
    expect((await snapshot()).cases.some((c) => c.case_no === "SY-RL-1")).toBe(false);
    expect((await call("GET", "/api/me", { token: other.token })).status).toBe(200);
  }, 60_000);

  const principal: Principal = { role: "clerk", tokenId: 7, label: null, unitId: 1, unit: UNIT_A };
  function appWith(limiter: RateLimit | undefined) {
    const app = new Hono<AppEnv>();
    app.onError(handleError);
    app.get("/x", async (c) => {
      await limitPerToken(c, principal);
      return c.text("ok");
    });
    return (n = 1) => Promise.all(Array.from({ length: n }, () => app.request("/x", {}, { TOKEN_LIMITER: limiter } as unknown as AppEnv["Bindings"])));
  }

  it("counts by token id, never by the token itself, and refuses the request after the budget", async () => {
    const keys: string[] = [];
    let used = 0;
    const limiter = { limit: async ({ key }: { key: string }) => (keys.push(key), { success: ++used <= 3 }) } as RateLimit;
    const res = await appWith(limiter)(4);
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(new Set(keys)).toEqual(new Set(["token:7"]));
    expect(rateLimitKey({ ...principal, tokenId: null })).toBe("admin-secret");
  });

  it("lets requests through when the limiter itself fails, and logs that without the key's owner's data", async () => {
    const logged = vi.spyOn(console, "warn").mockImplementation(() => {});
    const res = await appWith({ limit: async () => { throw new Error("limiter down"); } } as RateLimit)();
    expect(res[0].status).toBe(200);
    expect(logged.mock.calls.join("\n")).toContain("rate_limiter_failed");
  });

  it("limits nothing in an environment without the binding", async () => {
    expect((await appWith(undefined)(5)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe("logs", () => {
  const ID = "350505199001011239";
  const PHONE = "13805951234";

  it("mask ID and phone numbers and never contain a token or the ADMIN_TOKEN secret when a push fails", async () => {
    const errors: string[] = [];
    for (const level of ["error", "warn", "log", "info", "debug"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(" ")));
    }
    // A failure whose own message carries personal data and credentials (as a driver error quoting a value might).
    const leak = `boom ${ID} ${PHONE} Bearer ${w.clerkA} ${w.clerkA} ${ADMIN_TOKEN}`;
    await env.DB.prepare(`CREATE TRIGGER leak BEFORE INSERT ON cases BEGIN SELECT RAISE(ABORT, '${leak}'); END`).run();
    try {
      const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, `SY-${ID}`, { applicantId: ID, phone: PHONE })]));
      expect(res.status).toBe(500);
      const body = JSON.stringify(await json(res));
      expect(body).not.toContain(ID);
      expect(body).not.toContain("boom");
    } finally {
      await env.DB.prepare("DROP TRIGGER leak").run();
    }
    const out = errors.join("\n");
    expect(out).toContain("unexpected_error");
    expect(out).toContain("350505********1239");
    expect(out).toContain("138****1234");
    for (const secret of [ID, PHONE, w.clerkA, w.clerkA.slice(3), ADMIN_TOKEN]) expect(out).not.toContain(secret);
  });

  it("do not say anything about a refused token: neither the token nor its hash", async () => {
    const printed: string[] = [];
    for (const level of ["error", "warn", "log", "info"] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    }
    const guess = "tj_guessed-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    expect((await call("GET", "/api/cases", { token: guess })).status).toBe(401);
    const out = printed.join("\n");
    expect(out).not.toContain(guess);
    expect(out).not.toContain(await sha256Hex(guess));
  });
});

describe("what people outside the unit see", () => {
  it("rankings, assessments and flags carry no ID numbers, phone numbers or party names", async () => {
    const ID = "350505199001011239";
    const PHONE = "13805951234";
    const rows = [
      sheetRow(2, "SY-P1", { applicant: "林秘密", applicantId: ID, phone: PHONE, receivedOn: "2026-04-02" }),
      sheetRow(3, "SY-P2", { applicant: "林秘密", applicantId: ID, phone: PHONE, receivedOn: "2026-04-03" }),
    ];
    const receipt = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows)));
    expect(receipt.counts).toMatchObject({ inserted: 2, rejected: 0 });
    const outside = [
      await call("GET", "/api/rankings?period=2026-Q2&asOf=2026-11-25", { token: w.assessor }),
      await call("GET", `/api/assessments/${UNIT_A}?period=2026-Q2&asOf=2026-11-25`, { token: w.assessor }),
      await call("GET", "/api/flags?asOf=2026-11-25", { token: w.coordinator }),
    ];
    for (const res of outside) {
      expect(res.status).toBe(200);
      const text = await res.text();
      for (const secret of [ID, PHONE, "林秘密"]) expect(text).not.toContain(secret);
    }
  });

  it("an assessor cannot read cases at all (the only route that returns IDs and phones)", async () => {
    expect((await call("GET", `/api/cases?unit=${UNIT_A}`, { token: w.assessor })).status).toBe(403);
    expect((await call("GET", `/api/cases/${UNIT_A}/SY-P1`, { token: w.assessor })).status).toBe(403);
  });
});
