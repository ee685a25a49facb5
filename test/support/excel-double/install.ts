// Loaded into the task pane instead of office.js: installs the `Office` and `Excel` globals over an in-memory
// workbook, and `__excelDouble` for tests to look at what the pane did. Bundled as an IIFE by bundle.ts.
import { parseRect, rectAddress } from "./address.ts";
import { DEFAULT_EXCEL_API_MINOR, excelApiMinor, excelRun, RequestContext, type DoubleState } from "./context.ts";
import { activeSheet, conditionalFillAt, formatsAt, readValues, sheetByName, workbookFromSeed, type WorkbookModel, type WorkbookSeed } from "./model.ts";
import { contentWrites, newRecorder } from "./recorder.ts";

export interface DoubleConfig {
  /** Where the page fetches the workbook seed (JSON, see seed.ts). */
  seedUrl: string;
  displayLanguage: string;
  officeTheme?: Record<string, string>;
  /** The ExcelApi version this Excel claims ("1.7" for Office 2019); absent: 1.13, as Excel on the web for the pane. */
  excelApi?: string;
}

const RELOAD_KEY = "excel-double:workbook";
const config = (globalThis as unknown as { __excelDoubleConfig: DoubleConfig }).__excelDoubleConfig;
const claimed = config.excelApi === undefined ? DEFAULT_EXCEL_API_MINOR : excelApiMinor(config.excelApi);
const state: DoubleState = { workbook: null as unknown as WorkbookModel, recorder: newRecorder(), excelApiMinor: claimed };

async function loadWorkbook(): Promise<WorkbookModel> {
  // The workbook stays open in Excel while the pane reloads: a test keeps it across page.reload().
  const kept = sessionStorage.getItem(RELOAD_KEY);
  if (kept) {
    sessionStorage.removeItem(RELOAD_KEY);
    return JSON.parse(kept) as WorkbookModel;
  }
  const res = await fetch(config.seedUrl);
  if (!res.ok) throw new Error(`Excel double: seed ${config.seedUrl} answered ${res.status}`);
  return workbookFromSeed((await res.json()) as WorkbookSeed);
}

const ready = loadWorkbook().then((wb) => {
  state.workbook = wb;
});

const run = excelRun(state, ready);

const theme = config.officeTheme ?? { bodyBackgroundColor: "#FFFFFF", bodyForegroundColor: "#000000", controlBackgroundColor: "#FFFFFF", controlForegroundColor: "#000000" };

const Office = {
  HostType: { Excel: "Excel", Word: "Word", PowerPoint: "PowerPoint", Outlook: "Outlook" },
  PlatformType: { PC: "PC", OfficeOnline: "OfficeOnline", Mac: "Mac" },
  context: {
    displayLanguage: config.displayLanguage,
    contentLanguage: config.displayLanguage,
    officeTheme: theme,
    // ExcelApi up to the claimed version (1.13 by default: Excel on the web, current desktop builds).
    requirements: { isSetSupported: (name: string, version?: string) => name === "ExcelApi" && Number((version ?? "1.1").split(".")[1] ?? 0) <= claimed },
  },
  async onReady(callback?: (info: { host: string; platform: string }) => void) {
    await ready;
    const info = { host: "Excel", platform: "OfficeOnline" };
    callback?.(info);
    return info;
  },
};

const Excel = { run, RequestContext };

function sheet(name?: string) {
  const s = name ? sheetByName(state.workbook, name) : activeSheet(state.workbook);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** What tests read back (through page.evaluate): small, serialisable answers. */
const inspector = {
  ready,
  keepForReload(): void {
    sessionStorage.setItem(RELOAD_KEY, JSON.stringify(state.workbook));
  },
  sheetNames: () => state.workbook.sheets.map((s) => s.name),
  activeSheet: () => activeSheet(state.workbook).name,
  selection: () => state.workbook.selection,
  /** The user types a value into one cell (null clears it). */
  setCell(sheetName: string, address: string, value: string | number | null): void {
    const rect = parseRect(address);
    if (!rect) throw new Error(`bad address ${address}`);
    const s = sheet(sheetName);
    while (s.values.length <= rect.r1) s.values.push([]);
    s.values[rect.r1][rect.c1] = value;
  },
  /** The user selects cells (several areas: "A5:C5,A8"), as a click or Ctrl-click in Excel would. */
  select(sheetName: string, address: string): void {
    const s = sheet(sheetName);
    state.workbook.activeSheetId = s.id;
    state.workbook.selection = { sheet: s.name, address };
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
  tables: (sheetName: string) => sheet(sheetName).tables.map((t) => ({ name: t.name, address: rectAddress(t.rect), style: t.style, hasHeaders: t.hasHeaders })),
  charts: (sheetName: string) =>
    sheet(sheetName).charts.map((c) => ({
      type: c.type, seriesBy: c.seriesBy, title: c.title, legendVisible: c.legendVisible, position: c.position, source: rectAddress(c.source),
      valueFormat: c.valueFormat ?? null, categoriesReversed: c.categoriesReversed ?? false,
      series: c.series.map((s) => ({ name: s.name, values: rectAddress(s.values), xValues: s.xValues ? rectAddress(s.xValues) : null })),
    })),
  autofits: (sheetName: string) => sheet(sheetName).autofitCount,
  merges: (sheetName: string) => sheet(sheetName).merges.map(rectAddress),
  /** Column widths the pane set, in points, by 0-based column. */
  columnWidths: (sheetName: string) => ({ ...(sheet(sheetName).columnWidths ?? {}) }),
  /** Row heights the pane set, in points, by 0-based row. */
  rowHeights: (sheetName: string) => ({ ...(sheet(sheetName).rowHeights ?? {}) }),
  /** The sheet's extent: its last row and column holding a value (1-based counts). */
  size(sheetName: string) {
    const s = sheet(sheetName);
    return { rows: s.values.length, columns: Math.max(0, ...s.values.map((r) => r.length)) };
  },
  settings: () => JSON.parse(JSON.stringify(state.workbook.settings)) as Record<string, unknown>,
  syncCount: () => state.recorder.syncs.length,
  syncs: (since = 0) => state.recorder.syncs.slice(since),
  writes: (since = 0) => state.recorder.writes.filter((w) => w.sync > since),
  contentWrites: (since = 0) => contentWrites(state.recorder.writes.filter((w) => w.sync > since)),
  runs: () => state.recorder.runs,
  /** Calls the pane made above the ExcelApi version this Excel claims (none, if the pane checks before it calls). */
  aboveSet: () => [...state.recorder.aboveSet],
};

Object.assign(globalThis, { Office, Excel, __excelDouble: inspector });

export type ExcelDoubleInspector = typeof inspector;
