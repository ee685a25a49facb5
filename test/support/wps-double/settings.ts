// Workbook settings in the WPS double: kept where the WPS host keeps them (a very hidden sheet, see
// addin/hosts/wps/wps-settings.ts), shown to tests in the Excel double's shape ({"tiaojie.key": JSON text}) so the
// same seeds and assertions serve both hosts.
import type { WpsApplication } from "../../../addin/hosts/wps/wps-api.ts";
import { readSettingsSheet, saveSettingNow, SETTINGS_SHEET } from "../../../addin/hosts/wps/wps-settings.ts";
import { sheetNamed } from "../../../addin/hosts/wps/wps-api.ts";
import type { WpsState } from "./application.ts";

const PREFIX = "tiaojie.";

/** Writes a seed's settings as the host would have, then forgets the calls and alerts that took. */
export function seedSettings(state: WpsState, app: WpsApplication, settings: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(settings)) {
    if (!key.startsWith(PREFIX)) continue;
    const parsed = typeof value === "string" ? safeParse(value) : value;
    saveSettingNow(app, app.ActiveWorkbook!, key.slice(PREFIX.length), parsed);
  }
  state.calls = [];
  state.alertsShown = 0;
}

/** The settings as {"tiaojie.key": JSON text}, read without counting calls. */
export function settingsOf(state: WpsState, app: WpsApplication): Record<string, string> {
  const calls = state.calls.length;
  try {
    const { rows } = readSettingsSheet(sheetNamed(app.ActiveWorkbook!, SETTINGS_SHEET));
    return Object.fromEntries([...rows].map(([k, v]) => [PREFIX + k, v.json]));
  } finally {
    state.calls.length = calls;
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
