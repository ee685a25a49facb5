import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { reportStub } from "../support/report-stub.ts";
import { run } from "../../cli/commands/stats.ts";
import { figures, sampleStats } from "../fixtures/stats.ts";

const STATS = sampleStats(24);
/** Each period its own figures: the 月报 sums 2026-Q1, 2026-04 and 2026-05 for 本年累计 and compares with 2025-05. */
const RECEIVED: Record<string, number> = { "2026-05": 6, "2026-Q1": 20, "2026-04": 7, "2025-05": 4 };
const { seen, capture } = reportStub({
  run,
  answer: (url) => {
    if (url.startsWith("/api/office-profile")) return { filingUnit: "泉港区司法局", contact: "陈美华", phone: "0595-87771234", version: 1, updatedAt: "2026-05-01T00:00:00Z", updatedBy: null };
    const period = new URL(url, "http://x").searchParams.get("period")!;
    return period === "2026-05" ? STATS : { ...STATS, period, totals: figures(RECEIVED[period] ?? 0, 1, 1) };
  },
  refused: { token: "tj_court", role: "court" },
});
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

  it("writes the cross-tables, the trend and the 月报 as one workbook with native charts, with --out, asking for the spans the 月报 compares", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "stats-")), "stats.xlsx");
    const before = seen.length;
    const r = await capture(["--period", "2026-05", "--group", "zone:北片", "--out", out, "--filer", "泉港区人民政府", "--token", "tj_coord"]);
    expect(r.code).toBe(0);
    // The period, then the year so far (2026-Q1, 2026-04; May itself is not asked twice) and last May, all for the
    // zone; and the office's letterhead for the form.
    const zone = encodeURIComponent("zone:北片");
    expect(seen.slice(before).sort()).toEqual([
      "GET /api/office-profile Bearer tj_coord",
      ...["2025-05", "2026-04", "2026-05", "2026-Q1"].map((p) => `GET /api/stats?period=${p}&group=${zone} Bearer tj_coord`),
    ]);
    const names = ["领域×镇街 2026年5月", "领域×部门 2026年5月", "被申请人×领域 2026年5月", "来源×结果 2026年5月", "阶段×结果 2026年5月", "月度趋势 2026年5月", "月报 2026年5月"];
    expect(r.stdout).toContain(`已写入 Wrote ${out}（7 张工作表 sheets：${names.join("、")}）`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(out) as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(names);

    const t = STATS.tables.domainByUnit;
    const towns = values(wb.worksheets[0]);
    const townTotals = t.cells.map((row) => row.slice(0, 7).reduce((a, b) => a + b, 0));
    expect(towns.find((row) => row[0] === "劳动人事争议")!.slice(0, 9)).toEqual(["劳动人事争议", ...t.cells[4].slice(0, 7), townTotals[4]]);
    const depts = values(wb.worksheets[1]);
    expect(depts.find((row) => row[0] === "合计")!.slice(0, 5)).toEqual(["合计", ...t.colTotals.slice(7), t.total - townTotals.reduce((a, b) => a + b, 0)]);
    // 24 agencies: twenty rows and the other four folded into one, so the sheet still totals 24 + 12.
    const rd = values(wb.worksheets[2]);
    expect(rd.find((row) => row[0] === "其余 4 个机关")!.slice(0, 4)).toEqual(["其余 4 个机关", 2, 4, 6]);
    expect(rd.find((row) => row[0] === "合计")!.slice(0, 4).at(-1)).toBe(36);

    const report = wb.worksheets[6];
    expect(report.pageSetup.orientation).toBe("portrait");
    expect(report.pageSetup.paperSize).toBe(9);
    // exceljs reads a merged area's value into each of its cells: one per area.
    const lines = values(report).map((row) => row.filter((v, i) => v != null && v !== "" && v !== row[i - 1]).join(" "));
    expect(lines[0]).toBe("行政争议调解工作统计月报");
    // --filer before the letterhead's 填报单位; 填表人 and 联系电话 from the letterhead.
    expect(lines[1]).toMatch(/^填报单位：泉港区人民政府（盖章） 填报日期：\d{4}年\d{1,2}月\d{1,2}日$/);
    // The stand-in answers with the district's figures whatever the group; the form says what the answer covers.
    expect(lines[2]).toBe("统计期间：2026年5月 统计范围：全区 单位：件");
    expect(lines.at(-1)).toBe("单位负责人：________ 审核人：________ 填表人：陈美华 联系电话：0595-87771234");
    // 本期 6, 上年同期 4 (+50 %), 本年累计 20 + 7 + 6.
    expect(lines.find((l) => l.startsWith("收案数"))).toBe("收案数 6 4 0.5 33");

    const zip = await JSZip.loadAsync(readFileSync(out));
    const charts = Object.keys(zip.files).filter((f) => /^xl\/charts\/chart\d+\.xml$/.test(f));
    expect(charts).toHaveLength(7);
    const all = await Promise.all(charts.map((f) => zip.file(f)!.async("string")));
    expect(all.filter((x) => x.includes("<c:barChart>"))).toHaveLength(5);
    expect(all.filter((x) => x.includes("<c:lineChart>"))).toHaveLength(2);
    expect(all.join("")).toContain("'领域×镇街 2026年5月'!");
  });

  it("writes every sheet in English with --locale en, and in Chinese only without it", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "stats-"));
    expect((await capture(["--period", "2026-05", "--out", path.join(dir, "en.xlsx"), "--locale", "en", "--token", "tj_coord"])).code).toBe(0);
    const en = new ExcelJS.Workbook();
    await en.xlsx.load(readFileSync(path.join(dir, "en.xlsx")) as unknown as ExcelJS.Buffer);
    expect(en.worksheets.map((w) => w.name).at(-1)).toBe("Monthly report May 2026");
    expect(values(en.worksheets[6])[0][0]).toBe("Administrative dispute mediation: monthly statistics");
    expect(values(en.worksheets[0])[0][0]).toBe("Domain × town/street (May 2026, whole district)");
    expect((await capture(["--period", "2026-05", "--out", path.join(dir, "zh.xlsx"), "--token", "tj_coord"])).code).toBe(0);
    const zh = new ExcelJS.Workbook();
    await zh.xlsx.load(readFileSync(path.join(dir, "zh.xlsx")) as unknown as ExcelJS.Buffer);
    for (const ws of zh.worksheets) {
      const shown = values(ws).flat().filter((v) => typeof v === "string").join("\n");
      expect([ws.name, shown.match(/[A-Za-z]+/g)]).toEqual([ws.name, null]);
    }
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
