import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run, subsidiesWorkbook } from "../../cli/commands/subsidies.ts";
import { statement } from "../fixtures/subsidy-statement.ts";

const { seen, capture } = reportStub({ run, answer: () => statement(), refused: { token: "tj_clerk", role: "clerk" } });

describe("tiaojie subsidies", () => {
  it("prints --json exactly as documented: period, tiers, each mediator's cases and amount in 元, the total", async () => {
    const r = await capture(["--period", "2026-q3", "--json", "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      period: "2026-Q3",
      tiers: { 简易: 100, 普通: 200, 复杂: 400, 重大: 800 },
      mediators: [
        { mediator: "林志强", unit: "山腰街道", cases: 2, amount: 600 },
        { mediator: "王芳", unit: "山腰街道", cases: 1, amount: 400 },
        { mediator: "蔡国华", unit: "南埔镇", cases: 1, amount: 100 },
      ],
      total: 1100,
    });
    expect(seen.at(-1)).toBe("GET /api/subsidies?period=2026-Q3 Bearer tj_assessor");
  });

  it("prints a readable list without --json, naming the case it could not price and why", async () => {
    const r = await capture(["--period", "2026-Q3", "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("600.00 元    2 件  林志强（山腰街道）");
    expect(r.stdout).toContain("1100.00 元  全区合计");
    expect(r.stdout).toContain("南埔镇 NP-2（难易程度为空");
  });

  it("writes a summary sheet by unit and mediator and a statement sheet per mediator with --out", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "subsidies-")), "subsidies.xlsx");
    const r = await capture(["--period", "2026-Q3", "--out", out, "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写入 Wrote ${out}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const [sum, detail] = wb.worksheets;
    expect(sum.name).toBe("补贴汇总 2026-Q3");
    const sumRows = sum.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));
    expect(sumRows).toContainEqual(["山腰街道 小计 subtotal", "", 3, 1000]);
    expect(sumRows).toContainEqual(["全区合计 District total", "", 4, 1100]);
    expect(sumRows.some((row) => String(row[1]).startsWith("NP-2（2026-07-20）：难易程度为空"))).toBe(true);
    const lines = detail.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));
    expect(lines).toContainEqual(["王芳", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20"]);
    expect(lines).toContainEqual(["林志强 合计 total", "山腰街道", "2 件 cases", "", "", 600, ""]);
  });

  it("refuses a clerk with exit code 3 and the server's message, and a malformed period with exit code 2", async () => {
    const clerk = await capture(["--period", "2026-Q3", "--token", "tj_clerk"]);
    expect(clerk.code).toBe(3);
    expect(clerk.stderr).toContain("[403 forbidden]");
    const bad = await capture(["--period", "2026-Q5", "--token", "tj_assessor"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("考评期间格式不对");
  });

  it("keeps the workbook's figures those of the statement", () => {
    const ws = subsidiesWorkbook(statement()).worksheets[1];
    const shares = (ws.getSheetValues().filter(Boolean) as unknown[][]).map((v) => v[6]).filter((v): v is number => typeof v === "number");
    // Each mediator's lines then their total: the lines sum to the district total.
    expect(shares.reduce((a, b) => a + b, 0) / 2).toBe(1100);
  });
});
