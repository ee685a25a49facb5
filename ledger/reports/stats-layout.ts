/**
 * 诉源分析 sheets: one per cross-table (with its row and column totals and a native chart beside it) and the
 * month-by-month trend with line charts. Plain data (grid.ts); the task pane and `tiaojie stats --out` render the
 * same sheets. Choice values (领域, 来源, 结果 …) are the ledger's own words and stay as the ledgers write them.
 */
import type { CrossTable, Stats } from "../api/stats.ts";
import { fitWidths, pct, say, type Grid, type GridCell, type GridChart, type GridMerge, type SheetLocale } from "./grid.ts";

/** Rows of the respondent table beyond these are summed into one line, so the sheet stays readable and still adds up. */
export const RESPONDENT_ROWS = 20;

/** "（2026-05，全区）" in Chinese, " (2026-05, whole district)" in English. */
export function scopeNote(s: Pick<Stats, "group" | "period">, locale: SheetLocale): string {
  return locale === "en" ? ` (${s.period}, ${groupLabel(s, locale)})` : `（${s.period}，${groupLabel(s, locale)}）`;
}

export function groupLabel(s: Pick<Stats, "group">, locale: SheetLocale): string {
  const t = (zh: string, en: string) => say(locale, zh, en);
  switch (s.group.kind) {
    case "district": return t("全区", "whole district");
    case "town": return t("各镇（街道）", "towns/streets");
    case "department": return t("区直部门", "departments");
    case "zone": return t(`片区：${s.group.name}`, `zone ${s.group.name}`);
    case "unit": return s.group.name ?? "";
  }
}

interface TableSpec {
  key: keyof Stats["tables"];
  sheet: string;
  title: [string, string];
  corner: [string, string];
  chart: { kind: GridChart["kind"]; title: [string, string]; totalsOnly: boolean };
}

const TABLES: TableSpec[] = [
  { key: "domainByUnit", sheet: "领域×单位", title: ["纠纷领域 × 承办单位", "Domain × unit"], corner: ["纠纷领域", "Domain"], chart: { kind: "bar", title: ["各领域收案数", "Cases received by domain"], totalsOnly: true } },
  { key: "respondentByDomain", sheet: "被申请人×领域", title: ["被申请行政机关 × 纠纷领域", "Respondent agency × domain"], corner: ["被申请行政机关", "Respondent agency"], chart: { kind: "bar", title: ["各被申请机关收案数", "Cases received by respondent agency"], totalsOnly: true } },
  { key: "sourceByOutcome", sheet: "来源×结果", title: ["案件来源 × 办结结果", "Source × outcome"], corner: ["案件来源", "Source"], chart: { kind: "column", title: ["各来源办结结果", "Outcomes by source"], totalsOnly: false } },
  { key: "stageByOutcome", sheet: "阶段×结果", title: ["所处阶段 × 办结结果", "Stage × outcome"], corner: ["所处阶段", "Stage"], chart: { kind: "column", title: ["各阶段办结结果", "Outcomes by stage"], totalsOnly: false } },
];

const MEASURE = {
  received: ["收案数：统计期间内收案的案件（按收案日期），与考评排名的收案数一致。", "Cases received in the period (by received date), as the rankings count them."],
  concluded: ["办结数：统计期间内办结的已受理案件（按结案日期），与考评排名的办结数一致；调解成功、调解不成、终止三项即成功率的分母。", "Accepted cases concluded in the period (by close date), as the rankings count them; 调解成功 + 调解不成 + 终止 is the success rate's denominator."],
} as const;

export function statsSheetName(base: string, period: string): string {
  return `${base} ${period}`;
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

function crossTableGrid(s: Stats, spec: TableSpec, locale: SheetLocale): Grid {
  const t = (pair: readonly [string, string]) => say(locale, pair[0], pair[1]);
  const h = (zh: string, en: string) => say(locale, zh, en, "\n");
  let table = s.tables[spec.key];
  if (spec.key === "respondentByDomain") table = foldTail(table, RESPONDENT_ROWS, say(locale, `其余 ${table.rows.length - RESPONDENT_ROWS} 个机关`, `${table.rows.length - RESPONDENT_ROWS} other agencies`));
  const width = table.cols.length + 2;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };
  line(`${t(spec.title)}${scopeNote(s, locale)}`, "title");
  line(t(MEASURE[table.measure]), "subtitle");
  rows.push([]);
  const headerRow = rows.length;
  rows.push([h(spec.corner[0], spec.corner[1]), ...table.cols, h("合计", "Total")].map((v) => ({ v, style: "header" as const })));
  const firstRow = rows.length;
  table.rows.forEach((label, i) => {
    rows.push([{ v: label, style: "cell", align: "left" }, ...table.cells[i].map((n) => ({ v: n, style: "cell" as const })), { v: table.rowTotals[i], style: "header" }]);
  });
  const lastRow = rows.length - 1;
  rows.push([{ v: h("合计", "Total"), style: "header" }, ...table.colTotals.map((n) => ({ v: n, style: "header" as const })), { v: table.total, style: "header" }]);
  const chart: GridChart = {
    kind: spec.chart.kind,
    title: t(spec.chart.title),
    headerRow, firstRow, lastRow,
    labelCol: 0,
    // A bar per row of the totals column reads at a glance; outcomes are series side by side per row.
    firstValueCol: spec.chart.totalsOnly ? width - 1 : 1,
    lastValueCol: spec.chart.totalsOnly ? width - 1 : width - 2,
    seriesIn: "columns",
    at: { row: headerRow, col: width + 1, rows: Math.max(16, table.rows.length + 2), cols: 8 },
  };
  return {
    name: statsSheetName(spec.sheet, s.period), rows, merges,
    widths: fitWidths(rows, merges, { min: 6, max: 24, padding: 1.5 }),
    charts: [chart],
    page: { orientation: "landscape" },
  };
}

/** The trend: a row per month with the 月报's figures; a line chart of the counts and one of the success rate. */
function trendGrid(s: Stats, locale: SheetLocale): Grid {
  const h = (zh: string, en: string) => say(locale, zh, en, "\n");
  const width = 8;
  const rows: GridCell[][] = [];
  const merges: GridMerge[] = [];
  const line = (text: string, style: GridCell["style"]) => {
    merges.push({ row: rows.length, col: 0, rows: 1, cols: width });
    rows.push([{ v: text, style }]);
  };
  line(`${say(locale, "逐月趋势", "Month by month")}${scopeNote(s, locale)}`, "title");
  line(say(locale, "收案、受理按收案日期计；办结、调解成功、调解不成功（调解不成 + 终止）按结案日期计；在办为月末仍在调解的已受理案件。", "Received and accepted by received date; concluded, successes and failures (调解不成 + 终止) by close date; open: accepted cases still in mediation at the month's end."), "subtitle");
  rows.push([]);
  const headerRow = rows.length;
  rows.push([h("月份", "Month"), h("收案", "Received"), h("受理", "Accepted"), h("办结", "Concluded"), h("调解成功", "Successes"), h("调解不成功", "Failures"), h("在办", "Open"), h("成功率", "Success rate")].map((v) => ({ v, style: "header" as const })));
  const firstRow = rows.length;
  for (const m of s.trend) {
    rows.push([
      { v: m.month, style: "cell" }, ...[m.received, m.accepted, m.concluded, m.successes, m.failures, m.open].map((n) => ({ v: n, style: "cell" as const })),
      m.successRate === null ? { v: "—", style: "cell" } : { v: m.successRate, style: "cell", format: "0.0%", shown: pct(m.successRate) },
    ]);
  }
  const lastRow = rows.length - 1;
  const at = (row: number) => ({ row, col: width + 1, rows: 15, cols: 9 });
  return {
    name: statsSheetName("月度趋势", s.period), rows, merges,
    widths: fitWidths(rows, merges, { min: 8, max: 16, padding: 1.5 }),
    charts: [
      // 在办 is a stock, not a month's flow: beside the flows it would flatten them, so it stays in the table only.
      { kind: "line", title: say(locale, "收案与办结", "Received and concluded"), headerRow, firstRow, lastRow, labelCol: 0, firstValueCol: 1, lastValueCol: 5, seriesIn: "columns", at: at(headerRow) },
      { kind: "line", title: say(locale, "调解成功率", "Success rate"), headerRow, firstRow, lastRow, labelCol: 0, firstValueCol: 7, lastValueCol: 7, seriesIn: "columns", at: at(headerRow + 16), valueFormat: "0%" },
    ],
    page: { orientation: "landscape" },
  };
}

/** The four cross-tables, then the trend. */
export function statsLayouts(s: Stats, locale: SheetLocale): Grid[] {
  return [...TABLES.map((spec) => crossTableGrid(s, spec, locale)), trendGrid(s, locale)];
}
