// `tiaojie court-cases [--period P] [--json] [--out FILE.xlsx]`: the court liaison's list (法院联络员) of the cases the
// court referred or will confirm, across all units, with their outcomes. Which cases: ledger/api/court.ts.
import type { CourtCase } from "../../ledger/api/court.ts";
import { todayInChina } from "../../ledger/clock.ts";
import { COURT_TABLE_HEADERS, courtTableRows, courtTableSummary } from "../../ledger/court-table.ts";
import { courtCasesLayout, type CourtSheetLocale } from "../../ledger/reports/court-cases-layout.ts";
import type { OfficeLetterhead } from "../../ledger/reports/office-lines.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { connection, createClient } from "../lib/client.ts";
import { letterhead } from "../lib/report-command.ts";
import { commandFailed } from "../lib/command-error.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { parseOptions, UsageError } from "../lib/options.ts";
import { periodOption } from "../lib/period-options.ts";

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

/** The sheet --out writes (the pane's 法院案件 page writes the same): filed today, by the office when it is known. */
export function courtCasesGrid(period: string | null, cases: readonly CourtCase[], locale: CourtSheetLocale = "zh-CN", office?: OfficeLetterhead): Grid {
  return courtCasesLayout(cases, period, locale, { filedOn: todayInChina(), office });
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
    const client = createClient(c.url, c.token);
    // The letterhead for the form's lines; blank lines when the Worker cannot say.
    const office = values.out ? await letterhead(client) : undefined;
    const cases = await client.courtCases({ period: period ?? undefined });
    if (values.out) {
      await writeGridWorkbook([courtCasesGrid(period, cases, locale, office)], values.out);
      if (!values.json) process.stdout.write(`已写入 Wrote ${values.out}（${cases.length} 件 cases）\n`);
    }
    if (values.json) process.stdout.write(JSON.stringify(courtCasesJson(period, cases)) + "\n");
    else if (!values.out) {
      const headers = locale === "en" ? COURT_TABLE_HEADERS.en : COURT_TABLE_HEADERS.zh;
      const rows = courtTableRows(cases, locale).map((r) => r.map((v) => (v === null ? "—" : String(v))).join("\t"));
      process.stdout.write([headers.join("\t"), ...rows, courtTableSummary(cases, locale, period, todayInChina())].join("\n") + "\n");
    }
    return 0;
  } catch (e) {
    return commandFailed(e, USAGE);
  }
}
