import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run } from "../../cli/commands/trend.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import type { Trend } from "../../ledger/api/trend.ts";

const none = { num: 0, den: 0, rate: null };
const ind = (success: [number, number]) => ({
  acceptance: { num: success[1], den: success[1], rate: 1 }, success: { num: success[0], den: success[1], rate: success[0] / success[1] },
  onTime: none, commitments: none, preSuit: none, ledgerQuality: none, review: none,
});
/** What the Worker answers for 山腰街道 and 区人社局 over two months. */
const TREND: Trend = {
  from: "2026-01", to: "2026-02", by: "month", asOf: "2026-03-01", method: "wilson-lower",
  periods: [{ period: "2026-01", weights: DEFAULT_WEIGHTS, weightsSource: "default" }, { period: "2026-02", weights: DEFAULT_WEIGHTS, weightsSource: "period" }],
  units: [
    { unit: "山腰街道", kind: "town", points: [
      { period: "2026-01", rank: 1, ranked: 1, score: 51, indicators: ind([4, 4]) },
      { period: "2026-02", rank: 1, ranked: 1, score: 30.1, indicators: ind([3, 4]) },
    ] },
    { unit: "区人社局", kind: "department", points: [
      { period: "2026-01", rank: 1, ranked: 1, score: 9.5, indicators: ind([1, 2]) },
      { period: "2026-02", rank: null, ranked: 0, score: null, indicators: { ...ind([0, 1]), success: none, acceptance: none } },
    ] },
  ],
};

const { seen, capture } = reportStub({ run, answer: () => TREND, refused: { token: "tj_admin", role: "admin" } });

describe("tiaojie trend", () => {
  it("prints --json exactly as the Worker answers: periods with their weights, each unit's score, rank and indicators per period", async () => {
    const r = await capture(["--from", "2026-01", "--to", "2026-02", "--json", "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(Object.keys(body)).toEqual(["from", "to", "by", "asOf", "method", "periods", "units"]);
    expect(body.units[0]).toEqual({
      unit: "山腰街道", kind: "town",
      points: [
        { period: "2026-01", rank: 1, ranked: 1, score: 51, indicators: { acceptance: { num: 4, den: 4, rate: 1 }, success: { num: 4, den: 4, rate: 1 }, onTime: none, commitments: none, preSuit: none, ledgerQuality: none, review: none } },
        { period: "2026-02", rank: 1, ranked: 1, score: 30.1, indicators: { acceptance: { num: 4, den: 4, rate: 1 }, success: { num: 3, den: 4, rate: 0.75 }, onTime: none, commitments: none, preSuit: none, ledgerQuality: none, review: none } },
      ],
    });
    expect(body).toEqual(TREND);
    expect(seen.at(-1)).toBe("GET /api/rankings/trend?from=2026-01&to=2026-02&by=month Bearer tj_assessor");
  });

  it("prints each kind's units with score and rank per period without --json, a dash where there was nothing to score", async () => {
    const r = await capture(["--from", "2026-01", "--to", "2026-02", "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("考评趋势 Trend 2026-01 – 2026-02（按月 by month；统计截至 as of 2026-03-01）");
    expect(r.stdout).toContain("镇（街道） Towns/streets          2026-01  2026-02");
    expect(lines[lines.indexOf("  山腰街道") + 1].trim()).toBe("51.0#1   30.1#1");
    expect(lines[lines.indexOf("  区人社局") + 1].trim()).toBe("9.5#1        —");
  });

  it("asks for whole quarters with --by quarter", async () => {
    await capture(["--from", "2026-01", "--to", "2026-06", "--by", "quarter", "--json", "--token", "tj_assessor"]);
    expect(seen.at(-1)).toBe("GET /api/rankings/trend?from=2026-Q1&to=2026-Q2&by=quarter Bearer tj_assessor");
  });

  it("writes the scores with a native line chart per kind, the ranks and the indicators as numbers, with --out", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "trend-")), "trend.xlsx");
    const r = await capture(["--from", "2026-01", "--to", "2026-02", "--out", out, "--token", "tj_assessor"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写入 Wrote ${out}（2 个单位 units × 2 期 periods）`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    const [sheet, ranks, detail] = wb.worksheets;
    expect(wb.worksheets.map((w) => w.name)).toEqual(["考评趋势 2026年1月至2月", "各期名次 2026年1月至2月", "各期指标 2026年1月至2月"]);
    const rows = sheet.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));
    expect(rows).toContainEqual(["单位", "2026年\n1月", "2月"]);
    expect(rows).toContainEqual(["山腰街道", 51, 30.1]);
    // No score in February: the cell stays empty (a gap in the line), never 0 or a dash.
    expect(rows.find((r) => r[0] === "区人社局")).toEqual(["区人社局", 9.5]);
    expect(ranks.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1))).toContainEqual(["山腰街道", 1, 1]);
    const lines = detail.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));
    // Rates are numbers beside their counts; indicators nobody had data for are left out (a note names them).
    expect(lines).toContainEqual(["山腰街道", "2026年2月", 30.1, 1, 1, "4/4", 0.75, "3/4"]);
    expect(lines).toContainEqual(["区人社局", "2026年1月", 9.5, 1, 1, "2/2", 0.5, "1/2"]);
    expect(lines.flat().some((v) => String(v).startsWith("按期办结率、承诺兑现率、诉前化解率、台账规范率、评查得分：所选期间各单位均无数据"))).toBe(true);

    const zip = await JSZip.loadAsync(readFileSync(out));
    const chart = await zip.file("xl/charts/chart1.xml")!.async("string");
    expect(chart).toContain("<c:lineChart>");
    expect(chart).toContain("<c:f>'考评趋势 2026年1月至2月'!$B$4:$C$4</c:f>");
    expect(chart).toContain("<c:f>'考评趋势 2026年1月至2月'!$B$6:$C$6</c:f>");
    expect(await zip.file("xl/charts/chart2.xml")!.async("string")).toContain("区人社局");
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('PartName="/xl/charts/chart2.xml"');
  });

  it("writes the sheets in English with --locale en", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "trend-")), "trend-en.xlsx");
    expect((await capture(["--from", "2026-01", "--to", "2026-02", "--out", out, "--locale", "en", "--token", "tj_assessor"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["Trend Jan 2026 to Feb 2026", "Ranks Jan 2026 to Feb 2026", "Indicators Jan 2026 to Feb 2026"]);
  });

  it("refuses more than 24 months, a reversed span, or --by other than month|quarter with exit code 2 before sending anything", async () => {
    const before = seen.length;
    for (const [args, says] of [
      [["--from", "2024-01", "--to", "2026-06"], "超过上限 24 个月"],
      [["--from", "2026-06", "--to", "2026-01"], "早于 from"],
      [["--from", "2026-02", "--to", "2026-06", "--by", "quarter"], "季度的第一个月"],
      [["--from", "2026-01", "--to", "2026-06", "--by", "week"], "--by 须为 month 或 quarter"],
      [["--from", "2026-01"], "需要 --from 和 --to"],
    ] as const) {
      const r = await capture([...args, "--token", "tj_assessor"]);
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 2]);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain("用法 Usage: tiaojie trend");
    }
    expect(seen.length).toBe(before);
  });

  it("refuses a role without access with exit code 3 and the server's message", async () => {
    const r = await capture(["--from", "2026-01", "--to", "2026-02", "--token", "tj_admin"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Role admin may not use this route");
  });
});
