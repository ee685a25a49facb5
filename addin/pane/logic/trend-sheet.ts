/** The Rankings page's trend (考评趋势) as a sheet we own: units × periods of composite score, with line charts. */
import type { Trend } from "../../../ledger/api/trend.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { TrendGranularity } from "../../../ledger/period-span.ts";
import type { CellValue, LineChartSpec, ReportSheet } from "../../hosts/ledger-workbook.ts";

export function trendSheetName(t: Pick<Trend, "from" | "to">): string {
  return `考评趋势 ${t.from}至${t.to}`;
}

export interface TrendRange {
  from: string;
  to: string;
  by: TrendGranularity;
  zh: string;
  en: string;
}

const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, "0")}`;
/** The month `back` months before year y, month m (1-based). */
function monthsBack(y: number, m: number, back: number): [number, number] {
  const i = y * 12 + (m - 1) - back;
  return [Math.floor(i / 12), (i % 12) + 1];
}

/**
 * The trend picker's choices: the last 6 and 12 months and this year's months (the current month included, so the
 * line ends where the ledgers are now), the last 4 quarters and last year's quarters.
 */
export function trendRanges(today: string): TrendRange[] {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  const now = ym(y, m);
  const q = Math.ceil(m / 3);
  const [qy, qq] = q > 3 ? [y, q - 3] : [y - 1, q + 1];
  const last = (n: number): TrendRange => {
    const from = ym(...monthsBack(y, m, n - 1));
    return { from, to: now, by: "month", zh: `最近 ${n} 个月（${from} 至 ${now}）`, en: `Last ${n} months (${from} to ${now})` };
  };
  return [
    last(6),
    last(12),
    { from: ym(y, 1), to: now, by: "month", zh: `${y} 年各月`, en: `${y} by month` },
    { from: `${qy}-Q${qq}`, to: `${y}-Q${q}`, by: "quarter", zh: `最近 4 个季度（${qy}-Q${qq} 至 ${y}-Q${q}）`, en: `Last 4 quarters (${qy}-Q${qq} to ${y}-Q${q})` },
    { from: `${y - 1}-Q1`, to: `${y - 1}-Q4`, by: "quarter", zh: `${y - 1} 年各季度`, en: `${y - 1} by quarter` },
  ];
}

/**
 * Towns first, then departments (as the Worker orders them: by the last period's rank). Columns: unit, one score
 * per period (blank when the unit had nothing to score), kind, then the rank per period as "rank/ranked". One line
 * chart per kind plots the score columns against the period headers.
 */
export function trendReport(t: Trend, locale: Locale): ReportSheet {
  const en = locale === "en";
  const periods = t.periods.map((p) => p.period);
  const headers = [
    en ? "Unit" : "单位",
    ...periods,
    en ? "Kind" : "类别",
    ...periods.map((p) => (en ? `Rank ${p}` : `名次 ${p}`)),
  ];
  const units = [...t.units.filter((u) => u.kind === "town"), ...t.units.filter((u) => u.kind === "department")];
  const rows: CellValue[][] = units.map((u) => [
    u.unit,
    ...u.points.map((p) => p.score),
    en ? (u.kind === "town" ? "Town/street" : "Department") : u.kind === "town" ? "镇街" : "区直部门",
    ...u.points.map((p) => (p.rank == null ? "" : `${p.rank}/${p.ranked}`)),
  ]);
  const towns = units.filter((u) => u.kind === "town").length;
  const lineCharts: LineChartSpec[] = [];
  const chart = (zh: string, enTitle: string, firstRow: number, lastRow: number) => {
    if (lastRow >= firstRow) lineCharts.push({ title: en ? `Composite score — ${enTitle}` : `综合得分趋势 — ${zh}`, firstRow, lastRow, labelColumn: 0, lastValueColumn: periods.length });
  };
  chart("镇（街道）", "towns/streets", 0, towns - 1);
  chart("区直部门", "departments", towns, units.length - 1);
  const numberFormats: Record<number, string> = {};
  periods.forEach((_, i) => (numberFormats[i + 1] = "0.0"));
  return {
    name: trendSheetName(t),
    tableName: `TiaojieTrend_${t.from}_${t.to}`.replace(/-/g, "_"),
    headers,
    rows,
    numberFormats,
    lineCharts,
  };
}
