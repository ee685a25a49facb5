/** The Validate page's "校验本工作簿全部台账" (coordinators): every ledger sheet, one summary sheet. */
import { COLUMN_SETTINGS_KEY, readColumnSettings } from "../../logic/columns.ts";
import { onDemand } from "../../../hosts/on-demand.ts";
import { readSheetUnits, SHEET_UNITS_KEY } from "../../logic/unit-pick.ts";
import type { App } from "../app.ts";
import { h, message } from "../dom.ts";

export function validateAllPart(app: App): HTMLElement {
  const status = h("div", { "aria-live": "polite" });
  const run = async () => {
    try {
      // Coordinators only, and not every day: the whole-workbook check is fetched when first clicked.
      const { summaryReport, validateWorkbook } = await onDemand(() => import("../../logic/validate-all.ts"));
      const wb = app.workbook!;
      const progress = h("fluent-progress-bar", { max: 100, value: 0 });
      const label = h("span", {});
      status.replaceChildren(h("div", {}, label, progress));
      const settings = readColumnSettings(await wb.loadSetting(COLUMN_SETTINGS_KEY));
      const picks = readSheetUnits(await wb.loadSetting(SHEET_UNITS_KEY));
      const grids = await wb.readAllSheets((p) => {
        label.textContent = app.t("validate.reading", { done: p.rowsRead, total: p.totalRows });
        progress.setAttribute("value", String(Math.round((100 * p.rowsRead) / Math.max(1, p.totalRows))));
      });
      const result = validateWorkbook(grids, settings, { locale: app.locale, units: app.units, picks });
      if (result.ledgers === 0) {
        status.replaceChildren(message("warning", app.t("validate.allNone")));
        return;
      }
      // Each sheet's own issues are not marked here: marking is per sheet (Validate this sheet), and colouring
      // every unit's ledger at once would leave marks on sheets nobody is working on.
      const sheet = await wb.writeReportSheet(summaryReport(result, app.locale));
      const skipped = result.skipped.map((s) => s.sheet);
      status.replaceChildren(
        message(result.errors ? "error" : result.warnings ? "warning" : "success", app.t("validate.allDone", { ledgers: result.ledgers, errors: result.errors, warnings: result.warnings, sheet })),
        ...(skipped.length ? [message("info", app.t("validate.allSkipped", { sheets: skipped.join("、") }))] : []),
      );
    } catch (e) {
      status.replaceChildren(message("error", app.errorText(e)));
    }
  };
  return h("div", { class: "validate-all" },
    h("div", { class: "actions" }, h("fluent-button", { onclick: run }, app.t("validate.all"))),
    status);
}
