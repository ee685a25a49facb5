// The streaming reader (cli/lib/stream-workbook.ts) against the exceljs whole-workbook reader it replaced
// (test/support/exceljs-workbook.ts): the same grid, the same header, the same issues, for every workbook the tests
// and samples hold, and for the cells clerks' files carry (merged areas, date cells and serials, rich text,
// formulas, hyperlinks, several sheets, far-apart cells).
import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findLedgerSheet } from "../../cli/lib/find-ledger.ts";
import { readWorkbook, type Sheet } from "../../cli/lib/read-workbook.ts";
import { validateLedger } from "../../ledger/validate.ts";
import { FILE_CASES } from "../corpus/file-cases.ts";
import { handMadeWorkbook } from "../corpus/hand-made-xlsx.ts";
import { generateCases } from "../fixtures/case-generator.ts";
import { layOut, STANDARD_COLUMNS, type LaidOut, type LayoutColumn } from "../fixtures/ledger-layout.ts";
import { addLedgerSheet } from "../fixtures/write-xlsx.ts";
import { readWorkbookWhole } from "../support/exceljs-workbook.ts";
import { ROOT, tiaojie } from "./run-cli.ts";

const TODAY = "2026-11-25";
let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "tiaojie-stream-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rows = generateCases({ seed: 7, count: 12, unit: "山腰街道" });

async function save(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(dir, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function laidOutFile(name: string, laid: LaidOut, dateColumns: number[] = []): Promise<string> {
  const wb = new ExcelJS.Workbook();
  addLedgerSheet(wb, "台账", laid, dateColumns);
  return save(wb, name);
}

/** What a clerk's command sees of a workbook: every grid, and the ledger sheet's header and issues. */
function reading(sheets: Sheet[]) {
  let ledger: unknown = null;
  try {
    const { sheet, header } = findLedgerSheet(sheets);
    const result = validateLedger(sheet.grid, { header, columnPlaces: sheet.columns, merges: sheet.merges, today: TODAY, defaultUnit: "山腰街道" })!;
    ledger = { sheet: sheet.name, header, issues: result.issues, ok: result.rows.map((r) => [r.row, r.ok]), skipped: result.skipped };
  } catch (e) {
    ledger = (e as Error).message;
  }
  return { sheets, ledger };
}

async function expectSameReading(file: string) {
  const streamed = reading(await readWorkbook(file));
  const whole = reading(await readWorkbookWhole(file));
  expect(streamed).toEqual(whole);
  return streamed;
}

/** Header layouts the ledger tests cover, each written as Excel stores it: merged areas hold their value top-left only. */
const LAYOUTS: [string, () => LaidOut, number[]?][] = [
  ["a merged title and 填报单位 line over a one-row header, dates in six forms", () => layOut(rows, {
    title: "泉港区山腰街道行政争议调解工作台账（2026年）", info: "填报单位：山腰街道　填报日期：2026年11月20日", columns: STANDARD_COLUMNS,
    dateStyle: "mixed", yesNo: ["√", "×"], amountInWan: true, blankEvery: 5, totalRow: true, notes: ["填表说明：1. 日期按“2026-05-26”填写；2. 金额单位为元。"],
  }), [2, 17, 21, 22]],
  ["a two-level header: 申请人 merged over 姓名 / 证件号码 / 联系电话, the other headings merged down two rows", () => layOut(rows, {
    title: "区人社局行政争议调解台账",
    columns: [
      { key: "seq", header: "序号" }, { key: "caseNo", header: "登记编号" }, { key: "receivedOn", header: "登记日期" },
      { key: "applicant", header: "姓名", group: "申请人" }, { key: "applicantId", header: "证件号码", group: "申请人" },
      { key: "phone", header: "联系电话", group: "申请人" }, { key: "respondent", header: "被申请人" }, { key: "accepted", header: "受理情况" },
    ] satisfies LayoutColumn[],
    dateStyle: "serial",
  }), [2]],
  ["公文 dates and a header with no title", () => layOut(rows, { columns: STANDARD_COLUMNS.slice(1), dateStyle: "gongwen" })],
  ["the registration form whose 申请人 and 被申请人 groups share 姓名或名称 / 电话", () => ({
    grid: [
      ["行政争议调解案件登记表", null, null, null, null, null, null, null],
      ["登记编号", "登记日期", "申请人", null, "被申请人", null, "是否受理", "不予受理理由"],
      [null, null, "姓名或名称", "电话", "姓名或名称", "电话", null, null],
      ["DJ-1", "二〇二六年三月五日", "王伟", "12345", "区住建局", "住建局办公室", "否", "不属于受理范围"],
      ["DJ-2", "二〇二六 年 十 月 二十五 日", "李娜", "13800138000", "区人社局", "0595-87123456", "否", "已过申请期限"],
    ],
    merges: [{ row: 0, from: 0, to: 7 }, { row: 1, from: 2, to: 3 }, { row: 1, from: 4, to: 5 }, ...[0, 1, 6, 7].map((c) => ({ row: 1, from: c, to: c, rows: 2 }))],
    caseRows: [4, 5],
  })],
];

/** A ledger whose 承办单位 is written once per block of cases and merged down over it, as clerks do. */
function unitMergedDown(): LaidOut {
  const laid = layOut(rows, { title: "泉港区行政争议调解工作台账（2026年）", columns: STANDARD_COLUMNS, dateStyle: "iso" });
  const unit = STANDARD_COLUMNS.findIndex((c) => c.key === "unit");
  const [first] = laid.caseRows.map((r) => r - 1);
  laid.grid.forEach((row, r) => {
    if (r > first && r < first + 6) row[unit] = null;
    if (r > first + 6) row[unit] = null;
  });
  laid.grid[first][unit] = "山腰街道";
  laid.grid[first + 6][unit] = "南埔镇";
  laid.merges.push({ row: first, from: unit, to: unit, rows: 6 }, { row: first + 6, from: unit, to: unit, rows: rows.length - 6 });
  return laid;
}

describe("the streaming reader reads every workbook as the exceljs whole-workbook reader did", () => {
  const samples = readdirSync(path.join(ROOT, "samples")).filter((f) => f.endsWith(".xlsx"));
  it.each(samples)("the sample %s: the same grids, header and issues", async (name) => {
    await expectSameReading(path.join(ROOT, "samples", name));
  });

  it.each(LAYOUTS)("%s: the same grid, header and issues", async (what, make, dates) => {
    const r = await expectSameReading(await laidOutFile(`layout-${LAYOUTS.findIndex((l) => l[0] === what)}.xlsx`, make(), dates));
    expect(typeof r.ledger).toBe("object");
  });

  const readable = FILE_CASES.filter((k) => k.expect.exit !== 2 && !/1,048,576|XFD|10,000 columns/.test(k.name));
  it.each(readable.map((k) => [k.name, k] as const))("the corpus file “%s”: the same grids, header and issues", async (_, k) => {
    await expectSameReading(await k.make(dir));
  });

  it("the corpus files far apart (a case on row 1,048,576, one at XFD1048576, a ledger 10,000 columns wide): the same reading", async () => {
    for (const k of FILE_CASES.filter((x) => x.expect.exit !== 2 && /1,048,576|XFD|10,000 columns/.test(x.name))) await expectSameReading(await k.make(dir));
  }, 120_000);

  it("cells of every kind: date cells in several formats, serials, booleans, rich text, formulas with cached results, hyperlinks, errors", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("台账");
    ws.addRow(["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "协议金额（元）", "备注", "结案日期"]);
    const day = new Date(Date.UTC(2026, 4, 26));
    ws.addRow(["A-1", day, { richText: [{ text: "王", font: { bold: true } }, { text: "伟" }] }, "区住建局", true, 3.5, { text: "链接", hyperlink: "https://example.org" }, null]);
    ws.getCell("B2").numFmt = "yyyy-mm-dd";
    ws.addRow(["A-2", 46168, "李娜", { formula: 'CONCAT("区","人社局")', result: "区人社局" }, false, { formula: "1+2", result: 3 }, { error: "#N/A" }, null]);
    ws.addRow(["A-3", { formula: "DATE(2026,5,27)", result: day }, "张三", "区教育局", "是", { formula: "1/0", result: { error: "#DIV/0!" } }, "=SUM(1,1) 写成文字", day]);
    ws.getCell("B4").numFmt = 'yyyy"年"m"月"d"日"';
    ws.getCell("H4").numFmt = "d-mmm-yy";
    ws.addRow(["A-4", "2026年5月26日", "赵六 & <某某>", "区卫健局", "√", "3.5万元", "_x000D_", { formula: "H4+1", result: 46170 }]);
    ws.getCell("H5").numFmt = "m/d/yy";
    ws.addRow(["A-5", "二〇二六年五月二十六日", "  ", "区司法局", "否", "", "", null]);
    // A cell far to the right and a row far below: empty columns and rows between them stay out of the grid.
    ws.getCell("AZ40").value = "远处的备注";
    const r = await expectSameReading(await save(wb, "kinds.xlsx"));
    const grid = r.sheets[0].grid;
    expect(grid[1].slice(0, 4)).toEqual(["A-1", day, "王伟", "区住建局"]);
    expect(grid[2][3]).toBe("区人社局");
    expect(grid[3][1]).toEqual(day);
  });

  it("inline strings, rich inline runs and shared formulas as exceljs's streaming writer saves them", async () => {
    const file = path.join(dir, "inline.xlsx");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: true });
    const ws = wb.addWorksheet("台账");
    ws.addRow(["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理"]).commit();
    ws.addRow(["B-1", "2026-05-01", { richText: [{ text: "王" }, { text: "伟" }] }, "区住建局", "是"]).commit();
    ws.addRow(["B-2", "2026-05-02", "李娜", "区人社局", { formula: 'IF(1,"是","否")', result: "是" }]).commit();
    ws.commit();
    await wb.commit();
    const r = await expectSameReading(file);
    expect(r.sheets[0].grid[1][2]).toBe("王伟");
  });

  it("several sheets: the ledger is the first sheet with a ledger header, in the workbook's order, hidden sheets included", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("说明").addRow(["本台账按月填报"]);
    const hidden = wb.addWorksheet("旧表", { state: "hidden" });
    hidden.addRow(["姓名", "电话"]);
    wb.addWorksheet("空表");
    const laid = layOut(rows, { title: "台账", columns: STANDARD_COLUMNS, dateStyle: "dot" });
    addLedgerSheet(wb, "2026年", laid);
    addLedgerSheet(wb, "2025年", layOut(rows.slice(0, 3), { columns: STANDARD_COLUMNS }));
    const r = await expectSameReading(await save(wb, "sheets.xlsx"));
    expect(r.sheets.map((s) => s.name)).toEqual(["说明", "旧表", "空表", "2026年", "2025年"]);
    expect((r.ledger as { sheet: string }).sheet).toBe("2026年");
  });

  it("a merged area whose top-left cell is empty empties the cells under it, as exceljs did", async () => {
    // exceljs drops the values under a merged area when it writes; a hand-edited file may keep them.
    const header = ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理"];
    const strings = [...header, "C-1", "2026-05-01", "王伟", "区住建局", "是", "C-2", "2026-05-02", "李娜", "区人社局", "留下"];
    const cell = (ref: string, text: string) => `<c r="${ref}" t="s"><v>${strings.indexOf(text)}</v></c>`;
    const row = (r: number, texts: string[], from = 0) => `<row r="${r}">${texts.map((t, i) => cell(`${"ABCDEF"[from + i]}${r}`, t)).join("")}</row>`;
    const file = await handMadeWorkbook(path.join(dir, "empty-master.xlsx"), {
      strings: strings.map((s) => () => [s]),
      rows: () => [row(1, header), row(2, strings.slice(5, 10)), row(3, strings.slice(10, 15)), row(4, ["留下"], 5)],
      afterRows: () => ['<mergeCells count="2"><mergeCell ref="D2:D3"/><mergeCell ref="E4:F4"/></mergeCells>'],
    });
    const r = await expectSameReading(file);
    expect(r.sheets[0].grid[2][3]).toBe("区住建局");
    expect(r.sheets[0].grid).toHaveLength(4);
    expect(r.sheets[0].grid[3].every((v) => v === null)).toBe(true);
  });
});

describe("a ledger whose 承办单位 is merged down each block of cases", () => {
  let file = "";
  beforeAll(async () => {
    file = await laidOutFile("unit-merged.xlsx", unitMergedDown());
  });

  it("is read with the block's unit in every row of the block", async () => {
    const { sheet, header } = findLedgerSheet(await readWorkbook(file));
    const unit = sheet.grid.slice(header.headerRow + 1).map((row) => row[header.columns.unit!]).filter((v) => v !== null);
    expect(unit).toEqual([...Array(6).fill("山腰街道"), ...Array(rows.length - 6).fill("南埔镇")]);
  });

  it("validates with no required errors, and tiaojie validate says so", () => {
    const r = tiaojie(["validate", file, "--json", "--today", TODAY]);
    const report = JSON.parse(r.stdout);
    expect(report.issues.filter((i: { code: string }) => i.code === "required")).toEqual([]);
    expect(report.issues.filter((i: { key: string }) => i.key === "unit")).toEqual([]);
    expect(report.dataRows).toBe(rows.length);
  });
});

describe("cells exceljs misread, read as Excel shows them", () => {
  it("an ISO date cell (t=\"d\") is that day, where exceljs read 2026 from \"2026-05-26\"", async () => {
    const header = ["案件编号", "收案日期", "申请人", "被申请行政机关", "是否受理", "调解员", "办理状态"];
    const strings = [...header, "D-1", "D-2", "王伟", "区住建局", "是", "李四", "调解中"];
    const s = (ref: string, text: string) => `<c r="${ref}" t="s"><v>${strings.indexOf(text)}</v></c>`;
    const file = await handMadeWorkbook(path.join(dir, "iso-dates.xlsx"), {
      strings: strings.map((x) => () => [x]),
      rows: () => [
        `<row r="1">${header.map((h, i) => s(`${"ABCDEFG"[i]}1`, h)).join("")}</row>`,
        `<row r="2">${s("A2", "D-1")}<c r="B2" t="d"><v>2026-05-26T00:00:00</v></c>${s("C2", "王伟")}${s("D2", "区住建局")}${s("E2", "是")}${s("F2", "李四")}${s("G2", "调解中")}</row>`,
        `<row r="3">${s("A3", "D-2")}<c r="B3" t="d"><v>不是日期</v></c>${s("C3", "王伟")}${s("D3", "区住建局")}${s("E3", "是")}${s("F3", "李四")}${s("G3", "调解中")}</row>`,
      ],
    });
    const [sheet] = await readWorkbook(file);
    expect(sheet.grid[1][1]).toEqual(new Date(Date.UTC(2026, 4, 26)));
    const r = tiaojie(["validate", file, "--json", "--unit", "山腰街道", "--today", TODAY]);
    const report = JSON.parse(r.stdout);
    // The unreadable one is named at its cell, never dropped.
    expect(report.issues.map((i: { row: number; column: string; code: string }) => [i.row, i.column, i.code])).toEqual([[3, "B", "invalid_date"]]);
    expect(r.code).toBe(1);
  });
});
