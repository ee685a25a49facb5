import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { FAILED_AUTH_LIMIT } from "../../worker/auth/failed-auth-limit.ts";
import { call, json, makeWorld, resetDb, type World } from "./helpers.ts";

let w: World;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
});
afterEach(() => vi.useRealTimers());

/** Each test comes from its own address, so the per-address counts of one do not leak into another. */
let addressSeq = 0;
function newAddress(): string {
  addressSeq++;
  return `198.51.100.${addressSeq}`;
}

function me(token: string, address: string) {
  return call("GET", "/api/me", { token, headers: { "CF-Connecting-IP": address } });
}

/** Distinct unknown tokens, enough to lock the address. */
async function lockOut(address: string, prefix = "guess"): Promise<void> {
  for (let i = 0; i < FAILED_AUTH_LIMIT.maxFailures; i++) {
    expect((await me(`tj_${prefix}-${i}-${"x".repeat(30)}`, address)).status).toBe(401);
  }
}

describe("failed authentication from one address", () => {
  it("locks out further guesses with 429 and Retry-After, without telling a right guess from a wrong one", async () => {
    const address = newAddress();
    await lockOut(address);
    const guess = await me("tj_another-guess-xxxxxxxxxxxxxxxxxxxxxxxxx", address);
    expect(guess.status).toBe(429);
    expect(Number(guess.headers.get("Retry-After"))).toBeGreaterThan(0);
    const body = await json(guess);
    expect(body.error.code).toBe("rate_limited");
    expect(body.error.message).toContain("认证失败次数过多");
    // A real token never used from this address is not looked up either: a guess that happens to be right gets
    // the same 429 as a wrong one, so guessing during the lock learns nothing.
    expect((await me(w.assessor, address)).status).toBe(429);
    // Other addresses are not affected.
    expect((await me(w.assessor, newAddress())).status).toBe(200);
  });

  it("keeps serving a valid token that worked from the address before the lock (an office behind one NAT)", async () => {
    const address = newAddress();
    expect((await me(w.clerkA, address)).status).toBe(200);
    expect((await call("GET", "/api/me", { token: w.coordinator, headers: { "CF-Connecting-IP": address } })).status).toBe(200);
    await lockOut(address);
    for (let i = 0; i < 5; i++) {
      const res = await me(w.clerkA, address);
      expect(res.status).toBe(200);
      expect((await json(res)).role).toBe("clerk");
    }
    expect((await call("GET", "/api/cases", { token: w.coordinator, headers: { "CF-Connecting-IP": address } })).status).toBe(422);
    expect((await me("tj_still-guessing-xxxxxxxxxxxxxxxxxxxxxxxx", address)).status).toBe(429);
  });

  it("counts a typo loop resending one bad token once, so it locks nobody out", async () => {
    const address = newAddress();
    const typo = "tj_typo-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
    for (let i = 0; i < 3 * FAILED_AUTH_LIMIT.maxFailures; i++) expect((await me(typo, address)).status).toBe(401);
    expect((await me(w.assessor, address)).status).toBe(200);
  });

  it("ends the lock when the window is over: new tokens are looked up again", async () => {
    const address = newAddress();
    vi.useFakeTimers({ toFake: ["Date"] });
    const start = Date.now();
    await lockOut(address);
    expect((await me(w.assessor, address)).status).toBe(429);
    vi.setSystemTime(start + FAILED_AUTH_LIMIT.windowMs - 1_000);
    const late = await me(w.assessor, address);
    expect(late.status).toBe(429);
    expect(late.headers.get("Retry-After")).toBe("1");
    vi.setSystemTime(start + FAILED_AUTH_LIMIT.windowMs);
    expect((await me(w.assessor, address)).status).toBe(200);
    expect((await me("tj_after-the-window-xxxxxxxxxxxxxxxxxxxxxxx", address)).status).toBe(401);
  });

  it("does not keep welcoming a token that was revoked", async () => {
    const address = newAddress();
    const created = await json(await call("POST", "/api/tokens", { token: w.admin, body: { role: "assessor", label: "revoked later" } }));
    expect((await me(created.token, address)).status).toBe(200);
    await lockOut(address);
    expect((await call("DELETE", `/api/tokens/${created.id}`, { token: w.admin })).status).toBe(200);
    const res = await me(created.token, address);
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("token_revoked");
  });
});
