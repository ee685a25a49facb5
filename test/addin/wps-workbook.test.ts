// The add-in's WPS 表格 layer against the WPS double (test/support/wps-double): synchronous calls, 1-based Cells,
// Value2 arrays, merged areas as WPS reports them, conditional formats, a very hidden settings sheet. Calls into
// "WPS" are counted by the double, so each test can hold the host to calls per block, never per cell.
import { describe, expect, it } from "vitest";
import { createWpsWorkbook } from "../../addin/hosts/wps/wps-ledger-workbook.ts";
import { createWpsRoutingWorkbook } from "../../addin/hosts/wps/wps-routing-workbook.ts";
import { wpsApplication, wpsHost } from "../../addin/hosts/wps/wps-host.ts";
import { SheetTooLargeError } from "../../addin/hosts/ledger-workbook.ts";
import { SheetChangedError } from "../../addin/hosts/routing-workbook.ts";
import { MARK_FORMULA } from "../../addin/hosts/shared/mark-rule.ts";
import { SETTINGS_SHEET } from "../../addin/hosts/wps/wps-settings.ts";
import { addressLists, valueRows } from "../../addin/hosts/wps/wps-api.ts";
import { conditionalFillAt, readValues, sheetByName, type CellScalar, type SeedSheet } from "../support/excel-double/model.ts";
import { parseRect, rectAddress } from "../support/excel-double/address.ts";
import { wpsDouble } from "../support/wps-double/node.ts";
import { settingsOf } from "../support/wps-double/settings.ts";
import type { CellMark } from "../../addin/hosts/ledger-workbook.ts";
import type { Grid } from "../../ledger/reports/grid.ts";

const HEADERS = ["案件编号", "收案日期", "承办单位", "申请人", "争议概要"];

function ledger(rows: number, name = "台账"): SeedSheet {
  const values: CellScalar[][] = [HEADERS];
  for (let r = 2; r <= rows + 1; r++) values.push([`A-${r}`, 46000 + (r % 300), `单位${r % 7}`, `申请人${r}`, `争议概要第${r}号`]);
  return { name, values };
}

const cell = (double: ReturnType<typeof wpsDouble>, sheet: string, address: string) => {
  const rect = parseRect(address)!;
  return readValues(sheetByName(double.state.workbook, sheet)!, rect)[0][0];
};

describe("the WPS 表格 workbook", () => {
  it("reads a small sheet from A1 in one Value2 read, with values as rows of cells", async () => {
    const double = wpsDouble({ sheets: [ledger(20)] });
    const grid = await createWpsWorkbook(double.app).readSheet();
    expect(grid.sheetName).toBe("台账");
    expect(grid.rowCount).toBe(21);
    expect(grid.columnCount).toBe(5);
    expect(grid.values[0]).toEqual(HEADERS);
    expect(grid.values[1]).toEqual(["A-2", 46002, "单位2", "申请人2", "争议概要第2号"]);
    expect(grid.chunks).toBe(1);
    expect(double.state.calls.filter((c) => c.member === "Value2")).toHaveLength(1);
  });

  it("names the active sheet without reading its cells", async () => {
    const double = wpsDouble({ sheets: [ledger(5, "说明"), ledger(20, "南埔镇台账")], activeSheet: "南埔镇台账" });
    expect(await createWpsWorkbook(double.app).activeSheetName()).toBe("南埔镇台账");
    expect(double.state.calls.filter((c) => c.member === "Value2")).toEqual([]);
  });

  it("fills a merged block with its top-left value and lists it, in calls that grow with merged areas, not cells", async () => {
    const sheet = ledger(2000);
    // 承办单位 merged down rows 3–10, a heading merged across row 12.
    for (let r = 4; r <= 10; r++) sheet.values[r - 1][2] = null;
    sheet.values[11] = ["一月份", null, null, null, null];
    sheet.merges = ["C3:C10", "A12:E12"];
    const double = wpsDouble({ sheets: [sheet] });
    const grid = await createWpsWorkbook(double.app).readSheet();
    expect(grid.values[9][2]).toBe(grid.values[2][2]);
    expect(grid.values[11]).toEqual(["一月份", "一月份", "一月份", "一月份", "一月份"]);
    expect(grid.merges).toEqual([{ top: 2, left: 2, bottom: 9, right: 2 }, { top: 11, left: 0, bottom: 11, right: 4 }]);
    const probes = double.state.calls.filter((c) => c.member === "MergeCells").length;
    expect(probes).toBeLessThan(120);
    const noMerges = wpsDouble({ sheets: [ledger(2000)] });
    await createWpsWorkbook(noMerges.app).readSheet();
    expect(noMerges.state.calls.filter((c) => c.member === "MergeCells")).toHaveLength(1);
  });

  it("finds a unit merged down block after block in a few calls per area, however many rows", async () => {
    const values: CellScalar[][] = Array.from({ length: 5_000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `v${r}-${c}`));
    const merges: string[] = [];
    for (let r = 2; r + 3 <= 5_000; r += 4) merges.push(`C${r}:C${r + 3}`);
    for (let r = 100; r <= 5_000; r += 100) merges.push(`E${r}:T${r}`);
    const double = wpsDouble({ sheets: [{ name: "台账", values, merges }] });
    const grid = await createWpsWorkbook(double.app).readSheet();
    expect(grid.merges!.map((m) => rectAddress({ r1: m.top, c1: m.left, r2: m.bottom, c2: m.right })).sort()).toEqual([...merges].sort());
    expect(double.state.calls.length).toBeLessThan(6 * merges.length);
  });

  it("finds exactly the merged areas of sheets merged at random, across block boundaries", async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    for (let round = 0; round < 20; round++) {
      const rows = 30 + random(200);
      const columns = 3 + random(20);
      const values: CellScalar[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => "x"));
      const taken = new Set<string>();
      const merges: string[] = [];
      for (let k = 0; k < 40; k++) {
        const r1 = random(rows), c1 = random(columns), r2 = Math.min(rows - 1, r1 + random(6)), c2 = Math.min(columns - 1, c1 + random(4));
        if (r1 === r2 && c1 === c2) continue;
        const cells: string[] = [];
        for (let r = r1; r <= r2; r++) for (let c = c1; c <= c2; c++) cells.push(`${r},${c}`);
        if (cells.some((x) => taken.has(x))) continue;
        cells.forEach((x) => taken.add(x));
        merges.push(rectAddress({ r1, c1, r2, c2 }));
      }
      const double = wpsDouble({ sheets: [{ name: "台账", values, merges }] });
      // Small blocks, so areas cross from one block into the next.
      const grid = await createWpsWorkbook(double.app, { maxChunkBytes: 40 * columns * 10 }).readSheet();
      expect(grid.chunks).toBeGreaterThan(1);
      expect(grid.merges!.map((m) => rectAddress({ r1: m.top, c1: m.left, r2: m.bottom, c2: m.right })).sort()).toEqual([...merges].sort());
    }
  });

  it("marks issues with our rule above the clerk's formats, never touching values or fills, and clears exactly ours", async () => {
    const sheet: SeedSheet = { ...ledger(10), conditionalFormats: [{ type: "Custom", areas: "A2:A11", formula: "=TRUE", fill: "#00FF00" }] };
    const double = wpsDouble({ sheets: [sheet] });
    const wb = createWpsWorkbook(double.app);
    const before = JSON.stringify(sheetByName(double.state.workbook, "台账")!.values);
    const marks: CellMark[] = [{ row: 3, column: 0, severity: "error" }, { row: 5, column: 2, severity: "warning" }];
    const result = await wb.markIssues("台账", marks);
    expect(result).toEqual({ cells: 2, formats: 2 });
    const model = sheetByName(double.state.workbook, "台账")!;
    expect(conditionalFillAt(model, 2, 0)).toBe("#FFC7CE");
    expect(conditionalFillAt(model, 4, 2)).toBe("#FFEB9C");
    expect(conditionalFillAt(model, 3, 0)).toBe("#00FF00");
    expect(JSON.stringify(model.values)).toBe(before);
    expect(model.conditionalFormats.filter((f) => f.formula === MARK_FORMULA)).toHaveLength(2);
    expect(await wb.clearMarks("台账")).toBe(2);
    expect(model.conditionalFormats.map((f) => f.formula)).toEqual(["=TRUE"]);
  });

  it("writes the result block right of the ledger and writes formula-like server text as text", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    await createWpsWorkbook(double.app).writeBack({
      sheetName: "台账", column: 6, headerRow: 1, headers: ["校验结果", "预警"], firstRow: 2, lastRow: 4,
      cells: new Map([[2, ["=HYPERLINK(\"x\")", "超期"]], [4, ["ok", "-1"]]]),
    });
    expect(cell(double, "台账", "G1")).toBe("校验结果");
    expect(cell(double, "台账", "G2")).toBe("=HYPERLINK(\"x\")");
    expect(sheetByName(double.state.workbook, "台账")!.formulas).toEqual({});
    expect(cell(double, "台账", "H4")).toBe("-1");
    expect(cell(double, "台账", "G3")).toBe("");
  });

  it("keeps settings in a very hidden sheet that survives, and gives the clerk's sheet back as active", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    const wb = createWpsWorkbook(double.app);
    expect(await wb.loadSetting("columnFixes")).toBeNull();
    const big = { fixes: Array.from({ length: 3000 }, (_, i) => `列${i}=承办单位`) };
    await wb.saveSetting("columnFixes", big);
    await wb.saveSetting("sheetUnits", { 台账: "南埔镇" });
    await wb.saveSetting("columnFixes", { fixes: [] });
    expect(await wb.loadSetting("columnFixes")).toEqual({ fixes: [] });
    expect(await wb.loadSetting("sheetUnits")).toEqual({ 台账: "南埔镇" });
    const hidden = sheetByName(double.state.workbook, SETTINGS_SHEET)!;
    expect(double.state.visibility[hidden.id]).toBe(2);
    expect(double.state.workbook.activeSheetId).toBe(sheetByName(double.state.workbook, "台账")!.id);
    expect(settingsOf(double.state, double.app)["tiaojie.sheetUnits"]).toBe(JSON.stringify({ 台账: "南埔镇" }));
    // A value longer than one cell holds is split over cells and read back whole.
    await wb.saveSetting("columnFixes", big);
    expect(await wb.loadSetting("columnFixes")).toEqual(big);
    const grids = await wb.readAllSheets();
    expect(grids.map((g) => g.sheetName)).toEqual(["台账"]);
  });

  it("never replaces a clerk's sheet of the same name: the report goes beside it, and later runs replace only the report", async () => {
    const double = wpsDouble({ sheets: [ledger(3), { name: "预警清单", values: [["clerk's own"]] }] });
    const wb = createWpsWorkbook(double.app);
    const report = { name: "预警清单", tableName: "Flags", headers: ["案件", "说明"], rows: [["A-1", "=1+1"]] as const };
    expect(await wb.writeReportSheet(report)).toBe("预警清单 (2)");
    expect(await wb.writeReportSheet(report)).toBe("预警清单 (2)");
    const names = double.state.workbook.sheets.map((s) => s.name);
    expect(names.filter((n) => n.startsWith("预警清单"))).toEqual(["预警清单", "预警清单 (2)"]);
    expect(cell(double, "预警清单", "A1")).toBe("clerk's own");
    expect(cell(double, "预警清单 (2)", "B2")).toBe("=1+1");
    expect(double.state.alertsShown).toBe(0);
  });

  it("draws a report's bar chart and its line charts beside the table, over the sheet's own cells", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    await createWpsWorkbook(double.app).writeReportSheet({
      name: "考评趋势", tableName: "Trend", headers: ["单位", "一月", "二月"], rows: [["南埔镇", 3, 4], ["涂岭镇", 5, 1]],
      chart: { title: "一月", labelColumn: 0, valueColumn: 1 },
      lineCharts: [{ title: "趋势", firstRow: 0, lastRow: 1, labelColumn: 0, lastValueColumn: 2 }],
    });
    const [bar, line] = sheetByName(double.state.workbook, "考评趋势")!.charts;
    expect(bar).toMatchObject({ type: "BarClustered", title: "一月", legendVisible: false, position: "E1:L18" });
    expect(bar.series.map((s) => [s.name, rectAddress(s.values), s.xValues && rectAddress(s.xValues)])).toEqual([["一月", "B2:B3", "A2:A3"]]);
    expect(line).toMatchObject({ type: "Line", seriesBy: "Rows", title: "趋势", position: "E1:L18" });
    expect(line.series.map((s) => [s.name, rectAddress(s.values), s.xValues && rectAddress(s.xValues)])).toEqual([["南埔镇", "B2:C2", "B1:C1"], ["涂岭镇", "B3:C3", "B1:C1"]]);
  });

  it("writes a laid-out sheet with merges, widths, formats and an A4 page repeating its header rows", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    const grid: Grid = {
      name: "考评排名",
      rows: [
        [{ v: "考评排名", style: "title" }],
        [{ v: "单位", style: "header" }, { v: "得分", style: "header" }],
        [{ v: "南埔镇", style: "cell" }, { v: 0.5, style: "miss", format: "0.0%" }],
      ],
      merges: [{ row: 0, col: 0, rows: 1, cols: 2 }],
      widths: [12, 8],
    };
    expect(await createWpsWorkbook(double.app).writeGridSheet(grid)).toBe("考评排名");
    const model = sheetByName(double.state.workbook, "考评排名")!;
    expect(model.merges.map(rectAddress)).toEqual(["A1:B1"]);
    expect(model.formats["2,1"]).toMatchObject({ numberFormat: "0.0%", fill: "#FFC7CE" });
    expect(model.formats["1,0"]).toMatchObject({ bold: true, fill: "#DDEBF7" });
    expect(double.state.columnWidths[model.id]).toEqual({ 0: 12, 1: 8 });
    expect(double.state.pageSetup[model.id]).toMatchObject({ PaperSize: 9, Orientation: 2, PrintTitleRows: "$2:$2", FitToPagesWide: 1 });
    expect(model.footer?.center).toContain("&P");
    expect(double.state.workbook.activeSheetId).toBe(model.id);
  });

  it("reads the active sheet with the selected rows and appends rows only while the space below is still empty", async () => {
    const double = wpsDouble({ sheets: [ledger(5)] });
    double.state.workbook.selection = { sheet: "台账", address: "A3:C4,B6" };
    const routing = createWpsRoutingWorkbook(double.app);
    const active = await routing.readActive();
    expect(active.selectedRows).toEqual([[3, 4], [6, 6]]);
    expect(active.values).toHaveLength(6);
    expect(await routing.appendRows("台账", 7, [["A-9", null, "南埔镇"]])).toBe(7);
    expect(cell(double, "台账", "C7")).toBe("南埔镇");
    await expect(routing.appendRows("台账", 7, [["A-10"]])).rejects.toThrow(/row 7/);
  });

  it("names itself WPS 表格 and takes WPS's UI language", () => {
    const double = wpsDouble({ sheets: [ledger(1)] });
    double.state.languageId = 1033;
    const host = wpsHost(double.app);
    expect(host.name).toBe("WPS 表格");
    expect(host.displayLanguage).toBe("en-US");
    expect(host.theme).toBeUndefined();
    expect(wpsHost(null).workbook).toBeNull();
  });
});

describe("the WPS 表格 workbook when something is not as expected", () => {
  it("says which sheet is gone when the clerk renamed it between validating and marking", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    const wb = createWpsWorkbook(double.app);
    await expect(wb.markIssues("旧台账", [{ row: 2, column: 0, severity: "error" }])).rejects.toThrow("找不到工作表“旧台账”：它可能已被改名或删除");
    await expect(createWpsRoutingWorkbook(double.app).appendRows("旧台账", 5, [["A"]])).rejects.toThrow("找不到工作表“旧台账”");
  });

  it("says to open the ledger's workbook when WPS has none open", async () => {
    const double = wpsDouble({ sheets: [ledger(3)] });
    const none = new Proxy(double.app, { get: (t, p) => (p === "ActiveWorkbook" || p === "ActiveSheet" ? null : Reflect.get(t, p)) });
    await expect(createWpsWorkbook(none).readSheet()).rejects.toThrow("WPS 表格中没有打开的工作簿：请先打开台账所在的工作簿");
    await expect(createWpsWorkbook(none).loadSetting("x")).rejects.toThrow("没有打开的工作簿");
    await expect(createWpsRoutingWorkbook(none).readActive()).rejects.toThrow("没有打开的工作簿");
  });

  it("refuses a sheet too large to validate after asking only its size", async () => {
    const values: CellScalar[][] = [["案件编号"]];
    values[999] = [];
    values[999][10_500] = "远处的一格";
    const double = wpsDouble({ sheets: [{ name: "台账", values }] });
    await expect(createWpsWorkbook(double.app).readSheet()).rejects.toBeInstanceOf(SheetTooLargeError);
    expect(double.state.calls.filter((c) => c.member === "Value2")).toEqual([]);
  });

  it("reads a ledger whose ruled, empty form runs down a million rows: only as far as its values go", async () => {
    const double = wpsDouble({ sheets: [ledger(30)] });
    const model = sheetByName(double.state.workbook, "台账")!;
    // The clerk bordered A1:Z1048576: WPS's used range spans it all, 27 million cells.
    model.formats["1048575,25"] = { fill: "#FFFFFF" };
    const grid = await createWpsWorkbook(double.app).readSheet();
    expect(grid.rowCount).toBe(31);
    expect(grid.columnCount).toBe(5);
    expect(grid.chunks).toBe(1);
    // Appending below the ledger asks where values end instead of reading the empty form.
    const before = double.state.calls.length;
    expect(await createWpsRoutingWorkbook(double.app).appendRows("台账", 32, [["A-99"]])).toBe(32);
    expect(double.state.calls.length - before).toBeLessThan(30);
    await expect(createWpsRoutingWorkbook(double.app).appendRows("台账", 32, [["A-100"]])).rejects.toBeInstanceOf(SheetChangedError);
  });

  it("says which names are taken when a clerk has every report name in use", async () => {
    const taken = ["预警清单", ...Array.from({ length: 8 }, (_, i) => `预警清单 (${i + 2})`)].map((name) => ({ name, values: [["台账员的表"]] }));
    const double = wpsDouble({ sheets: [ledger(1), ...taken] });
    await expect(createWpsWorkbook(double.app).writeReportSheet({ name: "预警清单", tableName: "F", headers: ["a"], rows: [] }))
      .rejects.toThrow("工作表“预警清单”到“预警清单 (9)”都已存在，且不是本插件写的");
    expect(double.state.workbook.sheets).toHaveLength(10);
  });

  it("finds WPS's Application through wps.EtApplication() or the Application global, and none in a plain browser", () => {
    const g = globalThis as { wps?: unknown; Application?: unknown };
    const double = wpsDouble({ sheets: [ledger(1)] });
    try {
      expect(wpsApplication()).toBeNull();
      g.Application = double.app;
      expect(wpsApplication()).toBe(double.app);
      delete g.Application;
      g.wps = { EtApplication: () => double.app };
      expect(wpsApplication()).toBe(double.app);
      g.wps = { EtApplication: () => { throw new Error("not in WPS"); } };
      expect(wpsApplication()).toBeNull();
    } finally {
      delete g.wps;
      delete g.Application;
    }
  });
});

describe("WPS value and address helpers", () => {
  it("reads one cell, flat rows of older builds and empty cells the same way", () => {
    expect(valueRows("x", 1, 1)).toEqual([["x"]]);
    expect(valueRows(["a", null], 1, 2)).toEqual([["a", ""]]);
    expect(valueRows(["a", "b"], 2, 1)).toEqual([["a"], ["b"]]);
    expect(valueRows([[1, undefined]], 1, 2)).toEqual([[1, ""]]);
  });

  it("reads an array-like answer as an array and a short answer as empty cells, so later rows never shift", () => {
    const arrayLike = { length: 2, 0: { length: 2, 0: "a", 1: "b" }, 1: { length: 2, 0: 1, 1: null } };
    expect(valueRows(arrayLike, 2, 2)).toEqual([["a", "b"], [1, ""]]);
    expect(valueRows([["a"]], 2, 3)).toEqual([["a", "", ""], ["", "", ""]]);
    expect(valueRows(null, 1, 2)).toEqual([["", ""]]);
  });

  it("keeps every multi-area address within COM's 255 characters", () => {
    const areas = Array.from({ length: 200 }, (_, i) => `A${i * 2 + 1}:C${i * 2 + 1}`);
    const lists = addressLists(areas);
    expect(lists.every((l) => l.length <= 255)).toBe(true);
    expect(lists.join(",")).toBe(areas.join(","));
  });
});
