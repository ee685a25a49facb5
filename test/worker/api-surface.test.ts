import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { ADMIN_TOKEN, call, json } from "./helpers.ts";

describe("API surface", () => {
  it("serves an OpenAPI document generated from the schemas, listing every route", async () => {
    const res = await call("GET", "/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = await json(res);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining([
      "/api/cases", "/api/cases/{unit}/{caseNo}", "/api/cases/{unit}/{caseNo}/revisions", "/api/me",
      "/api/pushes/{pushId}", "/api/pushes/{pushId}/chunks", "/api/tokens", "/api/tokens/{id}", "/api/units",
    ]));
    expect(doc.components.schemas.PushChunk.properties.rows).toBeDefined();
    expect(doc.components.schemas.Error.properties.error).toBeDefined();
  });

  it("answers an unknown route with 404 in the error shape", async () => {
    const res = await call("GET", "/api/nothing-here");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });

  it("hides an unexpected failure behind a plain 500 without internals", async () => {
    await env.DB.prepare("ALTER TABLE units RENAME TO units_away").run();
    try {
      const res = await call("GET", "/api/units", { token: ADMIN_TOKEN });
      expect(res.status).toBe(500);
      const body = await json(res);
      expect(body.error.code).toBe("internal");
      expect(JSON.stringify(body)).not.toMatch(/units|table|SQL|D1/i);
    } finally {
      await env.DB.prepare("ALTER TABLE units_away RENAME TO units").run();
    }
  });

  it("answers malformed JSON on any JSON route with 400 malformed_json", async () => {
    const res = await call("POST", "/api/units", { token: ADMIN_TOKEN, rawBody: "{name:" });
    expect(res.status).toBe(400);
    expect((await json(res)).error.code).toBe("malformed_json");
  });
});
