/**
 * The rankings sheet (考评排名) that explains itself: a title line with the period and the as-of day, then towns and
 * departments as two separately ranked tables, one row per unit; per indicator a group of columns under a
 * two-level header (indicator over 分子/分母, 比率, 区间, 权重, 得分), and below, what each indicator counts.
 * Points = weight actually used × the rate scored (the lower 95 % bound) × 100, so a row can be checked by hand.
 */
import type { Rankings, RankedUnit } from "../api/assessment.ts";
import { INDICATOR_KEYS, INDICATORS, type IndicatorKey } from "../api/indicators.ts";
import { fitWidths, pct, say, type Grid, type GridCell, type GridMerge, type SheetLocale } from "./grid.ts";

export function rankingsSheetName(period: string): string {
  return `考评排名 ${period}`;
}

const KIND = { town: { zh: "镇（街道）", en: "Towns/streets" }, department: { zh: "区直部门", en: "Departments" } } as const;
const METHOD = {
  "wilson-lower": { zh: "按 95% 区间下限计分（小样本不占便宜）", en: "scored at the lower 95 % bound (few cases cannot win on luck)" },
  shrinkage: { zh: "按向全区均值收缩后的比率计分", en: "scored at the rate shrunk toward the district's" },
} as const;
/** Columns per indicator, and the three before them. */
export const PER_INDICATOR = 5;
export const LEADING = 3;

const round1 = (x: number) => Math.round(x * 10) / 10;
const count = (x: number) => String(round1(x));

function indicatorCells(k: IndicatorKey, u: RankedUnit): GridCell[] {
  const i = u.indicators[k];
  const review = k === "review";
  if (i.rate === null) {
    return [{ v: `${count(i.num)}/${count(i.den)}`, style: "cell" }, { v: "—", style: "cell" }, { v: null, style: "cell" }, { v: 0, style: "cell", format: "0.0", shown: "0.0" }, { v: "—", style: "cell" }];
  }
  const rate: GridCell = review
    ? { v: round1(i.rate * 100), format: "0.0", shown: (i.rate * 100).toFixed(1) }
    : { v: i.rate, format: "0.0%", shown: pct(i.rate) };
  const interval = i.low === null || i.high === null ? null
    : review ? `${(i.low * 100).toFixed(1)}–${(i.high * 100).toFixed(1)}` : `${(i.low * 100).toFixed(1)}–${pct(i.high)}`;
  return [
    { v: `${count(i.num)}/${count(i.den)}`, style: "cell" },
    { ...rate, style: i.meetsTarget === false ? "miss" : "cell" },
    { v: interval, style: "cell" },
    // effectiveWeight is the share (0–1) the score used; shown on the weights' 0–100 scale.
    { v: round1(i.effectiveWeight * 100), style: "cell", format: "0.0", shown: (i.effectiveWeight * 100).toFixed(1) },
    { v: round1(i.points), style: "cell", format: "0.0", shown: i.points.toFixed(1) },
  ];
}

export function rankingsLayout(r: Rankings, locale: SheetLocale): Grid {
  const t = (zh: string, en: string) => say(locale, zh, en);
  // Header cells put the English under the Chinese: a column is as wide as its longest line.
  const h = (zh: string, en: string) => say(locale, zh, en, "\n");
  const name = (k: IndicatorKey) => (locale === "en" ? INDICATORS[k].en : INDICATORS[k].zh);
  const width = LEADING + INDICATOR_KEYS.length * PER_INDICATOR;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };

  line(t(`行政争议调解工作考评排名（${r.period}）`, `Mediation assessment rankings ${r.period}`), "title");
  const weights = INDICATOR_KEYS.map((k) => `${name(k)} ${r.weights[k]}`).join(locale === "en" ? ", " : "、");
  const source = r.weightsSource === "period" ? t("本期设定", "set for the period") : t("默认", "default");
  line(t(`考评期间：${r.period}　统计截至：${r.asOf}　权重（${source}）：${weights}　${METHOD[r.method].zh}`,
    `Period: ${r.period}  As of: ${r.asOf}  Weights (${source}): ${weights}  ${METHOD[r.method].en}`), "subtitle");
  rows.push([]);

  for (const kind of ["town", "department"] as const) {
    const units = r.units.filter((u) => u.kind === kind)
      .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, "zh-CN"));
    if (units.length === 0) continue;
    line(t(`${KIND[kind].zh}（${units.filter((u) => u.rank !== null).length} 个参评，分别排名）`, `${KIND[kind].en} (${units.filter((u) => u.rank !== null).length} ranked, on their own)`), "heading");
    const top = rows.length;
    const lead = [h("排名", "Rank"), h("单位", "Unit"), h("综合得分", "Score")];
    const groupRow: GridCell[] = lead.map((v) => ({ v, style: "header" }));
    const subRow: GridCell[] = lead.map(() => ({ v: null, style: "header" }));
    lead.forEach((_, c) => merges.push({ row: top, col: c, rows: 2, cols: 1 }));
    INDICATOR_KEYS.forEach((k, i) => {
      const col = LEADING + i * PER_INDICATOR;
      merges.push({ row: top, col, rows: 1, cols: PER_INDICATOR });
      groupRow.push({ v: locale === "both" ? `${INDICATORS[k].zh} ${INDICATORS[k].en}` : name(k), style: "header" }, ...Array.from({ length: PER_INDICATOR - 1 }, () => ({ v: null, style: "header" as const })));
      subRow.push(
        { v: h("分子/分母", "n/N"), style: "header" }, { v: h("比率", k === "review" ? "Mean" : "Rate"), style: "header" },
        { v: h("95%区间", "95% CI"), style: "header" }, { v: h("权重", "Weight"), style: "header" }, { v: h("得分", "Points"), style: "header" },
      );
    });
    rows.push(groupRow, subRow);
    for (const u of units) {
      rows.push([
        { v: u.rank ?? t("未参评", "n/a"), style: "cell" },
        { v: u.unit, style: "cell", align: "left" },
        u.score === null ? { v: "—", style: "cell" } : { v: u.score, style: "cell", format: "0.0", shown: u.score.toFixed(1) },
        ...INDICATOR_KEYS.flatMap((k) => indicatorCells(k, u)),
      ]);
    }
    rows.push([]);
  }

  line(t("指标口径", "What each indicator counts"), "heading");
  for (const k of INDICATOR_KEYS) {
    const d = INDICATORS[k];
    line(locale === "en" ? `${d.en}: ${d.definitionEn}` : locale === "both" ? `${d.zh}：${d.definitionZh}　${d.en}: ${d.definitionEn}` : `${d.zh}：${d.definitionZh}`, "note");
  }
  for (const [zh, en] of [
    ["红色为未达目标（受理率 ≥ 97%，调解成功率 ≥ 80%）。", "Red: target missed (acceptance ≥ 97 %, success ≥ 80 %)."],
    ["得分 = 权重 × 计分比率（95% 区间下限）× 100；权重为实际使用的权重：某项无数据（—）时其权重按比例分给其余各项。", "Points = weight × the rate scored (lower 95 % bound) × 100; the weight shown is the one used: a missing indicator's (—) goes to the others in proportion."],
    ["评查得分的分子为得分合计、分母为 100 × 评查件数，比率为平均分。同分同名次，其后名次顺延（1、2、2、4）。", "Review: n = points scored, N = 100 × reviews, the mean is the score. Equal scores share a rank (1, 2, 2, 4)."],
  ] as const) line(t(zh, en), "note");

  return {
    name: rankingsSheetName(r.period),
    rows,
    merges,
    widths: fitWidths(rows, merges, { min: 5, max: 40, padding: 1.5 }),
  };
}
