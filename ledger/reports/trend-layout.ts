/**
 * The assessment trend (考评趋势) as sheets to print: each unit's composite score per month or quarter with a line
 * chart per kind (towns/streets, departments), the ranks per period, and every indicator per unit and period. Scores
 * are numbers and a period without one is an empty cell (a gap in the line, never a zero); a unit with nothing to
 * score in any period is named in a note rather than drawn as an empty series. CLI and pane write this layout.
 */
import { INDICATOR_KEYS, INDICATORS } from "../api/indicators.ts";
import type { Trend, TrendPoint } from "../api/trend.ts";
import { dayText, periodSpanText, periodText } from "./form-text.ts";
import { fitWidths, MIN_PRINT_SCALE, pct, printScale, type Grid, type GridCell, type GridChart, type GridMerge } from "./grid.ts";
import { filedByLine, type FormOptions } from "./office-lines.ts";

type Locale = "zh-CN" | "en";
type Kind = Trend["units"][number]["kind"];
type Unit = Trend["units"][number];
const SIGN = "＿＿＿＿＿＿";
const KINDS: Kind[] = ["town", "department"];
const KIND_TEXT: Record<Kind, { zh: string; en: string }> = { town: { zh: "镇（街道）", en: "Towns and streets" }, department: { zh: "区直部门", en: "Departments" } };
/** Rows a chart takes (about 8 cm at the default row height). */
const CHART_ROWS = 18;
export type TrendLayoutOptions = FormOptions;

/** The score sheet's name (the first sheet written): 考评趋势 2026年1月至11月. */
export function trendSheetName(t: Pick<Trend, "from" | "to">, locale: Locale = "zh-CN"): string {
  return names(t.from, t.to, locale).scores;
}

/** A span as forms write it: 2026年1月至11月; one period alone (1 January's "this year") is just 2026年1月. */
const spanText = (from: string, to: string, locale: Locale = "zh-CN") => (from === to ? periodText(from, locale) : periodSpanText(from, to, locale));

function names(from: string, to: string, locale: Locale): { scores: string; ranks: string; indicators: string } {
  const span = spanText(from, to, locale);
  return locale === "en"
    ? { scores: `Trend ${span}`, ranks: `Ranks ${span}`, indicators: `Indicators ${span}` }
    : { scores: `考评趋势 ${span}`, ranks: `各期名次 ${span}`, indicators: `各期指标 ${span}` };
}

/**
 * A period's column header: the year where it starts or changes, then the month or quarter on a line of its own
 * (2026年 / 1月, 2月 … 12月, 2027年 / 1月), so every category of a chart is labelled and the columns stay narrow.
 */
export function periodHeader(period: string, previous: string | undefined, locale: Locale): string {
  const full = periodText(period, locale);
  const year = period.slice(0, 4);
  const withYear = previous === undefined || previous.slice(0, 4) !== year;
  if (locale === "en") {
    const [part] = full.split(" ");
    return withYear ? `${part}\n${year}` : part;
  }
  const part = full.slice(5);
  return withYear ? `${year}年\n${part}` : part;
}

/** A unit has something to show when some period has a score. */
const scored = (u: Unit) => u.points.some((p) => p.score !== null);
const hasData = (p: TrendPoint) => p.score !== null || INDICATOR_KEYS.some((k) => p.indicators[k].den > 0);

/**
 * Consecutive runs of periods that print on A4 landscape at a readable scale: all of them when they fit (24 months
 * usually do, the year shown only where it changes), else even halves or thirds, each a set of sheets of its own.
 */
function chunks(periods: readonly string[], fits: (part: string[]) => boolean): string[][] {
  for (let n = 1; n < periods.length; n++) {
    const size = Math.ceil(periods.length / n);
    const out: string[][] = [];
    for (let i = 0; i < periods.length; i += size) out.push(periods.slice(i, i + size));
    if (out.every(fits)) return out;
  }
  return periods.map((p) => [p]);
}

class Sheet {
  rows: GridCell[][] = [];
  merges: GridMerge[] = [];
  readonly cols: number;
  constructor(cols: number) {
    this.cols = cols;
  }
  line(text: string, style: GridCell["style"], align?: "center"): number {
    this.merges.push({ row: this.rows.length, col: 0, rows: 1, cols: this.cols });
    this.rows.push([{ v: text, style, ...(align ? { align } : {}) }]);
    return this.rows.length - 1;
  }
}

/**
 * The rows a printed landscape page holds at `scale` (A4 less 0.5-inch margins, about 15 pt a row, the repeated
 * header and the footer), to start a chart on a fresh page instead of cutting it in two.
 */
const rowsPerPage = (scale: number) => Math.floor((21 - 2.54) / 2.54 * 72 / (15 * scale)) - 3;

export function trendLayout(t: Trend, locale: Locale, o: TrendLayoutOptions): Grid[] {
  const en = locale === "en";
  const say = (zh: string, eng: string) => (en ? eng : zh);
  const colon = en ? ": " : "：";
  const kindName = (k: Kind) => (en ? KIND_TEXT[k].en : KIND_TEXT[k].zh);
  const by = t.by === "month" ? say("按月", "by month") : say("按季度", "by quarter");
  const units = KINDS.flatMap((k) => t.units.filter((u) => u.kind === k));
  const shown = units.filter(scored);
  const unscored = units.filter((u) => !scored(u)).map((u) => u.unit);
  const filed = filedByLine(o, locale);
  const span = (from: string, to: string) => en
    ? `Period: ${spanText(from, to, locale)} (${by})　　As of: ${dayText(t.asOf, locale)}`
    : `考评期间：${spanText(from, to)}（${by}）　　统计截至：${dayText(t.asOf)}`;
  const none = say("（没有可显示的单位：所选期间各单位均无可计分的数据。）", "(No units to show: no unit had anything to score in these periods.)");
  const unscoredNote = unscored.length === 0 ? null
    : say(`以下单位各期均无可计分的数据，未列入表和图：${unscored.join("、")}。`, `No data to score in any period, so not in the table or charts: ${unscored.join(", ")}.`);

  // The score table's widths decide the split: a unit column and one narrow column per period.
  const fits = (part: string[]) => {
    const rows: GridCell[][] = [[{ v: say("单位", "Unit") }, ...part.map((p, i) => ({ v: periodHeader(p, part[i - 1], locale) }))],
      ...shown.map((u) => [{ v: u.unit }, ...u.points.filter((p) => part.includes(p.period)).map((p) => ({ v: p.score === null ? null : p.score.toFixed(1) }))])];
    return printScale(fitWidths(rows, [], { min: 6, max: 20, padding: 2 }), "landscape") >= MIN_PRINT_SCALE;
  };
  const grids: Grid[] = [];
  for (const part of chunks(t.periods.map((p) => p.period), fits)) {
    const from = part[0] ?? t.from;
    const to = part.at(-1) ?? t.to;
    const n = names(from, to, locale);
    const index = new Map(part.map((p, i) => [p, i]));
    const headers = part.map((p, i) => periodHeader(p, part[i - 1], locale));
    const pointsOf = (u: Unit) => {
      const out: (TrendPoint | undefined)[] = part.map(() => undefined);
      for (const p of u.points) if (index.has(p.period)) out[index.get(p.period)!] = p;
      return out;
    };

    // Scores, one table for both kinds (a heading row before each), and a chart per kind under it.
    const s = new Sheet(1 + part.length);
    s.line(say(`考评趋势：各单位综合得分（${spanText(from, to)}，${by}）`, `Assessment trend: composite score per unit, ${spanText(from, to, "en")} (${by})`), "title", "center");
    s.line(filed, "subtitle");
    s.line(span(from, to), "subtitle");
    const header = s.rows.length;
    s.rows.push([{ v: say("单位", "Unit"), style: "header" }, ...headers.map((v) => ({ v, style: "header" as const }))]);
    const blocks: { kind: Kind; first: number; last: number }[] = [];
    for (const kind of KINDS) {
      const list = shown.filter((u) => u.kind === kind);
      if (list.length === 0) continue;
      s.line(kindName(kind), "heading");
      const first = s.rows.length;
      for (const u of list) {
        s.rows.push([{ v: u.unit, style: "cell", align: "left" }, ...pointsOf(u).map((p): GridCell =>
          p?.score == null ? { v: null, style: "cell" } : { v: p.score, format: "0.0", shown: p.score.toFixed(1), style: "cell" })]);
      }
      blocks.push({ kind, first, last: s.rows.length - 1 });
    }
    if (shown.length === 0) s.line(none, "note");
    s.line(say("综合得分满分 100，每期按该期设定的权重计算（未设定的期间用默认权重）；空白＝该期无可计分的数据，图中为断点。",
      "Composite score out of 100, each period scored with its own weights (the default weights where none were set); blank = nothing to score that period, a gap in the chart."), "note");
    if (unscoredNote) s.line(unscoredNote, "note");
    const scoreGrid = finish(s, n.scores, 1);
    const scale = printScale(scoreGrid.widths, "landscape");
    const perPage = rowsPerPage(scale);
    const charts: GridChart[] = [];
    const breaks: number[] = [];
    let used = s.rows.length + 1;
    for (const b of blocks) {
      let top = s.rows.length + 1;
      // A chart that would not fit under what is already on the page starts the next one.
      if (Math.floor(used / perPage) !== Math.floor((used + CHART_ROWS) / perPage)) {
        breaks.push(top);
        used = Math.ceil(used / perPage) * perPage;
      }
      for (let i = 0; i <= CHART_ROWS; i++) s.rows.push([]);
      used += CHART_ROWS + 1;
      charts.push({
        kind: "line",
        title: say(`${KIND_TEXT[b.kind].zh}综合得分趋势（${spanText(from, to)}）`, `Composite score, ${KIND_TEXT[b.kind].en.toLowerCase()}, ${spanText(from, to, "en")}`),
        headerRow: header,
        firstRow: b.first,
        lastRow: b.last,
        labelCol: 0,
        firstValueCol: 1,
        lastValueCol: part.length,
        seriesIn: "rows",
        at: { row: top, col: 0, rows: CHART_ROWS, cols: scoreGrid.widths.length },
      });
      top += CHART_ROWS + 1;
    }
    grids.push({ ...scoreGrid, rows: s.rows, charts, ...(breaks.length > 0 ? { breaksBefore: breaks } : {}) });

    // Ranks per period, with how many units of the kind were ranked.
    const r = new Sheet(1 + part.length);
    r.line(say(`考评趋势：各期名次（${spanText(from, to)}，${by}）`, `Assessment trend: rank per period, ${spanText(from, to, "en")} (${by})`), "title", "center");
    r.line(filed, "subtitle");
    r.line(span(from, to), "subtitle");
    r.rows.push([{ v: say("单位", "Unit"), style: "header" }, ...headers.map((v) => ({ v, style: "header" as const }))]);
    for (const kind of KINDS) {
      const list = shown.filter((u) => u.kind === kind);
      if (list.length === 0) continue;
      r.line(kindName(kind), "heading");
      for (const u of list) r.rows.push([{ v: u.unit, style: "cell", align: "left" }, ...pointsOf(u).map((p): GridCell => ({ v: p?.rank ?? null, style: "cell" }))]);
      const ranked = part.map((_, i) => Math.max(0, ...units.filter((u) => u.kind === kind).map((u) => pointsOf(u)[i]?.ranked ?? 0)));
      r.rows.push([{ v: say("参评单位数", "Units ranked"), style: "cell", align: "left" }, ...ranked.map((v): GridCell => ({ v: v === 0 ? null : v, style: "cell" }))]);
    }
    if (shown.length === 0) r.line(none, "note");
    r.line(say("名次为该期同类单位（镇街、区直部门各自）中的名次，同分同名次；空白＝该期无可计分的数据，未参评。",
      "Rank among units of the same kind that period (towns and departments separately), equal scores sharing a rank; blank = nothing to score, not ranked."), "note");
    if (unscoredNote) r.line(unscoredNote, "note");
    grids.push(finish(r, n.ranks, 1));

    // Every indicator per unit and period: the rate (a number) beside its counts.
    // An indicator no unit had data for in these periods is left out (and named in a note), so the rest stay readable.
    const keys = INDICATOR_KEYS.filter((k) => shown.some((u) => pointsOf(u).some((p) => (p?.indicators[k].den ?? 0) > 0)));
    const empty = INDICATOR_KEYS.filter((k) => !keys.includes(k)).map((k) => (en ? INDICATORS[k].en : INDICATORS[k].zh));
    const cols = 4 + 2 * keys.length;
    const d = new Sheet(cols);
    d.line(say(`考评趋势：各期指标（${spanText(from, to)}，${by}）`, `Assessment trend: indicators per period, ${spanText(from, to, "en")} (${by})`), "title", "center");
    d.line(filed, "subtitle");
    d.line(span(from, to), "subtitle");
    const h1 = d.rows.length;
    const top: GridCell[] = [say("单位", "Unit"), say("期间", "Period"), say("综合得分", "Score"), say("名次", "Rank")].map((v) => ({ v, style: "header" as const }));
    const sub: GridCell[] = Array.from({ length: 4 }, () => ({ v: null, style: "header" as const }));
    for (let c = 0; c < 4; c++) d.merges.push({ row: h1, col: c, rows: 2, cols: 1 });
    for (const k of keys) {
      d.merges.push({ row: h1, col: top.length, rows: 1, cols: 2 });
      top.push({ v: en ? INDICATORS[k].en : INDICATORS[k].zh, style: "header" }, { v: null, style: "header" });
      sub.push(k === "review" ? { v: say("平均分", "Mean"), style: "header" } : { v: say("比率", "Rate"), style: "header" },
        k === "review" ? { v: say("份数", "Files"), style: "header" } : { v: say("分子/\n分母", "n/N"), style: "header" });
    }
    d.rows.push(top, sub);
    let left = 0;
    for (const u of shown) {
      for (const p of pointsOf(u)) {
        if (!p || !hasData(p)) {
          if (p) left++;
          continue;
        }
        const cells: GridCell[] = [
          { v: u.unit, style: "cell", align: "left" }, { v: periodText(p.period, locale), style: "cell" },
          p.score === null ? { v: null, style: "cell" } : { v: p.score, format: "0.0", shown: p.score.toFixed(1), style: "cell" },
          { v: p.rank, style: "cell" },
        ];
        for (const k of keys) {
          const i = p.indicators[k];
          if (k === "review") {
            cells.push(i.rate === null ? { v: null, style: "cell" } : { v: Math.round(i.rate * 1000) / 10, format: "0.0", shown: (i.rate * 100).toFixed(1), style: "cell" },
              { v: i.den > 0 ? i.den / 100 : null, style: "cell" });
          } else {
            cells.push(i.rate === null ? { v: null, style: "cell" } : { v: i.rate, format: "0.0%", shown: pct(i.rate), style: "cell" },
              { v: i.den > 0 ? `${i.num}/${i.den}` : null, style: "cell" });
          }
        }
        d.rows.push(cells);
      }
    }
    if (shown.length === 0) d.line(none, "note");
    d.line(say("比率为数值（可排序、计算）；分子/分母为计算比率所用件数；评查得分为案件质量评查平均分（满分 100）。空白＝无数据。",
      "Rates are numbers (sortable); n/N are the counts behind each rate; the review score is the mean case-file review score out of 100. Blank = no data."), "note");
    if (empty.length > 0) d.line(say(`${empty.join("、")}：所选期间各单位均无数据，未列出。`, `${empty.join(", ")}: no unit had data in these periods, so not shown.`), "note");
    if (left > 0) d.line(say(`无任何数据的期间未列出（${left} 行）。`, `Periods with no data at all are left out (${left} rows).`), "note");
    if (unscoredNote) d.line(unscoredNote, "note");
    grids.push(finish(d, n.indicators, 1, { first: h1, last: h1 + 1 }, 8));
  }
  return grids;
}

/**
 * Widths fitted to the text, the header at `first` (or the given range) repeated and frozen, landscape. A narrow
 * table is widened to the page so a chart under it has room (the caller's split keeps a wide one at or above
 * MIN_PRINT_SCALE).
 */
function finish(s: Sheet, name: string, frozenCols: number, headerRows?: { first: number; last: number }, min = 6): Grid {
  const header = headerRows ?? { first: s.rows.findIndex((r) => r[0]?.style === "header"), last: s.rows.findIndex((r) => r[0]?.style === "header") };
  const widths = fitWidths(s.rows, s.merges, { min, max: 20, padding: 2 });
  // The unit column holds the kinds' headings' width too; a table narrower than 26 cm (A4 landscape less its margins) is spread to it.
  const px = (w: number) => Math.trunc(w * 7 + 5);
  const total = widths.reduce((a, w) => a + px(w), 0);
  const page = 26 / 2.54 * 96;
  if (total < page && widths.length > 1) {
    const extra = (page - total) / (widths.length - 1) / 7;
    for (let c = 1; c < widths.length; c++) widths[c] = Math.min(14, Math.round((widths[c] + extra) * 10) / 10);
  }
  return { name, rows: s.rows, merges: s.merges, widths, page: { orientation: "landscape" }, headerRows: header, frozenCols };
}
