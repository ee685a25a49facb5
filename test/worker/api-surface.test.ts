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
      "/api/reviews", "/api/reviews/dimensions",
      "/api/court/cases", "/api/court/cases/{unit}/{caseNo}",
    ]));
    expect(doc.components.schemas.ReviewPush.properties.rows).toBeDefined();
    expect(doc.components.schemas.ReviewDimensions.properties.units).toBeDefined();
    expect(doc.components.schemas.CourtCase.properties.phone).toBeUndefined();
    expect(doc.components.schemas.CourtCase.properties.applicantId).toBeUndefined();
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

describe("methods a route does not have", () => {
  it.each(["PUT", "TRACE", "PATCH"])("answers %s on an existing route with 405, an Allow header and the error shape", async (method) => {
    const res = await call(method, "/api/units", { token: ADMIN_TOKEN });
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS, POST");
    const body = await json(res);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toBe("method_not_allowed");
    expect(body.error.message).toContain("不支持");
    expect(body.error.message).toContain("not allowed");
  });

  it("names the methods of a route with parameters", async () => {
    const res = await call("POST", "/api/cases/山腰街道/SY-001");
    expect(res.status).toBe(405);
    expect(res.headers.get("Allow")).toBe("DELETE, GET, HEAD, OPTIONS");
  });

  it("answers OPTIONS with 204 and Allow, and no CORS headers (the task pane is same-origin)", async () => {
    const res = await call("OPTIONS", "/api/units", { headers: { Origin: "https://evil.example", "Access-Control-Request-Method": "POST" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("Allow")).toBe("GET, HEAD, OPTIONS, POST");
    expect([...res.headers.keys()].filter((k) => k.startsWith("access-control-"))).toEqual([]);
  });

  it("still answers 404 for a path no route has, whatever the method", async () => {
    for (const method of ["GET", "PUT", "OPTIONS"]) {
      const res = await call(method, "/api/nothing-here");
      expect(res.status).toBe(404);
      expect((await json(res)).error.code).toBe("not_found");
    }
  });
});

describe("headers of API responses", () => {
  it.each([
    ["a success", () => call("GET", "/api/units", { token: ADMIN_TOKEN }), 200],
    ["a refusal", () => call("GET", "/api/cases"), 401],
    ["an unknown route", () => call("GET", "/api/nothing-here"), 404],
    ["a new token", () => call("POST", "/api/tokens", { token: ADMIN_TOKEN, body: { role: "assessor", label: "headers" } }), 201],
    ["an unexpected failure", async () => {
      await env.DB.prepare("ALTER TABLE units RENAME TO units_away").run();
      try {
        return await call("GET", "/api/units", { token: ADMIN_TOKEN });
      } finally {
        await env.DB.prepare("ALTER TABLE units_away RENAME TO units").run();
      }
    }, 500],
  ] as const)("forbid caching and sniffing on %s", async (_name, request, status) => {
    const res = await request();
    expect(res.status).toBe(status);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });
});
