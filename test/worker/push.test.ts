import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import {
  UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World,
} from "./helpers.ts";

let w: World;

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
});

describe("pushing a chunk", () => {
  it("tells the clients, in GET /api/me, a chunk size that fits the Free plan's CPU budget, and takes such a chunk whole", async () => {
    // wrangler.jsonc sets PUSH_CPU_BUDGET_MS to the Free plan's 10 ms: 90 rows (worker/push/chunk-budget.ts).
    expect(env.PUSH_CPU_BUDGET_MS).toBe("10");
    for (const token of [w.clerkA, w.coordinator]) {
      expect((await json(await call("GET", "/api/me", { token }))).pushRowsPerChunk).toBe(90);
    }
    const rows = Array.from({ length: 90 }, (_, i) => sheetRow(i + 3, `SY-CPU-${String(i).padStart(3, "0")}`));
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    expect(res.status).toBe(200);
    expect((await json(res)).counts).toEqual({ inserted: 90, updated: 0, unchanged: 0, rejected: 0 });
    expect((await snapshot()).cases).toHaveLength(90);
  });

  it("stores valid rows normalised, returns invalid rows with their issues and stores none of them", async () => {
    const rows = [
      sheetRow(5, "SY-001"),
      sheetRow(6, "SY-002", { receivedOn: "2026年13月40日" }),
      sheetRow(7, "SY-003", { phone: "12345" }),
      sheetRow(8, "SY-004", { accepted: "否", rejectReason: null, mediator: null, status: null }),
    ];
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows, { columns: { receivedOn: "B", phone: "J" } }));
    expect(res.status).toBe(200);
    const receipt = await json(res);
    expect(receipt.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 2 });
    expect(receipt.rejectedRows).toEqual([6, 8]);
    expect(receipt.issues).toContainEqual(expect.objectContaining({ row: 6, column: "B", key: "receivedOn", code: "invalid_date", severity: "error" }));
    expect(receipt.issues).toContainEqual(expect.objectContaining({ row: 7, column: "J", code: "invalid_phone", severity: "warning" }));
    expect(receipt.issues).toContainEqual(expect.objectContaining({ row: 8, code: "reject_reason_missing" }));

    const db = await snapshot();
    expect(db.cases.map((c) => c.case_no)).toEqual(["SY-001", "SY-003"]);
    const stored = JSON.parse(db.cases[0].data);
    expect(stored).toMatchObject({ caseNo: "SY-001", receivedOn: "2026-05-26", unit: UNIT_A, domain: "劳动人事争议", accepted: true });
    expect(db.cases.every((c) => c.unit === UNIT_A && c.version === 1 && c.in_ledger === 1)).toBe(true);
  });

  it("answers a retried chunk with the identical receipt and writes nothing new", async () => {
    const pushId = newPushId();
    const key = newKey();
    const body = chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002", { receivedOn: "bad" })]);
    const first = await pushChunk(w.clerkA, pushId, key, body);
    const firstText = await first.text();
    expect(first.headers.get("Idempotent-Replayed")).toBe("false");
    const before = await snapshot();

    const retry = await pushChunk(w.clerkA, pushId, key, body);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await retry.text()).toBe(firstText);
    expect(await snapshot()).toEqual(before);
    expect(before.chunks).toHaveLength(1);
  });

  it("refuses an Idempotency-Key reused for a different body and writes nothing", async () => {
    const key = newKey();
    await pushChunk(w.clerkA, newPushId(), key, chunkBody([sheetRow(2, "SY-001")]));
    const before = await snapshot();
    const res = await pushChunk(w.clerkA, newPushId(), key, chunkBody([sheetRow(2, "SY-009")]));
    expect(res.status).toBe(409);
    expect((await json(res)).error.code).toBe("idempotency_key_reused");
    expect(await snapshot()).toEqual(before);
  });

  it("writes zero rows when the same ledger is pushed again unchanged", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => sheetRow(i + 2, `SY-${String(i).padStart(3, "0")}`));
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    const before = await snapshot();

    // Same cases, written differently (full-width digits, other date format): normalised, they are the same.
    const again = rows.map((r) => ({ ...r, values: { ...r.values, receivedOn: "2026-05-26", accepted: "Y" } }));
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(again));
    expect((await json(res)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 50, rejected: 0 });
    const after = await snapshot();
    expect(after.cases).toEqual(before.cases);
    expect(after.revisions).toHaveLength(0);
  });

  it("writes zero rows when a ledger stored before the place column is pushed again, and updates only a case given a place", async () => {
    const rows = [sheetRow(2, "SY-001"), sheetRow(3, "SY-002")];
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    const before = await snapshot();
    // A case without a place is stored as it was before the column existed: no place key, the same hash.
    for (const c of before.cases) {
      expect(JSON.parse(c.data)).not.toHaveProperty("place");
      expect(c.content_hash).toBe(await sha256(c.data));
    }

    const again = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    expect((await json(again)).counts).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(await snapshot()).toMatchObject({ cases: before.cases, revisions: [] });

    const placed = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001", { place: "涂岭镇樟脚村3组" }), rows[1]]));
    expect((await json(placed)).counts).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });
    const after = await snapshot();
    expect(JSON.parse(after.cases.find((c) => c.case_no === "SY-001")!.data).place).toBe("涂岭镇樟脚村3组");
    expect(after.cases.find((c) => c.case_no === "SY-002")).toEqual(before.cases.find((c) => c.case_no === "SY-002"));

    // Read through the API, a case stored without a place has place null.
    const res = await call("GET", `/api/cases/${UNIT_A}/SY-002`, { token: w.clerkA });
    expect((await json(res)).data.place).toBeNull();
  });

  it("keeps the previous version of a changed case in revisions, with who pushed it, when and from which push", async () => {
    const firstPush = newPushId();
    await pushChunk(w.clerkA, firstPush, newKey(), chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002")]));
    const before = await snapshot();
    const secondPush = newPushId();
    const res = await pushChunk(w.clerkA, secondPush, newKey(), chunkBody([
      sheetRow(2, "SY-001", { status: "调解成功", closedOn: "2026-06-30" }),
      sheetRow(3, "SY-002"),
    ]));
    expect((await json(res)).counts).toEqual({ inserted: 0, updated: 1, unchanged: 1, rejected: 0 });

    const after = await snapshot();
    const changed = after.cases.find((c) => c.case_no === "SY-001")!;
    expect(changed.version).toBe(2);
    expect(changed.push_id).toBe(secondPush);
    expect(JSON.parse(changed.data).status).toBe("调解成功");
    expect(after.cases.find((c) => c.case_no === "SY-002")).toEqual(before.cases.find((c) => c.case_no === "SY-002"));

    expect(after.revisions).toHaveLength(1);
    const rev = after.revisions[0];
    const old = before.cases.find((c) => c.case_no === "SY-001")!;
    expect(rev).toMatchObject({
      version: 1, data: old.data, content_hash: old.content_hash, push_id: firstPush, written_by: w.tokenIds.clerkA,
      written_at: old.updated_at, superseded_by_push: secondPush, reason: "push",
    });

    const api = await call("GET", `/api/cases/${UNIT_A}/SY-001/revisions`, { token: w.clerkA });
    const { revisions } = await json(api);
    expect(revisions).toHaveLength(1);
    expect(revisions[0]).toMatchObject({ version: 1, pushId: firstPush, data: { status: "调解中" } });
  });

  it("rolls the whole chunk back when one statement fails, and the retry then lands it", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001")]));
    const before = await snapshot();
    // A trigger makes the upsert fail half-way: after the receipt, the revisions and the first rows are written.
    await env.DB.prepare(
      `CREATE TRIGGER boom BEFORE INSERT ON cases WHEN NEW.case_no = 'SY-BOOM' BEGIN SELECT RAISE(ABORT, 'boom'); END`,
    ).run();
    const pushId = newPushId();
    const key = newKey();
    const body = chunkBody([sheetRow(2, "SY-001", { status: "调解成功", closedOn: "2026-06-01" }), sheetRow(3, "SY-002"), sheetRow(4, "SY-BOOM")]);
    const res = await pushChunk(w.clerkA, pushId, key, body);
    expect(res.status).toBe(500);
    const err = await json(res);
    expect(err.error.code).toBe("internal");
    expect(JSON.stringify(err)).not.toMatch(/boom|trigger|SQL/i);
    expect(await snapshot()).toEqual(before);

    await env.DB.prepare(`DROP TRIGGER boom`).run();
    const retry = await pushChunk(w.clerkA, pushId, key, body);
    expect(retry.status).toBe(200);
    expect((await json(retry)).counts).toEqual({ inserted: 2, updated: 1, unchanged: 0, rejected: 0 });
    const after = await snapshot();
    expect(after.cases.map((c) => c.case_no)).toEqual(["SY-001", "SY-002", "SY-BOOM"]);
    expect(after.revisions).toHaveLength(1);
  });

  it("stores a chunk near the size limit whole, its rows split across statements under D1's 2 MB string limit", async () => {
    const summary = "x".repeat(19_990);
    const rows = Array.from({ length: 70 }, (_, i) => sheetRow(i + 2, `SY-BIG-${i}`, { summary: `${i} ${summary}` }));
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows));
    expect(res.status).toBe(200);
    expect((await json(res)).counts).toEqual({ inserted: 70, updated: 0, unchanged: 0, rejected: 0 });
    const db = await snapshot();
    expect(db.cases).toHaveLength(70);
    expect(db.cases.every((c) => JSON.parse(c.data).summary.length >= 19_990)).toBe(true);
  });

  it("stores a coordinator's push under the unit it names", async () => {
    const res = await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([sheetRow(2, "NP-001")], { unit: UNIT_B }));
    expect(res.status).toBe(200);
    expect((await snapshot()).cases.map((c) => [c.unit, c.case_no])).toEqual([[UNIT_B, "NP-001"]]);
    const none = await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([sheetRow(2, "NP-002")]));
    expect(none.status).toBe(422);
    const unknown = await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([sheetRow(2, "NP-002")], { unit: "火星镇" }));
    expect(unknown.status).toBe(404);
    expect((await snapshot()).cases).toHaveLength(1);
  });

  it("rejects a row whose unit cell names another unit instead of filing it under the pushing unit", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001", { unit: UNIT_B }), sheetRow(3, "SY-002", { unit: UNIT_A })]));
    const receipt = await json(res);
    expect(receipt.counts.rejected).toBe(1);
    expect(receipt.issues).toContainEqual(expect.objectContaining({ row: 2, code: "unknown_unit" }));
    expect((await snapshot()).cases.map((c) => [c.unit, c.case_no])).toEqual([[UNIT_A, "SY-002"]]);
  });

  it("flags a case number repeated in an earlier chunk of the same push and does not store the repeat", async () => {
    const pushId = newPushId();
    await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(2, "SY-001")], { chunkCount: 2 }));
    const res = await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(1002, "SY-001", { applicant: "王五" })], { chunkIndex: 1, chunkCount: 2 }));
    const receipt = await json(res);
    expect(receipt.counts.rejected).toBe(1);
    expect(receipt.issues[0]).toMatchObject({ row: 1002, code: "duplicate_case_no" });
    expect(receipt.issues[0].message).toContain("「案件编号」“SY-001”与本次推送的前一块重复");
    expect(JSON.parse((await snapshot()).cases[0].data).applicant).toBe("张三");
  });

  it("refuses a chunk that disagrees with the earlier chunks of its push", async () => {
    const pushId = newPushId();
    await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(2, "SY-001")], { chunkCount: 3 }));
    const before = await snapshot();
    const other = await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(3, "SY-002")], { chunkIndex: 1, chunkCount: 4 }));
    expect(other.status).toBe(409);
    expect((await json(other)).error.code).toBe("push_mismatch");
    const again = await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(3, "SY-002")], { chunkCount: 3 }));
    expect(again.status).toBe(409);
    expect(await snapshot()).toEqual(before);
  });
});

describe("whole-ledger pushes", () => {
  async function seed(caseNos: string[]) {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(caseNos.map((n, i) => sheetRow(i + 2, n))));
  }

  it("marks stored cases missing from the ledger as not in ledger when the last chunk lands, without deleting them", async () => {
    const stored = Array.from({ length: 10 }, (_, i) => `SY-${String(i + 1).padStart(3, "0")}`);
    await seed(stored);
    const before = await snapshot();
    const pushId = newPushId();
    const opts = { wholeLedger: true, chunkCount: 2 };
    // The ledger lacks SY-002 and SY-004: 2 of 10 stored cases, not more than a fifth, so nobody is asked.
    const rest = stored.filter((n) => !["SY-001", "SY-002", "SY-004"].includes(n));
    // Chunk 1 first: the push completes with whichever chunk arrives last.
    const c1 = await json(await pushChunk(w.clerkA, pushId, newKey(), chunkBody(rest.map((n, i) => sheetRow(i + 3, n)), { ...opts, chunkIndex: 1 })));
    expect(c1).toMatchObject({ complete: false, notInLedger: null, marking: null });
    expect((await snapshot()).cases).toEqual(before.cases);
    const c0 = await json(await pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(2, "SY-001")], { ...opts, chunkIndex: 0 })));
    const marking = { outcome: "marked", missing: 2, marked: 2, liveCases: 10, confirmed: null, examples: [] };
    expect(c0).toMatchObject({ complete: true, notInLedger: ["SY-002", "SY-004"], marking, restored: 0, counts: { unchanged: 1 } });

    const after = await snapshot();
    expect(after.cases.map((c) => [c.case_no, c.in_ledger, c.version])).toEqual(
      stored.map((n) => [n, n === "SY-002" || n === "SY-004" ? 0 : 1, 1]));
    expect(after.cases.map((c) => c.data)).toEqual(before.cases.map((c) => c.data));
    expect(after.revisions).toHaveLength(0);

    const listed = await json(await call("GET", `/api/cases?inLedger=false`, { token: w.clerkA }));
    expect(listed.cases.map((c: { caseNo: string }) => c.caseNo)).toEqual(["SY-002", "SY-004"]);
    const summary = await json(await call("GET", `/api/pushes/${pushId}`, { token: w.coordinator }));
    expect(summary).toMatchObject({ complete: true, chunksReceived: 2, notInLedger: ["SY-002", "SY-004"], marking, restored: 0, counts: { unchanged: 8, rejected: 0 } });
  });

  it("clears the not-in-ledger mark when the case is pushed again, and the receipt counts it as restored", async () => {
    await seed(["SY-001", "SY-002"]);
    // 1 of 2 is more than a fifth: the clerk confirmed it.
    const marked = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001")], { wholeLedger: true, confirmMissing: 1 })));
    expect(marked).toMatchObject({ notInLedger: ["SY-002"], marking: { outcome: "marked", missing: 1, marked: 1, liveCases: 2, confirmed: 1 } });
    expect((await snapshot()).cases.find((c) => c.case_no === "SY-002")!.in_ledger).toBe(0);
    const res = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002")], { wholeLedger: true })));
    expect(res).toMatchObject({ counts: { unchanged: 1, updated: 1 }, restored: 1, notInLedger: [], marking: { outcome: "nothing_missing", marked: 0 } });
    expect((await snapshot()).cases.map((c) => c.in_ledger)).toEqual([1, 1]);
  });

  it("completes a push exactly once when its chunks arrive at the same time", async () => {
    await seed(["SY-001", "SY-002", "SY-003", "SY-099"]);
    const pushId = newPushId();
    // SY-099 is 1 of 4: more than a fifth, so every chunk carries the clerk's confirmation.
    const receipts = await Promise.all(["SY-001", "SY-002", "SY-003"].map((n, i) =>
      pushChunk(w.clerkA, pushId, newKey(), chunkBody([sheetRow(i + 2, n)], { wholeLedger: true, chunkIndex: i, chunkCount: 3, confirmMissing: 1 })).then(json)));
    expect(receipts.filter((r) => r.complete)).toHaveLength(1);
    expect(receipts.find((r) => r.complete).notInLedger).toEqual(["SY-099"]);
    expect((await snapshot()).pushes[0].completed_at).not.toBeNull();
  });

  it("deletes a case only when asked, keeps the deleted version, and a later push brings it back", async () => {
    await seed(["SY-001", "SY-002"]);
    const del = await call("DELETE", `/api/cases/${UNIT_A}/SY-002`, { token: w.clerkA });
    expect(del.status).toBe(200);
    expect(await json(del)).toMatchObject({ unit: UNIT_A, caseNo: "SY-002", version: 2 });
    expect((await call("GET", `/api/cases/${UNIT_A}/SY-002`, { token: w.clerkA })).status).toBe(404);
    const db = await snapshot();
    expect(db.cases.find((c) => c.case_no === "SY-002")!.deleted_at).not.toBeNull();
    expect(db.revisions).toEqual([expect.objectContaining({ version: 1, reason: "delete" })]);
    expect((await call("DELETE", `/api/cases/${UNIT_A}/SY-002`, { token: w.clerkA })).status).toBe(404);

    const back = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(3, "SY-002")])));
    expect(back.counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
    const found = await json(await call("GET", `/api/cases/${UNIT_A}/SY-002`, { token: w.clerkA }));
    expect(found).toMatchObject({ version: 3, inLedger: true });
  });
});
