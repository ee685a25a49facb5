// The joint-meeting digest's sheets as the pane and the CLI both write them.
import { describe, expect, it } from "vitest";
import { digestLayout, digestSheetName } from "../../../ledger/reports/digest-layout.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { sampleDigest } from "../../fixtures/digest.ts";

const texts = (cells: { v: unknown }[] | undefined) => (cells ?? []).map((c) => c.v);
const rowStarting = (g: Grid, text: string) => g.rows.findIndex((r) => r[0]?.v === text);
const allText = (g: Grid) => g.rows.flatMap((r) => r.map((c) => String(c.v ?? ""))).join("\n");

describe("the joint-meeting digest sheets", () => {
  const grids = digestLayout(sampleDigest(), "zh-CN");

  it("writes a contents sheet first, then one sheet per section, each name a valid Excel sheet name", () => {
    expect(grids.map((g) => g.name)).toEqual([
      "目录 2026-Q3", "1 法院委派委托案件 2026-Q3", "2 调解成功率 2026-Q3", "3 司法确认 2026-Q3", "4 超期未结案件 2026-Q3", "5 履行承诺 2026-Q3",
      "6 重复纠纷 2026-Q3", "7 被申请机关 2026-Q3",
    ]);
    for (const locale of ["zh-CN", "en", "both"] as const) {
      for (const g of digestLayout(sampleDigest(), locale)) {
        expect(g.name.length).toBeLessThanOrEqual(31);
        expect(g.name).not.toMatch(/[[\]:*?/\\]/);
      }
    }
    expect(new Set(grids.map((g) => g.name)).size).toBe(grids.length);
    expect(digestSheetName("confirmation", "2026-05", "en")).toBe("3 Confirmation 2026-05");
  });

  it("tells the court liaison on the contents sheet that its case lists name only court cases, and nobody else", () => {
    const note = "案件清单只列法院委派、委托、诉讼阶段及司法确认案件";
    expect(allText(digestLayout({ ...sampleDigest(), caseLists: "court" }, "zh-CN")[0])).toContain(note);
    expect(allText(grids[0])).not.toContain(note);
  });

  it("says in the court liaison's empty lists how many the district has and that they are not court cases", () => {
    const d = sampleDigest();
    const court = digestLayout({ ...d, caseLists: "court", repeats: { ...d.repeats, cases: [], total: 2, afterCourt: 0 } }, "zh-CN");
    expect(allText(court.find((g) => g.name.startsWith("6 "))!)).toContain("本期重复纠纷 2 件，均不涉及法院案件，本表不列出。");
    const none = digestLayout({ ...d, repeats: { ...d.repeats, cases: [], total: 0, afterCourt: 0 } }, "zh-CN");
    expect(allText(none.find((g) => g.name.startsWith("6 "))!)).toContain("本期没有重复纠纷。");
  });

  it("puts the period, the as-of day, the time made (China time) and the list of sheets on the contents sheet", () => {
    const cover = grids[0];
    expect(cover.rows[0][0].v).toBe("府院联席会议材料（2026-Q3）");
    expect(texts(cover.rows[1]).slice(0, 2)).toEqual(["统计期间", "2026-Q3"]);
    expect(texts(cover.rows[2]).slice(0, 2)).toEqual(["统计截至", "2026-10-15"]);
    expect(texts(cover.rows[3]).slice(0, 2)).toEqual(["生成时间", "2026-10-15 09:30"]);
    const listed = cover.rows.filter((r) => typeof r[0]?.v === "number").map((r) => r[1].v);
    expect(listed).toEqual(grids.slice(1).map((g) => g.name));
    expect(allText(cover)).toContain("姓氏加“某”");
  });

  it("tabulates court-referred outcomes by unit with a total, and draws them as a bar chart over the unit rows", () => {
    const g = grids[1];
    const top = rowStarting(g, "单位");
    expect(texts(g.rows[top])).toEqual(["单位", "收案", "不予受理", "调解中", "调解成功", "调解不成", "撤回", "终止", "移送裁判"]);
    expect(texts(g.rows[top + 2])).toEqual(["山腰街道", 3, 1, 0, 1, 1, 0, 0, 0]);
    expect(texts(g.rows[top + 4])).toEqual(["合计", 5, 1, 0, 1, 1, 1, 0, 1]);
    expect(g.charts).toEqual([expect.objectContaining({ kind: "bar", headerRow: top, firstRow: top + 1, lastRow: top + 3, labelCol: 0, firstValueCol: 2, lastValueCol: 8, seriesIn: "columns" })]);
    expect(allText(g)).toContain("其他来源（立案/审判/执行阶段）");
  });

  it("shows success rates with numerator, denominator and interval, red where the interval is wholly below target, charted in percent", () => {
    const g = grids[2];
    const top = rowStarting(g, "单位");
    const tuling = g.rows.find((r) => r[0]?.v === "涂岭镇")!;
    expect(texts(tuling)).toEqual(["涂岭镇", "镇（街道）", 2, 12, 2 / 12, "4.7%–44.8%", "明显低于目标"]);
    expect(tuling[4].style).toBe("miss");
    expect(tuling[4].format).toBe("0.0%");
    expect(texts(g.rows.find((r) => r[0]?.v === "全区")).slice(2, 6)).toEqual([6, 9, 6 / 9, "35.4%–87.9%"]);
    const chart = g.charts![0];
    expect(chart).toMatchObject({ kind: "bar", valueFormat: "0%", firstValueCol: 4, lastValueCol: 4, headerRow: top, firstRow: top + 1, lastRow: top + 4 });
    for (let r = chart.firstRow; r <= chart.lastRow; r++) expect(typeof g.rows[r][4].v).toBe("number");
  });

  it("lists the confirmation windows still open, red within the warning days", () => {
    const g = grids[3];
    const d2 = g.rows.find((r) => r[1]?.v === "D2")!;
    expect(texts(d2)).toEqual(["区人社局", "D2", "2026-09-20", "2026-10-20", 5, "区人社局", "劳动人事争议", "否"]);
    expect(d2[1].style).toBe("miss");
    expect(g.rows.find((r) => r[1]?.v === "A4")![1].style).toBe("cell");
    expect(texts(g.rows.find((r) => r[0]?.v === "合计"))).toEqual(["合计", 5, 2, 2, 1, 0.4]);
  });

  it("lists overdue cases below their chart, and overdue commitments with what was promised", () => {
    const overdue = grids[4];
    const chart = overdue.charts![0];
    const listHeader = overdue.rows.findIndex((r) => r[1]?.v === "案件编号");
    expect(listHeader).toBeGreaterThan(chart.at.row + chart.at.rows - 1);
    expect(texts(overdue.rows[listHeader + 1])).toEqual(["区人社局", "D4", "2026-05-26", "当事人申请", "诉前", "劳动人事争议", "区人社局", 30, "2026-06-25", 112]);
    const commitments = grids[5];
    expect(String(commitments.rows[3][0].v)).toContain("兑现期限在本期的承诺 3 项：按期兑现 1 项（33.3%");
    expect(texts(commitments.rows.find((r) => r[1]?.v === "A5"))).toEqual(["山腰街道", "A5", "区人社局", "补缴社保", "2026-08-15", 61]);
  });

  it("lists repeat disputes with masked applicants, those after a court case in red", () => {
    const g = grids[6];
    const a6 = g.rows.find((r) => r[1]?.v === "A6")!;
    expect(texts(a6)).toEqual(["山腰街道", "A6", "2026-09-10", "王某", "区住建局", "劳动人事争议", "调解中", "山腰街道", "A1", "2026-07-20", "调解成功", "是"]);
    expect(a6[1].style).toBe("miss");
    expect(g.rows.find((r) => r[1]?.v === "B5")![1].style).toBe("cell");
  });

  it("writes 前案非法院案件 where the court liaison is not given the earlier case, with its details left blank", () => {
    const d = sampleDigest();
    d.caseLists = "court";
    d.repeats.cases[1].previous = null;
    for (const [locale, said, no] of [["zh-CN", "前案非法院案件", "否"], ["en", "Earlier case not the court's", "no"]] as const) {
      const b5 = digestLayout(d, locale)[6].rows.find((r) => r[1]?.v === "B5")!;
      expect(texts(b5)).toEqual(["南埔镇", "B5", "2026-08-20", "卫某", "区人社局", "劳动人事争议", "调解成功", said, null, null, null, no]);
      expect(b5[1].style).toBe("cell");
    }
  });

  it("ranks the respondent agencies with the rest summed, charted by outcome", () => {
    const g = grids[7];
    expect(texts(g.rows.find((r) => r[0]?.v === "区住建局"))).toEqual(["区住建局", 8, 1, 3, 2, 1, 0, 1, 0]);
    expect(texts(g.rows.find((r) => r[0]?.v === "其他机关"))).toEqual(["其他机关", 2, 0, 0, 1, 1, 0, 0, 0]);
    expect(g.charts![0]).toMatchObject({ kind: "bar", lastRow: g.charts![0].firstRow + 2 });
  });

  it("speaks English when Office does, and says so where a section is empty", () => {
    const d = sampleDigest();
    d.repeats = { cases: [], total: 0, afterCourt: 0 };
    const en = digestLayout(d, "en");
    expect(en[0].rows[0][0].v).toBe("Joint court–government meeting digest (2026-Q3)");
    expect(allText(en[6])).toContain("No repeat disputes in this period.");
    expect(texts(en[1].rows[rowStarting(en[1], "Unit")])).toContain("Not accepted");
    expect(en[1].charts![0].title).toBe("Court-referred cases: outcomes by unit");
    expect(en[6].charts).toEqual([]);
  });
});
