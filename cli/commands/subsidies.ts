// `tiaojie subsidies --period 2026-Q3 [--json] [--out FILE.xlsx]`: the period's case subsidies (以案定补 / 办案补贴),
// each mediator's payable cases and total, and the district's sum (assessor or coordinator). Rules: ledger/subsidies.ts.
import { COMPLEXITIES } from "../../ledger/choices.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import type { Subsidies } from "../../ledger/api/subsidies.ts";
import type { Grid } from "../../ledger/reports/grid.ts";
import { subsidiesLayout } from "../../ledger/reports/subsidies-layout.ts";
import { writeGridWorkbook } from "../lib/grid-workbook.ts";
import { reportCommand, type ReportOutput } from "../lib/report-command.ts";

export const USAGE = `用法 Usage: tiaojie subsidies --period 2026-Q3 [--json] [--out subsidies.xlsx]
  办案补贴：每位调解员本期应发的案件和金额（元），全区合计 case subsidies per mediator for the period, in 元
  --out  写出汇总表和每位调解员的明细表 write the district summary and each mediator's statement
  --locale en  工作表用英文 sheets in English (default: Chinese)
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** What --json prints: the period, the tiers, each mediator's cases and amount, the total (元). */
export function subsidiesJson(r: Subsidies) {
  return { period: r.period, tiers: r.tiers, mediators: r.mediators.map(({ mediator, unit, cases, amount }) => ({ mediator, unit, cases, amount })), total: r.total };
}

/**
 * The summary by unit and mediator and each mediator's statement, as the pane writes them too
 * (ledger/reports/subsidies-layout.ts): payment documents with the total in capitals and the 经办人 / 审核 lines.
 */
export function subsidiesGrids(r: Subsidies, o: ReportOutput): Grid[] {
  return subsidiesLayout(r, o.locale, { filedOn: o.filedOn, office: o.office });
}

function subsidiesText(r: Subsidies): string {
  const out = [`办案补贴 Case subsidies ${r.period}（${COMPLEXITIES.map((k) => `${k} ${r.tiers[k]}`).join("、")} 元）\n`];
  for (const m of r.mediators) out.push(`${m.amount.toFixed(2).padStart(10)} 元  ${String(m.cases).padStart(3)} 件  ${m.mediator}（${m.unit}）\n`);
  out.push(`${r.total.toFixed(2).padStart(10)} 元  全区合计 district total\n`);
  if (r.unpriced.length > 0) out.push(`未计补贴 not priced：${r.unpriced.map((u) => `${u.unit} ${u.caseNo}（${u.reason.zh}）`).join("；")}\n`);
  return out.join("");
}

export const run = reportCommand<Subsidies>({
  usage: USAGE,
  asOf: false,
  fetch: (client, period) => client.request<Subsidies>("GET", PATHS.subsidies(period.label)),
  json: subsidiesJson,
  text: subsidiesText,
  workbook: { write: (r, file, o) => writeGridWorkbook(subsidiesGrids(r, o), file), wrote: (r) => `${r.mediators.length} 名调解员 mediators` },
});
