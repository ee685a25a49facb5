// `tiaojie drilldown --unit 山腰街道 --period 2026-Q3 [--json] [--out FILE.xlsx]`: the cases behind one unit's
// indicators — which concluded cases were late, which commitments overdue, which cases were not accepted or not
// successful, the rows rejected from its last push, its reviews. A clerk's token may leave out --unit (own unit).
import ExcelJS from "exceljs";
import type { Drilldown } from "../../ledger/api/drilldown.ts";
import { INDICATOR_KEYS, INDICATORS, type IndicatorKey } from "../../ledger/api/indicators.ts";
import { drilldownLayout } from "../../ledger/reports/drilldown-layout.ts";
import { addGridSheet } from "../lib/grid-sheet.ts";
import { reportCommand } from "../lib/report-command.ts";
import { dayText, periodText } from "../../ledger/reports/form-text.ts";
import type { Locale } from "../../ledger/messages.ts";

export const USAGE = `用法 Usage: tiaojie drilldown --unit 山腰街道 --period 2026-Q3 [--json] [--out drilldown.xlsx] [--as-of 2026-10-01] [--locale en]
  考评明细：每项指标的分子/分母及其背后的案件（超期办结、逾期未兑现的承诺、未受理、调解不成、被退回的行、评查）
  the cases behind each of one unit's indicators (late cases, overdue commitments, not accepted, unsuccessful, rejected rows, reviews)
  --json  打印接口返回的明细 print the drill-down as the API returns it
  --out   写出明细工作簿 write the drill-down workbook
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token names --unit, a clerk's may leave it out)`;

/** The drill-down sheet on A4, in Chinese or (--locale en) English: ledger/reports/drilldown-layout.ts, as the pane writes it. */
export function drilldownWorkbook(d: Drilldown, locale: Locale = "zh-CN"): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  addGridSheet(wb, drilldownLayout(d, locale));
  return wb;
}

/** The cases that cost the unit, per indicator, as one line each: what a person looks at first. */
export function drilldownText(d: Drilldown): string {
  const i = d.indicators;
  const list = (xs: string[]) => (xs.length === 0 ? "" : `  ${xs.join("、")}`);
  const costs: Record<IndicatorKey, string> = {
    acceptance: list(i.acceptance.cases.filter((c) => !c.accepted).map((c) => `${c.caseNo} 未受理${c.rejectReason ? `（${c.rejectReason}）` : ""}`)),
    success: list(i.success.cases.filter((c) => !c.inNumerator).map((c) => `${c.caseNo} ${c.status}`)),
    onTime: list(i.onTime.cases.filter((c) => !c.onTime).map((c) => `${c.caseNo} 用时 ${c.days} 天 / 期限 ${c.limit} 天`)),
    commitments: list(i.commitments.cases.filter((c) => c.state !== "kept")
      .map((c) => `${c.caseNo} ${c.state === "overdue" ? `逾期未兑现（期限 ${c.commitmentDue}）` : `逾期兑现（期限 ${c.commitmentDue}，${c.commitmentMetOn} 兑现）`}`)),
    preSuit: list(i.preSuit.cases.filter((c) => !c.inNumerator).map((c) => `${c.caseNo} ${c.stage ?? "阶段未填"}`)),
    ledgerQuality: list(i.ledgerQuality.rows.map((r) => `第 ${r.row} 行`)),
    review: list(i.review.cases.map((c) => `${c.caseNo} ${c.score}`)),
  };
  const lines = [`考评明细 ${d.unit} ${periodText(d.period)}（统计截至${dayText(d.asOf)}）`];
  for (const k of INDICATOR_KEYS) {
    const { num, den } = i[k];
    lines.push(`${INDICATORS[k].zh}  ${Math.round(num * 10) / 10}/${Math.round(den * 10) / 10}${costs[k]}`);
  }
  return lines.join("\n") + "\n";
}

export const run = reportCommand<Drilldown>({
  usage: USAGE,
  asOf: true,
  unit: true,
  fetch: (client, period, asOf, unit) => client.drilldown({ unit, period: period.label, asOf }),
  text: drilldownText,
  workbook: { build: (d, o) => drilldownWorkbook(d, o.locale), wrote: (d, o) => `${d.unit} ${periodText(d.period, o.locale)}` },
});
