// The OpenAPI document as the Worker serves it (built here from the app, offline), held to what the Worker does:
// every route it answers is in it with an operationId and a tag, every status its construction can answer is
// declared with the headers that come with it, error bodies carry exactly their status's codes, and the inexact
// spots issue #24 found stay fixed. Answers themselves are checked in the Worker's tests (test/worker/helpers.ts).
import { describe, expect, it } from "vitest";
import { app, openApiDocument } from "../../worker/app.ts";
import { API_TAGS } from "../../worker/openapi-route.ts";
import { ERROR_CODES, ERROR_CODES_BY_STATUS } from "../../ledger/api/errors.ts";
import { OpenApiValidator, type Json, type OpenApiDocument, type Schema } from "../support/openapi-validator.ts";

const doc = openApiDocument() as unknown as OpenApiDocument;
const validator = new OpenApiValidator(doc);

interface Operation {
  operationId?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; required?: boolean; schema: Schema }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: Schema }> }>;
}
const METHODS = ["get", "put", "post", "delete", "patch"] as const;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  METHODS.filter((m) => item[m] !== undefined).map((method) => ({ path, method, op: item[method] as Operation, name: `${method.toUpperCase()} ${path}` })));

const ref = (r: unknown) => (r as { $ref?: string }).$ref;
const schemaOf = (name: string) => doc.components!.schemas[name] as Schema;

describe("the served OpenAPI document", () => {
  it("lists every route the Worker answers, and no other", () => {
    const routed = new Set(app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, "{$1}")}`));
    expect(new Set(operations.map((o) => o.name))).toEqual(routed);
  });

  it("names every operation once and files it under one of the document's tags, /api/health too", () => {
    const ids = operations.map((o) => o.op.operationId);
    expect(ids.filter((id) => !id), "operations without an operationId").toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    expect((doc.tags as { name: string; description: string }[]).map((t) => t.name)).toEqual(Object.keys(API_TAGS));
    for (const { name, op } of operations) expect(op.tags, name).toHaveLength(1);
    for (const { name, op } of operations) expect(Object.keys(API_TAGS), name).toContain(op.tags![0]);
    expect(operations.find((o) => o.name === "GET /api/health")?.op.operationId).toBe("getHealth");
  });

  it("declares what every route's construction can answer: 500 everywhere; 401 and 429 with Retry-After behind a token; 400, 413 and 422 with a body; 413 for any method but GET", () => {
    for (const { name, method, op } of operations) {
      const has = (status: number) => expect(Object.keys(op.responses), `${name} declares ${status}`).toContain(String(status));
      has(500);
      if (op.security) {
        has(401);
        has(429);
        expect(Object.keys(op.responses[429].headers ?? {}), `${name} 429`).toContain("Retry-After");
      }
      if (op.requestBody) [400, 413, 422].forEach(has);
      if (method !== "get") has(413);
      if (op.parameters?.some((p) => p.in === "query" || p.in === "path")) has(422);
      if (op.parameters?.some((p) => p.in === "header")) has(400);
      for (const [status, r] of Object.entries(op.responses)) {
        expect(Object.keys(r.headers ?? {}), `${name} ${status}: the headers every /api answer carries`).toEqual(expect.arrayContaining(["Cache-Control", "X-Content-Type-Options"]));
      }
    }
  });

  it("declares each status's error body with exactly that status's codes, and the one Error body with all of them", () => {
    for (const { name, op } of operations) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect(ref(r.content?.["application/json"]?.schema), `${name} ${status}`).toBe(`#/components/schemas/Error${status}`);
      }
    }
    for (const [status, codes] of Object.entries(ERROR_CODES_BY_STATUS)) {
      const code = (schemaOf(`Error${status}`) as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code;
      expect(code.enum, `Error${status}`).toEqual([...codes]);
    }
    expect((schemaOf("Error") as { properties: { error: { properties: { code: { enum: string[] } } } } }).properties.error.properties.code.enum).toEqual([...ERROR_CODES]);
    expect(validator.check(schemaOf("Error401"), { error: { code: "forbidden", message: "…" } }, "body", true)).not.toEqual([]);
  });

  it("declares the headers the Worker sends: Idempotent-Replayed on a chunk's receipt, Allow on 405 and OPTIONS", () => {
    const chunk = operations.find((o) => o.name === "POST /api/pushes/{pushId}/chunks")!.op;
    expect(Object.keys(chunk.responses[200].headers!)).toContain("Idempotent-Replayed");
    const responses = doc.components!.responses as Record<string, { headers: Record<string, unknown> }>;
    expect(Object.keys(responses.MethodNotAllowed.headers)).toContain("Allow");
    expect(Object.keys(responses.AllowedMethods.headers)).toContain("Allow");
  });

  it("requires the Idempotency-Key of a transfer and of a push chunk, as the Worker does", () => {
    for (const name of ["POST /api/transfers", "POST /api/pushes/{pushId}/chunks"]) {
      const key = operations.find((o) => o.name === name)!.op.parameters!.find((p) => p.name === "Idempotency-Key")!;
      expect(key, name).toMatchObject({ in: "header", required: true, schema: { pattern: "^[\\x21-\\x7e]{8,128}$" } });
    }
  });

  it("admits no object, array or over-long text as a raw cell, and says which keys a row's values and columns take", () => {
    const chunk = schemaOf("PushChunk") as { properties: { rows: { items: { properties: { values: { [k: string]: Schema } } } }; columns: { [k: string]: Schema } } };
    const values = chunk.properties.rows.items.properties.values;
    expect(values.additionalProperties).toBe(false);
    expect(chunk.properties.columns.additionalProperties).toBe(false);
    const cell = (values.properties as { [k: string]: Schema }).caseNo;
    for (const bad of [{}, [], { a: 1 }, "x".repeat(20_001)] as Json[]) expect(validator.check(cell, bad, "cell", false), JSON.stringify(bad).slice(0, 20)).not.toEqual([]);
    for (const good of ["SY-001", 46000, true, null]) expect(validator.check(cell, good, "cell", false)).toEqual([]);
    expect(validator.check(values, { caseNo: "SY-1", notAColumn: "x" }, "values", false)).not.toEqual([]);
  });

  it("says additionalProperties: false wherever the Worker refuses unknown keys (time limits, weights, keyed records)", () => {
    const limits = schemaOf("LimitsBody") as { additionalProperties: unknown; properties: { settings: { additionalProperties: unknown } } };
    expect([limits.additionalProperties, limits.properties.settings.additionalProperties]).toEqual([false, false]);
    const weights = operations.find((o) => o.name === "PUT /api/rankings/weights")!.op.requestBody!.content["application/json"].schema;
    expect(validator.check(weights, { weights: { speed: 10 } }, "body", false)).not.toEqual([]);
    expect(validator.check(weights, { weights: { acceptance: 101 } }, "body", false)).not.toEqual([]);
    expect(validator.check(weights, { weights: { acceptance: 20, success: 30 } }, "body", false)).toEqual([]);
  });

  it("keeps path parameters to one real segment: never . or .., which a URL resolves to another route", () => {
    for (const { name, op } of operations) {
      for (const p of op.parameters?.filter((x) => x.in === "path" && (x.schema as { type?: string }).type === "string") ?? []) {
        expect(validator.check(p.schema, "..", p.name, false), `${name} {${p.name}}`).not.toEqual([]);
        expect(validator.check(p.schema, ".", p.name, false), `${name} {${p.name}}`).not.toEqual([]);
      }
    }
  });

  it("resolves every $ref it holds", () => {
    const refs = new Set<string>();
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object") {
        const r = ref(n);
        if (typeof r === "string") refs.add(r);
        Object.values(n).forEach(walk);
      }
    };
    walk(doc);
    for (const r of refs) {
      let at: unknown = doc;
      for (const part of r.slice(2).split("/")) at = (at as Record<string, unknown> | undefined)?.[part];
      expect(at, r).toBeDefined();
    }
  });
});

describe("the Worker's tests", () => {
  it("reach the Worker only through test/worker/helpers.ts send, which checks each answer against the document", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const dir = new URL("../worker/", import.meta.url);
    const bypass: string[] = [];
    for (const f of (await readdir(dir)).filter((n) => n.endsWith(".ts") && n !== "helpers.ts")) {
      if (/exports\.default\.fetch|SELF\.fetch/.test(await readFile(new URL(f, dir), "utf8"))) bypass.push(f);
    }
    expect(bypass).toEqual([]);
  });
});
