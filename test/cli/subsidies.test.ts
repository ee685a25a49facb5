import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run, subsidiesGrids } from "../../cli/commands/subsidies.ts";
import { statement } from "../fixtures/subsidy-statement.ts";

/** A sheet's rows as read back, blanks as "" (no leading empty column). */
const rowsOf = (ws: ExcelJS.Worksheet): unknown[][] =>
  (ws.getSheetValues().filter(Boolean) as unknown[][]).map((v) => Array.from(v.slice(1), (x) => x ?? ""));

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
    expect(sum.name).toBe("补贴汇总 2026年第三季度");
    expect(detail.name).toBe("补贴明细 2026年第三季度");
    const sumRows = rowsOf(sum);
    expect(sumRows).toContainEqual(["山腰街道 小计", "", 3, 1000]);
    expect(sumRows).toContainEqual(["全区合计", "", 4, 1100]);
    expect(sumRows.some((row) => String(row[0]).startsWith("南埔镇 NP-2（2026-07-20）：难易程度为空"))).toBe(true);
    expect(sumRows.some((row) => row[0] === "合计金额（大写）：人民币壹仟壹佰元整")).toBe(true);
    const lines = rowsOf(detail);
    expect(lines).toContainEqual(["王芳", "山腰街道", "SY-2", "重大", 800, 400, "2026-07-20", "2 人平分"]);
    expect(lines).toContainEqual(["林志强 合计", "山腰街道", "2 件", "", "", 600]);
  });

  it("writes the sheets in English with --locale en", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "subsidies-")), "subsidies.xlsx");
    expect((await capture(["--period", "2026-Q3", "--out", out, "--locale", "en", "--token", "tj_assessor"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Subsidy summary Q3 2026", "Subsidy statements Q3 2026"]);
    expect(rowsOf(wb.worksheets[0])).toContainEqual(["District total", "", 4, 1100]);
  });

  it("refuses an unknown --locale with exit code 2, naming both it accepts", async () => {
    const r = await capture(["--period", "2026-Q3", "--locale", "fr", "--token", "tj_assessor"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--locale 须为 zh-CN 或 en");
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
    const [, detail] = subsidiesGrids(statement(), { locale: "zh-CN", filedOn: "2026-10-09" });
    const shares = detail.rows.slice(detail.headerRows!.last + 1).filter((r) => r[0]?.v !== "全区合计").map((r) => r[5]?.v).filter((v): v is number => typeof v === "number");
    // Each mediator's lines then their total: the lines sum to the district total.
    expect(shares.reduce((a, b) => a + b, 0) / 2).toBe(1100);
  });
});
