// The add-in's Excel layer against the Excel double (test/support/excel-double), which keeps Office.js's rules:
// deferred loads, payload and area limits, null objects, ItemNotFound failing a sync. Syncs, reads and writes are
// counted from the double's recorder.
import { describe, expect, it } from "vitest";
import { MAX_CHUNK_BYTES, valuesBytes } from "../../addin/hosts/shared/cells.ts";
import { MARK_LIST_MAX_AGE_MS, createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import type { CellMark } from "../../addin/hosts/ledger-workbook.ts";
import { MARK_FORMULA } from "../../addin/hosts/excel/marks.ts";
import { parseRect, rectAddress } from "../support/excel-double/address.ts";
import {
  conditionalFormat, readValues, sheetByName, type CellScalar, type SeedConditionalFormat, type SeedSheet, type SheetModel,
} from "../support/excel-double/model.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { syncKinds } from "../support/excel-double/recorder.ts";
import { reportGrids } from "../fixtures/report-grids.ts";

const HEADERS = ["案件编号", "收案日期", "承办单位", "案件来源", "纠纷领域", "所处阶段", "调解类型", "申请人", "证件号码", "联系电话",
  "被申请行政机关", "争议概要", "是否受理", "不予受理理由", "调解员", "办理状态", "结案日期", "协议金额（元）", "是否司法确认",
  "承诺事项", "承诺兑现期限", "承诺兑现日期", "难易程度", "涉及人数", "备注"];

/** A sheet as cell(row, column): rows 1-based as Excel numbers them, columns 0-based. */
interface SheetSpec {
  name: string;
  rows: number;
  columns: number;
  cell: (row: number, column: number) => CellScalar;
}

function seedSheet(spec: SheetSpec, conditionalFormats?: SeedConditionalFormat[]): SeedSheet {
  const values = Array.from({ length: spec.rows }, (_, r) => Array.from({ length: spec.columns }, (_, c) => spec.cell(r + 1, c)));
  return { name: spec.name, values, conditionalFormats };
}

function ledgerSheet(rows: number, name = "台账"): SheetSpec {
  return {
    name,
    rows: rows + 1,
    columns: HEADERS.length,
    cell: (r, c) => {
      if (r === 1) return HEADERS[c];
      if (c === 1) return 46000 + (r % 300);
      if (c === 11) return `申请人对征地补偿标准有异议，要求重新核算补偿款第${r}号`;
      return `${HEADERS[c]}${r % 97}`;
    },
  };
}

interface Options {
  /** Conditional formats already on the first sheet. */
  formats?: SeedConditionalFormat[];
  /** More sheets after the first (the first is the active one). */
  more?: SheetSpec[];
}

/** A workbook in the Excel double, and what a test reads back from it. */
function excelWith(first: SheetSpec, options: Options = {}) {
  const { state, run } = excelDouble({ sheets: [seedSheet(first, options.formats), ...(options.more ?? []).map((s) => seedSheet(s))] });
  const { recorder } = state;
  const sheet = (name: string): SheetModel => sheetByName(state.workbook, name)!;
  return {
    state,
    run,
    sheet,
    /** context.sync() calls so far. */
    syncs: () => recorder.syncs.length,
    /** What each sync carried: "read" (loads only), "write" (changes only) … */
    kinds: (since = 0) => syncKinds(recorder, since),
    /** Each range whose values were loaded. */
    valueReads: () => recorder.reads.filter((r) => r.object === "Range" && r.properties.includes("values")),
    /** Each assignment of range values, with the sync that sent it. */
    valueWrites: () => recorder.writes.filter((w) => w.kind === "values"),
    /** The conditional formats on every sheet, highest priority (newest) first. */
    formats: () => state.workbook.sheets.flatMap((s) => s.conditionalFormats.map((f) => ({ ...f, sheet: s.name, areas: f.areas.map(rectAddress).join(",") }))),
    /** The syncs that added conditional formats. */
    formatAddSyncs: () => new Set(recorder.writes.filter((w) => w.kind === "addConditionalFormat").map((w) => w.sync)),
    /** The clerk, in Excel between two runs: adds a rule to a sheet (on top, as Excel does) or deletes one. */
    clerkAdds(sheetName: string, f: SeedConditionalFormat) {
      sheet(sheetName).conditionalFormats.unshift(conditionalFormat(state.workbook, f));
    },
    clerkDeletes(sheetName: string, areas: string) {
      const s = sheet(sheetName);
      const i = s.conditionalFormats.findIndex((f) => f.areas.map(rectAddress).join(",") === areas);
      expect(i).toBeGreaterThanOrEqual(0);
      s.conditionalFormats.splice(i, 1);
    },
  };
}

/** The rows of the grid that one values read returned (the add-in reads whole rows from A1). */
function rowsOf(values: unknown[][], address: string): unknown[][] {
  const rect = parseRect(address)!;
  return values.slice(rect.r1, rect.r2 + 1);
}

describe("reading the ledger sheet", () => {
  it("reads a 100,000-row sheet with one size sync plus one sync per chunk of at most 4 MB", async () => {
    const excel = excelWith(ledgerSheet(100_000));
    const wb = createExcelWorkbook({ run: excel.run });
    const progress: number[] = [];
    const grid = await wb.readSheet((p) => progress.push(p.rowsRead));

    expect(grid.values.length).toBe(100_001);
    expect(grid.values[0][0]).toBe("案件编号");
    expect(grid.values[100_000][11]).toBe("申请人对征地补偿标准有异议，要求重新核算补偿款第100001号");
    expect(excel.syncs()).toBe(1 + grid.chunks);
    expect(excel.valueReads().length).toBe(grid.chunks);
    const sizes = excel.valueReads().map((r) => valuesBytes(rowsOf(grid.values, r.address!)));
    for (const size of sizes) expect(size).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const total = sizes.reduce((a, b) => a + b, 0);
    // Chunks are nearly full: at most the cautious first chunk and the 25 % margin above the minimum.
    expect(grid.chunks).toBeLessThanOrEqual(Math.ceil((total * 1.25) / MAX_CHUNK_BYTES) + 1);
    expect(grid.chunks).toBeGreaterThan(1);
    expect(progress.at(-1)).toBe(100_001);
  });

  it("reads a small sheet in a single values sync", async () => {
    const excel = excelWith(ledgerSheet(50));
    const grid = await createExcelWorkbook({ run: excel.run }).readSheet();
    expect(grid.chunks).toBe(1);
    expect(excel.syncs()).toBe(2);
    expect(excel.valueReads()[0].address).toBe("A1:Y51");
  });

  it("names the active sheet in one sync without reading any cell, so a page can say which sheet it will read", async () => {
    const excel = excelDouble({ sheets: [seedSheet(ledgerSheet(50, "说明")), seedSheet(ledgerSheet(50, "南埔镇台账"))], activeSheet: "南埔镇台账" });
    expect(await createExcelWorkbook({ run: excel.run }).activeSheetName()).toBe("南埔镇台账");
    expect(excel.state.recorder.syncs).toHaveLength(1);
    expect(syncKinds(excel.state.recorder)).toEqual(["read"]);
  });

  it("returns an empty grid for an empty sheet without reading values", async () => {
    const excel = excelWith({ name: "Sheet1", rows: 0, columns: 0, cell: () => "" });
    const grid = await createExcelWorkbook({ run: excel.run }).readSheet();
    expect(grid.values).toEqual([]);
    expect(excel.syncs()).toBe(1);
    expect(excel.valueReads()).toEqual([]);
  });

  it("keeps every chunk under the limit even when later rows are much longer than the first", async () => {
    const long = "很长的争议概要".repeat(200);
    const excel = excelWith({ name: "台账", rows: 20_000, columns: 5, cell: (r) => (r > 2_000 ? long : "短") });
    const grid = await createExcelWorkbook({ run: excel.run, maxChunkBytes: 1_000_000 }).readSheet();
    expect(grid.values.length).toBe(20_000);
    expect(grid.values[1_999][0]).toBe("短");
    expect(grid.values[2_000][0]).toBe(long);
    expect(grid.values[19_999][4]).toBe(long);
    // The read sized from the short rows is refused by Excel (over 5 MB) and re-read in smaller pieces; the first
    // long chunk may overshoot the estimate once; after that the estimate follows the data.
    expect(excel.state.recorder.syncs.filter((s) => s.failed).length).toBeGreaterThan(0);
    const over = excel.valueReads().filter((r) => valuesBytes(rowsOf(grid.values, r.address!)) > 1_000_000 * 1.25 * 1.25);
    expect(over.length).toBeLessThanOrEqual(1);
  });
});

function issuesEvery(n: number, rows: number): CellMark[] {
  const marks: CellMark[] = [];
  for (let r = 2; r <= rows + 1; r += n) {
    marks.push({ row: r, column: (r * 7) % 25, severity: r % 3 === 0 ? "warning" : "error" });
  }
  return marks;
}

/** A clerk's own conditional formats, including a rule "=TRUE" like the one earlier versions used for marks. */
const CLERK_FORMATS: SeedConditionalFormat[] = [
  { type: "Custom", formula: "=TRUE", areas: "A2:A11" },
  { type: "Custom", formula: '=$Q2<>""', areas: "Q2:Q11" },
  { type: "ColorScale", areas: "R2:R11" },
];
const CLERK_AREAS = CLERK_FORMATS.map((f) => f.areas);

describe("marking issue cells", () => {
  it("marks 10,000 scattered issues after reading the sheet with one write sync and no read", async () => {
    const excel = excelWith(ledgerSheet(100_000));
    const wb = createExcelWorkbook({ run: excel.run });
    const grid = await wb.readSheet();
    const result = await wb.markIssues("台账", issuesEvery(10, 100_000));
    expect(excel.kinds()).toEqual(["read", ...Array(grid.chunks).fill("read"), "write"]);
    expect(result.cells).toBe(10_000);
    const added = excel.formats();
    expect(added.length).toBe(result.formats);
    expect(excel.formatAddSyncs()).toEqual(new Set([excel.syncs()]));
    for (const f of added) {
      expect(f.formula).toBe(MARK_FORMULA);
      expect(f.areas.split(",").length).toBeLessThanOrEqual(400);
    }
    expect(excel.valueWrites()).toEqual([]);
    expect(Object.keys(excel.state.workbook.settings)).toEqual([]);
  });

  it("marks without a fresh read of the sheet in one read and one write, as many for 10 issues as for 10,000", async () => {
    const few = excelWith(ledgerSheet(100));
    await createExcelWorkbook({ run: few.run }).markIssues("台账", issuesEvery(10, 100));
    const many = excelWith(ledgerSheet(100_000));
    await createExcelWorkbook({ run: many.run }).markIssues("台账", issuesEvery(10, 100_000));
    expect(few.kinds()).toEqual(["read", "write"]);
    expect(many.kinds()).toEqual(["read", "write"]);
  });

  it("colours errors red and warnings yellow and never changes a cell value", async () => {
    const excel = excelWith(ledgerSheet(10));
    const before = JSON.stringify(excel.sheet("台账").values);
    await createExcelWorkbook({ run: excel.run }).markIssues("台账", [
      { row: 3, column: 0, severity: "error" },
      { row: 4, column: 9, severity: "warning" },
    ]);
    const fills = Object.fromEntries(excel.formats().map((f) => [f.areas, f.fill]));
    expect(fills).toEqual({ A3: "#FFC7CE", J4: "#FFEB9C" });
    expect(excel.valueWrites()).toEqual([]);
    expect(JSON.stringify(excel.sheet("台账").values)).toBe(before);
  });

  it("replaces our earlier marks on a new run in one write sync and leaves the clerk's own conditional formats alone", async () => {
    const excel = excelWith(ledgerSheet(10), { formats: CLERK_FORMATS });
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.readSheet();
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }, { row: 4, column: 1, severity: "warning" }]);
    await wb.readSheet();
    const before = excel.syncs();
    await wb.markIssues("台账", [{ row: 5, column: 2, severity: "warning" }]);
    expect(excel.kinds(before)).toEqual(["write"]);
    // Highest priority first: the new mark on top of the clerk's rules, as Excel places a new rule.
    expect(excel.formats().map((f) => f.areas)).toEqual(["C5", ...CLERK_AREAS]);
    expect(excel.valueWrites()).toEqual([]);
  });

  it("does nothing in Excel when a clean ledger has no marks to replace", async () => {
    const excel = excelWith(ledgerSheet(10), { formats: CLERK_FORMATS });
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.readSheet();
    const before = excel.syncs();
    expect(await wb.markIssues("台账", [])).toEqual({ cells: 0, formats: 0 });
    expect(excel.syncs()).toBe(before);
  });

  it("still replaces every mark when the clerk deleted one of them between reading and marking", async () => {
    const excel = excelWith(ledgerSheet(10), { formats: CLERK_FORMATS });
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }, { row: 7, column: 4, severity: "warning" }]);
    await wb.readSheet();
    excel.clerkDeletes("台账", "A3");
    const before = excel.syncs();
    await wb.markIssues("台账", [{ row: 5, column: 2, severity: "error" }]);
    // The write stops at the missing mark before adding anything; the marks are listed again and replaced.
    expect(excel.kinds(before)).toEqual(["write", "read", "write"]);
    expect(excel.state.recorder.syncs[before].failed).toMatch(/doesn't exist/);
    expect(excel.formats().map((f) => f.areas)).toEqual(["C5", ...CLERK_AREAS]);
  });

  it("lists the marks again when the sheet was read too long ago, so marks copied since are replaced too", async () => {
    let clock = 0;
    const excel = excelWith(ledgerSheet(10));
    const wb = createExcelWorkbook({ run: excel.run, now: () => clock });
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }]);
    await wb.readSheet();
    // The clerk copies a marked cell: Excel copies our rule with it.
    excel.clerkAdds("台账", { type: "Custom", areas: "H9", formula: MARK_FORMULA, fill: "#FFC7CE" });
    clock += MARK_LIST_MAX_AGE_MS + 1;
    const before = excel.syncs();
    await wb.markIssues("台账", [{ row: 4, column: 1, severity: "warning" }]);
    expect(excel.kinds(before)).toEqual(["read", "write"]);
    expect(excel.formats().map((f) => f.areas)).toEqual(["B4"]);
  });

  it("marks a sheet other than the one just read after listing that sheet's marks", async () => {
    const excel = excelWith(ledgerSheet(10), { more: [ledgerSheet(10, "台账2")] });
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.markIssues("台账2", [{ row: 3, column: 0, severity: "error" }]);
    await wb.readSheet();
    const before = excel.syncs();
    await wb.markIssues("台账2", [{ row: 4, column: 0, severity: "error" }]);
    expect(excel.kinds(before)).toEqual(["read", "write"]);
    expect(excel.formats().map((f) => `${f.sheet}!${f.areas}`)).toEqual(["台账2!A4"]);
  });

  it("clear marks removes exactly the formats we added, in one read and one write", async () => {
    const excel = excelWith(ledgerSheet(10), { formats: CLERK_FORMATS });
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }, { row: 7, column: 4, severity: "warning" }]);
    const clerks = excel.formats().filter((f) => CLERK_AREAS.includes(f.areas)).map((f) => f.id);
    const before = excel.syncs();
    expect(await wb.clearMarks("台账")).toBe(2);
    expect(excel.kinds(before)).toEqual(["read", "write"]);
    expect(excel.formats().map((f) => f.id)).toEqual(clerks);
    expect(clerks.length).toBe(3);
    expect(await wb.clearMarks("台账")).toBe(0);
    expect(excel.kinds(before + 2)).toEqual(["read"]);
    expect(excel.valueWrites()).toEqual([]);
  });

  it("clear marks also removes copies of our marks Excel made and skips a mark the clerk already deleted", async () => {
    const excel = excelWith(ledgerSheet(10));
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }, { row: 7, column: 4, severity: "warning" }]);
    excel.clerkDeletes("台账", "A3");
    excel.clerkAdds("台账", { type: "Custom", areas: "H9", formula: " = n(\"tiaojie-ledger-mark\") = 0", fill: "#FFEB9C" });
    expect(await wb.clearMarks("台账")).toBe(2);
    expect(excel.formats()).toEqual([]);
  });

  it("reads the sheet even when Excel cannot describe one of its conditional formats, with one extra size sync", async () => {
    // office-js#6835: a rule the clerk duplicated in Excel's dialog cannot be described; loading the rules fails.
    const formats = [...CLERK_FORMATS, { type: "Custom", formula: "=TRUE", areas: "B2:B11", unreadable: true }];
    const excel = excelWith(ledgerSheet(50), { formats });
    const grid = await createExcelWorkbook({ run: excel.run }).readSheet();
    expect(grid.values.length).toBe(51);
    expect(excel.kinds()).toEqual(["read", "read", "read"]);
    expect(excel.state.recorder.syncs[0].failed).toBeDefined();
  });
});

describe("writing results back", () => {
  it("writes the result block in one sync and turns formula-like server text into text", async () => {
    const excel = excelWith(ledgerSheet(3));
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.writeBack({
      sheetName: "台账", column: 26, headerRow: 1, headers: ["校验结果", "预警", "导师"], firstRow: 2, lastRow: 4,
      cells: new Map([[2, ["通过", "=HYPERLINK(\"x\")", "张三"]], [4, ["2 个错误", "-逾期", "@admin"]]]),
    });
    expect(excel.syncs()).toBe(1);
    expect(excel.valueWrites().map((w) => w.address)).toEqual(["AA1:AC1", "AA2:AC4"]);
    // Sent with Excel's text prefix ', which Excel keeps out of the value: text in the cell, never a formula.
    expect(excel.valueWrites()[1].detail).toEqual({ rows: 3, columns: 3, formulas: [], quoted: ["AB2", "AB4", "AC4"] });
    expect(readValues(excel.sheet("台账"), parseRect("AA2:AC4")!)).toEqual([
      ["通过", "=HYPERLINK(\"x\")", "张三"],
      ["", "", ""],
      ["2 个错误", "-逾期", "@admin"],
    ]);
    expect(excel.sheet("台账").formulas).toEqual({});
  });

  it("splits a very large write-back into batches of at most 4 MB, one sync each", async () => {
    const excel = excelWith(ledgerSheet(100_000));
    const text = "调解成功；已司法确认；承诺事项已兑现".repeat(4);
    const cells = new Map<number, string[]>();
    for (let r = 2; r <= 100_001; r++) cells.set(r, [text, text, "张三"]);
    await createExcelWorkbook({ run: excel.run }).writeBack({
      sheetName: "台账", column: 25, headerRow: 1, headers: ["校验结果", "预警", "导师"], firstRow: 2, lastRow: 100_001, cells,
    });
    const batches = excel.valueWrites().slice(1);
    expect(excel.syncs()).toBe(batches.length);
    expect(batches.length).toBeGreaterThan(1);
    const sheet = excel.sheet("台账");
    for (const b of batches) expect(valuesBytes(readValues(sheet, parseRect(b.address!)!))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(batches.reduce((n, b) => n + (b.detail as { rows: number }).rows, 0)).toBe(100_000);
  });
});

describe("workbook settings and selection", () => {
  it("saves a setting in the workbook and reads it back", async () => {
    const excel = excelWith(ledgerSheet(3));
    const wb = createExcelWorkbook({ run: excel.run });
    expect(await wb.loadSetting("columns")).toBeNull();
    await wb.saveSetting("columns", { override: { caseNo: 2 } });
    expect(await wb.loadSetting("columns")).toEqual({ override: { caseNo: 2 } });
    expect(Object.keys(excel.state.workbook.settings)).toEqual(["tiaojie.columns"]);
  });

  it("selects the cell of a clicked issue", async () => {
    const excel = excelWith(ledgerSheet(3));
    await createExcelWorkbook({ run: excel.run }).selectCell("台账", 3, 4);
    expect(excel.state.workbook.selection).toEqual({ sheet: "台账", address: "E3" });
    expect(excel.syncs()).toBe(1);
  });

  it("rewrites a report sheet we own in one write sync after one lookup", async () => {
    const excel = excelWith(ledgerSheet(3));
    await createExcelWorkbook({ run: excel.run }).writeReportSheet({
      name: "预警清单", tableName: "预警清单", headers: ["单位", "预警", "级别"],
      rows: [["南埔镇", "=逾期", "高"], ["界山镇", "受理率低", "中"]],
    });
    expect(excel.syncs()).toBe(2);
    expect(excel.valueWrites()[0]).toMatchObject({ sheet: "预警清单", address: "A1:C3", detail: { formulas: [], quoted: ["B2"] } });
    expect(readValues(excel.sheet("预警清单"), parseRect("A1:C3")!)).toEqual([["单位", "预警", "级别"], ["南埔镇", "=逾期", "高"], ["界山镇", "受理率低", "中"]]);
    expect(excel.sheet("预警清单").tables.map((t) => t.name)).toEqual(["预警清单"]);
  });
});

describe("report sheets in Excel", () => {
  it("never replaces a clerk's sheet of the same name: the report goes beside it, and later runs replace only the report", async () => {
    const excel = excelWith(ledgerSheet(3), { more: [{ name: "导师安排 2026-11", rows: 1, columns: 1, cell: () => "我自己的笔记" }] });
    const wb = createExcelWorkbook({ run: excel.run });
    const report = { name: "导师安排 2026-11", tableName: "TiaojieMentors_2026_11", headers: ["导师"], rows: [["蔡国华"]] };
    expect(await wb.writeReportSheet(report)).toBe("导师安排 2026-11 (2)");
    expect(excel.syncs()).toBe(2);
    expect(await wb.writeReportSheet({ ...report, rows: [["庄丽君"]] })).toBe("导师安排 2026-11 (2)");
    expect(readValues(excel.sheet("导师安排 2026-11"), parseRect("A1")!)).toEqual([["我自己的笔记"]]);
    expect(readValues(excel.sheet("导师安排 2026-11 (2)"), parseRect("A1:A2")!)).toEqual([["导师"], ["庄丽君"]]);
  });

  it("writes a laid-out sheet in one write sync: merged headers, widths, number formats, red misses, server text as text", async () => {
    const { rankingsReport } = await import("../../addin/pane/logic/report-sheets.ts");
    const { INDICATOR_KEYS } = await import("../../ledger/api/indicators.ts");
    const value = (rate: number, meets: boolean | null) => ({ num: rate * 100, den: 100, rate, low: rate - 0.05, high: rate + 0.02, target: meets === null ? null : 0.97, meetsTarget: meets, weight: 20, effectiveWeight: 0.2, basis: rate - 0.05, points: 10 });
    const units = [["山腰街道", 81.2, 0.98], ["=南埔镇", 70.5, 0.9]].map(([unit, score, acc], i) => ({
      unit: unit as string, kind: "town" as const, rank: i + 1, score: score as number, missing: [],
      indicators: Object.fromEntries(INDICATOR_KEYS.map((k) => [k, k === "acceptance" ? value(acc as number, (acc as number) >= 0.97) : value(0.8, null)])) as never,
    }));
    const weights = Object.fromEntries(INDICATOR_KEYS.map((k) => [k, 0])) as never;
    const excel = excelWith(ledgerSheet(3));
    const [grid] = rankingsReport({ period: "2026-Q3", asOf: "2026-10-01", method: "wilson-lower", weights, weightsSource: "default", units }, "zh-CN");
    expect(await createExcelWorkbook({ run: excel.run }).writeGridSheet(grid)).toBe("考评排名（镇街） 2026年第三季度");
    expect(syncKinds(excel.state.recorder)).toEqual(["read", "write"]);
    const sheet = excel.sheet("考评排名（镇街） 2026年第三季度");
    expect(readValues(sheet, parseRect("A5:E6")!)).toEqual([["排名", "单位", "综合得分", "受理率", ""], ["", "", "", "比率", "判定"]]);
    expect(sheet.merges.map(rectAddress)).toEqual(expect.arrayContaining([`A1:${String.fromCharCode(64 + grid.widths.length)}1`, "D5:F5", "A5:A6", "B5:B6"]));
    // Server text that looks like a formula lands as text, never as a formula.
    expect(readValues(sheet, parseRect("B8")!)).toEqual([["=南埔镇"]]);
    expect(Object.keys(sheet.formulas)).toEqual([]);
    expect(sheet.formats["6,3"]).toMatchObject({ numberFormat: "0.0%" });
    expect(sheet.formats["6,3"].fill).toBeUndefined();
    expect(sheet.formats["7,3"]).toMatchObject({ numberFormat: "0.0%", fill: "#FFC7CE", bold: true });
    expect(sheet.formats["4,0"]).toMatchObject({ fill: "#DDEBF7", bold: true });
    expect(Object.keys(sheet.columnWidths ?? {}).length).toBe(grid.widths.length);
    expect(sheet.columnWidths![1]).toBeCloseTo((grid.widths[1] * 7 + 5) * 0.75, 1);
  });

  it("writes a report of several sheets with their native charts in one read sync and one write sync, beside a clerk's sheet of the same name", async () => {
    const { units, trend } = reportGrids("法院委派（诉前）");
    const excel = excelWith(ledgerSheet(3), { more: [{ name: "月度趋势", rows: 1, columns: 1, cell: () => "我自己的笔记" }] });
    const wb = createExcelWorkbook({ run: excel.run });
    expect(await wb.writeGridSheets([units, trend])).toEqual(["法院委派", "月度趋势 (2)"]);
    expect(syncKinds(excel.state.recorder)).toEqual(["read", "write"]);
    expect(readValues(excel.sheet("月度趋势"), parseRect("A1")!)).toEqual([["我自己的笔记"]]);
    const [bar, column] = excel.sheet("法院委派").charts;
    // A series per value column named by its header, the units as categories, the first unit on top.
    expect(bar).toMatchObject({ type: "BarClustered", seriesBy: "Columns", title: "结果", categoriesReversed: true, position: "A5:F19" });
    expect(bar.series.map((x) => [x.name, rectAddress(x.values), x.xValues && rectAddress(x.xValues)])).toEqual([["成功", "B2:B3", "A2:A3"], ["不成功", "C2:C3", "A2:A3"]]);
    expect(column).toMatchObject({ type: "ColumnClustered", valueFormat: "0%", legendVisible: false });
    const [line] = excel.sheet("月度趋势 (2)").charts;
    // A line per row named by its label, the months as categories.
    expect(line.series.map((x) => [x.name, rectAddress(x.values), x.xValues && rectAddress(x.xValues)])).toEqual([["群众申请", "B2:C2", "B1:C1"], ["法院委派（诉前）", "B3:C3", "B1:C1"]]);
    // Written again, the report replaces its own sheets and still leaves the clerk's alone.
    expect(await wb.writeGridSheets([units, trend])).toEqual(["法院委派", "月度趋势 (2)"]);
    expect(excel.sheet("法院委派").charts).toHaveLength(2);
  });

  it("prints the sheet's name and the page number under every page of a report sheet, as the CLI's sheets do, in the same write sync", async () => {
    const { PAGE_FOOTER } = await import("../../ledger/reports/page-footer.ts");
    const cell = (v: string | number) => ({ v, style: "cell" as const });
    const grid = (name: string) => ({ name, rows: [[cell("单位"), cell("件数")], [cell("山腰街道"), cell(3)]], merges: [], widths: [12, 8] });
    const excel = excelWith(ledgerSheet(3));
    const wb = createExcelWorkbook({ run: excel.run });
    expect(await wb.writeGridSheets([grid("法院委派"), grid("月度趋势")])).toEqual(["法院委派", "月度趋势"]);
    expect(await wb.writeReportSheet({ name: "导师安排 2026-Q3", tableName: "TiaojieMentors_2026_Q3", headers: ["导师"], rows: [["蔡国华"]] })).toBe("导师安排 2026-Q3");
    expect(syncKinds(excel.state.recorder)).toEqual(["read", "write", "read", "write"]);
    for (const name of ["法院委派", "月度趋势", "导师安排 2026-Q3"]) expect(excel.sheet(name).footer, name).toEqual({ left: "&A", center: PAGE_FOOTER.centre });
    // The table report prints like the laid-out ones: A4 landscape, its header row on every page and frozen.
    expect(excel.sheet("导师安排 2026-Q3").print).toEqual({ paper: "A4", orientation: "landscape", fitWide: 1, fitTall: 0, titleRows: "$1:$1" });
    expect(excel.sheet("导师安排 2026-Q3").frozen).toEqual({ rows: 1, columns: 0 });
    // The clerk's own sheet keeps whatever footer it has: none was set on it.
    expect(excel.sheet("台账").footer).toBeUndefined();
  });

  it("clear marks without a sheet name clears the active sheet", async () => {
    const excel = excelWith(ledgerSheet(10));
    const wb = createExcelWorkbook({ run: excel.run });
    await wb.markIssues("台账", [{ row: 3, column: 0, severity: "error" }]);
    expect(await wb.clearMarks()).toBe(1);
  });

  it("refuses a sheet too large to validate after one cheap size read", async () => {
    const { SheetTooLargeError } = await import("../../addin/hosts/ledger-workbook.ts");
    // Used range A1:P1000000 (16,000,000 cells): only its corners are filled, so the double holds two rows.
    const values: CellScalar[][] = [];
    values[0] = Array(16).fill("x");
    values[999_999] = Array(16).fill("x");
    const { state, run } = excelDouble({ sheets: [{ name: "大表", values }] });
    await expect(createExcelWorkbook({ run }).readSheet()).rejects.toBeInstanceOf(SheetTooLargeError);
    expect(state.recorder.syncs.length).toBe(1);
    expect(state.recorder.reads.filter((r) => r.properties.includes("values"))).toEqual([]);
  });
});

describe("validating a whole 100,000-row ledger in Excel", () => {
  it("costs one size sync, one read sync per ≤ 4 MB chunk and one write sync for the marks, never one per row or issue", async () => {
    const { runValidation, marksFromIssues } = await import("../../addin/pane/logic/validate.ts");
    const { emptyColumnSettings } = await import("../../addin/pane/logic/columns.ts");
    const header = ["案件编号", "收案日期", "承办单位", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期", "联系电话", "争议概要"];
    const excel = excelWith({
      name: "台账",
      rows: 100_002,
      columns: header.length,
      cell: (r, c) => {
        if (r === 1) return c === 0 ? "泉港区南埔镇行政争议调解工作台账（2026年）" : "";
        if (r === 2) return header[c];
        const n = r - 2;
        return [
          `NP-${n}`, n % 1000 === 0 ? "2026年13月1日" : 46000 + (n % 300), "南埔镇", `申请人${n % 500}`, "区人社局", "是", "李四",
          n % 7 === 0 ? "调解成功" : "调解中", n % 7 === 0 ? 46200 : "", n % 250 === 0 ? "12345" : "13800138000", "对工伤认定结论有异议",
        ][c];
      },
    });
    const wb = createExcelWorkbook({ run: excel.run });
    const grid = await wb.readSheet();
    const run = runValidation(grid.values, emptyColumnSettings(), { locale: "zh-CN", today: "2026-11-25" })!;
    expect(run.result.dataRows).toBe(100_000);
    expect(run.errors).toBeGreaterThan(50);
    expect(run.warnings).toBeGreaterThan(300);
    await wb.markIssues(grid.sheetName, marksFromIssues(run.result.issues));
    expect(excel.syncs()).toBe(1 + grid.chunks + 1);
    expect(excel.kinds()).toEqual(["read", ...Array(grid.chunks).fill("read"), "write"]);
    for (const r of excel.valueReads()) expect(valuesBytes(rowsOf(grid.values, r.address!))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(excel.formatAddSyncs()).toEqual(new Set([excel.syncs()]));
    expect(excel.formats().length).toBeGreaterThan(1);
    expect(excel.valueWrites()).toEqual([]);
  }, 120_000);
});
