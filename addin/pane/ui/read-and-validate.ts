/** Reads the sheet (with a progress bar in `onStatus`) and validates it: the Validate and Push pages both start here. */
import { COLUMN_SETTINGS_KEY, readColumnSettings } from "../logic/columns.ts";
import { loadUnit } from "../logic/connect.ts";
import { runValidation } from "../logic/validate.ts";
import { defaultUnitFor, readSheetUnits, resolveSheetPick, SHEET_UNITS_KEY } from "../logic/unit-pick.ts";
import { detectWithSettings } from "../logic/columns.ts";
import type { App } from "./app.ts";
import { h } from "./dom.ts";

export async function readAndValidate(app: App, onStatus: (el: HTMLElement) => void): Promise<boolean> {
  await readActiveSheet(app, onStatus);
  return validateActiveSheet(app);
}

/** Reads the active sheet into `app.grid` (with a progress bar in `onStatus`), so a page can look at it before validating. */
export async function readActiveSheet(app: App, onStatus: (el: HTMLElement) => void): Promise<void> {
  const wb = app.workbook!;
  const progress = h("fluent-progress-bar", { max: 100, value: 0 });
  const label = h("span", {});
  onStatus(h("div", {}, label, progress));
  app.settings = readColumnSettings(await wb.loadSetting(COLUMN_SETTINGS_KEY));
  app.grid = await wb.readSheet((p) => {
    label.textContent = app.t("validate.reading", { done: p.rowsRead, total: p.totalRows });
    progress.setAttribute("value", String(Math.round((100 * p.rowsRead) / Math.max(1, p.totalRows))));
  });
}

/** Validates the sheet `readActiveSheet` read as a case ledger; false when it has no ledger header. */
export async function validateActiveSheet(app: App): Promise<boolean> {
  const wb = app.workbook!;
  const grid = app.grid!;
  // A coordinator's sheet is the unit picked for it (now or before, remembered per sheet in the workbook), or the
  // one its title or tab name names.
  app.sheetUnit = null;
  if (app.me?.role === "coordinator") {
    const picks = readSheetUnits(await wb.loadSetting(SHEET_UNITS_KEY));
    const { pick, changed } = resolveSheetPick(picks, grid.sheetName, app.unitPick);
    if (changed) await wb.saveSetting(SHEET_UNITS_KEY, changed);
    app.unitPick = null;
    app.sheetUnit = defaultUnitFor(pick, grid.values, detectWithSettings(grid.values, app.settings), grid.sheetName, app.units ?? []);
  }
  app.run = runValidation(grid.values, app.settings, {
    locale: app.locale,
    merges: grid.merges,
    units: app.units,
    // Offline, the clerk's unit is the one remembered from the last connection on this computer.
    defaultUnit: app.me ? (app.me.role === "clerk" ? (app.me.unit ?? undefined) : app.sheetUnit?.unit) : (loadUnit(app.store) ?? undefined),
  });
  return app.run !== null;
}
