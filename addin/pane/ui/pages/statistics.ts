/**
 * 统计分析: the 诉源分析 sheets (the cross-tables with charts and the monthly trend) and, on its own button, the
 * 月报 to print and file upward, with 本年累计 and 同比 (it asks for the year so far and last year's period too). Coordinator and assessment office pick the units (district, towns, departments or a
 * 片区); a clerk gets their own unit, as the server decides.
 */
import { todayInChina } from "../../../../ledger/clock.ts";
import { periodText } from "../../../../ledger/reports/form-text.ts";
import { periodOptions } from "../../logic/report-sheets.ts";
import { monthlyReportSheet, statsSheets } from "../../logic/stats-sheets.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";

export const statsPage: Page = (app) => {
  const status = h("div", { "aria-live": "polite" });
  const today = todayInChina();
  const options = periodOptions(today);
  // Offices file the month just ended: the second month in the list (the first is the month under way).
  const months = options.filter((p) => /^\d{4}-\d{2}$/.test(p));
  const period = h("select", { id: "stats-period" }, ...options.map((p) => h("option", { value: p, selected: p === months[1] }, periodText(p, app.locale)))) as HTMLSelectElement;
  const clerk = app.me?.role === "clerk";
  const group = h("select", { id: "stats-group" },
    h("option", { value: "" }, app.t("stats.district")),
    h("option", { value: "town" }, app.t("stats.towns")),
    h("option", { value: "department" }, app.t("stats.departments"))) as HTMLSelectElement;
  if (!clerk) {
    void app.client()?.zones().then(({ zones }) => {
      for (const zone of Object.keys(zones)) group.appendChild(h("option", { value: `zone:${zone}` }, app.t("stats.zone", { zone })));
    }, () => undefined);
  }
  const filer = h("fluent-text-input", { id: "stats-filer", value: clerk ? app.me?.unit ?? undefined : undefined }, app.t("stats.filer")) as HTMLElement & { value?: string };

  const chosenGroup = () => (clerk || group.value === "" ? undefined : group.value);
  const makeTables = async () => {
    try {
      const { stats: s, grids } = await statsSheets(app.client()!, period.value, chosenGroup(), app.locale);
      const names = await app.workbook!.writeGridSheets(grids);
      const notes = [message("success", app.t("stats.done", { count: names.length, sheets: names.join("、"), received: s.totals.received, concluded: s.totals.concluded }))];
      if (s.totals.received + s.totals.concluded === 0) notes.push(message("warning", app.t("stats.empty", { period: s.period })));
      status.replaceChildren(...notes);
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  const makeReport = async () => {
    try {
      const name = (filer.value ?? "").trim();
      const grid = await monthlyReportSheet(app.client()!, period.value, chosenGroup(), app.locale, { filer: name || undefined, filedOn: todayInChina(), office: await app.letterhead() });
      const [sheet] = await app.workbook!.writeGridSheets([grid]);
      status.replaceChildren(message("success", app.t("stats.reportDone", { sheet })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };

  return h("section", {},
    h("div", { class: "filters" },
      h("div", { class: "field" }, h("label", { for: "stats-period" }, app.t("stats.period")), period),
      clerk
        ? h("p", { class: "hint" }, app.t("stats.ownUnit", { unit: app.me?.unit ?? "" }))
        : h("div", { class: "field" }, h("label", { for: "stats-group" }, app.t("stats.group")), group)),
    h("p", { class: "hint" }, app.t("stats.hint")),
    h("div", { class: "actions" }, h("fluent-button", { appearance: "primary", onclick: makeTables }, app.t("stats.run"))),
    h("div", { class: "field" }, filer),
    h("div", { class: "actions" }, h("fluent-button", { onclick: makeReport }, app.t("stats.report"))),
    status);
};
