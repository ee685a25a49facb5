// The coordinator's desk in the pane, below the UI: flag filters, which unit a sheet is, validating every ledger
// of a workbook into one summary, and reading all sheets in few syncs (against the Excel double).
import { describe, expect, it } from "vitest";
import { MAX_CHUNK_BYTES, planWorkbookRead } from "../../addin/hosts/shared/cells.ts";
import { createExcelWorkbook } from "../../addin/hosts/excel/excel-ledger-workbook.ts";
import type { SheetGrid } from "../../addin/hosts/ledger-workbook.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { describeFlagFilters, flagsQueryFrom, NO_FILTER } from "../../addin/pane/logic/flag-filters.ts";
import { flagsReport } from "../../addin/pane/logic/report-sheets.ts";
import { defaultUnitFor, readSheetUnits, resolveSheetPick, unitFromTitle, unitNamedIn } from "../../addin/pane/logic/unit-pick.ts";
import { classifySheet, SUMMARY_SHEET, summaryReport, validateWorkbook } from "../../addin/pane/logic/validate-all.ts";
import { runValidation } from "../../addin/pane/logic/validate.ts";
import { detectHeader } from "../../ledger/header.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import { FLAG_CODES, FLAG_NAMES, FLAG_SEVERITY, type Facts } from "../../ledger/api/flags.ts";
import { excelDouble } from "../support/excel-double/node.ts";
import { syncKinds } from "../support/excel-double/recorder.ts";

const UNITS = ["南埔镇", "山腰街道", "涂岭镇", "区人社局", "区人社局劳动监察大队"];
const TODAY = "2026-06-15";

describe("flag filters", () => {
  it("sends a coordinator's unit, code, severity and days, and the days as a number in the URL", () => {
    const r = flagsQueryFrom({ unit: "南埔镇", code: "due_soon", severity: "medium", dueWithinDays: " 7 " }, "coordinator", "zh-CN");
    expect(r).toEqual({ ok: true, query: { unit: "南埔镇", code: "due_soon", severity: "medium", dueWithinDays: 7 } });
    if (r.ok) expect(PATHS.flags(r.query)).toBe(`/api/flags?unit=${encodeURIComponent("南埔镇")}&code=due_soon&severity=medium&dueWithinDays=7`);
  });

  it("never sends a unit for a clerk: the server shows them their own", () => {
    expect(flagsQueryFrom({ ...NO_FILTER, unit: "南埔镇" }, "clerk", "zh-CN")).toEqual({ ok: true, query: {} });
  });

  it("reads days typed with full-width digits or a trailing 天, and leaves an empty box unfiltered", () => {
    expect(flagsQueryFrom({ ...NO_FILTER, dueWithinDays: "１４天" }, "coordinator", "zh-CN")).toEqual({ ok: true, query: { dueWithinDays: 14 } });
    expect(flagsQueryFrom({ ...NO_FILTER, dueWithinDays: "0" }, "coordinator", "zh-CN")).toEqual({ ok: true, query: { dueWithinDays: 0 } });
    expect(flagsQueryFrom({ ...NO_FILTER, dueWithinDays: "  " }, "coordinator", "zh-CN")).toEqual({ ok: true, query: {} });
  });

  it.each(["-3", "1.5", "七", "400"])("refuses %s days with a message that says what to type, before asking the server", (typed) => {
    const r = flagsQueryFrom({ ...NO_FILTER, dueWithinDays: typed }, "coordinator", "zh-CN");
    expect(r).toEqual({ ok: false, message: `“N 天内到期”须填 0–366 的整数天数（现在是“${typed}”），例如 7；留空则不按期限筛选。` });
    const en = flagsQueryFrom({ ...NO_FILTER, dueWithinDays: typed }, "coordinator", "en");
    expect(en).toEqual({ ok: false, message: expect.stringContaining("whole number of days from 0 to 366") });
  });

  it("describes the filters in words for the status line", () => {
    expect(describeFlagFilters({ unit: "南埔镇", severity: "high", code: "overdue", dueWithinDays: 7 }, "zh-CN")).toBe("南埔镇 · 案件超期 · 高级 · 7 天内到期");
    expect(describeFlagFilters({ dueWithinDays: 3 }, "en")).toBe("due within 3 days");
    expect(describeFlagFilters({}, "zh-CN")).toBe("");
  });

  it("writes each flag's due day next to it, and server text starting with = stays text when written (toCellText)", () => {
    const report = flagsReport([
      { code: "due_soon", severity: "medium", scope: "case", unit: "南埔镇", caseNo: "=NP-1", facts: { daysLeft: 3, dueOn: "2026-06-18" }, message: { zh: "即将到期", en: "due" } },
      { code: "commitment_overdue", severity: "high", scope: "case", unit: "南埔镇", caseNo: "NP-2", facts: { commitmentDue: "2026-06-01" }, message: { zh: "承诺逾期", en: "late" } },
    ], "zh-CN");
    expect(report.headers).toEqual(["级别", "单位", "案件编号", "预警类型", "预警内容", "到期日"]);
    expect(report.rows.map((r) => [r[2], r[5]])).toEqual([["NP-2", "2026-06-01"], ["=NP-1", "2026-06-18"]]);
  });

  it("names each flag's kind in words (即将到期, not due_soon): no flag code in any cell, in either language", () => {
    const flags = FLAG_CODES.map((code, i) => ({
      code, severity: FLAG_SEVERITY[code], scope: "case" as const, unit: "南埔镇", caseNo: `NP-${i}`, facts: {}, message: { zh: "说明", en: "note" },
    }));
    for (const locale of ["zh-CN", "en"] as const) {
      const report = flagsReport(flags, locale);
      const cells = [...report.headers, ...report.rows.flat()].map(String);
      // "overdue" is also English for 案件超期; a cell that is a code, or holds one with its underscore, is a code.
      expect(cells.filter((c) => FLAG_CODES.some((code) => c === code || (code.includes("_") && c.includes(code))))).toEqual([]);
      const kinds = new Set(report.rows.map((r) => r[3]));
      expect(kinds).toEqual(new Set(FLAG_CODES.map((c) => FLAG_NAMES[c][locale === "en" ? "en" : "zh"])));
    }
    const dueSoon = flagsReport([flags[FLAG_CODES.indexOf("due_soon")]], "zh-CN");
    expect(dueSoon.rows[0].slice(3, 5)).toEqual(["即将到期", "说明"]);
  });

  it("puts what runs out soonest first within a severity and unit, flags without a due day last", () => {
    const due = (caseNo: string, dueOn: string | null) => ({
      code: "due_soon" as const, severity: "medium" as const, scope: "case" as const, unit: "南埔镇", caseNo, facts: (dueOn ? { dueOn } : {}) as Facts, message: { zh: "", en: "" },
    });
    const report = flagsReport([due("A", null), due("B", "2026-06-20"), due("C", "2026-06-17")], "zh-CN");
    expect(report.rows.map((r) => r[2])).toEqual(["C", "B", "A"]);
  });
});

describe("which unit a coordinator's sheet is", () => {
  const sheet = [
    ["泉港区南埔镇行政争议调解工作台账（2026年）"],
    ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态"],
    ["NP-001", "2026.5.26", "张三", "区人社局", "是", "李四", "调解中"],
  ];
  const header = detectHeader(sheet);

  it("finds the longest configured unit named in a text", () => {
    expect(unitNamedIn("区人社局劳动监察大队台账", UNITS)).toBe("区人社局劳动监察大队");
    expect(unitNamedIn("某某台账", UNITS)).toBeNull();
  });

  it("takes the unit from the title rows first, then from the sheet's tab name", () => {
    expect(unitFromTitle(sheet, header, "Sheet1", UNITS)).toEqual({ unit: "南埔镇", source: "title" });
    expect(unitFromTitle(sheet.slice(1), detectHeader(sheet.slice(1)), "涂岭镇2026", UNITS)).toEqual({ unit: "涂岭镇", source: "sheet" });
    expect(unitFromTitle(sheet.slice(1), detectHeader(sheet.slice(1)), "Sheet1", UNITS)).toBeNull();
  });

  it("remembers a pick per sheet: a new pick replaces it, choosing 自动识别 forgets it, an untouched picker keeps it", () => {
    expect(readSheetUnits({ Sheet2: "涂岭镇", bad: 3, "": "x" })).toEqual({ Sheet2: "涂岭镇" });
    expect(readSheetUnits("garbage")).toEqual({});
    expect(resolveSheetPick({ Sheet2: "涂岭镇" }, "Sheet2", null)).toEqual({ pick: "涂岭镇", changed: null });
    expect(resolveSheetPick({ Sheet2: "涂岭镇" }, "南埔镇台账", null)).toEqual({ pick: "", changed: null });
    expect(resolveSheetPick({ Sheet2: "涂岭镇" }, "南埔镇台账", "南埔镇")).toEqual({ pick: "南埔镇", changed: { Sheet2: "涂岭镇", 南埔镇台账: "南埔镇" } });
    expect(resolveSheetPick({ Sheet2: "涂岭镇" }, "Sheet2", "")).toEqual({ pick: "", changed: {} });
    expect(resolveSheetPick({ Sheet2: "涂岭镇" }, "Sheet2", "涂岭镇")).toEqual({ pick: "涂岭镇", changed: null });
  });

  it("uses the unit the coordinator picked over anything the sheet says", () => {
    expect(defaultUnitFor("山腰街道", sheet, header, "Sheet1", UNITS)).toEqual({ unit: "山腰街道", source: "picked" });
  });

  it("validates a sheet without a unit column as the unit found, instead of reporting every row's unit missing", () => {
    const found = defaultUnitFor("", sheet, header, "Sheet1", UNITS)!;
    const withUnit = runValidation(sheet, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, units: UNITS, defaultUnit: found.unit })!;
    expect(withUnit.result.rows[0].unit).toBe("南埔镇");
    expect(withUnit.result.issues.filter((i) => i.key === "unit")).toEqual([]);
    const without = runValidation(sheet, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, units: UNITS })!;
    expect(without.result.issues.filter((i) => i.key === "unit").map((i) => i.code)).toEqual(["required"]);
  });
});

const LEDGER_HEADER = ["案件编号", "收案日期", "承办单位", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态", "结案日期", "联系电话"];
const grid = (sheetName: string, values: unknown[][]): SheetGrid => ({ sheetName, values, rowCount: values.length, columnCount: Math.max(0, ...values.map((r) => r.length)), chunks: 1 });

function workbook(): SheetGrid[] {
  return [
    grid("南埔镇", [
      ["泉港区南埔镇行政争议调解工作台账（2026年）"],
      LEDGER_HEADER,
      ["NP-1", "2026-05-02", "", "张三", "区人社局", "是", "李四", "调解中", "", "13800000000"],
      ["NP-2", "2026-13-40", "", "李五", "区住建局", "是", "", "调解中", "", "12345"],
      ["NP-2", "2026-05-03", "", "王六", "区住建局", "是", "李四", "调解成功", "", ""],
    ]),
    grid("山腰", [
      LEDGER_HEADER,
      ["SY-1", "2026-05-02", "山腰街道", "张三", "区人社局", "是", "李四", "调解中", "", "1"],
      ["SY-2", "2026-05-02", "涂岭镇", "张三", "区人社局", "是", "李四", "调解中", "", ""],
      ["SY-3", "2026-05-02", "", "张三", "区人社局", "是", "李四", "调解中", "", ""],
    ]),
    grid("调解员名册", [["姓名", "等级", "所属单位", "擅长领域", "联系电话"], ["李四", "金牌调解员", "南埔镇", "征地拆迁", ""]]),
    grid("领域规则", [["纠纷领域", "主管部门"], ["劳动人事争议", "区人社局"]]),
    grid("预警清单", [["级别", "单位", "案件编号", "预警内容", "代码", "到期日"], ["高", "南埔镇", "NP-1", "超期", "overdue", ""]]),
    grid("备忘", [["今天开会"], ["记得上报"]]),
    grid("空白", []),
  ];
}

describe("validating every ledger of a workbook", () => {
  const ctx = { locale: "zh-CN" as const, today: TODAY, units: UNITS };

  it("validates only the case ledgers: rosters, rule sheets, our own sheets and empty sheets are left alone", () => {
    expect(workbook().map(classifySheet)).toEqual(["ledger", "ledger", "roster", "rules", "report", "ledger", "empty"]);
    const v = validateWorkbook(workbook(), emptyColumnSettings(), ctx);
    expect(v.ledgers).toBe(2);
    expect(v.skipped).toEqual([{ sheet: "调解员名册", reason: "roster" }, { sheet: "领域规则", reason: "rules" }, { sheet: "备忘", reason: "no_header" }]);
  });

  it("counts rows, errors and warnings per unit and sheet, most troubled first, with the most frequent issue codes", () => {
    const v = validateWorkbook(workbook(), emptyColumnSettings(), ctx);
    expect(v.rows.map((r) => [r.unit, r.sheet, r.rows, r.errors, r.warnings])).toEqual([
      ["南埔镇", "南埔镇", 3, 4, 1],
      [null, "山腰", 1, 1, 0],
      ["山腰街道", "山腰", 1, 0, 1],
      ["涂岭镇", "山腰", 1, 0, 0],
    ]);
    expect(v.rows[0].unitSource).toBe("title");
    expect(v.rows[0].topCodes).toEqual([
      { code: "close_date_missing", count: 1 }, { code: "duplicate_case_no", count: 1 }, { code: "invalid_date", count: 1 },
    ]);
    expect(v.errors).toBe(5);
    expect(v.warnings).toBe(2);
  });

  it("gives rows without a unit the unit the coordinator picked for that sheet", () => {
    const v = validateWorkbook(workbook(), emptyColumnSettings(), { ...ctx, picks: { 山腰: "山腰街道", 南埔镇: "涂岭镇" } });
    expect(v.rows.find((r) => r.sheet === "南埔镇")).toMatchObject({ unit: "涂岭镇", unitSource: "picked" });
    expect(v.rows.find((r) => r.sheet === "山腰" && r.unit === "山腰街道")).toMatchObject({ rows: 2, unitSource: "picked" });
    expect(v.rows.some((r) => r.unit === null)).toBe(false);
  });

  it("writes a summary sheet with Chinese headers, issue names without codes, notes for skipped sheets and fills", () => {
    const report = summaryReport(validateWorkbook(workbook(), emptyColumnSettings(), ctx), "zh-CN");
    expect(report.name).toBe(SUMMARY_SHEET);
    expect(report.headers).toEqual(["单位", "工作表", "行数", "错误", "警告", "最常见问题", "说明"]);
    expect(report.rows[0]).toEqual(["南埔镇", "南埔镇", 3, 4, 1, "缺少结案日期 ×1；案件编号重复 ×1；日期无法识别 ×1", "未填单位的行按标题中的单位"]);
    expect(report.rows[1].slice(0, 2)).toEqual(["（未填单位）", "山腰"]);
    expect(String(report.rows[1][6])).toContain("请填写，或在“校验”页选择本表所属单位");
    expect(report.rows.slice(4).map((r) => [r[1], r[6]])).toEqual([
      ["调解员名册", "调解员名册，不按台账校验"],
      ["领域规则", "分流规则表，不按台账校验"],
      ["备忘", "没有找到台账表头（需要至少 3 个可识别的列名，如 案件编号、收案日期、申请人），未校验"],
    ]);
    expect(report.fills).toContainEqual([0, 3, "#FFC7CE"]);
    // English words only when Office speaks English; never the code in brackets.
    const en = summaryReport(validateWorkbook(workbook(), emptyColumnSettings(), { ...ctx, locale: "en" }), "en");
    expect(en.rows[0][5]).not.toMatch(/[（(]/);
    expect(String(report.rows[0][5])).not.toMatch(/[A-Za-z]/);
  });

  it("replaces only a summary it wrote: a sheet of the coordinator's with the same name is kept, the summary goes beside it, and only ours is skipped as a report", async () => {
    const seed = { sheets: [...workbook(), grid(SUMMARY_SHEET, [["自己的笔记"]])].map((g) => ({ name: g.sheetName, values: g.values as (string | number | null)[][] })) };
    const { run } = excelDouble(seed);
    const wb = createExcelWorkbook({ run });
    const first = validateWorkbook(await wb.readAllSheets(), emptyColumnSettings(), { locale: "zh-CN", today: TODAY, units: UNITS });
    expect(await wb.writeReportSheet(summaryReport(first, "zh-CN"))).toBe(`${SUMMARY_SHEET} (2)`);
    const grids = await wb.readAllSheets();
    const byName = new Map(grids.map((g) => [g.sheetName, g]));
    expect(classifySheet(byName.get(`${SUMMARY_SHEET} (2)`)!)).toBe("report");
    expect(classifySheet(byName.get(SUMMARY_SHEET)!)).toBe("ledger");
    expect(await wb.writeReportSheet(summaryReport(validateWorkbook(grids, emptyColumnSettings(), { locale: "zh-CN", today: TODAY, units: UNITS }), "zh-CN"))).toBe(`${SUMMARY_SHEET} (2)`);
    expect((await wb.readAllSheets()).map((g) => g.sheetName).filter((n) => n.startsWith(SUMMARY_SHEET))).toEqual([SUMMARY_SHEET, `${SUMMARY_SHEET} (2)`]);
    expect(byName.get(SUMMARY_SHEET)!.values).toEqual([["自己的笔记"]]);
  });
});

describe("reading every sheet of a workbook", () => {
  it("plans reads across sheets within the byte budget, splitting a large sheet by rows", () => {
    const sheets = [{ rowCount: 100, columnCount: 10, rowsRead: 0 }, { rowCount: 50, columnCount: 20, rowsRead: 0 }, { rowCount: 0, columnCount: 0, rowsRead: 0 }];
    expect(planWorkbookRead(sheets, 10, MAX_CHUNK_BYTES)).toEqual([{ sheet: 0, firstRow: 0, rows: 100 }, { sheet: 1, firstRow: 0, rows: 50 }]);
    const big = [{ rowCount: 100_000, columnCount: 25, rowsRead: 0 }, { rowCount: 10, columnCount: 5, rowsRead: 0 }];
    const first = planWorkbookRead(big, 40, MAX_CHUNK_BYTES);
    expect(first).toHaveLength(1);
    expect(first[0].rows * 25 * 40 * 1.25).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    expect(planWorkbookRead([{ ...big[0], rowsRead: 100_000 }, big[1]], 40)).toEqual([{ sheet: 1, firstRow: 0, rows: 10 }]);
  });

  it("reads all sheets of a small workbook in three syncs and returns each sheet's grid from A1", async () => {
    const seed = { sheets: workbook().map((g) => ({ name: g.sheetName, values: g.values as (string | number | null)[][] })) };
    const { state, run } = excelDouble(seed);
    const grids = await createExcelWorkbook({ run }).readAllSheets();
    expect(grids.map((g) => g.sheetName)).toEqual(workbook().map((g) => g.sheetName));
    expect(grids[0].values[2].slice(0, 2)).toEqual(["NP-1", "2026-05-02"]);
    expect(grids[6]).toMatchObject({ rowCount: 0, values: [] });
    expect(syncKinds(state.recorder)).toEqual(["read", "read", "read"]);
  });

  it("spends one read per ≤ 4 MB across sheets on a large workbook, never a sync per sheet", async () => {
    const rows = (n: number, unit: string) => [LEDGER_HEADER, ...Array.from({ length: n }, (_, i) => [`${unit}-${i}`, "2026-05-02", unit, "张三".repeat(40), "区人社局", "是", "李四", "调解中", "", ""])];
    const seed = { sheets: ["南埔镇", "山腰街道", "涂岭镇"].map((u) => ({ name: u, values: rows(4000, u) })) };
    const { state, run } = excelDouble(seed);
    const grids = await createExcelWorkbook({ run, maxChunkBytes: 1024 * 1024 }).readAllSheets();
    expect(grids.map((g) => g.values.length)).toEqual([4001, 4001, 4001]);
    const reads = state.recorder.syncs.slice(2);
    expect(reads.every((s) => s.responseBytes <= 1024 * 1024)).toBe(true);
    expect(reads.length).toBeLessThan(12);
  });

  it("re-reads smaller when a read comes back over Excel's 5 MB limit, and still returns every row once", async () => {
    const long = "x".repeat(2000);
    const values = [["案件编号", "申请人", "争议概要", "备注", "说明"], ...Array.from({ length: 2000 }, (_, i) => [`C-${i}`, long, long, long, long])];
    const { state, run } = excelDouble({ sheets: [{ name: "长文本", values }, { name: "小表", values: [["a"], ["b"]] }] });
    const grids = await createExcelWorkbook({ run }).readAllSheets();
    expect(grids[0].values.map((r) => r[0])).toEqual(values.map((r) => r[0]));
    expect(grids[1].values).toEqual([["a"], ["b"]]);
    const syncs = state.recorder.syncs;
    expect(syncs.filter((s) => s.failed).length).toBe(1);
    expect(syncs.every((s) => s.failed || s.responseBytes <= 5 * 1024 * 1024)).toBe(true);
  });
});
