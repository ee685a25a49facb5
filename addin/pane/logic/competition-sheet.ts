/** The Rankings page's zone competition (分片竞赛) as a sheet we own. */
import type { Competition } from "../../../ledger/api/competition.ts";
import type { RankedUnit } from "../../../ledger/api/assessment.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { CellValue, ReportSheet } from "../../hosts/ledger-workbook.ts";

export function competitionSheetName(period: string): string {
  return `分片竞赛 ${period}`;
}

const rateCells = (u: RankedUnit, k: "success" | "acceptance"): CellValue[] => {
  const v = u.indicators[k];
  return [v.rate, `${v.num}/${v.den}`];
};

/**
 * Zone by zone (片区 name order), each zone's towns in zone rank with their district rank beside it, then the towns
 * in no zone (district rank only). Score, success and acceptance with n/N, so a rank can be checked. Zone ranks of 1
 * are filled, so each zone's winner stands out.
 */
export function competitionReport(c: Competition, locale: Locale): ReportSheet {
  const en = locale === "en";
  const headers = en
    ? ["Zone", "Zone rank", "District rank", "Unit", "Composite score", "Success rate", "Success n/N", "Acceptance rate", "Acceptance n/N"]
    : ["片区", "片区名次", "全区名次", "单位", "综合得分", "调解成功率", "成功 分子/分母", "受理率", "受理 分子/分母"];
  const rows: CellValue[][] = [];
  const fills: [number, number, string][] = [];
  for (const z of c.zones) {
    for (const u of z.units) {
      if (u.zoneRank === 1) fills.push([rows.length, 1, "#C6EFCE"]);
      rows.push([z.zone, u.zoneRank ?? (en ? "unranked" : "未参评"), u.districtRank, u.unit, u.score, ...rateCells(u, "success"), ...rateCells(u, "acceptance")]);
    }
  }
  const district = new Map(c.district.map((u) => [u.unit, u]));
  for (const name of c.unzoned) {
    const u = district.get(name);
    if (u) rows.push([en ? "(no zone)" : "未分片", null, u.rank, u.unit, u.score, ...rateCells(u, "success"), ...rateCells(u, "acceptance")]);
  }
  return {
    name: competitionSheetName(c.period),
    tableName: `TiaojieCompetition_${c.period.replace(/-/g, "_")}`,
    headers,
    rows,
    fills,
    numberFormats: { 4: "0.0", 5: "0.0%", 7: "0.0%" },
  };
}
