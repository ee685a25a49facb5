/**
 * Court page (法院联络员): the court's cases as the sheet `tiaojie court-cases --out` writes
 * (ledger/reports/court-cases-layout.ts), filed today, by the office when its profile is known.
 */
import type { CourtCase } from "../../../ledger/api/court.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { courtCasesLayout } from "../../../ledger/reports/court-cases-layout.ts";
import type { OfficeLetterhead } from "../../../ledger/reports/office-lines.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";

export { courtSheetName } from "../../../ledger/reports/court-cases-layout.ts";

export function courtReport(cases: readonly CourtCase[], period: string | null, locale: Locale, office?: OfficeLetterhead): Grid {
  return courtCasesLayout(cases, period, locale, { filedOn: todayInChina(), office });
}
