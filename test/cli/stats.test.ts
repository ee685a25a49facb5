import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run } from "../../cli/commands/stats.ts";
import { sampleStats } from "../fixtures/stats.ts";

const STATS = sampleStats(24);
const { seen, capture } = reportStub({ run, answer: () => STATS, refused: { token: "tj_court", role: "court" } });
const values = (ws: ExcelJS.Worksheet) => ws.getSheetValues().filter(Boolean).map((v) => (v as unknown[]).slice(1));

describe("tiaojie stats", () => {
  it("prints --json exactly as the Worker answers, asking for the period and the group", async () => {
    const r = await capture(["--period", "2026-05", "--group", "zone:北片", "--json", "--token", "tj_coord"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(STATS);
    expect(seen.at(-1)).toBe(`GET /api/stats?period=2026-05&group=${encodeURIComponent("zone:北片")} Bearer tj_coord`);
  });

  it("prints the period's figures and the top domains and respondents without --json", async () => {
    const r = await capture(["--period", "2026-05", "--token", "tj_coord"]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("诉源分析 Statistics 2026-05（全区，10 个单位 units）");
    expect(lines[1]).toBe("收案 received 6 · 受理 accepted 6 · 办结 concluded 3 · 调解成功 successes 2 · 调解不成功 failures 1 · 在办 open 1 · 成功率 success 66.7%（2/3）");
    expect(lines[2]).toMatch(/^收案最多的领域 top domains: /);
  });

  it("writes the four cross-tables, the trend and the 月报 as one workbook with native charts, with --out", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "stats-")), "stats.xlsx");
    const r = await capture(["--period", "2026-05", "--out", out, "--filer", "泉港区司法局", "--token", "tj_coord"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`已写入 Wrote ${out}（6 张工作表 sheets`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(["领域×单位 2026-05", "被申请人×领域 2026-05", "来源×结果 2026-05", "阶段×结果 2026-05", "月度趋势 2026-05", "月报 2026-05"]);

    const du = values(wb.worksheets[0]);
    const t = STATS.tables.domainByUnit;
    expect(du.find((row) => row[0] === "合计\nTotal")).toEqual(["合计\nTotal", ...t.colTotals, t.total]);
    expect(du.find((row) => row[0] === "劳动人事争议")).toEqual(["劳动人事争议", ...t.cells[4], t.rowTotals[4]]);
    // 24 agencies: twenty rows and the other four folded into one, so the sheet still totals 24 + 12.
    const rd = values(wb.worksheets[1]);
    expect(rd.find((row) => row[0] === "其余 4 个机关 4 other agencies")).toEqual(["其余 4 个机关 4 other agencies", 2, 4, 6]);
    expect(rd.find((row) => row[0] === "合计\nTotal")!.at(-1)).toBe(36);

    const report = wb.worksheets[5];
    expect(report.pageSetup.orientation).toBe("portrait");
    expect(report.pageSetup.paperSize).toBe(9);
    // exceljs reads a merged area's value into each of its cells: one per area.
    const lines = values(report).map((row) => row.filter((v, i) => v != null && v !== "" && v !== row[i - 1]).join(" "));
    expect(lines[0]).toBe("行政争议调解工作统计月报");
    expect(lines[1]).toMatch(/^填报单位：泉港区司法局 填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    expect(lines[2]).toBe("统计期间：2026年5月1日至2026年5月31日 统计范围：全区");
    expect(lines.at(-1)).toBe("审核人：__________ 填表人：__________ 联系电话：__________");
    expect(values(report).find((row) => row[0] === "本期")).toEqual(["本期", 6, 6, 3, 2, 1, 1, 2 / 3]);

    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(6);
    const all = await Promise.all(charts.map((f) => zip.file(f)!.async("string")));
    expect(all.filter((x) => x.includes("<c:barChart>"))).toHaveLength(4);
    expect(all.filter((x) => x.includes("<c:lineChart>"))).toHaveLength(2);
    expect(all.join("")).toContain("'领域×单位 2026-05'!");
  });

  it("writes every sheet in English with --locale en", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "stats-")), "stats-en.xlsx");
    expect((await capture(["--period", "2026-05", "--out", out, "--locale", "en", "--token", "tj_coord"])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(values(wb.worksheets[5])[0][0]).toBe("Administrative dispute mediation: monthly statistics");
    expect(values(wb.worksheets[0])[0][0]).toBe("Domain × unit (2026-05, whole district)");
  });

  it("refuses a missing period, a group it does not know, an unknown option or locale with exit code 2 and the usage, before sending anything", async () => {
    const before = seen.length;
    for (const [args, says] of [
      [[], "需要 --period"],
      [["--period", "2026-13"], "考评期间格式不对"],
      [["--period", "2026-05", "--group", "villages"], "--group 须为 town、department 或 zone:<片区名>"],
      [["--period", "2026-05", "--colour", "red"], "未知选项 Unknown option: --colour"],
      [["--period", "2026-05", "--locale", "fr"], "--locale 须为 zh-CN 或 en"],
    ] as const) {
      const r = await capture([...args, "--token", "tj_coord"]);
      expect([args.join(" "), r.code]).toEqual([args.join(" "), 2]);
      expect(r.stderr).toContain(says);
      expect(r.stderr).toContain("用法 Usage: tiaojie stats");
    }
    expect(seen.length).toBe(before);
  });

  it("refuses a role without access with exit code 3 and the server's message, writing no file", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "stats-")), "no.xlsx");
    const r = await capture(["--period", "2026-05", "--out", out, "--token", "tj_court"]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("Role court may not use this route");
    expect(() => readFileSync(out)).toThrow();
  });
});
