import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatFlags, run as runFlags, type FlagsResponse } from "../../cli/commands/flags.ts";
import { rankingsJson, rankingsWorkbook, run as runRankings, type RankingsResponse } from "../../cli/commands/rankings.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { makeFlag } from "../../worker/assessment/flags/make.ts";
import { reportStub } from "../support/report-stub.ts";

const response = (): RankingsResponse => rankingsFixture();

describe("rankings output", () => {
  it("gives --json the documented shape: period, units with kind, rank, score and each indicator's counts and interval", () => {
    const j = rankingsJson(response());
    expect(j.period).toBe("2026-Q3");
    expect(j.units[0]).toMatchObject({ unit: "山腰街道", kind: "town", rank: 1, score: expect.any(Number) });
    expect(j.units[0].indicators.acceptance).toEqual({ num: 129, den: 131, rate: 0.9847, low: expect.any(Number), high: expect.any(Number), meetsTarget: true, weight: 20, points: expect.any(Number) });
    expect(j.units[0].indicators.success.meetsTarget).toBe(false);
  });

  it("writes a sheet that explains itself: title with period and as-of, towns and departments apart, five columns per indicator", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await rankingsWorkbook(response()).xlsx.writeBuffer());
    const ws = wb.worksheets[0];
    expect(String(ws.getCell(1, 1).value)).toContain("考评排名（2026-Q3）");
    expect(String(ws.getCell(2, 1).value)).toContain("考评期间：2026-Q3");
    expect(String(ws.getCell(2, 1).value)).toContain("统计截至：2026-10-01");
    expect(String(ws.getCell(4, 1).value)).toContain("镇（街道）");
    // Two-level header: the indicator over its five columns (merged), the leading columns over both rows.
    expect(ws.getCell(5, 4).value).toBe("受理率 Acceptance rate");
    expect(ws.getCell(5, 8).isMerged).toBe(true);
    expect([4, 5, 6, 7, 8].map((c) => String(ws.getCell(6, c).value))).toEqual(["分子/分母\nn/N", "比率\nRate", "95%区间\n95% CI", "权重\nWeight", "得分\nPoints"]);
    expect(ws.getCell(5, 2).value).toBe("单位\nUnit");
    // 山腰街道 ranks first among towns: success (columns 9–13) missed 80 %, its rate cell is red.
    expect([ws.getCell(7, 1).value, ws.getCell(7, 2).value]).toEqual([1, "山腰街道"]);
    expect(ws.getCell(7, 9).value).toBe("90/120");
    expect(ws.getCell(7, 10).value).toBe(0.75);
    expect(ws.getCell(7, 10).numFmt).toBe("0.0%");
    expect((ws.getCell(7, 10).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFFFC7CE");
    expect((ws.getCell(7, 5).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(ws.getCell(7, 11).value).toMatch(/^\d+\.\d–\d+\.\d%$/);
    const u = response().units.find((x) => x.unit === "山腰街道")!;
    expect(ws.getCell(7, 12).value).toBe(Math.round(u.indicators.success.effectiveWeight * 1000) / 10);
    expect(ws.getCell(7, 13).value).toBe(Math.round(u.indicators.success.points * 10) / 10);
    // Departments in a table of their own, ranked on their own.
    const deptHeading = [...Array(20).keys()].map((r) => r + 1).find((r) => String(ws.getCell(r, 1).value).startsWith("区直部门"))!;
    expect(ws.getCell(deptHeading + 3, 1).value).toBe(1);
    // What each indicator counts, in words, below the tables.
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(String(row.getCell(1).value)));
    expect(texts).toContain("受理率：受理数 ÷ 收案数（按收案日期计入期间）　Acceptance rate: accepted ÷ received (by date received)");
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

  it("says how many flags it lists when one dispute's lines stand for more of them", () => {
    const repeat = makeFlag("repeat_dispute", "山腰街道", "SY-299", { previousUnit: "山腰街道", previousCaseNo: "SY-298", previousClosedOn: "2026-04-26", withinMonths: 12, more: 296 });
    const r: FlagsResponse = { asOf: "2026-06-15", period: "2026-Q2", counts: { high: 0, medium: 297, low: 0 }, flags: [repeat] };
    const text = formatFlags(r);
    expect(text.split("\n")[0]).toBe("预警 Flags as of 2026-06-15（单位指标期间 unit period 2026-Q2）：高 0 · 中 297 · 低 0；列出 1 条，同一纠纷的其余 296 条计入各条说明 (1 listed, 296 more of the same disputes told in their lines)");
    expect(text).toContain("SY-298 已于 2026-04-26 结案，12 个月内再次申请；本单位同一当事人另有重复纠纷 296 件，未逐件列出  [repeat_dispute]");
  });
});

describe("the rankings and flags commands against a server", () => {
  // The assessor's token: rankings answer it, flags refuse it with a 403.
  const rankings = reportStub({ run: runRankings, answer: response, refused: { token: "tj_clerk", role: "clerk" } });
  const flags = reportStub({ run: runFlags, answer: () => ({}), refused: { token: "tj_x", role: "assessor" } });

  it("prints the --json rankings and writes the workbook given --out", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "rk-")), "rankings.xlsx");
    const { code, stdout: printed } = await rankings.capture(["--period", "2026-Q3", "--json", "--out", out, "--token", "tj_x"]);
    expect(code).toBe(0);
    const units = JSON.parse(printed).units as { unit: string; kind: string; rank: number }[];
    expect(JSON.parse(printed).period).toBe("2026-Q3");
    expect(units.find((u) => u.unit === "山腰街道")).toMatchObject({ kind: "town", rank: 1 });
    expect(units.find((u) => u.unit === "区人社局")).toMatchObject({ kind: "department" });
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    expect(rankings.seen.at(-1)).toBe("GET /api/rankings?period=2026-Q3 Bearer tj_x");
  });

  it("refuses a malformed period before calling the server, with exit code 2", async () => {
    const { code, stderr: printed } = await rankings.capture(["--period", "2026-13", "--token", "tj_x"]);
    expect(code).toBe(2);
    expect(printed).toMatch(/考评期间格式不对/);
  });

  it("reports a refused flags request with the server's message and exit code 3", async () => {
    const { code, stderr: printed } = await flags.capture(["--unit", "山腰街道", "--token", "tj_x"]);
    expect(code).toBe(3);
    expect(printed).toContain("[403 forbidden]");
  });

  it("sends --due-within as dueWithinDays, and refuses a bad number of days with exit code 2 before calling the server", async () => {
    await flags.capture(["--due-within", "7", "--token", "tj_x"]);
    expect(flags.seen.at(-1)).toBe("GET /api/flags?dueWithinDays=7 Bearer tj_x");
    const before = flags.seen.length;
    const fractional = await flags.capture(["--due-within", "1.5", "--token", "tj_x"]);
    const tooMany = await flags.capture(["--due-within", "400", "--token", "tj_x"]);
    expect(fractional.code).toBe(2);
    expect(tooMany.code).toBe(2);
    const printed = fractional.stderr + tooMany.stderr;
    expect(flags.seen.length).toBe(before);
    expect(printed).toContain("--due-within 须为 0–366 的整数天数");
  });

  it("refuses an unknown flag code with exit code 2", async () => {
    expect((await flags.capture(["--code", "late", "--token", "tj_x"])).code).toBe(2);
  });
});
