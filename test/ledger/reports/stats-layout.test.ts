import { describe, expect, it } from "vitest";
import type { Stats } from "../../../ledger/api/stats.ts";
import { DOMAINS } from "../../../ledger/choices.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { RESPONDENT_ROWS, statsLayouts } from "../../../ledger/reports/stats-layout.ts";
import { crossTable, figures, sampleStats, STATS_UNITS } from "../../fixtures/stats.ts";

const text = (g: Grid) => g.rows.map((r) => r.map((c) => c.v ?? "").join("|")).join("\n");
const row = (g: Grid, first: string) => g.rows.find((r) => r[0]?.v === first)?.map((c) => c.v);
const header = (g: Grid) => g.rows[g.headerRows!.first].map((c) => c.v);
const sheet = (grids: Grid[], name: string) => grids.find((g) => g.name.startsWith(name))!;
/** Every word a sheet shows of its own: cells, sheet name, chart titles. */
const words = (g: Grid) => [g.name, text(g), ...(g.charts ?? []).map((c) => c.title)].join("\n");

/** A district of 7 towns and `departments` departments, each department with cases in one domain, the last with none. */
function district(departments: number): Stats {
  const s = sampleStats();
  const towns = STATS_UNITS.slice(0, 7);
  const depts = Array.from({ length: departments }, (_, i) => `区第${i + 1}局`);
  const units = [...towns, ...depts];
  const cells = DOMAINS.map((_, i) => units.map((_, j) => (j === units.length - 1 ? 0 : (i + j) % 3 === 0 ? 2 : 0)));
  return { ...s, units, towns, tables: { ...s.tables, domainByUnit: crossTable("received", DOMAINS, units, cells) } };
}

describe("诉源分析 sheets", () => {
  it("prints domain × unit as a towns' sheet and a departments' sheet, each with its own totals", () => {
    const s = sampleStats();
    const grids = statsLayouts(s, "zh-CN");
    expect(grids.map((g) => g.name)).toEqual(["领域×镇街 2026年5月", "领域×部门 2026年5月", "被申请人×领域 2026年5月", "来源×结果 2026年5月", "阶段×结果 2026年5月", "月度趋势 2026年5月"]);
    const towns = grids[0];
    const depts = grids[1];
    expect(text(towns)).toContain("纠纷领域 × 镇（街道）（2026年5月，全区）");
    expect(header(towns)).toEqual(["纠纷领域", ...s.towns, "合计"]);
    expect(header(depts)).toEqual(["纠纷领域", "区人社局", "区住建局", "区自然资源局", "合计"]);
    const t = s.tables.domainByUnit;
    const townTotal = (i: number) => t.cells[i].slice(0, 7).reduce((a, b) => a + b, 0);
    expect(row(towns, "劳动人事争议")).toEqual(["劳动人事争议", ...t.cells[4].slice(0, 7), townTotal(4)]);
    // The two sheets' 合计 add up to the district's.
    expect((row(towns, "合计")!.at(-1) as number) + (row(depts, "合计")!.at(-1) as number)).toBe(t.total);
  });

  it("leaves out the units that received nothing and names them, so no column is all zeros", () => {
    const grids = statsLayouts(district(5), "zh-CN");
    const depts = sheet(grids, "领域×部门");
    expect(header(depts)).not.toContain("区第5局");
    expect(text(depts)).toContain("本期无收案、未列出的单位：区第5局。");
    for (const g of grids.slice(0, 2)) {
      const h = g.headerRows!.first;
      const totals = row(g, "合计")!;
      g.rows[h].forEach((_, c) => c > 0 && expect([g.name, c, totals[c]]).not.toEqual([g.name, c, 0]));
    }
  });

  it("says so when no town received a case, and draws no chart of zeros", () => {
    const s = district(3);
    const t = s.tables.domainByUnit;
    const cells = t.cells.map((r) => r.map((n, j) => (j < 7 ? 0 : n)));
    const grids = statsLayouts({ ...s, tables: { ...s.tables, domainByUnit: crossTable("received", t.rows, t.cols, cells) } }, "zh-CN");
    const towns = grids[0];
    expect(text(towns)).toContain("本期镇（街道）均无收案。");
    expect(header(towns)).toEqual(["纠纷领域", "合计"]);
    expect(towns.charts).toEqual([]);
  });

  it("splits forty departments over sheets that each print at a readable size, each with its subtotal", () => {
    const grids = statsLayouts(district(41), "zh-CN");
    const depts = grids.filter((g) => g.name.startsWith("领域×部门"));
    expect(depts.length).toBeGreaterThan(1);
    expect(depts[0].name).toBe("领域×部门（1） 2026年5月");
    expect(text(depts[0])).toContain(`区直部门共 ${depts.length} 张表，本表为第 1 张`);
    expect(header(depts[0]).at(-1)).toBe("小计");
    // Every department with a case is on exactly one sheet.
    const shown = depts.flatMap((g) => header(g).slice(1, -1));
    expect(shown).toEqual(Array.from({ length: 40 }, (_, i) => `区第${i + 1}局`));
  });

  it("prints every sheet on A4 landscape at a readable scale, its header row repeated and the label column frozen", () => {
    for (const s of [sampleStats(25), district(17), district(41)]) {
      for (const locale of ["zh-CN", "en"] as const) {
        for (const g of statsLayouts(s, locale)) {
          expect([g.name, g.page]).toEqual([g.name, { orientation: "landscape" }]);
          expect([g.name, printScale(g.widths, "landscape") >= MIN_PRINT_SCALE]).toEqual([g.name, true]);
          expect(g.frozenCols).toBe(1);
          const { first, last } = g.headerRows!;
          expect(first).toBe(last);
          expect(g.rows[first].every((c) => c.style === "header")).toBe(true);
          // Nothing, chart included, lies right of the columns the sheet sets: what prints is what was measured.
          expect(Math.max(...g.rows.map((r) => r.length))).toBeLessThanOrEqual(g.widths.length);
          for (const c of g.charts ?? []) expect(c.at.col + c.at.cols).toBeLessThanOrEqual(g.widths.length);
        }
      }
    }
  });

  it("draws charts that read true: numbers only in their ranges, every category named, no empty series, outcomes stacked", () => {
    for (const g of [...statsLayouts(sampleStats(25), "zh-CN"), ...statsLayouts(district(17), "en")]) {
      for (const c of g.charts ?? []) {
        for (let r = c.firstRow; r <= c.lastRow; r++) {
          expect(typeof g.rows[r][c.labelCol].v).toBe("string");
          expect(g.rows[r][c.labelCol].v).not.toBe("");
          for (let col = c.firstValueCol; col <= c.lastValueCol; col++) expect([g.name, c.title, r, col, g.rows[r][col].v === null || typeof g.rows[r][col].v === "number"]).toEqual([g.name, c.title, r, col, true]);
        }
        for (let col = c.firstValueCol; col <= c.lastValueCol; col++) {
          const values = Array.from({ length: c.lastRow - c.firstRow + 1 }, (_, i) => g.rows[c.firstRow + i][col].v as number | null);
          expect([g.name, c.title, col, values.some((v) => v !== null && v !== 0)]).toEqual([g.name, c.title, col, true]);
        }
      }
    }
    const grids = statsLayouts(sampleStats(), "zh-CN");
    const so = sheet(grids, "来源×结果");
    expect(so.charts!.map((c) => c.kind)).toEqual(["stackedBar"]);
    expect(sheet(grids, "阶段×结果").charts!.map((c) => c.kind)).toEqual(["stackedBar"]);
    expect(sheet(grids, "领域×镇街").charts![0]).toMatchObject({ kind: "bar", title: "各领域收案数（镇（街道））" });
  });

  it("leaves out an outcome no case had, naming it, so the stacked chart has no empty series", () => {
    const s = sampleStats();
    const t = s.tables.sourceByOutcome;
    const cells = t.cells.map((r) => r.map((n, j) => (j === 4 ? 0 : n)));
    const so = sheet(statsLayouts({ ...s, tables: { ...s.tables, sourceByOutcome: crossTable("concluded", t.rows, t.cols, cells) } }, "zh-CN"), "来源×结果");
    expect(header(so)).toEqual(["案件来源", "调解成功", "调解不成", "终止", "撤回", "合计"]);
    expect(text(so)).toContain("本期无此结果的案件、未列出：移送裁判。");
  });

  it("folds respondent agencies beyond the first twenty into one row, so the table still adds up", () => {
    const rd = sheet(statsLayouts(sampleStats(25), "zh-CN"), "被申请人×领域");
    const labels = rd.rows.map((r) => r[0]?.v);
    expect(labels).toContain(`机关${RESPONDENT_ROWS - 1}`);
    expect(labels).not.toContain(`机关${RESPONDENT_ROWS}`);
    expect(row(rd, "其余 5 个机关")).toEqual(["其余 5 个机关", 2, 5, 7]);
    expect(row(rd, "合计")!.at(-1)).toBe(25 + 12);
  });

  it("writes the trend's months as forms do, a month without a rate as a gap, and lines of 收案 and 办结 and of the rate", () => {
    const s = sampleStats();
    const trend = statsLayouts({ ...s, trend: s.trend.map((m, i) => (i === 0 ? { ...m, ...figures(3), month: m.month } : m)) }, "zh-CN").at(-1)!;
    expect(trend.name).toBe("月度趋势 2026年5月");
    expect(row(trend, "2026年5月")).toEqual(["2026年5月", 5, 5, 5, 4, 1, 1, 0.8]);
    expect(row(trend, "2025年6月")!.at(-1)).toBeNull();
    expect(trend.charts!.map((c) => [c.kind, c.title, c.valueFormat])).toEqual([["line", "收案与办结", undefined], ["line", "调解成功率", "0%"]]);
    const [flows] = trend.charts!;
    expect(trend.rows[flows.headerRow].slice(flows.firstValueCol, flows.lastValueCol + 1).map((c) => c.v)).toEqual(["收案", "办结"]);
  });

  it("writes Chinese sheets in Chinese only and English sheets in English, keeping the ledger's own words", () => {
    for (const g of statsLayouts(district(17), "zh-CN")) expect([g.name, words(g).match(/[A-Za-z]+/g)]).toEqual([g.name, null]);
    const en = statsLayouts(district(17), "en");
    expect(en.map((g) => g.name)).toEqual(["Domain × town May 2026", "Domain × department May 2026", "Respondent × domain May 2026", "Source × outcome May 2026", "Stage × outcome May 2026", "Trend May 2026"]);
    for (const g of en) {
      // The title, the notes and the header's own words: no Chinese but the units', domains' and outcomes' names.
      const own = [g.name, String(g.rows[0][0].v), g.rows[g.headerRows!.first][0].v, ...(g.charts ?? []).map((c) => c.title)].join(" ");
      expect([g.name, own.match(/[\u4e00-\u9fff]/)]).toEqual([g.name, null]);
    }
    expect(row(en[0], "Total")).toBeDefined();
    expect(row(en[0], "征地拆迁")).toBeDefined();
  });
});
