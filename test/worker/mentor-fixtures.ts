import { env } from "cloudflare:workers";
import { resetAll } from "./assessment-fixtures.ts";
import { call, json } from "./helpers.ts";

/** Empties the mentor tables and everything resetAll empties. */
export async function resetMentors(): Promise<void> {
  await env.DB.batch(["mentor_assignments", "mentor_runs", "circuit_visits", "circuit_visit_revisions"].map((t) => env.DB.prepare(`DELETE FROM ${t}`)));
  await resetAll();
}

/** A roster row as the sheet gives it (raw cells). */
export function rosterRow(row: number, name: string, over: Record<string, unknown> = {}) {
  return { row, values: { name, tier: "星牌", background: "律师", unit: "山腰街道", expertise: "征地拆迁", capacity: 3, active: "是", ...over } };
}

export async function putRoster(token: string, rows: unknown[], over: Record<string, unknown> = {}) {
  const res = await call("PUT", "/api/roster", { token, body: { rows, ...over } });
  return { status: res.status, body: await json(res) };
}

/** A 巡回指导记录 row as the sheet gives it (raw cells). */
export function visitRow(row: number, date: unknown, mentor: string, town: string, over: Record<string, unknown> = {}) {
  return { row, values: { date, mentor, town, content: "指导疑难案件调解", problems: null, ...over } };
}

export async function putVisits(token: string, rows: unknown[], over: Record<string, unknown> = {}) {
  const res = await call("PUT", "/api/visits", { token, body: { rows, ...over } });
  return { status: res.status, body: await json(res) };
}
