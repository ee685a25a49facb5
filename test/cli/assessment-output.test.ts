import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { formatFlags, run as runFlags, type FlagsResponse } from "../../cli/commands/flags.ts";
import { rankingsJson, rankingsText, rankingsWorkbook, run as runRankings, type RankingsResponse } from "../../cli/commands/rankings.ts";
import { districtRankings, rankingsFixture } from "../fixtures/rankings.ts";
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

  it("writes per kind a summary and a long detail on A4: judgment words, red only for 未达标, figures as numbers", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await rankingsWorkbook(response()).xlsx.writeBuffer());
    const ws = wb.getWorksheet("考评排名（镇街） 2026年第三季度")!;
    expect(ws.getCell(1, 1).value).toBe("2026年第三季度镇（街道）行政争议调解工作考评排名");
    expect(String(ws.getCell(3, 1).value)).toContain("统计截至：2026年10月1日");
    // Two-level header: the indicator over rate, judgment and points (merged), the leading columns over both rows.
    expect(ws.getCell(5, 4).value).toBe("受理率");
    expect(ws.getCell(5, 6).isMerged).toBe(true);
    expect([4, 5, 6].map((c) => ws.getCell(6, c).value)).toEqual(["比率", "判定", "得分"]);
    // 山腰街道's success 90 of 120 is under 80 % but its interval reaches it: 低于目标（差异不显著）, not red.
    expect([ws.getCell(7, 1).value, ws.getCell(7, 2).value, ws.getCell(7, 7).value]).toEqual([1, "山腰街道", 0.75]);
    expect(ws.getCell(7, 7).numFmt).toBe("0.0%");
    expect(ws.getCell(7, 8).value).toBe("低于目标\n（差异不显著）");
    expect((ws.getCell(7, 7).fill as ExcelJS.FillPattern | undefined)?.fgColor).toBeUndefined();
    expect(ws.pageSetup).toMatchObject({ orientation: "landscape", paperSize: 9 });
    const detail = wb.getWorksheet("得分明细（镇街） 2026年第三季度")!;
    const u = response().units.find((x) => x.unit === "山腰街道")!;
    let at = 0;
    detail.eachRow((row, r) => (row.getCell(2).value === "山腰街道" && row.getCell(4).value === "调解成功率" ? (at = r) : null));
    expect([5, 6, 7, 10, 11].map((c) => detail.getCell(at, c).value)).toEqual([90, 120, 0.75, 0.8, "低于目标（差异不显著）"]);
    expect(detail.getCell(at, 12).value).toBe(Math.round(u.indicators.success.effectiveWeight * 1000) / 10);
    expect(detail.getCell(at, 13).value).toBe(Math.round(u.indicators.success.points * 10) / 10);
  });

  it("writes the sheets in English with --locale en", () => {
    const names = rankingsWorkbook(response(), "en").worksheets.map((ws) => ws.name);
    expect(names).toEqual(["Rankings (towns) Q3 2026", "Scores (towns) Q3 2026", "Rankings (departments) Q3 2026", "Scores (departments) Q3 2026"]);
  });

  it("prints the judgment's own words: 未达标 only when the whole interval lies below the target", () => {
    const missed = districtRankings();
    const text = rankingsText(missed);
    expect(text).toContain("镇（街道） — 2026年第三季度");
    expect(text).toMatch(/区税务局 {2}未达标：调解成功率/);
    expect(text).toMatch(/低于目标（差异不显著）：调解成功率/);
    // 山腰街道: 90 of 120 is under 80 % but not with confidence.
    expect(rankingsText(response())).toMatch(/山腰街道 {2}低于目标（差异不显著）：调解成功率\n/);
    expect(rankingsText(missed, "en")).toMatch(/区税务局 {2}Below target: Mediation success rate/);
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

  it("prints the rankings as text in Chinese, or in English with --locale en", async () => {
    const zh = await rankings.capture(["--period", "2026-Q3", "--token", "tj_x"]);
    expect(zh.stdout).toContain("镇（街道） — 2026年第三季度");
    expect(zh.stdout).not.toContain("Towns");
    const en = await rankings.capture(["--period", "2026-Q3", "--locale", "en", "--token", "tj_x"]);
    expect(en.stdout).toContain("Towns/streets — Q3 2026");
    expect(en.stdout).toContain("Under target (not significant): Mediation success rate");
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
