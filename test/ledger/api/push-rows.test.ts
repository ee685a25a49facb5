import { describe, expect, it } from "vitest";
import { gridRows, keepPushedCells, sheetRows } from "../../../ledger/api/push-rows.ts";

/** A grid with every kind of cell a reader gives: Dates, odd numbers, booleans, blanks, text JSON must escape. */
const GRID: unknown[][] = [
  ["案件编号", "收案日期", "金额", "是否受理", "申请人", "案情", "备注"],
  ["A-1", new Date(Date.UTC(2026, 4, 26)), 1.5, true, "张三", "拖欠\r\n工资\t\"三个月\" \\ \u2028", "   "],
  ["A-2", 46_000, Number.NaN, false, "😀张三🙏", "\ud83d 单独的代理项 \udc00", null],
  ["A-3", "2026.5.26", Number.POSITIVE_INFINITY, "是", "𠮷野家", { odd: 1 }, undefined],
  ["A-4", new Date(Number.NaN), -0, null, "Zoë", ""],
  ["A-5"],
];
const COLUMNS = { caseNo: 0, receivedOn: 1, amount: 2, accepted: 3, applicant: 4, summary: 5, notes: 6 };

describe("a grid's rows as a row source", () => {
  it("are each the same JSON text as the row the push used to build from the grid", () => {
    const numbers = [2, 3, 4, 5, 6, 9];
    const source = gridRows(GRID, COLUMNS, numbers);
    const built = sheetRows(GRID, COLUMNS, numbers);
    expect(source.length).toBe(numbers.length);
    numbers.forEach((n, i) => {
      expect(source.rowNumber(i)).toBe(n);
      expect(source.json(i)).toBe(JSON.stringify(built[i]));
    });
    expect(JSON.parse(source.json(0)).values).toEqual({
      caseNo: "A-1", receivedOn: "2026-05-26", amount: 1.5, accepted: true, applicant: "张三", summary: "拖欠\r\n工资\t\"三个月\" \\ \u2028", notes: null,
    });
  });
});

describe("cutting a grid to what a push reads", () => {
  it("leaves every pushed row's JSON as it was, and keeps only the pushed rows' mapped cells", () => {
    const grid = GRID.map((r) => r.slice());
    // A reader may give two rows one array (its empty rows are shared): it is cut once, for both.
    const shared = ["B-1", "2026-01-02", 3, "否", "李四", "同一行", "备注", "多出的列", "又一列"];
    grid.push(shared, shared);
    const numbers = [2, 3, 4, 5, 6, 7, 8];
    const columns = { caseNo: 0, applicant: 4, receivedOn: 1 };
    const before = gridRows(grid, columns, numbers);
    const texts = numbers.map((_, i) => before.json(i));

    const places = keepPushedCells(grid, columns, numbers);
    const after = gridRows(grid, places, numbers);
    numbers.forEach((_, i) => expect(after.json(i)).toBe(texts[i]));
    expect(places).toEqual({ caseNo: 0, applicant: 1, receivedOn: 2 });
    expect(grid[0]).toEqual([]);
    expect(grid[1]).toEqual(["A-1", "张三", new Date(Date.UTC(2026, 4, 26))]);
    expect(grid[7]).toBe(grid[6]);
    expect(grid[6]).toEqual(["B-1", "李四", "2026-01-02"]);
  });
});
