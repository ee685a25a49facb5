import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { resetAll, unitId } from "./assessment-fixtures.ts";
import { TransferRequestSchema, type TransferReceipt } from "../../ledger/api/routing.ts";
import type { Receipt } from "../../ledger/api/push.ts";
import { processChunk } from "../../worker/push/process-chunk.ts";
import { confirmTransfers } from "../../worker/routing/transfer-service.ts";
import { barrierDb } from "./barrier-db.ts";
import { chunkBody, newKey, newPushId, pushChunk, snapshot } from "./helpers.ts";
import {
  CENTRE, DEPT, HAS_CHINESE, TOWN, TOWN2, caseOf, caseRow, confirm, deleteCase, incoming, makeDistrict, push, receive, revisions,
  transferCase, type District,
} from "./transfer-fixtures.ts";

// Issue #24 item 1: a transfer never loses a case. Every case 签收 reports as received is live at the lead with
// exactly the transferred values; every transfer not stored is refused with a reason; nothing a clerk stored becomes
// unreachable. transfer-property.test.ts checks the same over random sequences.

let d: District;
beforeEach(async () => {
  await resetAll();
  d = await makeDistrict();
});

describe("签收 into a unit that once held the same case number and deleted it", () => {
  it("stores the transferred case live at the lead for the clerk and the coordinator, and keeps the deleted version", async () => {
    expect((await push(d.clerks[TOWN], [caseRow(3, "ZX-1", { applicant: "王五" })])).counts.inserted).toBe(1);
    expect(await deleteCase(d.clerks[TOWN], TOWN, "ZX-1")).toBe(200);

    const sent = await confirm(d.coordinator, [transferCase(5, "ZX-1", TOWN, { applicant: "张三" })]);
    expect(sent.cases.map((c) => c.outcome)).toEqual(["transferred"]);
    const got = await receive(d.clerks[TOWN], ["ZX-1"]);
    expect(got.cases.map((c) => [c.caseNo, c.outcome])).toEqual([["ZX-1", "received"]]);

    expect((await caseOf(d.clerks[TOWN], TOWN, "ZX-1"))?.applicant).toBe("张三");
    expect((await caseOf(d.coordinator, TOWN, "ZX-1"))?.applicant).toBe("张三");
    const history = await revisions(d.clerks[TOWN], TOWN, "ZX-1");
    expect(history?.map((r) => [r.version, r.reason, r.deleted, r.data.applicant])).toEqual([
      [2, "transfer", true, "王五"],
      [1, "delete", false, "王五"],
    ]);
  });
});

describe("two transfers of one case number to one lead", () => {
  it("refuses the second, from another sending unit, with a reason; 签收 answers once and stores the first", async () => {
    const first = await confirm(d.coordinator, [transferCase(5, "ZX-2", TOWN, { applicant: "张三" })]);
    expect(first.cases[0].outcome).toBe("transferred");
    const second = await confirm(d.coordinator, [transferCase(6, "ZX-2", TOWN, { applicant: "李四" })], { from: DEPT });
    expect(second.cases.map((c) => [c.outcome, c.code])).toEqual([["refused", "case_no_taken"]]);
    expect(second.cases[0].message).toContain(CENTRE);
    expect(second.cases[0].message).toContain("另编案件编号");

    expect((await incoming(d.clerks[TOWN])).map((c) => [c.caseNo, c.from, c.values.applicant])).toEqual([["ZX-2", CENTRE, "张三"]]);
    const got = await receive(d.clerks[TOWN], ["ZX-2"]);
    expect(got.cases.map((c) => [c.caseNo, c.outcome])).toEqual([["ZX-2", "received"]]);
    expect((await caseOf(d.clerks[TOWN], TOWN, "ZX-2"))?.applicant).toBe("张三");
  });

  it("says in English why, when the confirm asks for English", async () => {
    await confirm(d.coordinator, [transferCase(5, "ZX-2", TOWN)]);
    const second = await confirm(d.coordinator, [transferCase(6, "ZX-2", TOWN)], { from: DEPT, locale: "en" });
    expect(second.cases[0].message).toMatch(/^涂岭镇 already has a case numbered ZX-2 transferred from 区调解中心/);
  });

  it("refuses the same case from the same unit with other values instead of calling it unchanged, and keeps the first", async () => {
    await confirm(d.coordinator, [transferCase(5, "ZX-3", TOWN, { applicant: "张三" })]);
    const again = await confirm(d.coordinator, [transferCase(5, "ZX-3", TOWN, { applicant: "李四" })]);
    expect(again.cases.map((c) => [c.outcome, c.code])).toEqual([["refused", "already_transferred"]]);
    expect(again.cases[0].message).toMatch(HAS_CHINESE);
    expect(again.cases[0].message).toContain("内容与本次不同");
    expect((await incoming(d.clerks[TOWN])).map((c) => c.values.applicant)).toEqual(["张三"]);
    // The very same transfer again is still "unchanged".
    const same = await confirm(d.coordinator, [transferCase(5, "ZX-3", TOWN, { applicant: "张三" })]);
    expect(same.cases.map((c) => c.outcome)).toEqual(["unchanged"]);
  });
});

describe("a transfer whose sending unit is its lead", () => {
  it("is refused with a reason, and the unit's own pushes of that case still land", async () => {
    const r = await confirm(d.coordinator, [transferCase(5, "ZX-4", TOWN)], { from: TOWN });
    expect(r.cases.map((c) => [c.outcome, c.code])).toEqual([["refused", "lead_is_sender"]]);
    expect(r.cases[0].message).toContain(`转出单位与承办单位都是${TOWN}`);
    expect(await incoming(d.clerks[TOWN])).toEqual([]);
    const pushed = await push(d.clerks[TOWN], [caseRow(3, "ZX-4")]);
    expect(pushed.counts).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
  });
});

describe("a coordinator transferring a town's case from that town", () => {
  it("is refused while the case is live in the town's ledger: nothing changes and the town keeps pushing it", async () => {
    await push(d.clerks[TOWN], [caseRow(3, "ZX-5", { applicant: "王五" })]);
    const before = await snapshot();
    const r = await confirm(d.coordinator, [transferCase(5, "ZX-5", DEPT, { applicant: "王五" })], { from: TOWN });
    expect(r.cases.map((c) => [c.outcome, c.code])).toEqual([["refused", "in_sender_ledger"]]);
    expect(r.cases[0].message).toContain(`${TOWN}的台账中`);
    expect(r.cases[0].message).toContain("先删除");
    expect((await snapshot()).cases).toEqual(before.cases);
    expect(await incoming(d.clerks[DEPT])).toEqual([]);
    const pushed = await push(d.clerks[TOWN], [caseRow(3, "ZX-5", { applicant: "王五", mediator: "赵六" })]);
    expect(pushed.counts.updated).toBe(1);
  });

  it("is refused while a transfer of the case to that town waits for its 签收, which then lands", async () => {
    await confirm(d.coordinator, [transferCase(5, "ZX-6", TOWN)]);
    const r = await confirm(d.coordinator, [transferCase(5, "ZX-6", DEPT)], { from: TOWN });
    expect(r.cases.map((c) => [c.outcome, c.code])).toEqual([["refused", "in_sender_ledger"]]);
    expect(r.cases[0].message).toContain("签收");
    expect((await receive(d.clerks[TOWN], ["ZX-6"])).cases.map((c) => c.outcome)).toEqual(["received"]);
    expect((await push(d.clerks[TOWN], [caseRow(3, "ZX-6", { mediator: "赵六" })])).counts.updated).toBe(1);
  });

  it("goes ahead once the town deleted the case; the town's later push of it is refused as transferred", async () => {
    await push(d.clerks[TOWN], [caseRow(3, "ZX-7")]);
    expect(await deleteCase(d.clerks[TOWN], TOWN, "ZX-7")).toBe(200);
    const r = await confirm(d.coordinator, [transferCase(5, "ZX-7", DEPT)], { from: TOWN });
    expect(r.cases.map((c) => c.outcome)).toEqual(["transferred"]);
    const pushed = await push(d.clerks[TOWN], [caseRow(3, "ZX-7")]);
    expect(pushed.counts.rejected).toBe(1);
    expect(pushed.issues.map((i) => i.code)).toEqual(["transferred"]);
  });
});

describe("the lead's own push while a transfer to it waits for 签收", () => {
  it("refuses the row with a reason and writes nothing; after 签收 the same row lands on the received case", async () => {
    await confirm(d.coordinator, [transferCase(5, "ZX-8", TOWN, { applicant: "张三" })]);
    const before = await push(d.clerks[TOWN], [caseRow(3, "ZX-8", { applicant: "李四" })]);
    expect(before.counts).toEqual({ inserted: 0, updated: 0, unchanged: 0, rejected: 1 });
    expect(before.issues.map((i) => [i.row, i.code, i.severity])).toEqual([[3, "transfer_pending", "error"]]);
    expect(before.issues[0].message).toContain("请先签收");
    expect(before.issues[0].message).toContain(CENTRE);
    expect(await caseOf(d.clerks[TOWN], TOWN, "ZX-8")).toBeNull();

    expect((await receive(d.clerks[TOWN], ["ZX-8"])).cases.map((c) => c.outcome)).toEqual(["received"]);
    expect((await caseOf(d.clerks[TOWN], TOWN, "ZX-8"))?.applicant).toBe("张三");
    const after = await push(d.clerks[TOWN], [caseRow(3, "ZX-8", { applicant: "李四" })]);
    expect(after.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect((await revisions(d.clerks[TOWN], TOWN, "ZX-8"))?.map((r) => r.data.applicant)).toEqual(["张三"]);
  });

  it("never writes a case whose transfer to the unit lands between the push's reads and its write", async () => {
    await confirm(d.coordinator, [transferCase(5, "ZX-RACE", TOWN2)]);
    // The transfer is moved onto 涂岭镇 inside the push's own write batch, after its reads: only the batch's check sees it.
    await env.DB.prepare(`CREATE TRIGGER race_incoming AFTER INSERT ON pushes WHEN NEW.unit_id = ${await unitId(TOWN)} BEGIN
        UPDATE case_transfers SET to_unit_id = NEW.unit_id WHERE case_no = 'ZX-RACE';
      END`).run();
    try {
      const before = await snapshot();
      const res = await pushChunk(d.clerks[TOWN], newPushId(), newKey(), chunkBody([caseRow(3, "ZX-RACE")]));
      expect(res.status).toBe(503);
      expect((await res.json() as { error: { code: string } }).error.code).toBe("busy");
      expect((await snapshot()).cases).toEqual(before.cases);
    } finally {
      await env.DB.prepare(`DROP TRIGGER race_incoming`).run();
    }
  });
});

describe("a unit that gets back a case it once transferred away", () => {
  it("may push it again, while the unit it went to may not", async () => {
    expect((await confirm(d.coordinator, [transferCase(5, "ZX-9", TOWN)], { from: DEPT })).cases[0].outcome).toBe("transferred");
    await receive(d.clerks[TOWN], ["ZX-9"]);
    expect(await deleteCase(d.clerks[TOWN], TOWN, "ZX-9")).toBe(200);
    expect((await confirm(d.coordinator, [transferCase(5, "ZX-9", DEPT, { applicant: "王五" })], { from: TOWN })).cases[0].outcome).toBe("transferred");
    expect((await receive(d.clerks[DEPT], ["ZX-9"])).cases.map((c) => c.outcome)).toEqual(["received"]);

    const back = await push(d.clerks[DEPT], [caseRow(3, "ZX-9", { applicant: "王五", mediator: "赵六" })]);
    expect(back.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    const gone = await push(d.clerks[TOWN], [caseRow(3, "ZX-9")]);
    expect(gone.issues.map((i) => i.code)).toEqual(["transferred"]);
  });
});

describe("签收 when the lead already holds a live case under the number (stored before these rules)", () => {
  /** A transfer to 涂岭镇 waiting for its 签收 while 涂岭镇 holds the number live: made by moving one to 南埔镇. */
  async function legacyPending(caseNo: string, applicant: string) {
    await confirm(d.coordinator, [transferCase(5, caseNo, TOWN2, { applicant })]);
    await env.DB.prepare(`UPDATE case_transfers SET to_unit_id = ? WHERE case_no = ?`).bind(await unitId(TOWN), caseNo).run();
  }

  it("refuses the receipt with a reason and leaves the clerk's different case as it is", async () => {
    await push(d.clerks[TOWN], [caseRow(3, "ZX-10", { applicant: "王五" })]);
    await legacyPending("ZX-10", "张三");
    const before = await snapshot();
    const got = await receive(d.clerks[TOWN], ["ZX-10"]);
    expect(got.cases.map((c) => [c.caseNo, c.outcome, c.receivedAt, c.code])).toEqual([["ZX-10", "refused", null, "case_no_taken"]]);
    expect(got.cases[0].message).toContain("未签收");
    expect((await snapshot()).cases).toEqual(before.cases);
    expect((await incoming(d.clerks[TOWN])).map((c) => c.receivedAt)).toEqual([null]);
  });

  it("receives it without a write when the clerk's case is the transferred one", async () => {
    await push(d.clerks[TOWN], [caseRow(3, "ZX-11", { applicant: "张三" })]);
    await legacyPending("ZX-11", "张三");
    // The transfer carries exactly the case the clerk stored (the unit column included).
    await env.DB.prepare(`UPDATE case_transfers SET (data, content_hash) = (SELECT data, content_hash FROM cases WHERE unit_id = ?1 AND case_no = ?2)
      WHERE to_unit_id = ?1 AND case_no = ?2`).bind(await unitId(TOWN), "ZX-11").run();
    const before = await snapshot();
    const got = await receive(d.clerks[TOWN], ["ZX-11"]);
    expect(got.cases.map((c) => [c.caseNo, c.outcome])).toEqual([["ZX-11", "received"]]);
    expect((await snapshot()).cases).toEqual(before.cases);
  });
});

describe("transfers and pushes that land at the same moment (every caller reads before any writes)", () => {
  const confirmAt = async (db: D1Database, body: unknown) =>
    JSON.parse(await confirmTransfers({ db, key: newKey(), body: TransferRequestSchema.parse(body), tokenId: null })) as TransferReceipt;

  it("two sending units transferring one case number to one lead: one is transferred, the other refused, and 签收 takes the one", async () => {
    for (let round = 0; round < 4; round++) {
      const no = `ZX-BOTH-${round}`;
      const db = barrierDb(2, 2, round % 2 === 1);
      const [a, b] = await Promise.all([
        confirmAt(db, { cases: [transferCase(5, no, TOWN, { applicant: "张三" })] }),
        confirmAt(db, { from: DEPT, cases: [transferCase(5, no, TOWN, { applicant: "李四" })] }),
      ]);
      const outcomes = [a, b].map((r) => [r.cases[0].outcome, r.cases[0].code]);
      expect(outcomes.filter(([o]) => o === "transferred"), `round ${round}`).toHaveLength(1);
      expect(outcomes.filter(([o, c]) => o === "refused" && c === "case_no_taken"), `round ${round}`).toHaveLength(1);
      const sent = (await incoming(d.clerks[TOWN])).filter((c) => c.caseNo === no);
      expect(sent).toHaveLength(1);
      expect((await receive(d.clerks[TOWN], [no])).cases.map((c) => c.outcome)).toEqual(["received"]);
      expect((await caseOf(d.clerks[TOWN], TOWN, no))?.applicant).toBe(sent[0].values.applicant);
    }
  });

  it("a transfer to a lead and the lead's own push of that number: whichever lands second is refused, and 签收 stores the transfer as sent", async () => {
    const town = { id: await unitId(TOWN), name: TOWN };
    const firsts = new Set<string>();
    for (let round = 0; round < 4; round++) {
      const no = `ZX-RACE2-${round}`;
      // Odd rounds release the callers the other way round: the transfer writes first in some rounds, the push in others.
      const db = barrierDb(2, 2, round % 2 === 1);
      const body = chunkBody([caseRow(3, no, { applicant: "李四" })]);
      const rawBody = JSON.stringify(body);
      const [sent, pushed] = await Promise.all([
        confirmAt(db, { cases: [transferCase(5, no, TOWN, { applicant: "张三" })] }),
        processChunk({ db, pushId: newPushId(), idempotencyKey: newKey(), rawBody, body: JSON.parse(rawBody), unit: town, tokenId: null }),
      ]);
      const receipt = JSON.parse(pushed.receiptJson) as Receipt;
      const transferred = sent.cases[0].outcome === "transferred";
      firsts.add(transferred ? "transfer" : "push");
      // Exactly one of them landed.
      expect(transferred, `round ${round}`).toBe(receipt.counts.inserted === 0);
      if (transferred) {
        expect(receipt.issues.map((i) => i.code)).toEqual(["transfer_pending"]);
        expect((await receive(d.clerks[TOWN], [no])).cases.map((c) => c.outcome)).toEqual(["received"]);
        expect((await caseOf(d.clerks[TOWN], TOWN, no))?.applicant).toBe("张三");
      } else {
        expect(sent.cases[0].code).toBe("case_no_taken");
        expect((await caseOf(d.clerks[TOWN], TOWN, no))?.applicant).toBe("李四");
      }
    }
    // Both orders happened, so both batches' checks were put to the test.
    expect([...firsts].sort()).toEqual(["push", "transfer"]);
  });
});
