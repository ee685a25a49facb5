import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { addDays } from "../../ledger/period.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { resetAll } from "./assessment-fixtures.ts";
import { ADMIN_TOKEN, UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, snapshot, type World } from "./helpers.ts";

const TOWN = "涂岭镇";
const DEPT = "区人社局";
const CENTRE = "区调解中心";
const today = todayInChina();
// Ten days ago; counted in the year it falls in (from 1 to 10 January that is last year).
const received = addDays(today, -10);

let w: World;
let clerkTown: string;
let clerkCentre: string;
beforeEach(async () => {
  await env.DB.batch(["transfer_requests", "case_transfers"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await resetAll();
  w = await makeWorld();
  for (const [name, kind] of [[TOWN, "town"], [DEPT, "department"], [CENTRE, "centre"]]) {
    expect((await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name, kind } })).status).toBe(201);
  }
  clerkTown = await token("clerk", TOWN);
  clerkCentre = await token("clerk", CENTRE);
});

async function token(role: string, unit?: string): Promise<string> {
  const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: unit ? { role, unit } : { role } });
  return (await json(res)).token;
}

/** An intake row (收案登记) as the coordinator's sheet gives it: no unit yet; a valid ledger row otherwise. */
const intake = (row: number, caseNo: string, over: Record<string, unknown> = {}) =>
  sheetRow(row, caseNo, { receivedOn: received, unit: null, place: "涂岭镇樟脚村3组", ...over });

const transferCase = (row: number, caseNo: string, lead: string, assist: string | null, over: Record<string, unknown> = {}) => ({
  row, values: intake(row, caseNo, over).values, lead, assist, basis: "domain", reason: `领域由${lead}主管`,
});

async function confirm(tok: string, cases: unknown[], key = newKey(), over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/transfers", { token: tok, body: { cases, ...over }, headers: { "Idempotency-Key": key } });
  return { status: res.status, text: await res.text(), get body() { return JSON.parse(this.text); } };
}
async function incoming(tok: string, query = "") {
  const res = await call("GET", `/api/transfers/incoming${query}`, { token: tok });
  return { status: res.status, body: await json(res) };
}
async function receive(tok: string, caseNos: string[]) {
  const res = await call("POST", "/api/transfers/receive", { token: tok, body: { caseNos } });
  return { status: res.status, body: await json(res) };
}
async function receivedCount(unit: string): Promise<number> {
  const res = await call("GET", `/api/assessments/${unit}?period=${received.slice(0, 4)}&asOf=${today}`, { token: w.coordinator });
  expect(res.status).toBe(200);
  return (await json(res)).assessment.indicators.acceptance.den;
}
/** The centre is not assessed (no ranking), so its counts are read where the assessment keeps them. */
async function centreReceived(): Promise<number> {
  const r = await env.DB.prepare(`SELECT coalesce(sum(d.received), 0) AS n FROM assessment_daily d JOIN units u ON u.id = d.unit_id WHERE u.name = ?`)
    .bind(CENTRE).first<{ n: number }>();
  return r!.n;
}
async function flags(tok: string, asOf: string) {
  const res = await call("GET", `/api/flags?code=transfer_not_received&asOf=${asOf}`, { token: tok });
  expect(res.status).toBe(200);
  return (await json(res)).flags;
}
const transfersStored = async () => (await env.DB.prepare(`SELECT case_no FROM case_transfers ORDER BY case_no`).all()).results;

describe("confirming transfers", () => {
  it("transfers each case to its lead unit with a transfer record, court-referred cases included", async () => {
    const r = await confirm(w.coordinator, [
      transferCase(5, "ZX-001", DEPT, TOWN),
      { ...transferCase(6, "ZX-002", TOWN, DEPT, { source: "法院委派（诉前）", respondent: "涂岭镇人民政府" }), basis: "respondent" },
      { ...transferCase(7, "ZX-003", TOWN, null, { source: "法院委托（诉中）", stage: "审判", mediationType: "司法调解" }), basis: null, reason: "协调员指定" },
    ]);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ from: CENTRE, counts: { transferred: 3, unchanged: 0, refused: 0 } });
    expect(r.body.cases.map((c: any) => [c.row, c.caseNo, c.outcome, c.lead, c.assist, c.code])).toEqual([
      [5, "ZX-001", "transferred", DEPT, TOWN, null],
      [6, "ZX-002", "transferred", TOWN, DEPT, null],
      [7, "ZX-003", "transferred", TOWN, null, null],
    ]);
    const stored = await env.DB.prepare(`SELECT t.case_no, fu.name AS f, tu.name AS t, au.name AS a, t.basis, t.reason, t.transferred_by, t.received_at,
        t.data ->> '$.unit' AS unit FROM case_transfers t JOIN units fu ON fu.id = t.from_unit_id JOIN units tu ON tu.id = t.to_unit_id
        LEFT JOIN units au ON au.id = t.assist_unit_id ORDER BY t.case_no`).all();
    expect(stored.results).toEqual([
      { case_no: "ZX-001", f: CENTRE, t: DEPT, a: TOWN, basis: "domain", reason: `领域由${DEPT}主管`, transferred_by: w.tokenIds.coordinator, received_at: null, unit: DEPT },
      { case_no: "ZX-002", f: CENTRE, t: TOWN, a: DEPT, basis: "respondent", reason: `领域由${TOWN}主管`, transferred_by: w.tokenIds.coordinator, received_at: null, unit: TOWN },
      { case_no: "ZX-003", f: CENTRE, t: TOWN, a: null, basis: null, reason: "协调员指定", transferred_by: w.tokenIds.coordinator, received_at: null, unit: TOWN },
    ]);
  });

  it("is the coordinator's only: clerks, the assessor and the admin get 403 and nothing is written", async () => {
    for (const tok of [clerkTown, clerkCentre, w.assessor, w.admin]) {
      const r = await confirm(tok, [transferCase(5, "ZX-001", TOWN, null)]);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect(await transfersStored()).toEqual([]);
  });

  it("needs an Idempotency-Key, like a push chunk: without one it is 400 and nothing is written", async () => {
    const res = await call("POST", "/api/transfers", { token: w.coordinator, body: { cases: [transferCase(5, "ZX-001", TOWN, null)] } });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.error.code).toBe("bad_request");
    expect(body.error.message).toContain("Idempotency-Key");
    expect(await transfersStored()).toEqual([]);
  });

  it("returns the same receipt for a retry with the same key, and 'unchanged' with no write when confirmed again", async () => {
    const cases = [transferCase(5, "ZX-001", TOWN, DEPT), transferCase(6, "ZX-002", DEPT, null)];
    const key = newKey();
    const first = await confirm(w.coordinator, cases, key);
    const before = await snapshot();
    const retry = await confirm(w.coordinator, cases, key);
    expect(retry.text).toBe(first.text);
    const again = await confirm(w.coordinator, cases);
    expect(again.body.counts).toEqual({ transferred: 0, unchanged: 2, refused: 0 });
    expect(again.body.cases.map((c: any) => c.outcome)).toEqual(["unchanged", "unchanged"]);
    expect(await snapshot()).toEqual(before);
    expect(await transfersStored()).toHaveLength(2);
    const reused = await confirm(w.coordinator, [transferCase(7, "ZX-009", TOWN, null)], key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe("idempotency_key_reused");
  });

  it("refuses per case, with a clear message, what it cannot transfer, and transfers the rest", async () => {
    await confirm(w.coordinator, [transferCase(2, "ZX-OLD", DEPT, null)]);
    // 涂岭镇's own ledger already has a case numbered ZX-TAKEN.
    await pushChunk(clerkTown, newPushId(), newKey(), chunkBody([sheetRow(2, "ZX-TAKEN", { receivedOn: received })]));
    const r = await confirm(w.coordinator, [
      transferCase(5, "ZX-001", "区调解中心", null),
      transferCase(6, "ZX-002", "火星镇", null),
      transferCase(7, "ZX-003", TOWN, TOWN),
      transferCase(8, "ZX-004", TOWN, null, { receivedOn: "2026.13.45" }),
      transferCase(9, "ZX-OLD", TOWN, null),
      transferCase(10, "ZX-TAKEN", TOWN, null),
      transferCase(11, "ZX-005", TOWN, null),
      transferCase(12, "ZX-005", DEPT, null),
      transferCase(13, "ZX-006", DEPT, TOWN),
    ]);
    expect(r.status).toBe(200);
    expect(r.body.cases.map((c: any) => [c.row, c.outcome, c.code])).toEqual([
      [5, "refused", "unknown_lead"],
      [6, "refused", "unknown_lead"],
      [7, "refused", "unknown_assist"],
      [8, "refused", "invalid_row"],
      [9, "refused", "already_transferred"],
      [10, "refused", "case_no_taken"],
      [11, "transferred", null],
      [12, "refused", "duplicate_case_no"],
      [13, "transferred", null],
    ]);
    const msg = r.body.cases.map((c: any) => c.message);
    expect(msg[1]).toContain("“火星镇”不是已登记的镇街或区直单位");
    expect(msg[1]).toContain(TOWN);
    expect(msg[2]).toContain("协办单位不能与承办单位");
    expect(r.body.cases[3].issues.map((i: any) => [i.row, i.key, i.code])).toEqual([[8, "receivedOn", "invalid_date"]]);
    expect(msg[3]).toContain("收案日期");
    expect(msg[4]).toContain(`已于 ${today}`);
    expect(msg[4]).toContain(`转交${DEPT}`);
    expect(msg[5]).toContain("另编案件编号");
    expect(await transfersStored()).toEqual([{ case_no: "ZX-005" }, { case_no: "ZX-006" }, { case_no: "ZX-OLD" }]);
  });

  it("keeps the centre's version of a case that was in its ledger, and the centre may not change that case afterwards", async () => {
    const pushed = await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([intake(5, "ZX-001"), intake(6, "ZX-002")], { unit: CENTRE }));
    expect((await json(pushed)).counts.inserted).toBe(2);
    expect(await centreReceived()).toBe(2);
    await confirm(w.coordinator, [transferCase(5, "ZX-001", TOWN, null)]);
    // It left the centre: no longer the centre's case, and no unit's yet.
    expect(await centreReceived()).toBe(1);
    expect(await receivedCount(TOWN)).toBe(0);
    const revs = await call("GET", `/api/cases/${CENTRE}/ZX-001/revisions`, { token: w.coordinator });
    expect((await json(revs)).revisions.map((r: any) => [r.version, r.reason])).toEqual([[1, "transfer"]]);

    const before = await snapshot();
    const again = await pushChunk(clerkCentre, newPushId(), newKey(), chunkBody([
      intake(5, "ZX-001", { summary: "改了" }), intake(6, "ZX-002", { summary: "也改了" }),
    ], { columns: { caseNo: "B" } }));
    const receipt = await json(again);
    expect(receipt.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 1 });
    expect(receipt.rejectedRows).toEqual([5]);
    expect(receipt.issues).toEqual([expect.objectContaining({ row: 5, column: "B", key: "caseNo", code: "transferred", severity: "error" })]);
    expect(receipt.issues[0].message).toContain(`转交${TOWN}`);
    expect(receipt.issues[0].message).toContain("本行未保存");
    const after = await snapshot();
    const zx1 = (s: typeof before) => s.cases.find((c) => c.unit === CENTRE && c.case_no === "ZX-001");
    expect(zx1(after)).toEqual(zx1(before));
  });
});

describe("a push racing a transfer", () => {
  it("never writes a case that was transferred between the push's reads and its write", async () => {
    await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([intake(5, "ZX-RACE")], { unit: CENTRE }));
    const pushId = newPushId();
    // The transfer lands inside the push's own write batch, after its reads: only the batch's check can see it.
    await env.DB.prepare(`CREATE TRIGGER race_transfer AFTER INSERT ON pushes WHEN NEW.id = '${pushId}' BEGIN
        INSERT INTO case_transfers (case_no, from_unit_id, to_unit_id, data, content_hash, request_key, transferred_at)
        SELECT 'ZX-RACE', NEW.unit_id, (SELECT id FROM units WHERE name = '${TOWN}'), '{}', 'h', 'race', '2026-11-27T00:00:00.000Z';
      END`).run();
    try {
      const before = await snapshot();
      const res = await pushChunk(clerkCentre, pushId, newKey(), chunkBody([intake(5, "ZX-RACE", { summary: "改了" })]));
      expect(res.status).toBe(503);
      expect((await json(res)).error.code).toBe("busy");
      expect(await snapshot()).toEqual(before);
    } finally {
      await env.DB.prepare(`DROP TRIGGER race_transfer`).run();
    }
  });
});

describe("the receiving unit", () => {
  beforeEach(async () => {
    const r = await confirm(w.coordinator, [
      transferCase(5, "ZX-001", TOWN, DEPT, { amount: "3.5万", accepted: "√", judicialConfirmation: "否" }),
      transferCase(6, "ZX-002", UNIT_B, null),
    ]);
    expect(r.body.counts.transferred).toBe(2);
  });

  it("alone sees its incoming transfers, with the cells to append to its ledger", async () => {
    const mine = await incoming(clerkTown);
    expect(mine.status).toBe(200);
    expect(mine.body.cases).toHaveLength(1);
    const c = mine.body.cases[0];
    expect(c).toMatchObject({ caseNo: "ZX-001", from: CENTRE, lead: TOWN, assist: DEPT, receivedAt: null, basis: "domain" });
    expect(todayInChina(Date.parse(c.transferredAt))).toBe(today);
    expect(c.values).toMatchObject({
      caseNo: "ZX-001", unit: TOWN, receivedOn: received, domain: "劳动人事争议", accepted: "是", amount: 35000, judicialConfirmation: "否",
      place: "涂岭镇樟脚村3组", applicant: "张三",
    });
    expect(c.values.rejectReason).toBeUndefined();
    // 山腰街道 has none; it learns nothing of 涂岭镇's.
    const other = await incoming(w.clerkA);
    expect(other.body).toEqual({ cases: [] });
    for (const tok of [w.coordinator, w.assessor]) expect((await incoming(tok)).status).toBe(403);
  });

  it("signs for a case once: a second receipt keeps the first time, and another unit's clerk cannot receive it", async () => {
    const before = await snapshot();
    const probe = await receive(w.clerkA, ["ZX-001"]);
    expect(probe.body).toEqual({ cases: [], notFound: ["ZX-001"] });
    expect(await snapshot()).toEqual(before);

    const first = await receive(clerkTown, ["ZX-001", "ZX-404"]);
    expect(first.status).toBe(200);
    expect(first.body.cases).toEqual([{ caseNo: "ZX-001", outcome: "received", receivedAt: expect.any(String), code: null, message: null }]);
    expect(first.body.notFound).toEqual(["ZX-404"]);
    const second = await receive(clerkTown, ["ZX-001"]);
    expect(second.body.cases).toEqual([{ caseNo: "ZX-001", outcome: "already_received", receivedAt: first.body.cases[0].receivedAt, code: null, message: null }]);
    const stored = await env.DB.prepare(`SELECT c.case_no, c.version FROM cases c JOIN units u ON u.id = c.unit_id WHERE u.name = ?`).bind(TOWN).all();
    expect(stored.results).toEqual([{ case_no: "ZX-001", version: 1 }]);
    expect((await incoming(clerkTown)).body.cases[0].receivedAt).toBe(first.body.cases[0].receivedAt);
    expect((await incoming(clerkTown, "?pending=true")).body.cases).toEqual([]);
  });

  it("counts the case from its receipt: for no unit before, for the lead unit after", async () => {
    expect(await receivedCount(TOWN)).toBe(0);
    expect(await centreReceived()).toBe(0);
    const rankedBefore = await call("GET", `/api/rankings?period=${received.slice(0, 4)}&asOf=${today}`, { token: w.assessor });
    const townBefore = (await json(rankedBefore)).units.find((u: any) => u.unit === TOWN);
    expect(townBefore.indicators.acceptance).toMatchObject({ num: 0, den: 0 });

    await receive(clerkTown, ["ZX-001"]);
    expect(await receivedCount(TOWN)).toBe(1);
    const rankedAfter = await call("GET", `/api/rankings?period=${received.slice(0, 4)}&asOf=${today}`, { token: w.assessor });
    expect((await json(rankedAfter)).units.find((u: any) => u.unit === TOWN).indicators.acceptance).toMatchObject({ num: 1, den: 1 });
    // 南埔镇 has not signed for ZX-002 yet.
    expect(await receivedCount(UNIT_B)).toBe(0);
  });

  it("treats its later push of the appended rows as the same case, not a duplicate", async () => {
    await receive(clerkTown, ["ZX-001"]);
    const values = (await incoming(clerkTown)).body.cases[0].values;
    const same = await json(await pushChunk(clerkTown, newPushId(), newKey(), chunkBody([{ row: 40, values }])));
    expect(same.counts).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
    const changed = await json(await pushChunk(clerkTown, newPushId(), newKey(), chunkBody([{ row: 40, values: { ...values, mediator: "王五" } }])));
    expect(changed.counts).toEqual({ inserted: 0, updated: 1, unchanged: 0, rejected: 0 });
    expect(await receivedCount(TOWN)).toBe(1);
  });
});

describe("the not-received flag", () => {
  beforeEach(async () => {
    await confirm(w.coordinator, [transferCase(5, "ZX-001", TOWN, null)]);
  });

  it("waits as many days as the coordinator's saved transferReceiptDays instead of TRANSFER_RECEIPT_DAYS", async () => {
    const current = (await json(await call("GET", "/api/settings/limits", { token: w.coordinator }))).current;
    const saved = await call("PUT", "/api/settings/limits", { token: w.coordinator, body: { settings: { ...current, flags: { ...current.flags, transferReceiptDays: 5 } } } });
    expect(saved.status).toBe(200);
    expect(await flags(w.coordinator, addDays(today, 5))).toEqual([]);
    const late = await flags(w.coordinator, addDays(today, 6));
    expect(late.map((f: { caseNo: string; facts: { limitDays: number; daysWaiting: number } }) => [f.caseNo, f.facts.daysWaiting, f.facts.limitDays])).toEqual([["ZX-001", 6, 5]]);
  });

  it("is raised for the coordinator after 3 days without receipt, and seen by the receiving clerk only", async () => {
    expect(await flags(w.coordinator, addDays(today, 3))).toEqual([]);
    const late = await flags(w.coordinator, addDays(today, 4));
    expect(late).toEqual([expect.objectContaining({ code: "transfer_not_received", severity: "medium", scope: "case", unit: TOWN, caseNo: "ZX-001" })]);
    expect(late[0].facts).toMatchObject({ from: CENTRE, lead: TOWN, transferredOn: today, daysWaiting: 4, limitDays: 3 });
    expect(late[0].message.zh).toContain("已 4 天未签收");
    expect(late[0].message.en).toContain("not signed for after 4 days");
    expect(await flags(clerkTown, addDays(today, 4))).toHaveLength(1);
    const other = await call("GET", `/api/flags?asOf=${addDays(today, 4)}`, { token: w.clerkA });
    expect(JSON.stringify(await json(other))).not.toContain("ZX-001");
  });

  it("goes once the case is received", async () => {
    await receive(clerkTown, ["ZX-001"]);
    expect(await flags(w.coordinator, addDays(today, 10))).toEqual([]);
  });
});
