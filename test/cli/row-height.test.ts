import { describe, expect, it } from "vitest";
import { displayWidth, wrappedLines, wrappedRowHeight } from "../../cli/lib/row-height.ts";

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
});
