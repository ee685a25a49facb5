import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../worker/body-limit.ts";
import { MAX_DRAINED_BYTES } from "../../worker/drain-body.ts";
import { ADMIN_TOKEN, json, makeWorld, newKey, newPushId, resetDb, send, snapshot, type World } from "./helpers.ts";

let w: World;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
});

const PIECE = 256 * 1024;

/** A body of `size` bytes made as it is read; `pulled()` says how much the server read. */
function stream(size: number) {
  const piece = new Uint8Array(PIECE).fill(0x61);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent >= size) return c.close();
      c.enqueue(piece);
      sent += PIECE;
    },
  });
  return { body, pulled: () => sent };
}

function post(path: string, token: string, body: ReadableStream<Uint8Array>) {
  const headers = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": newKey() };
  return send(new Request(`http://ledger.test${path}`, { method: "POST", headers, body, duplex: "half" } as RequestInit));
}

describe("a refused body is read to the end before the 413, so a client still sending hears it", () => {
  it.each([
    ["a unit", "/api/units", (): string => ADMIN_TOKEN],
    ["a push chunk", `/api/pushes/${newPushId()}/chunks`, (): string => w.clerkA],
  ] as const)("%s: 50 MB streamed, 413 payload_too_large, the whole body read and nothing stored", async (_what, path, token) => {
    const before = await snapshot();
    const big = stream(50 * 1024 * 1024);
    const res = await post(path, token(), big.body);
    expect(res.status).toBe(413);
    expect((await json(res)).error.code).toBe("payload_too_large");
    expect(big.pulled()).toBe(50 * 1024 * 1024);
    expect(await snapshot()).toEqual(before);
  }, 30_000);

  it("a body the route does not read at all (a refused token) is read to the end too", async () => {
    const big = stream(4 * MAX_BODY_BYTES);
    const res = await post(`/api/pushes/${newPushId()}/chunks`, w.assessor, big.body);
    expect(res.status).toBe(403);
    expect(big.pulled()).toBe(4 * MAX_BODY_BYTES);
  });

  it(`stops reading after ${MAX_DRAINED_BYTES / 1_048_576} MiB: an endless body gets its answer and costs no more`, async () => {
    const big = stream(Number.MAX_SAFE_INTEGER);
    const res = await post("/api/units", ADMIN_TOKEN, big.body);
    expect(res.status).toBe(413);
    expect(big.pulled()).toBeLessThan(MAX_DRAINED_BYTES + MAX_BODY_BYTES + 4 * PIECE);
  }, 60_000);
});

