/**
 * The self-test's session: every kind of call the WPS host makes, recorded (transcript.ts), on any workbook an office
 * opens, without changing it. It adds a scratch sheet (SCRATCH_SHEET) with a small ledger — values, a date, text that
 * looks like a formula, a merged block and a merged heading, a clerk's own fill and conditional format — then runs the
 * host's own code over it: read with merged areas, mark and clear marks, write back, select, the routing reads and
 * writes, append, settings (in a scratch settings sheet), a laid-out report sheet; reads everything back, and removes
 * the sheets it added. The page (/wps/selftest.html) shows the transcript as JSON to copy and send back.
 *
 * Cell values of the clerk's sheets are never read: the transcript's seed has only their names, so the WPS double can
 * replay it (test/support/wps-double/replay.ts).
 */
import { toCellText } from "../shared/cells.ts";
import { MARK_FORMULA } from "../shared/mark-rule.ts";
import type { Grid } from "../../../ledger/reports/grid.ts";
import { bgr, MSO_LANGUAGE_ID_UI, sheetNamed, XL_EXPRESSION, type WpsApplication, type WpsWorksheet } from "./wps-api.ts";
import { createWpsWorkbook } from "./wps-ledger-workbook.ts";
import { createWpsRoutingWorkbook } from "./wps-routing-workbook.ts";
import { describeWorkbook, recordTranscript, type Transcript } from "./transcript.ts";

export const SCRATCH_SHEET = "调解台账自检";
export const SCRATCH_SETTINGS_SHEET = "tiaojie-selftest-settings";
export const SCRATCH_REPORT_SHEET = "调解台账自检报表";

export interface SelfTestStep {
  name: string;
  ok: boolean;
  error?: string;
}

export interface SelfTestResult {
  transcript: Transcript;
  steps: SelfTestStep[];
}

/** The scratch ledger (A1:E8): headers, cases, a date serial, text starting with "=", empty cells, a heading row. */
export const SCRATCH_VALUES: (string | number)[][] = [
  ["案件编号", "收案日期", "承办单位", "申请人", "争议概要"],
  ["ZJ-1", 46000, "南埔镇", "张三", "征地补偿"],
  // C3 stays empty: merging C2:C4 over a value would make WPS ask the clerk whether to drop it.
  ["ZJ-2", 46001.5, "", "李四", toCellText("=不是公式")],
  ["ZJ-3", "", "", "王五", ""],
  ["ZJ-4", 46003, "", "", "工伤认定"],
  ["ZJ-5", "2026-01-05", "山腰街道", 12345, "-1"],
  ["一月份", "", "", "", ""],
  ["ZJ-6", 46010, "后龙镇", "赵六", "信息公开"],
];

const SCRATCH_GRID: Grid = {
  name: SCRATCH_REPORT_SHEET,
  rows: [
    [{ v: "自检报表", style: "title" }],
    [{ v: "单位", style: "header" }, { v: "完成率", style: "header" }],
    [{ v: "南埔镇", style: "cell" }, { v: 0.5, style: "miss", format: "0.0%" }],
    [{ v: "=SUM(1)", style: "cell" }, { v: 1, style: "cell", format: "0.0%" }],
  ],
  merges: [{ row: 0, col: 0, rows: 1, cols: 2 }],
  widths: [12, 10],
  charts: [{ kind: "bar", title: "完成率", headerRow: 1, firstRow: 2, lastRow: 3, labelCol: 0, firstValueCol: 1, lastValueCol: 1, seriesIn: "columns", at: { row: 5, col: 0, rows: 12, cols: 4 }, valueFormat: "0%" }],
  page: { orientation: "portrait" },
};

/** Runs the session on `app` and returns what WPS answered. Never throws: a failed step is listed and the rest go on. */
export async function runSelfTest(app: WpsApplication, about: Record<string, string> = {}): Promise<SelfTestResult> {
  const seed = describeWorkbook(app);
  // Which WPS answered, asked before recording (the double has its own).
  const version = (ask: () => unknown) => {
    try {
      return String(ask() ?? "");
    } catch {
      return "";
    }
  };
  about = { wpsVersion: version(() => app.Version), wpsBuild: version(() => app.Build), ...about };
  const recorder = recordTranscript(app);
  const a = recorder.app;
  const steps: SelfTestStep[] = [];
  const step = async (name: string, run: () => unknown): Promise<void> => {
    try {
      await run();
      steps.push({ name, ok: true });
    } catch (e) {
      steps.push({ name, ok: false, error: e instanceof Error ? e.message : String(e) });
    }
  };
  const options = { settingsSheet: SCRATCH_SETTINGS_SHEET };
  const host = createWpsWorkbook(a, options);
  const routing = createWpsRoutingWorkbook(a, options);
  const wb = a.ActiveWorkbook;
  const original = a.ActiveSheet;
  let scratch: WpsWorksheet | null = null;

  await step("add a scratch sheet", () => {
    const sheets = wb!.Worksheets;
    scratch = sheets.Add(undefined, sheets.Item(sheets.Count));
    scratch.Name = SCRATCH_SHEET;
  });
  await step("write cells, merge, a clerk's fill and rule", () => {
    const s = scratch!;
    s.Range("A1:E8").Value2 = SCRATCH_VALUES;
    s.Range("C2:C4").Merge(false);
    s.Range("A7:E7").Merge(false);
    s.Range("B2").Interior.Color = bgr("#00B050");
    s.Range("D2:D8").FormatConditions.Add(XL_EXPRESSION, undefined, "=TRUE").Interior.Color = bgr("#92D050");
    s.Range("A3:E4").Select();
  });
  await step("read cells one by one (1-based Cells.Item)", () => {
    const s = scratch!;
    void s.Cells.Item(1, 1).Value2;
    void s.Cells.Item(3, 3).Value2;
    void s.Range("C3").MergeCells;
    void s.Range("C2:C4").MergeCells;
    void s.Range("A1:E8").MergeCells;
    void s.Range("C3").MergeArea.Address(false, false);
    void s.UsedRange.Address(false, false);
  });
  await step("readSheet", () => host.readSheet());
  await step("readActive", () => routing.readActive("columnFixes"));
  await step("markIssues", () => host.markIssues(SCRATCH_SHEET, [
    { row: 2, column: 0, severity: "error" }, { row: 3, column: 0, severity: "error" }, { row: 5, column: 3, severity: "warning" }, { row: 8, column: 4, severity: "error" },
    // Enough scattered cells for more than one 255-character address: the rule goes on their Union.
    ...Array.from({ length: 100 }, (_, i) => ({ row: 10 + i, column: (i % 2) * 2, severity: "error" as const })),
  ]));
  await step("list conditional formats", () => {
    const formats = scratch!.Cells.FormatConditions;
    for (let i = 1; i <= formats.Count; i++) {
      const f = formats.Item(i);
      if (f.Type === XL_EXPRESSION) void (f.Formula1 === MARK_FORMULA);
    }
  });
  await step("clearMarks", () => host.clearMarks(SCRATCH_SHEET));
  await step("writeBack", () => host.writeBack({
    sheetName: SCRATCH_SHEET, column: 6, headerRow: 1, headers: ["校验结果", "预警"], firstRow: 2, lastRow: 8,
    cells: new Map([[2, ["=SUM(A1)", "超期"]], [5, ["@张三", "+86"]]]),
  }));
  await step("selectCell", () => host.selectCell(SCRATCH_SHEET, 5, 1));
  await step("writeColumns", () => routing.writeColumns({
    sheetName: SCRATCH_SHEET, headerRow: 1, firstRow: 2,
    columns: [{ column: 9, header: "建议承办单位", texts: ["南埔镇", "", "-"], fills: [null, "#FFEB9C", null] }],
  }));
  await step("appendRows", () => routing.appendRows(SCRATCH_SHEET, 9, [["ZJ-7", 46020, "南埔镇"]]));
  await step("appendRows refused over a filled row", async () => {
    try {
      await routing.appendRows(SCRATCH_SHEET, 9, [["ZJ-8"]]);
    } catch {
      return;
    }
    throw new Error("the row below was filled, yet appendRows wrote");
  });
  await step("writeGridSheet", () => host.writeGridSheet(SCRATCH_GRID));
  // After the report (whose ownership is a setting too), so the long value is read once: it is split over two cells.
  await step("settings", async () => {
    await host.saveSetting("selftest", { 单位: "南埔镇", long: "x".repeat(30_100) });
    await host.loadSetting("selftest");
  });
  await step("read back", () => {
    void scratch!.Range("A1:J9").Value2;
    const report = sheetNamed(wb!, SCRATCH_REPORT_SHEET);
    if (report) {
      void report.Range("A1:B4").Value2;
      void report.Range("A1:B1").MergeCells;
      void report.PageSetup.PrintTitleRows;
      void report.PageSetup.CenterFooter;
      void report.Range("C6").Left;
      void report.Range("C6").Top;
    }
  });
  await step("language", () => a.LanguageSettings?.LanguageID(MSO_LANGUAGE_ID_UI));
  await step("remove the scratch sheets", () => {
    original?.Activate();
    const alerts = a.DisplayAlerts;
    a.DisplayAlerts = false;
    try {
      for (const name of [SCRATCH_REPORT_SHEET, SCRATCH_SHEET, SCRATCH_SETTINGS_SHEET]) sheetNamed(wb!, name)?.Delete();
    } finally {
      a.DisplayAlerts = alerts;
    }
  });
  return { transcript: { format: "tiaojie-wps-transcript", version: 1, about, seed, entries: recorder.entries }, steps };
}
