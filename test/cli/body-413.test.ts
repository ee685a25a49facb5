import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_ADMIN_TOKEN, startTestWorker } from "./push-dev-server.ts";

let server: Awaited<ReturnType<typeof startTestWorker>>;
beforeAll(async () => {
  server = await startTestWorker();
}, 120_000);
afterAll(async () => server?.cleanup());

/** 50 MB sent as a stream (no Content-Length), as a client uploading a huge ledger would. */
function fiftyMegabytes(): ReadableStream<Uint8Array> {
  const piece = new Uint8Array(64 * 1024).fill(0x61);
  let sent = 0;
  return new ReadableStream({
    pull(c) {
      if (sent >= 50_000_000) return c.close();
      c.enqueue(piece);
      sent += piece.byteLength;
    },
  });
}

describe("a 50 MB body sent to the real server (wrangler dev, over a socket)", () => {
  it("is answered with the 413 JSON, not a connection reset", async () => {
    const res = await fetch(`${server.url}/api/units`, {
      method: "POST",
      headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" },
      body: fiftyMegabytes(),
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("payload_too_large");
  }, 60_000);

  it("a GET that carries a body anyway is answered as usual (the body is dropped)", async () => {
    // fetch() cannot send this; node:http can, as any client may.
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(`${server.url}/api/units`, { method: "GET", headers: { Authorization: `Bearer ${TEST_ADMIN_TOKEN}`, "Content-Type": "application/json" } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.end(JSON.stringify({ a: "x".repeat(3_000_000) }));
    });
    expect(status).toBe(200);
  }, 30_000);
});
