import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { API_CASES, type Accepted, type ApiCase, type Refused, type Route } from "../corpus/api-cases.ts";
import { json, makeWorld, newKey, newPushId, resetDb, send, snapshot, type World } from "./helpers.ts";

// The API half of the bad-input corpus (test/corpus/api-cases.ts): every case gets its clear error or its clean
// reading — never a 500, never a hang, never a half-stored chunk.

let w: World;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
});
beforeEach(async () => {
  await env.DB.batch(["push_chunks", "pushes", "case_revisions", "cases"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
});

const PATHS: Record<Route, { method: string; path: () => string }> = {
  push: { method: "POST", path: () => `/api/pushes/${newPushId()}/chunks` },
  units: { method: "POST", path: () => "/api/units" },
  tokens: { method: "POST", path: () => "/api/tokens" },
  weights: { method: "PUT", path: () => "/api/rankings/weights?period=2026-Q2" },
};

/** A body of `size` bytes of JSON-looking text, made as it is read; `pulled()` says how much the server read. */
function hugeStream(size: number) {
  const piece = new TextEncoder().encode(`{"n":"${"长".repeat(21_000)}"},`);
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      c.enqueue(new TextEncoder().encode('{"chunkIndex":0,"chunkCount":1,"rows":['));
    },
    pull(c) {
      if (sent >= size) return c.close();
      c.enqueue(piece);
      sent += piece.byteLength;
    },
  });
  return { stream, pulled: () => sent };
}

async function sendCase(k: ApiCase): Promise<{ res: Response; pulled?: number }> {
  const route = PATHS[k.route ?? "push"];
  const token = w[k.as ?? "clerkA"];
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": newKey(), ...k.headers };
  const url = `http://ledger.test${route.path()}`;
  if (k.streamBytes !== undefined) {
    const big = hugeStream(k.streamBytes);
    const res = await send(new Request(url, { method: route.method, headers, body: big.stream, duplex: "half" } as RequestInit));
    return { res, pulled: big.pulled() };
  }
  const res = await send(new Request(url, { method: route.method, headers, body: k.body!() as BodyInit }));
  return { res };
}

const isRefused = (e: Refused | Accepted): e is Refused => e.status !== 200;

describe("the API answers every case of the bad-input corpus with its expected outcome", () => {
  for (const k of API_CASES) {
    const e = k.expect;
    const what = isRefused(e) ? `${e.status} ${e.code}${e.path ? ` naming ${e.path}` : ""}, storing nothing` : `200, storing ${Object.keys(e.stored).length} row exactly once`;
    it(`${k.name}: ${what}`, async () => {
      const before = await snapshot();
      const unitsBefore = await env.DB.prepare("SELECT count(*) AS n FROM units").first<{ n: number }>();
      const started = Date.now();
      const { res, pulled } = await sendCase(k);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(res.status).toBe(e.status);
      const body = await json(res);
      if (isRefused(e)) {
        expect(Object.keys(body)).toEqual(["error"]);
        expect(body.error.code).toBe(e.code);
        expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(body.error.message).toMatch(/[A-Za-z]{3}/);
        if (e.path) expect(body.error.details.issues.map((i: { path: string }) => i.path)).toContain(e.path);
        expect(await snapshot()).toEqual(before);
      } else {
        const after = await snapshot();
        const stored = after.cases.filter((c) => !before.cases.some((b) => b.case_no === c.case_no));
        expect(stored).toHaveLength(Object.keys(e.stored).length);
        for (const [caseNo, fields] of Object.entries(e.stored)) {
          const row = stored.find((c) => c.case_no === caseNo);
          expect(row, `case ${JSON.stringify(caseNo)} stored`).toBeDefined();
          expect(JSON.parse(row!.data)).toMatchObject(fields);
        }
        expect(after.chunks).toHaveLength(before.chunks.length + 1);
      }
      // Refused at the limit, yet read to the end (and dropped) before the answer: a client still sending would
      // otherwise get a connection reset instead of the 413 (worker/body-limit.ts, test/worker/body-drain.test.ts).
      if (pulled !== undefined) expect(pulled).toBeGreaterThanOrEqual(k.streamBytes!);
      // The schema is intact whatever the text said.
      expect(await env.DB.prepare("SELECT count(*) AS n FROM units").first<{ n: number }>()).toEqual(unitsBefore);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }
});
