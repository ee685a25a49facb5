// Every sheet a clerk can print, printed: each workbook the CLI writes with --out (Chinese, and English where the
// command takes --locale en) and each sheet the task pane writes, through LibreOffice to PDF, then checked sheet by
// sheet (test/support/print-check.ts): A4, no text under 8 pt, header rows repeated on every page and frozen on
// screen, no codes, no English in a Chinese sheet beyond what users typed, numbers stored as numbers, charts over
// figures only. A failure names the workbook, the sheet and what is wrong where.
//
// The pane's sheets are printed through the CLI's writer (cli/lib/grid-workbook.ts): the Excel and WPS doubles keep
// a model of the workbook, not a file LibreOffice could open. Both write the same Grid layouts, so the words,
// figures and layout printed here are the pane's; how the pane's own renderers set up the page (A4, print titles,
// frozen panes, breaks, fonts) is asserted over both doubles in test/addin/workbook-contract.test.ts. A table the pane
// writes as a ReportSheet is printed as a Grid of its header row and rows.
import type ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { competitionGrids } from "../../cli/commands/competition.ts";
import { courtCasesGrid } from "../../cli/commands/court-cases.ts";
import { drilldownWorkbook } from "../../cli/commands/drilldown.ts";
import { mentorsGrids } from "../../cli/commands/mentors.ts";
import { mediatorsGrids } from "../../cli/commands/mediators.ts";
import { rankingsWorkbook } from "../../cli/commands/rankings.ts";
import { reviewsWorkbook } from "../../cli/commands/reviews.ts";
import { statsGrids } from "../../cli/commands/stats.ts";
import { subsidiesGrids } from "../../cli/commands/subsidies.ts";
import { trendXlsx } from "../../cli/commands/trend.ts";
import { gridWorkbookBytes } from "../../cli/lib/grid-workbook.ts";
import type { ReportSheet } from "../../addin/hosts/ledger-workbook.ts";
import { competitionReport } from "../../addin/pane/logic/competition-sheet.ts";
import { courtReport } from "../../addin/pane/logic/court-sheet.ts";
import { mediatorReport } from "../../addin/pane/logic/mediator-sheet.ts";
import { mentorsReport } from "../../addin/pane/logic/mentor-sheets.ts";
import { flagsReport, rankingsReport } from "../../addin/pane/logic/report-sheets.ts";
import { emptyColumnSettings } from "../../addin/pane/logic/columns.ts";
import { summaryReport, validateWorkbook } from "../../addin/pane/logic/validate-all.ts";
import { subsidyReport } from "../../addin/pane/logic/subsidy-sheet.ts";
import { trendReport } from "../../addin/pane/logic/trend-sheet.ts";
import type { Grid, GridCell } from "../../ledger/reports/grid.ts";
import { displayWidth } from "../../ledger/display-width.ts";
import { digestLayout } from "../../ledger/reports/digest-layout.ts";
import { drilldownLayout } from "../../ledger/reports/drilldown-layout.ts";
import { monthlyReportLayout } from "../../ledger/reports/monthly-report-layout.ts";
import { reviewDimensionsLayout } from "../../ledger/reports/review-dimensions-layout.ts";
import { statsLayouts } from "../../ledger/reports/stats-layout.ts";
import { printCheck, typedStrings, type PrintCheck, type WorkbookToCheck } from "../support/print-check.ts";
import { sampleDigest } from "../fixtures/digest.ts";
import { drilldownFixture } from "../fixtures/drilldown.ts";
import { rankingsFixture } from "../fixtures/rankings.ts";
import { competitionFixture, courtCasesFixture, flagsFixture, ledgerWithErrorsFixture, mediatorResultsFixture, mentorsFixture } from "../fixtures/report-fixtures.ts";
import { reviewReport } from "../fixtures/review-dimensions.ts";
import { sampleReportData, sampleStats } from "../fixtures/stats.ts";
import { statement } from "../fixtures/subsidy-statement.ts";
import { sampleTrend } from "../fixtures/trend.ts";

const bytes = async (wb: ExcelJS.Workbook) => new Uint8Array(await wb.xlsx.writeBuffer());

/** A pane table (ReportSheet) as the Grid of its header row and rows, to print through the CLI's writer. */
function reportGrid(r: ReportSheet): Grid {
  const header: GridCell[] = r.headers.map((v) => ({ v, style: "header" }));
  const rows: GridCell[][] = r.rows.map((row, i) => row.map((v, c) => {
    const fill = r.fills?.find(([fr, fc]) => fr === i && fc === c);
    return { v: typeof v === "boolean" ? String(v) : v ?? null, style: fill ? "miss" : "cell", format: r.numberFormats?.[c] };
  }));
  // About what Excel's autofit gives the pane's table (writeReportSheet), within the widths the CLI allows.
  const widths = r.headers.map((h, c) => Math.min(40, Math.max(8, ...[h, ...r.rows.map((row) => String(row[c] ?? ""))].map((t) => displayWidth(t) + 2))));
  return { name: r.name, rows: [header, ...rows], merges: [], widths, headerRows: { first: 0, last: 0 }, locale: r.locale };
}

const LEDGER = ledgerWithErrorsFixture();

const stats = sampleStats(24);
const FILED = { filer: "泉港区司法局", filedOn: "2026-06-03" };
const ZH = { locale: "zh-CN", filedOn: "2026-06-03" } as const;
const typed = typedStrings(rankingsFixture(), drilldownFixture(), reviewReport(), stats, sampleDigest(), sampleTrend(), competitionFixture(), mentorsFixture(),
  courtCasesFixture(), statement(), flagsFixture(), mediatorResultsFixture(), FILED, LEDGER);

/** Every workbook a clerk can print, from the fixtures the commands' and pages' own tests use. */
async function workbooks(): Promise<WorkbookToCheck[]> {
  const zh = (id: string, b: Uint8Array): WorkbookToCheck => ({ id, bytes: b, locale: "zh-CN", typed });
  const en = (id: string, b: Uint8Array): WorkbookToCheck => ({ id, bytes: b, locale: "en", typed });
  const pane = (r: ReportSheet | Grid | Grid[]) => gridWorkbookBytes(Array.isArray(r) ? r : ["headers" in r ? reportGrid(r) : r]);
  return [
    // The CLI, as `tiaojie <command> --out` writes it (Chinese unless --locale en).
    zh("cli-rankings", await bytes(rankingsWorkbook(rankingsFixture()))),
    en("cli-rankings-en", await bytes(rankingsWorkbook(rankingsFixture(), "en"))),
    zh("cli-drilldown", await bytes(drilldownWorkbook(drilldownFixture()))),
    zh("cli-reviews", await bytes(reviewsWorkbook(reviewReport()))),
    zh("cli-stats", await gridWorkbookBytes(statsGrids(sampleReportData(stats), FILED))),
    en("cli-stats-en", await gridWorkbookBytes(statsGrids(sampleReportData(stats), { ...FILED, locale: "en" }))),
    zh("cli-digest", await gridWorkbookBytes(digestLayout(sampleDigest(), "zh-CN"))),
    en("cli-digest-en", await gridWorkbookBytes(digestLayout(sampleDigest(), "en"))),
    zh("cli-trend", await trendXlsx(sampleTrend(), ZH)),
    en("cli-trend-en", await trendXlsx(sampleTrend(), { ...ZH, locale: "en" })),
    zh("cli-competition", await gridWorkbookBytes(competitionGrids(competitionFixture(), ZH))),
    zh("cli-court-cases", await gridWorkbookBytes([courtCasesGrid("2026-Q3", courtCasesFixture(), "zh-CN")])),
    en("cli-court-cases-en", await gridWorkbookBytes([courtCasesGrid("2026-Q3", courtCasesFixture(), "en")])),
    zh("cli-mentors", await gridWorkbookBytes(mentorsGrids(mentorsFixture(), ZH))),
    zh("cli-mediators", await gridWorkbookBytes(mediatorsGrids(mediatorResultsFixture(), ZH))),
    zh("cli-subsidies", await gridWorkbookBytes(subsidiesGrids(statement(), ZH))),
    en("cli-subsidies-en", await gridWorkbookBytes(subsidiesGrids(statement(), { ...ZH, locale: "en" }))),
    // The pane in Chinese (the digest and the 月报 are the CLI's own layouts in the same language: printed above).
    zh("pane-stats", await gridWorkbookBytes(statsLayouts(stats, "zh-CN"))),
    zh("pane-rankings", await pane(rankingsReport(rankingsFixture(), "zh-CN"))),
    zh("pane-reviews", await pane(reviewDimensionsLayout(reviewReport(), "zh-CN"))),
    zh("pane-drilldown", await pane(drilldownLayout(drilldownFixture(), "zh-CN"))),
    zh("pane-flags", await pane(flagsReport(flagsFixture(), "zh-CN"))),
    zh("pane-summary", await pane(summaryReport(validateWorkbook([LEDGER], emptyColumnSettings(), { locale: "zh-CN", today: "2026-06-03", units: ["南埔镇"] }), "zh-CN"))),
    zh("pane-subsidies", await pane(subsidyReport(statement(), "zh-CN"))),
    zh("pane-mediators", await pane(mediatorReport(mediatorResultsFixture(), "zh-CN"))),
    zh("pane-competition", await pane(competitionReport(competitionFixture(), "zh-CN"))),
    zh("pane-trend", await pane(trendReport(sampleTrend(), "zh-CN"))),
    zh("pane-court", await pane(courtReport(courtCasesFixture(), "2026-Q3", "zh-CN"))),
    zh("pane-mentors", await pane(mentorsReport(mentorsFixture(), "zh-CN"))),
    zh("pane-monthly", await gridWorkbookBytes([monthlyReportLayout(sampleReportData(stats), "zh-CN", FILED)])),
  ];
}

/**
 * The (workbook, sheet) pairs to test, known before anything is printed (vitest collects the tests first): the
 * sheets of each workbook, read from the workbooks themselves.
 */
const PAIRS: [string, string][] = await (async () => {
  const ExcelJSModule = (await import("exceljs")).default;
  const out: [string, string][] = [];
  for (const wb of await workbooks()) {
    const book = new ExcelJSModule.Workbook();
    await book.xlsx.load(Buffer.from(wb.bytes));
    for (const ws of book.worksheets) out.push([wb.id, ws.name]);
  }
  return out;
})();

let check: PrintCheck;

beforeAll(async () => {
  check = await printCheck(await workbooks());
  // What printing every sheet costs, for the report: LibreOffice dominates.
  process.stderr.write(`print check: ${check.sheets.length} sheets, ${check.sheets.reduce((n, s) => n + s.pages, 0)} pages in ${check.ms} ms; 8 pt prints ${check.minTextHeight.toFixed(2)} pt tall\n`);
}, 900_000);

afterAll(async () => {
  if (check && process.env.KEEP_PRINTS) await writeFile(path.join(check.dir, "findings.json"), JSON.stringify(check.sheets, null, 1));
  if (check && !process.env.KEEP_PRINTS) await rm(check.dir, { recursive: true, force: true });
});

describe("every sheet a clerk can print", () => {
  it("finds every (workbook, sheet) it set out to print, and 8 pt text where the reference puts it", () => {
    expect(check.sheets.map((s) => [s.workbook, s.sheet])).toEqual(PAIRS);
    // Real 8 pt text prints about 10.4 pt tall (ascent and descent) in this font stack.
    expect(check.minTextHeight).toBeGreaterThan(9);
    expect(check.minTextHeight).toBeLessThan(12);
  });

  for (const [workbook, sheet] of PAIRS) {
    const key = `${workbook} / ${sheet}`;
    it(`${key} prints on A4, readable, headers repeated and frozen, no codes, numbers as numbers`, () => {
      const printed = check.sheets.find((s) => s.workbook === workbook && s.sheet === sheet)!;
      // One finding a line, so the failure reads as a list of what is wrong where.
      expect(printed.findings.join("\n"), `${key} (${printed.pages} pages, ${printed.pdf})`).toBe("");
    });
  }
});
