import { describe, expect, it } from "vitest";
import { ApiError, createApiClient, type Fetch } from "../../../ledger/api/client.ts";
import { describeError } from "../../../addin/pane/logic/errors.ts";
import { SheetTooLargeError } from "../../../addin/hosts/ledger-workbook.ts";

function respond(status: number, body: unknown, headers: Record<string, string> = {}): Fetch {
  return async () => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    return e as ApiError;
  }
  throw new Error("expected a failure");
}

describe("the API client", () => {
  it("follows the court case pages to the end and sorts them by unit and case number", async () => {
    const urls: string[] = [];
    const c = (unit: string, caseNo: string) => ({ unit, caseNo });
    const pages: Record<string, unknown> = {
      "/api/court/cases?period=2026-Q3": { period: "2026-Q3", cases: [c("山腰街道", "SY-2"), c("南埔镇", "NP-1")], next: 17 },
      "/api/court/cases?period=2026-Q3&after=17": { period: "2026-Q3", cases: [c("山腰街道", "SY-1")], next: null },
    };
    const client = createApiClient({ token: "t", fetch: async (url) => {
      urls.push(url);
      return new Response(JSON.stringify(pages[url]));
    } });
    const all = await client.courtCases({ period: "2026-Q3" });
    expect(urls).toEqual(Object.keys(pages));
    expect(all.map((x) => `${x.unit} ${x.caseNo}`)).toEqual(["南埔镇 NP-1", "山腰街道 SY-1", "山腰街道 SY-2"]);
  });

  it("sends the token and reads who the clerk is", async () => {
    let seen: RequestInit | undefined;
    const client = createApiClient({
      token: "tj_x",
      fetch: async (url, init) => {
        seen = init;
        expect(url).toBe("/api/me");
        return new Response(JSON.stringify({ role: "clerk", unit: "南埔镇", tokenId: 3, label: null }));
      },
    });
    expect(await client.me()).toEqual({ role: "clerk", unit: "南埔镇", tokenId: 3, label: null });
    expect((seen?.headers as Record<string, string>).Authorization).toBe("Bearer tj_x");
  });

  it("reads the office's letterhead and saves it with PUT at /api/office-profile", async () => {
    const seen: [string, string | undefined, unknown][] = [];
    const client = createApiClient({ token: "t", fetch: async (url, init) => {
      seen.push([url, init?.method, init?.body === undefined ? undefined : JSON.parse(String(init.body))]);
      return new Response(JSON.stringify({ version: 1, filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", updatedAt: "2026-11-27T00:00:00.000Z", updatedBy: null }));
    } });
    expect((await client.officeProfile()).filingUnit).toBe("某某区司法局");
    await client.setOfficeProfile({ filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", baseVersion: 0 });
    expect(seen).toEqual([
      ["/api/office-profile", "GET", undefined],
      ["/api/office-profile", "PUT", { filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", baseVersion: 0 }],
    ]);
  });

  it("sends a push chunk with its idempotency key and the exact body", async () => {
    let seen: RequestInit | undefined;
    const client = createApiClient({ token: "t", baseUrl: "https://x.example/", fetch: async (url, init) => {
      expect(url).toBe("https://x.example/api/pushes/p-1234567/chunks");
      seen = init;
      return new Response("{}");
    } });
    await client.pushChunk("p-1234567", "p-1234567.0", '{"rows":[]}');
    expect((seen?.headers as Record<string, string>)["Idempotency-Key"]).toBe("p-1234567.0");
    expect(seen?.body).toBe('{"rows":[]}');
  });

  it("sends a push chunk given as UTF-8 bytes as those very bytes, marked as JSON", async () => {
    let seen: RequestInit | undefined;
    const client = createApiClient({ token: "t", fetch: async (_url, init) => {
      seen = init;
      return new Response("{}");
    } });
    const bytes = new TextEncoder().encode('{"rows":[{"row":3,"values":{"applicant":"𠮷野家"}}]}');
    await client.pushChunk("p-1234567", "p-1234567.0", bytes);
    expect(seen?.body).toBe(bytes);
    expect((seen?.headers as Record<string, string>)["Content-Type"]).toBe("application/json");
  });

  it("lists the configured units", async () => {
    const client = createApiClient({ token: "t", fetch: respond(200, { units: [{ id: 1, name: "南埔镇", kind: "town", createdAt: "" }, { id: 2, name: "区人社局", kind: "department", createdAt: "" }] }) });
    expect((await client.units()).map((u) => u.name)).toEqual(["南埔镇", "区人社局"]);
  });

  it("tells a revoked token from an unknown one", async () => {
    const revoked = await failure(createApiClient({ token: "t", fetch: respond(401, { error: { code: "token_revoked", message: "已停用" } }) }).me());
    expect(revoked.kind).toBe("token_revoked");
    const unknown = await failure(createApiClient({ token: "t", fetch: respond(401, { error: { code: "unauthorized", message: "?" } }) }).me());
    expect(unknown.kind).toBe("unauthorized");
    expect(revoked.retryable).toBe(false);
  });

  it("treats an unreachable server as offline and a 500 as a retryable server error", async () => {
    const offline = await failure(createApiClient({ token: "t", fetch: async () => { throw new TypeError("Failed to fetch"); } }).me());
    expect(offline.kind).toBe("offline");
    expect(offline.retryable).toBe(true);
    const server = await failure(createApiClient({ token: "t", fetch: respond(500, { error: { code: "internal", message: "x" } }) }).me());
    expect(server.kind).toBe("server");
    expect(server.retryable).toBe(true);
  });

  it("reads Retry-After on 429 and survives a non-JSON error page", async () => {
    const limited = await failure(createApiClient({ token: "t", fetch: respond(429, { error: { code: "rate_limited" } }, { "Retry-After": "12" }) }).me());
    expect(limited.retryAfterSeconds).toBe(12);
    const html = await failure(createApiClient({ token: "t", fetch: async () => new Response("<html>Bad gateway</html>", { status: 502 }) }).me());
    expect(html.kind).toBe("server");
  });

  it("reports a cancelled request as cancelled, not offline", async () => {
    const controller = new AbortController();
    controller.abort();
    const e = await failure(createApiClient({ token: "t", fetch: async (_u, init) => {
      if (init?.signal?.aborted) throw new DOMException("The operation was aborted.", "AbortError");
      return new Response("{}");
    } }).me(controller.signal));
    expect(e.kind).toBe("aborted");
  });
});

describe("errors in plain words", () => {
  it("tells the clerk what to do in Chinese and in English", () => {
    expect(describeError(new ApiError("offline", "Failed to fetch"), "zh-CN")).toContain("检查网络");
    expect(describeError(new ApiError("token_revoked", "x", { status: 401 }), "zh-CN")).toContain("新令牌");
    expect(describeError(new ApiError("token_revoked", "x", { status: 401 }), "en")).toContain("revoked");
    expect(describeError(new ApiError("server", "x", { status: 500 }), "en")).toContain("the failed part wrote nothing");
    expect(describeError(new SheetTooLargeError(12_000_000), "zh-CN")).toContain("工作表太大");
    expect(describeError(new Error("InvalidArgument"), "en")).toBe("Excel could not do that: InvalidArgument");
    expect(describeError(new Error("工作表已被删除"), "zh-CN", "WPS 表格")).toBe("WPS 表格 操作失败：工作表已被删除");
  });
});
