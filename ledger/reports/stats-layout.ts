/**
 * 诉源分析 sheets: one per cross-table (row and column totals, a native chart below it) and the month-by-month trend
 * with line charts. Each prints on A4 landscape at a readable scale: domain × unit is split into the towns' sheet and
 * the departments' sheet (a long list of departments into several), and columns that count nothing are left out with
 * a note naming them. Plain data (grid.ts); the task pane and `tiaojie stats --out` render the same sheets. Choice
 * values (领域, 来源, 结果 …) are the ledger's own words and stay as the ledgers write them.
 */
import type { CrossTable, Stats } from "../api/stats.ts";
import type { Locale } from "../messages.ts";
import { periodText } from "./form-text.ts";
import { fitWidths, MIN_PRINT_SCALE, pct, printScale, say, type Grid, type GridCell, type GridChart, type GridMerge } from "./grid.ts";
import { displayWidth } from "../display-width.ts";
import { placeCharts } from "./chart-placement.ts";

/** Rows of the respondent table beyond these are summed into one line, so the sheet stays readable and still adds up. */
export const RESPONDENT_ROWS = 20;

/** "（2026年5月，全区）" in Chinese, " (May 2026, whole district)" in English. */
export function scopeNote(s: Pick<Stats, "group" | "period">, locale: Locale): string {
  return locale === "en" ? ` (${periodText(s.period, "en")}, ${groupLabel(s, locale)})` : `（${periodText(s.period)}，${groupLabel(s, locale)}）`;
}

export function groupLabel(s: Pick<Stats, "group">, locale: Locale): string {
  const t = (zh: string, en: string) => say(locale, zh, en);
  switch (s.group.kind) {
    case "district": return t("全区", "whole district");
    case "town": return t("各镇（街道）", "towns/streets");
    case "department": return t("区直部门", "departments");
    case "zone": return t(`片区：${s.group.name}`, `zone ${s.group.name}`);
    case "unit": return s.group.name ?? "";
  }
}

/** "领域×镇街 2026年5月" / "Domain × town May 2026": within Excel's 31 characters for every period. */
export function statsSheetName(base: string, period: string, locale: Locale = "zh-CN"): string {
  return `${base} ${periodText(period, locale)}`;
}

type Pair = readonly [zh: string, en: string];

const MEASURE: Record<CrossTable["measure"], Pair> = {
  received: ["收案数：统计期间内收案的案件（按收案日期），与考评排名的收案数一致。", "Cases received in the period (by received date), as the rankings count them."],
  concluded: [
    "办结数：统计期间内办结的已受理案件（按结案日期），与考评排名的办结数一致；调解成功、调解不成、终止三项即成功率的分母。",
    "Accepted cases concluded in the period (by close date), as the rankings count them; 调解成功, 调解不成 and 终止 make up the success rate's denominator.",
  ],
};

/** One printed cross-table: the rows, the columns kept, the chart under it. */
interface TableSheet {
  sheet: Pair;
  title: Pair;
  corner: Pair;
  /** What the table's total column and row are called (合计 of the whole table, 小计 of one of several sheets). */
  total: Pair;
  table: CrossTable;
  /** Sentences under the title besides what is counted (what is left out, which sheet holds the rest). */
  notes: string[];
  chart: { kind: GridChart["kind"]; title: Pair; totalsOnly: boolean };
}

/** The title and the lines under it run across the whole sheet, the charts' columns too, not wrapped in the table's. */
function spanAcross(merges: GridMerge[], above: number, cols: number): void {
  for (const m of merges) if (m.row < above && m.col === 0) m.cols = Math.max(m.cols, cols);
}

/** The columns with at least one case, and the labels of those without. */
function dropEmptyColumns(t: CrossTable): { table: CrossTable; dropped: string[] } {
  const keep = t.cols.map((_, j) => t.colTotals[j] !== 0);
  if (keep.every(Boolean)) return { table: t, dropped: [] };
  const pick = <T,>(xs: readonly T[]) => xs.filter((_, j) => keep[j]);
  return {
    table: { ...t, cols: pick(t.cols), cells: t.cells.map(pick), colTotals: pick(t.colTotals) },
    dropped: t.cols.filter((_, j) => !keep[j]),
  };
}

/** A table of some of the columns, its row totals those columns' sums. */
function someColumns(t: CrossTable, cols: readonly string[]): CrossTable {
  const idx = cols.map((c) => t.cols.indexOf(c));
  const cells = t.cells.map((row) => idx.map((j) => row[j]));
  const rowTotals = cells.map((row) => row.reduce((a, b) => a + b, 0));
  return { ...t, cols: [...cols], cells, rowTotals, colTotals: idx.map((j) => t.colTotals[j]), total: rowTotals.reduce((a, b) => a + b, 0) };
}

/** The respondent table's long tail folded into one row, so its totals are still the whole period's. */
function foldTail(t: CrossTable, keep: number, label: string): CrossTable {
  if (t.rows.length <= keep + 1) return t;
  const tail = t.cells.slice(keep);
  const folded = t.cols.map((_, j) => tail.reduce((a, row) => a + row[j], 0));
  return {
    ...t,
    rows: [...t.rows.slice(0, keep), label],
    cells: [...t.cells.slice(0, keep), folded],
    rowTotals: [...t.rowTotals.slice(0, keep), folded.reduce((a, b) => a + b, 0)],
  };
}

/**
 * Column widths of a cross-table: the label column fits its longest label; a figure column fits its header on two
 * lines (header cells wrap), so ten units' names still print across one page.
 */
function crossWidths(labels: readonly string[], cols: readonly string[], corner: string, total: string): number[] {
  const label = Math.min(24, Math.max(10, ...[corner, total, ...labels].map(displayWidth)) + 1.5);
  const col = (name: string) => Math.max(6, Math.ceil(displayWidth(name) / 2) + 1.5);
  return [label, ...cols.map(col), col(total)];
}

/** Sheets few enough columns each that every one prints at ≥ MIN_PRINT_SCALE: n chunks of about equal size. */
function chunkColumns(labels: readonly string[], cols: readonly string[], corner: string, total: string): string[][] {
  const fits = (cs: readonly string[]) => printScale(crossWidths(labels, cs, corner, total), "landscape") >= MIN_PRINT_SCALE;
  for (let n = 1; n <= cols.length; n++) {
    const size = Math.ceil(cols.length / n);
    const chunks = Array.from({ length: Math.ceil(cols.length / size) }, (_, i) => cols.slice(i * size, (i + 1) * size));
    if (chunks.every(fits)) return chunks;
  }
  return cols.map((c) => [c]);
}

function tableGrid(s: Stats, spec: TableSheet, locale: Locale): Grid {
  const t = (pair: Pair) => say(locale, pair[0], pair[1]);
  const table = spec.table;
  const width = table.cols.length + 2;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };
  line(`${t(spec.title)}${scopeNote(s, locale)}`, "title");
  line([t(MEASURE[table.measure]), ...spec.notes].join(locale === "en" ? " " : ""), "subtitle");
  rows.push([]);
  const headerRow = rows.length;
  rows.push([t(spec.corner), ...table.cols, t(spec.total)].map((v) => ({ v, style: "header" as const })));
  const firstRow = rows.length;
  table.rows.forEach((label, i) => {
    rows.push([{ v: label, style: "cell", align: "left" }, ...table.cells[i].map((n) => ({ v: n, style: "cell" as const })), { v: table.rowTotals[i], style: "header" }]);
  });
  const lastRow = rows.length - 1;
  rows.push([{ v: t(spec.total), style: "header" }, ...table.colTotals.map((n) => ({ v: n, style: "header" as const })), { v: table.total, style: "header" }]);
  const widths = crossWidths(table.rows, table.cols, t(spec.corner), t(spec.total));
  // A chart over nothing but zeros says nothing: a period without cases gets the table alone.
  const drawn = table.total > 0 && table.cols.length > 0;
  const place = placeCharts(widths, rows.length, headerRow, drawn ? [Math.max(14, table.rows.length + 5)] : []);
  spanAcross(merges, headerRow, place.widths.length);
  const charts: GridChart[] = drawn ? [{
    kind: spec.chart.kind,
    title: t(spec.chart.title),
    headerRow, firstRow, lastRow,
    labelCol: 0,
    // A bar per row of the totals column reads at a glance; outcomes are the parts of each row's whole.
    firstValueCol: spec.chart.totalsOnly ? width - 1 : 1,
    lastValueCol: spec.chart.totalsOnly ? width - 1 : width - 2,
    seriesIn: "columns",
    at: place.at[0],
  }] : [];
  while (rows.length < place.rows) rows.push([]);
  return {
    name: statsSheetName(t(spec.sheet), s.period, locale), rows, merges,
    widths: place.widths,
    charts,
    page: { orientation: "landscape" },
    locale,
    headerRows: { first: headerRow, last: headerRow },
    frozenCols: 1,
    ...(place.breaksBefore.length ? { breaksBefore: place.breaksBefore } : {}),
  };
}

const listed = (locale: Locale, names: readonly string[]) => names.join(locale === "en" ? ", " : "、");

/**
 * Domain × unit as the towns' sheet and the departments' sheet (units with no case received left out and named),
 * a long list split further so each prints at a readable size.
 */
function domainByUnitSheets(s: Stats): (locale: Locale) => TableSheet[] {
  return (locale) => {
    const full = s.tables.domainByUnit;
    const towns = new Set(s.towns);
    const parts: { cols: string[]; sheet: Pair; title: Pair; corner: Pair; who: Pair }[] = [];
    const townCols = full.cols.filter((c) => towns.has(c));
    const deptCols = full.cols.filter((c) => !towns.has(c));
    if (s.group.kind === "unit") parts.push({ cols: full.cols, sheet: ["领域×单位", "Domain × unit"], title: ["纠纷领域 × 承办单位", "Domain × unit"], corner: ["纠纷领域", "Domain"], who: ["", ""] });
    else {
      if (townCols.length) parts.push({ cols: townCols, sheet: ["领域×镇街", "Domain × town"], title: ["纠纷领域 × 镇（街道）", "Domain × town/street"], corner: ["纠纷领域", "Domain"], who: ["镇（街道）", "towns/streets"] });
      if (deptCols.length) parts.push({ cols: deptCols, sheet: ["领域×部门", "Domain × department"], title: ["纠纷领域 × 区直部门", "Domain × department"], corner: ["纠纷领域", "Domain"], who: ["区直部门", "departments"] });
    }
    const t = (pair: Pair) => say(locale, pair[0], pair[1]);
    const sheets: TableSheet[] = [];
    for (const part of parts) {
      const { table, dropped } = dropEmptyColumns(someColumns(full, part.cols));
      const notes: string[] = [];
      if (dropped.length === part.cols.length && s.group.kind !== "unit") notes.push(say(locale, `本期${part.who[0]}均无收案。`, `No ${part.who[1]} received a case in the period.`));
      else if (dropped.length) notes.push(say(locale, `本期无收案、未列出的单位：${listed(locale, dropped)}。`, `Units with no case received in the period, left out: ${listed(locale, dropped)}.`));
      const chunks = table.cols.length ? chunkColumns(table.rows, table.cols, t(part.corner), say(locale, "小计", "Subtotal")) : [[]];
      chunks.forEach((cols, i) => {
        const several = chunks.length > 1;
        const numbered = (p: Pair): Pair => (several ? [`${p[0]}（${i + 1}）`, `${p[1]} (${i + 1})`] : p);
        const chunkNotes = several ? [say(locale, `${part.who[0]}共 ${chunks.length} 张表，本表为第 ${i + 1} 张，小计为本表各单位之和；全部${part.who[0]}合计 ${table.total} 件。`, `Sheet ${i + 1} of ${chunks.length} of the ${part.who[1]}; the subtotal is of this sheet's units; all ${part.who[1]}: ${table.total} cases.`)] : [];
        sheets.push({
          sheet: numbered(part.sheet), title: numbered(part.title), corner: part.corner,
          total: several ? ["小计", "Subtotal"] : ["合计", "Total"],
          table: someColumns(table, cols),
          notes: [...(i === 0 ? notes : []), ...chunkNotes],
          chart: { kind: "bar", title: several ? ["本表各领域收案数", "Cases received by domain (this sheet's units)"] : part.who[0] ? [`各领域收案数（${part.who[0]}）`, `Cases received by domain (${part.who[1]})`] : ["各领域收案数", "Cases received by domain"], totalsOnly: true },
        });
      });
    }
    return sheets;
  };
}

/** A table with its all-zero columns left out and named in a note. */
function trimmed(table: CrossTable, locale: Locale, what: Pair): { table: CrossTable; notes: string[] } {
  const { table: kept, dropped } = dropEmptyColumns(table);
  if (!dropped.length || kept.cols.length === 0) return { table: kept, notes: [] };
  return { table: kept, notes: [say(locale, `本期无${what[0]}、未列出：${listed(locale, dropped)}。`, `No ${what[1]} in the period, left out: ${listed(locale, dropped)}.`)] };
}

function otherSheets(s: Stats, locale: Locale): TableSheet[] {
  const rd = s.tables.respondentByDomain;
  const others = rd.rows.length - RESPONDENT_ROWS;
  const respondents = trimmed(foldTail(rd, RESPONDENT_ROWS, say(locale, `其余 ${others} 个机关`, `${others} other agencies`)), locale, ["收案的领域", "case in these domains"]);
  const so = trimmed(s.tables.sourceByOutcome, locale, ["此结果的案件", "case with these outcomes"]);
  const st = trimmed(s.tables.stageByOutcome, locale, ["此结果的案件", "case with these outcomes"]);
  return [
    { sheet: ["被申请人×领域", "Respondent × domain"], title: ["被申请行政机关 × 纠纷领域", "Respondent agency × domain"], corner: ["被申请行政机关", "Respondent agency"], total: ["合计", "Total"], ...respondents, chart: { kind: "bar", title: ["各被申请机关收案数", "Cases received by respondent agency"], totalsOnly: true } },
    // Each source's outcomes are the parts of its concluded cases: stacked, one bar per source.
    { sheet: ["来源×结果", "Source × outcome"], title: ["案件来源 × 办结结果", "Source × outcome"], corner: ["案件来源", "Source"], total: ["合计", "Total"], ...so, chart: { kind: "stackedBar", title: ["各来源办结结果", "Outcomes by source"], totalsOnly: false } },
    { sheet: ["阶段×结果", "Stage × outcome"], title: ["所处阶段 × 办结结果", "Stage × outcome"], corner: ["所处阶段", "Stage"], total: ["合计", "Total"], ...st, chart: { kind: "stackedBar", title: ["各阶段办结结果", "Outcomes by stage"], totalsOnly: false } },
  ];
}

/** The trend: a row per month with the 月报's figures; a line chart of 收案 and 办结 and one of the success rate. */
function trendGrid(s: Stats, locale: Locale): Grid {
  const t = (zh: string, en: string) => say(locale, zh, en);
  const width = 8;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };
  line(`${t("逐月趋势", "Month by month")}${scopeNote(s, locale)}`, "title");
  line(t(
    "收案、受理按收案日期计；办结、调解成功、调解不成功（调解不成 + 终止）按结案日期计；在办为月末仍在调解的已受理案件。成功率空白：当月没有调解成功、调解不成或终止的案件。",
    "Received and accepted by received date; concluded, successes and failures (调解不成 + 终止) by close date; open: accepted cases still in mediation at the month's end. A blank success rate: no case succeeded, failed or was terminated that month.",
  ), "subtitle");
  rows.push([]);
  const headerRow = rows.length;
  // 收案 and 办结 side by side: the first chart draws these two columns.
  rows.push([t("月份", "Month"), t("收案", "Received"), t("办结", "Concluded"), t("受理", "Accepted"), t("调解成功", "Successes"), t("调解不成功", "Failures"), t("在办", "Open"), t("成功率", "Success rate")].map((v) => ({ v, style: "header" as const })));
  const firstRow = rows.length;
  for (const m of s.trend) {
    rows.push([
      { v: periodText(m.month, locale), style: "cell" }, ...[m.received, m.concluded, m.accepted, m.successes, m.failures, m.open].map((n) => ({ v: n, style: "cell" as const })),
      // No rate is an empty cell: the chart leaves a gap there instead of drawing a text as 0.
      m.successRate === null ? { v: null, style: "cell" } : { v: m.successRate, style: "cell", format: "0.0%", shown: pct(m.successRate) },
    ]);
  }
  const lastRow = rows.length - 1;
  const widths = fitWidths(rows, merges, { min: 8, max: 16, padding: 1.5 });
  const any = (col: (m: Stats["trend"][number]) => number) => s.trend.some((m) => col(m) > 0);
  // 在办 is a stock, not a month's flow: beside the flows it would flatten them, so it stays in the table only.
  const hasReceived = any((m) => m.received);
  const hasConcluded = any((m) => m.concluded);
  const flows = hasReceived || hasConcluded;
  const rates = s.trend.some((m) => m.successRate !== null);
  const place = placeCharts(widths, rows.length, headerRow, [...(flows ? [12] : []), ...(rates ? [12] : [])]);
  spanAcross(merges, headerRow, place.widths.length);
  const charts: GridChart[] = [];
  if (flows) {
    // A series with nothing in it is left out (the two columns are side by side, so either may go).
    const first = hasReceived ? 1 : 2;
    const last = hasConcluded ? 2 : 1;
    charts.push({ kind: "line", title: t("收案与办结", "Received and concluded"), headerRow, firstRow, lastRow, labelCol: 0, firstValueCol: first, lastValueCol: last, seriesIn: "columns", at: place.at[0] });
  }
  if (rates) {
    charts.push({ kind: "line", title: t("调解成功率", "Success rate"), headerRow, firstRow, lastRow, labelCol: 0, firstValueCol: 7, lastValueCol: 7, seriesIn: "columns", at: place.at[charts.length], valueFormat: "0%" });
  }
  while (rows.length < place.rows) rows.push([]);
  return {
    name: statsSheetName(t("月度趋势", "Trend"), s.period, locale), rows, merges, widths: place.widths, charts,
    page: { orientation: "landscape" },
    locale,
    headerRows: { first: headerRow, last: headerRow },
    frozenCols: 1,
    ...(place.breaksBefore.length ? { breaksBefore: place.breaksBefore } : {}),
  };
}

/** Domain × unit (towns, departments), respondent × domain, source × outcome, stage × outcome, then the trend. */
export function statsLayouts(s: Stats, locale: Locale): Grid[] {
  const sheets = [...domainByUnitSheets(s)(locale), ...otherSheets(s, locale)];
  return [...sheets.map((spec) => tableGrid(s, spec, locale)), trendGrid(s, locale)];
}
