import { beforeAll, describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import {
  ADMIN_TOKEN, UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, resetDb, sheetRow, snapshot, type World,
} from "./helpers.ts";

// Every combination of source × stage × 司法确认, hand-built in two towns and a department. Which of them are the
// court's is written out here from the issue's words, not taken from the product's own list.
const SOURCES = ["当事人申请", "法院委派（诉前）", "法院委托（诉中）", "信访转办"];
const STAGES = ["诉前", "立案", "审判", "执行", "行政复议"];
const CONFIRMED = ["是", "否", null];
const DEPT = "区人社局";
const courtsByWords = (source: string, stage: string, confirmed: string | null) =>
  source === "法院委派（诉前）" || source === "法院委托（诉中）" || stage === "立案" || stage === "审判" || stage === "执行" || confirmed === "是";

interface Built { unit: string; caseNo: string; court: boolean }
const built: Built[] = [];
let w: World;
let clerkDept: string;

function rowsOf(unit: string, prefix: string): ReturnType<typeof sheetRow>[] {
  const rows: ReturnType<typeof sheetRow>[] = [];
  for (const source of SOURCES) {
    for (const stage of STAGES) {
      for (const confirmed of CONFIRMED) {
        const caseNo = `${prefix}-${String(rows.length + 1).padStart(3, "0")}`;
        built.push({ unit, caseNo, court: courtsByWords(source, stage, confirmed) });
        rows.push(sheetRow(rows.length + 2, caseNo, {
          source, stage, judicialConfirmation: confirmed, status: "调解成功", closedOn: "2026.6.10", amount: "3.5万",
          applicant: `申请人${prefix}${rows.length + 1}`, applicantId: "11010519491231002X", phone: "13912345678", notes: "内部备注：勿外传",
        }));
      }
    }
  }
  return rows;
}

async function push(token: string, rows: unknown[]) {
  const res = await pushChunk(token, newPushId(), newKey(), chunkBody(rows));
  const receipt = await json(res);
  if (res.status !== 200 || receipt.counts.rejected !== 0) throw new Error(`push failed: ${res.status} ${JSON.stringify(receipt).slice(0, 500)}`);
}

async function allCourtCases(token: string, query = "") {
  const cases: ({ unit: string; caseNo: string } & Record<string, any>)[] = [];
  let after: number | null = null;
  do {
    const sep = query ? "&" : "";
    const res = await call("GET", `/api/court/cases?${query}${sep}limit=17${after === null ? "" : `&after=${after}`}`, { token });
    expect(res.status).toBe(200);
    const page = await json(res);
    cases.push(...page.cases);
    after = page.next;
  } while (after !== null);
  return cases;
}

const key = (c: { unit: string; caseNo: string }) => `${c.unit}/${c.caseNo}`;

beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
  expect((await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: DEPT, kind: "department" } })).status).toBe(201);
  clerkDept = (await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit: DEPT } }))).token;
  await push(w.clerkA, rowsOf(UNIT_A, "SY"));
  await push(w.clerkB, rowsOf(UNIT_B, "NP"));
  await push(clerkDept, rowsOf(DEPT, "RS"));
  // A court case of last year, and a court case its clerk deleted.
  await push(w.clerkA, [sheetRow(2, "SY-OLD", { source: "法院委派（诉前）", receivedOn: "2025.3.1", status: "调解不成", closedOn: "2025.4.1" })]);
  await push(w.clerkB, [sheetRow(2, "NP-DEL", { source: "法院委托（诉中）" })]);
  expect((await call("DELETE", `/api/cases/${UNIT_B}/NP-DEL`, { token: w.clerkB })).status).toBe(200);
});

describe("what a court liaison sees", () => {
  it("sees exactly the court's cases of every unit: referred by the court, before it, or taken to 司法确认", async () => {
    const seen = await allCourtCases(w.court);
    const expected = [...built.filter((b) => b.court).map(key), `${UNIT_A}/SY-OLD`];
    expect(seen.map(key).sort()).toEqual(expected.sort());
    // 4 sources × 5 stages × 3 answers per unit; the court's are those with a court source (2 × 15), otherwise a
    // court stage (2 × 3 × 3) or else 司法确认 (2 × 2 × 1): 52 per unit.
    expect(built.filter((b) => b.court && b.unit === UNIT_A)).toHaveLength(52);
    expect(new Set(seen.map((c) => c.unit))).toEqual(new Set([UNIT_A, UNIT_B, DEPT]));
    expect(seen.map(key)).not.toContain(`${UNIT_B}/NP-DEL`);
  });

  it("gets every case with its outcome: status, close date, amount and 司法确认", async () => {
    const seen = await allCourtCases(w.court);
    // NP-003: 当事人申请 at 诉前 without 司法确认, the one kind the court never sees.
    expect(seen.find((c) => c.unit === UNIT_B && c.caseNo === "NP-003")).toBeUndefined();
    const confirmed = seen.find((c) => c.unit === UNIT_B && c.caseNo === "NP-001");
    expect(confirmed).toMatchObject({
      source: "当事人申请", stage: "诉前", judicialConfirmation: true, status: "调解成功", closedOn: "2026-06-10", amount: 35000,
      applicant: "申请人某", respondent: "区人社局", receivedOn: "2026-05-26", mediator: "李某",
    });
  });

  it("is never given the applicant's ID number, phone or the clerk's notes", async () => {
    const text = JSON.stringify(await allCourtCases(w.court));
    expect(text).not.toContain("11010519491231002X");
    expect(text).not.toContain("13912345678");
    expect(text).not.toContain("内部备注");
    // The applicant 申请人SY1 is a name the court may not read either (test/worker/court-privacy.test.ts).
    expect(text).not.toContain("申请人SY1");
    expect(text).toContain("申请人某");
  });

  it("narrows the list to the cases received or concluded in a period", async () => {
    const lastYear = await allCourtCases(w.court, "period=2025");
    expect(lastYear.map(key)).toEqual([`${UNIT_A}/SY-OLD`]);
    const june = await allCourtCases(w.court, "period=2026-06");
    expect(june).toHaveLength(52 * 3);
    const bad = await call("GET", "/api/court/cases?period=2026-13", { token: w.court });
    expect(bad.status).toBe(422);
    expect((await json(bad)).error.message).toContain("2026-Q2");
  });

  it("reads one court case by unit and number", async () => {
    const res = await call("GET", `/api/court/cases/${UNIT_A}/SY-004`, { token: w.court });
    expect(res.status).toBe(200);
    const c = await json(res);
    expect(c).toMatchObject({ unit: UNIT_A, caseNo: "SY-004", stage: "立案", source: "当事人申请" });
    expect(c).not.toHaveProperty("phone");
    expect(c).not.toHaveProperty("applicantId");
  });
});

describe("what a court liaison cannot do", () => {
  it("learns nothing of a case that is not the court's: 404 exactly as for a case that does not exist", async () => {
    const other = await call("GET", `/api/court/cases/${UNIT_B}/NP-003`, { token: w.court });
    const absent = await call("GET", `/api/court/cases/${UNIT_B}/NP-999`, { token: w.court });
    const deleted = await call("GET", `/api/court/cases/${UNIT_B}/NP-DEL`, { token: w.court });
    expect([other.status, absent.status, deleted.status]).toEqual([404, 404, 404]);
    const [o, a, d] = [await json(other), await json(absent), await json(deleted)];
    expect(Object.keys(o)).toEqual(["error"]);
    expect(o.error.code).toBe("not_found");
    expect(o.error.message.replaceAll("NP-003", "X")).toBe(a.error.message.replaceAll("NP-999", "X"));
    expect(d.error.code).toBe("not_found");
    expect(JSON.stringify(o)).not.toContain("申请人NP3");
  });

  it("cannot reach the units' own case routes, whether the case exists or not", async () => {
    for (const path of [`/api/cases`, `/api/cases?unit=${UNIT_A}`, `/api/cases/${UNIT_B}/NP-003`, `/api/cases/${UNIT_B}/NP-999`, `/api/cases/${UNIT_A}/SY-004/revisions`]) {
      const res = await call("GET", path, { token: w.court });
      expect(res.status, path).toBe(403);
      const body = await json(res);
      expect(Object.keys(body)).toEqual(["error"]);
      expect(JSON.stringify(body)).not.toMatch(/申请人|NP-0|SY-0/);
    }
  });

  it("cannot write: a push, a delete and a transfer are refused and nothing changes", async () => {
    const before = await snapshot();
    const pushRes = await pushChunk(w.court, newPushId(), newKey(), chunkBody([sheetRow(2, "SY-004", { applicant: "改写" })], { unit: UNIT_A }));
    expect(pushRes.status).toBe(403);
    expect((await json(pushRes)).error.code).toBe("forbidden");
    expect((await call("DELETE", `/api/cases/${UNIT_A}/SY-004`, { token: w.court })).status).toBe(403);
    expect((await call("POST", "/api/transfers/receive", { token: w.court, body: { caseNos: ["SY-004"] } })).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it("cannot see or make tokens", async () => {
    expect((await call("GET", "/api/tokens", { token: w.court })).status).toBe(403);
    expect((await call("POST", "/api/tokens", { token: w.court, body: { role: "court" } })).status).toBe(403);
  });

  it("knows who it is and the units' names", async () => {
    expect(await json(await call("GET", "/api/me", { token: w.court }))).toMatchObject({ role: "court", unit: null });
    const units = await json(await call("GET", "/api/units", { token: w.court }));
    expect(units.units.map((u: { name: string }) => u.name).sort()).toEqual([UNIT_A, UNIT_B, DEPT].sort());
  });
});

describe("court tokens and migration 0032", () => {
  it("issues a court token without a unit and refuses one bound to a unit", async () => {
    const ok = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "court", label: "区法院立案庭" } });
    expect(ok.status).toBe(201);
    expect(await json(ok)).toMatchObject({ role: "court", unit: null, label: "区法院立案庭" });
    const bound = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "court", unit: UNIT_A } });
    expect(bound.status).toBe(422);
    expect((await json(bound)).error.code).toBe("invalid_request");
  });

  it("keeps every existing token working, with its id, when the tokens table is rebuilt", async () => {
    const revoked = await json(await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "assessor", label: "old" } }));
    expect((await call("DELETE", `/api/tokens/${revoked.id}`, { token: ADMIN_TOKEN })).status).toBe(200);
    const before = await env.DB.prepare("SELECT * FROM tokens ORDER BY id").all();
    // Run 0032 again on the tables as they are: the same statements a database of yesterday goes through.
    const migration = env.TEST_MIGRATIONS.find((m) => m.name.startsWith("0032_"));
    expect(migration).toBeDefined();
    await env.DB.batch(migration!.queries.map((q) => env.DB.prepare(q)));
    expect((await env.DB.prepare("SELECT * FROM tokens ORDER BY id").all()).results).toEqual(before.results);
    for (const token of [w.clerkA, w.clerkB, w.coordinator, w.assessor, w.admin, w.court]) {
      expect((await call("GET", "/api/me", { token })).status).toBe(200);
    }
    const stillRevoked = await call("GET", "/api/me", { token: revoked.token });
    expect((await json(stillRevoked)).error.code).toBe("token_revoked");
    expect((await env.DB.prepare("PRAGMA foreign_key_check").all()).results).toEqual([]);
    // The table's rules came through the rebuild: a clerk without a unit and an unknown role are refused.
    await expect(env.DB.prepare("INSERT INTO tokens (token_hash, role) VALUES ('x', 'clerk')").run()).rejects.toThrow(/CHECK/);
    await expect(env.DB.prepare("INSERT INTO tokens (token_hash, role) VALUES ('y', 'judge')").run()).rejects.toThrow(/CHECK/);
    expect((await call("GET", `/api/court/cases/${UNIT_A}/SY-004`, { token: w.court })).status).toBe(200);
  });
});
