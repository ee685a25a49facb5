import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World } from "./helpers.ts";

type Role = "clerkA" | "coordinator" | "assessor" | "admin" | "court" | "none" | "unknown";
const ROLES: Role[] = ["clerkA", "coordinator", "assessor", "admin", "court", "none", "unknown"];

let w: World;
let pushA: string;
let pushB: string;

beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
  pushA = newPushId();
  pushB = newPushId();
  await pushChunk(w.clerkA, pushA, newKey(), chunkBody([sheetRow(2, "SY-001"), sheetRow(3, "SY-002")]));
  await pushChunk(w.clerkB, pushB, newKey(), chunkBody([sheetRow(2, "NP-001", { applicant: "秘密申请人" }), sheetRow(3, "NP-002", { source: "法院委派（诉前）" }), sheetRow(4, "NP-SECRET", { applicant: "秘密申请人" })]));
});

function tokenOf(role: Role): string | null {
  if (role === "none") return null;
  if (role === "unknown") return "tj_not-a-real-token-000000000000000000000";
  return w[role];
}

interface Case {
  name: string;
  request: (token: string | null) => Promise<Response>;
  expected: Record<Role, number>;
}

const AUTH_FAIL = { none: 401, unknown: 401 } as const;
// Route × role. Writes that would change shared data use payloads that are refused or harmless (a new token, a
// fresh push of unit A's own case) so every row of the matrix can run against the same database.
const MATRIX: Case[] = [
  { name: "GET /api/me", request: (t) => call("GET", "/api/me", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 200, court: 200, ...AUTH_FAIL } },
  { name: "GET /api/units", request: (t) => call("GET", "/api/units", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 200, court: 200, ...AUTH_FAIL } },
  { name: "POST /api/units (existing name)", request: (t) => call("POST", "/api/units", { token: t, body: { name: UNIT_A, kind: "town" } }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 409, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/tokens", request: (t) => call("GET", "/api/tokens", { token: t }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 200, court: 403, ...AUTH_FAIL } },
  { name: "POST /api/tokens", request: (t) => call("POST", "/api/tokens", { token: t, body: { role: "assessor", label: "matrix" } }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 201, court: 403, ...AUTH_FAIL } },
  { name: "DELETE /api/tokens/999999", request: (t) => call("DELETE", "/api/tokens/999999", { token: t }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 404, court: 403, ...AUTH_FAIL } },
  { name: "POST chunk for unit A", request: (t) => pushChunk(t ?? "", newPushId(), newKey(), chunkBody([sheetRow(2, "SY-001")], { unit: UNIT_A }), t ? {} : { headers: { Authorization: "" } }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "POST chunk for unit B", request: (t) => pushChunk(t ?? "", newPushId(), newKey(), chunkBody([sheetRow(2, "NP-001", { applicant: "篡改" })], { unit: UNIT_B }), t ? {} : { headers: { Authorization: "" } }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET push of unit A", request: (t) => call("GET", `/api/pushes/${pushA}`, { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET push of unit B", request: (t) => call("GET", `/api/pushes/${pushB}`, { token: t }), expected: { clerkA: 404, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET cases of unit A", request: (t) => call("GET", `/api/cases?unit=${UNIT_A}`, { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET cases of unit B", request: (t) => call("GET", `/api/cases?unit=${UNIT_B}`, { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET case of unit A", request: (t) => call("GET", `/api/cases/${UNIT_A}/SY-001`, { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET case of unit B", request: (t) => call("GET", `/api/cases/${UNIT_B}/NP-001`, { token: t }), expected: { clerkA: 404, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET revisions of unit B's case", request: (t) => call("GET", `/api/cases/${UNIT_B}/NP-001/revisions`, { token: t }), expected: { clerkA: 404, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "DELETE unit B's case (absent number)", request: (t) => call("DELETE", `/api/cases/${UNIT_B}/NP-404`, { token: t }), expected: { clerkA: 404, coordinator: 404, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "DELETE unit A's case (absent number)", request: (t) => call("DELETE", `/api/cases/${UNIT_A}/SY-404`, { token: t }), expected: { clerkA: 404, coordinator: 404, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  // Routing (分流): the rule sheets pushed here have an error, so nothing is stored; the transfer's lead is unknown.
  { name: "GET /api/routing/rules", request: (t) => call("GET", "/api/routing/rules", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "PUT /api/routing/domains (a sheet with an error)", request: (t) => call("PUT", "/api/routing/domains", { token: t, body: { rows: [{ row: 2, values: { domain: "炒股", department: "区人社局" } }] } }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "PUT /api/routing/places (a sheet with an error)", request: (t) => call("PUT", "/api/routing/places", { token: t, body: { rows: [{ row: 2, values: { village: "东村", town: "西海镇" } }] } }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "POST /api/transfers (unknown lead)", request: (t) => call("POST", "/api/transfers", { token: t, headers: { "Idempotency-Key": newKey() }, body: { from: UNIT_B, cases: [{ values: sheetRow(2, "NP-001").values, lead: "火星镇" }] } }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/transfers/incoming", request: (t) => call("GET", "/api/transfers/incoming", { token: t }), expected: { clerkA: 200, coordinator: 403, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  // The assessment office's desk: statements and rankings of the whole district, never a clerk's to read.
  { name: "GET /api/subsidies", request: (t) => call("GET", "/api/subsidies?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "PUT /api/subsidies/tiers", request: (t) => call("PUT", "/api/subsidies/tiers?period=2026-Q2", { token: t, body: { tiers: { 简易: 100, 普通: 200, 复杂: 400, 重大: 800 } } }), expected: { clerkA: 403, coordinator: 403, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/mediators/results", request: (t) => call("GET", "/api/mediators/results?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/zones", request: (t) => call("GET", "/api/zones", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "PUT /api/zones (a town in two zones)", request: (t) => call("PUT", "/api/zones", { token: t, body: { zones: { 北片: [UNIT_A], 南片: [UNIT_A] } } }), expected: { clerkA: 403, coordinator: 422, assessor: 422, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/competition", request: (t) => call("GET", "/api/competition?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "POST /api/transfers/receive (another unit's case number)", request: (t) => call("POST", "/api/transfers/receive", { token: t, body: { caseNos: ["NP-001"] } }), expected: { clerkA: 200, coordinator: 403, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  // Routes the court liaison (法院联络员) has no business with: flags, rankings, assessments, the roster, mentors, visits.
  { name: "GET /api/flags", request: (t) => call("GET", "/api/flags", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/rankings", request: (t) => call("GET", "/api/rankings?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/rankings/weights", request: (t) => call("GET", "/api/rankings/weights?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/assessments of unit A", request: (t) => call("GET", `/api/assessments/${UNIT_A}?period=2026-Q2`, { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/roster", request: (t) => call("GET", "/api/roster", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/mentors/assignments (none computed yet)", request: (t) => call("GET", "/api/mentors/assignments?period=2026-Q2", { token: t }), expected: { clerkA: 404, coordinator: 404, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/visits", request: (t) => call("GET", "/api/visits?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  // The court liaison's own routes: the court's cases of every unit, and nobody else's desk.
  { name: "GET /api/court/cases", request: (t) => call("GET", "/api/court/cases", { token: t }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 403, court: 200, ...AUTH_FAIL } },
  { name: "GET court case of unit B (court-referred)", request: (t) => call("GET", `/api/court/cases/${UNIT_B}/NP-002`, { token: t }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 403, court: 200, ...AUTH_FAIL } },
  { name: "GET court case of unit B (not the court's)", request: (t) => call("GET", `/api/court/cases/${UNIT_B}/NP-001`, { token: t }), expected: { clerkA: 403, coordinator: 403, assessor: 403, admin: 403, court: 404, ...AUTH_FAIL } },
  // The joint-meeting digest (府院联席会议材料): the district's figures for the centre, the court and the assessment office.
  { name: "GET /api/digest", request: (t) => call("GET", "/api/digest?period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 200, ...AUTH_FAIL } },
  // A clerk's trend is their own unit's line (test/worker/trend.test.ts shows nothing of another unit comes back).
  { name: "GET /api/rankings/trend", request: (t) => call("GET", "/api/rankings/trend?from=2026-01&to=2026-06", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/stats", request: (t) => call("GET", "/api/stats?period=2026-05", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/stats for the towns (a clerk gets their own unit)", request: (t) => call("GET", "/api/stats?period=2026-05&group=town", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  // 案件质量评查: the office and the coordinator push 评查表 (this one names a case no ledger has, so nothing is stored);
  // a clerk reads the own unit's results only (reviews.test.ts holds the scope).
  { name: "POST /api/reviews (a case not in the ledger)", request: (t) => call("POST", "/api/reviews", { token: t, body: { rows: [{ row: 2, values: { caseNo: "SY-404", unit: UNIT_A, reviewer: "评查人", reviewedOn: "2026-05-01", evidence: 15, facts: 15, law: 15, procedure: 15, documents: 10, reasoning: 10, effect: 10, responsibility: 10 } }] } }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/reviews/dimensions", request: (t) => call("GET", "/api/reviews/dimensions?period=2026-Q2", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  // Time limits and flag thresholds: district rules every working role may read; only the coordinator saves. The
  // PUT sent here is out of range, so the coordinator's 422 stores nothing.
  { name: "GET /api/settings/limits", request: (t) => call("GET", "/api/settings/limits", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "PUT /api/settings/limits (out of range)", request: (t) => call("PUT", "/api/settings/limits", { token: t, body: { settings: { timeLimits: { byStage: {}, byMediationType: {}, fallback: 0 }, flags: {} } } }), expected: { clerkA: 403, coordinator: 422, assessor: 403, admin: 403, court: 403, ...AUTH_FAIL } },
  // The office's letterhead (报表落款): every role prints it on its forms; the coordinator (or the admin) sets it.
  { name: "GET /api/office-profile", request: (t) => call("GET", "/api/office-profile", { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 200, court: 200, ...AUTH_FAIL } },
  { name: "PUT /api/office-profile (not a phone number)", request: (t) => call("PUT", "/api/office-profile", { token: t, body: { filingUnit: "某某区司法局", contact: "张三", phone: "12345678" } }), expected: { clerkA: 403, coordinator: 422, assessor: 403, admin: 422, court: 403, ...AUTH_FAIL } },
  // Drill-down: a clerk reaches their own unit only, and another unit (real or not) answers the same 403.
  { name: "GET /api/rankings/drilldown (own unit, unnamed)", request: (t) => call("GET", "/api/rankings/drilldown?period=2026-Q2", { token: t }), expected: { clerkA: 200, coordinator: 422, assessor: 422, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/rankings/drilldown of unit A", request: (t) => call("GET", `/api/rankings/drilldown?unit=${UNIT_A}&period=2026-Q2`, { token: t }), expected: { clerkA: 200, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/rankings/drilldown of unit B", request: (t) => call("GET", `/api/rankings/drilldown?unit=${UNIT_B}&period=2026-Q2`, { token: t }), expected: { clerkA: 403, coordinator: 200, assessor: 200, admin: 403, court: 403, ...AUTH_FAIL } },
  { name: "GET /api/rankings/drilldown of a unit that does not exist", request: (t) => call("GET", "/api/rankings/drilldown?unit=火星镇&period=2026-Q2", { token: t }), expected: { clerkA: 403, coordinator: 404, assessor: 404, admin: 403, court: 403, ...AUTH_FAIL } },
];

describe("access matrix: every route × every role", () => {
  for (const route of MATRIX) {
    for (const role of ROLES) {
      it(`${route.name} as ${role} answers ${route.expected[role]}`, async () => {
        const res = await route.request(tokenOf(role));
        expect(res.status).toBe(route.expected[role]);
        if (res.status >= 400) {
          const body = await json(res);
          expect(Object.keys(body)).toEqual(["error"]);
          expect(body.error.code).toMatch(/^[a-z_]+$/);
        }
      });
    }
  }
});

describe("a clerk of unit A and unit B's data", () => {
  it("learns nothing about unit B's cases: the 404 reads the same as for a case that does not exist", async () => {
    // NP-SECRET is a case no row of the matrix writes to: its applicant is still the secret when this test runs,
    // in whatever order the tests run, as the coordinator's read shows.
    const seen = await call("GET", `/api/cases/${UNIT_B}/NP-SECRET`, { token: w.coordinator });
    expect(seen.status).toBe(200);
    expect(JSON.stringify(await json(seen))).toContain("秘密申请人");
    const existing = await call("GET", `/api/cases/${UNIT_B}/NP-SECRET`, { token: w.clerkA });
    const absent = await call("GET", `/api/cases/${UNIT_B}/NP-999`, { token: w.clerkA });
    const a = await json(existing);
    const b = await json(absent);
    expect([existing.status, absent.status]).toEqual([404, 404]);
    expect(JSON.stringify(a).replaceAll("NP-SECRET", "NP-999")).toBe(JSON.stringify(b));
    expect(JSON.stringify(a)).not.toContain("秘密申请人");
    const list = await call("GET", `/api/cases?unit=${UNIT_B}`, { token: w.clerkA });
    expect(list.status).toBe(403);
    expect(JSON.stringify(await json(list))).not.toContain("NP-");
  });

  it("cannot change or delete unit B's cases", async () => {
    const before = (await snapshot()).cases.filter((c) => c.unit === UNIT_B);
    expect((await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "NP-001", { applicant: "改写" })], { unit: UNIT_B }))).status).toBe(403);
    expect((await call("DELETE", `/api/cases/${UNIT_B}/NP-001`, { token: w.clerkA })).status).toBe(404);
    const pushRes = await pushChunk(w.clerkA, newPushId(), newKey(), chunkBody([sheetRow(2, "NP-003")], { unit: UNIT_B }));
    expect(pushRes.status).toBe(403);
    expect((await snapshot()).cases.filter((c) => c.unit === UNIT_B)).toEqual(before);
  });

  it("sees only unit A's cases when listing without naming a unit", async () => {
    const list = await json(await call("GET", "/api/cases", { token: w.clerkA }));
    expect(new Set(list.cases.map((c: { unit: string }) => c.unit))).toEqual(new Set([UNIT_A]));
  });
});

describe("revoking a token", () => {
  it("refuses the token on its very next request", async () => {
    const created = await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: UNIT_A } }));
    expect((await call("GET", "/api/me", { token: created.token })).status).toBe(200);
    expect((await call("DELETE", `/api/tokens/${created.id}`, { token: ADMIN_TOKEN })).status).toBe(200);
    const res = await call("GET", "/api/cases", { token: created.token });
    expect(res.status).toBe(401);
    expect((await json(res)).error.code).toBe("token_revoked");
    const push = await pushChunk(created.token, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-777")]));
    expect(push.status).toBe(401);
    expect((await snapshot()).cases.some((c) => c.case_no === "SY-777")).toBe(false);
  });
});
