// The rankings as the pane and `tiaojie rankings --out` both write them: per kind a summary and a long detail, on A4.
import { describe, expect, it } from "vitest";
import { rankingsLayout, rankingsSheetName } from "../../../ledger/reports/rankings-layout.ts";
import { MIN_PRINT_SCALE, printScale, type Grid, type GridCell } from "../../../ledger/reports/grid.ts";
import { JUDGMENT_NOTE } from "../../../ledger/target-judgment.ts";
import { districtRankings, rankingsFixture } from "../../fixtures/rankings.ts";

const text = (c: GridCell | undefined) => (c?.v == null ? "" : String(c.v));
const column = (g: Grid, header: string) => g.rows[g.headerRows!.first].findIndex((c) => c.v === header);
const body = (g: Grid) => g.rows.slice(g.headerRows!.last + 1).filter((r) => r.length > 1);
const rowOf = (g: Grid, unit: string, indicator?: string) =>
  body(g).find((r) => r[1]?.v === unit && (indicator === undefined || r[3]?.v === indicator))!;

describe("the rankings sheets", () => {
  const r = districtRankings();
  const zh = rankingsLayout(r, "zh-CN");
  const en = rankingsLayout(r, "en");
  const units = new Set(r.units.map((u) => u.unit));

  it("give towns and departments each a summary and a detail sheet, named in Chinese within Excel's 31 characters", () => {
    expect(zh.map((g) => g.name)).toEqual(["考评排名（镇街） 2026年第三季度", "得分明细（镇街） 2026年第三季度", "考评排名（部门） 2026年第三季度", "得分明细（部门） 2026年第三季度"]);
    expect(en.map((g) => g.name)).toEqual(["Rankings (towns) Q3 2026", "Scores (towns) Q3 2026", "Rankings (departments) Q3 2026", "Scores (departments) Q3 2026"]);
    for (const g of [...zh, ...en]) expect(g.name).toMatch(/^[^[\]:*?/\\]{1,31}$/);
    expect(rankingsSheetName("2026-05", "department", "detail")).toBe("得分明细（部门） 2026年5月");
    expect(zh[0].rows[0][0].v).toBe("2026年第三季度镇（街道）行政争议调解工作考评排名");
  });

  it("print on A4 at a readable scale for 12 towns and 20 departments, in both languages and with a long unit name", () => {
    const long = { ...r, units: r.units.map((u, i) => (i === 12 ? { ...u, unit: "泉港区市场监督管理局南埔镇分局第一执法大队" } : u)) };
    for (const g of [...zh, ...en, ...rankingsLayout(long, "zh-CN"), ...rankingsLayout(long, "en")]) {
      expect(g.page?.orientation).toBe("landscape");
      expect(printScale(g.widths, "landscape"), g.name).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
    }
  });

  it("repeat their two header rows on every page, and freeze rank and unit", () => {
    for (const g of [...zh, ...en]) {
      const { first, last } = g.headerRows!;
      expect(last - first).toBe(1);
      for (let row = first; row <= last; row++) expect(g.rows[row].every((c) => c.style === "header"), `${g.name} row ${row}`).toBe(true);
      expect(g.rows[first - 1].every((c) => c.style !== "header")).toBe(true);
      expect(g.rows[last + 1].every((c) => c.style === "cell" || c.style === "miss")).toBe(true);
      expect(g.frozenCols).toBe(2);
    }
    expect(zh[0].rows[zh[0].headerRows!.first].slice(0, 4).map(text)).toEqual(["排名", "单位", "综合得分", "受理率"]);
    expect(zh[0].rows[zh[0].headerRows!.last].slice(3, 9).map(text)).toEqual(["比率", "判定", "得分", "比率", "判定", "得分"]);
    expect(zh[1].rows[zh[1].headerRows!.first].map(text)).toEqual(["排名", "单位", "综合得分", "指标", "分子", "分母", "比率", "95% 区间", "", "目标", "判定", "权重", "得分"]);
  });

  it("keep each unit's seven detail rows on one printed page", () => {
    const detail = zh[3];
    const rows = detail.rows.map((row, i) => ({ unit: text(row[1]), i })).filter((x) => units.has(x.unit));
    expect(rows).toHaveLength(20 * 7);
    expect(detail.breaksBefore!.length).toBeGreaterThan(2);
    for (const b of detail.breaksBefore!) {
      const before = rows.find((x) => x.i === b - 1)!;
      expect(before.unit).not.toBe(text(detail.rows[b][1]));
    }
  });

  it("show Chinese only, with no code, except the unit names people typed", () => {
    for (const g of zh) for (const row of g.rows) for (const c of row) {
      if (units.has(text(c))) continue;
      expect(text(c), g.name).not.toMatch(/[A-Za-z]/);
    }
    for (const g of en) for (const row of g.rows) for (const c of row) {
      if (units.has(text(c))) continue;
      // 诉前 is the value of the ledger's 所处阶段 column, named as clerks type it.
      expect(text(c).replace("stage 诉前", "stage"), g.name).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("write every figure as a number in its format, never as text", () => {
    for (const g of zh) for (const row of body(g)) for (const c of row.slice(2)) {
      if (typeof c.v === "number") expect(c.format, g.name).toMatch(/^0/);
      else expect(text(c)).not.toMatch(/^[\d.,/%–-]+$/);
    }
    const market = rowOf(zh[3], "区市场监督管理局", "受理率");
    expect(market.slice(4, 10).map((c) => c.v)).toEqual([97_522, 100_000, 0.97522, expect.any(Number), expect.any(Number), 0.97]);
    expect(market[9].format).toBe("0%");
  });

  it("judge each rate once: 未达标 in red only when the whole interval lies below the target, and say what that means", () => {
    const [, , summary, detail] = zh;
    const tax = rowOf(detail, "区税务局", "调解成功率");
    expect([tax[6].v, text(tax[10])]).toEqual([0.4, "未达标"]);
    expect([tax[6].style, tax[10].style]).toEqual(["miss", "miss"]);
    const below = body(detail).find((row) => row[10].v === "低于目标（差异不显著）")!;
    expect([below[6].style, below[10].style]).toEqual(["cell", "cell"]);
    const rate = column(summary, "调解成功率");
    const taxRow = rowOf(summary, "区税务局");
    expect([taxRow[rate].style, taxRow[rate + 1].v, taxRow[rate + 1].style]).toEqual(["miss", "未达标", "miss"]);
    // Red nowhere else: every red cell on every sheet belongs to a 未达标.
    for (const g of zh) for (const row of body(g)) {
      if (row.some((c) => c.style === "miss")) expect(row.some((c) => c.v === "未达标"), `${g.name} ${text(row[1])}`).toBe(true);
    }
    for (const g of zh) expect(g.rows.some((row) => row[0]?.v === JUDGMENT_NOTE.zh), g.name).toBe(true);
    for (const g of en) expect(g.rows.some((row) => row[0]?.v === JUDGMENT_NOTE.en), g.name).toBe(true);
  });

  it("leave out an indicator no unit of the kind has data for, and say so", () => {
    const [townSummary, , deptSummary] = rankingsLayout(rankingsFixture(), "zh-CN");
    const header = (g: Grid) => g.rows[g.headerRows!.first].map(text);
    expect(header(deptSummary)).not.toContain("按期办结率");
    expect(deptSummary.rows.some((row) => text(row[0]) === "按期办结率、承诺兑现率、诉前化解率、台账规范率、评查得分：本期区直部门均无数据，未列出。")).toBe(true);
    expect(header(townSummary)).toContain("评查得分");
  });

  it("give the period, the as-of day and the weights as forms write them, and leave the filing lines to fill by hand", () => {
    const g = zh[0];
    expect(text(g.rows[2][0])).toContain("统计截至：2026年10月1日");
    expect(text(g.rows[2][0])).toContain("权重（默认）：受理率 20");
    expect(text(g.rows[1][0])).toMatch(/^填报单位：＿+/);
    expect(g.rows.some((row) => text(row[0]).startsWith("单位负责人："))).toBe(true);
    const filed = rankingsLayout(r, "zh-CN", { office: { filingUnit: "泉港区行政争议调解中心", contact: "陈晓", phone: "0595-87000000" } })[0];
    expect(text(filed.rows[1][0])).toMatch(/^填报单位：泉港区行政争议调解中心/);
    expect(filed.rows.some((row) => text(row[0]).includes("填表人：陈晓") && text(row[0]).includes("联系电话：0595-87000000"))).toBe(true);
  });

  it("writes one summary saying so when no unit was assessed", () => {
    const [only, ...rest] = rankingsLayout({ ...r, units: [] }, "zh-CN");
    expect(rest).toEqual([]);
    expect(only.rows.some((row) => row[0]?.v === "本期没有参评单位。")).toBe(true);
  });
});
