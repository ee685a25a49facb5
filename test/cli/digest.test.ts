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

  it("prints a line per section without --out, naming the units clearly below target", async () => {
    const r = await capture(["--period", "2026-q3", "--token", "tj_coordinator"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("府院联席会议材料 Joint-meeting digest 2026-Q3（统计截至 as of 2026-10-15）");
    expect(lines[1]).toContain("收案 5，调解成功 1，调解不成 1");
    expect(lines[2]).toBe("2 调解成功率 success: 全区 district 6/9 = 66.7%（95% 35.4%–87.9%）；法院委派委托 court-referred 1/2 = 50.0%（95% 9.4%–90.5%）");
    expect(lines[3]).toContain("明显低于目标 clearly below target: 涂岭镇 2/12");
    expect(r.stdout).toContain("6 重复纠纷 repeat disputes: 2 件，其中前案为法院案件 1 件");
    expect(seen.at(-1)).toBe("GET /api/digest?period=2026-Q3 Bearer tj_coordinator");
  });

  it("writes the contents sheet and a sheet per section with native bar charts, and reads back with exceljs", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "tiaojie-digest-")), "府院联席.xlsx");
    const r = await capture(["--period", "2026-Q3", "--out", out, "--token", "tj_court"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`已写入 Wrote ${out}（8 张工作表 sheets）\n`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      "目录 2026-Q3", "1 法院委派委托案件 2026-Q3", "2 调解成功率 2026-Q3", "3 司法确认 2026-Q3", "4 超期未结案件 2026-Q3", "5 履行承诺 2026-Q3",
      "6 重复纠纷 2026-Q3", "7 被申请机关 2026-Q3",
    ]);
    const cover = wb.worksheets[0];
    expect(cover.getCell("A1").value).toBe("府院联席会议材料（2026-Q3）");
    expect(cover.getCell("B4").value).toBe("2026-10-15 09:30");
    const success = wb.getWorksheet("2 调解成功率 2026-Q3")!;
    const tuling = success.getColumn(1).values.findIndex((v) => v === "涂岭镇");
    expect(success.getRow(tuling).getCell(5).value).toBeCloseTo(2 / 12, 6);
    expect(success.getRow(tuling).getCell(5).numFmt).toBe("0.0%");
    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    // court outcomes, success rates, confirmation, overdue, commitments, agencies
    expect(charts).toHaveLength(6);
    const xml = await Promise.all(charts.map((f) => zip.file(f)!.async("string")));
    expect(xml.every((x) => x.includes("<c:barChart>"))).toBe(true);
    const rates = xml.find((x) => x.includes("各单位调解成功率"))!;
    expect(rates).toContain("'2 调解成功率 2026-Q3'!$E$");
    expect(rates).toContain('formatCode="0%"');
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
