// One contract, every host: the same seeds through the Excel host (over the Excel double) and the WPS 表格 host (over
// the WPS double) must give the clerk the same observable results — values read with their merged areas, the
// headings those reveal, marks that never touch the clerk's fills and go away exactly, the result block, report sheets
// beside a clerk's sheet of the same name, settings, server text kept as text — each within its host's cost per block.
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import { markedCellCount, planMarkGroups } from "../../addin/hosts/shared/cells.ts";
import { createRoutingWorkbook } from "../../addin/hosts/excel/excel-routing-workbook.ts";
import { createWpsWorkbook } from "../../addin/hosts/wps/wps-ledger-workbook.ts";
import { createWpsRoutingWorkbook } from "../../addin/hosts/wps/wps-routing-workbook.ts";
import type { LedgerWorkbook } from "../../addin/hosts/ledger-workbook.ts";
import type { RoutingWorkbook } from "../../addin/hosts/routing-workbook.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { runValidation } from "../../addin/pane/logic/validate.ts";
import { parseRect, rectAddress } from "../support/excel-double/address.ts";
import { conditionalFillAt, readValues, sheetByName, type CellScalar, type WorkbookModel, type WorkbookSeed } from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { seedFromXlsx } from "../support/excel-double/seed.ts";
import { wpsDouble } from "../support/wps-double/node.ts";
import { settingsOf } from "../support/wps-double/settings.ts";
import { BLOCKS_UNIT, blocksLedger } from "../fixtures/blocks-ledger.ts";
import { reportGrids } from "../fixtures/report-grids.ts";
import { GRID_FONT_POINTS, type Grid, type GridStyle } from "../../ledger/reports/grid.ts";

const BLOCKS = path.resolve(import.meta.dirname, "../../samples/houlong-2026-blocks.xlsx");
const TODAY = "2026-11-25";

interface Opened {
  workbook: LedgerWorkbook;
  routing: RoutingWorkbook;
  model: () => WorkbookModel;
  settings: () => Record<string, unknown>;
  /** What the host spent so far: Excel syncs, or WPS calls. */
  cost: () => number;
}

interface HostUnderTest {
  name: string;
  open(seed: WorkbookSeed): Opened;
  /** The most the host may spend to read `chunks` blocks of values (with no merged areas). */
  readBudget(chunks: number): number;
  /** The most the host may spend to put down `formats` conditional formats of marks (a fresh sheet, no earlier marks). */
  markBudget(formats: number): number;
}

const g = globalThis as { Office?: unknown };

const HOSTS: HostUnderTest[] = [
  {
    name: "Excel",
    open(seed) {
      const { state, run } = excelDouble(seed);
      return {
        workbook: createExcelWorkbook({ run }),
        routing: createRoutingWorkbook({ run }),
        model: () => state.workbook,
        settings: () => state.workbook.settings,
        cost: () => state.recorder.syncs.length,
      };
    },
    // One size sync, one per block.
    readBudget: (chunks) => 1 + chunks,
    // One read sync listing the formats, one write sync.
    markBudget: () => 2,
  },
  {
    name: "WPS 表格",
    open(seed) {
      const { state, app } = wpsDouble(seed);
      return {
        workbook: createWpsWorkbook(app),
        routing: createWpsRoutingWorkbook(app),
        model: () => state.workbook,
        settings: () => settingsOf(state, app),
        cost: () => state.calls.length,
      };
    },
    // A few calls for the sheet and its size, then per block one Range, its Value2 and one MergeCells probe.
    readBudget: (chunks) => 10 + 4 * chunks,
    // Per format: a Range per ≤ 255-character address (≤ 7,000 characters: 28), their Union, the rule and its colour.
    markBudget: (formats) => 10 + 40 * formats,
  },
];

const HEADERS = ["案件编号", "收案日期", "承办单位", "申请人", "争议概要"];

function ledgerSeed(rows: number, extra: Partial<WorkbookSeed> = {}): WorkbookSeed {
  const values: CellScalar[][] = [HEADERS];
  for (let r = 2; r <= rows + 1; r++) values.push([`A-${r}`, 46000 + (r % 300), `单位${r % 7}`, `申请人${r}`, `申请人对征地补偿标准有异议第${r}号`]);
  return { sheets: [{ name: "台账", values }], ...extra };
}

function valueAt(model: WorkbookModel, sheet: string, address: string): CellScalar | string {
  return readValues(sheetByName(model, sheet)!, parseRect(address)!)[0][0];
}

describe.each(HOSTS)("the workbook contract in $name", (host) => {
  beforeEach(() => {
    // Excel lists merged areas from ExcelApi 1.13 (Excel 2021, Microsoft 365, the web).
    g.Office = { context: { requirements: { isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= 13 } } };
  });
  afterEach(() => {
    delete g.Office;
  });

  it("reads a ledger kept in monthly blocks with its merged areas: the same cases, the same headings skipped", async () => {
    const opened = host.open(await seedFromXlsx(BLOCKS));
    const grid = await opened.workbook.readSheet();
    const laid = blocksLedger();
    const validation = runValidation(grid.values, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, defaultUnit: BLOCKS_UNIT, merges: grid.merges })!;
    expect(validation.result.rows.map((r) => r.row)).toEqual(laid.caseRows);
    expect(validation.result.issues).toEqual([]);
    expect(validation.result.skipped).toEqual({ ...laid.notCases, below: [], end: laid.notCases!.note[0] });
  });

  it("reads a large sheet in blocks of at most 4 MB, spending per block, never per row", async () => {
    const opened = host.open(ledgerSeed(60_000));
    const grid = await opened.workbook.readSheet();
    expect(grid.rowCount).toBe(60_001);
    expect(grid.values[60_000][0]).toBe("A-60001");
    expect(grid.chunks).toBeGreaterThan(1);
    expect(opened.cost()).toBeLessThanOrEqual(host.readBudget(grid.chunks));
  });

  it("marks issues without touching values or the clerk's fills, and clear marks removes exactly ours", async () => {
    const seed = ledgerSeed(10, {});
    seed.sheets[0].conditionalFormats = [{ type: "Custom", areas: "B2:B11", formula: "=TRUE", fill: "#00B050" }];
    const opened = host.open(seed);
    const before = JSON.stringify(sheetByName(opened.model(), "台账")!.values);
    await opened.workbook.readSheet();
    const result = await opened.workbook.markIssues("台账", [
      { row: 3, column: 0, severity: "error" }, { row: 4, column: 0, severity: "error" }, { row: 6, column: 3, severity: "warning" },
    ]);
    expect(result.cells).toBe(3);
    const sheet = sheetByName(opened.model(), "台账")!;
    expect(conditionalFillAt(sheet, 2, 0)).toBe("#FFC7CE");
    expect(conditionalFillAt(sheet, 5, 3)).toBe("#FFEB9C");
    expect(conditionalFillAt(sheet, 2, 1)).toBe("#00B050");
    expect(JSON.stringify(sheet.values)).toBe(before);
    expect(Object.values(sheet.formats).some((f) => f.fill)).toBe(false);
    expect(await opened.workbook.clearMarks("台账")).toBeGreaterThan(0);
    expect(sheetByName(opened.model(), "台账")!.conditionalFormats.map((f) => f.formula)).toEqual(["=TRUE"]);
    expect(await opened.workbook.clearMarks("台账")).toBe(0);
  });

  it("marks 10,000 scattered issues in as many conditional formats as there are groups of 400 areas, spending per format", async () => {
    const opened = host.open(ledgerSeed(4_000));
    const marks = Array.from({ length: 10_000 }, (_, i) => ({ row: 2 + ((i * 7) % 4_000), column: (i * 3) % 5, severity: i % 3 === 0 ? "warning" as const : "error" as const }));
    const groups = planMarkGroups(marks);
    const before = opened.cost();
    const result = await opened.workbook.markIssues("台账", marks);
    expect(result.formats).toBe(groups.length);
    expect(result.cells).toBe(markedCellCount(groups));
    expect(opened.cost() - before).toBeLessThanOrEqual(host.markBudget(groups.length));
    const sheet = sheetByName(opened.model(), "台账")!;
    expect(conditionalFillAt(sheet, marks[1].row - 1, marks[1].column)).toBe("#FFC7CE");
    expect(conditionalFillAt(sheet, marks[0].row - 1, marks[0].column)).toBe(marks.some((m) => m.row === marks[0].row && m.column === marks[0].column && m.severity === "error") ? "#FFC7CE" : "#FFEB9C");
    expect(await opened.workbook.clearMarks("台账")).toBe(groups.length);
  });

  it("writes the result block right of the ledger, server text that looks like a formula as text", async () => {
    const opened = host.open(ledgerSeed(3));
    await opened.workbook.writeBack({
      sheetName: "台账", column: 6, headerRow: 1, headers: ["校验结果", "预警"], firstRow: 2, lastRow: 4,
      cells: new Map([[2, ["=SUM(A1:A9)", "+86 电话"]], [3, ["@张三", "通过"]]]),
    });
    const model = opened.model();
    expect(valueAt(model, "台账", "G1")).toBe("校验结果");
    expect(valueAt(model, "台账", "G2")).toBe("=SUM(A1:A9)");
    expect(valueAt(model, "台账", "H2")).toBe("+86 电话");
    expect(valueAt(model, "台账", "G3")).toBe("@张三");
    expect(valueAt(model, "台账", "G4")).toBe("");
    expect(sheetByName(model, "台账")!.formulas).toEqual({});
    expect(valueAt(model, "台账", "E2")).toBe("申请人对征地补偿标准有异议第2号");
  });

  it("puts a report beside a clerk's sheet of the same name and later replaces only its own", async () => {
    const opened = host.open(ledgerSeed(3, { sheets: [...ledgerSeed(3).sheets, { name: "预警清单", values: [["台账员自己的表"]] }] }));
    const report = { name: "预警清单", tableName: "Flags", headers: ["案件编号", "说明"], rows: [["A-2", "-5 天"]] as const };
    expect(await opened.workbook.writeReportSheet(report)).toBe("预警清单 (2)");
    expect(await opened.workbook.writeReportSheet(report)).toBe("预警清单 (2)");
    const model = opened.model();
    expect(model.sheets.map((s) => s.name).filter((n) => n.startsWith("预警清单"))).toEqual(["预警清单", "预警清单 (2)"]);
    expect(valueAt(model, "预警清单", "A1")).toBe("台账员自己的表");
    expect(valueAt(model, "预警清单 (2)", "B2")).toBe("-5 天");
  });

  it("writes a report of several laid-out sheets with the same native charts, beside a clerk's sheet of the same name", async () => {
    const { units, trend } = reportGrids("=法院委派");
    const opened = host.open(ledgerSeed(3, { sheets: [...ledgerSeed(3).sheets, { name: "月度趋势", values: [["我自己的笔记"]] }] }));
    expect(await opened.workbook.writeGridSheets([units, trend])).toEqual(["法院委派", "月度趋势 (2)"]);
    expect(await opened.workbook.writeGridSheets([units, trend])).toEqual(["法院委派", "月度趋势 (2)"]);
    const model = opened.model();
    expect(valueAt(model, "月度趋势", "A1")).toBe("我自己的笔记");
    expect(valueAt(model, "月度趋势 (2)", "A3")).toBe("=法院委派");
    const charts = (name: string) => sheetByName(model, name)!.charts.map((c) => ({
      type: c.type, seriesBy: c.seriesBy, title: c.title, legendVisible: c.legendVisible, position: c.position,
      valueFormat: c.valueFormat ?? null, reversed: c.categoriesReversed ?? false,
      series: c.series.map((x) => [x.name, rectAddress(x.values), x.xValues && rectAddress(x.xValues)]),
    }));
    expect(charts("法院委派")).toEqual([
      { type: "BarClustered", seriesBy: "Columns", title: "结果", legendVisible: true, position: "A5:F19", valueFormat: null, reversed: true,
        series: [["成功", "B2:B3", "A2:A3"], ["不成功", "C2:C3", "A2:A3"]] },
      { type: "ColumnClustered", seriesBy: "Columns", title: "成功率", legendVisible: false, position: "A21:F35", valueFormat: "0%", reversed: false,
        series: [["成功率", "D2:D3", "A2:A3"]] },
    ]);
    expect(charts("月度趋势 (2)")).toEqual([
      { type: "Line", seriesBy: "Rows", title: "受理趋势", legendVisible: true, position: "A5:H19", valueFormat: null, reversed: false,
        series: [["群众申请", "B2:C2", "B1:C1"], ["=法院委派", "B3:C3", "B1:C1"]] },
    ]);
  });

  it("prints a laid-out sheet on A4 fitted to the width, its header rows repeated and frozen, a new page before each section", async () => {
    const cell = (v: string | number | null, style: GridStyle = "cell") => ({ v, style });
    const grid: Grid = {
      name: "法院委派明细",
      rows: [
        [cell("法院委派委托案件明细", "title")],
        [cell("单位", "header"), cell("成功", "header"), cell("不成功", "header"), cell("备注", "header")],
        [cell("单位", "header"), cell("件", "header"), cell("件", "header"), cell("", "header")],
        ...Array.from({ length: 40 }, (_, i) => [cell(`单位${i + 1}`), cell(i), cell(i % 3), cell(null)]),
        [cell("二、区直部门", "heading")],
        [cell("说明：空白为本期没有案件。各单位按收案日期计入本期；调解成功、调解不成功按结案日期计入本期；法院委派、委托案件另见第一部分，此处不重复计算。", "note")],
      ],
      merges: [{ row: 0, col: 0, rows: 1, cols: 4 }, { row: 44, col: 0, rows: 1, cols: 4 }],
      widths: [14, 8, 8, 10],
      page: { orientation: "portrait" },
      headerRows: { first: 1, last: 2 },
      frozenCols: 1,
      breaksBefore: [43],
      locale: "zh-CN",
    };
    const opened = host.open(ledgerSeed(3));
    await opened.workbook.writeGridSheets([grid]);
    const sheet = sheetByName(opened.model(), "法院委派明细")!;
    expect(sheet.print).toEqual({ paper: "A4", orientation: "portrait", fitWide: 1, fitTall: 0, titleRows: "$2:$3", breaksBefore: [43] });
    expect(sheet.frozen).toEqual({ rows: 3, columns: 1 });
    expect(sheet.footer).toEqual({ left: "&A", center: "第 &P 页，共 &N 页" });
    // Fonts as the layout's print scale assumes them: body 11 pt, the title larger, notes in italics.
    expect(sheet.formats["0,0"]?.fontSize).toBe(GRID_FONT_POINTS.title);
    expect(sheet.formats["43,0"]?.fontSize).toBe(GRID_FONT_POINTS.heading);
    expect(sheet.formats["5,1"]?.fontSize).toBe(GRID_FONT_POINTS.cell);
    expect(sheet.formats["44,0"]?.italic).toBe(true);
    // The merged note is as tall as its wrapped lines (a host grows no merged row itself); a one-line row is left alone.
    expect(sheet.rowHeights?.[44]).toBeGreaterThanOrEqual(3 * 15);
    expect(sheet.rowHeights?.[5]).toBeUndefined();
    // The ledger the clerk keeps is not touched.
    expect(sheetByName(opened.model(), "台账")!.print).toBeUndefined();
    expect(sheetByName(opened.model(), "台账")!.frozen).toBeUndefined();
  });

  it("draws parts of a whole stacked, empty cells as gaps, every category labelled and a series without figures left out", async () => {
    const cell = (v: string | number | null, style: GridStyle = "cell") => ({ v, style });
    const grid: Grid = {
      name: "办结结果",
      rows: [
        [cell("单位", "header"), cell("成功", "header"), cell("不成功", "header"), cell("撤回", "header")],
        [cell("山腰街道"), cell(12), cell(3), cell(null)],
        [cell("峰尾镇"), cell(null), cell(5), cell(null)],
      ],
      merges: [], widths: [12, 8, 8, 8], headerRows: { first: 0, last: 0 }, locale: "en",
      charts: [{ kind: "stackedBar", title: "办结结果", headerRow: 0, firstRow: 1, lastRow: 2, labelCol: 0, firstValueCol: 1, lastValueCol: 3, seriesIn: "columns", at: { row: 4, col: 0, rows: 15, cols: 6 } }],
    };
    const opened = host.open(ledgerSeed(3));
    await opened.workbook.writeGridSheets([grid]);
    const sheet = sheetByName(opened.model(), "办结结果")!;
    const [chart] = sheet.charts;
    expect(chart).toMatchObject({ type: "BarStacked", blanksAs: "NotPlotted", labelSpacing: 1, categoriesReversed: true, legendVisible: true });
    expect(chart.series.map((x) => [x.name, rectAddress(x.values)])).toEqual([["成功", "B2:B3"], ["不成功", "C2:C3"]]);
    expect(sheet.footer).toEqual({ left: "&A", center: "Page &P of &N" });
  });

  it("keeps settings in the workbook across a reopen of the pane", async () => {
    const opened = host.open(ledgerSeed(3));
    await opened.workbook.saveSetting("columnFixes", { 承办单位: "C" });
    expect(JSON.parse(String(opened.settings()["tiaojie.columnFixes"]))).toEqual({ 承办单位: "C" });
    // The pane reopens on the same workbook: a fresh host over the same document.
    const again = host.open({ sheets: [], settings: opened.settings() });
    expect(await again.workbook.loadSetting("columnFixes")).toEqual({ 承办单位: "C" });
    expect(await again.workbook.loadSetting("nothing")).toBeNull();
  });

  it("reads the selected rows of the active sheet and appends rows below the ledger", async () => {
    const opened = host.open(ledgerSeed(5));
    opened.model().selection = { sheet: "台账", address: "A3:E4,B6" };
    const active = await opened.routing.readActive();
    expect(active.sheetName).toBe("台账");
    expect(active.selectedRows).toEqual([[3, 4], [6, 6]]);
    expect(active.values[5][0]).toBe("A-6");
    expect(await opened.routing.appendRows("台账", 7, [["A-99", null, "=南埔镇"]])).toBe(7);
    expect(valueAt(opened.model(), "台账", "C7")).toBe("=南埔镇");
    await expect(opened.routing.appendRows("台账", 7, [["A-100"]])).rejects.toThrow();
  });
});
