import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../cli/commands/office.ts";
import type { OfficeProfile } from "../../ledger/api/office-profile.ts";

// A stand-in Worker keeping versions the way the real one does (the real one is tested in test/worker/office-profile.test.ts).
let server: Server;
let url = "";
let stored: OfficeProfile;
const puts: unknown[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("Content-Type", "application/json");
    if (req.method === "PUT" && req.headers.authorization !== "Bearer tj_coordinator") {
      res.statusCode = 403;
      return void res.end(JSON.stringify({ error: { code: "forbidden", message: "角色 clerk 无权使用此功能 Role clerk may not use this route" } }));
    }
    if (req.method === "GET") return void res.end(JSON.stringify(stored));
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const { baseVersion: _, ...b } = JSON.parse(body) as OfficeProfile & { baseVersion: number };
      puts.push(JSON.parse(body));
      stored = { ...b, version: stored.version + 1, updatedAt: "2026-11-27T15:00:00.000Z", updatedBy: { tokenId: 4, label: "区司法局" } };
      res.end(JSON.stringify(stored));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  stored = { version: 0, filingUnit: "", contact: "", phone: "", updatedAt: null, updatedBy: null };
  puts.length = 0;
});

async function capture(args: string[], token = "tj_coordinator") {
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const code = await run([...args, "--url", url, "--token", token]);
  const r = { code, stdout: out.mock.calls.map((c) => String(c[0])).join(""), stderr: err.mock.calls.map((c) => String(c[0])).join("") };
  out.mockRestore();
  err.mockRestore();
  return r;
}

describe("tiaojie office", () => {
  it("says the letterhead is not set yet, and shows each field as —", async () => {
    const r = await capture([], "tj_clerk");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe([
      "报表落款 Letterhead for report forms（尚未设置，报表上留空 not set yet: forms leave it blank）",
      "  填报单位 Filing unit    —",
      "  联系人 Contact person   —",
      "  联系电话 Contact phone  —",
      "",
    ].join("\n"));
  });

  it("sets all three from the version it read, the phone normalised, and prints the saved letterhead", async () => {
    const r = await capture(["--unit", " 某某区司法局 ", "--contact", "张三", "--phone", "（0571）12345678"]);
    expect(r.code).toBe(0);
    expect(puts).toEqual([{ filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", baseVersion: 0 }]);
    expect(r.stdout).toContain("已保存为第 1 版 Saved as version 1");
    expect(r.stdout).toContain("报表落款 Letterhead for report forms（第 1 版 version 1，区司法局 2026-11-27T15:00:00.000Z）");
    expect(r.stdout).toMatch(/联系电话 Contact phone\s+0571-12345678\n/);
  });

  it("changes one field and keeps the others", async () => {
    stored = { version: 3, filingUnit: "某某区司法局", contact: "张三", phone: "0571-12345678", updatedAt: "2026-11-01T00:00:00.000Z", updatedBy: null };
    const r = await capture(["--contact", "李四", "--json"]);
    expect(r.code).toBe(0);
    expect(puts).toEqual([{ filingUnit: "某某区司法局", contact: "李四", phone: "0571-12345678", baseVersion: 3 }]);
    expect(JSON.parse(r.stdout)).toEqual(stored);
  });

  it("refuses a phone that is no phone, or a first setting that leaves a field empty, with exit 2 naming the option, and sends nothing", async () => {
    const phone = await capture(["--unit", "某某区司法局", "--contact", "张三", "--phone", "12345678"]);
    expect(phone.code).toBe(2);
    expect(phone.stderr).toContain("--phone: 联系电话“12345678”不像手机号（11位，1开头）或带区号的固话（如 0571-12345678），请核对。");
    const missing = await capture(["--unit", "某某区司法局"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--contact: 联系人不能为空");
    expect(missing.stderr).toContain("--phone: 联系电话不能为空");
    expect(puts).toEqual([]);
  });

  it("exits 3 with the server's words when a clerk tries to set it", async () => {
    const r = await capture(["--unit", "某某区司法局", "--contact", "张三", "--phone", "13812345678"], "tj_clerk");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Role clerk may not use this route [403 forbidden]");
  });
});
