import { env } from "cloudflare:workers";
import type { CaseRow } from "../../ledger/schema.ts";
import { resetDb } from "./helpers.ts";

/** Empties the assessment tables too (reviews reference units, so they go before resetDb). */
export async function resetAll(): Promise<void> {
  await env.DB.batch(["case_review_revisions", "case_reviews", "assessment_weights"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await resetDb();
  // Back to no saved time limits and 0014's defaults in the copy the triggers read.
  await env.DB.batch([
    env.DB.prepare(`DELETE FROM limit_settings`),
    env.DB.prepare(`DELETE FROM assessment_time_limits`),
    env.DB.prepare(`INSERT INTO assessment_time_limits (kind, value, days) VALUES
      ('stage', '行政复议', 60), ('stage', '诉前', 30), ('mediation_type', '人民调解', 30), ('fallback', '', 30)`),
    env.DB.prepare(`DELETE FROM assessment_daily`),
  ]);
}

export async function unitId(name: string): Promise<number> {
  const r = await env.DB.prepare(`SELECT id FROM units WHERE name = ?`).bind(name).first<{ id: number }>();
  if (!r) throw new Error(`no unit ${name}`);
  return r.id;
}

export async function addUnit(name: string, kind: "town" | "department"): Promise<number> {
  await env.DB.prepare(`INSERT INTO units (name, kind) VALUES (?, ?)`).bind(name, kind).run();
  return unitId(name);
}

let seq = 0;
/** A complete case row for `unit`; override what the test is about. */
export function row(unit: string, over: Partial<CaseRow> = {}): CaseRow {
  seq++;
  return {
    caseNo: `W-${seq}`, receivedOn: "2026-05-01", unit, source: "当事人申请", domain: "征地拆迁", stage: "诉前", mediationType: "人民调解",
    applicant: `申请人${seq}`, applicantId: null, phone: null, respondent: "区自然资源局", summary: null, accepted: true, rejectReason: null,
    mediator: "张三", status: "调解中", closedOn: null, amount: null, judicialConfirmation: null, commitment: null, commitmentDue: null,
    commitmentMetOn: null, complexity: "普通", partyCount: 1, notes: null, place: null, ...over,
  };
}

/** Stores cases the way the push path does (a JSON `data` column), in one batch. */
export async function storeCases(rows: CaseRow[], updatedAt = "2026-05-01T00:00:00.000Z"): Promise<void> {
  const ids = new Map<string, number>();
  for (const r of rows) if (!ids.has(r.unit)) ids.set(r.unit, await unitId(r.unit));
  for (let i = 0; i < rows.length; i += 50) {
    await env.DB.batch(
      rows.slice(i, i + 50).map((r) =>
        env.DB.prepare(`INSERT INTO cases (unit_id, case_no, data, content_hash, updated_at, created_at) VALUES (?, ?, ?, 'h', ?, ?)`)
          .bind(ids.get(r.unit)!, r.caseNo, JSON.stringify(r), updatedAt, updatedAt),
      ),
    );
  }
}

/** Rewrites a stored case's data (as a re-push would). */
export async function updateCase(unit: string, caseNo: string, data: CaseRow): Promise<void> {
  await env.DB.prepare(`UPDATE cases SET data = ?, version = version + 1 WHERE unit_id = ? AND case_no = ?`).bind(JSON.stringify(data), await unitId(unit), caseNo).run();
}

export async function createTokenFor(role: string, unit?: string): Promise<string> {
  const { call, json, ADMIN_TOKEN } = await import("./helpers.ts");
  const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: unit ? { role, unit } : { role } });
  if (res.status !== 201) throw new Error(`token: ${res.status} ${await res.text()}`);
  return (await json(res)).token;
}
