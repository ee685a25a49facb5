/** The court liaison's page (法院联络员): read-only; writes the court's cases of every unit as a sheet we own (法院相关案件表). */
import { courtTableSummary } from "../../../../ledger/court-table.ts";
import { periodText } from "../../../../ledger/reports/form-text.ts";
import { courtReport } from "../../logic/court-sheet.ts";
import { periodOptions } from "../../logic/report-sheets.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { todayInChina } from "../../../../ledger/clock.ts";
import { digestControl } from "../digest-control.ts";

export const courtPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const all = "";
  const select = h("select", { id: "court-period" },
    h("option", { value: all, selected: true }, app.t("court.allPeriods")),
    ...periodOptions(todayInChina()).map((p) => h("option", { value: p }, periodText(p, app.locale)))) as HTMLSelectElement;
  const make = async () => {
    status.replaceChildren(message("info", app.t("court.loading")));
    try {
      const period = select.value === all ? null : select.value;
      const cases = await app.client()!.courtCases({ period: period ?? undefined });
      const sheet = await app.workbook!.writeGridSheet(courtReport(cases, period, app.locale, await app.letterhead()));
      status.replaceChildren(message("success", app.t("court.done", { sheet, summary: courtTableSummary(cases, app.locale, period, todayInChina()) })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("section", {},
    h("p", {}, app.t("court.intro")),
    h("div", { class: "field" }, h("label", { for: "court-period" }, app.t("court.period")), select),
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: make }, app.t("court.run"))),
    digestControl(app, status),
    status);
};
