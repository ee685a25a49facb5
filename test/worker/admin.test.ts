import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ADMIN_TOKEN, UNIT_A, call, json, resetDb } from "./helpers.ts";

beforeEach(resetDb);

async function sha256Hex(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("units", () => {
  it("adds a unit once and lists it; a second add of the same name is a 409", async () => {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "南埔镇", kind: "town" } });
    expect(res.status).toBe(201);
    expect(await json(res)).toMatchObject({ name: "南埔镇", kind: "town" });
    const dup = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "南埔镇", kind: "department" } });
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.code).toBe("conflict");
    const list = await json(await call("GET", "/api/units", { token: ADMIN_TOKEN }));
    expect(list.units.map((u: { name: string }) => u.name)).toEqual(["南埔镇"]);
  });

  it("cleans a unit name as a ledger cell is cleaned, and refuses one that only invisible characters set apart", async () => {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "\u3000南埔镇\u200b ", kind: "town" } });
    expect(res.status).toBe(201);
    expect((await json(res)).name).toBe("南埔镇");
    for (const twin of ["南埔镇\u200b", "\ufeff南埔镇", "南\u202e埔镇", "南埔镇\u2060", " 南埔镇 "]) {
      const dup = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: twin, kind: "town" } });
      expect(dup.status, JSON.stringify(twin)).toBe(409);
      expect((await json(dup)).error.code).toBe("conflict");
    }
    const list = await json(await call("GET", "/api/units", { token: ADMIN_TOKEN }));
    expect(list.units.map((u: { name: string }) => u.name)).toEqual(["南埔镇"]);
  });

  it("refuses a new name that matches, cleaned, a unit stored before names were cleaned", async () => {
    await env.DB.prepare("INSERT INTO units (name, kind) VALUES (?, 'town')").bind("山腰街道\u200b").run();
    const dup = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "山腰街道", kind: "town" } });
    expect(dup.status).toBe(409);
    expect((await json(dup)).error.details).toEqual({ existing: "山腰街道\u200b" });
  });

  it("refuses a name of nothing but invisible characters and spaces with 422", async () => {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "\u200b\u3000\ufeff", kind: "town" } });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details.issues[0].path).toBe("name");
  });

  it("refuses a unit kind that is not town, department or centre with 422", async () => {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "X", kind: "village" } });
    expect(res.status).toBe(422);
    expect((await json(res)).error.details.issues[0].path).toBe("kind");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM units").first<{ n: number }>())!.n).toBe(0);
  });
});

describe("tokens", () => {
  it("shows a new token once and stores only its SHA-256", async () => {
    await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: UNIT_A, kind: "town" } });
    const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: UNIT_A, label: "王会计" } });
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({ role: "clerk", unit: UNIT_A, label: "王会计" });
    expect(created.token).toMatch(/^tj_[A-Za-z0-9_-]{43}$/);
    const row = await env.DB.prepare("SELECT * FROM tokens").first<Record<string, unknown>>();
    expect(row!.token_hash).toBe(await sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    const list = await json(await call("GET", "/api/tokens", { token: ADMIN_TOKEN }));
    expect(JSON.stringify(list)).not.toContain(created.token);
    expect(JSON.stringify(list)).not.toContain(row!.token_hash as string);
    expect(list.tokens).toEqual([expect.objectContaining({ id: created.id, role: "clerk", unit: UNIT_A, revokedAt: null })]);
  });

  it("requires a unit for a clerk token and refuses one for the other roles", async () => {
    await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: UNIT_A, kind: "town" } });
    expect((await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk" } })).status).toBe(422);
    expect((await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "coordinator", unit: UNIT_A } })).status).toBe(422);
    const unknown = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: "火星镇" } });
    expect(unknown.status).toBe(404);
    expect((await json(unknown)).error.message).toContain("火星镇");
    expect((await env.DB.prepare("SELECT count(*) AS n FROM tokens").first<{ n: number }>())!.n).toBe(0);
  });

  it("keeps the first revocation time when a token is revoked twice", async () => {
    const created = await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "assessor" } }));
    const first = await json(await call("DELETE", `/api/tokens/${created.id}`, { token: ADMIN_TOKEN }));
    const second = await json(await call("DELETE", `/api/tokens/${created.id}`, { token: ADMIN_TOKEN }));
    expect(second.revokedAt).toBe(first.revokedAt);
  });

  it("lets an admin token issued through the API manage tokens like the ADMIN_TOKEN secret", async () => {
    const admin = await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "admin" } }));
    const res = await call("POST", "/api/tokens", { token: admin.token, body: { role: "coordinator" } });
    expect(res.status).toBe(201);
    expect(await json(await call("GET", "/api/me", { token: admin.token }))).toMatchObject({ role: "admin", tokenId: admin.id });
  });
});

describe("authentication", () => {
  it("answers 401 with the error shape for a missing or malformed Authorization header", async () => {
    for (const header of [undefined, "Basic abc", "Bearer"]) {
      const res = await call("GET", "/api/me", { headers: header ? { Authorization: header } : {} });
      expect(res.status).toBe(401);
      expect((await json(res)).error.code).toBe("unauthorized");
    }
  });

  it("slows down token guessing with 429 and a Retry-After header", async () => {
    let last: Response | undefined;
    // Different guesses: one wrong token resent (a typo loop) counts once (test/worker/failed-auth.test.ts).
    for (let i = 0; i < 31; i++) last = await call("GET", "/api/me", { headers: { Authorization: `Bearer tj_wrong_${i}`, "CF-Connecting-IP": "203.0.113.9" } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await json(last!)).error.code).toBe("rate_limited");
    // Another client is not affected.
    const other = await call("GET", "/api/me", { headers: { Authorization: `Bearer ${ADMIN_TOKEN}`, "CF-Connecting-IP": "203.0.113.10" } });
    expect(other.status).toBe(200);
  });
});
