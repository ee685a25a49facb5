// An older Excel (Office 2019's ExcelApi 1.7, or older) opens the pane: what it lacks is found from the requirement
// sets it claims, the pane says so in one line, and the Excel workbooks take the way that Excel allows, never calling
// an API above it (the Excel double records and refuses such calls, as an older Excel does).
import { describe, expect, it } from "vitest";
import { excelCapabilities, excelLimits } from "../../addin/hosts/excel/capabilities.ts";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import { createRoutingWorkbook } from "../../addin/hosts/excel/excel-routing-workbook.ts";
import { MARK_FORMULA } from "../../addin/hosts/excel/marks.ts";
import { limitsLine } from "../../addin/pane/ui/app.ts";
import type { CellMark } from "../../addin/hosts/ledger-workbook.ts";
import { trendReport } from "../../addin/pane/logic/trend-sheet.ts";
import type { Trend } from "../../ledger/api/trend.ts";
import { DEFAULT_WEIGHTS } from "../../worker/assessment/config.ts";
import { rectAddress } from "../support/excel-double/address.ts";
import { sheetByName } from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { syncKinds } from "../support/excel-double/recorder.ts";
import { SEVERITY_FILL } from "../../addin/hosts/shared/colours.ts";

const claims = (version: string) => excelDouble({ sheets: [{ name: "台账", values: [["案件编号"]] }] }, { excelApi: version }).isSetSupported;

function ledger(version: string) {
  const values = [["案件编号", "承办单位", "申请人", "调解员"], ...Array.from({ length: 30 }, (_, i) => [`NP-${i + 1}`, "南埔镇", `申请人${i}`, i % 7 === 0 ? "" : "陈"])];
  const excel = excelDouble({ sheets: [{ name: "台账", values }] }, { excelApi: version });
  const capabilities = excelCapabilities(excel.isSetSupported);
  return { ...excel, capabilities, workbook: createExcelWorkbook({ run: excel.run, capabilities }), routing: createRoutingWorkbook({ run: excel.run, capabilities }) };
}

/** Scattered marks: every third row's applicant (error), plus two warnings side by side. */
const MARKS: CellMark[] = [
  ...Array.from({ length: 10 }, (_, i) => ({ row: 2 + i * 3, column: 2, severity: "error" as const })),
  { row: 4, column: 3, severity: "warning" }, { row: 5, column: 3, severity: "warning" },
];

const none = { num: 0, den: 0, rate: null };
const NO_INDICATORS = { acceptance: none, success: none, onTime: none, commitments: none, preSuit: none, ledgerQuality: none, review: none };
const TREND: Trend = {
  from: "2026-01", to: "2026-02", by: "month", asOf: "2026-03-01", method: "wilson-lower",
  periods: ["2026-01", "2026-02"].map((period) => ({ period, weights: DEFAULT_WEIGHTS, weightsSource: "default" as const })),
  units: [{ unit: "南埔镇", kind: "town", points: ["2026-01", "2026-02"].map((period) => ({ period, score: 50, rank: 1, ranked: 1, indicators: NO_INDICATORS })) }],
};

describe("what an older Excel can do", () => {
  it("follows the requirement sets it claims: Office 2019 (1.7) lacks merged cells, Ctrl-click areas, axis formats and page numbers", () => {
    expect(excelCapabilities(claims("1.7"))).toEqual({ workbook: true, marks: true, charts: true, chartNumberFormat: false, rangeAreas: false, freezePanes: true, pageLayout: false, mergedAreas: false });
    expect(excelLimits(excelCapabilities(claims("1.7")))).toEqual(["mergedCells", "multiAreaSelection", "chartNumberFormat", "pageNumbers"]);
    expect(excelLimits(excelCapabilities(claims("1.13")))).toEqual([]);
    expect(excelLimits(excelCapabilities(claims("1.9")))).toEqual(["mergedCells"]);
    expect(excelLimits(excelCapabilities(claims("1.5")))).toEqual(["marks", "mergedCells", "multiAreaSelection", "charts", "pageNumbers"]);
    // Below settings and null objects the workbook is not touched at all, and that is all there is to say.
    expect(excelLimits(excelCapabilities(claims("1.3")))).toEqual(["workbook"]);
  });

  it("is told in one line, in Chinese unless Office speaks English", () => {
    const limits = excelLimits(excelCapabilities(claims("1.7")));
    expect(limitsLine("zh-CN", "Excel", limits)).toBe(
      "此 Excel 版本较旧：不能读取合并单元格（合并的标题行只按文字识别），“选中行”只认按住 Ctrl 选的第一块区域，报表图表的坐标轴不带数字格式，报表打印时页脚没有页码。升级到新版本后即可全部使用。",
    );
    expect(limitsLine("en", "Excel", ["marks"])).toBe("This version of Excel is older: it cannot colour the cells with issues (they are listed in the pane only). A newer version does all of it.");
    expect(limitsLine("zh-CN", "Excel", [])).toBeNull();
    expect(limitsLine("zh-CN", "Excel", undefined)).toBeNull();
  });
});

describe("the Excel workbooks on Office 2019 (ExcelApi 1.7)", () => {
  it("reads the sheet and marks scattered issues with one format per area, in one write sync, calling nothing above 1.7", async () => {
    const excel = ledger("1.7");
    const grid = await excel.workbook.readSheet();
    expect(grid.rowCount).toBe(31);
    expect(grid.merges).toBeUndefined();
    const before = excel.state.recorder.syncs.length;
    const result = await excel.workbook.markIssues("台账", MARKS);
    expect(syncKinds(excel.state.recorder, before)).toEqual(["write"]);
    const formats = sheetByName(excel.state.workbook, "台账")!.conditionalFormats;
    expect(result).toEqual({ cells: 12, formats: formats.length });
    // Each is our marker rule on plain ranges: the ten error cells, and the two warnings as one area.
    expect(formats.every((f) => f.formula === MARK_FORMULA && f.areas.length === 1)).toBe(true);
    expect(formats.filter((f) => f.fill === SEVERITY_FILL.warning).map((f) => rectAddress(f.areas[0]))).toEqual(["D4:D5"]);
    expect(formats.filter((f) => f.fill === SEVERITY_FILL.error).map((f) => rectAddress(f.areas[0])).sort()).toEqual(
      MARKS.filter((m) => m.severity === "error").map((m) => `C${m.row}`).sort(),
    );
    expect(excel.state.recorder.aboveSet).toEqual([]);
  });

  it("replaces its own marks on the next validation and clears them, leaving none behind", async () => {
    const excel = ledger("1.7");
    await excel.workbook.readSheet();
    await excel.workbook.markIssues("台账", MARKS);
    await excel.workbook.readSheet();
    await excel.workbook.markIssues("台账", MARKS.slice(0, 2));
    expect(sheetByName(excel.state.workbook, "台账")!.conditionalFormats).toHaveLength(2);
    expect(await excel.workbook.clearMarks("台账")).toBe(2);
    expect(sheetByName(excel.state.workbook, "台账")!.conditionalFormats).toHaveLength(0);
    expect(excel.state.recorder.aboveSet).toEqual([]);
  });

  it("marks thousands of areas in write syncs of at most 500 formats each", async () => {
    const values = Array.from({ length: 2_401 }, (_, r) => [r === 0 ? "案件编号" : `NP-${r}`, "x"]);
    const excel = excelDouble({ sheets: [{ name: "台账", values }] }, { excelApi: "1.8" });
    const wb = createExcelWorkbook({ run: excel.run, capabilities: excelCapabilities(excel.isSetSupported) });
    // Every other row: 1,200 separate areas.
    const marks = Array.from({ length: 1_200 }, (_, i) => ({ row: 2 + i * 2, column: 1, severity: "error" as const }));
    const result = await wb.markIssues("台账", marks);
    expect(result).toEqual({ cells: 1_200, formats: 1_200 });
    expect(syncKinds(excel.state.recorder).filter((k) => k === "write")).toHaveLength(3);
    expect(excel.state.recorder.aboveSet).toEqual([]);
  });

  it("keeps settings, writes a report with its charts but without axis formats or page numbers", async () => {
    const excel = ledger("1.7");
    await excel.workbook.saveSetting("columns", { 调解员: "D" });
    expect(await excel.workbook.loadSetting("columns")).toEqual({ 调解员: "D" });
    const [name] = await excel.workbook.writeGridSheets(trendReport(TREND, "zh-CN"));
    const sheet = sheetByName(excel.state.workbook, name)!;
    expect(sheet.charts).toHaveLength(1);
    // The months' header sits under the title, 填报单位 and the period (row 4).
    expect(sheet.charts[0].series[0].xValues && rectAddress(sheet.charts[0].series[0].xValues)).toBe("B4:C4");
    expect(sheet.footer).toBeUndefined();
    expect(excel.state.recorder.aboveSet).toEqual([]);
  });

  it("reads the selection as its first area: a Ctrl-click selection's other areas are not seen", async () => {
    const excel = ledger("1.7");
    excel.state.workbook.selection = { sheet: "台账", address: "A3:D3,A5:D7" };
    const read = await excel.routing.readActive();
    expect(read.selectedRows).toEqual([[3, 3]]);
    expect(excel.state.recorder.aboveSet).toEqual([]);
    // Excel on the web sees both areas.
    const current = ledger("1.13");
    current.state.workbook.selection = { sheet: "台账", address: "A3:D3,A5:D7" };
    expect((await current.routing.readActive()).selectedRows).toEqual([[3, 3], [5, 7]]);
  });
});

describe("the Excel workbooks below conditional formats (ExcelApi 1.5) and charts (1.6)", () => {
  it("validate without marking, clear nothing, and write reports without charts, never calling above the set", async () => {
    for (const version of ["1.5", "1.6"]) {
      const excel = ledger(version);
      await excel.workbook.readSheet();
      const marked = await excel.workbook.markIssues("台账", MARKS);
      const [name] = await excel.workbook.writeGridSheets(trendReport(TREND, "zh-CN"));
      expect(sheetByName(excel.state.workbook, name)!.charts).toHaveLength(0);
      expect(excel.state.recorder.aboveSet).toEqual([]);
      if (version === "1.5") {
        expect(marked).toEqual({ cells: 0, formats: 0 });
        expect(await excel.workbook.clearMarks("台账")).toBe(0);
      } else {
        expect(marked.cells).toBe(12);
      }
    }
  });
});

describe("the Excel double claiming an older Excel", () => {
  it("answers isSetSupported by its claim and refuses an API above it at sync, recording the call", async () => {
    const excel = excelDouble({ sheets: [{ name: "台账", values: [["a"]] }] }, { excelApi: "1.7" });
    expect(excel.isSetSupported("ExcelApi", "1.7")).toBe(true);
    expect(excel.isSetSupported("ExcelApi", "1.8")).toBe(false);
    await expect(excel.run(async (context) => {
      context.workbook.worksheets.getActiveWorksheet().getRanges("A1,B2").load("address");
      await context.sync();
    })).rejects.toMatchObject({ code: "ApiNotFound" });
    expect(excel.state.recorder.aboveSet).toEqual(["Worksheet.getRanges (ExcelApi 1.9)"]);
    expect(() => excelDouble({ sheets: [] }, { excelApi: "2.0" })).toThrow('ExcelApi version "2.0" is not 1.x');
  });
});
