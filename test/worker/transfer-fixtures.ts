/**
 * A district for the transfer tests (分流、转交、签收): the centre, two towns and a department, a clerk for each, and
 * the calls a coordinator and a clerk make. Shared by transfer-integrity.test.ts and transfer-property.test.ts.
 */
import { ADMIN_TOKEN, UNIT_A, UNIT_B, call, chunkBody, json, makeWorld, newKey, newPushId, pushChunk, sheetRow } from "./helpers.ts";

export const CENTRE = "区调解中心";
export const TOWN = "涂岭镇";
export const TOWN2 = UNIT_B;
export const DEPT = "区人社局";
/** A fixed day in the past: the tests do not depend on today (and the clock may be moved, ledger/clock.ts). */
export const RECEIVED_ON = "2026-03-02";

export interface District {
  coordinator: string;
  clerks: Record<string, string>;
}

/** Units and tokens through the API, on an emptied database (resetAll first). */
export async function makeDistrict(): Promise<District> {
  const w = await makeWorld();
  for (const [name, kind] of [[TOWN, "town"], [DEPT, "department"], [CENTRE, "centre"]]) {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name, kind } });
    if (res.status !== 201) throw new Error(`unit add failed: ${res.status} ${await res.text()}`);
  }
  const clerks: Record<string, string> = { [UNIT_A]: w.clerkA, [UNIT_B]: w.clerkB };
  for (const unit of [TOWN, DEPT, CENTRE]) clerks[unit] = await clerkToken(unit);
  return { coordinator: w.coordinator, clerks };
}

async function clerkToken(unit: string): Promise<string> {
  const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "clerk", unit } });
  if (res.status !== 201) throw new Error(`token create failed: ${res.status} ${await res.text()}`);
  return (await json(res)).token;
}

/** A valid ledger row; `over` changes what the test is about (an applicant's name makes two versions differ). */
export const caseRow = (row: number, caseNo: string, over: Record<string, unknown> = {}) =>
  sheetRow(row, caseNo, { receivedOn: RECEIVED_ON, place: "涂岭镇樟脚村3组", ...over });

/** One case of a confirm request: the intake row (no unit yet) and the coordinator's choice of lead. */
export const transferCase = (row: number, caseNo: string, lead: string, over: Record<string, unknown> = {}, assist: string | null = null) => ({
  row, values: caseRow(row, caseNo, { unit: null, ...over }).values, lead, assist, basis: "domain", reason: `领域由${lead}主管`,
});

export async function confirm(token: string, cases: unknown[], over: Record<string, unknown> = {}) {
  const res = await call("POST", "/api/transfers", { token, body: { cases, ...over }, headers: { "Idempotency-Key": newKey() } });
  const body = await json(res);
  if (res.status !== 200) throw new Error(`confirm: ${res.status} ${JSON.stringify(body)}`);
  return body as { counts: Record<string, number>; cases: { row: number | null; caseNo: string | null; outcome: string; code: string | null; message: string | null }[] };
}

export async function push(token: string, rows: unknown[], over: Record<string, unknown> = {}) {
  const res = await pushChunk(token, newPushId(), newKey(), chunkBody(rows, over));
  const body = await json(res);
  if (res.status !== 200) throw new Error(`push: ${res.status} ${JSON.stringify(body)}`);
  return body as { counts: Record<string, number>; rejectedRows: number[]; issues: { row: number; code: string; severity: string; message: string }[] };
}

export async function receive(token: string, caseNos: string[]) {
  const res = await call("POST", "/api/transfers/receive", { token, body: { caseNos } });
  const body = await json(res);
  if (res.status !== 200) throw new Error(`receive: ${res.status} ${JSON.stringify(body)}`);
  return body as { cases: { caseNo: string; outcome: string; receivedAt: string | null; code?: string | null; message?: string | null }[]; notFound: string[] };
}

export async function incoming(token: string) {
  const res = await call("GET", "/api/transfers/incoming", { token });
  const body = await json(res);
  if (res.status !== 200) throw new Error(`incoming: ${res.status} ${JSON.stringify(body)}`);
  return body.cases as { caseNo: string; from: string; lead: string; receivedAt: string | null; values: Record<string, unknown> }[];
}

/** The case as the API gives it to `token` (clerk or coordinator): its data, or null for 404. */
export async function caseOf(token: string, unit: string, caseNo: string): Promise<Record<string, unknown> | null> {
  const res = await call("GET", `/api/cases/${unit}/${caseNo}`, { token });
  if (res.status === 404) return null;
  const body = await json(res);
  if (res.status !== 200) throw new Error(`case: ${res.status} ${JSON.stringify(body)}`);
  return body.data;
}

export async function deleteCase(token: string, unit: string, caseNo: string): Promise<number> {
  return (await call("DELETE", `/api/cases/${unit}/${caseNo}`, { token })).status;
}

export async function revisions(token: string, unit: string, caseNo: string) {
  const res = await call("GET", `/api/cases/${unit}/${caseNo}/revisions`, { token });
  if (res.status === 404) return null;
  return (await json(res)).revisions as { version: number; reason: string; deleted: boolean; data: Record<string, unknown> }[];
}

/** Chinese in a message: every refusal must say why in the clerk's language. */
export const HAS_CHINESE = /[\u4e00-\u9fff]/;
