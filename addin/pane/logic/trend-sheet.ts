/**
 * The Rankings page's trend (考评趋势): the sheets `tiaojie trend --out` writes (ledger/reports/trend-layout.ts) —
 * scores with a line chart per kind, ranks, indicators — and the picker's ranges.
 */
import { todayInChina } from "../../../ledger/clock.ts";
import type { Trend } from "../../../ledger/api/trend.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { TrendGranularity } from "../../../ledger/period-span.ts";
import { periodSpanText } from "../../../ledger/reports/form-text.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import type { OfficeLetterhead } from "../../../ledger/reports/office-lines.ts";
import { trendLayout } from "../../../ledger/reports/trend-layout.ts";

export { trendSheetName } from "../../../ledger/reports/trend-layout.ts";

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
    return { from, to: now, by: "month", zh: `最近 ${n} 个月（${periodSpanText(from, now)}）`, en: `Last ${n} months (${periodSpanText(from, now, "en")})` };
  };
  return [
    last(6),
    last(12),
    { from: ym(y, 1), to: now, by: "month", zh: `${y} 年各月`, en: `${y} by month` },
    { from: `${qy}-Q${qq}`, to: `${y}-Q${q}`, by: "quarter", zh: `最近 4 个季度（${periodSpanText(`${qy}-Q${qq}`, `${y}-Q${q}`)}）`, en: `Last 4 quarters (${periodSpanText(`${qy}-Q${qq}`, `${y}-Q${q}`, "en")})` },
    { from: `${y - 1}-Q1`, to: `${y - 1}-Q4`, by: "quarter", zh: `${y - 1} 年各季度`, en: `${y - 1} by quarter` },
  ];
}

export function trendReport(t: Trend, locale: Locale, office?: OfficeLetterhead): Grid[] {
  return trendLayout(t, locale === "en" ? "en" : "zh-CN", { filedOn: todayInChina(), office });
}
