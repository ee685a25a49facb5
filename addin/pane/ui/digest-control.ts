/**
 * The joint-meeting digest button (府院联席会议材料), shared by the court liaison's page and the coordinator's
 * rankings page: asks the Worker for the period's digest and writes its sheets (contents first, then the sections,
 * native charts beside their tables) in one go, in the pane's language.
 */
import { digestLayout } from "../../../ledger/reports/digest-layout.ts";
import { periodText } from "../../../ledger/reports/form-text.ts";
import { todayInChina } from "../../../ledger/clock.ts";
import { periodOptions } from "../logic/report-sheets.ts";
import type { App } from "./app.ts";
import { h, message } from "./dom.ts";

/**
 * `period` reads the page's own period choice; without it the control offers one, the last whole quarter first (the
 * meeting looks back), as the rankings page does.
 */
export function digestControl(app: App, status: HTMLElement, period?: () => string): HTMLElement {
  const select = period ? null : h("select", { id: "digest-period" }, ...periodOptions(todayInChina()).map((p, i) => h("option", { value: p, selected: i === 1 }, periodText(p, app.locale)))) as HTMLSelectElement | null;
  const chosen = period ?? (() => select!.value);
  const make = async () => {
    status.replaceChildren(message("info", app.t("digest.loading")));
    try {
      const d = await app.client()!.digest(chosen());
      const sheets = await app.workbook!.writeGridSheets(digestLayout(d, app.locale, { office: await app.letterhead() }));
      // Each figure said with what it counts: court cases received in the period; overdue and repeats of the whole district.
      status.replaceChildren(message("success", app.t("digest.done", {
        count: sheets.length, first: sheets[0] ?? "", court: d.courtReferred.total.received, overdue: d.overdue.units.reduce((n, u) => n + u.overdue, 0), repeats: d.repeats.total,
      })));
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("div", { class: "digest" },
    h("h3", {}, app.t("digest.title")),
    h("p", { class: "hint" }, app.t("digest.hint")),
    select ? h("div", { class: "field" }, h("label", { for: "digest-period" }, app.t("digest.period")), select) : null,
    h("div", { class: "actions" }, h("fluent-button", { id: "digest-run", onclick: make }, app.t("digest.run"))));
}
