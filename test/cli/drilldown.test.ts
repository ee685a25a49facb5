import { createServer, type Server } from "node:http";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { drilldownText, drilldownWorkbook, run } from "../../cli/commands/drilldown.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  try {
    const code = await run(args);
    return { code, stdout: out.mock.calls.map((c) => String(c[0])).join(""), stderr: err.mock.calls.map((c) => String(c[0])).join("") };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe("tiaojie drilldown", () => {
  let server: Server;
  let url = "";
  const seen: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push(decodeURIComponent(req.url ?? ""));
      res.setHeader("Content-Type", "application/json");
      if (req.url!.includes(encodeURIComponent("南埔镇"))) {
        res.statusCode = 403;
        res.end(JSON.stringify({ error: { code: "forbidden", message: "此令牌只能访问“山腰街道”的台账 This token may only access the ledger of 山腰街道" } }));
        return;
      }
      res.end(JSON.stringify(drilldownFixture()));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it("prints the drill-down exactly as the API answers it with --json", async () => {
    const r = await capture(["--unit", "山腰街道", "--period", "2026-Q3", "--as-of", "2026-10-01", "--json", "--url", url, "--token", "tj_x"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(drilldownFixture());
    expect(seen.at(-1)).toBe("/api/rankings/drilldown?unit=山腰街道&period=2026-Q3&asOf=2026-10-01");
  });

  it("prints, per indicator, its n/N and the cases that cost the unit", async () => {
    const r = await capture(["--period", "2026-Q3", "--url", url, "--token", "tj_x"]);
    expect(r.code).toBe(0);
    expect(seen.at(-1)).toBe("/api/rankings/drilldown?period=2026-Q3");
    expect(r.stdout).toBe(drilldownText(drilldownFixture()));
    expect(r.stdout).toContain("按期办结率  2/3  SY-2026-001 用时 49 天 / 期限 30 天");
    expect(r.stdout).toContain("SY-2026-090 逾期未兑现（期限 2026-09-30）、SY-2026-091 逾期兑现（期限 2026-08-10，2026-08-15 兑现）");
    expect(r.stdout).toContain("受理率  2/3  SY-2026-005 未受理（不属于行政争议受理范围，已告知向法院起诉）");
    expect(r.stdout).toContain("台账规范率  40/41  第 17 行");
    expect(r.stdout).not.toMatch(/[A-Za-z]{3,}/);
  });

  it("writes the drill-down workbook with --out, one section per indicator", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "dd-")), "明细.xlsx");
    const r = await capture(["--unit", "山腰街道", "--period", "2026-Q3", "--out", out, "--url", url, "--token", "tj_x"]);
    expect(r).toMatchObject({ code: 0, stdout: `已写入 Wrote ${out}（山腰街道 2026年第三季度）\n` });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe("考评明细 山腰街道 2026年第三季度");
    expect(ws.pageSetup.paperSize).toBe(9);
    const first: string[] = [];
    ws.eachRow((row) => first.push(String(row.getCell(1).value ?? "")));
    for (const heading of ["受理率 2/3 = 66.7%", "调解成功率 1/2 = 50.0%", "按期办结率 2/3 = 66.7%", "承诺兑现率 1/3 = 33.3%", "诉前化解率 0/1 = 0.0%", "台账规范率 40/41 = 97.6%", "评查得分 147/200 = 73.5"]) {
      expect(first.some((t) => t.startsWith(heading))).toBe(true);
    }
  });

  it("refuses a malformed period with exit code 2 before calling the server", async () => {
    const before = seen.length;
    const r = await capture(["--unit", "山腰街道", "--period", "2026-Q5", "--url", url, "--token", "tj_x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("考评期间格式不对");
    expect(seen.length).toBe(before);
  });

  it("reports another unit refused to a clerk with the server's message and exit code 3", async () => {
    const r = await capture(["--unit", "南埔镇", "--period", "2026-Q3", "--url", url, "--token", "tj_x"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("此令牌只能访问“山腰街道”的台账");
    expect(r.stdout).toBe("");
  });
});

describe("the drill-down sheet", () => {
  it("lists overdue commitments and late cases in red, and says a case dropped from the ledger still counts", async () => {
    const ws = drilldownWorkbook(drilldownFixture()).worksheets[0];
    const cells: { text: string; fill?: string }[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push({ text: String(c.value), fill: (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb })));
    expect(cells.find((c) => c.text.startsWith("逾期未兑现"))?.fill).toBe("FFFFC7CE");
    expect(cells.find((c) => c.text.startsWith("否，超期 19 天"))?.fill).toBe("FFFFC7CE");
    expect(cells.some((c) => c.text.startsWith("已不在台账中（仍计入）"))).toBe(true);
    expect(cells.some((c) => c.text === "B（收案日期）")).toBe(true);
  });
});
