/** The Rankings page's mediator results (调解员考评): the sheet `tiaojie mediators --out` writes (ledger/reports/mediators-layout.ts). */
import type { MediatorResults } from "../../../ledger/api/mediator-results.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Locale } from "../../../ledger/messages.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { mediatorsLayout } from "../../../ledger/reports/mediators-layout.ts";
import type { OfficeLetterhead } from "../../../ledger/reports/office-lines.ts";

export { mediatorSheetName } from "../../../ledger/reports/mediators-layout.ts";

export function mediatorReport(r: MediatorResults, locale: Locale, office?: OfficeLetterhead): Grid {
  return mediatorsLayout(r, locale === "en" ? "en" : "zh-CN", { filedOn: todayInChina(), office });
}
