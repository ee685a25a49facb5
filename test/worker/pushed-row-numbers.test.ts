// Every push that carries a sheet's rows keys them by their Excel row number. Two rows under one number are two rows
// of the clerk's sheet read as one — the last one kept, the other lost without a word — so such a push is refused
// whole, naming the row, and nothing of it is stored.
import { env } from "cloudflare:workers";
import { beforeEach, describe, expect, it } from "vitest";
import { call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow, UNIT_A, type World } from "./helpers.ts";
import { resetMentors, rosterRow, visitRow } from "./mentor-fixtures.ts";

let w: World;
beforeEach(async () => {
  await resetMentors();
  w = await makeWorld();
});

const count = async (table: string) => (await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>())!.n;

/** The refusal: 422 in the one error shape, its message naming row 4 in Chinese and in English. */
async function expectRowRefused(res: Response) {
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(422);
  expect(Object.keys(body)).toEqual(["error"]);
  expect(body.error.code).toBe("invalid_request");
  expect(body.error.message).toContain("第 4 行出现了两次");
  expect(body.error.message).toContain("Row 4 is sent twice");
}

const review = (row: number, caseNo: string) => ({
  row, values: { caseNo, unit: UNIT_A, reviewer: "陈评查", reviewedOn: "2026-06-10", evidence: 10, facts: 10, law: 10, procedure: 10, documents: 10, reasoning: 10, effect: 10, responsibility: 10 },
});

describe("a push with one row number twice is refused whole, naming the row", () => {
  it("a ledger chunk: neither case is stored", async () => {
    const res = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(3, "SY-1"), sheetRow(4, "SY-2"), sheetRow(4, "SY-3")]));
    await expectRowRefused(res);
    expect(await count("cases")).toBe(0);
  });

  it("a place sheet (村居表): the list in force stays as it was", async () => {
    await call("POST", "/api/units", { token: "test-admin-token", body: { name: "涂岭镇", kind: "town" } });
    const rows = [{ row: 3, values: { village: "樟脚村", town: "涂岭镇" } }, { row: 4, values: { village: "前亭村", town: "涂岭镇" } }, { row: 4, values: { village: "后亭村", town: "涂岭镇" } }];
    await expectRowRefused(await call("PUT", "/api/routing/places", { token: w.coordinator, body: { rows } }));
    expect(await count("routing_sheets")).toBe(0);
  });

  it("a domain sheet (领域表)", async () => {
    const rows = [{ row: 4, values: { domain: "劳动争议", department: "区人社局" } }, { row: 4, values: { domain: "教育", department: "区教育局" } }];
    await expectRowRefused(await call("PUT", "/api/routing/domains", { token: w.coordinator, body: { rows } }));
    expect(await count("routing_sheets")).toBe(0);
  });

  it("a mediator roster", async () => {
    await expectRowRefused(await call("PUT", "/api/roster", { token: w.coordinator, body: { rows: [rosterRow(4, "陈美华"), rosterRow(4, "林志强")] } }));
    expect(await count("mediators")).toBe(0);
  });

  it("a circuit visit record (巡回指导记录)", async () => {
    const rows = [visitRow(4, "2026.10.9", "蔡国华", UNIT_A), visitRow(4, "2026.10.20", "庄丽君", UNIT_A)];
    await expectRowRefused(await call("PUT", "/api/visits", { token: w.coordinator, body: { rows } }));
    expect(await count("circuit_visits")).toBe(0);
  });

  it("a case-file quality review sheet (评查表)", async () => {
    await expectRowRefused(await call("POST", "/api/reviews", { token: w.coordinator, body: { rows: [review(4, "SY-1"), review(4, "SY-2")] } }));
    expect(await count("case_reviews")).toBe(0);
  });
});
