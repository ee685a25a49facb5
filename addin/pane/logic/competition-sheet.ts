/** The Rankings page's zone competition (分片竞赛): the sheet `tiaojie competition --out` writes (ledger/reports/competition-layout.ts). */
import type { Competition } from "../../../ledger/api/competition.ts";
import type { Locale } from "../../../ledger/messages.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import type { OfficeLetterhead } from "../../../ledger/api/office-profile.ts";
import { competitionLayout } from "../../../ledger/reports/competition-layout.ts";

export { competitionSheetName } from "../../../ledger/reports/competition-layout.ts";

export function competitionReport(c: Competition, locale: Locale, office?: OfficeLetterhead): Grid {
  return competitionLayout(c, locale === "en" ? "en" : "zh-CN", { filedOn: todayInChina(), office });
}
