import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { processChunk, type ChunkOutcome } from "../../worker/push/process-chunk.ts";
import type { Receipt } from "../../ledger/api/push.ts";
import { barrierDb } from "./barrier-db.ts";
import { UNIT_A, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, type World } from "./helpers.ts";

// Pushes that land at the same moment, made deterministic: every caller's reads happen before any caller's write
// batch (a barrier in front of D1's batch()). Without assertions inside the write batch each caller would write
// what it decided from reads that another caller has already made stale.

let w: World;
let unitA: { id: number; name: string };
beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
  const row = await env.DB.prepare("SELECT id, name FROM units WHERE name = ?").bind(UNIT_A).first<{ id: number; name: string }>();
  unitA = row!;
});

function chunk(db: D1Database, pushId: string, body: ReturnType<typeof chunkBody>, tokenId: number | null = null): Promise<ChunkOutcome> {
  const rawBody = JSON.stringify(body);
  return processChunk({ db, pushId, idempotencyKey: newKey(), rawBody, body: JSON.parse(rawBody), unit: unitA, tokenId });
}

interface History { caseNo: string; version: number; applicants: string[]; revisionVersions: number[] }

/** Each case's versions, oldest first, with the applicant each version carried. */
async function histories(prefix: string): Promise<History[]> {
  const rows = await env.DB.prepare(`
    SELECT c.case_no AS caseNo, c.version AS version, c.data ->> '$.applicant' AS applicant,
      (SELECT json_group_array(json_array(version, data ->> '$.applicant'))
       FROM (SELECT version, data FROM case_revisions r WHERE r.case_id = c.id ORDER BY version)) AS revs
    FROM cases c WHERE c.unit_id = ? AND c.case_no LIKE ? ORDER BY c.case_no`).bind(unitA.id, `${prefix}%`)
    .all<{ caseNo: string; version: number; applicant: string; revs: string }>();
  return rows.results.map((r) => {
    const revs = JSON.parse(r.revs) as [number, string][];
    return { caseNo: r.caseNo, version: r.version, applicants: [...revs.map(([, a]) => a), r.applicant], revisionVersions: revs.map(([v]) => v) };
  });
}

const receiptOf = (o: ChunkOutcome) => JSON.parse(o.receiptJson) as Receipt;

describe("pushes that land at the same moment", () => {
  it("six clerks pushing the same 20 new cases at once leave every case with six versions, none lost, and receipts that count what each wrote", async () => {
    for (let round = 0; round < 8; round++) {
      const prefix = `R${round}-`;
      const caseNos = Array.from({ length: 20 }, (_, i) => `${prefix}${String(i).padStart(3, "0")}`);
      const applicants = ["甲", "乙", "丙", "丁", "戊", "己"].map((a) => `${a}${round}`);
      const db = barrierDb(6);
      const outcomes = await Promise.all(applicants.map((applicant) =>
        chunk(db, newPushId(), chunkBody(caseNos.map((n, i) => sheetRow(i + 2, n, { applicant }))))));

      const hist = await histories(prefix);
      expect(hist.map((h) => h.caseNo)).toEqual(caseNos);
      for (const h of hist) {
        expect(h.version, `${h.caseNo} in round ${round}`).toBe(6);
        expect(h.revisionVersions).toEqual([1, 2, 3, 4, 5]);
        // Every clerk's version is somewhere in the history, exactly once.
        expect([...h.applicants].sort()).toEqual([...applicants].sort());
      }
      const receipts = outcomes.map(receiptOf);
      expect(receipts.map((r) => r.counts.inserted + r.counts.updated + r.counts.unchanged)).toEqual([20, 20, 20, 20, 20, 20]);
      expect(receipts.reduce((s, r) => s + r.counts.inserted, 0)).toBe(20);
      expect(receipts.reduce((s, r) => s + r.counts.updated, 0)).toBe(100);
      // The order the receipts' writes happened in is the order of the history.
      const firstWriter = receipts.find((r) => r.counts.inserted === 20)!;
      expect(hist[0].applicants[0]).toBe(applicants[receipts.indexOf(firstWriter)]);
    }
  });

  it("two chunks of one push carrying the same new case number at once: the case is taken once, the other chunk reports duplicate_case_no", async () => {
    for (let round = 0; round < 8; round++) {
      const pushId = newPushId();
      const shared = `D${round}-SHARED`;
      const db = barrierDb(2);
      const bodies = [0, 1].map((ci) => chunkBody(
        [sheetRow(2, shared, { applicant: `块${ci}` }), sheetRow(3, `D${round}-OWN-${ci}`)],
        { chunkIndex: ci, chunkCount: 2 }));
      const receipts = (await Promise.all(bodies.map((b) => chunk(db, pushId, b)))).map(receiptOf);

      const dup = receipts.filter((r) => r.issues.some((i) => i.code === "duplicate_case_no"));
      expect(dup, `round ${round}`).toHaveLength(1);
      expect(dup[0].counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 1 });
      expect(dup[0].issues.find((i) => i.code === "duplicate_case_no")!.message).toContain(shared);
      const taker = receipts.find((r) => r !== dup[0])!;
      expect(taker.counts).toEqual({ inserted: 2, updated: 0, unchanged: 0, rejected: 0 });

      const [h] = await histories(shared);
      expect(h.version).toBe(1);
      expect(h.revisionVersions).toEqual([]);
      expect(h.applicants).toEqual([`块${taker.chunkIndex}`]);
      // Exactly one of the two is complete: the one that landed last.
      expect(receipts.filter((r) => r.complete)).toHaveLength(1);
    }
  });

  it("two first chunks that disagree on chunkCount at once: the one that lands first fixes the push, the other is refused and stores nothing", async () => {
    for (let round = 0; round < 6; round++) {
      const pushId = newPushId();
      const db = barrierDb(2);
      const settled = await Promise.allSettled([
        chunk(db, pushId, chunkBody([sheetRow(2, `M${round}-A`)], { chunkIndex: 0, chunkCount: 2, wholeLedger: true })),
        chunk(db, pushId, chunkBody([sheetRow(2, `M${round}-B`)], { chunkIndex: 1, chunkCount: 3, wholeLedger: false })),
      ]);
      const ok = settled.filter((s) => s.status === "fulfilled");
      const refused = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
      expect(ok, `round ${round}`).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(refused[0].reason).toMatchObject({ status: 409, code: "push_mismatch" });

      const stored = await env.DB.prepare("SELECT chunk_count AS chunkCount, whole_ledger AS whole FROM pushes WHERE id = ?").bind(pushId).first<{ chunkCount: number; whole: number }>();
      const chunks = await env.DB.prepare("SELECT chunk_index AS i FROM push_chunks WHERE push_id = ?").bind(pushId).all<{ i: number }>();
      expect(chunks.results).toHaveLength(1);
      const winner = chunks.results[0].i;
      expect(stored).toEqual(winner === 0 ? { chunkCount: 2, whole: 1 } : { chunkCount: 3, whole: 0 });
      const cases = await env.DB.prepare("SELECT case_no FROM cases WHERE case_no LIKE ?").bind(`M${round}-%`).all<{ case_no: string }>();
      expect(cases.results.map((c) => c.case_no)).toEqual([winner === 0 ? `M${round}-A` : `M${round}-B`]);
    }
  });

  it("six pushes through the API at once keep every version too", async () => {
    const caseNos = Array.from({ length: 20 }, (_, i) => `API-${i}`);
    const applicants = ["甲", "乙", "丙", "丁", "戊", "己"];
    const res = await Promise.all(applicants.map((applicant) =>
      pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(caseNos.map((n, i) => sheetRow(i + 2, n, { applicant }))))));
    expect(res.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const receipts = await Promise.all(res.map((r) => json<Receipt>(r)));
    const written = receipts.reduce((s, r) => s + r.counts.inserted + r.counts.updated, 0);
    const hist = await histories("API-");
    for (const h of hist) {
      expect(h.revisionVersions).toEqual(Array.from({ length: h.version - 1 }, (_, i) => i + 1));
    }
    // What the receipts say was written is what the history holds.
    expect(hist.reduce((s, h) => s + h.version, 0)).toBe(written);
  });

  it("a whole-ledger push that carries no case number marks nothing as not in the ledger", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "E-1"), sheetRow(3, "E-2")]));
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([], { wholeLedger: true }));
    expect(res.status).toBe(200);
    const receipt = await json<Receipt>(res);
    expect(receipt.complete).toBe(true);
    expect(receipt.notInLedger).toEqual([]);
    const rows = await env.DB.prepare("SELECT case_no, in_ledger FROM cases ORDER BY case_no").all();
    expect(rows.results).toEqual([{ case_no: "E-1", in_ledger: 1 }, { case_no: "E-2", in_ledger: 1 }]);
  });
});
