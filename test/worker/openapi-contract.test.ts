// The Worker's answers against its served OpenAPI document. Every request of every Worker test is checked by
// `send` (helpers.ts); here each route is also made to give the answers its construction implies (401, 429, 413,
// 400, 405, OPTIONS, HEAD), the checker is shown to catch a document or an answer that drifted, and the typed
// client of test/contract/typed-client.ts — generated from the document alone — pushes, retries, reads and transfers.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../worker/body-limit.ts";
import { MAX_CHUNK_BYTES } from "../../ledger/api/push.ts";
import { FAILED_AUTH_LIMIT } from "../../worker/auth/failed-auth-limit.ts";
import { OpenApiMismatch, OpenApiValidator, type Exchange, type OpenApiDocument } from "../support/openapi-validator.ts";
import { ADMIN_TOKEN, UNIT_A, UNIT_B, call, json, makeWorld, resetDb, send, sheetRow, type World } from "./helpers.ts";

let w: World;
let doc: OpenApiDocument;
beforeAll(async () => {
  await resetDb();
  w = await makeWorld();
  doc = await json<OpenApiDocument>(await call("GET", "/api/openapi.json"));
});

interface Operation {
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema: { example?: unknown } }[];
  requestBody?: unknown;
}
const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const operations = () => Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m] !== undefined).map((method) => ({ path, method: method.toUpperCase(), op: item[method] as Operation })));

/** A request line for an operation (`call` percent-encodes it): path parameters filled in, required query parameters given a valid value. */
function url(path: string, op: Operation): string {
  const sample: Record<string, string> = { unit: UNIT_A, caseNo: "SY-001", pushId: crypto.randomUUID(), id: "999999", period: "2026-Q3", from: "2026-01", to: "2026-03" };
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => sample[name]);
  const query = (op.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=${sample[p.name]}`);
  return query.length ? `${filled}?${query.join("&")}` : filled;
}

/**
 * The first role's token the route admits (its answer is not 403), for requests that must pass requireRole. Asked
 * with a body that is not JSON, so that a route with a body does nothing.
 */
async function admitted(method: string, target: string): Promise<string> {
  for (const token of [w.coordinator, w.assessor, w.clerkA, w.admin, w.court]) {
    const body = method === "GET" ? {} : { rawBody: "{", headers: { "Content-Type": "application/json", "Idempotency-Key": "contract-key-1" } };
    const res = await call(method, target, { token, ...body });
    if (res.status !== 403) return token;
  }
  throw new Error(`no role may use ${method} ${target}`);
}

describe("every route gives the answers its construction implies, each as the document declares it", () => {
  it("answers 401 without a token on every route behind one", async () => {
    for (const { path, method, op } of operations()) {
      if (!op.security) continue;
      expect((await call(method, url(path, op))).status, `${method} ${path}`).toBe(401);
    }
  });

  it("answers 429 with Retry-After on every route behind a token, once an address has guessed too many tokens", async () => {
    const address = "198.51.100.240";
    for (let i = 0; i < FAILED_AUTH_LIMIT.maxFailures; i++) {
      await call("GET", "/api/me", { token: `tj_contract-guess-${i}-${"x".repeat(30)}`, headers: { "CF-Connecting-IP": address } });
    }
    for (const { path, method, op } of operations()) {
      if (!op.security) continue;
      const res = await call(method, url(path, op), { token: "tj_one-more-guess-xxxxxxxxxxxxxxxxxxxxxxxxx", headers: { "CF-Connecting-IP": address } });
      expect(res.status, `${method} ${path}`).toBe(429);
      expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    }
  });

  it("answers 413 to a body over the limit on every route but GET, and 400 to a body that is not JSON or not sent as JSON", async () => {
    for (const { path, method, op } of operations()) {
      if (method === "GET") continue;
      const target = url(path, op);
      const chunk = path.endsWith("/chunks");
      const big = "x".repeat((chunk ? MAX_CHUNK_BYTES : MAX_BODY_BYTES) + 1);
      // The body limit comes before the token (worker/body-limit.ts), but for a chunk, which reads its own body.
      const token = op.security && (op.requestBody || chunk) ? await admitted(method, target) : undefined;
      const headers = { "Content-Type": "application/json", "Idempotency-Key": "contract-key-2" };
      expect((await call(method, target, { token, rawBody: big, headers })).status, `${method} ${path} oversize`).toBe(413);
      if (!op.requestBody) continue;
      const malformed = await call(method, target, { token, rawBody: "{", headers });
      expect([malformed.status, (await json(malformed)).error.code], `${method} ${path} malformed`).toEqual([400, "malformed_json"]);
      const text = await call(method, target, { token, rawBody: "{}", headers: { ...headers, "Content-Type": "text/plain" } });
      const refused = await json(text);
      expect([text.status, refused.error.code], `${method} ${path} text/plain`).toEqual([400, "bad_request"]);
      expect(refused.error.message).toContain("Content-Type: application/json");
    }
  });

  it("answers OPTIONS on every path with 204 and its methods, another method with 405 and the same Allow, HEAD as GET without the body", async () => {
    // `send` holds each Allow to the methods the document lists for the path (test/support/openapi-validator.ts).
    for (const [path, item] of Object.entries(doc.paths)) {
      const target = url(path, {});
      const listed = METHODS.filter((m) => item[m] !== undefined).map((m) => m.toUpperCase());
      const options = await call("OPTIONS", target);
      expect(options.status, `OPTIONS ${path}`).toBe(204);
      expect(options.headers.get("Allow")!.split(", "), `OPTIONS ${path}`).toEqual(expect.arrayContaining([...listed, "OPTIONS"]));
      const other = ["PATCH", "TRACE"].find((m) => !listed.includes(m))!;
      const refused = await call(other, target, { token: ADMIN_TOKEN });
      expect([refused.status, refused.headers.get("Allow")], `${other} ${path}`).toEqual([405, options.headers.get("Allow")]);
      if (listed.includes("GET")) {
        const head = await call("HEAD", url(path, (item.get ?? {}) as Operation), { token: ADMIN_TOKEN });
        expect(await head.text(), `HEAD ${path}`).toBe("");
      }
    }
  });

  it("answers 404 where a coordinator names a unit that does not exist, on every route that takes one", async () => {
    const nowhere = "没有这个单位";
    for (const { path, method, op } of operations()) {
      if (method !== "GET" || !op.parameters?.some((p) => p.in === "query" && p.name === "unit")) continue;
      const target = `${url(path, op)}${url(path, op).includes("?") ? "&" : "?"}unit=${nowhere}`;
      const res = await call(method, target, { token: await admitted(method, target) });
      expect([res.status, (await json(res)).error?.code], `${method} ${path}`).toEqual([404, "not_found"]);
    }
    const review = await call("POST", "/api/assessments/reviews", { token: w.assessor, body: { unit: nowhere, caseNo: "X-1", reviewedOn: "2026-05-01", score: 90 } });
    expect(review.status).toBe(404);
    const chunk = await call("POST", `/api/pushes/${crypto.randomUUID()}/chunks`, {
      token: w.coordinator, headers: { "Idempotency-Key": "contract-key-404" }, body: { unit: nowhere, chunkIndex: 0, chunkCount: 1, rows: [] },
    });
    expect(chunk.status).toBe(404);
  });

  it("answers a path with a trailing slash 404, not a 405 that names the method it was sent with", async () => {
    const res = await call("GET", "/api/units/", { token: ADMIN_TOKEN });
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });

  it("answers a transfer without its Idempotency-Key 400 bad_request before reading the cases", async () => {
    const res = await call("POST", "/api/transfers", { token: w.coordinator, body: { cases: [] } });
    expect(res.status).toBe(400);
    expect((await json(res)).error).toMatchObject({ code: "bad_request", message: expect.stringContaining("Idempotency-Key") });
  });
});

describe("the check of answers against the document", () => {
  /** A real answer of the Worker, and the document it fits. */
  async function exchange(method: string, path: string, token: string): Promise<Exchange> {
    const res = await call(method, path, { token });
    return { method, url: `http://ledger.test${path}`, status: res.status, headers: [...res.headers], body: await res.text() };
  }
  const copy = () => structuredClone(doc) as OpenApiDocument & { components: { schemas: Record<string, any>; headers: Record<string, any> } };
  const problems = (d: OpenApiDocument, x: Exchange) => new OpenApiValidator(d).problems(x);

  it("finds nothing wrong with the Worker's own answers", async () => {
    expect(problems(doc, await exchange("GET", "/api/me", w.clerkA))).toEqual([]);
    expect(problems(doc, await exchange("GET", "/api/nothing-here", w.clerkA))).toEqual([]);
  });

  it("names method, path and what differs when the document drifts: a field gone, a status, a header, an enum", async () => {
    const me = await exchange("GET", "/api/me", w.clerkA);
    const noLabel = copy();
    delete noLabel.components.schemas.Me.properties.label;
    expect(problems(noLabel, me)).toEqual(['GET /api/me → 200: body.label: property "label" is not in the document']);

    const no200 = copy();
    delete (no200.paths["/api/me"].get as { responses: Record<string, unknown> }).responses["200"];
    expect(problems(no200, me)[0]).toMatch(/^GET \/api\/me: status 200 is not declared/);

    const noHeader = copy();
    delete ((no200.paths["/api/me"].get as { responses: Record<string, { headers: Record<string, unknown> }> }).responses["401"].headers)["X-Content-Type-Options"];
    const unauthorized = await exchange("GET", "/api/me", "tj_unknown-token-xxxxxxxxxxxxxxxxxxxxxxxxxx");
    expect(problems(no200, unauthorized)).toEqual(["GET /api/me → 401: header x-content-type-options is not declared"]);
    expect(problems(noHeader, me)).toEqual([]);

    const fewerRoles = copy();
    fewerRoles.components.schemas.Me.properties.role.enum = ["coordinator"];
    expect(problems(fewerRoles, me)).toEqual(['GET /api/me → 200: body.role: "clerk" is not one of "coordinator"']);

    const requiredHeader = copy();
    requiredHeader.components.headers.Extra = { required: true, schema: { type: "string" } };
    (requiredHeader.paths["/api/me"].get as { responses: Record<string, { headers: Record<string, unknown> }> }).responses["200"].headers["X-Extra"] = { $ref: "#/components/headers/Extra" };
    expect(problems(requiredHeader, me)).toEqual(["GET /api/me → 200: required header x-extra is missing"]);
  });

  it("names method, path and what differs when the answer drifts, and fails the test that sent it", async () => {
    const me = await exchange("GET", "/api/me", w.clerkA);
    const renamed = { ...me, body: me.body.replace('"role"', '"rôle"') };
    expect(problems(doc, renamed)).toEqual([
      'GET /api/me → 200: body: required property "role" is missing',
      'GET /api/me → 200: body.rôle: property "rôle" is not in the document',
    ]);
    const teapot = { ...me, status: 418 };
    expect(() => new OpenApiValidator(doc).assert(teapot)).toThrow(OpenApiMismatch);
    expect(() => new OpenApiValidator(doc).assert(teapot)).toThrow(/^GET http:\/\/ledger.test\/api\/me: .*\n {2}GET \/api\/me: status 418 is not declared/);
    const wrongAllow = await exchange("PUT", "/api/me", w.clerkA);
    wrongAllow.headers = [...wrongAllow.headers].map(([k, v]) => [k, k.toLowerCase() === "allow" ? "GET, PUT" : v]);
    expect(problems(doc, wrongAllow)).toEqual(['unrouted PUT /api/me → 405: Allow is "GET, PUT", the document implies "GET, HEAD, OPTIONS"']);
    // A keyword the checker does not know fails loudly rather than passing anything.
    const unknownKeyword = copy();
    unknownKeyword.components.schemas.Me.properties.unit.contentEncoding = "base64";
    expect(() => problems(unknownKeyword, me)).toThrow(/does not know the keyword "contentEncoding"/);
  });
});

/** The typed client's functions (test/contract/typed-client.ts), loaded by path so `tsc` leaves the fixture to its own test. */
interface TypedClient {
  ledgerClient(baseUrl: string, token: string, fetch: (request: Request) => Promise<Response>): unknown;
  pushChunk(client: unknown, pushId: string, key: string, rows: unknown[]): Promise<{ answer: any; attempts: number }>;
  receiptLines(receipt: unknown): string[];
  pushTotals(client: unknown, pushId: string): Promise<string>;
  rankingLines(client: unknown, period: string, asOf?: string): Promise<string[]>;
  transfer(client: unknown, key: string, cases: unknown[]): Promise<{ answer: any }>;
  whatToDo(code: string): string;
}
const FIXTURE = "../contract/typed-client.ts";

describe("the client generated from the document, run against the Worker", () => {
  it("pushes a chunk, retries it with the same key, reads the receipt and the push's totals", async () => {
    const t = (await import(/* @vite-ignore */ FIXTURE)) as TypedClient;
    const client = t.ledgerClient("http://ledger.test", w.clerkA, send);
    const pushId = crypto.randomUUID();
    const rows = [sheetRow(2, "SY-2026-TC1", { receivedOn: "2026-05-26" }), sheetRow(3, "SY-2026-TC2", { receivedOn: "2026-13-40" })];
    const first = await t.pushChunk(client, pushId, `${pushId}/0`, rows);
    expect(first.answer).toMatchObject({ ok: true, replayed: false, value: { counts: { inserted: 1, rejected: 1 }, rejectedRows: [3] } });
    const again = await t.pushChunk(client, pushId, `${pushId}/0`, rows);
    expect(again.answer).toMatchObject({ ok: true, replayed: true, value: first.answer.value });
    expect(t.receiptLines(first.answer.value)[0]).toBe(`${UNIT_A}: 新增 1，更新 0，未变 0，退回 1`);
    expect(t.receiptLines(first.answer.value).some((l: string) => l.startsWith("第 3 行"))).toBe(true);
    expect(await t.pushTotals(client, pushId)).toBe("1/1 complete; inserted 1");
    // Another unit's clerk is told in words, from the error code the document lists.
    expect(await t.pushTotals(t.ledgerClient("http://ledger.test", w.clerkB, send), pushId)).toBe(t.whatToDo("not_found"));
  });

  it("reads the rankings and confirms a transfer with its key, the retry answering the same receipt", async () => {
    const t = (await import(/* @vite-ignore */ FIXTURE)) as TypedClient;
    const assessor = t.ledgerClient("http://ledger.test", w.assessor, send);
    const lines = await t.rankingLines(assessor, "2026-Q2", "2026-07-01");
    expect(lines.map((l: string) => l.split(" ")[1]).sort()).toEqual([UNIT_A, UNIT_B].sort());
    expect(await t.rankingLines(assessor, "2026-13")).toEqual([t.whatToDo("invalid_request")]);

    await call("POST", "/api/units", { token: ADMIN_TOKEN, body: { name: "区调解中心", kind: "centre" } });
    const coordinator = t.ledgerClient("http://ledger.test", w.coordinator, send);
    const cases = [{ row: 5, values: sheetRow(5, "ZX-TC-001", { receivedOn: "2026-05-26", unit: null }).values, lead: UNIT_B }];
    const first = await t.transfer(coordinator, "transfer-key-contract-1", cases);
    expect(first.answer).toMatchObject({ ok: true, value: { counts: { transferred: 1 } } });
    const again = await t.transfer(coordinator, "transfer-key-contract-1", cases);
    expect(again.answer.value).toEqual(first.answer.value);
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM case_transfers WHERE case_no = 'ZX-TC-001'").first<{ n: number }>();
    expect(stored!.n).toBe(1);
  });
});
