import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { displayWidth, fitColumnWidths, wrappedLines, wrappedRowHeight } from "../../cli/lib/sheet-fit.ts";

describe("row heights for wrapped cells in the workbooks the CLI writes", () => {
  it("counts a Chinese character as two column units and Latin text as a little under one", () => {
    expect(displayWidth("调解")).toBe(4);
    expect(displayWidth("ab")).toBeCloseTo(1.8);
    expect(displayWidth("（）")).toBe(4);
  });

  it("gives each line break its own line and wraps a long line by the column's width", () => {
    expect(wrappedLines("理由\nReason", 10)).toBe(2);
    expect(wrappedLines("领".repeat(40), 21)).toBe(4);
    expect(wrappedLines("", 10)).toBe(1);
  });

  it("sizes a row by its tallest cell, so a two-line reason is never drawn over the next row", () => {
    expect(wrappedRowHeight(["短", "第一行\n第二行"], [10, 70])).toBeGreaterThanOrEqual(30);
    expect(wrappedRowHeight(["短", "一行"], [10, 70])).toBeLessThan(30);
  });

  it("widens a column to its longest figure, leaves merged titles out and wraps past the maximum", () => {
    const ws = new ExcelJS.Workbook().addWorksheet("s");
    ws.mergeCells(1, 1, 1, 3);
    ws.getCell(1, 1).value = "一个很长很长很长很长很长很长很长很长的标题";
    ws.getRow(2).values = ["受理率\n（数/基数）", "单位", "理由"];
    ws.getRow(3).values = ["97.5%（97522/100000）", "山腰街道", "很".repeat(100)];
    fitColumnWidths(ws, { fromRow: 2, min: 7, max: 40 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(displayWidth("97.5%（97522/100000）"));
    expect(ws.getColumn(2).width).toBe(10);
    expect(ws.getColumn(3).width).toBe(40);
  });
});
