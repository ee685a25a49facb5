/**
 * The rankings (考评排名) as sheets that print on A4: towns and departments are ranked apart, so each kind gets its own
 * pair of sheets — a summary (排名, 单位, 综合得分, per indicator its rate, its judgment where it has a target, and its
 * points) and the detail turned long (one row per unit and indicator: 分子, 分母, 比率, 95% 区间, 目标, 判定, 权重, 得分)
 * whose header repeats on every printed page. Seven indicators of five figures side by side needed A3 at 5–7 pt.
 * Points = weight actually used × the rate scored (the lower 95 % bound) × 100, so a row can be checked by hand.
 */
import type { Rankings, RankedUnit, ScoredIndicator } from "../api/assessment.ts";
import { INDICATOR_KEYS, INDICATORS, type IndicatorKey } from "../api/indicators.ts";
import type { Locale } from "../messages.ts";
import { judge, JUDGMENT_NOTE, JUDGMENT_TEXT, type Judgment } from "../target-judgment.ts";
import { dayText, periodText } from "./form-text.ts";
import { fitWidths, type Grid, type GridCell, type GridMerge } from "./grid.ts";

export type UnitKind = RankedUnit["kind"];
export type RankingsPart = "summary" | "detail";

const KIND = {
  town: { zh: "镇（街道）", en: "towns/streets", short: "镇街", shortEn: "towns" },
  department: { zh: "区直部门", en: "departments", short: "部门", shortEn: "departments" },
} as const;
const PART = { summary: { zh: "考评排名", en: "Rankings" }, detail: { zh: "得分明细", en: "Scores" } } as const;
const METHOD = {
  "wilson-lower": { zh: "按 95% 区间下限计分（件数少不占便宜）", en: "scored at the lower 95 % bound (few cases cannot win on luck)" },
  shrinkage: { zh: "按向全区均值收缩后的比率计分", en: "scored at the rate shrunk toward the district's" },
} as const;

/** "考评排名（镇街） 2026年第三季度": Chinese, within Excel's 31 characters and free of []:*?/\. */
export function rankingsSheetName(period: string, kind: UnitKind, part: RankingsPart = "summary", locale: Locale = "zh-CN"): string {
  const name = locale === "en"
    ? `${PART[part].en} (${KIND[kind].shortEn}) ${periodText(period, "en")}`
    : `${PART[part].zh}（${KIND[kind].short}） ${periodText(period)}`;
  return name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
}

const round1 = (x: number) => Math.round(x * 10) / 10;
/** A count (fractional only where a share of a case counts) as a number with the format it shows in. */
const countCell = (x: number): GridCell => {
  const v = round1(x);
  return { v, style: "cell", format: Number.isInteger(v) ? "0" : "0.0", shown: Number.isInteger(v) ? String(v) : v.toFixed(1) };
};
const fig = (v: number, format: string, shown: string): GridCell => ({ v, style: "cell", format, shown });
/** A rate, or the review's mean score on its 0–100 scale. */
function rateCell(k: IndicatorKey, x: number): GridCell {
  return k === "review" ? fig(round1(x * 100), "0.0", (x * 100).toFixed(1)) : fig(x, "0.0%", `${(x * 100).toFixed(1)}%`);
}
const NONE: GridCell = { v: "—", style: "cell" };

function judgmentOf(i: ScoredIndicator): Judgment {
  return judge({ rate: i.rate, high: i.high }, i.target);
}

export interface RankingsOptions {
  /** The office's letterhead (GET /api/office-profile); lines to fill by hand when absent. */
  office?: { filingUnit: string; contact: string; phone: string };
}

class Sheet {
  rows: GridCell[][] = [];
  merges: GridMerge[] = [];
  readonly width: number;
  constructor(width: number) {
    this.width = width;
  }
  line(text: string, style: GridCell["style"], align?: GridCell["align"]): void {
    this.merges.push({ row: this.rows.length, col: 0, rows: 1, cols: this.width });
    this.rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
  }
  blank(): void {
    this.rows.push([]);
  }
}

function ordered(r: Rankings, kind: UnitKind): RankedUnit[] {
  return r.units.filter((u) => u.kind === kind)
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.unit.localeCompare(b.unit, "zh-CN"));
}

/**
 * The rankings as sheets: for towns, then departments, a summary and its detail (kinds without a unit are left out;
 * a period without any unit gets the towns' summary saying so).
 */
export function rankingsLayout(r: Rankings, locale: Locale, opts: RankingsOptions = {}): Grid[] {
  const kinds = (["town", "department"] as const).filter((k) => r.units.some((u) => u.kind === k));
  if (kinds.length === 0) return [summarySheet(r, "town", locale, opts)];
  return kinds.flatMap((k) => [summarySheet(r, k, locale, opts), detailSheet(r, k, locale)]);
}

function texts(r: Rankings, locale: Locale) {
  const en = locale === "en";
  const t = (zh: string, e: string) => (en ? e : zh);
  const name = (k: IndicatorKey) => (en ? INDICATORS[k].en : INDICATORS[k].zh);
  const period = periodText(r.period, locale);
  const weights = INDICATOR_KEYS.map((k) => `${name(k)} ${r.weights[k]}`).join(en ? ", " : "、");
  const source = r.weightsSource === "period" ? t("本期设定", "set for the period") : t("默认", "default");
  const basis = t(`统计截至：${dayText(r.asOf)}　权重（${source}）：${weights}　${METHOD[r.method].zh}`,
    `As of ${dayText(r.asOf, "en")}. Weights (${source}): ${weights}; ${METHOD[r.method].en}.`);
  return { en, t, name, period, basis };
}

function summarySheet(r: Rankings, kind: UnitKind, locale: Locale, opts: RankingsOptions): Grid {
  const units = ordered(r, kind);
  const { en, t, name, period, basis } = texts(r, locale);
  // An indicator no unit of this kind has data for would be a column of dashes: left out, and said so below.
  const shown = INDICATOR_KEYS.filter((k) => units.some((u) => u.indicators[k].rate !== null));
  const omitted = units.length === 0 ? [] : INDICATOR_KEYS.filter((k) => !shown.includes(k));
  const judged = (k: IndicatorKey) => units.some((u) => u.indicators[k].target !== null);
  const cols = (k: IndicatorKey) => (judged(k) ? 3 : 2);
  const width = 3 + shown.reduce((n, k) => n + cols(k), 0);
  const s = new Sheet(width);
  const ranked = units.filter((u) => u.rank !== null).length;

  s.line(t(`${period}${KIND[kind].zh}行政争议调解工作考评排名`, `Mediation assessment rankings: ${KIND[kind].en}, ${period}`), "title", "center");
  const o = opts.office;
  s.line(t(`填报单位：${o?.filingUnit || "＿＿＿＿＿＿＿＿"}　　参评单位：${ranked} 个（镇街与部门分别排名，同分同名次）`,
    `Filed by: ${o?.filingUnit || "________________"}    Units ranked: ${ranked} (towns and departments ranked apart; equal scores share a rank)`), "subtitle");
  s.line(basis, "subtitle");
  s.blank();

  const top = s.rows.length;
  const lead = [t("排名", "Rank"), t("单位", "Unit"), t("综合得分", "Score")];
  const groupRow: GridCell[] = lead.map((v) => ({ v, style: "header" }));
  const subRow: GridCell[] = lead.map(() => ({ v: null, style: "header" }));
  lead.forEach((_, c) => s.merges.push({ row: top, col: c, rows: 2, cols: 1 }));
  let col = lead.length;
  for (const k of shown) {
    s.merges.push({ row: top, col, rows: 1, cols: cols(k) });
    groupRow.push({ v: name(k), style: "header" }, ...Array.from({ length: cols(k) - 1 }, () => ({ v: null, style: "header" as const })));
    subRow.push({ v: k === "review" ? t("平均分", "Mean") : t("比率", "Rate"), style: "header" });
    if (judged(k)) subRow.push({ v: t("判定", "Judgment"), style: "header" });
    subRow.push({ v: t("得分", "Points"), style: "header" });
    col += cols(k);
  }
  s.rows.push(groupRow, subRow);
  for (const u of units) {
    const cells: GridCell[] = [
      u.rank === null ? { v: t("未参评", "Not ranked"), style: "cell" } : { v: u.rank, style: "cell" },
      { v: u.unit, style: "cell", align: "left" },
      u.score === null ? NONE : fig(u.score, "0.0", u.score.toFixed(1)),
    ];
    for (const k of shown) {
      const i = u.indicators[k];
      const j = judgmentOf(i);
      cells.push(i.rate === null ? NONE : { ...rateCell(k, i.rate), style: j === "missed" ? "miss" : "cell" });
      if (judged(k)) {
        // The long judgment breaks before its bracket so the column stays narrow: 低于目标 /（差异不显著）.
        const words = JUDGMENT_TEXT[j][en ? "en" : "zh"].replace(en ? " (" : "（", en ? "\n(" : "\n（");
        cells.push({ v: words, style: j === "missed" ? "miss" : "cell" });
      }
      cells.push(i.rate === null ? NONE : fig(round1(i.points), "0.0", i.points.toFixed(1)));
    }
    s.rows.push(cells);
  }
  if (units.length === 0) s.line(t("本期没有参评单位。", "No unit was assessed in this period."), "note");
  s.blank();

  const notes: [string, string][] = [
    [JUDGMENT_NOTE.zh, JUDGMENT_NOTE.en],
    ["红色为未达标。得分 = 权重 × 计分比率（95% 区间下限）× 100；某项无数据（—）时其权重按比例分给其余各项。", "Red: below target. Points = weight × the rate scored (lower 95 % bound) × 100; a missing indicator's (—) weight goes to the others in proportion."],
    [`各项的分子、分母、95% 区间、目标和实际权重见“${rankingsSheetName(r.period, kind, "detail")}”工作表。`, `Counts, intervals, targets and the weights used: sheet “${rankingsSheetName(r.period, kind, "detail", "en")}”.`],
  ];
  if (omitted.length > 0) {
    notes.push([`${omitted.map((k) => INDICATORS[k].zh).join("、")}：本期${KIND[kind].zh}均无数据，未列出。`,
      `${omitted.map((k) => INDICATORS[k].en).join(", ")}: no data for any of the ${KIND[kind].en} this period, not shown.`]);
  }
  for (const [zh, e] of notes) s.line(t(zh, e), "note");
  s.blank();
  s.line(t(`单位负责人：＿＿＿＿　　审核人：＿＿＿＿　　填表人：${o?.contact || "＿＿＿＿"}　　联系电话：${o?.phone || "＿＿＿＿＿＿"}　　填报日期：＿＿年＿＿月＿＿日　　（盖章）`,
    `Head of unit: ________    Checked by: ________    Prepared by: ${o?.contact || "________"}    Phone: ${o?.phone || "__________"}    Date: ____________    (Seal)`), "subtitle");

  return {
    name: rankingsSheetName(r.period, kind, "summary", locale),
    rows: s.rows,
    merges: s.merges,
    widths: fitWidths(s.rows, s.merges, { min: 5, max: 24, padding: 1.5 }),
    page: { orientation: "landscape" },
    headerRows: { first: top, last: top + 1 },
    frozenCols: 2,
  };
}

/**
 * Units per printed page of the detail: A4 landscape holds about 32 rows of 15 pt under the two header rows (28 under
 * the title on the first page); four units of seven rows leave room for rows a long name wraps.
 */
const PAGE_UNITS = 4;
const FIRST_PAGE_UNITS = 3;

/** One row per unit and indicator, so the five figures behind each point print under a header that repeats. */
function detailSheet(r: Rankings, kind: UnitKind, locale: Locale): Grid {
  const units = ordered(r, kind);
  const { en, t, name, period, basis } = texts(r, locale);
  const s = new Sheet(13);
  s.line(t(`${period}${KIND[kind].zh}考评得分明细`, `Assessment scores in detail: ${KIND[kind].en}, ${period}`), "title", "center");
  s.line(basis, "subtitle");
  s.blank();

  const top = s.rows.length;
  const single = [t("排名", "Rank"), t("单位", "Unit"), t("综合得分", "Score"), t("指标", "Indicator"), t("分子", "n"), t("分母", "N"), t("比率", "Rate")];
  const after = [t("目标", "Target"), t("判定", "Judgment"), t("权重", "Weight"), t("得分", "Points")];
  const interval = single.length;
  const headTop: GridCell[] = [...single, t("95% 区间", "95% interval"), "", ...after].map((v) => ({ v: v === "" ? null : v, style: "header" as const }));
  const headSub: GridCell[] = headTop.map((_, c) => ({ v: c === interval ? t("下限", "Low") : c === interval + 1 ? t("上限", "High") : null, style: "header" as const }));
  headTop.forEach((_, c) => {
    if (c === interval) s.merges.push({ row: top, col: c, rows: 1, cols: 2 });
    else if (c !== interval + 1) s.merges.push({ row: top, col: c, rows: 2, cols: 1 });
  });
  s.rows.push(headTop, headSub);

  const breaksBefore: number[] = [];
  units.forEach((u, n) => {
    // A unit's seven rows stay on one page: an A4 page holds four units under the header, the first page three.
    if (n >= FIRST_PAGE_UNITS && (n - FIRST_PAGE_UNITS) % PAGE_UNITS === 0) breaksBefore.push(s.rows.length);
    for (const k of INDICATOR_KEYS) {
      const i = u.indicators[k];
      const j = judgmentOf(i);
      const known = i.rate !== null;
      s.rows.push([
        u.rank === null ? { v: t("未参评", "Not ranked"), style: "cell" } : { v: u.rank, style: "cell" },
        { v: u.unit, style: "cell", align: "left" },
        u.score === null ? NONE : fig(u.score, "0.0", u.score.toFixed(1)),
        { v: name(k), style: "cell", align: "left" },
        countCell(i.num),
        countCell(i.den),
        known ? { ...rateCell(k, i.rate!), style: j === "missed" ? "miss" : "cell" } : NONE,
        i.low === null ? { v: null, style: "cell" } : rateCell(k, i.low),
        i.high === null ? { v: null, style: "cell" } : rateCell(k, i.high),
        i.target === null ? NONE : fig(i.target, "0%", `${Math.round(i.target * 100)}%`),
        { v: JUDGMENT_TEXT[j][en ? "en" : "zh"], style: j === "missed" ? "miss" : "cell" },
        // effectiveWeight is the share (0–1) the score used; shown on the weights' 0–100 scale.
        fig(round1(i.effectiveWeight * 100), "0.0", (i.effectiveWeight * 100).toFixed(1)),
        known ? fig(round1(i.points), "0.0", i.points.toFixed(1)) : NONE,
      ]);
    }
  });
  s.blank();
  s.line(t(JUDGMENT_NOTE.zh, JUDGMENT_NOTE.en), "note");
  for (const [zh, e] of [
    ["得分 = 权重 × 计分比率（95% 区间下限）× 100；权重为实际使用的权重：某项无数据（—）时其权重按比例分给其余各项。", "Points = weight × the rate scored (lower 95 % bound) × 100; the weight shown is the one used: a missing indicator's (—) goes to the others in proportion."],
    ["评查得分的分子为得分合计、分母为 100 × 评查件数，比率为平均分。同分同名次，其后名次顺延（1、2、2、4）。", "Review: n = points scored, N = 100 × reviews, the rate is the mean score. Equal scores share a rank (1, 2, 2, 4)."],
  ] as const) s.line(t(zh, e), "note");
  s.line(t("指标口径", "What each indicator counts"), "heading");
  for (const k of INDICATOR_KEYS) s.line(en ? `${INDICATORS[k].en}: ${INDICATORS[k].definitionEn}` : `${INDICATORS[k].zh}：${INDICATORS[k].definitionZh}`, "note");

  return {
    name: rankingsSheetName(r.period, kind, "detail", locale),
    // Up to 32 wide: a judgment on one line ("Under target (not significant)") keeps a unit to seven rows of one line.
    rows: s.rows,
    merges: s.merges,
    widths: fitWidths(s.rows, s.merges, { min: 5, max: 32, padding: 1.5 }),
    page: { orientation: "landscape" },
    headerRows: { first: top, last: top + 1 },
    frozenCols: 2,
    breaksBefore,
  };
}
