import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { todayInChina } from "../../ledger/clock.ts";
import { addDays, periodContaining } from "../../ledger/period.ts";
import { addUnit } from "./assessment-fixtures.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, UNIT_B, type World } from "./helpers.ts";
import { putRoster, resetMentors, rosterRow } from "./mentor-fixtures.ts";

let w: World;
const today = todayInChina();
// Received 40 days ago and still open: overdue under every default time limit but 60-day 行政复议 (not used here).
const longAgo = addDays(today, -40);
const recent = addDays(today, -1);

beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
  await addUnit("区司法局", "department");
  await putRoster(w.coordinator, [
    rosterRow(3, "蔡国华", { tier: "金牌", unit: "区司法局", expertise: "征地拆迁、劳动人事争议", capacity: 6 }),
    rosterRow(4, "李四", { unit: UNIT_A }),
  ]);
});

const complexRow = (row: number, caseNo: string, receivedOn: string) =>
  sheetRow(row, caseNo, { receivedOn, complexity: "复杂", domain: "劳动人事争议", respondent: "区人社局", mediator: "李四" });

describe("push receipt flags and assignments", () => {
  it("carries the flags of the chunk's cases and of no others", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(5, "OTHER-OVERDUE", { receivedOn: longAgo, mediator: "李四" })]));
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([
      sheetRow(5, "A-OVERDUE", { receivedOn: longAgo, mediator: "李四" }),
      sheetRow(6, "A-FRESH", { receivedOn: recent, mediator: "李四" }),
    ]));
    const r = await json(res);
    expect(res.status).toBe(200);
    expect(r.flags.map((f: any) => [f.code, f.caseNo])).toEqual([["overdue", "A-OVERDUE"]]);
    expect(r.flags[0].message.zh).toContain("超期");
    expect(r.assignments).toEqual([]);
  });

  it("cites another unit's same dispute once however many of its rows share the names, and flags none of that unit's cases", async () => {
    const same = { applicant: "王五", respondent: "区人社局", mediator: "李四" };
    const others = Array.from({ length: 30 }, (_, i) => sheetRow(5 + i, `B-${String(i).padStart(2, "0")}`, { ...same, receivedOn: addDays(recent, -(i % 5)) }));
    expect((await pushChunk(w.clerkB, newPushId(), newKey(), chunkBody(others))).status).toBe(200);
    // The coordinator's receipt: a clerk's never compares with other units (flag-privacy.test.ts).
    const r = await json(await pushChunk(w.coordinator, newPushId(), newKey(), chunkBody([sheetRow(5, "A-1", { ...same, receivedOn: recent })], { unit: UNIT_A })));
    const same2 = r.flags.filter((f: any) => f.code === "same_dispute_two_units");
    expect(same2.map((f: any) => [f.unit, f.caseNo, f.facts.otherUnit, f.facts.otherCaseNo])).toEqual([[UNIT_A, "A-1", UNIT_B, "B-04"]]);
  });

  it("carries the current period's stored mentor assignments of the pushed cases", async () => {
    const first = newPushId();
    await pushChunk(w.clerkA, first, newKey(), chunkBody([complexRow(5, "A-C1", recent), complexRow(6, "A-C2", recent)]));
    const period = periodContaining(today, "quarter").label;
    expect((await call("POST", `/api/mentors/assignments?period=${period}`, { token: w.coordinator })).status).toBe(200);
    // The year holds assignments of the same cases too: the receipt carries the quarter's only, the most specific.
    const year = periodContaining(today, "year").label;
    expect((await call("POST", `/api/mentors/assignments?period=${year}`, { token: w.coordinator })).status).toBe(200);

    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([complexRow(5, "A-C1", recent), sheetRow(6, "A-PLAIN", { receivedOn: recent, mediator: "李四" })]));
    const r = await json(res);
    expect(r.assignments.map((a: any) => [a.period, a.kind, a.target.caseNo, a.mentor.name])).toEqual([[period, "case", "A-C1", "蔡国华"]]);
    expect(r.assignments[0].reason.zh).toContain("劳动人事争议");
  });

  it("recomputes flags and assignments on a replay while the stored receipt and the data stay untouched", async () => {
    const pushId = newPushId();
    const key = newKey();
    const body = chunkBody([complexRow(5, "A-C1", recent)]);
    const first = await json(await pushChunk(w.clerkA, pushId, key, body));
    expect(first.assignments).toEqual([]);
    const stored = await env.DB.prepare(`SELECT receipt FROM push_chunks WHERE push_id = ?`).bind(pushId).first<{ receipt: string }>();

    const period = periodContaining(today, "quarter").label;
    await call("POST", `/api/mentors/assignments?period=${period}`, { token: w.coordinator });
    const replay = await pushChunk(w.clerkA, pushId, key, body);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    const again = await json(replay);
    expect(again.assignments.map((a: any) => a.target.caseNo)).toEqual(["A-C1"]);
    expect({ ...again, flags: [], assignments: [] }).toEqual({ ...first, flags: [], assignments: [] });
    const after = await env.DB.prepare(`SELECT receipt FROM push_chunks WHERE push_id = ?`).bind(pushId).first<{ receipt: string }>();
    expect(after!.receipt).toBe(stored!.receipt);
    expect(JSON.parse(after!.receipt)).toMatchObject({ flags: [], assignments: [] });
  });

  it("shows another period's assignments only when that period is current", async () => {
    await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([complexRow(5, "A-C1", "2025-05-01")]));
    await call("POST", `/api/mentors/assignments?period=2025-Q2`, { token: w.coordinator });
    const r = await json(await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([complexRow(5, "A-C1", "2025-05-01")])));
    expect(r.assignments).toEqual([]);
  });
});
