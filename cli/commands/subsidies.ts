// `tiaojie subsidies --period 2026-Q3 [--json] [--out FILE.xlsx]`: the period's case subsidies (以案定补 / 办案补贴),
// each mediator's payable cases and total, and the district's sum (assessor or coordinator). Rules: ledger/subsidies.ts.
import ExcelJS from "exceljs";
import { COMPLEXITIES } from "../../ledger/choices.ts";
import { PATHS } from "../../ledger/api/paths.ts";
import type { Subsidies } from "../../ledger/api/subsidies.ts";
import { fitColumnWidths, widenForTitle, wrappedRowHeight } from "../lib/sheet-fit.ts";
import { reportCommand } from "../lib/report-command.ts";
import { THIN, headerRow } from "../lib/sheet-style.ts";
import { footerCodes, PAGE_FOOTER } from "../../ledger/reports/page-footer.ts";

export const USAGE = `用法 Usage: tiaojie subsidies --period 2026-Q3 [--json] [--out subsidies.xlsx]
  办案补贴：每位调解员本期应发的案件和金额（元），全区合计 case subsidies per mediator for the period, in 元
  --out  写出汇总表和每位调解员的明细表 write the district summary and each mediator's statement
  (--url URL --token TOKEN, or TIAOJIE_URL / TIAOJIE_TOKEN; an assessor or coordinator token)`;

/** What --json prints: the period, the tiers, each mediator's cases and amount, the total (元). */
export function subsidiesJson(r: Subsidies) {
  return { period: r.period, tiers: r.tiers, mediators: r.mediators.map(({ mediator, unit, cases, amount }) => ({ mediator, unit, cases, amount })), total: r.total };
}

const SUM_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFF2F2F2" } };
const MISS_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFC7CE" } };
const YUAN = "#,##0.00";

function titled(wb: ExcelJS.Workbook, name: string, title: string, sub: string, cols: number): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: "portrait", fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    headerFooter: { oddFooter: footerCodes(PAGE_FOOTER) },
  });
  ws.mergeCells(1, 1, 1, cols);
  ws.getCell(1, 1).value = title;
  ws.getCell(1, 1).font = { bold: true, size: 15 };
  ws.getCell(1, 1).alignment = { horizontal: "center" };
  ws.mergeCells(2, 1, 2, cols);
  ws.getCell(2, 1).value = sub;
  ws.getCell(2, 1).alignment = { horizontal: "center", wrapText: true };
  ws.getRow(2).height = 30;
  return ws;
}

function bordered(row: ExcelJS.Row, fill?: ExcelJS.Fill): void {
  row.eachCell({ includeEmpty: true }, (c) => {
    c.border = THIN;
    if (fill) c.fill = fill;
  });
}

/** Two sheets to print: the district summary by unit and mediator, and each mediator's statement of cases. */
export function subsidiesWorkbook(r: Subsidies): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const tiers = COMPLEXITIES.map((c) => `${c} ${r.tiers[c]} 元`).join("、");
  const sub = `补贴标准 Tiers：${tiers}（${r.tiersSource === "period" ? "本期设定 set for the period" : "默认 default"}）　调解成功且协议已履行的案件，同一纠纷只补一次，多名调解员平分`;

  const sum = titled(wb, `补贴汇总 ${r.period}`, `办案补贴汇总表（${r.period}） Case subsidy summary ${r.period}`, sub, 4);
  headerRow(sum, 4, ["单位\nUnit", "调解员\nMediator", "案件数\nCases", "金额（元）\nAmount (元)"], { height: 32 });
  sum.views = [{ state: "frozen", ySplit: 4 }];
  let n = 5;
  const units = [...new Set(r.mediators.map((m) => m.unit))].sort((a, b) => a.localeCompare(b, "zh"));
  for (const unit of units) {
    const ms = r.mediators.filter((m) => m.unit === unit);
    for (const m of ms) {
      const row = sum.getRow(n++);
      row.values = [m.unit, m.mediator, m.cases, m.amount];
      row.getCell(4).numFmt = YUAN;
      bordered(row);
    }
    const subtotal = sum.getRow(n++);
    subtotal.values = [`${unit} 小计 subtotal`, "", ms.reduce((s, m) => s + m.cases, 0), Math.round(ms.reduce((s, m) => s + m.amount * 100, 0)) / 100];
    subtotal.getCell(4).numFmt = YUAN;
    subtotal.font = { bold: true };
    bordered(subtotal, SUM_FILL);
  }
  const total = sum.getRow(n++);
  total.values = ["全区合计 District total", "", r.mediators.reduce((s, m) => s + m.cases, 0), r.total];
  total.getCell(4).numFmt = YUAN;
  total.font = { bold: true };
  bordered(total, SUM_FILL);
  // The figures size the columns; the notes on unpriced cases below span them.
  fitColumnWidths(sum, { fromRow: 4, min: 10, max: 50 });
  widenForTitle(sum, 4, String(sum.getCell(1, 1).value), 15);
  if (r.unpriced.length > 0) {
    n++;
    const note = sum.getRow(n++);
    note.getCell(1).value = `未计补贴 Not priced（${r.unpriced.length}）：`;
    note.font = { bold: true };
    for (const u of r.unpriced) {
      const row = sum.getRow(n++);
      row.values = [u.unit, `${u.caseNo}（${u.payableOn}）：${u.reason.zh}`];
      sum.mergeCells(n - 1, 2, n - 1, 4);
      bordered(row, MISS_FILL);
      row.getCell(2).alignment = { wrapText: true, vertical: "top" };
      const spanned = [2, 3, 4].reduce((w, c) => w + (sum.getColumn(c).width ?? 10), 0);
      row.height = wrappedRowHeight([String(row.getCell(2).value)], [spanned]);
    }
  }

  const detail = titled(wb, `补贴明细 ${r.period}`, `调解员办案补贴明细表（${r.period}） Mediators' subsidy statements ${r.period}`, sub, 7);
  headerRow(detail, 4, ["调解员\nMediator", "单位\nUnit", "案件编号\nCase no.", "难易程度\nTier", "案件金额（元）\nCase (元)", "本人应得（元）\nShare (元)", "应付日期\nPayable on"], { height: 32 });
  detail.views = [{ state: "frozen", ySplit: 4 }];
  detail.pageSetup.printTitlesRow = "4:4";
  n = 5;
  for (const m of r.mediators) {
    for (const l of r.lines.filter((x) => x.mediator === m.mediator && x.unit === m.unit)) {
      const row = detail.getRow(n++);
      row.values = [l.mediator, l.unit, l.caseNo, l.tier, l.caseAmount, l.amount, l.payableOn];
      row.getCell(5).numFmt = YUAN;
      row.getCell(6).numFmt = YUAN;
      bordered(row);
      if (l.sharedBy > 1) row.getCell(6).note = `${l.sharedBy} 名调解员平分 shared by ${l.sharedBy} mediators`;
    }
    const subtotal = detail.getRow(n++);
    subtotal.values = [`${m.mediator} 合计 total`, m.unit, `${m.cases} 件 cases`, "", "", m.amount, ""];
    subtotal.getCell(6).numFmt = YUAN;
    subtotal.font = { bold: true };
    bordered(subtotal, SUM_FILL);
  }
  fitColumnWidths(detail, { fromRow: 4, min: 10, max: 40 });
  widenForTitle(detail, 7, String(detail.getCell(1, 1).value), 15);
  return wb;
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
  workbook: { build: subsidiesWorkbook, wrote: (r) => `${r.mediators.length} 名调解员 mediators` },
});
