import { describe, expect, it } from "vitest";
import type { Competition } from "../../../ledger/api/competition.ts";
import { competitionLayout } from "../../../ledger/reports/competition-layout.ts";
import { MIN_PRINT_SCALE, printScale, type Grid } from "../../../ledger/reports/grid.ts";
import { DEFAULT_WEIGHTS } from "../../../worker/assessment/config.ts";
import { emptyCounts } from "../../../worker/assessment/indicators.ts";
import { rankUnits } from "../../../worker/assessment/ranking.ts";

function competition(): Competition {
  const town = (unit: string, num: number, den: number) => {
    const c = emptyCounts();
    c.acceptance = { num: den, den };
    c.success = { num, den };
    return { unit, kind: "town" as const, counts: c };
  };
  const district = rankUnits([town("山腰街道", 45, 50), town("南埔镇", 15, 20), town("界山镇", 9, 20), town("峰尾镇", 60, 64)], DEFAULT_WEIGHTS);
  const zone = (name: string, units: string[]) => ({ zone: name, units: district.filter((u) => units.includes(u.unit)).map((u, i) => ({ ...u, zoneRank: i + 1, districtRank: u.rank })) });
  return { period: "2026-Q3", asOf: "2026-09-30", method: "wilson-lower", weights: DEFAULT_WEIGHTS, zones: [zone("北片", ["山腰街道", "界山镇"]), zone("南片", ["南埔镇"])], unzoned: ["峰尾镇"], district };
}

const texts = (g: Grid) => g.rows.flatMap((r) => r.map((c) => c.v)).filter((v): v is string => typeof v === "string");
const row = (g: Grid, unit: string) => g.rows.find((r) => r[3]?.v === unit)!;

describe("the zone competition sheet", () => {
  const g = competitionLayout(competition(), "zh-CN", { filedOn: "2026-10-09", office: { filingUnit: "泉港区司法局", contact: "郑敏", phone: "0595-1234567" } });

  it("names the filing office and the day, and the period as a form writes it", () => {
    expect(g.name).toBe("分片竞赛 2026年第三季度");
    expect(texts(g)).toContain("填报单位：泉港区司法局　　填报日期：2026年10月9日");
    expect(texts(g)).toContain("考评期间：2026年第三季度　　统计截至：2026年9月30日");
  });

  it("stores scores and rates as numbers", () => {
    const r = row(g, "南埔镇");
    expect(typeof r[4].v).toBe("number");
    expect(r[5]).toMatchObject({ v: 0.75, format: "0.0%" });
  });

  it("judges 75 % of 20 not significantly under the target and 45 % of 20 below it, and says what the words mean", () => {
    expect(row(g, "南埔镇")[7].v).toBe("低于目标（差异不显著）");
    expect(row(g, "界山镇")[7]).toMatchObject({ v: "未达标", style: "miss" });
    expect(row(g, "南埔镇")[5].style).toBe("cell");
    expect(texts(g).some((t) => t.startsWith("判定："))).toBe(true);
  });

  it("lists the town in no zone with its district rank", () => {
    expect(row(g, "峰尾镇")[0].v).toBe("未分片");
    expect(row(g, "峰尾镇")[2].v).toBe(1);
  });

  it("writes no English in the Chinese sheet, and an English one when asked", () => {
    for (const t of texts(g)) expect(t).not.toMatch(/[A-Za-z]{2,}/);
    const en = competitionLayout(competition(), "en", { filedOn: "2026-10-09" });
    expect(en.name).toBe("Zone competition Q3 2026");
    expect(texts(en)).toContain("Success judgment");
  });

  it("repeats its header on every printed page and fits A4 at a readable scale", () => {
    expect(g.rows[g.headerRows!.first].every((c) => c.style === "header")).toBe(true);
    expect(printScale(g.widths, g.page!.orientation)).toBeGreaterThanOrEqual(MIN_PRINT_SCALE);
  });
});
