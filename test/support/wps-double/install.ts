// Loaded into the page before the pane: installs WPS 表格's globals — `wps` (wps.EtApplication()) and `Application` —
// over an in-memory workbook, and `__wpsDouble` for tests to look at what the pane did (the same questions as
// `__excelDouble`, so one e2e flow can run over both). Bundled as an IIFE by bundle.ts. The seed must be in
// `__wpsDoubleConfig.seed` before this script runs: WPS calls are synchronous, so the workbook is there from the start.
import type { WpsApplication } from "../../../addin/hosts/wps/wps-api.ts";
import { parseRect, rectAddress } from "../excel-double/address.ts";
import { activeSheet, conditionalFillAt, formatsAt, readValues, sheetByName, workbookFromSeed, type WorkbookModel, type WorkbookSeed } from "../excel-double/model.ts";
import { newWpsState, wpsApplication, type WpsState } from "./application.ts";
import { seedSettings, settingsOf } from "./settings.ts";

export interface WpsDoubleConfig {
  seed: WorkbookSeed;
  /** msoLanguageIDUI: 2052 简体中文 (default), 1033 English. */
  languageId?: number;
}

const RELOAD_KEY = "wps-double:workbook";
const config = (globalThis as unknown as { __wpsDoubleConfig: WpsDoubleConfig }).__wpsDoubleConfig;

function load(): { state: WpsState; app: WpsApplication } {
  // The workbook stays open in WPS while the pane reloads: a test keeps it across page.reload().
  const kept = sessionStorage.getItem(RELOAD_KEY);
  if (kept) {
    sessionStorage.removeItem(RELOAD_KEY);
    const saved = JSON.parse(kept) as WpsState;
    const state = { ...saved, calls: [] };
    return { state, app: wpsApplication(state) as WpsApplication };
  }
  const state = newWpsState(workbookFromSeed({ ...config.seed, settings: {} }));
  if (config.languageId) state.languageId = config.languageId;
  const app = wpsApplication(state) as WpsApplication;
  seedSettings(state, app, config.seed.settings ?? {});
  return { state, app };
}

const { state, app } = load();

function sheet(name?: string) {
  const s = name ? sheetByName(state.workbook, name) : activeSheet(state.workbook);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

const wb = (): WorkbookModel => state.workbook;

const inspector = {
  keepForReload(): void {
    sessionStorage.setItem(RELOAD_KEY, JSON.stringify({ ...state, calls: [] }));
  },
  /** Every sheet, the very hidden settings sheet included (see visibility). */
  sheetNames: () => wb().sheets.map((s) => s.name),
  visibility: (sheetName: string) => state.visibility[sheet(sheetName).id] ?? -1,
  activeSheet: () => activeSheet(wb()).name,
  selection: () => wb().selection,
  setCell(sheetName: string, address: string, value: string | number | null): void {
    const rect = parseRect(address);
    if (!rect) throw new Error(`bad address ${address}`);
    const s = sheet(sheetName);
    while (s.values.length <= rect.r1) s.values.push([]);
    s.values[rect.r1][rect.c1] = value;
  },
  select(sheetName: string, address: string): void {
    const s = sheet(sheetName);
    wb().activeSheetId = s.id;
    wb().selection = { sheet: s.name, address };
  },
  values(sheetName: string, address: string) {
    const rect = parseRect(address);
    if (!rect) throw new Error(`bad address ${address}`);
    return readValues(sheet(sheetName), rect);
  },
  formulas: (sheetName: string) => ({ ...sheet(sheetName).formulas }),
  format: (sheetName: string, address: string) => formatsAt(sheet(sheetName), address),
  conditionalFormats: (sheetName: string) =>
    sheet(sheetName).conditionalFormats.map((f) => ({ id: f.id, formula: f.formula, fill: f.fill, areas: f.areas.map(rectAddress) })),
  conditionalFill(sheetName: string, address: string) {
    const rect = parseRect(address)!;
    return conditionalFillAt(sheet(sheetName), rect.r1, rect.c1);
  },
  charts: (sheetName: string) =>
    sheet(sheetName).charts.map((c) => ({
      type: c.type, seriesBy: c.seriesBy, title: c.title, legendVisible: c.legendVisible, position: c.position, source: rectAddress(c.source),
      valueFormat: c.valueFormat ?? null, categoriesReversed: c.categoriesReversed ?? false,
      series: c.series.map((s) => ({ name: s.name, values: rectAddress(s.values), xValues: s.xValues ? rectAddress(s.xValues) : null })),
    })),
  merges: (sheetName: string) => sheet(sheetName).merges.map(rectAddress),
  /** Column widths the pane set, in characters (Range.ColumnWidth), by 0-based column. */
  columnWidths: (sheetName: string) => ({ ...(state.columnWidths[sheet(sheetName).id] ?? {}) }),
  /** Row heights the pane set, in points, by 0-based row (Range.RowHeight). */
  rowHeights: (sheetName: string) => ({ ...(sheet(sheetName).rowHeights ?? {}) }),
  pageSetup: (sheetName: string) => ({ ...(state.pageSetup[sheet(sheetName).id] ?? {}), CenterFooter: sheet(sheetName).footer?.center ?? "" }),
  autofits: (sheetName: string) => sheet(sheetName).autofitCount,
  size(sheetName: string) {
    const s = sheet(sheetName);
    return { rows: s.values.length, columns: Math.max(0, ...s.values.map((r) => r.length)) };
  },
  settings: () => settingsOf(state, app),
  /** Calls made into "WPS" so far (each one synchronous round trip). */
  callCount: () => state.calls.length,
  calls: (since = 0) => state.calls.slice(since),
  alertsShown: () => state.alertsShown,
};

Object.assign(globalThis, { wps: { EtApplication: () => app }, Application: app, __wpsDouble: inspector });

export type WpsDoubleInspector = typeof inspector;
