import { beforeEach, describe, expect, it } from "vitest";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, send, sheetRow, snapshot, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
});

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = await json(res);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toMatch(/\S/);
  const db = await snapshot();
  expect(db.cases).toEqual([]);
  expect(db.chunks).toEqual([]);
  expect(db.pushes).toEqual([]);
  return body;
}

describe("a push chunk that cannot be accepted", () => {
  it("is refused with 400 malformed_json when the body is not JSON", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), undefined, { rawBody: '{"rows": [' });
    await expectRefused(res, 400, "malformed_json");
  });

  it("is refused with 400 when the body is not declared as JSON", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), undefined, { rawBody: "rows", headers: { "Content-Type": "text/plain" } });
    await expectRefused(res, 400, "bad_request");
  });

  it("is refused with 422 naming the field when values have the wrong types", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([{ row: "two", values: { caseNo: { nested: true } } }]));
    const body = await expectRefused(res, 422, "invalid_request");
    const paths = body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain("rows.0.row");
    expect(paths).toContain("rows.0.values.caseNo");
  });

  it("is refused with 422 when a row names a column the ledger does not have", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([{ row: 2, values: { caseNo: "A", salary: 1 } }]));
    await expectRefused(res, 422, "invalid_request");
  });

  it("is refused with 422 when the chunk index is not below the chunk count", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001")], { chunkIndex: 2, chunkCount: 2 }));
    const body = await expectRefused(res, 422, "invalid_request");
    expect(body.error.details.issues[0].path).toBe("chunkIndex");
  });

  it("is refused with 413 too_many_rows above 1,000 rows", async () => {
    const rows = Array.from({ length: 1001 }, (_, i) => ({ row: i + 2, values: { caseNo: `N${i}` } }));
    const body = await expectRefused(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows)), 413, "too_many_rows");
    expect(body.error.details).toEqual({ maxRows: 1000, rows: 1001 });
  });

  it("is refused with 413 payload_too_large above 1.5 MiB, whether or not Content-Length says so", async () => {
    const big = chunkBody([sheetRow(2, "SY-001", { summary: "长".repeat(600_000) })]);
    await expectRefused(await pushChunk(w.clerkA, newPushId(), newKey(), big), 413, "payload_too_large");
    const text = JSON.stringify(big);
    const stream = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(text));
        c.close();
      },
    });
    const res = await send(new Request(`http://ledger.test/api/pushes/${newPushId()}/chunks`, {
      method: "POST", body: stream, duplex: "half",
      headers: { Authorization: `Bearer ${w.clerkA}`, "Content-Type": "application/json", "Idempotency-Key": newKey() },
    } as RequestInit));
    await expectRefused(res, 413, "payload_too_large");
  });

  it("is refused with 400 without an Idempotency-Key", async () => {
    const res = await call("POST", `/api/pushes/${newPushId()}/chunks`, { token: w.clerkA, body: chunkBody([sheetRow(2, "SY-001")]) });
    const body = await expectRefused(res, 400, "bad_request");
    expect(body.error.message).toContain("Idempotency-Key");
  });

  it("is refused with 400 when the push id is not a plain identifier", async () => {
    const res = await pushChunk(w.clerkA, "x';--", newKey(), chunkBody([sheetRow(2, "SY-001")]));
    await expectRefused(res, 400, "bad_request");
  });
});
