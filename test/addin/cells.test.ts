import { describe, expect, it } from "vitest";
import {
  MAX_ADDRESS_CHARS_PER_GROUP, MAX_AREAS_PER_GROUP, MAX_CHUNK_BYTES, lineRuns, markedCellCount, planMarkGroups, rowsPerChunk, toCellText, valuesBytes, writeBackLines,
} from "../../addin/hosts/shared/cells.ts";
import type { CellMark } from "../../addin/hosts/ledger-workbook.ts";

describe("grouping marked cells into few rectangles", () => {
  it("merges neighbouring cells of a row and identical runs on consecutive rows", () => {
    const marks: CellMark[] = [];
    for (let r = 5; r <= 9; r++) for (const c of [2, 3, 4]) marks.push({ row: r, column: c, severity: "error" });
    marks.push({ row: 12, column: 0, severity: "error" });
    expect(planMarkGroups(marks)).toEqual([{ severity: "error", areas: ["C5:E9", "A12"] }]);
  });

  it("marks a whole empty required column as one area", () => {
    const marks = Array.from({ length: 100_000 }, (_, i) => ({ row: i + 3, column: 7, severity: "error" as const }));
    const groups = planMarkGroups(marks);
    expect(groups).toEqual([{ severity: "error", areas: ["H3:H100002"] }]);
    expect(markedCellCount(groups)).toBe(100_000);
  });

  it("shows a cell with both an error and a warning as an error", () => {
    const groups = planMarkGroups([
      { row: 4, column: 1, severity: "warning" },
      { row: 4, column: 1, severity: "error" },
      { row: 6, column: 1, severity: "warning" },
    ]);
    expect(groups).toEqual([{ severity: "error", areas: ["B4"] }, { severity: "warning", areas: ["B6"] }]);
  });

  it("splits scattered cells into groups that stay inside RangeAreas' limits", () => {
    const marks = Array.from({ length: 5_000 }, (_, i) => ({ row: 2 + i * 2, column: i % 20, severity: "warning" as const }));
    const groups = planMarkGroups(marks);
    expect(groups.length).toBeGreaterThan(10);
    for (const g of groups) {
      expect(g.areas.length).toBeLessThanOrEqual(MAX_AREAS_PER_GROUP);
      expect(g.areas.join(",").length).toBeLessThanOrEqual(MAX_ADDRESS_CHARS_PER_GROUP);
    }
    expect(markedCellCount(groups)).toBe(5_000);
  });
});

describe("choosing rows per read", () => {
  it("starts cautiously and then fills each read up to the limit with a margin", () => {
    const first = rowsPerChunk(25, null);
    expect(first * 25 * 256).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const later = rowsPerChunk(25, 800);
    expect(later).toBe(Math.floor(MAX_CHUNK_BYTES / (800 * 1.25)));
    expect(later).toBeGreaterThan(first);
  });

  it("never asks Excel for more than 5,000,000 cells at once", () => {
    expect(rowsPerChunk(1, 3) * 1).toBeLessThanOrEqual(5_000_000);
    expect(rowsPerChunk(16_384, 1) * 16_384).toBeLessThanOrEqual(5_000_000);
  });

  it("counts Chinese text by its UTF-8 bytes", () => {
    expect(valuesBytes([["调解"]])).toBe(2 + 2 + 6 + 3);
  });
});

describe("text written into cells", () => {
  it("writes server text that looks like a formula as text", () => {
    expect(toCellText("=SUM(A1:A9)")).toBe("'=SUM(A1:A9)");
    expect(toCellText("+86 138")).toBe("'+86 138");
    expect(toCellText("-逾期 3 天")).toBe("'-逾期 3 天");
    expect(toCellText("@张三")).toBe("'@张三");
    expect(toCellText("逾期 3 天")).toBe("逾期 3 天");
  });
});

describe("sizing text for Excel's payload limit", () => {
  it("counts UTF-8 bytes exactly as an encoder would, for ASCII, Chinese, and emoji", async () => {
    const { utf8Length } = await import("../../addin/hosts/shared/cells.ts");
    for (const s of ["", "NP-2026-00001", "泉港区山腰街道", "é", "调解😀成功", "\ud800"]) {
      expect(utf8Length(s), s).toBe(new TextEncoder().encode(s).length);
    }
  });
});

describe("cutting rows to write into runs under the payload limit", () => {
  it("keeps every line once, in order, on its own row, each run under the limit unless one line alone is larger", () => {
    const lines = ["短", "一条较长的校验结果说明文字", "x".repeat(60), "末"].map((t) => [t]);
    const runs = [...lineRuns(lines, 5, 40)];
    expect(runs.flatMap((r) => r.lines)).toEqual(lines);
    expect(runs.map((r) => r.firstRow)).toEqual(runs.map((_, i) => 5 + runs.slice(0, i).reduce((n, r) => n + r.lines.length, 0)));
    for (const r of runs) expect(r.lines.length === 1 || r.bytes <= 40).toBe(true);
    expect(runs.find((r) => r.lines[0][0] === "x".repeat(60))?.lines).toHaveLength(1);
    expect([...lineRuns(lines, 5, MAX_CHUNK_BYTES)]).toHaveLength(1);
    expect([...lineRuns([], 5, 40)]).toEqual([]);
  });

  it("gives a write-back block's rows as text, clearing rows without an entry and escaping formula-like server text", () => {
    const block = {
      sheetName: "台账", column: 20, headerRow: 2, headers: ["校验结果", "预警"], firstRow: 3, lastRow: 5,
      cells: new Map([[3, ["=HYPERLINK(\"x\")", "超期"]], [5, ["通过"]]]),
    };
    expect([...writeBackLines(block)]).toEqual([[toCellText("=HYPERLINK(\"x\")"), "超期"], ["", ""], ["通过", ""]]);
    expect(toCellText("=HYPERLINK(\"x\")")).not.toBe("=HYPERLINK(\"x\")");
  });
});

