/// <reference types="wps-jsapi" />
/**
 * The ribbon's callbacks, run in the hidden page WPS opens at start (index.html → main.js, built as a classic script).
 * WPS calls them by the names ribbon.xml gives, as globals. They stay synchronous: on some WPS builds an async ribbon
 * callback keeps the whole custom tab from showing.
 *
 * The button opens the pane as a task pane, and a second click hides or shows it again. WPS numbers task panes per
 * running program, so the pane's id is kept in PluginStorage (shared by the add-in's pages) under a key of our own,
 * and looked up again with GetTaskPane.
 */
import { RIBBON_IDS } from "./package-files.ts";

interface RibbonControl {
  Id: string;
}

/** The calls this page makes; WPS offers them on `wps` (as typed) and, in older builds, on `Application`. */
type PaneApi = Pick<typeof wps, "CreateTaskPane" | "GetTaskPane" | "PluginStorage">;

function paneApi(): PaneApi | null {
  const g = globalThis as unknown as { wps?: PaneApi; Application?: Partial<PaneApi> };
  if (g.wps && typeof g.wps.CreateTaskPane === "function") return g.wps;
  const app = g.Application;
  if (app && typeof app.CreateTaskPane === "function" && typeof app.GetTaskPane === "function" && app.PluginStorage) return app as PaneApi;
  return null;
}

const PANES: Record<string, { page: string; title: string; key: string }> = {
  [RIBBON_IDS.openPane]: { page: "pane.html", title: "调解台账", key: "tiaojie.et.taskPaneId" },
  [RIBBON_IDS.selfTest]: { page: "selftest.html", title: "调解台账 环境自检", key: "tiaojie.et.selfTestPaneId" },
};

/** The pane this add-in made earlier in this run of 表格, if it still exists. */
function existingPane(api: PaneApi, key: string): wps.CustomTaskpane | null {
  const id = Number(api.PluginStorage.getItem(key));
  if (!Number.isInteger(id) || id <= 0) return null;
  try {
    return api.GetTaskPane(id) ?? null;
  } catch {
    // A stale id from a pane WPS has since dropped: make a new one.
    return null;
  }
}

function togglePane(api: PaneApi, which: { page: string; title: string; key: string }): void {
  const pane = existingPane(api, which.key);
  if (pane) {
    pane.Visible = !pane.Visible;
    return;
  }
  const created = api.CreateTaskPane(new URL(which.page, location.href).href, which.title);
  created.DockPosition = 2 as Kso.KsoMsoCTPDockPosition; // msoCTPDockPositionRight, beside the sheet as in Excel
  created.Visible = true;
  api.PluginStorage.setItem(which.key, created.ID);
}

function OnAddinLoad(): boolean {
  return true;
}

function OnAction(control: RibbonControl): boolean {
  const api = paneApi();
  const which = PANES[control.Id];
  if (!api || !which) return false;
  togglePane(api, which);
  return true;
}

/** Icons are files beside ribbon.xml; WPS resolves the name against the add-in's URL. */
function GetImage(): string {
  return "icon-32.png";
}

Object.assign(globalThis, { OnAddinLoad, OnAddInLoad: OnAddinLoad, OnAction, GetImage });
