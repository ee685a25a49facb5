// `tiaojie court-cases [--period P] [--json] [--out FILE.xlsx]`: the court liaison's list (法院联络员) of the cases the
// court referred or will confirm, across all units, with their outcomes. Which cases: ledger/api/court.ts.
import ExcelJS from "exceljs";
import type { CourtCase } from "../../ledger/api/court.ts";
import { COURT_TABLE_HEADERS, CONFIRMATION_COLUMN, courtTableRows, courtTableSummary } from "../../ledger/court-table.ts";
import { connection, createClient } from "../lib/client.ts";
import { commandFailed } from "../lib/command-error.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";
import { fitColumnWidths, widenForTitle } from "../lib/sheet-fit.ts";
import { THIN, headerRow } from "../lib/sheet-style.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

export const USAGE = `用法 Usage: tiaojie court-cases [--period 2026-Q3] [--locale zh-CN|en] [--json] [--out FILE.xlsx]
  法院委派（诉前）、法院委托（诉中）、立案 / 审判 / 执行阶段及申请司法确认的案件，全部单位（法院联络员令牌）
  The cases the court referred or will confirm, across all units, with their outcomes (court liaison token).
  --period  只列本期收案或结案的案件 only cases received or closed in the period (2026-05, 2026-Q3, 2026)
  --out     写出法院案件表 write the court case table (.xlsx)
  --json    {"period", "cases": [{"unit", "caseNo", "receivedOn", "source", "stage", "applicant", "respondent",
             "status", "closedOn", "amount", "judicialConfirmation"}]}
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN)`;

/** What --json prints: the listed columns only, in this order. */
export function courtCasesJson(period: string | null, cases: readonly CourtCase[]) {
  return {
    period,
    cases: cases.map(({ unit, caseNo, receivedOn, source, stage, applicant, respondent, status, closedOn, amount, judicialConfirmation }) =>
      ({ unit, caseNo, receivedOn, source, stage, applicant, respondent, status, closedOn, amount, judicialConfirmation })),
  };
}

const CONFIRMED_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE2EFDA" } };

/** One landscape A4 sheet: title, what it covers, the table with its header repeated on every printed page. */
export function courtCasesWorkbook(period: string | null, cases: readonly CourtCase[], locale: "zh-CN" | "en" = "zh-CN"): ExcelJS.Workbook {
  const en = locale === "en";
  const headers = en ? COURT_TABLE_HEADERS.en : COURT_TABLE_HEADERS.zh;
  const cols = headers.length;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(period ? `法院案件 ${period}` : "法院案件", {
    pageSetup: { paperSize: 9, orientation: "landscape", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  const title = en ? `Court cases (${period ?? "all periods"})` : `法院案件表（${period ?? "全部期间"}）`;
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(2, 1).value = (en
    ? "Referred by the court (委派/委托), at 立案/审判/执行, or with judicial confirmation. "
    : "法院委派（诉前）、法院委托（诉中），立案 / 审判 / 执行阶段，及申请司法确认的案件。") + courtTableSummary(cases, locale);
  ws.getCell(2, 1).alignment = { horizontal: "center", wrapText: true };
  ws.getRow(2).height = 30;
  headerRow(ws, 4, headers);
  ws.views = [{ state: "frozen", ySplit: 4 }];
  ws.pageSetup.printTitlesRow = "4:4";
  courtTableRows(cases, locale).forEach((values, i) => {
    const row = ws.getRow(5 + i);
    row.values = values.map((v) => v ?? "");
    row.getCell(10).numFmt = "#,##0.00";
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = THIN;
    });
    if (cases[i].judicialConfirmation === true) row.getCell(CONFIRMATION_COLUMN + 1).fill = CONFIRMED_FILL;
  });
  fitColumnWidths(ws, { fromRow: 4, min: 8, max: 40 });
  widenForTitle(ws, cols, title, 15);
  return wb;
}

export async function run(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseOptions(args, {
      period: { type: "string" },
      locale: { type: "string" },
      json: { type: "boolean" },
      out: { type: "string" },
      url: { type: "string" },
      token: { type: "string" },
    });
    if (positionals.length > 0) throw new UsageError(`多余的参数 Unexpected argument: ${positionals[0]}`);
    if (values.locale && values.locale !== "zh-CN" && values.locale !== "en") throw new UsageError("--locale 须为 must be zh-CN|en");
    const locale = values.locale === "en" ? "en" : "zh-CN";
    const period = values.period === undefined ? null : periodOption(values.period).label;
    const c = connection(values);
    const cases = await createClient(c.url, c.token).courtCases({ period: period ?? undefined });
    if (values.out) {
      await courtCasesWorkbook(period, cases, locale).xlsx.writeFile(values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${cases.length} 件 cases）\n`);
    }
    if (values.json) process.stdout.write(JSON.stringify(courtCasesJson(period, cases)) + "\n");
    else if (!values.out) {
      const headers = locale === "en" ? COURT_TABLE_HEADERS.en : COURT_TABLE_HEADERS.zh;
      const rows = courtTableRows(cases, locale).map((r) => r.map((v) => (v === null ? "—" : String(v))).join("\t"));
      process.stdout.write([headers.join("\t"), ...rows, courtTableSummary(cases, locale)].join("\n") + "\n");
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
