import { todayInChina } from "../../../ledger/today.ts";
import { flagsReport, periodOptions, rankingsReport, rankingsSheetName } from "../../logic/report-sheets.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";

export const coordinatorPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const pull = async () => {
    try {
      const { flags } = await app.client()!.flags();
      await app.workbook!.writeReportSheet(flagsReport(flags, app.locale));
      status.replaceChildren(message("success", app.t("coordinator.done", { count: flags.length })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("section", {}, h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: pull }, app.t("coordinator.run"))), status);
};

export const rankingsPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const today = todayInChina();
  const options = periodOptions(today);
  const select = h("select", { id: "period" }, ...options.map((p, i) => h("option", { value: p, selected: i === 1 }, p)));
  const make = async () => {
    try {
      const rankings = await app.client()!.rankings(select.value);
      await app.workbook!.writeReportSheet(rankingsReport(rankings, app.locale));
      status.replaceChildren(message("success", app.t("rankings.done", { sheet: rankingsSheetName(rankings.period) })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("section", {},
    h("label", { for: "period" }, app.t("rankings.period"), " "), select,
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: make }, app.t("rankings.run"))),
    status);
};
