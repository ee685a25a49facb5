/**
 * The Rankings page's subsidy statements (办案补贴): the same two payment sheets `tiaojie subsidies --out` writes
 * (ledger/reports/subsidies-layout.ts), the summary first.
 */
import type { Subsidies } from "../../../ledger/api/subsidies.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import type { OfficeLetterhead } from "../../../ledger/api/office-profile.ts";
import { subsidiesLayout } from "../../../ledger/reports/subsidies-layout.ts";

export { subsidySheetNames } from "../../../ledger/reports/subsidies-layout.ts";

export function subsidyReport(s: Subsidies, locale: Locale, office?: OfficeLetterhead): Grid[] {
  return subsidiesLayout(s, locale === "en" ? "en" : "zh-CN", { filedOn: todayInChina(), office });
}
