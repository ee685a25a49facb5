import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../../ledger/period.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { mediatorsLayout } from "../../../ledger/reports/mediators-layout.ts";
import { MEDIATOR_STANDARD, mediatorResults, type MediatorCase } from "../../../worker/assessment/mediator-results.ts";

let seq = 0;
const closed = (mediator: string, status: MediatorCase["status"]): MediatorCase => ({
  unit: "山腰街道", caseNo: `C-${++seq}`, mediator, receivedOn: "2026-07-01", accepted: true, status, closedOn: "2026-07-10",
  stage: "诉前", mediationType: "人民调解", commitmentDue: null, commitmentMetOn: null,
});
const cases = [
  ...Array.from({ length: 12 }, () => closed("林志强", "调解成功")),
  ...Array.from({ length: 2 }, () => closed("王芳", "调解成功")), ...Array.from({ length: 8 }, () => closed("王芳", "调解不成")),
  ...Array.from({ length: 3 }, () => closed("庄丽君", "调解成功")), ...Array.from({ length: 1 }, () => closed("庄丽君", "调解不成")),
];
const roster = [{ name: "王芳", unit: "山腰街道", tier: "星牌调解员" }, { name: "林志强", unit: "山腰街道", tier: "星牌调解员" }, { name: "庄丽君", unit: "山腰街道", tier: "金牌调解员" }];
const results = { period: "2026-Q3", asOf: "2026-10-01", standard: MEDIATOR_STANDARD as never, mediators: mediatorResults(roster, cases, [], parsePeriod("2026-Q3"), "2026-10-01") };
const texts = (g: Grid) => g.rows.flatMap((r) => r.map((c) => c.v)).filter((v): v is string => typeof v === "string");

describe("the mediator results sheet", () => {
  const g = mediatorsLayout(results, "zh-CN", { filedOn: "2026-10-09" });
  const header = g.rows[g.headerRows!.first].map((c) => c.v);
  const col = (name: string) => header.indexOf(name);
  const row = (name: string) => g.rows.find((r) => r[2]?.v === name)!;

  it("names the period as forms write it, with 填报单位 and 填报日期", () => {
    expect(g.name).toBe("调解员考评 2026年第三季度");
    expect(texts(g)).toContainEqual(expect.stringMatching(/^填报单位：＿+　　填报日期：2026年10月9日$/));
    expect(texts(g)).toContain("考评期间：2026年第三季度　　统计截至：2026年10月1日　　单位：件");
  });

  it("stores rates and the interval as numbers, and judges the success rate by the one rule with its note", () => {
    expect(row("王芳")[col("调解\n成功率")]).toMatchObject({ v: 0.2, format: "0.0%", style: "miss" });
    expect(typeof row("王芳")[col("95%区间\n上限")].v).toBe("number");
    expect(row("王芳")[col("成功率\n判定")]).toMatchObject({ v: "未达标", style: "miss" });
    // 3 of 4 under 80 %: too few cases to call it a shortfall.
    expect(row("庄丽君")[col("成功率\n判定")]).toMatchObject({ v: "低于目标（差异不显著）", style: "cell" });
    expect(row("林志强")[col("成功率\n判定")].v).toBe("达标");
    expect(texts(g).some((t) => t.startsWith("判定："))).toBe(true);
  });

  it("keeps the standard's own conclusion with the figures behind it, and red only for 未达标", () => {
    expect(row("林志强")[col("考评结论")].v).toBe("达金牌标准");
    expect(row("王芳")[col("考评结论")]).toMatchObject({ v: "落后", style: "cell" });
    expect(String(row("王芳")[col("依据")].v)).toMatch(/^调解成功率 20%（2\/10）/);
  });

  it("leaves the review columns out when nobody was reviewed, and says so", () => {
    expect(header).not.toContain("评查\n平均分");
    expect(texts(g)).toContain("本期没有案件质量评查结果，评查平均分和评查份数两列未列出。");
  });

  it("writes no English in the Chinese sheet and an English sheet when asked", () => {
    for (const t of texts(g)) expect(t).not.toMatch(/[A-Za-z]{2,}/);
    const en = mediatorsLayout(results, "en", { filedOn: "2026-10-09" });
    expect(en.name).toBe("Mediator results Q3 2026");
    expect(en.rows.find((r) => r[2]?.v === "王芳")!.map((c) => c.v)).toContain("Below target");
  });

  it("repeats its header on every printed page, keeps the names in view and fits A4 landscape", () => {
    expect(g.rows[g.headerRows!.first].every((c) => c.style === "header")).toBe(true);
    expect(g.frozenCols).toBe(3);
    expect(printScale(g.widths, "landscape")).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });

  it("shows a tier it has no English name for as it was typed, even one named like an object's own property", () => {
    const odd = { ...results, mediators: results.mediators.map((m) => ({ ...m, tier: "constructor" })) };
    const en = mediatorsLayout(odd, "en", { filedOn: "2026-10-09" });
    expect(en.rows.flat().every((c) => typeof c.v !== "function")).toBe(true);
    expect(texts(en)).toContain("constructor");
  });
});
