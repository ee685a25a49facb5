import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { formatFlags, run as runFlags, type FlagsResponse } from "../../cli/commands/flags.ts";
import { rankingsJson, rankingsWorkbook, run as runRankings, type RankingsResponse } from "../../cli/commands/rankings.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import { emptyCounts } from "../../worker/assessment/indicators.ts";
import { rankUnits } from "../../worker/assessment/ranking.ts";
import { makeFlag } from "../../worker/assessment/flags/make.ts";

function response(): RankingsResponse {
  const a = emptyCounts();
  a.acceptance = { num: 129, den: 131 };
  a.success = { num: 90, den: 120 };
  const b = emptyCounts();
  b.acceptance = { num: 50, den: 50 };
  b.success = { num: 45, den: 50 };
  const units = rankUnits([{ unit: "山腰街道", kind: "town", counts: a }, { unit: "区人社局", kind: "department", counts: b }], DEFAULT_WEIGHTS);
  return { period: "2026-Q3", asOf: "2026-10-01", method: "wilson-lower", weights: DEFAULT_WEIGHTS, weightsSource: "default", units };
}

describe("rankings output", () => {
  it("gives --json the documented shape: period, units with kind, rank, score and each indicator's counts and interval", () => {
    const j = rankingsJson(response());
    expect(j.period).toBe("2026-Q3");
    expect(j.units[0]).toMatchObject({ unit: "山腰街道", kind: "town", rank: 1, score: expect.any(Number) });
    expect(j.units[0].indicators.acceptance).toEqual({ num: 129, den: 131, rate: 0.9847, low: expect.any(Number), high: expect.any(Number), meetsTarget: true, weight: 20, points: expect.any(Number) });
    expect(j.units[0].indicators.success.meetsTarget).toBe(false);
  });

  it("writes a printable sheet with title, period, a row per unit and the target misses highlighted", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await rankingsWorkbook(response()).xlsx.writeBuffer());
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain("考评排名（2026-Q3）");
    expect(String(ws.getCell(2, 1).value)).toContain("考评期间 Period：2026-Q3");
    expect(ws.getRow(4).getCell(3).value).toBe("单位 Unit");
    expect(ws.getRow(5).getCell(3).value).toBe("山腰街道");
    // success column (7) missed the 80 % target: red fill; acceptance (5) met it: no fill
    expect(String(ws.getRow(5).getCell(7).value)).toBe("75.0%（90/120）");
    expect((ws.getRow(5).getCell(7).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect((ws.getRow(5).getCell(5).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(ws.pageSetup.orientation).toBe("landscape");
  });
});

describe("flags output", () => {
  it("prints one line per flag with severity, unit, case and the message in the chosen language", () => {
    const r: FlagsResponse = { asOf: "2026-06-15", period: "2026-Q2", counts: { high: 1, medium: 0, low: 0 }, flags: [makeFlag("overdue", "山腰街道", "A-1", { daysOpen: 36, limitDays: 30, daysOver: 6 })] };
    expect(formatFlags(r)).toContain("高 HIGH  山腰街道  A-1  案件已超期：已办理 36 天，期限 30 天（超期 6 天）  [overdue]");
    expect(formatFlags(r, "en")).toContain("Overdue: open 36 days");
    expect(formatFlags({ ...r, flags: [], counts: { high: 0, medium: 0, low: 0 } })).toContain("没有预警 no flags");
  });
});

describe("the rankings and flags commands against a server", () => {
  let server: Server;
  let url = "";
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization}`);
      res.setHeader("Content-Type", "application/json");
      if (req.url!.startsWith("/api/rankings")) res.end(JSON.stringify(response()));
      else if (req.url!.startsWith("/api/flags")) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: "forbidden", message: "角色 assessor 无权使用此功能 Role assessor may not use this route" } }));
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("prints the --json rankings and writes the workbook given --out", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "rk-")), "rankings.xlsx");
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const code = await runRankings(["--period", "2026-Q3", "--json", "--out", out, "--url", url, "--token", "tj_x"]);
    const printed = write.mock.calls.map((c) => String(c[0])).join("");
    write.mockRestore();
    expect(code).toBe(0);
    expect(JSON.parse(printed)).toMatchObject({ period: "2026-Q3", units: [{ unit: "山腰街道", rank: 1 }, { unit: "区人社局", kind: "department" }] });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(seen.at(-1)).toBe("GET /api/rankings?period=2026-Q3 Bearer tj_x");
  });

  it("refuses a malformed period before calling the server, with exit code 2", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await runRankings(["--period", "2026-13", "--url", url, "--token", "tj_x"]);
    const printed = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(code).toBe(2);
    expect(printed).toMatch(/考评期间格式不对/);
  });

  it("reports a refused flags request with the server's message and exit code 3", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await runFlags(["--unit", "山腰街道", "--url", url, "--token", "tj_x"]);
    const printed = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(code).toBe(3);
    expect(printed).toContain("[403 forbidden]");
  });

  it("sends --due-within as dueWithinDays, and refuses a bad number of days with exit code 2 before calling the server", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    await runFlags(["--due-within", "7", "--url", url, "--token", "tj_x"]);
    expect(seen.at(-1)).toBe("GET /api/flags?dueWithinDays=7 Bearer tj_x");
    const before = seen.length;
    expect(await runFlags(["--due-within", "1.5", "--url", url, "--token", "tj_x"])).toBe(2);
    expect(await runFlags(["--due-within", "400", "--url", url, "--token", "tj_x"])).toBe(2);
    const printed = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(seen.length).toBe(before);
    expect(printed).toContain("--due-within 须为 0–366 的整数天数");
  });

  it("refuses an unknown flag code with exit code 2", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await runFlags(["--code", "late", "--url", url, "--token", "tj_x"])).toBe(2);
    err.mockRestore();
  });
});
