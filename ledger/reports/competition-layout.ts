/**
 * The zone competition (分片竞赛) as one sheet to print and publish: zone by zone, each zone's towns in zone rank with
 * their district rank beside it, then the towns in no zone. Scores and rates are numbers; the success rate carries
 * the one judgment (ledger/target-judgment.ts) and the note saying what it means. CLI and pane write this layout.
 */
import type { Competition } from "../api/competition.ts";
import type { RankedUnit } from "../api/assessment.ts";
import { judge, JUDGMENT_NOTE, JUDGMENT_TEXT } from "../target-judgment.ts";
import { dayText, periodText } from "./form-text.ts";
import { fitWidths, pct, type Grid, type GridCell, type GridMerge } from "./grid.ts";
import { FILL_IN, filedByLine, type FormOptions } from "./office-lines.ts";

type Locale = "zh-CN" | "en";
const SIGN = FILL_IN;

export function competitionSheetName(period: string, locale: Locale = "zh-CN"): string {
  return locale === "en" ? `Zone competition ${periodText(period, "en")}` : `分片竞赛 ${periodText(period)}`;
}

export type CompetitionLayoutOptions = FormOptions;

export function competitionLayout(c: Competition, locale: Locale, o: CompetitionLayoutOptions): Grid {
  const en = locale === "en";
  const t = (zh: string, eng: string) => (en ? eng : zh);
  const colon = en ? ": " : "：";
  const header = [t("片区", "Zone"), t("片区名次", "Zone rank"), t("全区名次", "District rank"), t("单位", "Unit"), t("综合得分", "Score"),
    t("调解成功率", "Success rate"), t("成功 分子/分母", "Success n/N"), t("成功率判定", "Success judgment"), t("受理率", "Acceptance"), t("受理 分子/分母", "Accepted n/N")];
  const cols = header.length;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"], align?: "center") => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols });
    rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  };
  const rate = (u: RankedUnit, k: "success" | "acceptance"): GridCell[] => {
    const i = u.indicators[k];
    const value: GridCell = i.rate === null ? { v: null, style: "cell" } : { v: i.rate, format: "0.0%", shown: pct(i.rate), style: judge(i, i.target) === "missed" ? "miss" : "cell" };
    return [value, { v: `${i.num}/${i.den}`, style: "cell" }];
  };
  const judgment = (u: RankedUnit): GridCell => {
    const j = judge(u.indicators.success, u.indicators.success.target);
    return { v: j === "none" ? null : en ? JUDGMENT_TEXT[j].en : JUDGMENT_TEXT[j].zh, style: j === "missed" ? "miss" : "cell" };
  };
  const score = (u: RankedUnit): GridCell => (u.score === null ? { v: null, style: "cell" } : { v: u.score, format: "0.0", shown: u.score.toFixed(1), style: "cell" });
  const unranked = t("未参评", "not ranked");
  const unitRow = (zone: string, zoneRank: number | null | "", districtRank: number | null, u: RankedUnit): GridCell[] => {
    const [success, successN] = rate(u, "success");
    return [
      { v: zone, style: "cell", align: "left" }, { v: zoneRank === null ? unranked : zoneRank === "" ? null : zoneRank, style: "cell" },
      { v: districtRank ?? unranked, style: "cell" }, { v: u.unit, style: "cell", align: "left" }, score(u), success, successN, judgment(u), ...rate(u, "acceptance"),
    ];
  };

  line(t(`分片竞赛排名（${periodText(c.period)}）`, `Zone competition, ${periodText(c.period, "en")}`), "title", "center");
  line(filedByLine(o, locale), "subtitle");
  line(`${t("考评期间", "Period")}${colon}${periodText(c.period, locale)}　　${t("统计截至", "As of")}${colon}${dayText(c.asOf, locale)}`, "subtitle");
  const headerRow = rows.length;
  rows.push(header.map((v) => ({ v, style: "header" as const })));
  for (const z of c.zones) {
    for (const u of z.units) rows.push(unitRow(z.zone, u.zoneRank, u.districtRank, u));
    if (z.units.length === 0) rows.push([{ v: z.zone, style: "cell", align: "left" }, ...Array.from({ length: 2 }, () => ({ v: null, style: "cell" as const })),
      { v: t("（无单位）", "(no towns)"), style: "cell", align: "left" }, ...Array.from({ length: cols - 4 }, () => ({ v: null, style: "cell" as const }))]);
  }
  const district = new Map(c.district.map((u) => [u.unit, u]));
  for (const name of c.unzoned) {
    const u = district.get(name);
    if (u) rows.push(unitRow(t("未分片", "No zone"), "", u.rank, u));
  }
  if (c.zones.length === 0) line(t("尚未设置片区：请协调员在“片区”中为各镇（街道）分片后再生成。", "No zones are set yet: the coordinator assigns towns to zones first."), "note");
  line(t("得分与全区考评排名相同（同一权重），片区内按得分排名；同分同名次。", "Scores are the district ranking's (same weights); towns are ranked by score inside their zone; equal scores share a rank."), "note");
  line(en ? JUDGMENT_NOTE.en : JUDGMENT_NOTE.zh, "note");
  return {
    name: competitionSheetName(c.period, locale),
    rows,
    merges,
    widths: fitWidths(rows, merges, { min: 6, max: 24, padding: 2 }),
    // Ten columns read at full size across A4 landscape.
    page: { orientation: "landscape" },
    headerRows: { first: headerRow, last: headerRow },
  };
}
