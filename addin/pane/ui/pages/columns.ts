import { chooseColumn, COLUMN_SETTINGS_KEY, columnOptions, detectWithSettings, headerRowNumber, mappingRows, readColumnSettings } from "../../logic/columns.ts";
import type { Page } from "../app.ts";
import { h, message } from "../dom.ts";
import { firstSight } from "../first-sight.ts";

export const columnsPage: Page = (app) => {
  const out = h("div", { "aria-live": "polite" });
  const intro = firstSight(app, "columns.first");
  const render = () => {
    const grid = app.grid;
    if (!grid) return;
    const header = detectWithSettings(grid.values, app.settings);
    if (!header) {
      out.replaceChildren(message("warning", app.t("columns.noHeader")));
      return;
    }
    const options = columnOptions(header, app.t("columns.none"));
    const rows = mappingRows(header, app.settings, app.locale).map((row) => {
      const select = h("select", {
        "aria-label": row.field,
        onchange: async (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          app.settings = chooseColumn(app.settings, header, row.key, v === "" ? null : Number(v));
          // Saved at once, so the next validation (and the next session) uses it without asking again.
          try {
            await app.workbook!.saveSetting(COLUMN_SETTINGS_KEY, app.settings);
            render();
            out.appendChild(message("success", app.t("columns.saved")));
          } catch (err) {
            out.appendChild(message("error", app.errorText(err)));
          }
        },
      }, ...options.map((o) => h("option", { value: o.index ?? "", selected: o.index === row.column }, o.text)));
      return h("tr", { class: row.overridden ? "overridden" : "" }, h("th", { scope: "row" }, row.field, row.required ? " *" : ""), h("td", {}, select));
    });
    out.replaceChildren(
      h("p", {}, app.t("columns.intro", { row: headerRowNumber(header) })),
      h("table", { class: "mapping" }, h("tbody", {}, ...rows)),
    );
  };
  const read = async () => {
    try {
      app.settings = readColumnSettings(await app.workbook!.loadSetting(COLUMN_SETTINGS_KEY));
      app.grid = await app.workbook!.readSheet();
      render();
    } catch (e) {
      out.replaceChildren(message("error", app.errorText(e)));
    }
    intro.refresh();
  };
  render();
  return h("section", {}, intro.element, h("div", { class: "actions" }, h("fluent-button", { onclick: read }, app.t("columns.read"))), out);
};
