import { env, exports } from "cloudflare:workers";
import { OpenApiValidator, type OpenApiDocument } from "../support/openapi-validator.ts";

export const ADMIN_TOKEN = "test-admin-token";
export const UNIT_A = "山腰街道";
export const UNIT_B = "南埔镇";

export interface CallOptions {
  token?: string | null;
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
}

let validator: Promise<OpenApiValidator> | undefined;
/** The document the Worker serves, read once per test file (each file has its own module instance). */
export function servedDocument(): Promise<OpenApiValidator> {
  validator ??= (async () => {
    const res = await exports.default.fetch("http://ledger.test/api/openapi.json");
    if (res.status !== 200) throw new Error(`GET /api/openapi.json answered ${res.status}: ${await res.text()}`);
    return new OpenApiValidator((await res.json()) as OpenApiDocument);
  })();
  return validator;
}

/**
 * Sends a request to the Worker and holds its answer to the served OpenAPI document: an undeclared status, header
 * or body shape fails the test that sent it, naming method, path and what differs (test/support/openapi-validator.ts).
 * Every Worker test reaches the Worker through here (`call` does).
 */
export async function send(request: Request): Promise<Response> {
  const { method, url } = request;
  const res = await exports.default.fetch(request);
  const body = await res.clone().text();
  (await servedDocument()).assert({ method, url, status: res.status, headers: res.headers, body });
  return res;
}

/** Calls the Worker as a client would. */
export function call(method: string, path: string, o: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.token) headers.Authorization = `Bearer ${o.token}`;
  let body: string | undefined;
  if (o.rawBody !== undefined) body = o.rawBody;
  else if (o.body !== undefined) body = JSON.stringify(o.body);
  if (body !== undefined && !("Content-Type" in headers)) headers["Content-Type"] = "application/json";
  return send(new Request(`http://ledger.test${encodeURI(path)}`, { method, headers, body }));
}

export async function json<T = any>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

export interface World {
  clerkA: string;
  clerkB: string;
  coordinator: string;
  assessor: string;
  admin: string;
  court: string;
  tokenIds: Record<"clerkA" | "clerkB" | "coordinator" | "assessor" | "admin" | "court", number>;
}

async function createToken(role: string, unit?: string): Promise<{ id: number; token: string }> {
  const res = await call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: unit ? { role, unit, label: `${role} ${unit}` } : { role } });
  if (res.status !== 201) throw new Error(`token create failed: ${res.status} ${await res.text()}`);
  return json(res);
}

/** Two towns and one token per role, made through the API with the ADMIN_TOKEN secret. */
export async function makeWorld(): Promise<World> {
  for (const name of [UNIT_A, UNIT_B]) {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name, kind: "town" } });
    if (res.status !== 201) throw new Error(`unit add failed: ${res.status} ${await res.text()}`);
  }
  const [clerkA, clerkB, coordinator, assessor, admin, court] = await Promise.all([
    createToken("clerk", UNIT_A), createToken("clerk", UNIT_B), createToken("coordinator"), createToken("assessor"), createToken("admin"),
    createToken("court"),
  ]);
  return {
    clerkA: clerkA.token, clerkB: clerkB.token, coordinator: coordinator.token, assessor: assessor.token, admin: admin.token,
    court: court.token,
    tokenIds: { clerkA: clerkA.id, clerkB: clerkB.id, coordinator: coordinator.id, assessor: assessor.id, admin: admin.id, court: court.id },
  };
}

/** A row as a clerk's sheet gives it (raw cells; the server normalises them). */
export function sheetRow(row: number, caseNo: string, over: Record<string, unknown> = {}) {
  return {
    row,
    values: {
      caseNo, receivedOn: "2026.5.26", source: "当事人申请", domain: "劳动争议", stage: "诉前", mediationType: "行政调解",
      applicant: "张三", respondent: "区人社局", accepted: "是", mediator: "李四", status: "调解中", summary: "拖欠工资",
      ...over,
    },
  };
}

export function chunkBody(rows: unknown[], over: Record<string, unknown> = {}) {
  return { chunkIndex: 0, chunkCount: 1, wholeLedger: false, rows, ...over };
}

let keySeq = 0;
export function newKey(): string {
  keySeq++;
  return `key-${Date.now()}-${keySeq}-${Math.random().toString(36).slice(2)}`;
}
export function newPushId(): string {
  return crypto.randomUUID();
}

export function pushChunk(token: string, pushId: string, key: string, body: unknown, extra: Omit<CallOptions, "token" | "body"> = {}) {
  return call("POST", `/api/pushes/${pushId}/chunks`, { token, body, ...extra, headers: { "Idempotency-Key": key, ...extra.headers } });
}

export interface StoredCase {
  case_no: string;
  unit: string;
  data: string;
  content_hash: string;
  version: number;
  in_ledger: number;
  deleted_at: string | null;
  push_id: string | null;
  updated_at: string;
}

/** Everything D1 holds about cases, pushes and revisions: compared before and after a request. */
export async function snapshot() {
  const [cases, revisions, pushes, chunks] = await env.DB.batch([
    env.DB.prepare(`SELECT c.case_no, u.name AS unit, c.data, c.content_hash, c.version, c.in_ledger, c.deleted_at, c.push_id, c.updated_at
                    FROM cases c JOIN units u ON u.id = c.unit_id ORDER BY u.name, c.case_no`),
    env.DB.prepare(`SELECT * FROM case_revisions ORDER BY id`),
    env.DB.prepare(`SELECT * FROM pushes ORDER BY id`),
    env.DB.prepare(`SELECT push_id, chunk_index, idempotency_key, receipt FROM push_chunks ORDER BY push_id, chunk_index`),
  ]);
  return {
    cases: cases.results as unknown as StoredCase[],
    revisions: revisions.results as Record<string, unknown>[],
    pushes: pushes.results as Record<string, unknown>[],
    chunks: chunks.results as Record<string, unknown>[],
  };
}

/** Tests in one file share a database: each starts from empty tables. */
export async function resetDb(): Promise<void> {
  await env.DB.batch(
    ["zones", "transfer_requests", "case_transfers", "routing_sheets", "push_chunks", "pushes", "case_revisions", "cases", "mediators", "tokens", "units"]
      .map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
  );
}
