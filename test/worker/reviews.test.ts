import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { resetAll, row, storeCases } from "./assessment-fixtures.ts";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, UNIT_B, type World } from "./helpers.ts";

let w: World;
beforeEach(async () => {
  await resetAll();
  w = await makeWorld();
  const closed = { status: "调解成功" as const, closedOn: "2026-06-01", judicialConfirmation: true, receivedOn: "2026-05-20" };
  await storeCases([
    row(UNIT_A, { caseNo: "SY-1", ...closed }), row(UNIT_A, { caseNo: "SY-2", ...closed }),
    row(UNIT_B, { caseNo: "NP-1", ...closed }), row(UNIT_B, { caseNo: "NP-2", ...closed }),
  ]);
});

const DIMS = ["evidence", "facts", "law", "procedure", "documents", "reasoning", "effect", "responsibility"] as const;
/** A 评查表 row as the sheet carries it: raw cells by key. */
function reviewRow(row: number, caseNo: string, unit: string, date: string, scores: number[], over: Record<string, unknown> = {}) {
  return { row, values: { caseNo, unit, reviewer: "陈评查", reviewedOn: date, ...Object.fromEntries(DIMS.map((k, i) => [k, scores[i]])), ...over } };
}
const COLUMNS = { caseNo: "A", unit: "B", reviewer: "C", reviewedOn: "D", evidence: "E", total: "O" };
const push = async (token: string, rows: unknown[]) => {
  const res = await call("POST", "/api/reviews", { token, body: { columns: COLUMNS, rows } });
  return { status: res.status, body: await json(res) };
};
const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

// Hand-computed: 14+13+12+15+9+8+9+10 = 90, less 2 = 88; 10+11+12+9+7+6+5+4 = 64; 8+7+6+9+5+5+5+5 = 50.
const A1 = [14, 13, 12, 15, 9, 8, 9, 10];
const A2 = [10, 11, 12, 9, 7, 6, 5, 4];
const B1 = [8, 7, 6, 9, 5, 5, 5, 5];

describe("POST /api/reviews (案件质量评查表)", () => {
  it("stores the clean rows, refuses a case not in that unit's ledger at its cell, and writes nothing when the same sheet comes again", async () => {
    const rows = [
      reviewRow(4, "SY-1", UNIT_A, "2026-08-10", A1, { deduction: 2, deductionReason: "卷宗缺送达回证", total: 88 }),
      reviewRow(5, "SY-2", UNIT_A, "2026.8.12", A2),
      // NP-1 is 南埔镇's case, not 山腰街道's.
      reviewRow(6, "NP-1", UNIT_A, "2026-08-12", A2),
      reviewRow(7, "NP-1", UNIT_B, "二〇二六年九月一日", B1),
    ];
    const first = await push(w.assessor, rows);
    expect(first.status).toBe(200);
    expect(first.body.counts).toEqual({ reviews: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 1 });
    expect(first.body.rejectedRows).toEqual([6]);
    expect(first.body.issues).toEqual([expect.objectContaining({ row: 6, column: "A", code: "case_not_found" })]);
    expect(first.body.issues[0].message).toBe("「案件编号」“NP-1”不在该单位上报的台账中，请核对案件编号和承办单位（须先由该单位推送含此案件的台账）。");
    const stored = await env.DB.prepare(`SELECT case_no, reviewed_on, score, deduction, deduction_reason, version FROM case_reviews ORDER BY case_no`).all();
    expect(stored.results).toEqual([
      { case_no: "NP-1", reviewed_on: "2026-09-01", score: 50, deduction: 0, deduction_reason: null, version: 1 },
      { case_no: "SY-1", reviewed_on: "2026-08-10", score: 88, deduction: 2, deduction_reason: "卷宗缺送达回证", version: 1 },
      { case_no: "SY-2", reviewed_on: "2026-08-12", score: 64, deduction: 0, deduction_reason: null, version: 1 },
    ]);

    const again = await push(w.coordinator, rows);
    expect(again.body.counts).toEqual({ reviews: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 1 });
    expect(await count("case_review_revisions")).toBe(0);
    expect((await env.DB.prepare(`SELECT max(version) AS v FROM case_reviews`).first<{ v: number }>())!.v).toBe(1);
  });

  it("keeps the previous version when a review of the same case and day changes", async () => {
    await push(w.assessor, [reviewRow(4, "SY-1", UNIT_A, "2026-08-10", A1)]);
    const changed = await push(w.assessor, [reviewRow(4, "SY-1", UNIT_A, "2026-08-10", A1, { deduction: 5, deductionReason: "未告知司法确认" })]);
    expect(changed.body.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 });
    expect(await env.DB.prepare(`SELECT score, version FROM case_reviews`).first()).toEqual({ score: 85, version: 2 });
    const old = await env.DB.prepare(`SELECT version, score, deduction FROM case_review_revisions`).all();
    expect(old.results).toEqual([{ version: 1, score: 90, deduction: 0 }]);
  });

  it("refuses bad rows with the sheet's cells named and stores nothing of them", async () => {
    const r = await push(w.assessor, [
      reviewRow(4, "SY-1", UNIT_A, "2026-08-10", [16, 13, 12, 15, 9, 8, 9, 10]),
      reviewRow(5, "SY-2", "东海镇", "2026-08-10", A2),
      reviewRow(6, "SY-2", UNIT_A, "2026-08-10", A2, { total: 70 }),
    ]);
    expect(r.body.issues.map((i: any) => [i.row, i.column, i.code])).toEqual([[4, "E", "score_out_of_range"], [5, "B", "unknown_unit"], [6, "O", "total_mismatch"]]);
    expect(r.body.counts).toMatchObject({ reviews: 0, rejected: 3 });
    expect(await count("case_reviews")).toBe(0);
  });

  it("is for the assessment office and the coordinator only", async () => {
    for (const token of [w.clerkA, w.admin]) expect((await push(token, [reviewRow(4, "SY-1", UNIT_A, "2026-08-10", A1)])).status).toBe(403);
    expect((await call("POST", "/api/reviews", { body: { rows: [] } })).status).toBe(401);
    expect(await count("case_reviews")).toBe(0);
  });
});

describe("评查 results", () => {
  beforeEach(async () => {
    await push(w.assessor, [
      reviewRow(4, "SY-1", UNIT_A, "2026-08-10", A1, { deduction: 2, deductionReason: "卷宗缺送达回证" }),
      reviewRow(5, "SY-2", UNIT_A, "2026-08-12", A2),
      reviewRow(6, "NP-1", UNIT_B, "2026-09-01", B1),
    ]);
  });

  it("reports per unit the mean total with n and an interval, and per dimension the mean, the max and the points lost", async () => {
    const res = await call("GET", "/api/reviews/dimensions?period=2026-Q3", { token: w.assessor });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body.passMark).toBe(60);
    expect(body.units.map((u: any) => [u.unit, u.reviews, u.meanTotal, u.failed])).toEqual([[UNIT_A, 2, 76, 0], [UNIT_B, 1, 50, 1]]);
    const a = body.units[0];
    // (14+10)/2 = 12 of 15 → 3 lost; (9+7)/2 = 8 of 10 → 2 lost; (10+4)/2 = 7 of 10 → 3 lost.
    expect(a.dimensions.evidence).toEqual({ mean: 12, max: 15, lost: 3 });
    expect(a.dimensions.documents).toEqual({ mean: 8, max: 10, lost: 2 });
    expect(a.dimensions.responsibility).toEqual({ mean: 7, max: 10, lost: 3 });
    expect(a.meanDeduction).toBe(1);
    expect(a.low).toBeLessThan(76);
    expect(a.high).toBeGreaterThan(76);
  });

  it("feeds the ranking's 评查得分 from the pushed totals", async () => {
    const body = await json(await call("GET", "/api/rankings?period=2026-Q3", { token: w.assessor }));
    const a = body.units.find((u: any) => u.unit === UNIT_A);
    expect(a.indicators.review).toMatchObject({ num: 152, den: 200, rate: 0.76 });
  });

  it("shows a clerk only the own unit's results", async () => {
    const mine = await json(await call("GET", "/api/reviews/dimensions?period=2026-Q3", { token: w.clerkB }));
    expect(mine.units.map((u: any) => u.unit)).toEqual([UNIT_B]);
    const coordinator = await json(await call("GET", "/api/reviews/dimensions?period=2026-Q3", { token: w.coordinator }));
    expect(coordinator.units).toHaveLength(2);
    expect((await call("GET", "/api/reviews/dimensions?period=2026-Q3", { token: w.admin })).status).toBe(403);
    expect((await call("GET", "/api/reviews/dimensions?period=2026-Q9", { token: w.assessor })).status).toBe(422);
  });

  it("flags a case reviewed below 60 for its unit's clerk (结果转化), in the push receipt too, and clears it when a later review reaches 60", async () => {
    const flags = async (token: string) =>
      (await json(await call("GET", "/api/flags?asOf=2026-10-01&code=review_failed", { token }))).flags as any[];
    const b = await flags(w.clerkB);
    expect(b.map((f) => [f.code, f.unit, f.caseNo, f.severity])).toEqual([["review_failed", UNIT_B, "NP-1", "medium"]]);
    expect(b[0].message.zh).toBe("评查不合格，需整改（评查得分 50 分，低于 60 分；2026-09-01 评查）");
    expect(b[0].message.en).toContain("Failed case-file review");
    expect(await flags(w.clerkA)).toEqual([]);
    expect((await flags(w.coordinator)).map((f) => f.caseNo)).toEqual(["NP-1"]);

    // The clerk's next push of the case brings the flag back to the sheet's row.
    const receipt = await json(await pushChunk(w.clerkB, newPushId(), newKey(), chunkBody([sheetRow(7, "NP-1", { unit: UNIT_B })])));
    expect(receipt.flags.filter((f: any) => f.code === "review_failed").map((f: any) => f.caseNo)).toEqual(["NP-1"]);

    // 整改 done: reviewed again and passed.
    await push(w.assessor, [reviewRow(4, "NP-1", UNIT_B, "2026-09-20", [12, 12, 12, 12, 8, 8, 8, 8])]);
    expect(await flags(w.clerkB)).toEqual([]);
  });
});
