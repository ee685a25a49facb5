import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { run } from "../../cli/commands/limits.ts";
import type { LimitSettings, LimitsResponse } from "../../ledger/api/limits.ts";

const DEFAULTS: LimitSettings = {
  timeLimits: { byStage: { 行政复议: 60, 诉前: 30 }, byMediationType: { 人民调解: 30 }, fallback: 30 },
  flags: {
    dueSoonDays: 5, confirmationWindowDays: 30, confirmationWarnDays: 7, repeatWithinMonths: 12, staleAfterDays: 60, notPushedDays: 30,
    minLedgerQuality: 0.9, transferReceiptDays: 3,
  },
};

// A stand-in Worker keeping versions the way the real one does (the real one is tested in test/worker/limits.test.ts).
let server: Server;
let url = "";
let stored: LimitsResponse;
const puts: unknown[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader("Content-Type", "application/json");
    if (req.method === "PUT" && req.headers.authorization !== "Bearer tj_coordinator") {
      res.statusCode = 403;
      return void res.end(JSON.stringify({ error: { code: "forbidden", message: "角色 assessor 无权使用此功能 Role assessor may not use this route" } }));
    }
    if (req.method === "GET") return void res.end(JSON.stringify(stored));
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const b = JSON.parse(body) as { settings: LimitSettings; baseVersion: number };
      puts.push(b);
      stored = { ...stored, version: stored.version + 1, current: b.settings, changedBy: { tokenId: 4, label: "区司法局" }, changedAt: "2026-11-27T15:00:00.000Z" };
      res.end(JSON.stringify(stored));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  stored = { version: 0, current: structuredClone(DEFAULTS), defaults: DEFAULTS, changedBy: null, changedAt: null };
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

describe("tiaojie limits", () => {
  it("prints the settings with their defaults, a stage without its own limit as —, the ledger quality as a percentage", async () => {
    const r = await capture([], "tj_clerk");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("时限与预警设置 Time limits and flag thresholds（默认值，尚未修改 defaults, never changed）");
    expect(r.stdout).toMatch(/stage\.诉前\s+30\s+诉前阶段时限（天）/);
    expect(r.stdout).toMatch(/stage\.执行\s+—\s+执行阶段时限/);
    expect(r.stdout).toMatch(/flags\.minLedgerQuality\s+90%\s+台账规范率下限/);
  });

  it("prints --json as the API returns it", async () => {
    const r = await capture(["--json"], "tj_assessor");
    expect(JSON.parse(r.stdout)).toEqual(stored);
  });

  it("saves --set values as a new version from the version it read, and marks what differs from the defaults", async () => {
    const r = await capture(["--set", "stage.诉前=２０", "--set", "flags.dueSoonDays=7", "--set", "stage.行政复议=", "--set", "minLedgerQuality=85%"]);
    expect(r.code).toBe(0);
    expect(puts).toEqual([{
      baseVersion: 0,
      settings: { timeLimits: { byStage: { 诉前: 20 }, byMediationType: { 人民调解: 30 }, fallback: 30 }, flags: { ...DEFAULTS.flags, dueSoonDays: 7, minLedgerQuality: 0.85 } },
    }]);
    expect(r.stdout).toContain("已保存为第 1 版 Saved as version 1");
    expect(r.stdout).toContain("第 1 版 version 1，区司法局 2026-11-27T15:00:00.000Z");
    expect(r.stdout).toMatch(/flags\.dueSoonDays\s+7 \*/);
  });

  it("refuses an unknown field or a value out of range with exit 2, naming it, and sends nothing", async () => {
    const unknown = await capture(["--set", "stage.复议=60"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("未知设置项 Unknown setting \"stage.复议\"");
    expect(unknown.stderr).toContain("stage.行政复议");
    const range = await capture(["--set", "flags.repeatWithinMonths=61"]);
    expect(range.code).toBe(2);
    expect(range.stderr).toContain("重复纠纷认定（月内再次申请）：“61”无效，请填写 1–60 的整数");
    const shape = await capture(["--set", "fallback"]);
    expect(shape.code).toBe(2);
    expect(shape.stderr).toContain("--set 需要 FIELD=VALUE");
    expect(puts).toEqual([]);
  });

  it("exits 3 with the server's words when a non-coordinator tries to save", async () => {
    const r = await capture(["--set", "fallback=40"], "tj_assessor");
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Role assessor may not use this route [403 forbidden]");
  });
});
