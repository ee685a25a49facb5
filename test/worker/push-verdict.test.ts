// A re-push of the same bytes skips validation only on the server's own earlier verdict (worker/push/verdict.ts,
// migration 0036): these tests hold that the Worker still refuses every row it would refuse, and writes what it must.
import { beforeEach, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { createHash } from "node:crypto";
import { validateRecords } from "../../ledger/validate.ts";
import { canonicalJson } from "../../worker/push/content-hash.ts";
import { RULES_VERSION } from "../../worker/push/verdict.ts";
import { UNIT_A, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World } from "./helpers.ts";

let w: World;

beforeEach(async () => {
  await resetDb();
  w = await makeWorld();
});

const rows = () => Array.from({ length: 20 }, (_, i) => sheetRow(i + 2, `SY-${String(i).padStart(3, "0")}`));

async function verdicts(): Promise<{ push_id: string; verdict_context: string | null; row_hashes: string | null }[]> {
  const { results } = await env.DB.prepare(`SELECT push_id, verdict_context, row_hashes FROM push_chunks ORDER BY received_at, push_id`).all();
  return results as never;
}

describe("re-pushing the same bytes", () => {
  it("writes nothing, counts every row unchanged and answers with the receipt a validated chunk gets", async () => {
    const body = chunkBody(rows());
    const first = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(first.counts).toEqual({ inserted: 20, updated: 0, unchanged: 0, rejected: 0 });
    const before = await snapshot();

    const again = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(again.counts).toEqual({ inserted: 0, updated: 0, unchanged: 20, rejected: 0 });
    expect(again.issues).toEqual([]);
    expect(again.rejectedRows).toEqual([]);
    expect(again.flags).toEqual(first.flags);
    const after = await snapshot();
    expect(after.cases).toEqual(before.cases);
    expect(after.revisions).toHaveLength(0);
    // The first chunk kept its verdict; the re-push, which stood on it, keeps none of its own.
    const kept = await verdicts();
    expect(kept.map((v) => v.verdict_context !== null)).toEqual([true, false]);
    expect(JSON.parse(kept[0].row_hashes!)).toEqual(before.cases.map((c) => c.content_hash));
  });

  it("refuses a row changed to an invalid one with the issue a first push gets, and leaves its stored case as it was", async () => {
    const good = rows();
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(good, { columns: { receivedOn: "B" } }));
    const before = await snapshot();

    const changed = good.map((r, i) => (i === 3 ? { ...r, values: { ...r.values, receivedOn: "2026年13月40日" } } : r));
    const res = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody(changed, { columns: { receivedOn: "B" } })));
    expect(res.counts).toEqual({ inserted: 0, updated: 0, unchanged: 19, rejected: 1 });
    expect(res.rejectedRows).toEqual([5]);
    const fresh = validateRecords([changed[3]], { units: [UNIT_A], defaultUnit: UNIT_A, columnLetters: { receivedOn: "B" } })[0].issues;
    expect(res.issues).toEqual(fresh);
    expect(res.issues).toContainEqual(expect.objectContaining({ row: 5, column: "B", code: "invalid_date", severity: "error" }));
    expect((await snapshot()).cases).toEqual(before.cases);
  });

  it("writes a case back when another push changed it since the same bytes were accepted, keeping the version it replaces", async () => {
    const body = chunkBody(rows());
    await pushChunk(w.clerkA, newPushId(), newKey(), body);
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-000", { status: "调解成功", closedOn: "2026-06-01" })]));

    const res = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(res.counts).toEqual({ inserted: 0, updated: 1, unchanged: 19, rejected: 0 });
    const after = await snapshot();
    expect(JSON.parse(after.cases.find((c) => c.case_no === "SY-000")!.data).status).toBe("调解中");
    expect(after.revisions).toHaveLength(2);
  });

  it("validates again after the roster changes, so a mediator not on it is warned about", async () => {
    const body = chunkBody(rows().slice(0, 2));
    const first = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(first.issues).toEqual([]);
    await env.DB.prepare(`INSERT INTO mediators (name, tier) VALUES ('王芳', '金牌调解员')`).run();

    const res = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(res.counts).toEqual({ inserted: 0, updated: 0, unchanged: 2, rejected: 0 });
    expect(res.issues.map((i: { row: number; code: string }) => [i.row, i.code])).toEqual([[2, "unknown_mediator"], [3, "unknown_mediator"]]);
  });

  it("does not stand on a verdict reached under other rules: a row the rules refuse is refused", async () => {
    const body = chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002", { receivedOn: "bad" })]);
    const first = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(first.rejectedRows).toEqual([3]);
    expect((await verdicts())[0].verdict_context).toBeNull();
    // A verdict as other rules (another RULES_VERSION) might have kept for the same bytes.
    const hash = (await snapshot()).cases[0].content_hash;
    await env.DB.prepare(`UPDATE push_chunks SET verdict_context = 'rules-0', row_hashes = ?`).bind(JSON.stringify([hash, hash])).run();
    const before = await snapshot();

    const res = await json(await pushChunk(w.clerkA, newPushId(), newKey(), body));
    expect(res.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 1 });
    expect(res.issues).toContainEqual(expect.objectContaining({ row: 3, code: "invalid_date" }));
    expect((await snapshot()).cases).toEqual(before.cases);
  });

  it("does not let another unit's clerk stand on a verdict kept for the same bytes", async () => {
    const body = chunkBody(rows().slice(0, 3));
    await pushChunk(w.clerkA, newPushId(), newKey(), body);
    const res = await json(await pushChunk(w.clerkB, newPushId(), newKey(), body));
    expect(res.counts).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect((await verdicts()).map((v) => v.verdict_context !== null)).toEqual([true, true]);
  });
});

describe("the rules version", () => {
  // Rows in the ways clerks write them (DOMAIN.md §2), valid and not, on a fixed day. When this fingerprint moves,
  // the rules now answer differently: raise RULES_VERSION in worker/push/verdict.ts, then update both values here.
  it("is raised whenever the rules' answers change", () => {
    const messy = [
      sheetRow(2, "ＳＹ－００１", { receivedOn: "2026年5月26日", accepted: "√", amount: "3.5万", phone: "0595-87123456" }),
      sheetRow(3, " SY-002 ", { receivedOn: 46168, accepted: "Y", status: "调解成功", closedOn: "20260601", applicantId: "11010519491231002X" }),
      sheetRow(4, "SY-003", { receivedOn: "2026/13/1", phone: "12345", applicantId: "110105194912310021" }),
      sheetRow(5, "SY-004", { accepted: "否", rejectReason: null, mediator: null, status: null, partyCount: "-1" }),
      sheetRow(6, "SY-005", { domain: "医患纠纷", stage: "审判", mediationType: "司法调解", commitment: "补发工资", complexity: "重大" }),
      sheetRow(7, "SY-005", { receivedOn: "2027-01-01", status: "调解中", closedOn: "2026-06-01", place: "涂岭镇樟脚村3组" }),
    ];
    const answers = validateRecords(messy, { today: "2026-11-28", units: [UNIT_A], defaultUnit: UNIT_A, mediators: ["李四"] })
      .map((r) => ({ ok: r.ok, case: r.case && canonicalJson(r.case), issues: r.issues }));
    const fingerprint = createHash("sha256").update(JSON.stringify(answers)).digest("hex");
    expect([RULES_VERSION, fingerprint]).toEqual([1, "b79e8278da74f9e56a41ef16d35dd207a8e245fb18f2c8518acf6f84b41edf40"]);
  });
});
