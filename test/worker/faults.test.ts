import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ADMIN_TOKEN, UNIT_A, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World } from "./helpers.ts";

// Faults after which every row must be in D1 exactly once, in its latest version, with its revisions intact.
// Also proven elsewhere (not repeated here): a single chunk retried with the same key gets the identical receipt and
// writes nothing (push.test.ts "answers a retried chunk …"); a trigger failing the cases upsert rolls the whole chunk
// back and the retry lands it (push.test.ts "rolls the whole chunk back …"); a push's chunks arriving at once complete
// it exactly once (push.test.ts "completes a push exactly once …").

let w: World;
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
});

/** Every case once, its version = 1 + its revisions, revision versions 1…n-1 without gaps. */
async function expectExactlyOnceWithHistory() {
  const db = await snapshot();
  const keys = db.cases.map((c) => `${c.unit}/${c.case_no}`);
  expect(new Set(keys).size).toBe(keys.length);
  const ids = await env.DB.prepare("SELECT c.case_no, c.version, (SELECT group_concat(version) FROM (SELECT version FROM case_revisions r WHERE r.case_id = c.id ORDER BY version)) AS revs FROM cases c").all<{ case_no: string; version: number; revs: string | null }>();
  for (const c of ids.results) {
    const expected = Array.from({ length: c.version - 1 }, (_, i) => String(i + 1)).join(",");
    expect(c.revs ?? "", `revisions of ${c.case_no}`).toBe(expected);
  }
  return db;
}

describe("faults during a push", () => {
  it("a whole push re-sent after one chunk's response was lost stores each row once, in its latest version", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002"), sheetRow(4, "SY-OLD")]));
    const pushId = newPushId();
    const keys = [newKey(), newKey(), newKey()];
    // SY-OLD, 1 of the 3 stored cases, is no longer in the ledger: more than a fifth, so the clerk confirmed it.
    const whole = { wholeLedger: true, chunkCount: 3, confirmMissing: 1 };
    const bodies = [
      chunkBody([sheetRow(2, "SY-001", { status: "调解成功", closedOn: "2026-06-01" })], { ...whole, chunkIndex: 0 }),
      chunkBody([sheetRow(3, "SY-002", { applicant: "王五" })], { ...whole, chunkIndex: 1 }),
      chunkBody([sheetRow(4, "SY-003")], { ...whole, chunkIndex: 2 }),
    ];
    // Chunk 1 lands but the client never hears back: it does not know whether it was stored.
    expect((await pushChunk(w.clerkA, pushId, keys[1], bodies[1])).status).toBe(200);
    const afterLost = await snapshot();
    // The client sends the whole push again, same keys, chunks in parallel.
    const res = await Promise.all(bodies.map((b, i) => pushChunk(w.clerkA, pushId, keys[i], b)));
    expect(res.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(res[1].headers.get("Idempotent-Replayed")).toBe("true");
    const receipts = await Promise.all(res.map(json));
    expect(receipts.filter((r) => r.complete)).toHaveLength(1);
    expect(receipts.find((r) => r.complete).notInLedger).toEqual(["SY-OLD"]);

    const db = await expectExactlyOnceWithHistory();
    expect(db.cases.map((c) => [c.case_no, c.version, c.in_ledger])).toEqual([["SY-001", 2, 1], ["SY-002", 2, 1], ["SY-003", 1, 1], ["SY-OLD", 1, 0]]);
    expect(JSON.parse(db.cases[0].data).status).toBe("调解成功");
    expect(JSON.parse(db.cases[1].data).applicant).toBe("王五");
    // The replay wrote nothing for chunk 1: SY-002 is exactly as it was after the lost delivery.
    expect(db.cases[1]).toEqual(afterLost.cases.find((c) => c.case_no === "SY-002"));
    expect(db.revisions).toHaveLength(2);

    // And a third delivery of everything changes nothing at all.
    const again = await Promise.all(bodies.map((b, i) => pushChunk(w.clerkA, pushId, keys[i], b)));
    expect(again.every((r) => r.headers.get("Idempotent-Replayed") === "true")).toBe(true);
    expect(await snapshot()).toEqual(db);
  });

  it("two clerks of one unit pushing the same cases at once leave each case once, the later write on top and the other in revisions", async () => {
    const second = await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: UNIT_A, label: "second clerk" } }));
    const caseNos = Array.from({ length: 40 }, (_, i) => `SY-${String(i).padStart(3, "0")}`);
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(caseNos.map((n, i) => sheetRow(i + 2, n))));
    const pushes = [
      { token: w.clerkA, pushId: newPushId(), applicant: "甲书记员改" },
      { token: second.token, pushId: newPushId(), applicant: "乙书记员改" },
    ];
    // Each clerk sends two chunks; all four race.
    const sent = await Promise.all(pushes.flatMap((p) => [0, 1].map((ci) =>
      pushChunk(p.token, p.pushId, newKey(), chunkBody(caseNos.slice(ci * 20, ci * 20 + 20).map((n, i) => sheetRow(i + 2, n, { applicant: p.applicant })), { wholeLedger: true, chunkIndex: ci, chunkCount: 2 })))));
    expect(sent.map((r) => r.status)).toEqual([200, 200, 200, 200]);

    const db = await expectExactlyOnceWithHistory();
    expect(db.cases.map((c) => c.case_no)).toEqual(caseNos);
    for (const c of db.cases) {
      const writer = pushes.find((p) => p.pushId === c.push_id)!;
      // The stored data is what the push that wrote it last sent for it.
      expect(JSON.parse(c.data).applicant).toBe(writer.applicant);
      expect(c.in_ledger).toBe(1);
      // Both clerks changed it, differently: seeded v1, one clerk's v2 (now a revision), the other's v3 on top.
      expect(c.version).toBe(3);
    }
    const revs = db.revisions as { data: string; version: number }[];
    expect(revs.filter((r) => r.version === 1).every((r) => JSON.parse(r.data).applicant === "张三")).toBe(true);
    expect(revs.filter((r) => r.version === 2)).toHaveLength(40);
  });

  it("D1 failing the revisions statement of a batch rolls back the chunk, and the retry stores rows and revisions once", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002")]));
    const before = await snapshot();
    await env.DB.prepare(`CREATE TRIGGER fail_revisions BEFORE INSERT ON case_revisions BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`).run();
    const pushId = newPushId();
    const key = newKey();
    const body = chunkBody([sheetRow(2, "SY-001", { applicant: "改" }), sheetRow(3, "SY-002", { applicant: "改" }), sheetRow(4, "SY-003")], { wholeLedger: true });
    const failed = await pushChunk(w.clerkA, pushId, key, body);
    expect(failed.status).toBe(500);
    expect((await json(failed)).error.code).toBe("internal");
    expect(await snapshot()).toEqual(before);

    await env.DB.prepare("DROP TRIGGER fail_revisions").run();
    const retry = await pushChunk(w.clerkA, pushId, key, body);
    expect(retry.status).toBe(200);
    expect((await json(retry)).counts).toEqual({ inserted: 1, updated: 2, unchanged: 0, rejected: 0 });
    const db = await expectExactlyOnceWithHistory();
    expect(db.cases.map((c) => [c.case_no, c.version])).toEqual([["SY-001", 2], ["SY-002", 2], ["SY-003", 1]]);
    expect(db.revisions).toHaveLength(2);
    expect(db.chunks).toHaveLength(2);
  });
});
