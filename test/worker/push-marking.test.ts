// Which stored cases a whole-ledger push marks "not in ledger" (docs/API.md § Whole ledger): only after a push whose
// every row landed and which carried at least one of the unit's stored cases; more than a fifth of the unit's live
// cases only when the clerk confirmed it. Decided in the batch that lands the push's last chunk.
import { beforeEach, describe, expect, it } from "vitest";
import { resetAll } from "./assessment-fixtures.ts";
import { UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, snapshot, type World } from "./helpers.ts";

const AS_OF = "2027-06-01";
let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
});

const numbers = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(3, "0")}`);
const rowsOf = (caseNos: string[], over: Record<string, unknown> = {}) => caseNos.map((n, i) => sheetRow(i + 3, n, over));

async function whole(rows: unknown[], over: Record<string, unknown> = {}) {
  const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rows, { wholeLedger: true, ...over }));
  expect(res.status).toBe(200);
  return json(res);
}
const inLedger = async () => (await snapshot()).cases.map((c) => [c.case_no, c.in_ledger]);

describe("a clerk who pushes another unit's ledger by mistake", () => {
  /** 山腰街道's own ledger: three successes of 2026-Q2, each payable. */
  const ownRows = () => ["SY-001", "SY-002", "SY-003"].map((n, i) =>
    sheetRow(i + 3, n, { applicant: `申请人${i}`, receivedOn: "2026-05-02", status: "调解成功", closedOn: "2026-05-20", complexity: "普通" }));

  async function reports() {
    const rankings = await json(await call("GET", `/api/rankings?period=2026-Q2&asOf=${AS_OF}`, { token: w.assessor }));
    const subsidies = await json(await call("GET", "/api/subsidies?period=2026-Q2", { token: w.assessor }));
    const a = rankings.units.find((u: { unit: string }) => u.unit === UNIT_A);
    return {
      received: a.indicators.acceptance.den as number,
      successes: a.indicators.success.num as number,
      paid: (subsidies.lines as { unit: string; caseNo: string }[]).filter((l) => l.unit === UNIT_A).map((l) => l.caseNo).sort(),
    };
  }

  it("loses none of their own cases: nothing is marked, subsidies and rankings still count the same three cases", async () => {
    await whole(ownRows());
    const before = await reports();
    expect(before).toEqual({ received: 3, successes: 3, paid: ["SY-001", "SY-002", "SY-003"] });

    // 南埔镇's ledger, opened by mistake: every row names 南埔镇, so every row is refused (unknown_unit).
    const receipt = await whole(["NP-001", "NP-002"].map((n, i) => sheetRow(i + 3, n, { unit: UNIT_B, receivedOn: "2026-05-03" })));
    expect(receipt.counts).toMatchObject({ inserted: 0, rejected: 2 });
    expect(receipt.notInLedger).toEqual([]);
    expect(receipt.marking).toEqual({ outcome: "rows_rejected", missing: 3, marked: 0, liveCases: 3, confirmed: null, examples: [] });

    expect(await inLedger()).toEqual([["SY-001", 1], ["SY-002", 1], ["SY-003", 1]]);
    expect(await reports()).toEqual(before);
  });

  it("marks nothing when the other ledger's rows all land but it holds none of the unit's stored cases", async () => {
    await whole(rowsOf(numbers("SY", 3)));
    // A ledger without a 承办单位 column: its rows default to the clerk's unit and land as new cases.
    const receipt = await whole(rowsOf(numbers("XX", 20)));
    expect(receipt.counts).toMatchObject({ inserted: 20, rejected: 0 });
    expect(receipt.marking).toMatchObject({ outcome: "no_stored_case", missing: 3, marked: 0, liveCases: 3 });
    expect((await inLedger()).filter(([n]) => String(n).startsWith("SY"))).toEqual([["SY-001", 1], ["SY-002", 1], ["SY-003", 1]]);
  });
});

describe("marking cases no longer in the ledger", () => {
  it("marks nothing when any chunk had a refused row, whichever chunk lands last", async () => {
    const stored = numbers("SY", 10);
    await whole(rowsOf(stored));
    for (const order of [[0, 1], [1, 0]]) {
      const pushId = newPushId();
      // SY-010 is missing from the ledger; SY-009 is in it with an unreadable date (refused, never counted as missing).
      const bodies = [
        chunkBody(rowsOf(stored.slice(0, 8)), { wholeLedger: true, chunkIndex: 0, chunkCount: 2 }),
        chunkBody([sheetRow(20, "SY-009", { receivedOn: "不详" })], { wholeLedger: true, chunkIndex: 1, chunkCount: 2 }),
      ];
      const receipts = [];
      for (const i of order) receipts.push(await json(await pushChunk(w.clerkA, pushId, newKey(), bodies[i])));
      const last = receipts[1];
      expect(last).toMatchObject({ complete: true, notInLedger: [], marking: { outcome: "rows_rejected", missing: 1, marked: 0 } });
      expect(receipts[0].marking).toBeNull();
    }
    expect((await inLedger()).every(([, i]) => i === 1)).toBe(true);
  });

  it("marks up to a fifth of the unit's live cases without asking", async () => {
    const stored = numbers("SY", 10);
    await whole(rowsOf(stored));
    const receipt = await whole(rowsOf(stored.slice(2)));
    expect(receipt).toMatchObject({ notInLedger: ["SY-001", "SY-002"], marking: { outcome: "marked", missing: 2, marked: 2, liveCases: 10, examples: [] } });
  });

  it("asks before marking more than a fifth: nothing is marked until a push confirms as many, then they are", async () => {
    const stored = numbers("SY", 30);
    await whole(rowsOf(stored));
    const kept = rowsOf(stored.slice(0, 18));
    // 12 of 30 missing (40 %): the receipt says how many and names some, and marks none.
    const asked = await whole(kept);
    expect(asked).toMatchObject({ complete: true, notInLedger: [], counts: { unchanged: 18 } });
    expect(asked.marking).toEqual({ outcome: "needs_confirmation", missing: 12, marked: 0, liveCases: 30, confirmed: null, examples: stored.slice(18, 28) });
    expect((await inLedger()).every(([, i]) => i === 1)).toBe(true);

    // A confirmation of fewer than are missing is not enough.
    const short = await whole(kept, { confirmMissing: 11 });
    expect(short.marking).toMatchObject({ outcome: "needs_confirmation", missing: 12, marked: 0, confirmed: 11 });

    // The same ledger again with the clerk's confirmation: the twelve are marked, nothing else is written.
    const before = await snapshot();
    const confirmed = await whole(kept, { confirmMissing: 12 });
    expect(confirmed).toMatchObject({ notInLedger: stored.slice(18), counts: { inserted: 0, updated: 0, unchanged: 18 } });
    expect(confirmed.marking).toEqual({ outcome: "marked", missing: 12, marked: 12, liveCases: 30, confirmed: 12, examples: [] });
    const after = await snapshot();
    expect(after.cases.map((c) => [c.case_no, c.in_ledger, c.version, c.data])).toEqual(
      before.cases.map((c) => [c.case_no, stored.slice(18).includes(c.case_no) ? 0 : 1, c.version, c.data]));
    expect(after.revisions).toEqual(before.revisions);

    // They are still live: the rankings count all 30.
    const rankings = await json(await call("GET", `/api/rankings?period=2026&asOf=${AS_OF}`, { token: w.assessor }));
    expect(rankings.units.find((u: { unit: string }) => u.unit === UNIT_A).indicators.acceptance.den).toBe(30);
  });

  it("refuses a confirmation on a partial push, and a chunk whose confirmation differs from its push's, with a message saying why", async () => {
    const partial = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(rowsOf(["SY-001"]), { confirmMissing: 3 }));
    expect(partial.status).toBe(422);
    const body = await json(partial);
    expect(body.error.code).toBe("invalid_request");
    expect(body.error.message).toContain("confirmMissing");
    expect(body.error.message).toContain("整本台账");

    const pushId = newPushId();
    const first = await pushChunk(w.clerkA, pushId, newKey(), chunkBody(rowsOf(["SY-001"]), { wholeLedger: true, chunkIndex: 0, chunkCount: 2, confirmMissing: 3 }));
    expect(first.status).toBe(200);
    const before = await snapshot();
    const other = await pushChunk(w.clerkA, pushId, newKey(), chunkBody(rowsOf(["SY-002"]), { wholeLedger: true, chunkIndex: 1, chunkCount: 2 }));
    expect(other.status).toBe(409);
    const error = (await json(other)).error;
    expect(error.code).toBe("push_mismatch");
    expect(error.message).toContain("confirmMissing");
    expect(await snapshot()).toEqual(before);
  });
});
