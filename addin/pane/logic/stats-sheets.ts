/**
 * The 统计分析 page's sheets, below the UI: the 诉源分析 sheets of a period, and the 月报 with its 本年累计 and 同比,
 * for which the page asks the Worker for the year so far and last year's period as well (monthly-report-data.ts).
 */
import type { ApiClient } from "../../../ledger/api/client.ts";
import type { Stats } from "../../../ledger/api/stats.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { monthlyReportData } from "../../../ledger/reports/monthly-report-data.ts";
import type { OfficeLetterhead } from "../../../ledger/api/office-profile.ts";
import { monthlyReportLayout } from "../../../ledger/reports/monthly-report-layout.ts";
import { statsLayouts } from "../../../ledger/reports/stats-layout.ts";

type StatsClient = Pick<ApiClient, "stats">;

export async function statsSheets(client: StatsClient, period: string, group: string | undefined, locale: Locale): Promise<{ stats: Stats; grids: Grid[] }> {
  const stats = await client.stats(period, group);
  return { stats, grids: statsLayouts(stats, locale) };
}

export async function monthlyReportSheet(client: StatsClient, period: string, group: string | undefined, locale: Locale, o: { filedOn: string; filer?: string; office?: OfficeLetterhead }): Promise<Grid> {
  const stats = await client.stats(period, group);
  const data = await monthlyReportData(stats, (p) => client.stats(p, group));
  return monthlyReportLayout(data, locale, o);
}
