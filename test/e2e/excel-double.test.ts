// The Excel double keeps Office.js's rules, so the browser tests cannot pass on code that real Excel would refuse.
import { describe, expect, it } from "vitest";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import type { CellScalar } from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";

function double(values: CellScalar[][] = [["案件编号", "申请人"], ["SY-1", "王"]]) {
  return excelDouble({ sheets: [{ name: "台账", values }, { name: "其他", values: [] }] });
}

describe("the Excel double behaves like Excel", () => {
  it("refuses to give a property that was not loaded and synced, as Excel does", async () => {
    const { run } = double();
    await run(async (context) => {
      const range = context.workbook.worksheets.getItem("台账").getRange("A1:B2");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      range.load("values");
      expect(() => range.values).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(range.values).toEqual([["案件编号", "申请人"], ["SY-1", "王"]]);
      expect(() => range.rowCount).toThrow(/load method/);
    });
  });

  it("answers isNullObject only after a sync, and a missing sheet fails the sync with ItemNotFound", async () => {
    const { run } = double();
    await run(async (context) => {
      const missing = context.workbook.worksheets.getItemOrNullObject("没有");
      expect(() => missing.isNullObject).toThrow(expect.objectContaining({ code: "PropertyNotLoaded" }));
      await context.sync();
      expect(missing.isNullObject).toBe(true);
      context.workbook.worksheets.getItem("没有");
      await expect(context.sync()).rejects.toMatchObject({ code: "ItemNotFound" });
    });
  });

  it("runs queued writes only at sync, and an object outlives its Excel.run no more than in Excel", async () => {
    const { run, state } = double();
    let kept: Excel.Range | null = null;
    await run(async (context) => {
      kept = context.workbook.worksheets.getItem("台账").getRange("C1");
      kept.values = [["'=1+1"]];
      expect(state.workbook.sheets[0].values[0][2]).toBeUndefined();
      await context.sync();
    });
    expect(state.workbook.sheets[0].values[0][2]).toBe("=1+1");
    expect(state.workbook.sheets[0].formulas).toEqual({});
    expect(() => (kept!.values = [["x"]])).toThrow(expect.objectContaining({ code: "InvalidObjectPath" }));
  });

  it("refuses values that do not fit the range, and text starting with = becomes a formula", async () => {
    const { run, state } = double();
    await run(async (context) => {
      context.workbook.worksheets.getItem("台账").getRange("A1:B1").values = [["only one"]];
      await expect(context.sync()).rejects.toMatchObject({ code: "InvalidArgument" });
      context.workbook.worksheets.getItem("台账").getRange("D2").values = [["=HYPERLINK(\"x\")"]];
      await context.sync();
    });
    expect(state.workbook.sheets[0].formulas).toEqual({ "1,3": "=HYPERLINK(\"x\")" });
  });

  it("refuses a read answer over 5 MB, as Excel on the web does", async () => {
    const wide = Array.from({ length: 3_000 }, (_, r) => Array.from({ length: 20 }, (_, c) => `${"长".repeat(30)}${r}-${c}`));
    const { run } = double(wide);
    await run(async (context) => {
      context.workbook.worksheets.getItem("台账").getRange("A1:T3000").load("values");
      await expect(context.sync()).rejects.toMatchObject({ code: "ResponsePayloadSizeLimitExceeded" });
    });
  });

  it("records every sync and write the add-in's Excel layer makes", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => [`SY-${i}`, "王"]);
    const { run, state } = double([["案件编号", "申请人"], ...rows]);
    const wb = createExcelWorkbook({ run });
    const grid = await wb.readSheet();
    expect(grid).toMatchObject({ sheetName: "台账", rowCount: 51, columnCount: 2, chunks: 1 });
    expect(grid.values[50]).toEqual(["SY-49", "王"]);
    const result = await wb.markIssues("台账", [{ row: 3, column: 1, severity: "error" }, { row: 4, column: 1, severity: "error" }]);
    expect(result).toEqual({ cells: 2, formats: 1 });
    expect(state.workbook.sheets[0].conditionalFormats.map((f) => f.fill)).toEqual(["#FFC7CE"]);
    expect(state.recorder.syncs.length).toBeGreaterThanOrEqual(3);
    expect(state.recorder.writes.filter((w) => w.kind === "values")).toEqual([]);
    await wb.markIssues("台账", [{ row: 5, column: 0, severity: "warning" }]);
    expect(state.workbook.sheets[0].conditionalFormats.map((f) => f.fill)).toEqual(["#FFEB9C"]);
  });
});
