import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run } from "../../cli/commands/digest.ts";
import { sampleDigest } from "../fixtures/digest.ts";
import { tiaojie } from "./run-cli.ts";

const { seen, capture } = reportStub({ run, answer: () => sampleDigest(), refused: { token: "tj_clerk", role: "clerk" } });

describe("tiaojie digest", () => {
  it("prints --json exactly as the Worker answers", async () => {
    const r = await capture(["--period", "2026-Q3", "--as-of", "2026-10-15", "--json", "--token", "tj_court"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(sampleDigest());
    expect(seen.at(-1)).toBe("GET /api/digest?period=2026-Q3&asOf=2026-10-15 Bearer tj_court");
  });

  it("prints a line per section in Chinese without --out, each total saying what it counts, judging rates in the rankings' words", async () => {
    const r = await capture(["--period", "2026-q3", "--token", "tj_coordinator"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("府院联席会议材料（2026年第三季度，统计截至 2026年10月15日）");
    expect(lines[1]).toContain("1 本期新收的法院委派委托及诉讼阶段案件 5 件：调解成功 1，调解不成 1");
    expect(lines[2]).toBe("2 调解成功率（本期办结，目标 80.0%）：全区 6/9 = 66.7%（95%区间 35.4%–87.9%），低于目标（差异不显著）；其中法院委派委托 1/2 = 50.0%（95%区间 9.4%–90.5%），低于目标（差异不显著）");
    expect(lines[3]).toBe("  未达标：涂岭镇 2/12 = 16.7%（95%区间 4.7%–44.8%），未达标");
    // 山腰街道's 75.0 % on four cases: the same words the rankings give it, not "clearly below target".
    expect(lines).toContain("  低于目标（差异不显著）：山腰街道 3/4 = 75.0%（95%区间 30.1%–95.4%），低于目标（差异不显著）");
    expect(r.stdout).not.toMatch(/明显低于目标|clearly below|[A-Za-z]{3,}/);
    expect(r.stdout).toContain("4 超期未结：全区 3 件");
    expect(r.stdout).toContain("6 重复纠纷（本期新收）：2 件，其中前案为法院案件 1 件");
    expect(seen.at(-1)).toBe("GET /api/digest?period=2026-Q3 Bearer tj_coordinator");
  });

  it("prints the summary in English only with --locale en", async () => {
    const r = await capture(["--period", "2026-Q3", "--locale", "en", "--token", "tj_coordinator"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toBe("Joint-meeting digest (Q3 2026, as of 15 Oct 2026)");
    expect(r.stdout).toContain("  Below target: 涂岭镇 2/12 = 16.7% (95% interval 4.7%–44.8%), Below target");
    // Unit and agency names stay as typed; none of the command's own words are Chinese.
    expect(r.stdout).not.toMatch(/调解|法院|府院|本期|达标|件|（/);
  });

  it("writes the contents sheet and the sections' sheets with native bar charts, in Chinese or with --locale en in English, and reads back with exceljs", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "tiaojie-digest-")), "府院联席.xlsx");
    const r = await capture(["--period", "2026-Q3", "--out", out, "--token", "tj_court"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已写入 Wrote ${out}（11 张工作表 sheets）\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "目录 2026-Q3", "1 法院委派委托案件 2026-Q3", "2 调解成功率 2026-Q3", "3 司法确认 2026-Q3", "3-1 待申请司法确认 2026-Q3", "4 超期未结案件 2026-Q3",
      "4-1 超期案件清单 2026-Q3", "5 履行承诺 2026-Q3", "5-1 逾期未兑现承诺 2026-Q3", "6 重复纠纷 2026-Q3", "7 被申请机关 2026-Q3",
    ]);
    const cover = wb.worksheets[0];
    expect(cover.getCell("A1").value).toBe("府院联席会议材料（2026年第三季度）");
    expect(cover.getCell("B5").value).toBe("2026年10月15日 09:30");
    const success = wb.getWorksheet("2 调解成功率 2026-Q3")!;
    const tuling = success.getColumn(1).values.findIndex((v) => v === "涂岭镇");
    expect(success.getRow(tuling).getCell(5).value).toBeCloseTo(2 / 12, 6);
    expect(success.getRow(tuling).getCell(5).numFmt).toBe("0.0%");
    expect(success.getRow(tuling).getCell(8).value).toBe("未达标");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    // court outcomes, success rates, confirmation, overdue, commitments, agencies
    expect(charts).toHaveLength(6);
    const xml = await Promise.all(charts.map((f) => zip.file(f)!.async("string")));
    expect(xml.every((x) => x.includes("<c:barChart>"))).toBe(true);
    const rates = xml.find((x) => x.includes("各单位调解成功率"))!;
    expect(rates).toContain("'2 调解成功率 2026-Q3'!$E$");
    expect(rates).toContain('formatCode="0%"');

    const en = path.join(path.dirname(out), "digest-en.xlsx");
    expect((await capture(["--period", "2026-Q3", "--out", en, "--locale=en", "--token", "tj_court"])).code).toBe(0);
    const wbEn = new ExcelJS.Workbook();
    await wbEn.xlsx.load(readFileSync(en) as unknown as ExcelJS.Buffer);
    expect(wbEn.worksheets[0].name).toBe("Contents 2026-Q3");
    expect(wbEn.worksheets[0].getCell("A1").value).toBe("Joint court–government meeting digest (Q3 2026)");
  });

  it("refuses a --locale it does not write with the usage and exit 2", async () => {
    const r = await capture(["--period", "2026-Q3", "--locale", "both", "--token", "tj_court"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--locale");
  });

  it("answers a clerk's token with the Worker's refusal and exit 3, writing no file", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "tiaojie-digest-")), "refused.xlsx");
    const r = await capture(["--period", "2026-Q3", "--out", out, "--token", "tj_clerk"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Role clerk may not use this route");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a period it cannot read, and an unknown option, with the usage and exit 2, asking nothing of the Worker", async () => {
    const before = seen.length;
    const bad = await capture(["--period", "2026-Q5", "--token", "tj_court"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("2026-Q2");
    const unknown = await capture(["--period", "2026-Q3", "--pages", "3", "--token", "tj_court"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("用法 Usage: tiaojie digest");
    expect(seen.length).toBe(before);
  });

  it("is listed by tiaojie --help and prints its usage on --help with exit 0", () => {
    const all = tiaojie(["--help"]);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("digest --period 2026-Q3 [--json] [--out FILE.xlsx]");
    const one = tiaojie(["digest", "--help"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("府院联席会议材料");
  });
});
